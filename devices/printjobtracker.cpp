#include "printjobtracker.h"

#include <QCoreApplication>

#include "cupsprinter.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <QTimer>

#include <cups/cups.h>

#include <functional>
#include <map>
#include <memory>

namespace devices {

namespace {

constexpr int kConnectTimeoutMs = 3000;
constexpr int kMaxAttempts = 3;

QString stripSuffix(QString reason)
{
    for (const auto suffix : {QLatin1String("-report"), QLatin1String("-warning"), QLatin1String("-error")}) {
        if (reason.endsWith(suffix)) {
            reason.chop(suffix.size());
            break;
        }
    }
    return reason;
}

/// Owns an IPP message.
struct IppMessage {
    ipp_t *ipp = nullptr;
    ~IppMessage()
    {
        if (ipp)
            ippDelete(ipp);
    }
};

} // namespace

DeviceState deviceStateFor(int printerState, const QStringList &reasons, bool acceptingJobs)
{
    if (printerState == 0)
        return DeviceState::Offline;
    QStringList stripped;
    for (const QString &reason : reasons)
        stripped << stripSuffix(reason);
    // Most severe first: a printer out of paper with its door open needs the door closed and paper.
    static const std::pair<const char *, DeviceState> table[] = {
        {"media-empty", DeviceState::PaperOut},
        {"media-needed", DeviceState::PaperOut},
        {"input-tray-missing", DeviceState::PaperOut},
        {"media-jam", DeviceState::Jam},
        {"door-open", DeviceState::DoorOpen},
        {"cover-open", DeviceState::DoorOpen},
        {"interlock-open", DeviceState::DoorOpen},
        {"offline", DeviceState::Offline},
        {"shutdown", DeviceState::Offline},
        {"timed-out", DeviceState::Offline},
        {"toner-empty", DeviceState::Stopped},
        {"marker-supply-empty", DeviceState::Stopped},
        {"paused", DeviceState::Stopped},
        {"media-low", DeviceState::PaperLow},
        {"toner-low", DeviceState::TonerLow},
        {"marker-supply-low", DeviceState::TonerLow},
    };
    for (const auto &[keyword, state] : table) {
        if (stripped.contains(QLatin1String(keyword)))
            return state;
    }
    if (printerState == IPP_PSTATE_STOPPED || !acceptingJobs)
        return DeviceState::Stopped;
    if (printerState == IPP_PSTATE_IDLE || printerState == IPP_PSTATE_PROCESSING)
        return DeviceState::Ready;
    return DeviceState::Unknown;
}

QString citizenMessage(DeviceState state)
{
    switch (state) {
    case DeviceState::Ready:
        return {};
    case DeviceState::PaperOut:
        return QCoreApplication::translate("devices::PrintJobTracker", "Kertas habis, silakan hubungi petugas.");
    case DeviceState::PaperLow:
        return QCoreApplication::translate("devices::PrintJobTracker", "Kertas hampir habis; cetakan Anda tetap diproses.");
    case DeviceState::Offline:
        return QCoreApplication::translate("devices::PrintJobTracker", "Printer tidak terhubung, silakan hubungi petugas.");
    case DeviceState::DoorOpen:
        return QCoreApplication::translate("devices::PrintJobTracker", "Tutup printer terbuka, silakan hubungi petugas.");
    case DeviceState::Jam:
        return QCoreApplication::translate("devices::PrintJobTracker", "Kertas macet di printer, silakan hubungi petugas.");
    case DeviceState::TonerLow:
        return QCoreApplication::translate("devices::PrintJobTracker", "Tinta printer hampir habis; cetakan Anda tetap diproses.");
    case DeviceState::Stopped:
        return QCoreApplication::translate("devices::PrintJobTracker", "Printer sedang berhenti, silakan hubungi petugas.");
    case DeviceState::Unknown:
        return QCoreApplication::translate(
            "devices::PrintJobTracker", "Keadaan printer belum diketahui, silakan hubungi petugas bila cetakan tidak keluar.");
    }
    return {};
}

bool canPrint(DeviceState state)
{
    return state == DeviceState::Ready || state == DeviceState::PaperLow || state == DeviceState::TonerLow;
}

/// Lives on the tracker's thread: owns the CUPS connection, polls, resubmits.
class PrintJobTracker::Worker : public QObject
{
    Q_OBJECT
public:
    Worker(QString server, int intervalMs)
        : m_server(std::move(server))
        , m_intervalMs(intervalMs)
    { }
    ~Worker() override { disconnect(); }

    /// One tracked job plus what is needed to send it again.
    struct Job {
        TrackedJob info;
        int originalId = 0;
        QByteArray document;
        QString mimeType;
        bool failed = false;
    };

    mutable QMutex mutex;
    QHash<QString, DeviceState> states;
    std::map<int, Job> jobs; // by original id

