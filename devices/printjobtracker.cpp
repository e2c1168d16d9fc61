#include "printjobtracker.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <map>

namespace devices {

namespace {

/// Failures at the printer (aborted, cancelled, lost) before a job waits for staff.
constexpr int kMaxFailures = 3;

} // namespace

/// Lives on the tracker's thread: owns the printers, submits, polls, resubmits.
class PrintJobTracker::Worker : public QObject
{
    Q_OBJECT
public:
    Worker(int intervalMs, int stallTimeoutMs)
        : m_intervalMs(intervalMs)
        , m_stallTimeoutMs(stallTimeoutMs)
    { }

    // Shared with the tracker's thread: what pendingJobs() and state() read.
    mutable QMutex mutex;
    QHash<QString, DeviceState> states;
    QMap<QString, PrinterStatus> statuses;
    QList<TrackedJob> snapshot;
    std::atomic<int> nextId {1};

    void addPrinter(const QString &role, Printer *printer)
    {
        m_printers[role].reset(printer);
        schedulePoll();
    }

    void start()
    {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, &Worker::poll);
        m_timer->start();
        schedulePoll();
    }

    void submit(int id, const QString &role, const QByteArray &document, const QString &mimeType, const QString &title)
    {
        Job &job = m_jobs[id];
        job.info.id = id;
        job.info.role = role;
        job.info.title = title;
        job.document = document;
        job.mimeType = mimeType;
        // The first submission goes out at once, whatever the printer's state: the queue holds it until the
        // printer can print (paper loaded), and the ticket record gets its job id.
        send(job);
        publish();
    }

    void reprint(int id)
    {
        const auto it = m_jobs.find(id);
        if (it == m_jobs.end())
            return;
        Job &job = it->second;
        if (job.info.printerJobId != 0 && !job.waiting)
            cancelAtPrinter(job);
        job.failures = 0;
        job.info.needsStaff = false;
        job.info.stalled = false;
        send(job);
        publish();
    }

    void discard(int id)
    {
        const auto it = m_jobs.find(id);
        if (it == m_jobs.end())
            return;
        if (it->second.info.printerJobId != 0 && !it->second.waiting)
            cancelAtPrinter(it->second);
        m_jobs.erase(it);
        publish();
    }

Q_SIGNALS:
    void jobAccepted(int id, int printerJobId);
    void jobRefused(int id, const QString &reason);
    void jobFinished(int id, bool ok, const QString &reason);
    void jobsChanged();
    void printerStateChanged(const QString &role, devices::DeviceState state, const QString &message);
    void printerReasonsChanged(const QString &role);

private:
    /// One job and what is needed to send it again.
    struct Job {
        TrackedJob info;
        QByteArray document;
        QString mimeType;
        /// Not at the printer: refused, failed, or not yet sent.
        bool waiting = true;
        int failures = 0;
        /// Since the job last changed state at the printer (or the printer last reported a fault).
        QElapsedTimer progress;
    };

    void schedulePoll()
    {
        if (m_timer && !m_pollQueued) {
            m_pollQueued = true;
            QMetaObject::invokeMethod(this, &Worker::poll, Qt::QueuedConnection);
        }
    }

    Printer *printerFor(const QString &role) const
    {
        const auto it = m_printers.find(role);
        return it == m_printers.end() ? nullptr : it->second.get();
    }

    /// Hands the job to its printer; on refusal the job stays waiting with the printer's reason.
    void send(Job &job)
    {
        Printer *printer = printerFor(job.info.role);
        const PrintSubmission submission = printer
            ? printer->submit(job.document, job.mimeType, job.info.title)
            : PrintSubmission {false, 0, QStringLiteral("Printer untuk %1 belum diatur. Hubungi teknisi.").arg(job.info.role)};
        if (!submission.accepted) {
            job.waiting = true;
            job.info.problem = submission.error;
            Q_EMIT jobRefused(job.info.id, submission.error);
            return;
        }
        job.waiting = false;
        job.info.attempts += 1;
        job.info.printerJobId = submission.jobId;
        job.info.state = jobstate::Pending;
        job.info.problem.clear();
        job.info.stalled = false;
        job.progress.start();
        Q_EMIT jobAccepted(job.info.id, submission.jobId);
    }

    void cancelAtPrinter(Job &job)
    {
        if (Printer *printer = printerFor(job.info.role))
            printer->cancelJob(job.info.printerJobId);
        job.waiting = true;
    }

    void poll()
    {
        m_pollQueued = false;
        for (const auto &[role, printer] : m_printers) {
            const PrinterStatus status = printer->queryStatus();
            const DeviceState state = status.state;
            bool changed = false;
            bool reasonsChanged = false;
            {
                QMutexLocker lock(&mutex);
                changed = !states.contains(role) || states.value(role) != state;
                states.insert(role, state);
                const PrinterStatus before = statuses.value(role);
                // Idle and processing alternate with every job: only the reasons and stopped/unreachable count.
                const auto category = [](int printerState) { return printerState == 3 || printerState == 4 ? 3 : printerState; };
                reasonsChanged = !statuses.contains(role) || before.reasons != status.reasons
                    || category(before.printerState) != category(status.printerState);
                statuses.insert(role, status);
            }
            if (changed)
                Q_EMIT printerStateChanged(role, state, citizenMessage(state));
            if (reasonsChanged)
                Q_EMIT printerReasonsChanged(role);
        }
        std::vector<int> done;
        for (auto &[id, job] : m_jobs) {
            if (followJob(job))
                done.push_back(id);
        }
        for (const int id : done)
            m_jobs.erase(id);
        publish();
    }

