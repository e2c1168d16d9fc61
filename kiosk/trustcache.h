#pragma once

#include "kioskresult.h"
#include "trustlist.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <optional>

namespace kiosk {

class KioskStore;

/// The kiosk's copy of the SQ1 trust list and revocation list (table trust_cache). A list
/// replaces the cached one only after its signature verifies with the pinned root key (directly or
/// through a root-signed delegation still in force) and neither its sequence nor its delegation's is
/// older; reading re-verifies, so a tampered database file counts as empty. A next root announced
/// by the pinned root is kept (row "next-root") and accepted from then on (seal.md §7.4).
class TrustCache
{
public:
    enum class Kind { TrustList, Revocations };

    TrustCache(const KioskStore &store, QByteArray rootSpki);

    /// The pinned root public key (PEM file from `[seal] rootPublicKey`) as SPKI DER.
    [[nodiscard]] static Result<QByteArray> loadRootKey(const QString &pemPath);

    /// Verifies and stores an envelope received with `etag`; true when it replaced the cached copy,
    /// false when it was the same list; an Error when refused or not stored (old copy kept).
    [[nodiscard]] Result<bool> store(Kind kind, const QByteArray &envelope, const QString &etag) const;
    /// Records that the server confirmed the cached copy (HTTP 304).
    [[nodiscard]] Status markFresh(Kind kind) const;
    /// ETag of the cached copy, for If-None-Match; empty when there is none.
    [[nodiscard]] QString etag(Kind kind) const;

    [[nodiscard]] std::optional<serverlink::seal::TrustList> trustList() const;
    [[nodiscard]] std::optional<serverlink::seal::RevocationList> revocations() const;
    /// When the server last sent or confirmed the list; null before the first sync.
    [[nodiscard]] QDateTime fetchedAt(Kind kind) const;
    /// The roots lists may be signed by: the pinned one and the next root it announced, if any.
    [[nodiscard]] QList<QByteArray> roots() const;

private:
    [[nodiscard]] std::optional<QByteArray> payload(Kind kind) const;
    [[nodiscard]] std::optional<serverlink::seal::OpenedEnvelope> cached(Kind kind) const;
    [[nodiscard]] Status keepNextRoot(const QByteArray &announcement) const;

    const KioskStore &m_store;
    QByteArray m_rootSpki;
};

} // namespace kiosk