    void addPrinter(const QString &role, const QString &queue)
    {
        m_queues.insert(role, queue);
        m_printers[role] = std::make_unique<CupsPrinter>(queue, m_server);
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

    void track(const QString &role, int jobId, const QByteArray &document, const QString &mimeType, const QString &title)
    {
        Job job;
        job.info.role = role;
        job.info.jobId = jobId;
        job.info.title = title;
        job.originalId = jobId;
        job.document = document;
        job.mimeType = mimeType;
        {
            QMutexLocker lock(&mutex);
            jobs[jobId] = job;
        }
        schedulePoll();
    }

Q_SIGNALS:
    void jobFinished(int jobId, bool ok, const QString &reason);
    void jobResubmitted(int originalJobId, int newJobId);
    void printerStateChanged(const QString &role, devices::DeviceState state, const QString &message);

private:
    void schedulePoll()
    {
        if (m_timer && !m_pollQueued) {
            m_pollQueued = true;
            QMetaObject::invokeMethod(this, &Worker::poll, Qt::QueuedConnection);
        }
    }

    void disconnect()
    {
        if (m_http)
            httpClose(m_http);
        m_http = nullptr;
    }

    /// Sends the request `make` builds, reconnecting once after a dropped connection; null when CUPS cannot be reached.
    ipp_t *send(const std::function<ipp_t *()> &make)
    {
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (!m_http) {
                const QByteArray host = m_host.toUtf8();
                m_http = httpConnect2(
                    host.constData(), m_port, nullptr, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, kConnectTimeoutMs, nullptr);
                if (!m_http)
                    return nullptr;
            }
            if (ipp_t *response = cupsDoRequest(m_http, make(), "/"))
                return response;
            disconnect();
        }
        return nullptr;
    }

    QByteArray printerUri(const QString &queue) const
    {
        char uri[HTTP_MAX_URI];
        httpAssembleURIf(
            HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(), "/printers/%s", queue.toUtf8().constData());
        return QByteArray(uri);
    }

