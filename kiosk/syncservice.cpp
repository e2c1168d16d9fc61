#include "syncservice.h"

#include "crypto.h"
#include "diagnostics.h"
#include "documentupload.h"
#include "enrollment.h"
#include "printjobtracker.h"
#include "scanner.h"
#include "store.h"
#include "trustcache.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSet>
#include <QTimeZone>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSync, "anjungan.sync")

namespace kiosk {

namespace {
constexpr int kMaxBackoffSeconds = 300;
// Requests handed to the link at once (it keeps LinkOptions::maxParallel of them in flight): large enough
// that the last, partly filled wave of a batch costs little, small enough to stop soon after a failure.
constexpr int kOutboxBatch = 24;
// Journal events per POST: ordinary events (~300 bytes each) stay well under the 64 KiB body limit.
constexpr int kJournalBatch = 100;
// Batches per round: a long offline day drains over a few rounds without holding up the rest of the sync.
constexpr int kJournalBatchesPerRound = 10;

QString describe(const serverlink::LinkResponse &r)
{
    switch (r.error) {
    case serverlink::LinkError::Tls:
        return QStringLiteral("Sambungan aman (TLS) ke server kecamatan gagal: sertifikat tidak cocok atau ditolak, atau sambungan "
                              "terputus (%1)")
            .arg(r.errorText);
    case serverlink::LinkError::Network:
        return QStringLiteral("Server kecamatan tidak terjangkau (%1)").arg(r.errorText);
    case serverlink::LinkError::TooLarge:
        return QStringLiteral("Jawaban server terlalu besar (%1)").arg(r.errorText);
    case serverlink::LinkError::Http:
        if (r.status >= 500)
            return QStringLiteral("Server kecamatan sedang bermasalah; dicoba lagi nanti (%1)").arg(r.errorText);
        return r.errorText;
    default:
        return r.errorText;
    }
}

// The server is unreachable or unwell: the rest of this round would fail the same way.
bool linkFailure(const serverlink::LinkResponse &r)
{
    return (r.error != serverlink::LinkError::None && r.error != serverlink::LinkError::Http) || r.status >= 500;
}

// Not a byte of an answer came back (refused, timed out, reset before the status line, TLS failed).
bool unreachable(const serverlink::LinkResponse &r)
{
    return (r.error == serverlink::LinkError::Network || r.error == serverlink::LinkError::Tls) && r.status == 0;
}

// Page chunks per round (64 KiB each): a backlog of pages drains over rounds without holding up the changes
// feed, the letters and the heartbeat behind a slow village connection.
constexpr int kChunksPerRound = 16;
// Uploads of one page the backend discarded (hash mismatch) in one round before the round moves on.
constexpr int kRestartsPerRound = 2;

SyncSettings withInterval(int intervalMs)
{
    SyncSettings s;
    s.intervalMs = intervalMs;
    return s;
}
} // namespace

serverlink::HealthState printerHealth(devices::DeviceState state)
{
    using devices::DeviceState;
    using serverlink::HealthState;
    switch (state) {
    case DeviceState::Ready:
        return HealthState::Ready;
    case DeviceState::PaperOut:
        return HealthState::PaperOut;
    case DeviceState::PaperLow:
        return HealthState::PaperLow;
    case DeviceState::Offline:
        return HealthState::Offline;
    case DeviceState::DoorOpen:
        return HealthState::DoorOpen;
    case DeviceState::Jam:
        return HealthState::Jam;
    case DeviceState::TonerLow:
        return HealthState::TonerLow;
    case DeviceState::Stopped:
        return HealthState::Stopped;
    case DeviceState::Unknown:
        break;
    }
    return HealthState::Unknown;
}

serverlink::HealthState paperHealth(devices::DeviceState state)
{
    using devices::DeviceState;
    using serverlink::HealthState;
    switch (state) {
    case DeviceState::PaperOut:
        return HealthState::Out;
    case DeviceState::PaperLow:
        return HealthState::Low;
    case DeviceState::Unknown:
    case DeviceState::Offline:
        return HealthState::Unknown;
    default:
        return HealthState::Ok;
    }
}

serverlink::HealthState scannerHealth(const QList<const devices::Scanner *> &scanners)
{
    using State = devices::Scanner::State;
    using serverlink::HealthState;
    if (scanners.isEmpty())
        return HealthState::None;
    const auto any = [&scanners](State state) {
        return std::any_of(scanners.begin(), scanners.end(), [state](const devices::Scanner *s) { return s->state() == state; });
    };
    if (any(State::Ready))
        return HealthState::Ready;
    if (any(State::Error))
        return HealthState::Stopped;
    if (any(State::Waiting))
        return HealthState::Offline;
    return HealthState::Unknown;
}

serverlink::ScannerReport scannerReport(const devices::Scanner &scanner)
{
    using State = devices::Scanner::State;
    using serverlink::HealthState;
    switch (scanner.state()) {
    case State::Ready:
        return {scanner.uri(), HealthState::Ready};
    case State::Waiting:
        return {scanner.uri(), HealthState::Offline};
    case State::Error:
        return {scanner.uri(), HealthState::Stopped};
    case State::Stopped:
        break;
    }
    return {scanner.uri(), HealthState::Unknown};
}

serverlink::PrinterReport printerReport(const QString &role, const devices::PrinterStatus &status)
{
    return {role, status.printerState, serverlink::PrinterReport::boundedReasons(status.reasons)};
}

SyncService::SyncService(
    const KioskStore &store, QByteArray deviceKey, QString baseUrl, serverlink::TlsPolicy tls, QString lettersDir, int intervalMs)
    : SyncService(store, std::move(deviceKey), std::move(baseUrl), std::move(tls), std::move(lettersDir), withInterval(intervalMs))
{ }

SyncService::SyncService(
    const KioskStore &store, QByteArray deviceKey, QString baseUrl, serverlink::TlsPolicy tls, QString lettersDir, SyncSettings settings)
    : m_store(store)
    , m_key(std::move(deviceKey))
    , m_settings(std::move(settings))
    , m_lettersDir(std::move(lettersDir))
    , m_outbox(std::make_unique<OutboxRepository>(m_store, m_key))
    , m_alerts(std::make_unique<AlertBook>(m_store))
    , m_journal(std::make_unique<DeskJournal>(m_store))
    , m_changes(std::make_unique<RequestChanges>(m_store, m_key))
    , m_documents(std::make_unique<DocumentStore>(m_store, m_key))
    , m_complaints(std::make_unique<ComplaintBox>(m_store, m_key))
    , m_staff(m_store, m_key)
    // Built here, not in start(): abortNetwork() may be called from another thread at any time.
    , m_tls(tls)
    , m_client(std::make_unique<serverlink::LinkClient>(std::move(baseUrl), std::move(tls), m_settings.link))
{ }

SyncService::~SyncService() = default;

int SyncService::retryAfterSeconds(const QByteArray &headerValue, const QDateTime &now)
{
    const QByteArray v = headerValue.trimmed();
    if (v.isEmpty())
        return 0;
    bool isNumber = false;
    const qint64 seconds = v.toLongLong(&isNumber);
    if (isNumber)
        return int(std::clamp<qint64>(seconds, 0, kMaxBackoffSeconds));
    // HTTP-date (RFC 9110): IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(v), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!at.isValid())
        at = QDateTime::fromString(QString::fromLatin1(v), Qt::RFC2822Date);
    if (!at.isValid())
        return 0;
    at.setTimeSpec(Qt::UTC);
    return int(std::clamp<qint64>(now.secsTo(at), 0, kMaxBackoffSeconds));
}

void SyncService::setDeviceHealth(const DeviceHealth &health)
{
    bool changed = false;
    {
        std::lock_guard lock(m_healthMutex);
        changed = !(m_health == health);
        m_health = health;
    }
    if (changed)
        QMetaObject::invokeMethod(this, &SyncService::deviceStateChanged, Qt::QueuedConnection);
}

void SyncService::deviceStateChanged()
{
    // Only once the service runs: before start() the first heartbeat reports the state anyway.
    if (!m_heartbeatTimer)
        return;
    if (!m_deviceChangeTimer) {
        m_deviceChangeTimer = new QTimer(this);
        m_deviceChangeTimer->setSingleShot(true);
        connect(m_deviceChangeTimer, &QTimer::timeout, this, &SyncService::sendHeartbeat);
    }
    m_deviceChangeTimer->start(m_settings.deviceChangeDelayMs);
}

void SyncService::setScanners(QList<const devices::Scanner *> scanners)
{
    std::lock_guard lock(m_healthMutex);
    m_scanners = std::move(scanners);
}

void SyncService::setPrintTracker(const devices::PrintJobTracker *tracker)
{
    std::lock_guard lock(m_healthMutex);
    m_printTracker = tracker;
}

DeviceHealth SyncService::deviceHealth() const
{
    std::lock_guard lock(m_healthMutex);
    DeviceHealth health = m_health;
    // Read as the heartbeat goes out: a scanner unplugged an hour after start is reported as such.
    if (m_scanners) {
        health.scanner = scannerHealth(*m_scanners);
        health.scanners.clear();
        for (const devices::Scanner *scanner : *m_scanners)
            health.scanners.append(scannerReport(*scanner));
    }
    if (m_printTracker) {
        health.printers.clear();
        const QMap<QString, devices::PrinterStatus> statuses = m_printTracker->statuses();
        for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
            health.printers.append(printerReport(it.key(), it.value()));
    }
    return health;
}

void SyncService::abortNetwork()
{
    m_client->abort();
}

int SyncService::retryDelaySeconds(int attempts, int retryAfterSeconds)
{
    const int ceiling = std::min(kMaxBackoffSeconds, 2 << std::min(attempts, 16));
    const int jittered = int(QRandomGenerator::global()->bounded(ceiling + 1));
    return std::max(jittered, std::min(retryAfterSeconds, kMaxBackoffSeconds));
}

void SyncService::start()
{
    // A renewal a crash interrupted is finished before the first handshake.
    if (!m_tls.clientCert.isEmpty())
        serverlink::CertificateRenewal::recover({m_tls.caFile, m_tls.clientCert, m_tls.clientKey});
    m_timer = new QTimer(this);
    m_timer->setInterval(m_settings.intervalMs);
    connect(m_timer, &QTimer::timeout, this, &SyncService::syncNow);
    m_timer->start();
    if (m_settings.heartbeatIntervalMs > 0) {
        m_heartbeatTimer = new QTimer(this);
        m_heartbeatTimer->setInterval(m_settings.heartbeatIntervalMs);
        connect(m_heartbeatTimer, &QTimer::timeout, this, &SyncService::sendHeartbeat);
        m_heartbeatTimer->start();
        // The first beat waits like a device change: a scanner opened at start is not reported as gone while it
        // is still being looked for, which would raise scanner_gone and text the teknisi at every start.
        deviceStateChanged();
    }
    syncNow();
}

void SyncService::syncNow()
{
    if (m_client->aborted())
        return;
    QString problem;
    if (!keepCertificate(&problem)) {
        reportProblem(problem);
        Q_EMIT synced(m_outbox->depth(), problem);
        return;
    }
    refreshCatalog(&problem);
    // Unreachable: every other call of this round would wait for the same timeout.
    if (m_linkDown && !problem.isEmpty()) {
        reportProblem(problem);
        Q_EMIT synced(m_outbox->depth(), problem);
        return;
    }
    refreshStaff(&problem);
    deliverOutbox(&problem);
    // A revision accepted announces its new pages: they upload in the same round.
    deliverChanges(&problem);
    deliverDocuments(&problem);
    deliverSurveys(&problem);
    deliverComplaints(&problem);
    deliverHandovers(&problem);
    deliverDeskEvents(&problem);
    deliverAlertAcknowledgements(&problem);
    pullChanges(&problem);
    downloadLetters(&problem);
    refreshTrust(&problem);
    if (m_client->aborted())
        return;
    reportProblem(problem);
    Q_EMIT synced(m_outbox->depth(), problem);
}

bool SyncService::keepCertificate(QString *problem)
{
    using serverlink::CertificateRenewal;
    using serverlink::CertificateState;
    if (m_tls.clientCert.isEmpty())
        return true;
    // Renewed or enrolled by kioskctl while the kiosk runs: kept connections would present the old certificate.
    if (QFile certificate(m_tls.clientCert); certificate.open(QIODevice::ReadOnly)) {
        const QByteArray onDisk = certificate.readAll();
        if (!m_certificateOnDisk.isEmpty() && onDisk != m_certificateOnDisk)
            m_client->resetConnections();
        m_certificateOnDisk = onDisk;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_certificateState = CertificateRenewal::state(m_tls.clientCert, m_settings.renewBeforeDays, now);
    if (m_certificateState == CertificateState::Expired) {
        *problem = CertificateRenewal::stateMessage(CertificateState::Expired);
        return false;
    }
    if (m_certificateState != CertificateState::RenewalDue || (m_renewNextAttempt.isValid() && now < m_renewNextAttempt))
        return true;
    const auto renewed = CertificateRenewal::renew(*m_client, {m_tls.caFile, m_tls.clientCert, m_tls.clientKey});
    if (!renewed) {
        if (renewed.error().errorCode == QLatin1String("certificate_expired")) {
            // The backend's clock says so even if ours does not: the kiosk must be enrolled again.
            m_certificateState = CertificateState::Expired;
            *problem = CertificateRenewal::stateMessage(CertificateState::Expired);
            return false;
        }
        // The old certificate still works: the round goes on, the renewal waits its backoff.
        m_renewNextAttempt = now.addSecs(retryDelaySeconds(m_renewAttempts++, 0));
        qCWarning(lcSync).noquote() << "certificate renewal failed:" << renewed.error().message;
        return true;
    }
    m_renewAttempts = 0;
    m_renewNextAttempt = {};
    // Kept connections still present the old certificate: the next requests handshake with the new one.
    m_client->resetConnections();
    m_certificateOnDisk.clear();
    m_certificateState = CertificateRenewal::state(m_tls.clientCert, m_settings.renewBeforeDays);
    ++m_certificatesRenewed;
    qCInfo(lcSync).noquote() << "client certificate renewed: serial" << renewed.value().serial << "valid until"
                             << renewed.value().notAfter.toString(Qt::ISODate);
    return true;
}

void SyncService::reportProblem(const QString &problem)
{
    // Logged when it starts and when it changes, not on every round of a long outage; numbers
    // (milliseconds, cursors, byte counts) do not make it a new problem.
    QString kind;
    for (const QChar c : problem)
        if (!c.isDigit())
            kind += c;
    if (kind != m_lastProblem) {
        if (problem.isEmpty())
            qCInfo(lcSync) << "link to the kecamatan is working again";
        else
            qCWarning(lcSync).noquote() << problem;
        m_lastProblem = kind;
    }
}

bool SyncService::noteLinkResult(const serverlink::LinkResponse &r)
{
    if (r.error == serverlink::LinkError::Aborted)
        return false;
    if (unreachable(r)) {
        m_linkDown = true;
        return false;
    }
    if (!m_linkDown || r.status == 0)
        return false;
    // Healed: whatever waits for its backoff goes out now instead of minutes later.
    m_linkDown = false;
    m_journalNextAttempt = {};
    m_documentsNextAttempt = {};
    if (const auto changes = m_changes->retryWaitingNow(); !changes)
        qCWarning(lcSync) << "link healed, but the waiting revisions and cancellations could not be made due now:" << changes.error();
    if (const auto rescheduled = m_outbox->retryWaitingNow())
        qCInfo(lcSync) << "link healed;" << rescheduled.value() << "waiting requests retried now";
    else
        qCWarning(lcSync) << "link healed, but the waiting requests could not be made due now:" << rescheduled.error();
    Q_EMIT linkHealed();
    return true;
}

void SyncService::sendHeartbeat()
{
    if (m_client->aborted())
        return;
    const OutboxStats stats = m_outbox->stats();
    const qint64 freeBytes = diskSpaceOf(m_settings.dataDir.isEmpty() ? m_lettersDir : m_settings.dataDir).freeBytes;
    const qint64 freeDiskMb = freeBytes < 0 ? -1 : freeBytes / (1024 * 1024);
    serverlink::Heartbeat beat;
    beat.sentAt = QDateTime::currentDateTimeUtc();
    beat.appVersion = m_settings.appVersion;
    beat.imageVersion = m_settings.imageVersion;
    beat.outboxDepth = stats.waiting + stats.parked;
    beat.parkedCount = stats.parked;
    beat.freeDiskMb = freeDiskMb;
    beat.devices = deviceHealth();
    beat.clockSkewSeconds = m_clockSkewSeconds;
    // The certificate file is read once a beat: a renewed certificate reports its own expiry and state.
    if (!m_tls.clientCert.isEmpty()) {
        if (const auto identity = serverlink::KioskEnrollment::describeCertificate(m_tls.clientCert))
            beat.certificateNotAfter = identity->notAfter;
        beat.certificateState = serverlink::CertificateRenewal::stateToWire(
            serverlink::CertificateRenewal::stateAt(beat.certificateNotAfter, m_settings.renewBeforeDays));
    }
    const auto r = m_client->post(QStringLiteral("/heartbeat"), beat.toJson());
    if (r.ok()) {
        ++m_heartbeatsSent;
        QString why;
        if (const auto answer = serverlink::HeartbeatAnswer::fromJson(r.body, &why)) {
            // The backend's clock as it received this heartbeat: the next one reports how far this kiosk's is off.
            if (answer->receivedAt.isValid())
                m_clockSkewSeconds = answer->receivedAt.secsTo(beat.sentAt);
            if (answer->alerts)
                if (const Status kept = m_alerts->replaceFleetAlerts(*answer->alerts); !kept)
                    qCWarning(lcSync) << "fleet alerts not stored:" << kept.error();
        } else {
            qCWarning(lcSync).noquote() << "heartbeat answer not understood:" << why;
        }
    }
    if (noteLinkResult(r))
        syncNow();
}

void SyncService::refreshCatalog(QString *problem)
{
    const auto cached = m_store.cachedCatalog();
    QList<QPair<QByteArray, QByteArray>> headers;
    if (cached && !cached->first.isEmpty())
        headers.append(qMakePair(QByteArray("If-None-Match"), cached->first.toUtf8()));
    const auto r = m_client->get(QStringLiteral("/catalog"), headers);
    noteLinkResult(r);
    if (r.error == serverlink::LinkError::Http && r.status == 304)
        return;
    if (!r.ok()) {
        *problem = describe(r);
        return;
    }
    // An empty catalog would leave the citizen nothing to ask for: keep the old one.
    const auto catalog = serverlink::Catalog::fromJson(r.body);
    if (!catalog || catalog->services.isEmpty()) {
        *problem = QStringLiteral("Katalog dari server tidak sah (%1 byte); katalog lama tetap dipakai").arg(r.body.size());
        return;
    }
    // Not saved: this run still uses it, the next start falls back to the older copy.
    if (const Status saved = m_store.saveCatalog(QString::fromUtf8(r.header("etag")), r.body); !saved)
        *problem = saved.error().message;
    Q_EMIT catalogUpdated(r.body);
}

void SyncService::refreshStaff(QString *problem)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (const QString etag = m_staff.etag(); !etag.isEmpty())
        headers.append(qMakePair(QByteArray("If-None-Match"), etag.toUtf8()));
    const auto r = m_client->get(QStringLiteral("/staff-credentials"), headers);
    noteLinkResult(r);
    if (r.error == serverlink::LinkError::Http && r.status == 304)
        return;
    if (!r.ok()) {
        *problem = describe(r);
        return;
    }
    if (const Status saved = m_staff.save(QString::fromUtf8(r.header("etag")), r.body); !saved) {
        *problem = saved.error().message;
        return;
    }
    Q_EMIT staffUpdated();
}

void SyncService::deliverOutbox(QString *problem)
{
    // Batch after batch until nothing is due, so a long queue drains in one round once the link is back.
    // A request is sent at most once per round: a jittered backoff of 0 s must not resend it at once.
    QSet<qint64> tried;
    // The first request of a round goes alone: a server in a 5xx storm, unreachable or asking us to slow
    // down gets one request per round, not a whole batch. Then batches, maxParallel of them in flight.
    int batchSize = 1;
    for (;;) {
        QList<PendingDelivery> due = m_outbox->dueForDelivery(batchSize);
        due.removeIf([&tried](const PendingDelivery &d) { return tried.contains(d.id); });
        if (due.isEmpty())
            return;
        batchSize = kOutboxBatch;
        QList<serverlink::LinkRequest> requests;
        for (const PendingDelivery &d : std::as_const(due)) {
            tried.insert(d.id);
            requests.append({QStringLiteral("/requests"), d.body, {{"Idempotency-Key", d.idempotencyKey.toLatin1()}}});
        }
        const QList<serverlink::LinkResponse> responses = m_client->postAll(requests);
        QList<DeliveryOutcome> outcomes;
        bool stop = false;
        for (qsizetype i = 0; i < due.size(); ++i) {
            const PendingDelivery &d = due.at(i);
            const serverlink::LinkResponse &r = responses.at(i);
            // Aborted (shutdown): not an attempt; the answers that did arrive are still recorded.
            if (r.error == serverlink::LinkError::Aborted) {
                stop = true;
                continue;
            }
            noteLinkResult(r);
            if (r.ok()) {
                outcomes.append({d.id, DeliveryOutcome::Kind::Delivered, {}, {}});
                qCInfo(lcSync).noquote() << "delivered" << d.registrationNumber << "HTTP" << r.status;
                continue;
            }
            const bool transient = r.error != serverlink::LinkError::Http || serverlink::isTransientStatus(r.status);
            if (!transient) {
                // The server's own message, if it sent a readable one; never the request body.
                const QString message
                    = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("message")).toString().simplified().left(300);
                const QString reason = message.isEmpty()
                    ? QStringLiteral("Ditolak server (HTTP %1). Periksa permohonan ini bersama petugas.").arg(r.status)
                    : QStringLiteral("Ditolak server (HTTP %1): %2").arg(r.status).arg(message);
                outcomes.append({d.id, DeliveryOutcome::Kind::Parked, {}, reason});
                qCWarning(lcSync).noquote() << "parked" << d.registrationNumber << "HTTP" << r.status;
                continue;
            }
            // Each request honours its own Retry-After (seconds or HTTP-date) on top of its backoff.
            const int delay = retryDelaySeconds(d.attempts, retryAfterSeconds(r.header("retry-after")));
            outcomes.append({d.id, DeliveryOutcome::Kind::Retry, QDateTime::currentDateTimeUtc().addSecs(delay), describe(r)});
            *problem = describe(r);
            // Unreachable, unwell or asking us to slow down: the rest waits for the next round.
            if (linkFailure(r) || r.status == 429)
                stop = true;
        }
        // The batch's outcomes in one commit: an outcome lost (to a crash or a failed write) only means the
        // request goes again, and the backend answers that from its idempotency record.
        if (const Status recorded = m_outbox->recordOutcomes(outcomes); !recorded) {
            qCWarning(lcSync) << "could not record the batch's outcomes:" << recorded.error();
            *problem = recorded.error().message;
            return;
        }
        if (stop)
            return;
    }
}

