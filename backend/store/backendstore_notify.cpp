// BackendStore: the notification outbox (citizen SMS, reminders).
#include "backendstore.h"
#include "backendstore_p.h"

#include <QSqlQuery>

namespace backend {

using serverlink::ServiceLevel;
using serverlink::Stage;
using namespace detail;

namespace {

const QString kNotificationColumns = QStringLiteral("id, event_key, registration_number, kind, recipient_kind, recipient, message, status,"
                                                    " attempts, next_attempt_at, created_at, sent_at, last_error");

NotificationRecord readNotification(const QSqlQuery &q)
{
    NotificationRecord n;
    n.id = q.value(0).toLongLong();
    n.eventKey = q.value(1).toString();
    n.registrationNumber = q.value(2).toString();
    n.kind = notificationKindFromWire(q.value(3).toString()).value_or(NotificationKind::Ready);
    n.recipientKind = q.value(4).toString();
    n.recipient = q.value(5).toString();
    n.message = q.value(6).toString();
    n.status = q.value(7).toString();
    n.attempts = q.value(8).toInt();
    n.nextAttemptAt = parseTimestamp(q.value(9));
    n.createdAt = parseTimestamp(q.value(10));
    n.sentAt = q.value(11).isNull() ? QDateTime() : parseTimestamp(q.value(11));
    n.lastError = q.value(12).toString();
    return n;
}

} // namespace

std::optional<bool> detail::insertNotification(QSqlDatabase &db, const NotificationRecord &n, QSqlError *error)
{
    QSqlQuery exists(db);
    exists.prepare(QStringLiteral("SELECT 1 FROM notifications WHERE event_key = ?"));
    exists.addBindValue(n.eventKey);
    if (!exec(exists, error))
        return std::nullopt;
    if (exists.next())
        return false;
    exists.finish();
    QSqlQuery next(db);
    if (!next.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) + 1 FROM notifications")) || !next.next()) {
        *error = next.lastError();
        return std::nullopt;
    }
    const qint64 id = next.value(0).toLongLong();
    next.finish();
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO notifications (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, NULL, NULL)").arg(kNotificationColumns));
    // A complaint's SMS belongs to no request: NULL keeps the foreign key to requests satisfied.
    for (const QVariant &v : QVariantList {id, n.eventKey, textOrNull(n.registrationNumber), notificationKindToWire(n.kind),
             n.recipientKind, n.recipient, n.message, n.status, timestamp(n.nextAttemptAt), timestamp(n.createdAt)})
        q.addBindValue(v);
    if (!exec(q, error))
        return std::nullopt;
    return true;
}

Result<QList<NotificationRecord>> BackendStore::notifications()
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    if (!q.exec(QStringLiteral("SELECT %1 FROM notifications ORDER BY id").arg(kNotificationColumns)))
        return databaseError(QStringLiteral("membaca notifikasi"), q.lastError());
    QList<NotificationRecord> list;
    while (q.next())
        list.append(readNotification(q));
    return list;
}

Result<QList<NotificationRecord>> BackendStore::dueNotifications(const QDateTime &now, int limit)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral(
        "SELECT %1 FROM notifications WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?")
                  .arg(kNotificationColumns));
    q.addBindValue(timestamp(now));
    q.addBindValue(limit);
    if (!q.exec())
        return databaseError(QStringLiteral("membaca antrean notifikasi"), q.lastError());
    QList<NotificationRecord> list;
    while (q.next())
        list.append(readNotification(q));
    return list;
}

Result<bool> BackendStore::claimNotification(qint64 id, const QDateTime &now, const QDateTime &nextAttemptAt)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE notifications SET attempts = attempts + 1, next_attempt_at = ?"
                             " WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?"));
    q.addBindValue(timestamp(nextAttemptAt));
    q.addBindValue(id);
    q.addBindValue(timestamp(now));
    if (!q.exec())
        return databaseError(QStringLiteral("mengambil notifikasi"), q.lastError());
    return q.numRowsAffected() == 1;
}

