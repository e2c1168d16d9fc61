#pragma once

#include "linkclient.h"
#include "outbox.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace kiosk {

class KioskStore;
class TrustCache;

/// Keeps the kiosk and the backend in step: delivers the outbox (idempotent, with backoff),
/// pulls the changes feed, refreshes the catalog by ETag and downloads signed letters.
/// Lives on its own thread; the UI thread never waits for the network.
class SyncService : public QObject
{
    Q_OBJECT
public:
    SyncService(const KioskStore &store, QByteArray deviceKey, QString baseUrl, serverlink::TlsPolicy tls, QString lettersDir,
        int intervalMs = 15000);
    ~SyncService() override;

    /// Full-jitter exponential backoff, capped at 5 minutes; Retry-After wins when longer.
    [[nodiscard]] static int retryDelaySeconds(int attempts, int retryAfterSeconds);
    /// The SQ1 trust cache refreshed each round (GET /trust-list, /revocations with ETag); none: skipped.
    void setTrustCache(const TrustCache *cache) { m_trust = cache; }

public Q_SLOTS:
    /// Starts periodic syncing (call through a queued connection once on the worker thread).
    void start();
    /// Runs one sync round now (e.g. right after a request was queued).
    void syncNow();

Q_SIGNALS:
    void catalogUpdated(const QByteArray &catalogJson);
    /// After each round: requests not yet accepted by the backend and the last problem seen.
    void synced(int outboxDepth, const QString &problem);

private:
    void refreshCatalog(QString *problem);
    void deliverOutbox(QString *problem);
    void deliverSurveys(QString *problem);
    void pullChanges(QString *problem);
    void downloadLetters(QString *problem);
    void refreshTrust(QString *problem);

    const KioskStore &m_store;
    QByteArray m_key;
    QString m_baseUrl;
    serverlink::TlsPolicy m_tls;
    QString m_lettersDir;
    int m_intervalMs;
    std::unique_ptr<OutboxRepository> m_outbox;
    std::unique_ptr<serverlink::LinkClient> m_client;
    QTimer *m_timer = nullptr;
    QString m_lastProblem;
    const TrustCache *m_trust = nullptr;
};

} // namespace kiosk