void SyncService::deliverDocuments(QString *problem)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_documentsNextAttempt.isValid() && now < m_documentsNextAttempt)
        return;
    int budget = kChunksPerRound;
    for (const StoredPage &page : m_documents->uploadsDue()) {
        if (budget <= 0 || m_client->aborted())
            return;
        if (!uploadPage(page, &budget, problem))
            return;
    }
    m_documentAttempts = 0;
}

bool SyncService::uploadPage(const StoredPage &page, int *budget, QString *problem)
{
    const QString &pageId = page.ref.pageId;
    const auto bytes = m_documents->read(pageId);
    if (!bytes) {
        // Purged meanwhile, or a seal this key cannot open: nothing to send; the next page goes on.
        qCWarning(lcSync).noquote() << "page" << pageId << "of" << page.registrationNumber << "not readable:" << bytes.error().message;
        return true;
    }
    const qint64 size = bytes.value().size();
    const QString path = QStringLiteral("/requests/%1/documents/%2").arg(page.registrationNumber, pageId);
    const auto failed = [&](const serverlink::LinkResponse &r) {
        // The chunk may have arrived without its answer: ask the backend's offset before sending more.
        if (r.status == 0)
            m_uncertainPages.insert(pageId);
        ++m_documentAttempts;
        const int delay = retryDelaySeconds(m_documentAttempts, retryAfterSeconds(r.header("retry-after")));
        m_documentsNextAttempt = QDateTime::currentDateTimeUtc().addSecs(std::max(delay, 1));
        *problem = QStringLiteral("Halaman dokumen belum terkirim: %1").arg(describe(r));
        return false;
    };
    const auto held = [](const serverlink::LinkResponse &r) {
        bool ok = false;
        const qint64 offset = r.header(QByteArray(serverlink::kUploadOffsetHeader).toLower()).toLongLong(&ok);
        return ok ? offset : qint64(-1);
    };
    const auto record = [&](qint64 offset) {
        if (offset >= size) {
            if (const Status done = m_documents->markDelivered(pageId); !done)
                qCWarning(lcSync) << "page" << pageId << "delivered but not recorded:" << done.error();
            ++m_pagesDelivered;
            qCInfo(lcSync).noquote() << "page" << pageId << "of" << page.registrationNumber << "delivered," << size << "bytes";
        } else if (const Status progress = m_documents->recordUploaded(pageId, offset); !progress) {
            qCWarning(lcSync) << "upload progress of" << pageId << "not recorded:" << progress.error();
        }
    };

    qint64 offset = page.uploadedBytes;
    if (m_uncertainPages.contains(pageId)) {
        const serverlink::LinkResponse r = m_client->head(path);
        if (r.error == serverlink::LinkError::Aborted)
            return false;
        noteLinkResult(r);
        if (!r.ok() || held(r) < 0)
            return failed(r);
        m_uncertainPages.remove(pageId);
        offset = held(r);
        record(offset);
    }
    int restarts = 0;
    while (offset < size) {
        if (*budget <= 0)
            return false;
        --*budget;
        const QByteArray chunk = bytes.value().mid(offset, serverlink::kMaxChunkBytes);
        const serverlink::LinkResponse r = m_client->put(path, chunk, "application/octet-stream",
            {{"Content-Range", serverlink::ContentRange::of(offset, chunk.size(), size).toHeader()}});
        if (r.error == serverlink::LinkError::Aborted)
            return false;
        noteLinkResult(r);
        if (r.ok() || r.status == 409) {
            // 409: the backend holds another offset (an answer we lost, or a page finished before): go on from there.
            const qint64 now = held(r);
            if (now < 0)
                return failed(r);
            m_documentAttempts = 0;
            offset = now;
            record(offset);
            continue;
        }
        if (r.status == 422) {
            // The backend threw the page away (its bytes did not match the ref): send it again from the start.
            const QString message = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("message")).toString().left(300);
            qCWarning(lcSync).noquote() << "page" << pageId << "of" << page.registrationNumber << "refused, sent again from 0:" << message;
            *problem = QStringLiteral("Halaman dokumen dikirim ulang dari awal: %1").arg(message);
            offset = 0;
            record(0);
            if (++restarts >= kRestartsPerRound)
                return true;
            continue;
        }
        return failed(r);
    }
    return true;
}

