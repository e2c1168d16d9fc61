#include "requestchanges.h"

#include "crypto.h"
#include "store.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcChanges, "anjungan.changes")

namespace kiosk {

namespace {
QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

// Binds a sealed change to its request and key, apart from the request's own sealed body.
QByteArray changeAad(const QString &registrationNumber, const QString &idempotencyKey)
{
    return "change:" + registrationNumber.toUtf8() + ':' + idempotencyKey.toLatin1();
}

Status one(const Result<int> &written, const QString &notFound)
{
    if (!written)
        return written.error();
    if (written.value() == 0)
        return Error {ErrorCode::NotFound, notFound};
    return Done {};
}

std::optional<ChangeKind> kindFromWire(const QString &wire)
{
    if (wire == QLatin1String("revision"))
        return ChangeKind::Revision;
    if (wire == QLatin1String("cancel"))
        return ChangeKind::Cancel;
    return std::nullopt;
}
} // namespace

RequestChanges::RequestChanges(const KioskStore &store, QByteArray deviceKey, Clock clock)
    : m_store(store)
    , m_key(std::move(deviceKey))
    , m_clock(std::move(clock))
{ }

QString RequestChanges::kindToWire(ChangeKind kind)
{
    return kind == ChangeKind::Revision ? QStringLiteral("revision") : QStringLiteral("cancel");
}

QString RequestChanges::path(ChangeKind kind, const QString &registrationNumber)
{
    return QStringLiteral("/requests/%1/%2")
        .arg(registrationNumber, kind == ChangeKind::Revision ? QStringLiteral("revisions") : QStringLiteral("cancel"));
}

Result<QString> RequestChanges::enqueueRevision(
    const serverlink::RequestRevision &revision, const QList<CapturedPage> &newPages, const QList<serverlink::DocumentRef> &newRefs)
{
    QStringList pageIds;
    for (const serverlink::DocumentRef &ref : newRefs)
        pageIds.append(ref.pageId);
    const DocumentStore documents(m_store, m_key);
    return enqueue(ChangeKind::Revision, revision.registrationNumber, revision.toJson(), pageIds, [&]() -> Status {
        if (newPages.isEmpty())
            return Done {};
        return documents.store(0, revision.registrationNumber, newPages, newRefs);
    });
}

Result<QString> RequestChanges::enqueueCancel(const serverlink::CancelBody &cancel)
{
    return enqueue(ChangeKind::Cancel, cancel.registrationNumber, cancel.toJson(), {}, [] { return Status(Done {}); });
}

Result<QString> RequestChanges::enqueue(ChangeKind kind, const QString &registrationNumber, const QByteArray &body,
    const QStringList &pageIds, const std::function<Status()> &alsoInTransaction)
{
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray sealed = serverlink::crypto::aeadSeal(m_key, body, changeAad(registrationNumber, key));
    const Status committed = m_store.transaction([&]() -> Status {
        const auto written = m_store.write(QStringLiteral("perubahan permohonan"),
            QStringLiteral("INSERT INTO request_changes (kind, registration_number, idempotency_key, sealed, page_ids, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?)"),
            {kindToWire(kind), registrationNumber, key, sealed, pageIds.isEmpty() ? QStringLiteral("") : pageIds.join(QLatin1Char(',')),
                iso(m_clock())});
        if (!written)
            return written.error();
        return alsoInTransaction();
    });
    if (!committed)
        return committed.error();
    return key;
}

QList<PendingChange> RequestChanges::due(int limit)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT id, kind, registration_number, idempotency_key, sealed, page_ids, attempts FROM request_changes"
                             " WHERE delivered_at IS NULL AND parked_reason IS NULL"
                             " AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?"));
    q.addBindValue(iso(m_clock()));
    q.addBindValue(limit);
    q.exec();
    QList<PendingChange> out;
    QList<qint64> unreadable;
    while (q.next()) {
        PendingChange c;
        c.id = q.value(0).toLongLong();
        const auto kind = kindFromWire(q.value(1).toString());
        c.registrationNumber = q.value(2).toString();
        c.idempotencyKey = q.value(3).toString();
        const auto body = serverlink::crypto::aeadOpen(m_key, q.value(4).toByteArray(), changeAad(c.registrationNumber, c.idempotencyKey));
        c.pageIds = q.value(5).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        c.attempts = q.value(6).toInt();
        if (!kind || !body) {
            unreadable.append(c.id);
            continue;
        }
        c.kind = *kind;
        c.body = *body;
        out.append(c);
    }
    q.finish();
    // Sealed with another device key or damaged: kept for the technician, not sent.
    for (const qint64 id : unreadable)
        if (const Status parked = park(id, QStringLiteral("Data perubahan tidak dapat dibuka dengan kunci perangkat ini.")); !parked)
            qCWarning(lcChanges) << "could not park an unreadable change:" << parked.error();
    return out;
}

