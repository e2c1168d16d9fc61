#include "deskjournal.h"

#include "outbox.h"
#include "store.h"

#include <QSqlQuery>
#include <QUuid>

namespace kiosk {

namespace {
QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

// Empty, never NULL: the columns are NOT NULL and a default-constructed QString binds as NULL.
QString text(const QString &s)
{
    return s.isNull() ? QString::fromLatin1("") : s;
}

const QString kColumns = QStringLiteral("id, kind, at, actor, registration_number, queue_label, counter, detail");

serverlink::DeskEvent fromRow(const QSqlQuery &q)
{
    serverlink::DeskEvent e;
    e.id = q.value(0).toString();
    e.kind = serverlink::DeskEvent::kindFromWire(q.value(1).toString()).value_or(serverlink::DeskEventKind::LetterPrinted);
    e.at = QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs);
    e.actor = q.value(3).toString();
    e.registrationNumber = q.value(4).toString();
    e.queueLabel = q.value(5).toString();
    e.counter = q.value(6).toInt();
    e.detail = q.value(7).toString();
    return e;
}
} // namespace

DeskJournal::DeskJournal(const KioskStore &store, Clock clock)
    : m_store(store)
    , m_clock(std::move(clock))
{ }

Result<serverlink::DeskEvent> DeskJournal::record(serverlink::DeskEvent event) const
{
    if (event.id.isEmpty())
        event.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!event.at.isValid())
        event.at = m_clock();
    event.at = event.at.toUTC();
    // An event the backend would refuse would hold up every event after it: refuse it here instead.
    QString why;
    if (!serverlink::DeskEvent::fromJsonObject(event.toJsonObject(), &why))
        return Error {ErrorCode::InvalidData, QStringLiteral("Catatan meja layanan tidak sah: %1").arg(why)};
    const auto written = m_store.write(QStringLiteral("catatan meja layanan"),
        QStringLiteral("INSERT INTO desk_events (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING").arg(kColumns),
        {event.id, serverlink::DeskEvent::kindToWire(event.kind), iso(event.at), text(event.actor), text(event.registrationNumber),
            text(event.queueLabel), event.counter, text(event.detail)});
    if (!written)
        return written.error();
    return event;
}

Result<serverlink::DeskEvent> DeskJournal::record(serverlink::DeskEventKind kind, const QString &actor, const QString &registrationNumber,
    const QString &queueLabel, int counter, const QString &detail) const
{
    serverlink::DeskEvent event;
    event.kind = kind;
    event.actor = actor;
    event.registrationNumber = registrationNumber;
    event.queueLabel = queueLabel;
    event.counter = counter;
    event.detail = detail;
    return record(std::move(event));
}

QList<serverlink::DeskEvent> DeskJournal::undelivered(int limit) const
{
    QList<serverlink::DeskEvent> out;
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM desk_events WHERE delivered_at IS NULL ORDER BY seq LIMIT ?").arg(kColumns));
    q.addBindValue(limit);
    q.exec();
    while (q.next())
        out.append(fromRow(q));
    return out;
}

Status DeskJournal::markDelivered(const QStringList &ids) const
{
    const QString now = iso(m_clock());
    return m_store.transaction([&]() -> Status {
        for (const QString &id : ids) {
            const auto written = m_store.write(QStringLiteral("catatan meja layanan terkirim"),
                QStringLiteral("UPDATE desk_events SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL"), {now, id});
            if (!written)
                return written.error();
        }
        return Done {};
    });
}

QList<serverlink::DeskEvent> DeskJournal::eventsOn(const QDate &day) const
{
    // Local day bounds, compared as UTC ISO strings (the column's format).
    const QDateTime from = day.startOfDay();
    const QDateTime to = day.addDays(1).startOfDay();
    QList<serverlink::DeskEvent> out;
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM desk_events WHERE at >= ? AND at < ? ORDER BY seq").arg(kColumns));
    q.addBindValue(iso(from));
    q.addBindValue(iso(to));
    q.exec();
    while (q.next())
        out.append(fromRow(q));
    return out;
}

Status recordHandover(OutboxRepository &outbox, const DeskJournal &journal, const QString &registrationNumber,
    const serverlink::HandoverBody &handover, const QString &queueLabel, int counter)
{
    return outbox.store().transaction([&]() -> Status {
        if (const Status marked = outbox.markHandedOver(registrationNumber, handover); !marked)
            return marked;
        const auto journaled = journal.record(serverlink::DeskEventKind::LetterHandedOver, handover.actor, registrationNumber, queueLabel,
            counter, handover.kind == serverlink::CollectorKind::Holder ? QStringLiteral("pemohon sendiri") : QStringLiteral("diwakilkan"));
        if (!journaled)
            return journaled.error();
        return Done {};
    });
}

} // namespace kiosk
