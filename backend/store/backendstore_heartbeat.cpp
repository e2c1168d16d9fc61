// Kiosk heartbeats: the latest one per kiosk, for the fleet health view.
#include "backendstore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace backend {

namespace {
QString timestamp(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

Error heartbeatError(const QString &what, const QSqlError &e)
{
    return {ErrorCode::Database, QStringLiteral("Kesalahan basis data saat %1: %2").arg(what, e.text())};
}
} // namespace

Status BackendStore::recordHeartbeat(const KioskHeartbeat &h)
{
    auto db = connection();
    if (!db)
        return db.error();
    QSqlQuery q(db.value());
    // One statement: the row is replaced atomically (ON CONFLICT works in SQLite and PostgreSQL).
    q.prepare(
        QStringLiteral("INSERT INTO kiosk_heartbeats (kiosk_id, desa_code, last_seen, sent_at, printer_state, paper_state,"
                       " scanner_state, letter_printer_state, outbox_depth, parked_count, free_disk_mb, app_version,"
                       " image_version, certificate_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (kiosk_id) DO UPDATE SET desa_code = excluded.desa_code, last_seen = excluded.last_seen,"
                       " sent_at = excluded.sent_at, printer_state = excluded.printer_state, paper_state = excluded.paper_state,"
                       " scanner_state = excluded.scanner_state, letter_printer_state = excluded.letter_printer_state,"
                       " outbox_depth = excluded.outbox_depth, parked_count = excluded.parked_count,"
                       " free_disk_mb = excluded.free_disk_mb, app_version = excluded.app_version, image_version = excluded.image_version,"
                       " certificate_state = excluded.certificate_state"));
    q.addBindValue(h.kioskId);
    q.addBindValue(h.desaCode);
    q.addBindValue(timestamp(h.lastSeen));
    q.addBindValue(h.sentAt.isValid() ? QVariant(timestamp(h.sentAt)) : QVariant());
    q.addBindValue(h.printerState);
    q.addBindValue(h.paperState);
    q.addBindValue(h.scannerState);
    q.addBindValue(h.letterPrinterState);
    q.addBindValue(h.outboxDepth);
    q.addBindValue(h.parkedCount);
    q.addBindValue(h.freeDiskMb);
    q.addBindValue(h.version);
    // A kiosk off the appliance has none: an empty text, never NULL.
    q.addBindValue(h.imageVersion.isNull() ? QString(QLatin1String("")) : h.imageVersion);
    q.addBindValue(h.certificateState.isNull() ? QString(QLatin1String("")) : h.certificateState);
    if (!q.exec())
        return heartbeatError(QStringLiteral("menyimpan heartbeat"), q.lastError());
    return Done {};
}

Result<QList<KioskHeartbeat>> BackendStore::latestHeartbeats()
{
    auto db = connection();
    if (!db)
        return db.error();
    QSqlQuery q(db.value());
    if (!q.exec(QStringLiteral("SELECT kiosk_id, desa_code, last_seen, sent_at, printer_state, paper_state, scanner_state,"
                               " letter_printer_state, outbox_depth, parked_count, free_disk_mb, app_version,"
                               " image_version, certificate_state FROM kiosk_heartbeats ORDER BY kiosk_id")))
        return heartbeatError(QStringLiteral("membaca heartbeat"), q.lastError());
    QList<KioskHeartbeat> out;
    while (q.next()) {
        KioskHeartbeat h;
        h.kioskId = q.value(0).toString();
        h.desaCode = q.value(1).toString();
        h.lastSeen = QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs);
        h.sentAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
        h.printerState = q.value(4).toString();
        h.paperState = q.value(5).toString();
        h.scannerState = q.value(6).toString();
        h.letterPrinterState = q.value(7).toString();
        h.outboxDepth = q.value(8).toInt();
        h.parkedCount = q.value(9).toInt();
        h.freeDiskMb = q.value(10).toLongLong();
        h.version = q.value(11).toString();
        h.imageVersion = q.value(12).toString();
        h.certificateState = q.value(13).toString();
        out.append(h);
    }
    return out;
}

} // namespace backend
