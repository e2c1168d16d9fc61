#include "alertbook.h"

#include "store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

namespace kiosk {

namespace {
const QString kFleetPrefix = QStringLiteral("armada:");
const QString kLocalPrefix = QStringLiteral("lokal:");

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

Error databaseError(const QString &what, const QSqlQuery &q)
{
    return Error {ErrorCode::Database, QStringLiteral("%1 gagal: %2").arg(what, q.lastError().text())};
}
} // namespace

AlertBook::AlertBook(const KioskStore &store)
    : m_store(store)
{ }

QList<TechnicianAlert> AlertBook::openAlerts() const
{
    QList<TechnicianAlert> out;
    QSqlQuery q(m_store.connection());
    q.exec(QStringLiteral("SELECT id, text, raised_at FROM fleet_alerts WHERE ('armada:' || id) NOT IN"
                          " (SELECT alert_key FROM alert_acknowledgements)"));
    while (q.next())
        out.append({kFleetPrefix + q.value(0).toString(), q.value(1).toString(),
            QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs), true});
    // The kiosk's own alerts live in sync_state as "alert:<when>" (OutboxRepository::raiseTechnicianAlert).
    q.exec(QStringLiteral("SELECT substr(name, 7), value FROM sync_state WHERE name LIKE 'alert:%' AND ('lokal:' || substr(name, 7))"
                          " NOT IN (SELECT alert_key FROM alert_acknowledgements)"));
    while (q.next())
        out.append({kLocalPrefix + q.value(0).toString(), q.value(1).toString(),
            QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs), false});
    std::stable_sort(out.begin(), out.end(), [](const TechnicianAlert &a, const TechnicianAlert &b) { return a.since < b.since; });
    return out;
}

Status AlertBook::acknowledge(const QString &key, const QString &technician, const QDateTime &at) const
{
    const QList<TechnicianAlert> open = openAlerts();
    const auto alert = std::find_if(open.cbegin(), open.cend(), [&key](const TechnicianAlert &a) { return a.key == key; });
    if (alert == open.cend())
        return Error {ErrorCode::NotFound, QStringLiteral("Peringatan ini sudah ditangani atau tidak ada lagi.")};
    return m_store.transaction([&]() -> Status {
        QSqlQuery q(m_store.connection());
        q.prepare(QStringLiteral("INSERT INTO alert_acknowledgements (alert_key, technician, acknowledged_at, delivered_at, delivery_note)"
                                 " VALUES (?, ?, ?, ?, ?)"));
        q.addBindValue(key);
        q.addBindValue(technician);
        q.addBindValue(iso(at));
        // The kiosk's own alerts have nobody to tell.
        q.addBindValue(alert->fromBackend ? QVariant(QMetaType::fromType<QString>()) : QVariant(iso(at)));
        q.addBindValue(alert->fromBackend ? QVariant(QMetaType::fromType<QString>()) : QVariant(QStringLiteral("lokal")));
        if (!q.exec())
            return databaseError(QStringLiteral("Mencatat peringatan selesai ditangani"), q);
        QSqlQuery j(m_store.connection());
        j.prepare(QStringLiteral("INSERT INTO technician_journal (at, technician, action, subject) VALUES (?, ?, ?, ?)"));
        j.addBindValue(iso(at));
        j.addBindValue(technician);
        j.addBindValue(QStringLiteral("selesai-ditangani"));
        j.addBindValue(QStringLiteral("%1 %2").arg(key, alert->text.left(120)));
        if (!j.exec())
            return databaseError(QStringLiteral("Catatan teknisi"), j);
        return Done {};
    });
}

Status AlertBook::replaceFleetAlerts(const QList<serverlink::FleetAlert> &alerts) const
{
    return m_store.transaction([&]() -> Status {
        QSqlQuery q(m_store.connection());
        if (!q.exec(QStringLiteral("DELETE FROM fleet_alerts")))
            return databaseError(QStringLiteral("Menyimpan peringatan dari kecamatan"), q);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO fleet_alerts (id, kind, text, raised_at) VALUES (?, ?, ?, ?)"));
        for (const serverlink::FleetAlert &a : alerts) {
            q.addBindValue(a.id);
            q.addBindValue(a.kind);
            q.addBindValue(a.text);
            q.addBindValue(iso(a.raisedAt));
            if (!q.exec())
                return databaseError(QStringLiteral("Menyimpan peringatan dari kecamatan"), q);
        }
        return Done {};
    });
}

QList<PendingAcknowledgement> AlertBook::pendingAcknowledgements() const
{
    QList<PendingAcknowledgement> out;
    QSqlQuery q(m_store.connection());
    q.exec(QStringLiteral("SELECT substr(alert_key, 8), technician, acknowledged_at FROM alert_acknowledgements"
                          " WHERE alert_key LIKE 'armada:%' AND delivered_at IS NULL ORDER BY acknowledged_at"));
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString(), QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs)});
    return out;
}

Status AlertBook::markDelivered(qint64 alertId, const QString &note, const QDateTime &at) const
{
    const auto written = m_store.write(QStringLiteral("tanda peringatan terkirim"),
        QStringLiteral(
            "UPDATE alert_acknowledgements SET delivered_at = ?, delivery_note = ? WHERE alert_key = ? AND delivered_at IS NULL"),
        {iso(at), note.left(300), kFleetPrefix + QString::number(alertId)});
    if (!written)
        return written.error();
    return Done {};
}

} // namespace kiosk