void SyncService::deliverSurveys(QString *problem)
{
    for (const serverlink::SurveyResponse &survey : m_outbox->dueSurveys()) {
        const auto r = m_client->post(QStringLiteral("/surveys"), survey.toJson(), {{"Idempotency-Key", survey.id.toLatin1()}});
        noteLinkResult(r);
        if (!r.ok()) {
            // Kept and offered again next round: answers are never dropped.
            *problem = describe(r);
            return;
        }
        // Not recorded: offered again next round, and the backend keeps it once by its id.
        if (const Status recorded = m_outbox->markSurveyDelivered(survey.id); !recorded) {
            *problem = recorded.error().message;
            return;
        }
    }
}

void SyncService::deliverChanges(QString *problem)
{
    for (const PendingChange &c : m_changes->due()) {
        const auto r = m_client->post(
            RequestChanges::path(c.kind, c.registrationNumber), c.body, {{"Idempotency-Key", c.idempotencyKey.toLatin1()}});
        if (r.error == serverlink::LinkError::Aborted)
            return;
        noteLinkResult(r);
        Status recorded = Done {};
        if (r.ok()) {
            recorded = m_changes->markDelivered(c.id);
            qCInfo(lcSync).noquote() << "delivered" << RequestChanges::kindToWire(c.kind) << "of" << c.registrationNumber;
        } else if (r.error == serverlink::LinkError::Http && !serverlink::isTransientStatus(r.status)) {
            // Refused for good (too late to cancel, the request moved on): kept with the server's reason, not retried.
            const QString message
                = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("message")).toString().simplified().left(300);
            recorded = m_changes->park(c.id,
                message.isEmpty() ? QStringLiteral("Ditolak server (HTTP %1).").arg(r.status)
                                  : QStringLiteral("Ditolak server (HTTP %1): %2").arg(r.status).arg(message));
            qCWarning(lcSync).noquote() << "parked" << RequestChanges::kindToWire(c.kind) << "of" << c.registrationNumber << "HTTP"
                                        << r.status;
        } else {
            const int delay = retryDelaySeconds(c.attempts, retryAfterSeconds(r.header("retry-after")));
            recorded = m_changes->scheduleRetry(c.id, QDateTime::currentDateTimeUtc().addSecs(delay), describe(r));
            *problem = describe(r);
        }
        if (!recorded) {
            *problem = recorded.error().message;
            return;
        }
        if (linkFailure(r) || r.status == 429)
            return;
    }
}

