#pragma once

#include "documentstore.h"
#include "kioskresult.h"
#include "protocol.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace kiosk {

class KioskStore;

/// What a citizen asked of a request after it was submitted: a corrected version or its withdrawal.
enum class ChangeKind { Revision, Cancel };

/// A revision or cancellation committed on this kiosk and not yet accepted by the backend.
struct PendingChange {
    qint64 id = 0;
    ChangeKind kind = ChangeKind::Revision;
    QString registrationNumber;
    QString idempotencyKey;
    QByteArray body; // the exact bytes to POST (same on every retry)
    QStringList pageIds; // new pages the body names: announced once the backend accepted it
    int attempts = 0;
};

/// Where the latest change of a request stands, for the status screen.
struct ChangeState {
    ChangeKind kind = ChangeKind::Revision;
    bool delivered = false;
    QString parkedReason; // refused for good; empty while waiting or once delivered
    QDateTime createdAt;
};

/// The durable queue of revisions (POST /requests/{reg}/revisions) and cancellations (POST
/// /requests/{reg}/cancel): each body sealed with the device key in the store with its idempotency key
/// before the kiosk says "terkirim", delivered once by the sync service, parked with its reason on a refusal.
class RequestChanges
{
public:
    using Clock = std::function<QDateTime()>;

    RequestChanges(const KioskStore &store, QByteArray deviceKey, Clock clock = &QDateTime::currentDateTime);

    /// Commits `revision` and its newly captured pages (stored for the request, described in the revision's
    /// documents by `newRefs`) in ONE transaction; returns the idempotency key.
    [[nodiscard]] Result<QString> enqueueRevision(
        const serverlink::RequestRevision &revision, const QList<CapturedPage> &newPages, const QList<serverlink::DocumentRef> &newRefs);
    /// Commits the cancellation; returns the idempotency key.
    [[nodiscard]] Result<QString> enqueueCancel(const serverlink::CancelBody &cancel);

    /// Changes due for delivery, oldest first (unreadable ones are parked, not returned).
    [[nodiscard]] QList<PendingChange> due(int limit = 20);
    /// The backend accepted the change: its body (proof and personal data) is deleted, its pages may be uploaded.
    [[nodiscard]] Status markDelivered(qint64 id);
    /// A transient failure: tried again at `nextAttempt`.
    [[nodiscard]] Status scheduleRetry(qint64 id, const QDateTime &nextAttempt, const QString &error);
    /// Refused for good: kept with `reason` for staff, never sent again.
    [[nodiscard]] Status park(qint64 id, const QString &reason);
    /// Makes every change waiting for its backoff due now (the link healed).
    [[nodiscard]] Result<int> retryWaitingNow();

    /// The latest change committed for `registrationNumber`; nullopt when none.
    [[nodiscard]] std::optional<ChangeState> latest(const QString &registrationNumber) const;
    /// Changes not accepted by the backend yet (waiting and parked).
    [[nodiscard]] int depth() const;

    [[nodiscard]] static QString kindToWire(ChangeKind kind);
    /// The path a change of `kind` is posted to, below /api/v1.
    [[nodiscard]] static QString path(ChangeKind kind, const QString &registrationNumber);

private:
    [[nodiscard]] Result<QString> enqueue(ChangeKind kind, const QString &registrationNumber, const QByteArray &body,
        const QStringList &pageIds, const std::function<Status()> &alsoInTransaction);

    const KioskStore &m_store;
    QByteArray m_key;
    Clock m_clock;
};

} // namespace kiosk
