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
    const auto opened = openSigned(received, roots());
    if (!opened)
        return Error {ErrorCode::InvalidData, opened.error()};
    quint64 sequence = 0;
    QDateTime issuedAt;
    if (kind == Kind::TrustList) {
        const auto list = TrustList::fromPayload(opened.value().payload);
        if (!list)
            return Error {ErrorCode::InvalidData, list.error()};
        sequence = list.value().sequence;
        issuedAt = list.value().issuedAt;
    } else {
        const auto list = RevocationList::fromPayload(opened.value().payload);
        if (!list)
            return Error {ErrorCode::InvalidData, list.error()};
        sequence = list.value().sequence;
        issuedAt = list.value().issuedAt;
    }
    const auto &delegation = opened.value().delegation;
    // A list signer whose delegation has ended signs nothing new (a stolen old key cannot replace the lists).
    if (delegation && delegation->notAfter < QDateTime::currentDateTimeUtc())
        return Error {ErrorCode::InvalidData,
            QStringLiteral("Kunci penanda tangan daftar sudah habis masa delegasinya (%1); daftar lama tetap dipakai.")
                .arg(delegation->notAfter.toString(Qt::ISODate))};
    const auto previous = cached(kind);
    // Once a newer delegation was seen, lists under an older one are refused (a replaced list signer is out).
    if (previous && previous->delegation && delegation && delegation->sequence < previous->delegation->sequence
        && previous->rootSpki == opened.value().rootSpki)
        return Error {ErrorCode::InvalidData,
            QStringLiteral("Daftar ditandatangani dengan delegasi yang lebih lama dari yang tersimpan; daftar lama tetap dipakai.")};
    if (!opened.value().nextRootEnvelope.isEmpty())
        if (const Status kept = keepNextRoot(opened.value().nextRootEnvelope); !kept)
            return kept.error();
    QSqlQuery current(m_store.connection());
    current.prepare(QStringLiteral("SELECT sequence, envelope FROM trust_cache WHERE name = ?"));
    current.addBindValue(nameOf(kind));
    if (current.exec() && current.next()) {
        const quint64 cachedSequence = quint64(current.value(0).toLongLong());
        const bool same = current.value(1).toByteArray() == received;
        current.finish();
        // Valid cached copies are never replaced by older ones (a replayed list cannot hide a revocation).
        if (sequence < cachedSequence && previous)
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

Status TrustCache::keepNextRoot(const QByteArray &announcement) const
{
    // Only the pinned root itself may name its successor; an announcement by an announced root waits for a new pin.
    if (!openNextRoot(announcement, m_rootSpki))
        return Done {};
    const auto stored = m_store.write(QStringLiteral("kunci induk berikutnya"),
        QStringLiteral(
            "INSERT INTO trust_cache (name, etag, envelope, sequence, issued_at, fetched_at) VALUES ('next-root', '', ?, 0, '', ?)"
            " ON CONFLICT (name) DO UPDATE SET envelope = excluded.envelope, fetched_at = excluded.fetched_at"),
        {announcement, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)});
    if (!stored)
        return stored.error();
    return Done {};
}

QList<QByteArray> TrustCache::roots() const
{
    QList<QByteArray> out {m_rootSpki};
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT envelope FROM trust_cache WHERE name = 'next-root'"));
    if (q.exec() && q.next())
        if (const auto next = openNextRoot(q.value(0).toByteArray(), m_rootSpki))
            out.append(next.value().spki);
    return out;
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

std::optional<OpenedEnvelope> TrustCache::cached(Kind kind) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT envelope FROM trust_cache WHERE name = ?"));
    q.addBindValue(nameOf(kind));
    if (!q.exec() || !q.next())
        return std::nullopt;
    auto opened = openSigned(q.value(0).toByteArray(), roots());
    if (!opened)
        return std::nullopt;
    const bool valid = kind == Kind::TrustList ? bool(TrustList::fromPayload(opened.value().payload))
                                               : bool(RevocationList::fromPayload(opened.value().payload));
    return valid ? std::optional<OpenedEnvelope>(opened.value()) : std::nullopt;
}

std::optional<QByteArray> TrustCache::payload(Kind kind) const
{
    const auto opened = cached(kind);
    return opened ? std::optional<QByteArray>(opened->payload) : std::nullopt;
}

std::optional<TrustList> TrustCache::trustList() const
{
    const auto payload = this->payload(Kind::TrustList);
    if (!payload)
        return std::nullopt;
    return TrustList::fromPayload(*payload).value();
}

std::optional<RevocationList> TrustCache::revocations() const
{
    const auto payload = this->payload(Kind::Revocations);
    if (!payload)
        return std::nullopt;
    return RevocationList::fromPayload(*payload).value();
}

} // namespace kiosk