void SyncService::deliverComplaints(QString *problem)
{
    for (const serverlink::ComplaintBody &complaint : m_complaints->due()) {
        const auto r = m_client->post(QStringLiteral("/complaints"), complaint.toJson(), {{"Idempotency-Key", complaint.id.toLatin1()}});
        noteLinkResult(r);
        if (!r.ok() && r.error == serverlink::LinkError::Http && !serverlink::isTransientStatus(r.status)) {
            qCWarning(lcSync).noquote() << "complaint" << complaint.number << "refused by the backend:" << describe(r);
            if (const Status parked = m_complaints->park(complaint.number, describe(r)); !parked)
                *problem = parked.error().message;
            continue;
        }
        if (!r.ok()) {
            *problem = describe(r);
            return;
        }
        // Not recorded: offered again next round, and the backend keeps it once by its id.
        if (const Status recorded = m_complaints->markDelivered(complaint.number); !recorded) {
            *problem = recorded.error().message;
            return;
        }
    }
}

void SyncService::deliverHandovers(QString *problem)
{
    for (const auto &[registrationNumber, body] : m_outbox->handoversDue()) {
        // Empty only for a handover recorded before the kiosk knew who and to whom: the backend takes that as actor "".
        const auto r = m_client->post(QStringLiteral("/requests/%1/handover").arg(registrationNumber), body);
        noteLinkResult(r);
        const bool refusedForGood
            = r.error == serverlink::LinkError::Http && (r.status == 400 || r.status == 404 || r.status == 409 || r.status == 422);
        if (r.ok() || refusedForGood) {
            // 404/409: the backend will never record it (not this desa's, not READY there); 400/422: it refuses this
            // body (a collector it does not accept). The kiosk keeps its own record; the technician is told.
            if (refusedForGood && (r.status == 400 || r.status == 422))
                if (const Status alert = m_outbox->raiseTechnicianAlert(
                        QStringLiteral("Penyerahan surat %1 ditolak backend (HTTP %2).").arg(registrationNumber).arg(r.status));
                    !alert)
                    qCWarning(lcSync).noquote() << "technician alert not stored:" << alert.error().message;
            if (refusedForGood)
                qCWarning(lcSync).noquote() << "handover of" << registrationNumber << "refused: HTTP" << r.status;
            if (const Status recorded = m_outbox->markHandoverSent(registrationNumber); !recorded) {
                *problem = recorded.error().message;
                return;
            }
            continue;
        }
        // Kept and sent again next round.
        *problem = describe(r);
        return;
    }
}

