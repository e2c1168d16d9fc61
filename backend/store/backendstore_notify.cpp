// BackendStore: the notification outbox (citizen SMS, reminders).
#include "backendstore.h"
#include "backendstore_p.h"
#include "workflow.h"

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

/// Inserts a row unless its event_key exists; ids are allocated under the caller's write lock.
std::optional<bool> insertNotification(QSqlDatabase &db, const NotificationRecord &n, QSqlError *error)
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
    for (const QVariant &v : QVariantList {id, n.eventKey, n.registrationNumber, notificationKindToWire(n.kind), n.recipientKind,
             n.recipient, n.message, n.status, timestamp(n.nextAttemptAt), timestamp(n.createdAt)})
        q.addBindValue(v);
    if (!exec(q, error))
        return std::nullopt;
    return true;
}

/// The SLA reminder rows of one late step: one SMS per officer responsible for it today (by role
/// and office, or their delegate while they are on leave) who has a phone number; without any, one
/// row recorded for the office ("<office>/<role>") so the console still lists it.
QList<NotificationRecord> slaReminders(const NotificationRecord &base, const QList<OfficerRecord> &officers,
    const QList<DelegationRecord> &delegations, const QString &desaCode, const QString &kecamatanCode, ServiceLevel level, Stage stage,
    const QDate &day)
{
    QList<NotificationRecord> rows;
    QStringList offices;
    for (Role role : roles::responsibleRoles(level, stage)) {
        const QString office = roles::officeOf(role, desaCode, kecamatanCode);
        offices.append(office + QLatin1Char('/') + roleToWire(role));
        for (const OfficerRecord &o : leave::actingOfficers(officers, delegations, role, office, day)) {
            if (o.phone.isEmpty())
                continue;
            NotificationRecord n = base;
            n.eventKey = QStringLiteral("%1:%2").arg(base.eventKey).arg(o.id);
            n.recipient = o.phone;
            n.status = QStringLiteral("pending");
            rows.append(n);
        }
    }
    if (rows.isEmpty()) {
        NotificationRecord n = base;
        n.recipient = offices.isEmpty() ? desaCode : offices.join(QLatin1Char(','));
        n.status = QStringLiteral("recorded");
        rows.append(n);
    }
    return rows;
}

} // namespace

namespace detail {

bool enqueueTransitionNotification(QSqlDatabase &db, const RequestRecord &r, const Transition &t, qint64 eventSequence, QSqlError *error)
{
    std::optional<NotificationKind> kind;
    if (t.to == Stage::Ready)
        kind = NotificationKind::Ready;
    else if (t.to == Stage::NeedsFix)
        kind = NotificationKind::NeedsFix;
    else if (t.to == Stage::Rejected)
        kind = NotificationKind::Rejected;
    if (!kind || r.phone.isEmpty())
        return true;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    NotificationRecord n;
    n.eventKey = QStringLiteral("event:%1").arg(eventSequence);
    n.registrationNumber = r.registrationNumber;
    n.kind = *kind;
    n.recipientKind = QStringLiteral("citizen");
    n.recipient = r.phone;
    n.message = smstext::forTransition(*kind, r.registrationNumber, t.note);
    n.status = QStringLiteral("pending");
    n.nextAttemptAt = now;
    n.createdAt = now;
    return insertNotification(db, n, error).has_value();
}

} // namespace detail

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

Result<int> BackendStore::enqueueReminders(const ReminderPolicy &policy, const QDateTime &now)
{
    // Who is responsible today; read once per scan (leave days are local calendar days).
    const auto officerList = officers();
    if (!officerList)
        return officerList.error();
    const auto delegationList = delegations();
    if (!delegationList)
        return delegationList.error();
    const QDate today = now.toLocalTime().date();
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<int> {
        // The last event of every request that is still waiting for someone: its stage started then.
        QSqlQuery q(db);
        q.prepare(
            QStringLiteral("SELECT r.registration_number, r.desa_code, r.service_code, r.stage, r.phone, e.sequence, e.at, "
                           "r.service_level, o.kecamatan_code"
                           " FROM requests r JOIN events e ON e.registration_number = r.registration_number"
                           " LEFT JOIN desa_offices o ON o.code = r.desa_code"
                           " WHERE e.sequence = (SELECT MAX(sequence) FROM events WHERE registration_number = r.registration_number)"
                           " AND r.stage IN ('RECEIVED', 'DESA_REVIEW', 'DESA_SIGNED', 'KECAMATAN_REVIEW', 'KECAMATAN_SIGNED', 'READY')"));
        if (!q.exec())
            return databaseError(QStringLiteral("mencari pengingat"), q.lastError());
        QList<NotificationRecord> due;
        while (q.next()) {
            const QString reg = q.value(0).toString();
            const QString desa = q.value(1).toString();
            const QString service = q.value(2).toString();
            const Stage stage = serverlink::stageFromWire(q.value(3).toString()).value_or(Stage::Received);
            const QString phone = q.value(4).toString();
            const qint64 sequence = q.value(5).toLongLong();
            const QDateTime since = parseTimestamp(q.value(6));
            const ServiceLevel level = serverlink::levelFromWire(q.value(7).toString()).value_or(ServiceLevel::Desa);
            // A desa missing from the office table: its kecamatan is the first six digits of its code.
            const QString kecamatan = q.value(8).isNull() ? desa.left(6) : q.value(8).toString();
            NotificationRecord n;
            n.registrationNumber = reg;
            n.nextAttemptAt = now;
            n.createdAt = now;
            if (stage == Stage::Ready) {
                if (phone.isEmpty() || since.addDays(policy.pickupAfterDays) > now)
                    continue;
                n.eventKey = QStringLiteral("pickup:%1:%2").arg(reg).arg(sequence);
                n.kind = NotificationKind::PickupReminder;
                n.recipientKind = QStringLiteral("citizen");
                n.recipient = phone;
                n.message = smstext::pickupReminder(reg, since.toLocalTime().date());
                n.status = QStringLiteral("pending");
                due.append(n);
            } else {
                const int sla = policy.slaDaysByService.value(service, policy.defaultSlaDays);
                if (since.addDays(sla) > now)
                    continue;
                n.eventKey = QStringLiteral("sla:%1:%2").arg(reg).arg(sequence);
                n.kind = NotificationKind::SlaReminder;
                n.recipientKind = QStringLiteral("officer");
                n.message = smstext::slaReminder(reg, service, serverlink::stageLabelId(stage), sla);
                due.append(slaReminders(n, officerList.value(), delegationList.value(), desa, kecamatan, level, stage, today));
            }
        }
        q.finish();
        int added = 0;
        QSqlError err;
        for (const NotificationRecord &n : std::as_const(due)) {
            const auto inserted = insertNotification(db, n, &err);
            if (!inserted)
                return databaseError(QStringLiteral("menyimpan pengingat"), err);
            added += *inserted ? 1 : 0;
        }
        return added;
    });
}

} // namespace backend
