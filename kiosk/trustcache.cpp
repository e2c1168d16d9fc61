#include "trustcache.h"

#include "sealsigner.h"
#include "store.h"

#include <QFile>
#include <QSqlQuery>
#include <QVariant>

namespace kiosk {

using namespace serverlink::seal;

namespace {
QString nameOf(TrustCache::Kind kind)
{
    return kind == TrustCache::Kind::TrustList ? QStringLiteral("trust-list") : QStringLiteral("revocations");
}
} // namespace

TrustCache::TrustCache(const KioskStore &store, QByteArray rootSpki)
    : m_store(store)
    , m_rootSpki(std::move(rootSpki))
{ }

Result<QByteArray> TrustCache::loadRootKey(const QString &pemPath)
{
    QFile f(pemPath);
    if (pemPath.isEmpty() || !f.open(QIODevice::ReadOnly))
        return Error {ErrorCode::Io, QStringLiteral("Kunci induk segel %1 tidak dapat dibaca; periksa [seal] rootPublicKey.").arg(pemPath)};
    auto spki = spkiFromPublicKey(f.readAll());
    if (!spki)
        return Error {ErrorCode::InvalidData, spki.error()};
    return spki.value();
}

Result<bool> TrustCache::store(Kind kind, const QByteArray &received, const QString &etag) const
{
    quint64 sequence = 0;
    QDateTime issuedAt;
    if (kind == Kind::TrustList) {
        const auto list = TrustList::fromSigned(received, m_rootSpki);
        if (!list)
            return Error {ErrorCode::InvalidData, list.error()};
        sequence = list.value().sequence;
        issuedAt = list.value().issuedAt;
    } else {
        const auto list = RevocationList::fromSigned(received, m_rootSpki);
        if (!list)
            return Error {ErrorCode::InvalidData, list.error()};
        sequence = list.value().sequence;
        issuedAt = list.value().issuedAt;
    }
    QSqlQuery current(m_store.connection());
    current.prepare(QStringLiteral("SELECT sequence, envelope FROM trust_cache WHERE name = ?"));
    current.addBindValue(nameOf(kind));
    if (current.exec() && current.next()) {
        const quint64 cachedSequence = quint64(current.value(0).toLongLong());
        const bool same = current.value(1).toByteArray() == received;
        current.finish();
        // Valid cached copies are never replaced by older ones (a replayed list cannot hide a revocation).
        if (sequence < cachedSequence && envelope(kind))
            return Error {ErrorCode::InvalidData,
                QStringLiteral("Daftar dari server (urutan %1) lebih lama dari yang tersimpan (urutan %2); daftar lama tetap dipakai.")
                    .arg(sequence)
                    .arg(cachedSequence)};
        if (same) {
            if (const Status fresh = markFresh(kind); !fresh)
                return fresh.error();
            return false;
        }
    }
    const auto stored = m_store.write(QStringLiteral("daftar segel"),
        QStringLiteral("INSERT INTO trust_cache (name, etag, envelope, sequence, issued_at, fetched_at) VALUES (?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (name) DO UPDATE SET etag = excluded.etag, envelope = excluded.envelope,"
                       " sequence = excluded.sequence, issued_at = excluded.issued_at, fetched_at = excluded.fetched_at"),
        {nameOf(kind), etag, received, qint64(sequence), issuedAt.toString(Qt::ISODate),
            QDateTime::currentDateTimeUtc().toString(Qt::ISODate)});
    if (!stored)
        return stored.error();
    return true;
}

Status TrustCache::markFresh(Kind kind) const
{
    const auto marked
        = m_store.write(QStringLiteral("daftar segel"), QStringLiteral("UPDATE trust_cache SET fetched_at = ? WHERE name = ?"),
            {QDateTime::currentDateTimeUtc().toString(Qt::ISODate), nameOf(kind)});
    if (!marked)
        return marked.error();
    return Done {};
}

QString TrustCache::etag(Kind kind) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT etag FROM trust_cache WHERE name = ?"));
    q.addBindValue(nameOf(kind));
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

QDateTime TrustCache::fetchedAt(Kind kind) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT fetched_at FROM trust_cache WHERE name = ?"));
    q.addBindValue(nameOf(kind));
    return q.exec() && q.next() ? QDateTime::fromString(q.value(0).toString(), Qt::ISODate) : QDateTime();
}

std::optional<QByteArray> TrustCache::envelope(Kind kind) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT envelope FROM trust_cache WHERE name = ?"));
    q.addBindValue(nameOf(kind));
    if (!q.exec() || !q.next())
        return std::nullopt;
    const QByteArray bytes = q.value(0).toByteArray();
    const bool valid
        = kind == Kind::TrustList ? bool(TrustList::fromSigned(bytes, m_rootSpki)) : bool(RevocationList::fromSigned(bytes, m_rootSpki));
    return valid ? std::optional<QByteArray>(bytes) : std::nullopt;
}

std::optional<TrustList> TrustCache::trustList() const
{
    const auto bytes = envelope(Kind::TrustList);
    if (!bytes)
        return std::nullopt;
    return TrustList::fromSigned(*bytes, m_rootSpki).value();
}

std::optional<RevocationList> TrustCache::revocations() const
{
    const auto bytes = envelope(Kind::Revocations);
    if (!bytes)
        return std::nullopt;
    return RevocationList::fromSigned(*bytes, m_rootSpki).value();
}

} // namespace kiosk
