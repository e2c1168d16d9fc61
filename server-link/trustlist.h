#pragma once

#include "expected.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>

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

/// {"payload": base64(payload), "signature": base64(r‖s over payload), "rootKid": hex}.
[[nodiscard]] Expected<QByteArray, QString> signEnvelope(const SealSigner &root, const QByteArray &payload);
/// The payload of an envelope whose signature verifies with the pinned root key; an Indonesian message otherwise.
[[nodiscard]] Expected<QByteArray, QString> openEnvelope(const QByteArray &envelope, const QByteArray &rootSpki);

[[nodiscard]] QString keyStatusToWire(KeyStatus status);

} // namespace serverlink::seal