    /// One poll of one job; true when it printed and can be forgotten.
    bool followJob(Job &job)
    {
        if (job.info.needsStaff)
            return false;
        const DeviceState printerState = state(job.info.role);
        if (job.waiting) {
            if (canPrint(printerState))
                send(job);
            else
                job.info.problem = citizenMessage(printerState);
            return false;
        }
        Printer *printer = printerFor(job.info.role);
        const int jobState = printer ? printer->queryJobState(job.info.printerJobId) : jobstate::Unreachable;
        if (jobState == jobstate::Unreachable)
            return false;
        if (jobState == jobstate::Completed) {
            Q_EMIT jobFinished(job.info.id, true, {});
            return true;
        }
        if (jobState == jobstate::Aborted || jobState == jobstate::Canceled || jobState == jobstate::Unknown) {
            job.waiting = true;
            job.info.state = jobState;
            job.failures += 1;
            if (job.failures >= kMaxFailures) {
                job.info.needsStaff = true;
                job.info.problem = QStringLiteral("Pencetakan \"%1\" gagal %2 kali; petugas dapat mencetak ulang.")
                                       .arg(job.info.title)
                                       .arg(job.failures);
                Q_EMIT jobFinished(job.info.id, false, job.info.problem);
                return false;
            }
            job.info.problem = QStringLiteral("Pencetakan gagal; akan dicetak ulang setelah printer siap.");
            if (canPrint(printerState))
                send(job);
            return false;
        }
        if (jobState != job.info.state) {
            job.info.state = jobState;
            job.progress.start();
        }
        if (!canPrint(printerState)) {
            // A known fault is not a stall: the job waits for paper, the door, the cable.
            job.info.problem = citizenMessage(printerState);
            job.progress.start();
        } else if (job.progress.elapsed() > m_stallTimeoutMs) {
            job.info.stalled = true;
            job.info.problem = QStringLiteral("Pencetakan tertahan lebih dari %1 detik tanpa kemajuan; petugas dapat mencetak ulang.")
                                   .arg(m_stallTimeoutMs / 1000);
        } else {
            job.info.problem.clear();
        }
        return false;
    }

    DeviceState state(const QString &role) const
    {
        QMutexLocker lock(&mutex);
        return states.value(role, DeviceState::Unknown);
    }

    void publish()
    {
        QList<TrackedJob> jobs;
        for (const auto &[id, job] : m_jobs)
            jobs << job.info;
        bool changed = false;
        {
            QMutexLocker lock(&mutex);
            changed = jobs.size() != snapshot.size()
                || !std::equal(jobs.cbegin(), jobs.cend(), snapshot.cbegin(), [](const TrackedJob &a, const TrackedJob &b) {
                       return a.id == b.id && a.printerJobId == b.printerJobId && a.attempts == b.attempts && a.state == b.state
                           && a.problem == b.problem && a.stalled == b.stalled && a.needsStaff == b.needsStaff;
                   });
            snapshot = jobs;
        }
        if (changed)
            Q_EMIT jobsChanged();
    }

    int m_intervalMs;
    int m_stallTimeoutMs;
    QTimer *m_timer = nullptr;
    bool m_pollQueued = false;
    std::map<QString, std::unique_ptr<Printer>> m_printers;
    std::map<int, Job> m_jobs;
};

PrintJobTracker::PrintJobTracker(int pollIntervalMs, int stallTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_worker(new Worker(pollIntervalMs, stallTimeoutMs))
    , m_thread(new QThread)
{
    qRegisterMetaType<devices::DeviceState>();
    m_thread->setObjectName(QStringLiteral("PrintJobTracker"));
    m_worker->moveToThread(m_thread);
    connect(m_worker, &Worker::jobAccepted, this, &PrintJobTracker::jobAccepted);
    connect(m_worker, &Worker::jobRefused, this, &PrintJobTracker::jobRefused);
    connect(m_worker, &Worker::jobFinished, this, &PrintJobTracker::jobFinished);
    connect(m_worker, &Worker::jobsChanged, this, &PrintJobTracker::jobsChanged);
    connect(m_worker, &Worker::printerStateChanged, this, &PrintJobTracker::printerStateChanged);
    connect(m_worker, &Worker::printerReasonsChanged, this, &PrintJobTracker::printerReasonsChanged);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

PrintJobTracker::~PrintJobTracker()
{
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void PrintJobTracker::addPrinter(const QString &role, std::unique_ptr<Printer> printer)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, role, p = printer.release()] { w->addPrinter(role, p); });
}

void PrintJobTracker::start()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->start(); });
}

int PrintJobTracker::submit(const QString &role, const QByteArray &document, const QString &mimeType, const QString &title)
{
    const int id = m_worker->nextId++;
    QMetaObject::invokeMethod(m_worker, [=, w = m_worker] { w->submit(id, role, document, mimeType, title); });
    return id;
}

void PrintJobTracker::reprint(int id)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id] { w->reprint(id); });
}

void PrintJobTracker::discard(int id)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id] { w->discard(id); });
}

QList<TrackedJob> PrintJobTracker::pendingJobs() const
{
    QMutexLocker lock(&m_worker->mutex);
    return m_worker->snapshot;
}

DeviceState PrintJobTracker::state(const QString &role) const
{
    QMutexLocker lock(&m_worker->mutex);
    return m_worker->states.value(role, DeviceState::Unknown);
}

QMap<QString, PrinterStatus> PrintJobTracker::statuses() const
{
    QMutexLocker lock(&m_worker->mutex);
    return m_worker->statuses;
}

} // namespace devices

#include "printjobtracker.moc"