void SyncService::deliverAlertAcknowledgements(QString *problem)
{
    for (const PendingAcknowledgement &ack : m_alerts->pendingAcknowledgements()) {
        const auto r = m_client->post(QStringLiteral("/alerts/%1/acknowledge").arg(ack.alertId),
            serverlink::AlertAcknowledgement {ack.technician, ack.acknowledgedAt}.toJson());
        if (r.error == serverlink::LinkError::Aborted)
            return;
        noteLinkResult(r);
        QString note = QStringLiteral("diterima");
        if (!r.ok()) {
            // Offline or busy: kept for the next round. Refused (another kiosk's, gone): asking again changes nothing.
            if (r.error != serverlink::LinkError::Http || serverlink::isTransientStatus(r.status)) {
                *problem = describe(r);
                return;
            }
            note = QStringLiteral("ditolak server (HTTP %1)").arg(r.status);
            qCWarning(lcSync).noquote() << "acknowledgement of fleet alert" << ack.alertId << "refused: HTTP" << r.status;
        } else {
            qCInfo(lcSync).noquote() << "acknowledgement of fleet alert" << ack.alertId << "delivered";
        }
        if (const Status kept = m_alerts->markDelivered(ack.alertId, note); !kept)
            qCWarning(lcSync) << "delivered acknowledgement not noted:" << kept.error();
    }
}

