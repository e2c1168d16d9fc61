#pragma once

#include "expected.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>
#include <optional>

namespace serverlink::seal {

class SealSigner;

/// active: signs new letters; retired: no new letters, old ones stay valid; revoked: every letter it signed is withdrawn.
enum class KeyStatus { Active, Retired, Revoked };

/// One office signing key as the trust list publishes it.
struct TrustedKey {
    QByteArray kid; // 4 bytes, always kidOf(spki)
    QString office; // 10-digit seal office code
    QString officeName; // "Desa Pitu"
    QString signer; // "Kepala Desa Pitu"
    QString alg = QStringLiteral("ES256");
    QByteArray spki; // DER
    QDate validFrom;
    QDate validUntil; // null: still open
    KeyStatus status = KeyStatus::Active;

    /// Whether a letter issued on `day` falls in this key's usage window.
    [[nodiscard]] bool covers(const QDate &day) const;
    friend bool operator==(const TrustedKey &, const TrustedKey &) = default;
};

/// The root-signed list of office keys (type "SQ1-TRUST-LIST", seal.md §8).
struct TrustList {
    quint64 sequence = 0;
    QDateTime issuedAt; // UTC, whole seconds
    QList<TrustedKey> keys;

    [[nodiscard]] QByteArray toPayload() const;
    /// Parses a payload; rejects the whole list when any entry is malformed or its kid is not its SPKI's.
    [[nodiscard]] static Expected<TrustList, QString> fromPayload(const QByteArray &json);
    /// openEnvelope + fromPayload.
    [[nodiscard]] static Expected<TrustList, QString> fromSigned(const QByteArray &envelope, const QByteArray &rootSpki);
    /// Every key whose kid is `kid` (a 4-byte kid can collide; all are tried).
    [[nodiscard]] QList<TrustedKey> withKid(const QByteArray &kid) const;
};

/// The root-signed list of withdrawn letters: 8-byte revocation ids (type "SQ1-REVOCATION-LIST").
struct RevocationList {
    quint64 sequence = 0;
    QDateTime issuedAt;
    QSet<QByteArray> revoked;

    [[nodiscard]] QByteArray toPayload() const;
    [[nodiscard]] static Expected<RevocationList, QString> fromPayload(const QByteArray &json);
    [[nodiscard]] static Expected<RevocationList, QString> fromSigned(const QByteArray &envelope, const QByteArray &rootSpki);
};

/// The root's certificate of the online list-signing key (type "SQ1-LIST-SIGNER", seal.md §7.3): lists
/// issued inside [notBefore, notAfter] may be signed by that key while the root stays offline.
struct ListSignerDelegation {
    quint64 sequence = 0; // a client never goes back to a lower one
    QByteArray spki; // DER of the list-signing key
    QDateTime notBefore; // UTC, whole seconds
    QDateTime notAfter;

    [[nodiscard]] bool covers(const QDateTime &t) const { return t.isValid() && t >= notBefore && t <= notAfter; }
    [[nodiscard]] QByteArray toPayload() const;
    [[nodiscard]] static Expected<ListSignerDelegation, QString> fromPayload(const QByteArray &json);
};

/// The old root's announcement of the next root (type "SQ1-NEXT-ROOT", seal.md §7.4): clients that pin the
/// old root then also accept lists and delegations signed by the next one.
struct NextRoot {
    QByteArray spki;

    [[nodiscard]] QByteArray toPayload() const;
    [[nodiscard]] static Expected<NextRoot, QString> fromPayload(const QByteArray &json);
};

/// Root-signed statements a list envelope may carry besides the list (each an envelope itself).
struct EnvelopeAttachments {
    QByteArray delegation; // the root-signed ListSignerDelegation of the key that signs; empty: the root signs
    QByteArray nextRoot; // the root-signed NextRoot, while a root rotation is announced; empty: none
};

/// A verified envelope: the payload, the root that vouches for it and, when an online key signed it, its delegation.
struct OpenedEnvelope {
    QByteArray payload;
    QByteArray rootSpki; // which of the accepted roots
    std::optional<ListSignerDelegation> delegation;
    QByteArray nextRootEnvelope; // as received (verify it with openNextRoot); empty: none
};

/// {"payload": base64(payload), "signature": base64(r‖s over payload), "rootKid": hex}, plus
/// "delegation"/"nextRoot" from `attachments`. With a delegation, `signer` is the delegated key.
[[nodiscard]] Expected<QByteArray, QString> signEnvelope(
    const SealSigner &signer, const QByteArray &payload, const EnvelopeAttachments &attachments = {});
/// The payload of an envelope whose signature verifies with one of `rootSpkis` (directly, or through a delegation
/// one of them signed that covers the payload's issuedAt); an Indonesian message otherwise.
[[nodiscard]] Expected<OpenedEnvelope, QString> openSigned(const QByteArray &envelope, const QList<QByteArray> &rootSpkis);
/// openSigned with one pinned root, payload only.
[[nodiscard]] Expected<QByteArray, QString> openEnvelope(const QByteArray &envelope, const QByteArray &rootSpki);
/// The next root announced by an envelope signed directly by `rootSpki`.
[[nodiscard]] Expected<NextRoot, QString> openNextRoot(const QByteArray &announcement, const QByteArray &rootSpki);
/// The "type" of a payload ("SQ1-TRUST-LIST", "SQ1-LIST-SIGNER", …); empty when it is not a JSON object.
[[nodiscard]] QString payloadType(const QByteArray &payload);

[[nodiscard]] QString keyStatusToWire(KeyStatus status);

} // namespace serverlink::seal
