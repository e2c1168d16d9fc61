// The front office's journal as kiosks deliver it (POST /api/v1/desk-events).
#include "backendstore.h"

#include "backendstore_p.h"

namespace backend {

using namespace detail;

namespace {
// Empty, never NULL: the columns are NOT NULL and a default-constructed QString binds as NULL.
QString text(const QString &s)
{
    return s.isNull() ? QString::fromLatin1("") : s;
}

DeskEventRecord readDeskEvent(const QSqlQuery &q)
{
    DeskEventRecord r;
    r.kioskId = q.value(0).toString();
    r.desaCode = q.value(1).toString();
    r.event.id = q.value(2).toString();
    r.event.kind = serverlink::DeskEvent::kindFromWire(q.value(3).toString()).value_or(serverlink::DeskEventKind::LetterPrinted);
    r.event.at = parseTimestamp(q.value(4));
    r.event.actor = q.value(5).toString();
    r.event.registrationNumber = q.value(6).toString();
    r.event.queueLabel = q.value(7).toString();
    r.event.counter = q.value(8).toInt();
    r.event.detail = q.value(9).toString();
    r.receivedAt = parseTimestamp(q.value(10));
    return r;
}
} // namespace

Result<int> BackendStore::insertDeskEvents(const QString &kioskId, const QString &desaCode, const QList<serverlink::DeskEvent> &events)
{
    const QString receivedAt = timestamp(QDateTime::currentDateTimeUtc());
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<int> {
        int added = 0;
        QSqlQuery q(db);
        // A retried batch finds its rows there: DO NOTHING keeps the first delivery, so a retry changes nothing.
        q.prepare(QStringLiteral("INSERT INTO desk_events (kiosk_id, event_id, desa_code, kind, at, actor, registration_number,"
                                 " queue_label, counter, detail, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                 " ON CONFLICT (kiosk_id, event_id) DO NOTHING"));
        for (const serverlink::DeskEvent &e : events) {
            for (const QVariant &v : QVariantList {kioskId, e.id, desaCode, serverlink::DeskEvent::kindToWire(e.kind), timestamp(e.at),
                     text(e.actor), text(e.registrationNumber), text(e.queueLabel), e.counter, text(e.detail), receivedAt})
                q.addBindValue(v);
            if (!q.exec())
                return databaseError(QStringLiteral("menyimpan catatan meja layanan"), q.lastError());
            added += q.numRowsAffected() > 0 ? 1 : 0;
        }
        q.finish();
        return added;
    });
}

Result<QList<DeskEventRecord>> BackendStore::deskEvents(const QDateTime &from, const QDateTime &to, const QString &desaCode)
{
    return readAll<DeskEventRecord>(connection(),
        QStringLiteral("SELECT kiosk_id, desa_code, event_id, kind, at, actor, registration_number, queue_label, counter, detail,"
                       " received_at FROM desk_events WHERE at >= ? AND at < ? AND (? = '' OR desa_code = ?)"
                       " ORDER BY at, kiosk_id, event_id"),
        QStringLiteral("membaca catatan meja layanan"), readDeskEvent, {timestamp(from), timestamp(to), text(desaCode), text(desaCode)});
}

} // namespace backend
