#pragma once

// Private to the BackendStore implementation files (backendstore*.cpp): shared SQL helpers.
#include "backendstore.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <mutex>
#include <optional>
#include <utility>

namespace backend::detail {

inline QString timestamp(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

inline QDateTime parseTimestamp(const QVariant &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

/// An empty optional text (a phone number nobody gave) is stored as NULL.
inline QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

inline Error databaseError(const QString &what, const QSqlError &e)
{
    return {ErrorCode::Database, QStringLiteral("Kesalahan basis data saat %1: %2").arg(what, e.text())};
}

/// `sql` bound to `binds` and executed on `conn`: the query stands before its first row.
inline Result<QSqlQuery> select(const Result<QSqlDatabase> &conn, const QString &sql, const QVariantList &binds, const QString &what)
{
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(sql);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return databaseError(what, q.lastError());
    return q;
}

/// Every row of `sql` (bound to `binds`), each read by `read`.
template<typename Record, typename Reader>
Result<QList<Record>> readAll(
    const Result<QSqlDatabase> &conn, const QString &sql, const QString &what, Reader read, const QVariantList &binds = {})
{
    auto q = select(conn, sql, binds, what);
    if (!q)
        return q.error();
    QList<Record> list;
    while (q->next())
        list.append(read(q.value()));
    return list;
}

/// The first row of `sql` (bound to `binds`) read by `read`; std::nullopt when there is none.
template<typename Record, typename Reader>
Result<std::optional<Record>> readOne(
    const Result<QSqlDatabase> &conn, const QString &sql, const QVariantList &binds, const QString &what, Reader read)
{
    auto q = select(conn, sql, binds, what);
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Record>();
    return std::optional<Record>(read(q.value()));
}

/// As readOne, where no row is ErrorCode::NotFound with the sentence `notFound`.
template<typename Record, typename Reader>
Result<Record> readExisting(const Result<QSqlDatabase> &conn, const QString &sql, const QVariantList &binds, const QString &what,
    const QString &notFound, Reader read)
{
    auto one = readOne<Record>(conn, sql, binds, what, read);
    if (!one)
        return one.error();
    if (!one.value())
        return Error {ErrorCode::NotFound, notFound};
    return *one.value();
}

/// A write transaction that takes the write lock up front, so that a read followed by a
/// write inside it can never fail on a stale snapshot; rolls back unless committed.
class WriteTransaction
{
public:
    explicit WriteTransaction(QSqlDatabase db)
        : m_db(std::move(db))
        , m_writer(writers())
    {
        // SQLite: BEGIN IMMEDIATE waits (busy_timeout) for the write lock. Other drivers: plain BEGIN.
        QSqlQuery q(m_db);
        const bool sqlite = m_db.driverName() == QLatin1String("QSQLITE");
        m_active = q.exec(sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
        if (!m_active)
            m_error = q.lastError();
    }
    ~WriteTransaction()
    {
        if (m_active)
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    }
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    [[nodiscard]] bool active() const { return m_active; }
    [[nodiscard]] QSqlError error() const { return m_error; }
    [[nodiscard]] bool commit()
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("COMMIT"))) {
            m_error = q.lastError();
            return false;
        }
        m_active = false;
        return true;
    }

private:
    /// Writers of this process take turns here instead of in SQLite's busy handler, which sleeps in
    /// steps of milliseconds while it waits: parallel submissions from a kiosk draining its outbox
    /// were slower than one at a time. Other processes (the command-line tools) still meet busy_timeout.
    static std::mutex &writers()
    {
        static std::mutex m;
        return m;
    }

    QSqlDatabase m_db;
    std::lock_guard<std::mutex> m_writer;
    bool m_active = false;
    QSqlError m_error;
};

/// Runs `work(db)` inside a WriteTransaction on `conn`: committed when `work` returns a value, rolled
/// back when it returns an Error. Queries made inside `work` are finished before the commit.
template<typename Work>
auto inWriteTransaction(const Result<QSqlDatabase> &conn, Work work) -> decltype(work(std::declval<QSqlDatabase &>()))
{
    using R = decltype(work(std::declval<QSqlDatabase &>()));
    if (!conn)
        return R(conn.error());
    QSqlDatabase db = conn.value();
    WriteTransaction tx(db);
    if (!tx.active())
        return R(databaseError(QStringLiteral("memulai transaksi"), tx.error()));
    R result = work(db);
    if (result && !tx.commit())
        return R(databaseError(QStringLiteral("menyimpan transaksi"), tx.error()));
    return result;
}

inline bool exec(QSqlQuery &q, QSqlError *error)
{
    if (q.exec())
        return true;
    *error = q.lastError();
    return false;
}

/// Inserts a row whose id (the first bound value) is the next free one of `table`; call inside a write
/// transaction, so two writers never pick the same id.
inline Result<qint64> insertWithNextId(QSqlDatabase &db, const QString &table, const QString &insertSql, const QVariantList &values)
{
    QSqlQuery next(db);
    if (!next.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) + 1 FROM %1").arg(table)) || !next.next())
        return databaseError(QStringLiteral("mengambil nomor baru"), next.lastError());
    const qint64 id = next.value(0).toLongLong();
    next.finish();
    QSqlQuery insert(db);
    insert.prepare(insertSql);
    insert.addBindValue(id);
    for (const QVariant &v : values)
        insert.addBindValue(v);
    if (!insert.exec())
        return databaseError(QStringLiteral("menyimpan data"), insert.lastError());
    return id;
}

/// Fills the desa table from the built-in office table (schema migration 8), inside the migration's
/// transaction. Defined in backendstore_offices.cpp.
[[nodiscard]] Status seedDesaOffices(QSqlDatabase &db);

/// Inserts a notification row unless its event_key exists, inside the caller's write transaction (ids are
/// allocated under its lock); false when the key was there. Defined in backendstore_notify.cpp.
[[nodiscard]] std::optional<bool> insertNotification(QSqlDatabase &db, const NotificationRecord &n, QSqlError *error);

/// Appends a request's event with the next sequence, inside the caller's write transaction. Defined in backendstore.cpp.
[[nodiscard]] std::optional<qint64> appendRequestEvent(QSqlDatabase &db, const EventRecord &event, QSqlError *error);
/// The request matching `where` (SQL over the requests table, bound to `binds`); nullopt when none or on error.
[[nodiscard]] std::optional<RequestRecord> selectRequestWhere(
    QSqlDatabase &db, const QString &where, const QVariantList &binds, QSqlError *error);
[[nodiscard]] Error notFound(const QString &registrationNumber);

/// Stores one version of a request's form (backendstore_requestlife.cpp), inside the caller's write transaction.
[[nodiscard]] bool insertRequestVersion(
    QSqlDatabase &db, const RequestVersionRecord &v, const QString &idempotencyKey, const QString &bodySha256, QSqlError *error);
/// Stores the fix items of the NEEDS_FIX event `sequence`, inside the caller's write transaction.
[[nodiscard]] bool insertFixItems(
    QSqlDatabase &db, qint64 sequence, const QString &registrationNumber, const QList<serverlink::FixItem> &fixes, QSqlError *error);
/// Records the pages version `version` of a request names, inside the caller's write transaction (insertRequest,
/// a revision); see BackendStore::addDocumentRefs. Defined in backendstore_documents.cpp.
[[nodiscard]] Status insertDocumentRefs(
    QSqlDatabase &db, const QString &registrationNumber, int version, const QList<serverlink::DocumentRef> &refs);

/// The columns of the seals table in the order readSeal reads them. Defined in backendstore_seals.cpp.
extern const QString kSealColumns;
[[nodiscard]] SealRecord readSeal(const QSqlQuery &q);

} // namespace backend::detail
