// Kiosk heartbeats: the latest one per kiosk, for the fleet health view.
#include "backendstore.h"

#include <QJsonArray>
#include <QJsonDocument>
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

QString scannersText(const QList<serverlink::ScannerReport> &scanners)
{
    if (scanners.isEmpty())
        return QLatin1String("");
    QJsonArray list;
    for (const serverlink::ScannerReport &r : scanners)
        list.append(QJsonObject {{QStringLiteral("uri"), r.uri}, {QStringLiteral("state"), serverlink::healthStateToWire(r.state)}});
    return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
}

QList<serverlink::ScannerReport> scannersFrom(const QString &text)
{
    QList<serverlink::ScannerReport> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array())
        out.append({v.toObject().value(QStringLiteral("uri")).toString(),
            serverlink::healthStateFromWire(v.toObject().value(QStringLiteral("state")).toString())
                .value_or(serverlink::HealthState::Unknown)});
    return out;
}

QString printersText(const QList<serverlink::PrinterReport> &printers)
{
    if (printers.isEmpty())
        return QLatin1String("");
    QJsonArray list;
    for (const serverlink::PrinterReport &r : printers)
        list.append(QJsonObject {{QStringLiteral("role"), r.role}, {QStringLiteral("printerState"), r.printerState},
            {QStringLiteral("printerStateReasons"), QJsonArray::fromStringList(r.reasons)}});
    return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
}

QList<serverlink::PrinterReport> printersFrom(const QString &text)
{
    QList<serverlink::PrinterReport> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array()) {
        serverlink::PrinterReport r {
            v.toObject().value(QStringLiteral("role")).toString(), v.toObject().value(QStringLiteral("printerState")).toInt(), {}};
        for (const QJsonValue &reason : v.toObject().value(QStringLiteral("printerStateReasons")).toArray())
            r.reasons.append(reason.toString());
        out.append(r);
    }
    return out;
}

const QString kHeartbeatColumns = QStringLiteral("kiosk_id, desa_code, last_seen, sent_at, printer_state, paper_state, scanner_state,"
                                                 " letter_printer_state, outbox_depth, parked_count, free_disk_mb, app_version,"
                                                 " image_version, scanners, cert_not_after, clock_skew_seconds, outbox_stalled_since,"
                                                 " certificate_state, printers");

KioskHeartbeat readHeartbeat(const QSqlQuery &q)
{
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
    h.scanners = scannersFrom(q.value(13).toString());
    h.certNotAfter = QDateTime::fromString(q.value(14).toString(), Qt::ISODateWithMs);
    if (!q.value(15).isNull())
        h.clockSkewSeconds = q.value(15).toLongLong();
    h.outboxStalledSince = QDateTime::fromString(q.value(16).toString(), Qt::ISODateWithMs);
    h.certificateState = q.value(17).toString();
    h.printers = printersFrom(q.value(18).toString());
    return h;
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
                       " image_version, scanners, cert_not_after, clock_skew_seconds, outbox_stalled_since, certificate_state, printers)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (kiosk_id) DO UPDATE SET desa_code = excluded.desa_code, last_seen = excluded.last_seen,"
                       " sent_at = excluded.sent_at, printer_state = excluded.printer_state, paper_state = excluded.paper_state,"
                       " scanner_state = excluded.scanner_state, letter_printer_state = excluded.letter_printer_state,"
                       " outbox_depth = excluded.outbox_depth, parked_count = excluded.parked_count,"
                       " free_disk_mb = excluded.free_disk_mb, app_version = excluded.app_version, image_version = excluded.image_version,"
                       " scanners = excluded.scanners, cert_not_after = excluded.cert_not_after,"
                       " clock_skew_seconds = excluded.clock_skew_seconds, outbox_stalled_since = excluded.outbox_stalled_since,"
                       " certificate_state = excluded.certificate_state, printers = excluded.printers"));
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
    q.addBindValue(scannersText(h.scanners));
    q.addBindValue(h.certNotAfter.isValid() ? QVariant(timestamp(h.certNotAfter)) : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(h.clockSkewSeconds ? QVariant(*h.clockSkewSeconds) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(h.outboxStalledSince.isValid() ? QVariant(timestamp(h.outboxStalledSince)) : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(h.certificateState.isNull() ? QString(QLatin1String("")) : h.certificateState);
    q.addBindValue(printersText(h.printers));
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
    if (!q.exec(QStringLiteral("SELECT %1 FROM kiosk_heartbeats ORDER BY kiosk_id").arg(kHeartbeatColumns)))
        return heartbeatError(QStringLiteral("membaca heartbeat"), q.lastError());
    QList<KioskHeartbeat> out;
    while (q.next())
        out.append(readHeartbeat(q));
    return out;
}

Result<std::optional<KioskHeartbeat>> BackendStore::latestHeartbeat(const QString &kioskId)
{
    auto db = connection();
    if (!db)
        return db.error();
    QSqlQuery q(db.value());
    q.prepare(QStringLiteral("SELECT %1 FROM kiosk_heartbeats WHERE kiosk_id = ?").arg(kHeartbeatColumns));
    q.addBindValue(kioskId);
    if (!q.exec())
        return heartbeatError(QStringLiteral("membaca heartbeat"), q.lastError());
    if (!q.next())
        return std::optional<KioskHeartbeat>();
    return std::optional<KioskHeartbeat>(readHeartbeat(q));
}

} // namespace backend
