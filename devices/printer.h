#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <memory>

namespace devices {

/// What a printer's state amounts to, for people and for retry decisions.
enum class DeviceState {
    Ready,
    PaperOut,
    PaperLow,
    Offline,
    DoorOpen,
    Jam,
    TonerLow,
    Stopped,
    Unknown,
};

/// "media-empty-error" → "media-empty": the severity suffixes (-report, -warning, -error) removed.
[[nodiscard]] QString stripStateReasonSuffix(QString reason);
/// The device state for an IPP printer-state (3 idle, 4 processing, 5 stopped, 0 = unreachable), its
/// printer-state-reasons (-report/-warning/-error suffixes stripped) and printer-is-accepting-jobs.
[[nodiscard]] DeviceState deviceStateFor(int printerState, const QStringList &reasons, bool acceptingJobs);
/// The sentence the citizen sees, in Bahasa Indonesia ("Kertas habis, silakan hubungi petugas."); empty for Ready.
[[nodiscard]] QString citizenMessage(DeviceState state);
/// True when the printer can take (and finish) jobs in this state; PaperLow and TonerLow still print.
[[nodiscard]] bool canPrint(DeviceState state);

/// IPP job-state values (RFC 8011 §5.3.7) as printers report them, plus two of our own.
namespace jobstate {
constexpr int Unreachable = 0; // the printer could not be asked
constexpr int Unknown = -1; // the printer does not know the job (purged, server reset)
constexpr int Pending = 3;
constexpr int Held = 4;
constexpr int Processing = 5;
constexpr int Stopped = 6;
constexpr int Canceled = 7;
constexpr int Aborted = 8;
constexpr int Completed = 9;
} // namespace jobstate

/// What a printer said when asked: the state it amounts to and the raw IPP values it came from, for technicians.
struct PrinterStatus {
    DeviceState state = DeviceState::Unknown;
    int printerState = 0; // IPP printer-state (3 idle, 4 processing, 5 stopped); 0 when it could not be asked
    QStringList reasons; // printer-state-reasons as the printer gave them ("media-low-report")

    friend bool operator==(const PrinterStatus &, const PrinterStatus &) = default;
};

/// Outcome of handing a document to a print queue.
struct [[nodiscard]] PrintSubmission {
    bool accepted = false;
    int jobId = 0;
    /// Human-readable reason in Bahasa Indonesia when not accepted.
    QString error;
};

/// A print queue. Implementations are chosen by URI scheme (`cups:QUEUE`), see createPrinter().
/// Calls may block on the printer: make them from a worker thread (PrintJobTracker does).
class Printer
{
public:
    virtual ~Printer() = default;
    [[nodiscard]] virtual QString uri() const = 0;
    /// Sends one document. `mimeType` is e.g. "application/vnd.cups-raw" (ESC/POS) or "application/pdf".
    virtual PrintSubmission submit(const QByteArray &document, const QString &mimeType, const QString &title) = 0;
    /// One line about the queue for technicians (state and reasons), in Bahasa Indonesia.
    [[nodiscard]] virtual QString describeState() = 0;
    /// The printer's state now; Offline when it cannot be reached.
    [[nodiscard]] virtual DeviceState queryState() = 0;
    /// The state with the raw printer-state and reasons behind it, in one question to the printer; a printer
    /// without raw values reports its state alone.
    [[nodiscard]] virtual PrinterStatus queryStatus() { return {queryState(), 0, {}}; }
    /// The job-state (see jobstate) of a job this printer accepted.
    [[nodiscard]] virtual int queryJobState(int jobId) = 0;
    /// Cancels a job that will not finish (stalled, reprinted elsewhere); false when the printer refused.
    virtual bool cancelJob(int jobId) = 0;
};

/// Builds the printer for `uri`: `cups:QUEUE` uses the CUPS server from `cupsServer`
/// ("host:port"; empty = the system default). nullptr (and *error) for an unknown scheme.
[[nodiscard]] std::unique_ptr<Printer> createPrinter(const QString &uri, const QString &cupsServer, QString *error = nullptr);

} // namespace devices

Q_DECLARE_METATYPE(devices::DeviceState)