void SyncService::deliverDeskEvents(QString *problem)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_journalNextAttempt.isValid() && now < m_journalNextAttempt)
        return;
    for (int batch = 0; batch < kJournalBatchesPerRound; ++batch) {
        QList<serverlink::DeskEvent> events = m_journal->undelivered(kJournalBatch);
        if (events.isEmpty())
            return;
        QByteArray body = serverlink::DeskEventBatch {events}.toJson();
        // Unusually long texts: fewer events per request, so the body stays under the backend's limit.
        while (body.size() > serverlink::kMaxBodyBytes && events.size() > 1) {
            events.resize(events.size() / 2);
            body = serverlink::DeskEventBatch {events}.toJson();
        }
        const auto r = m_client->post(QStringLiteral("/desk-events"), body);
        if (r.error == serverlink::LinkError::Aborted)
            return;
        noteLinkResult(r);
        if (!r.ok()) {
            // Kept either way: an outage waits its backoff, a refusal (which the next try meets again) the longest one,
            // so neither loops hot.
            ++m_journalAttempts;
            const bool transient = r.error != serverlink::LinkError::Http || serverlink::isTransientStatus(r.status);
            const int delay
                = transient ? retryDelaySeconds(m_journalAttempts, retryAfterSeconds(r.header("retry-after"))) : kMaxBackoffSeconds;
            m_journalNextAttempt = now.addSecs(std::max(delay, 1));
            *problem = describe(r);
            if (!transient) {
                // One alert per refused batch (by its first event), not one per retry; it survives a restart.
                const QString refusedKey = QStringLiteral("desk_events_refused");
                if (m_outbox->syncValue(refusedKey) != events.constFirst().id) {
                    const QString message
                        = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("message")).toString().simplified().left(300);
                    const QString alert
                        = QStringLiteral("Server menolak catatan meja layanan (HTTP %1)%2; %3 catatan disimpan dan dikirim ulang nanti.")
                              .arg(QString::number(r.status), message.isEmpty() ? QString() : QStringLiteral(": ") + message,
                                  QString::number(events.size()));
                    if (const Status raised = m_outbox->raiseTechnicianAlert(alert); !raised)
                        qCWarning(lcSync) << "technician alert not stored:" << raised.error();
                    if (const Status kept = m_outbox->setSyncValue(refusedKey, events.constFirst().id); !kept)
                        qCWarning(lcSync) << "refused journal not noted:" << kept.error();
                    qCWarning(lcSync).noquote() << "desk events refused: HTTP" << r.status << message;
                }
            }
            return;
        }
        m_journalAttempts = 0;
        m_journalNextAttempt = {};
        QStringList ids;
        for (const serverlink::DeskEvent &e : events)
            ids.append(e.id);
        // Not recorded: the batch goes again next round and the backend keeps each event once by its id.
        if (const Status marked = m_journal->markDelivered(ids); !marked) {
            *problem = marked.error().message;
            return;
        }
        m_deskEventsDelivered += int(ids.size());
    }
}

