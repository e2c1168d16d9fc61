#include "queuebook.h"

#include "deskjournal.h"
#include "outbox.h"
#include "store.h"

#include <QSqlError>
#include <QSqlQuery>

namespace kiosk {

namespace {
using serverlink::DeskEventKind;

struct StateRow {
    QueueState state;
    const char *wire;
};
constexpr StateRow kStates[] = {
    {QueueState::Waiting, "waiting"},
    {QueueState::Called, "called"},
    {QueueState::Served, "served"},
    {QueueState::Skipped, "skipped"},
    {QueueState::Gone, "gone"},
};

QString stateToWire(QueueState state)
{
    for (const StateRow &row : kStates)
        if (row.state == state)
            return QLatin1String(row.wire);
    return {};
}
QueueState stateFromWire(const QString &wire)
{
    for (const StateRow &row : kStates)
        if (wire == QLatin1String(row.wire))
            return row.state;
    return QueueState::Gone;
}

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}
QDateTime fromIso(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}
QString dayText(const QDate &day)
{
    return day.toString(Qt::ISODate);
}
// Empty, never NULL: the text columns are NOT NULL and a null QString binds as NULL.
QString text(const QString &s)
{
    return s.isNull() ? QString::fromLatin1("") : s;
}

const QString kColumns = QStringLiteral("id, day, kind, number, label, reason, registration_number, state, counter, transfer_to,"
                                        " taken_at, called_at, served_at, requeue_at, skips");

QueueEntry fromRow(const QSqlQuery &q)
{
    QueueEntry e;
    e.id = q.value(0).toLongLong();
    e.day = QDate::fromString(q.value(1).toString(), Qt::ISODate);
    e.kind = queuerules::kindFromLetter(q.value(2).toString()).value_or(QueueKind::Request);
    e.number = q.value(3).toInt();
    e.label = q.value(4).toString();
    e.reason = queuerules::reasonFromWire(q.value(5).toString());
    e.registrationNumber = q.value(6).toString();
    e.state = stateFromWire(q.value(7).toString());
    e.counter = q.value(8).toInt();
    e.transferTo = q.value(9).toInt();
    e.takenAt = fromIso(q.value(10));
    e.calledAt = fromIso(q.value(11));
    e.servedAt = fromIso(q.value(12));
    e.requeueAt = fromIso(q.value(13));
    e.skips = q.value(14).toInt();
    return e;
}

Error queryFailed(const QString &what, const QSqlQuery &q)
{
    return Error {ErrorCode::Database, QStringLiteral("Antrean tidak dapat dibaca (%1): %2").arg(what, q.lastError().text())};
}

Result<QList<QueueEntry>> select(const KioskStore &store, const QString &where, const QVariantList &values)
{
    QSqlQuery q(store.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM queue_entries WHERE %2 ORDER BY id").arg(kColumns, where));
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return queryFailed(QStringLiteral("nomor"), q);
    QList<QueueEntry> out;
    while (q.next())
        out.append(fromRow(q));
    return out;
}

Status asStatus(const Result<int> &written)
{
    if (!written)
        return written.error();
    return Done {};
}
} // namespace

QueueBook::QueueBook(const KioskStore &store, const DeskJournal &journal, Settings settings, Clock clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_journal(journal)
    , m_settings(std::move(settings))
    , m_clock(std::move(clock))
{ }

QDate QueueBook::today() const
{
    return m_clock().toLocalTime().date();
}

std::optional<Loket> QueueBook::loket(int counter) const
{
    for (const Loket &l : m_settings.lokets)
        if (l.counter == counter)
            return l;
    return std::nullopt;
}

int QueueBook::loketsServing(QueueKind kind) const
{
    return int(
        std::count_if(m_settings.lokets.cbegin(), m_settings.lokets.cend(), [kind](const Loket &l) { return l.kinds.contains(kind); }));
}

Result<QueueEntry> QueueBook::takeWithin(
    const KioskStore &store, QueueKind kind, PriorityReason reason, const QString &registrationNumber, const QDateTime &now)
{
    QueueEntry e;
    e.day = now.toLocalTime().date();
    e.kind = kind;
    e.reason = reason;
    e.registrationNumber = registrationNumber;
    e.takenAt = now;
    const QString day = dayText(e.day);
    const QString letter = queuerules::letter(kind);
    // The counter moves in the same transaction as the entry: a number is never given twice in a day.
    if (const auto counted = store.write(QStringLiteral("nomor antrean"),
            QStringLiteral("INSERT INTO queue_numbers (day, kind, last_number) VALUES (?, ?, 1)"
                           " ON CONFLICT (day, kind) DO UPDATE SET last_number = queue_numbers.last_number + 1"),
            {day, letter});
        !counted)
        return counted.error();
    QSqlQuery q(store.connection());
    q.prepare(QStringLiteral("SELECT last_number FROM queue_numbers WHERE day = ? AND kind = ?"));
    q.addBindValue(day);
    q.addBindValue(letter);
    if (!q.exec() || !q.next())
        return queryFailed(QStringLiteral("nomor antrean"), q);
    e.number = q.value(0).toInt();
    e.label = queuerules::label(kind, e.number);
    q.prepare(QStringLiteral("INSERT INTO queue_entries (day, kind, number, label, reason, registration_number, state, taken_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : QVariantList {day, letter, e.number, e.label, text(queuerules::reasonToWire(reason)), text(registrationNumber),
             stateToWire(QueueState::Waiting), iso(now)})
        q.addBindValue(v);
    if (!q.exec())
        return Error {ErrorCode::Database, QStringLiteral("Penyimpanan anjungan gagal (nomor antrean): %1").arg(q.lastError().text())};
    e.id = q.lastInsertId().toLongLong();
    const DeskJournal journal(store, [now] { return now.toUTC(); });
    // The citizen drew the number: no staff actor.
    if (const auto recorded
        = journal.record(DeskEventKind::QueueTaken, QString(), registrationNumber, e.label, 0, queuerules::reasonLabel(reason));
        !recorded)
        return recorded.error();
    return e;
}

Status QueueBook::closePastDays() const
{
    // Yesterday's numbers still waiting or at a loket are closed as gone: the day starts new numbers.
    return asStatus(m_store.write(QStringLiteral("antrean hari sebelumnya"),
        QStringLiteral("UPDATE queue_entries SET state = ? WHERE day < ? AND state IN (?, ?, ?)"),
        {stateToWire(QueueState::Gone), dayText(today()), stateToWire(QueueState::Waiting), stateToWire(QueueState::Called),
            stateToWire(QueueState::Skipped)}));
}

Result<QueueEntry> QueueBook::take(QueueKind kind, PriorityReason reason, const QString &registrationNumber)
{
    QueueEntry taken;
    const Status done = m_store.transaction([&]() -> Status {
        if (const Status closed = closePastDays(); !closed)
            return closed;
        auto entry = takeWithin(m_store, kind, reason, registrationNumber, m_clock());
        if (!entry)
            return entry.error();
        taken = entry.value();
        return Done {};
    });
    if (!done)
        return done.error();
    Q_EMIT changed();
    return taken;
}

Status QueueBook::journal(DeskEventKind kind, const QString &actor, const QueueEntry &entry, int counter, const QString &detail) const
{
    const auto recorded = m_journal.record(kind, actor, entry.registrationNumber, entry.label, counter, detail);
    if (!recorded)
        return recorded.error();
    return Done {};
}

Result<QueueEntry> QueueBook::atLoket(int counter) const
{
    if (!loket(counter))
        return Error {ErrorCode::NotFound, QStringLiteral("Loket %1 tidak diatur di anjungan ini.").arg(counter)};
    const auto found = select(
        m_store, QStringLiteral("day = ? AND state = ? AND counter = ?"), {dayText(today()), stateToWire(QueueState::Called), counter});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error {ErrorCode::NotFound, QStringLiteral("Belum ada nomor yang dipanggil di loket %1.").arg(counter)};
    return found->constLast();
}

std::optional<QueueEntry> QueueBook::current(int counter) const
{
    const auto entry = atLoket(counter);
    if (!entry)
        return std::nullopt;
    return entry.value();
}

Status QueueBook::finishCurrent(int counter, const QString &actor)
{
    const auto entry = atLoket(counter);
    if (!entry)
        return entry.error().code == ErrorCode::NotFound ? Status(Done {}) : Status(entry.error());
    const QDateTime now = m_clock();
    if (const auto served
        = m_store.write(QStringLiteral("nomor selesai"), QStringLiteral("UPDATE queue_entries SET state = ?, served_at = ? WHERE id = ?"),
            {stateToWire(QueueState::Served), iso(now), entry->id});
        !served)
        return served.error();
    return journal(DeskEventKind::QueueServed, actor, entry.value(), counter);
}

Result<std::optional<QueueEntry>> QueueBook::callNext(int counter, const QString &actor)
{
    const auto desk = loket(counter);
    if (!desk)
        return Error {ErrorCode::NotFound, QStringLiteral("Loket %1 tidak diatur di anjungan ini.").arg(counter)};
    std::optional<QueueEntry> calledEntry;
    const Status done = m_store.transaction([&]() -> Status {
        if (const Status closed = closePastDays(); !closed)
            return closed;
        if (const auto back = requeueWithin(actor); !back)
            return back.error();
        if (const Status finished = finishCurrent(counter, actor); !finished)
            return finished;
        QStringList kinds;
        for (QueueKind kind : desk->kinds)
            kinds << QLatin1Char('\'') + queuerules::letter(kind) + QLatin1Char('\'');
        const auto waiting = select(m_store,
            QStringLiteral("day = ? AND state = ? AND (transfer_to = ? OR (transfer_to = 0 AND kind IN (%1)))")
                .arg(kinds.join(QLatin1Char(','))),
            {dayText(today()), stateToWire(QueueState::Waiting), counter});
        if (!waiting)
            return waiting.error();
        QList<QueueCandidate> candidates;
        for (const QueueEntry &e : waiting.value())
            candidates.append({e.id, e.priority(), e.transferTo == counter, e.takenAt});
        QSqlQuery q(m_store.connection());
        q.prepare(QStringLiteral("SELECT priority_run FROM queue_lokets WHERE day = ? AND counter = ?"));
        q.addBindValue(dayText(today()));
        q.addBindValue(counter);
        if (!q.exec())
            return queryFailed(QStringLiteral("loket"), q);
        const int run = q.next() ? q.value(0).toInt() : 0;
        const auto picked = queuerules::pickNext(candidates, run);
        if (!picked)
            return Done {};
        QueueEntry e = waiting->at(*picked);
        const bool transferred = e.transferTo == counter;
        e.state = QueueState::Called;
        e.counter = counter;
        e.transferTo = 0;
        e.calledAt = m_clock();
        if (const auto written = m_store.write(QStringLiteral("panggilan"),
                QStringLiteral("UPDATE queue_entries SET state = ?, counter = ?, transfer_to = 0, called_at = ? WHERE id = ?"),
                {stateToWire(QueueState::Called), counter, iso(e.calledAt), e.id});
            !written)
            return written.error();
        if (const auto written = m_store.write(QStringLiteral("loket"),
                QStringLiteral("INSERT INTO queue_lokets (day, counter, priority_run) VALUES (?, ?, ?)"
                               " ON CONFLICT (day, counter) DO UPDATE SET priority_run = excluded.priority_run"),
                {dayText(today()), counter, queuerules::nextPriorityRun(run, candidates.at(*picked))});
            !written)
            return written.error();
        QString detail = queuerules::reasonLabel(e.reason);
        if (transferred)
            detail = (detail.isEmpty() ? QString() : detail + QStringLiteral(", ")) + QStringLiteral("dialihkan");
        if (const Status journaled = journal(DeskEventKind::QueueCalled, actor, e, counter, detail); !journaled)
            return journaled;
        calledEntry = e;
        return Done {};
    });
    if (!done)
        return done.error();
    if (calledEntry)
        emitCall(*calledEntry, false);
    Q_EMIT changed();
    return calledEntry;
}

Result<QueueEntry> QueueBook::recall(int counter, const QString &actor)
{
    const auto entry = atLoket(counter);
    if (!entry)
        return entry.error();
    if (const Status journaled = journal(DeskEventKind::QueueRecalled, actor, entry.value(), counter); !journaled)
        return journaled.error();
    emitCall(entry.value(), true);
    return entry;
}

Result<QueueEntry> QueueBook::changeAtLoket(int counter, const std::function<Status(QueueEntry &)> &change)
{
    QueueEntry e;
    const Status done = m_store.transaction([&]() -> Status {
        const auto entry = atLoket(counter);
        if (!entry)
            return entry.error();
        e = entry.value();
        return change(e);
    });
    if (!done)
        return done.error();
    Q_EMIT changed();
    return e;
}

Result<QueueEntry> QueueBook::skip(int counter, const QString &actor)
{
    return changeAtLoket(counter, [&](QueueEntry &e) -> Status {
        const QDateTime now = m_clock();
        ++e.skips;
        QString detail;
        if (e.skips == 1) {
            e.state = QueueState::Skipped;
            e.requeueAt = now.addSecs(qint64(m_settings.noShowRequeueMinutes) * 60);
            detail = QStringLiteral("kembali ke antrean setelah %1 menit").arg(m_settings.noShowRequeueMinutes);
        } else {
            e.state = QueueState::Gone;
            detail = QStringLiteral("tidak hadir untuk kedua kalinya");
        }
        if (const auto written = m_store.write(QStringLiteral("nomor dilewati"),
                QStringLiteral("UPDATE queue_entries SET state = ?, skips = ?, requeue_at = ? WHERE id = ?"),
                {stateToWire(e.state), e.skips, e.state == QueueState::Skipped ? QVariant(iso(e.requeueAt)) : QVariant(), e.id});
            !written)
            return written.error();
        if (const auto written = m_store.write(QStringLiteral("loket"),
                QStringLiteral("INSERT INTO queue_lokets (day, counter, skipped) VALUES (?, ?, 1)"
                               " ON CONFLICT (day, counter) DO UPDATE SET skipped = queue_lokets.skipped + 1"),
                {dayText(today()), counter});
            !written)
            return written.error();
        return journal(DeskEventKind::QueueSkipped, actor, e, counter, detail);
    });
}

Result<QueueEntry> QueueBook::serve(int counter, const QString &actor)
{
    return changeAtLoket(counter, [&](QueueEntry &e) -> Status {
        e.state = QueueState::Served;
        e.servedAt = m_clock();
        return finishCurrent(counter, actor);
    });
}

Result<QueueEntry> QueueBook::transfer(int counter, int toCounter, const QString &actor)
{
    if (toCounter == counter || !loket(toCounter))
        return Error {ErrorCode::NotFound, QStringLiteral("Loket %1 tidak dapat menerima pengalihan.").arg(toCounter)};
    return changeAtLoket(counter, [&](QueueEntry &e) -> Status {
        e.state = QueueState::Waiting;
        e.transferTo = toCounter;
        if (const auto written = m_store.write(QStringLiteral("pengalihan"),
                QStringLiteral("UPDATE queue_entries SET state = ?, transfer_to = ? WHERE id = ?"),
                {stateToWire(QueueState::Waiting), toCounter, e.id});
            !written)
            return written.error();
        return journal(DeskEventKind::QueueTransferred, actor, e, counter, QStringLiteral("ke loket %1").arg(toCounter));
    });
}

Result<int> QueueBook::requeueWithin(const QString &actor)
{
    const auto due = select(m_store, QStringLiteral("day = ? AND state = ? AND skips = 1 AND requeue_at <= ?"),
        {dayText(today()), stateToWire(QueueState::Skipped), iso(m_clock())});
    if (!due)
        return due.error();
    for (const QueueEntry &e : due.value()) {
        // Back at its original place: taken_at is unchanged, so the call rule puts it where it was.
        if (const auto written = m_store.write(QStringLiteral("kembali ke antrean"),
                QStringLiteral("UPDATE queue_entries SET state = ?, transfer_to = 0 WHERE id = ?"),
                {stateToWire(QueueState::Waiting), e.id});
            !written)
            return written.error();
        if (const Status journaled = journal(DeskEventKind::QueueRequeued, actor, e, 0); !journaled)
            return journaled.error();
    }
    return int(due->size());
}

Result<int> QueueBook::requeueDue(const QString &actor)
{
    int requeued = 0;
    const Status done = m_store.transaction([&]() -> Status {
        const auto back = requeueWithin(actor);
        if (!back)
            return back.error();
        requeued = back.value();
        return Done {};
    });
    if (!done)
        return done.error();
    if (requeued > 0)
        Q_EMIT changed();
    return requeued;
}

void QueueBook::refresh()
{
    Q_EMIT changed();
}

int QueueBook::waiting(QueueKind kind) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM queue_entries WHERE day = ? AND kind = ? AND state = ?"));
    q.addBindValue(dayText(today()));
    q.addBindValue(queuerules::letter(kind));
    q.addBindValue(stateToWire(QueueState::Waiting));
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

WaitEstimate QueueBook::estimate(QueueKind kind, int ahead) const
{
    const auto served
        = select(m_store, QStringLiteral("day = ? AND kind = ? AND state = ? AND called_at IS NOT NULL AND served_at IS NOT NULL"),
            {dayText(today()), queuerules::letter(kind), stateToWire(QueueState::Served)});
    if (!served)
        return {};
    QList<qint64> seconds;
    for (const QueueEntry &e : served.value())
        seconds.append(std::max<qint64>(0, e.calledAt.secsTo(e.servedAt)));
    return queuerules::estimateWait(seconds, ahead, loketsServing(kind));
}

WaitEstimate QueueBook::estimateFor(const QueueEntry &entry) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM queue_entries WHERE day = ? AND kind = ? AND state = ? AND id < ?"));
    q.addBindValue(dayText(entry.day));
    q.addBindValue(queuerules::letter(entry.kind));
    q.addBindValue(stateToWire(QueueState::Waiting));
    q.addBindValue(entry.id);
    const int ahead = q.exec() && q.next() ? q.value(0).toInt() : 0;
    return estimate(entry.kind, ahead);
}

QList<QueueEntry> QueueBook::entriesOn(const QDate &day) const
{
    const auto entries = select(m_store, QStringLiteral("day = ?"), {dayText(day)});
    return entries ? entries.value() : QList<QueueEntry> {};
}

QList<LoketReport> QueueBook::dayReport(const QDate &day) const
{
    QList<LoketReport> out;
    const QList<QueueEntry> entries = entriesOn(day);
    for (const Loket &l : m_settings.lokets) {
        LoketReport r;
        r.counter = l.counter;
        QList<qint64> waits;
        QList<qint64> services;
        for (const QueueEntry &e : entries) {
            if (e.state != QueueState::Served || e.counter != l.counter)
                continue;
            ++r.served;
            waits.append(e.takenAt.secsTo(e.calledAt));
            services.append(e.calledAt.secsTo(e.servedAt));
        }
        r.medianWaitSeconds = queuerules::median(waits);
        r.medianServiceSeconds = queuerules::median(services);
        QSqlQuery q(m_store.connection());
        q.prepare(QStringLiteral("SELECT skipped FROM queue_lokets WHERE day = ? AND counter = ?"));
        q.addBindValue(dayText(day));
        q.addBindValue(l.counter);
        r.skipped = q.exec() && q.next() ? q.value(0).toInt() : 0;
        out.append(r);
    }
    return out;
}

void QueueBook::emitCall(const QueueEntry &entry, bool recall)
{
    Q_EMIT called(QueueCall {entry.label, entry.kind, entry.priority(), entry.counter, m_clock(), recall});
    Q_EMIT changed();
}

QueuePickupNumbers::QueuePickupNumbers(QueueBook &book, const OutboxRepository &outbox)
    : m_book(book)
    , m_outbox(outbox)
{ }

Result<QString> QueuePickupNumbers::take(const QString &registrationNumber)
{
    // One number per letter a day, found again in the book itself: a power cut between drawing it and the
    // pick-up record on the request never draws a second one.
    for (const QueueEntry &drawn : m_book.entriesOn(m_book.today()))
        if (drawn.kind == QueueKind::Pickup && drawn.registrationNumber == registrationNumber)
            return drawn.label;
    const auto applicant = m_outbox.applicant(registrationNumber);
    const PriorityReason reason = queuerules::priorityFor(PriorityReason::None, applicant ? applicant->nik : QString(), m_book.today());
    const auto entry = m_book.take(QueueKind::Pickup, reason, registrationNumber);
    if (!entry)
        return entry.error();
    return entry->label;
}

} // namespace kiosk
