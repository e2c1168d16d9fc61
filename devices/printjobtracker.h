#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QThread;

namespace devices {

/// What a printer's printer-state-reasons amount to, for people and for retry decisions.
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

/// The device state for an IPP printer-state (3 idle, 4 processing, 5 stopped, 0 = unreachable), its
/// printer-state-reasons (-report/-warning/-error suffixes stripped) and printer-is-accepting-jobs.
[[nodiscard]] DeviceState deviceStateFor(int printerState, const QStringList &reasons, bool acceptingJobs);
/// The sentence the citizen sees, in Bahasa Indonesia ("Kertas habis, silakan hubungi petugas."); empty for Ready.
[[nodiscard]] QString citizenMessage(DeviceState state);
/// True when the printer can take (and finish) jobs in this state; PaperLow and TonerLow still print.
[[nodiscard]] bool canPrint(DeviceState state);

/// A job the tracker holds until it is printed: shown to staff, resubmitted after a failure.
struct TrackedJob {
    QString role;
    int jobId = 0;
    QString title;
    /// 0 for the first submission; counts resubmissions.
    int attempts = 0;
    /// Last IPP job-state (3 pending … 9 completed).
    int ippState = 0;
    /// Why it is not printed yet, in Bahasa Indonesia (empty while it prints normally).
    QString problem;
};

/// Follows every print job to a final state and watches printer states, polling CUPS over IPP on a worker thread;
/// failed jobs are kept and resubmitted once the printer can print again.
class PrintJobTracker : public QObject
{
    Q_OBJECT
public:
    /// `cupsServer` is "host:port" (empty = system default); `pollIntervalMs` how often CUPS is asked.
    explicit PrintJobTracker(const QString &cupsServer, int pollIntervalMs = 1000, QObject *parent = nullptr);
    ~PrintJobTracker() override;
    PrintJobTracker(const PrintJobTracker &) = delete;
    PrintJobTracker &operator=(const PrintJobTracker &) = delete;

    /// Watches the CUPS queue `queue` under `role` ("ticket", "letter"); call before or after start.
    void addPrinter(const QString &role, const QString &queue);
    /// Starts polling on the worker thread.
    void start();

    /// Follows job `jobId` that was just submitted to `role`'s queue. The document is kept so the job can be
    /// resubmitted if it fails; it is dropped once the job completes.
    void track(const QString &role, int jobId, const QByteArray &document, const QString &mimeType, const QString &title);

    /// Jobs not yet printed (thread-safe snapshot, for the staff view).
    [[nodiscard]] QList<TrackedJob> pendingJobs() const;
    /// The last state seen for `role` (Unknown before the first poll).
    [[nodiscard]] DeviceState state(const QString &role) const;

Q_SIGNALS:
    /// `jobId` is the id track() was given; ok = printed. `reason` (Indonesian) says why not.
    void jobFinished(int jobId, bool ok, const QString &reason);
    /// A failed job was sent again; further jobFinished() reports still use `originalJobId`.
    void jobResubmitted(int originalJobId, int newJobId);
    /// The printer for `role` changed state; `message` is the citizen's sentence.
    void printerStateChanged(const QString &role, devices::DeviceState state, const QString &message);

private:
    class Worker;
    Worker *m_worker = nullptr;
    QThread *m_thread = nullptr;
};

} // namespace devices

Q_DECLARE_METATYPE(devices::DeviceState)