void SyncService::pullChanges(QString *problem)
{
    // Loop until the feed is drained; the cursor is saved after each applied page.
    for (int page = 0; page < 50; ++page) {
        const QString cursor = m_outbox->syncValue(QStringLiteral("changes_cursor"));
        const auto r = m_client->get(QStringLiteral("/changes?cursor=%1").arg(cursor.isEmpty() ? QStringLiteral("0") : cursor));
        noteLinkResult(r);
        if (!r.ok()) {
            *problem = describe(r);
            return;
        }
        const auto feed = serverlink::ChangesPage::fromJson(r.body);
        // A cursor that goes backwards would replay changes: keep ours.
        if (!feed || feed->cursor < cursor.toLongLong()) {
            *problem = QStringLiteral("Jawaban /changes dari server tidak sah (%1 byte); status akan diminta lagi").arg(r.body.size());
            return;
        }
        const qint64 next = feed->cursor;
        for (const serverlink::StatusChange &change : feed->changes) {
            // Not ours (another kiosk of this desa): nothing to do. Not stored: the cursor stays, the page comes again.
            if (const Status applied = m_outbox->applyChange(change); !applied && applied.error().code != ErrorCode::NotFound) {
                *problem = applied.error().message;
                return;
            }
        }
        if (feed->skipped > 0)
            *problem = QStringLiteral("%1 perubahan status dari server tidak sah dan dilewati").arg(feed->skipped);
        if (const Status saved = m_outbox->setSyncValue(QStringLiteral("changes_cursor"), QString::number(next)); !saved) {
            *problem = saved.error().message;
            return;
        }
        if ((feed->changes.isEmpty() && feed->skipped == 0) || QString::number(next) == cursor)
            return;
    }
}

