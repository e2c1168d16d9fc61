// BackendStore: fleet alerts of the kiosks, raised and cleared with their SMS in one transaction.
#include "backendstore.h"
#include "backendstore_p.h"

#include <QSqlQuery>

namespace backend {

using namespace detail;

namespace {

const QString kAlertColumns
    = QStringLiteral("id, kiosk_id, desa_code, kind, detail, raised_at, cleared_at, acknowledged_by, acknowledged_at");

KioskAlertRecord readAlert(const QSqlQuery &q)
{
    KioskAlertRecord a;
    a.id = q.value(0).toLongLong();
    a.kioskId = q.value(1).toString();
    a.desaCode = q.value(2).toString();
    a.kind = q.value(3).toString();
    a.detail = q.value(4).toString();
    a.raisedAt = parseTimestamp(q.value(5));
    a.clearedAt = q.value(6).isNull() ? QDateTime() : parseTimestamp(q.value(6));
    a.acknowledgedBy = q.value(7).toString();
    a.acknowledgedAt = q.value(8).isNull() ? QDateTime() : parseTimestamp(q.value(8));
    return a;
}

} // namespace

Result<AlertChanges> BackendStore::reconcileAlerts(const QString &kioskId, const QString &desaCode, const QList<AlertCondition> &active,
    const QStringList &considered, const QList<AlertRecipient> &recipients, const QString &officeLabel, const QDateTime &now)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<AlertChanges> {
        QSqlQuery open(db);
        open.prepare(QStringLiteral("SELECT %1 FROM kiosk_alerts WHERE kiosk_id = ? AND cleared_at IS NULL").arg(kAlertColumns));
        open.addBindValue(kioskId);
        if (!open.exec())
            return databaseError(QStringLiteral("membaca peringatan anjungan"), open.lastError());
        QHash<QString, KioskAlertRecord> openByKind;
        while (open.next()) {
            const KioskAlertRecord a = readAlert(open);
            openByKind.insert(a.kind, a);
        }
        open.finish();
        AlertChanges changes;
        QStringList activeKinds;
        for (const AlertCondition &c : active) {
            activeKinds.append(c.kind);
            if (openByKind.contains(c.kind))
                continue;
            KioskAlertRecord a {0, kioskId, desaCode, c.kind, c.detail, now, {}, {}, {}};
            const auto id = insertWithNextId(db, QStringLiteral("kiosk_alerts"),
                QStringLiteral("INSERT INTO kiosk_alerts (%1) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL)").arg(kAlertColumns),
                {kioskId, desaCode, c.kind, c.detail, timestamp(now)});
            if (!id)
                return id.error();
            a.id = id.value();
            // One SMS per technician, keyed by alert and officer: a retried heartbeat never sends a second.
            NotificationRecord n;
            n.kind = NotificationKind::FleetAlert;
            n.recipientKind = QStringLiteral("officer");
            n.message = c.smsText;
            n.nextAttemptAt = now;
            n.createdAt = now;
            QList<NotificationRecord> rows;
            for (const AlertRecipient &r : recipients) {
                n.eventKey = QStringLiteral("alert:%1:%2").arg(a.id).arg(r.officerId);
                n.recipient = r.phone;
                n.status = QStringLiteral("pending");
                rows.append(n);
            }
            if (rows.isEmpty()) {
                n.eventKey = QStringLiteral("alert:%1").arg(a.id);
                n.recipient = officeLabel;
                n.status = QStringLiteral("recorded");
                rows.append(n);
            }
            for (const NotificationRecord &row : rows) {
                QSqlError error;
                if (!insertNotification(db, row, &error))
                    return databaseError(QStringLiteral("mengantrekan SMS peringatan"), error);
            }
            changes.raised.append(a);
        }
        for (const KioskAlertRecord &a : std::as_const(openByKind)) {
            if (!considered.contains(a.kind) || activeKinds.contains(a.kind))
                continue;
            QSqlQuery clear(db);
            clear.prepare(QStringLiteral("UPDATE kiosk_alerts SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL"));
            clear.addBindValue(timestamp(now));
            clear.addBindValue(a.id);
            if (!clear.exec())
                return databaseError(QStringLiteral("menutup peringatan anjungan"), clear.lastError());
            KioskAlertRecord cleared = a;
            cleared.clearedAt = now;
            changes.cleared.append(cleared);
        }
        return changes;
    });
}

Result<QList<KioskAlertRecord>> BackendStore::kioskAlerts(int limit)
{
    return readAll<KioskAlertRecord>(connection(),
        QStringLiteral("SELECT %1 FROM kiosk_alerts ORDER BY raised_at DESC, id DESC LIMIT ?").arg(kAlertColumns),
        QStringLiteral("membaca peringatan anjungan"), readAlert, {limit});
}

Result<std::optional<KioskAlertRecord>> BackendStore::kioskAlert(qint64 id)
{
    return readOne<KioskAlertRecord>(connection(), QStringLiteral("SELECT %1 FROM kiosk_alerts WHERE id = ?").arg(kAlertColumns), {id},
        QStringLiteral("membaca peringatan anjungan"), readAlert);
}

Result<QList<KioskAlertRecord>> BackendStore::openAlertsOfKiosk(const QString &kioskId)
{
    return readAll<KioskAlertRecord>(connection(),
        QStringLiteral("SELECT %1 FROM kiosk_alerts WHERE kiosk_id = ? AND cleared_at IS NULL AND acknowledged_at IS NULL"
                       " ORDER BY raised_at, id")
            .arg(kAlertColumns),
        QStringLiteral("membaca peringatan anjungan"), readAlert, {kioskId});
}

Result<bool> BackendStore::acknowledgeAlert(qint64 id, const QString &by, const QDateTime &at)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE kiosk_alerts SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL"));
    q.addBindValue(by);
    q.addBindValue(timestamp(at));
    q.addBindValue(id);
    if (!q.exec())
        return databaseError(QStringLiteral("mencatat peringatan ditangani"), q.lastError());
    return q.numRowsAffected() == 1;
}

} // namespace backend
