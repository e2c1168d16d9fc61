#include "syncservice.h"

#include "crypto.h"
#include "store.h"
#include "trustcache.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcSync, "anjungan.sync")

namespace kiosk {

namespace {
constexpr int kMaxBackoffSeconds = 300;

QString describe(const serverlink::LinkResponse &r)
{
    switch (r.error) {
    case serverlink::LinkError::Tls:
        return QStringLiteral("Sertifikat server tidak cocok atau ditolak (%1)").arg(r.errorText);
    case serverlink::LinkError::Network:
        return QStringLiteral("Server kecamatan tidak terjangkau (%1)").arg(r.errorText);
    case serverlink::LinkError::TooLarge:
        return QStringLiteral("Jawaban server terlalu besar (%1)").arg(r.errorText);
    default:
        return r.errorText;
    }
}
} // namespace

SyncService::SyncService(
    const KioskStore &store, QByteArray deviceKey, QString baseUrl, serverlink::TlsPolicy tls, QString lettersDir, int intervalMs)
    : m_store(store)
    , m_key(std::move(deviceKey))
    , m_baseUrl(std::move(baseUrl))
    , m_tls(std::move(tls))
    , m_lettersDir(std::move(lettersDir))
    , m_intervalMs(intervalMs)
{ }

SyncService::~SyncService() = default;

int SyncService::retryDelaySeconds(int attempts, int retryAfterSeconds)
{
    const int ceiling = std::min(kMaxBackoffSeconds, 2 << std::min(attempts, 16));
    const int jittered = int(QRandomGenerator::global()->bounded(ceiling + 1));
    return std::max(jittered, std::min(retryAfterSeconds, kMaxBackoffSeconds));
}

void SyncService::start()
{
    m_outbox = std::make_unique<OutboxRepository>(m_store, m_key);
    m_client = std::make_unique<serverlink::LinkClient>(m_baseUrl, m_tls);
    m_timer = new QTimer(this);
    m_timer->setInterval(m_intervalMs);
    connect(m_timer, &QTimer::timeout, this, &SyncService::syncNow);
    m_timer->start();
    syncNow();
}

void SyncService::syncNow()
{
    if (!m_client)
        return;
    QString problem;
    refreshCatalog(&problem);
    deliverOutbox(&problem);
    deliverSurveys(&problem);
    pullChanges(&problem);
    downloadLetters(&problem);
    refreshTrust(&problem);
    // Logged when it starts and when it changes, not on every round of a long outage.
    if (problem != m_lastProblem) {
        if (problem.isEmpty())
            qCInfo(lcSync) << "link to the kecamatan is working again";
        else
            qCWarning(lcSync).noquote() << problem;
        m_lastProblem = problem;
    }
    Q_EMIT synced(m_outbox->depth(), problem);
}

void SyncService::refreshCatalog(QString *problem)
{
    const auto cached = m_store.cachedCatalog();
    QList<QPair<QByteArray, QByteArray>> headers;
    if (cached && !cached->first.isEmpty())
        headers.append(qMakePair(QByteArray("If-None-Match"), cached->first.toUtf8()));
    const auto r = m_client->get(QStringLiteral("/catalog"), headers);
    if (r.status == 304)
        return;
    if (!r.ok()) {
        *problem = describe(r);
        return;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(r.body);
    if (!doc.object().value(QStringLiteral("services")).isArray()) {
        *problem = QStringLiteral("Katalog dari server tidak sah; katalog lama tetap dipakai");
        return;
    }
    m_store.saveCatalog(QString::fromUtf8(r.header("etag")), r.body);
    Q_EMIT catalogUpdated(r.body);
}

void SyncService::deliverOutbox(QString *problem)
{
    for (const PendingDelivery &d : m_outbox->dueForDelivery()) {
        const auto r = m_client->post(QStringLiteral("/requests"), d.body, {{"Idempotency-Key", d.idempotencyKey.toLatin1()}});
        if (r.ok()) {
            m_outbox->markDelivered(d.id);
            qCInfo(lcSync).noquote() << "delivered" << d.registrationNumber << "HTTP" << r.status;
            continue;
        }
        const bool transient = r.error != serverlink::LinkError::Http || r.status == 408 || r.status == 429 || r.status >= 500;
        if (!transient) {
            const QString reason = QStringLiteral("Ditolak server (HTTP %1): %2")
                                       .arg(r.status)
                                       .arg(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("message")).toString().left(300));
            m_outbox->park(d.id, reason);
            qCWarning(lcSync).noquote() << "parked" << d.registrationNumber << "HTTP" << r.status;
            continue;
        }
        const int delay = retryDelaySeconds(d.attempts, r.header("retry-after").toInt());
        m_outbox->scheduleRetry(d.id, QDateTime::currentDateTimeUtc().addSecs(delay), describe(r));
        *problem = describe(r);
        if (r.error != serverlink::LinkError::Http)
            return; // the server is unreachable: the rest would fail the same way
    }
}

void SyncService::deliverSurveys(QString *problem)
{
    for (const serverlink::SurveyResponse &survey : m_outbox->dueSurveys()) {
        const auto r = m_client->post(QStringLiteral("/surveys"), survey.toJson(), {{"Idempotency-Key", survey.id.toLatin1()}});
        if (!r.ok()) {
            // Kept and offered again next round: answers are never dropped.
            *problem = describe(r);
            return;
        }
        m_outbox->markSurveyDelivered(survey.id);
    }
}

void SyncService::pullChanges(QString *problem)
{
    // Loop until the feed is drained; the cursor is saved after each applied page.
    for (int page = 0; page < 50; ++page) {
        const QString cursor = m_outbox->syncValue(QStringLiteral("changes_cursor"));
        const auto r = m_client->get(QStringLiteral("/changes?cursor=%1").arg(cursor.isEmpty() ? QStringLiteral("0") : cursor));
        if (!r.ok()) {
            *problem = describe(r);
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        const QJsonValue next = o.value(QStringLiteral("cursor"));
        const QJsonArray changes = o.value(QStringLiteral("changes")).toArray();
        if (!next.isDouble()) {
            *problem = QStringLiteral("Jawaban /changes tidak sah");
            return;
        }
        for (const QJsonValue &v : changes) {
            if (const auto change = serverlink::StatusChange::fromJsonObject(v.toObject()))
                m_outbox->applyChange(*change);
        }
        m_outbox->setSyncValue(QStringLiteral("changes_cursor"), QString::number(next.toInteger()));
        if (changes.isEmpty() || QString::number(next.toInteger()) == cursor)
            return;
    }
}

void SyncService::downloadLetters(QString *problem)
{
    for (const QString &reg : m_outbox->lettersToDownload()) {
        const auto r = m_client->get(QStringLiteral("/letters/%1").arg(reg));
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
        QDir().mkpath(m_lettersDir);
        const QString path = QDir(m_lettersDir).filePath(reg + QStringLiteral(".pdf"));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(r.body) != r.body.size() || !file.commit()) {
            *problem = QStringLiteral("Surat %1 tidak dapat disimpan di %2").arg(reg, m_lettersDir);
            continue;
        }
        m_outbox->setLetter(reg, path, actual);
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
        if (r.status == 304) {
            m_trust->markFresh(kind);
            continue;
        }
        if (!r.ok()) {
            *problem = describe(r);
            return;
        }
        // The list is checked against the pinned root key before it replaces the cached one.
        if (const auto stored = m_trust->store(kind, r.body, QString::fromUtf8(r.header("etag"))); !stored)
            *problem = QStringLiteral("Daftar segel dari server ditolak: %1").arg(stored.error());
    }
}

} // namespace kiosk