Result<bool> BackendStore::markNotificationSent(qint64 id, const QDateTime &at)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<bool> {
        QSqlQuery read(db);
        read.prepare(QStringLiteral("SELECT recipient FROM notifications WHERE id = ? AND status = 'pending'"));
        read.addBindValue(id);
        if (!read.exec())
            return databaseError(QStringLiteral("membaca notifikasi"), read.lastError());
        if (!read.next())
            return false;
        const QString masked = smstext::maskPhone(read.value(0).toString());
        read.finish();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE notifications SET status = 'sent', sent_at = ?, recipient = ?, last_error = NULL"
                                 " WHERE id = ? AND status = 'pending'"));
        q.addBindValue(timestamp(at));
        q.addBindValue(masked);
        q.addBindValue(id);
        if (!q.exec())
            return databaseError(QStringLiteral("menandai notifikasi terkirim"), q.lastError());
        const bool changed = q.numRowsAffected() == 1;
        return changed;
    });
}

Status BackendStore::markNotificationFailed(qint64 id, const QString &reason, bool giveUp)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(giveUp ? QStringLiteral("UPDATE notifications SET status = 'failed', last_error = ? WHERE id = ? AND status = 'pending'")
                     : QStringLiteral("UPDATE notifications SET last_error = ? WHERE id = ? AND status = 'pending'"));
    q.addBindValue(reason.left(500));
    q.addBindValue(id);
    if (!q.exec())
        return databaseError(QStringLiteral("mencatat kegagalan notifikasi"), q.lastError());
    return Done {};
}

Result<int> BackendStore::insertNotifications(const QList<NotificationRecord> &rows)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<int> {
        int added = 0;
        QSqlError err;
        for (const NotificationRecord &n : rows) {
            const auto inserted = insertNotification(db, n, &err);
            if (!inserted)
                return databaseError(QStringLiteral("menyimpan notifikasi"), err);
            added += *inserted ? 1 : 0;
        }
        return added;
    });
}

Result<QList<WaitingRequest>> BackendStore::waitingRequests()
{
    // The last event of every request that is still waiting for someone: its stage started then.
    return readAll<WaitingRequest>(connection(),
        QStringLiteral("SELECT r.registration_number, r.desa_code, r.service_code, r.stage, r.phone, e.sequence, e.at, "
                       "r.service_level, o.kecamatan_code"
                       " FROM requests r JOIN events e ON e.registration_number = r.registration_number"
                       " LEFT JOIN desa_offices o ON o.code = r.desa_code"
                       " WHERE e.sequence = (SELECT MAX(sequence) FROM events WHERE registration_number = r.registration_number)"
                       " AND r.stage IN ('RECEIVED', 'DESA_REVIEW', 'DESA_SIGNED', 'KECAMATAN_REVIEW', 'KECAMATAN_SIGNED', 'READY')"),
        QStringLiteral("mencari pengingat"), [](const QSqlQuery &q) {
            WaitingRequest w;
            w.registrationNumber = q.value(0).toString();
            w.desaCode = q.value(1).toString();
            w.serviceCode = q.value(2).toString();
            w.stage = serverlink::stageFromWire(q.value(3).toString()).value_or(Stage::Received);
            w.phone = q.value(4).toString();
            w.stepSequence = q.value(5).toLongLong();
            w.stepSince = parseTimestamp(q.value(6));
            w.level = serverlink::levelFromWire(q.value(7).toString()).value_or(ServiceLevel::Desa);
            w.kecamatanCode = q.value(8).isNull() ? w.desaCode.left(6) : q.value(8).toString();
            return w;
        });
}

Result<QHash<QString, QDateTime>> BackendStore::stepStarts()
{
    const auto rows = readAll<std::pair<QString, QDateTime>>(connection(),
        QStringLiteral("SELECT e.registration_number, e.at FROM events e WHERE e.sequence ="
                       " (SELECT MAX(sequence) FROM events WHERE registration_number = e.registration_number)"),
        QStringLiteral("membaca riwayat"), [](const QSqlQuery &q) {
            return std::pair {q.value(0).toString(), parseTimestamp(q.value(1))};
        });
    if (!rows)
        return rows.error();
    QHash<QString, QDateTime> starts;
    for (const auto &[reg, at] : rows.value())
        starts.insert(reg, at);
    return starts;
}

} // namespace backend
