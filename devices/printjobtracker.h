#pragma once

#include "printer.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <memory>

class QThread;

namespace devices {

/// A job the tracker holds until it is printed: shown to staff, resubmitted after a failure.
struct TrackedJob {
    /// The tracker's own id for the job; stays the same across resubmissions.
    int id = 0;
    QString role;
    QString title;
    /// The printer's id for the current submission; 0 while no queue has accepted it.
    int printerJobId = 0;
    /// Submissions so far (a reprint counts).
    int attempts = 0;
    /// Last job-state (see devices::jobstate).
    int state = 0;
    /// Why it is not printed yet, in Bahasa Indonesia (empty while it prints normally).
    QString problem;
    /// No progress for longer than the stall timeout although the printer says it can print.
    bool stalled = false;
    /// Failed too often: waits for staff to reprint or discard it.
    bool needsStaff = false;
};

/// The kiosk's print service: submits documents to the printer of a role ("ticket", "letter") on its own
/// thread, follows every job to a final state, watches printer states, resubmits failed jobs once the printer
/// can print again and keeps jobs that cannot finish for staff. The caller's thread never waits for a printer.
class PrintJobTracker : public QObject
{
    Q_OBJECT
public:
    /// `pollIntervalMs`: how often printers are asked; `stallTimeoutMs`: how long a job may make no progress
    /// on a printer that says it is ready before it is reported as stalled.
    explicit PrintJobTracker(int pollIntervalMs = 1000, int stallTimeoutMs = 120000, QObject *parent = nullptr);
    ~PrintJobTracker() override;
    PrintJobTracker(const PrintJobTracker &) = delete;
    PrintJobTracker &operator=(const PrintJobTracker &) = delete;

    /// Prints `role`'s jobs on `printer` (used only on the tracker's thread from now on).
    void addPrinter(const QString &role, std::unique_ptr<Printer> printer);
    /// Starts polling on the worker thread.
    void start();

    /// Queues a document for `role`'s printer and returns the job's id at once. The document is kept until
    /// the job has printed; a printer that refuses it now gets it again when it can print.
    int submit(const QString &role, const QByteArray &document, const QString &mimeType, const QString &title);
    /// Staff: cancel the current submission of job `id` (if any) and send it again now.
    void reprint(int id);
    /// Staff: give up on job `id` (cancelled at the printer, dropped here).
    void discard(int id);

    /// Jobs not yet printed (thread-safe snapshot, for the staff view).
    [[nodiscard]] QList<TrackedJob> pendingJobs() const;
    /// The last state seen for `role` (Unknown before the first poll).
    [[nodiscard]] DeviceState state(const QString &role) const;
    /// The last status seen of each printer by role, raw reasons included (thread-safe snapshot).
    [[nodiscard]] QMap<QString, PrinterStatus> statuses() const;

Q_SIGNALS:
    /// A printer took job `id` (first submission or a resubmission) as its job `printerJobId`.
    void jobAccepted(int id, int printerJobId);
    /// A submission of job `id` was refused; the job is kept and tried again. `reason` is in Indonesian.
    void jobRefused(int id, const QString &reason);
    /// Job `id` printed (ok), or failed so often that it now waits for staff (ok = false, `reason` says why).
    void jobFinished(int id, bool ok, const QString &reason);
    /// pendingJobs() changed.
    void jobsChanged();
    /// The printer for `role` changed state; `message` is the citizen's sentence.
    void printerStateChanged(const QString &role, devices::DeviceState state, const QString &message);
    /// The printer for `role` reports other printer-state-reasons (or became stopped, unreachable or reachable):
    /// not sent for the idle/processing swing of every job.
    void printerReasonsChanged(const QString &role);

private:
    class Worker;
    Worker *m_worker = nullptr;
    QThread *m_thread = nullptr;
};

} // namespace devices