void SyncService::downloadLetters(QString *problem)
{
    for (const QString &reg : m_outbox->lettersToDownload()) {
        const auto r = m_client->get(QStringLiteral("/letters/%1").arg(reg));
        noteLinkResult(r);
        if (r.error == serverlink::LinkError::Aborted)
            return;
        if (!r.ok()) {
            *problem = describe(r);
            continue;
        }
        const QString expected = QString::fromLatin1(r.header("x-content-sha256")).toLower();
        const QString actual = QString::fromLatin1(serverlink::crypto::sha256(r.body).toHex());
        if (expected != actual || !r.body.startsWith("%PDF")) {
            *problem = QStringLiteral("Surat %1 rusak saat diunduh (hash tidak cocok); akan diunduh ulang").arg(reg);
            continue;
        }
        // Not recorded: the file is downloaded again next round and replaces this one.
        if (const Status saved = m_outbox->saveLetter(reg, r.body, m_lettersDir); !saved)
            *problem = saved.error().message;
    }
}

void SyncService::refreshTrust(QString *problem)
{
    if (!m_trust)
        return;
    for (const auto &[path, kind] : {std::pair {QStringLiteral("/trust-list"), TrustCache::Kind::TrustList},
             std::pair {QStringLiteral("/revocations"), TrustCache::Kind::Revocations}}) {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (const QString tag = m_trust->etag(kind); !tag.isEmpty())
            headers.append(qMakePair(QByteArray("If-None-Match"), tag.toUtf8()));
        const auto r = m_client->get(path, headers);
        noteLinkResult(r);
        if (r.error == serverlink::LinkError::Http && r.status == 304) {
            if (const Status fresh = m_trust->markFresh(kind); !fresh)
                *problem = fresh.error().message;
            continue;
        }
        if (!r.ok()) {
            *problem = describe(r);
            return;
        }
        // The list is checked against the pinned root key before it replaces the cached one.
        if (const auto stored = m_trust->store(kind, r.body, QString::fromUtf8(r.header("etag"))); !stored)
            *problem = QStringLiteral("Daftar segel dari server ditolak: %1").arg(stored.error().message);
    }
}

} // namespace kiosk