    DeviceState queryPrinter(const QString &queue)
    {
        const QByteArray uri = printerUri(queue);
        IppMessage response {send([&uri] {
            ipp_t *request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.constData());
            static const char *const requested[] = {"printer-state", "printer-state-reasons", "printer-is-accepting-jobs"};
            ippAddStrings(
                request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", int(std::size(requested)), nullptr, requested);
            return request;
        })};
        if (!response.ipp)
            return DeviceState::Offline;
        if (ippGetStatusCode(response.ipp) > IPP_STATUS_OK_EVENTS_COMPLETE)
            return DeviceState::Unknown;
        ipp_attribute_t *stateAttr = ippFindAttribute(response.ipp, "printer-state", IPP_TAG_ENUM);
        QStringList reasons;
        if (ipp_attribute_t *reasonsAttr = ippFindAttribute(response.ipp, "printer-state-reasons", IPP_TAG_KEYWORD)) {
            for (int i = 0; i < ippGetCount(reasonsAttr); ++i)
                reasons << QString::fromUtf8(ippGetString(reasonsAttr, i, nullptr));
        }
        ipp_attribute_t *acceptingAttr = ippFindAttribute(response.ipp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
        return deviceStateFor(stateAttr ? ippGetInteger(stateAttr, 0) : -1, reasons, !acceptingAttr || ippGetBoolean(acceptingAttr, 0));
    }

    /// The IPP job-state of `jobId` on `queue`; 0 when CUPS cannot be reached, -1 when the job is unknown.
    int queryJob(const QString &queue, int jobId)
    {
        const QByteArray uri = printerUri(queue);
        IppMessage response {send([&uri, jobId] {
            ipp_t *request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.constData());
            ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", jobId);
            static const char *const requested[] = {"job-state", "job-state-reasons"};
            ippAddStrings(
                request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", int(std::size(requested)), nullptr, requested);
            return request;
        })};
        if (!response.ipp)
            return 0;
        if (ippGetStatusCode(response.ipp) == IPP_STATUS_ERROR_NOT_FOUND)
            return -1;
        ipp_attribute_t *state = ippFindAttribute(response.ipp, "job-state", IPP_TAG_ENUM);
        return state ? ippGetInteger(state, 0) : 0;
    }

    void poll()
    {
        m_pollQueued = false;
        if (m_host.isEmpty() && m_port == 0) {
            // Resolve the server once, on this thread (cupsServer() reads per-thread client.conf state).
            const QString server = m_server.isEmpty() ? QString::fromUtf8(cupsServer()) : m_server;
            const qsizetype colon = server.lastIndexOf(QLatin1Char(':'));
            const bool hasPort = colon > 0 && !server.startsWith(QLatin1Char('/')) && !server.endsWith(QLatin1Char(']'));
            m_host = hasPort ? server.left(colon).remove(QLatin1Char('[')).remove(QLatin1Char(']')) : server;
            m_port = hasPort ? server.mid(colon + 1).toInt() : ippPort();
        }
        for (auto it = m_queues.cbegin(); it != m_queues.cend(); ++it) {
            const DeviceState state = queryPrinter(it.value());
            bool changed = false;
            {
                QMutexLocker lock(&mutex);
                changed = !states.contains(it.key()) || states.value(it.key()) != state;
                states.insert(it.key(), state);
            }
            if (changed)
                Q_EMIT printerStateChanged(it.key(), state, citizenMessage(state));
        }
        pollJobs();
    }

    void pollJobs()
    {
        QList<int> ids;
        {
            QMutexLocker lock(&mutex);
            for (const auto &[id, job] : jobs)
                ids << id;
        }
        for (const int id : ids) {
            Job job;
            DeviceState printerState = DeviceState::Unknown;
            {
                QMutexLocker lock(&mutex);
                job = jobs.at(id);
                printerState = states.value(job.info.role, DeviceState::Unknown);
            }
            const QString queue = m_queues.value(job.info.role);
            if (job.failed) {
                if (canPrint(printerState))
                    resubmit(job);
                else
                    job.info.problem = citizenMessage(printerState);
                store(job);
                continue;
            }
            const int ippState = queryJob(queue, job.info.jobId);
            if (ippState == 0)
                continue;
            job.info.ippState = ippState;
            if (ippState == IPP_JSTATE_COMPLETED) {
                {
                    QMutexLocker lock(&mutex);
                    jobs.erase(id);
                }
                Q_EMIT jobFinished(id, true, {});
                continue;
            }
            if (ippState == IPP_JSTATE_ABORTED || ippState == IPP_JSTATE_CANCELED || ippState == -1) {
                job.failed = true;
                job.info.problem = QStringLiteral("Pencetakan gagal; akan dicetak ulang setelah printer siap.");
                if (job.info.attempts + 1 >= kMaxAttempts) {
                    {
                        QMutexLocker lock(&mutex);
                        jobs.erase(id);
                    }
                    Q_EMIT jobFinished(id, false,
                        QStringLiteral("Pencetakan \"%1\" gagal %2 kali. Silakan minta petugas mencetak ulang.")
                            .arg(job.info.title)
                            .arg(kMaxAttempts));
                    continue;
                }
                if (canPrint(printerState))
                    resubmit(job);
            } else {
                // Pending or processing: while the printer cannot print, say why the job waits.
                job.info.problem = canPrint(printerState) ? QString() : citizenMessage(printerState);
            }
            store(job);
        }
    }

    void resubmit(Job &job)
    {
        CupsPrinter *printer = m_printers.at(job.info.role).get();
        const PrintSubmission submission = printer->submit(job.document, job.mimeType, job.info.title);
        if (!submission.accepted) {
            job.info.problem = submission.error;
            return;
        }
        job.failed = false;
        job.info.jobId = submission.jobId;
        job.info.attempts += 1;
        job.info.ippState = IPP_JSTATE_PENDING;
        job.info.problem.clear();
        Q_EMIT jobResubmitted(job.originalId, submission.jobId);
    }

    void store(const Job &job)
    {
        QMutexLocker lock(&mutex);
        if (auto it = jobs.find(job.originalId); it != jobs.end())
            it->second = job;
    }

    QString m_server;
    QString m_host;
    int m_port = 0;
    int m_intervalMs;
    http_t *m_http = nullptr;
    QTimer *m_timer = nullptr;
    bool m_pollQueued = false;
    QHash<QString, QString> m_queues;
    std::map<QString, std::unique_ptr<CupsPrinter>> m_printers;
};

PrintJobTracker::PrintJobTracker(const QString &cupsServer, int pollIntervalMs, QObject *parent)
    : QObject(parent)
    , m_worker(new Worker(cupsServer, pollIntervalMs))
    , m_thread(new QThread)
{
    m_thread->setObjectName(QStringLiteral("PrintJobTracker"));
    m_worker->moveToThread(m_thread);
    connect(m_worker, &Worker::jobFinished, this, &PrintJobTracker::jobFinished);
    connect(m_worker, &Worker::jobResubmitted, this, &PrintJobTracker::jobResubmitted);
    connect(m_worker, &Worker::printerStateChanged, this, &PrintJobTracker::printerStateChanged);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

PrintJobTracker::~PrintJobTracker()
{
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void PrintJobTracker::addPrinter(const QString &role, const QString &queue)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, role, queue] { w->addPrinter(role, queue); });
}

void PrintJobTracker::start()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->start(); });
}

void PrintJobTracker::track(const QString &role, int jobId, const QByteArray &document, const QString &mimeType, const QString &title)
{
    QMetaObject::invokeMethod(m_worker, [=, w = m_worker] { w->track(role, jobId, document, mimeType, title); });
}

QList<TrackedJob> PrintJobTracker::pendingJobs() const
{
    QMutexLocker lock(&m_worker->mutex);
    QList<TrackedJob> result;
    for (const auto &[id, job] : m_worker->jobs)
        result << job.info;
    return result;
}

DeviceState PrintJobTracker::state(const QString &role) const
{
    QMutexLocker lock(&m_worker->mutex);
    return m_worker->states.value(role, DeviceState::Unknown);
}

} // namespace devices

#include "printjobtracker.moc"