Status RequestChanges::markDelivered(qint64 id)
{
    return m_store.transaction([&]() -> Status {
        QSqlQuery q(m_store.connection());
        q.prepare(QStringLiteral("SELECT page_ids FROM request_changes WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec() || !q.next())
            return Error {ErrorCode::NotFound, QStringLiteral("Perubahan %1 tidak tercatat di anjungan ini.").arg(id)};
        const QStringList pageIds = q.value(0).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        q.finish();
        // The backend holds the change now: the proof and the citizen's data leave the kiosk.
        const Status marked = one(m_store.write(QStringLiteral("perubahan terkirim"),
                                      QStringLiteral("UPDATE request_changes SET delivered_at = ?, sealed = NULL, last_error = NULL,"
                                                     " next_attempt_at = NULL WHERE id = ?"),
                                      {iso(m_clock()), id}),
            QStringLiteral("Perubahan %1 tidak tercatat di anjungan ini.").arg(id));
        if (!marked || pageIds.isEmpty())
            return marked;
        return DocumentStore(m_store, m_key).markAnnounced(pageIds);
    });
}

Status RequestChanges::scheduleRetry(qint64 id, const QDateTime &nextAttempt, const QString &error)
{
    return one(m_store.write(QStringLiteral("jadwal kirim ulang"),
                   QStringLiteral("UPDATE request_changes SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?"),
                   {iso(nextAttempt), error, id}),
        QStringLiteral("Perubahan %1 tidak tercatat di anjungan ini.").arg(id));
}

Status RequestChanges::park(qint64 id, const QString &reason)
{
    return one(m_store.write(QStringLiteral("perubahan ditahan"),
                   QStringLiteral("UPDATE request_changes SET parked_reason = ?, attempts = attempts + 1 WHERE id = ?"), {reason, id}),
        QStringLiteral("Perubahan %1 tidak tercatat di anjungan ini.").arg(id));
}

Result<int> RequestChanges::retryWaitingNow()
{
    return m_store.write(QStringLiteral("jadwal kirim ulang"),
        QStringLiteral("UPDATE request_changes SET next_attempt_at = NULL"
                       " WHERE delivered_at IS NULL AND parked_reason IS NULL AND next_attempt_at IS NOT NULL"));
}

std::optional<ChangeState> RequestChanges::latest(const QString &registrationNumber) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT kind, delivered_at, parked_reason, created_at FROM request_changes"
                             " WHERE registration_number = ? ORDER BY id DESC LIMIT 1"));
    q.addBindValue(registrationNumber);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const auto kind = kindFromWire(q.value(0).toString());
    if (!kind)
        return std::nullopt;
    return ChangeState {
        *kind, !q.value(1).isNull(), q.value(2).toString(), QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs)};
}

int RequestChanges::depth() const
{
    QSqlQuery q(m_store.connection());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM request_changes WHERE delivered_at IS NULL")) && q.next() ? q.value(0).toInt() : 0;
}

} // namespace kiosk
