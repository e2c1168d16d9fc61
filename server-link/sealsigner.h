#pragma once

#include "expected.h"
#include "seal.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace serverlink::seal {

/// A fresh ECDSA P-256 key pair: PKCS#8 private key PEM, public key PEM and its SPKI DER.
struct KeyPair {
    QByteArray privatePem;
    QByteArray publicPem;
    QByteArray spki;
};

[[nodiscard]] Expected<KeyPair, QString> generateKeyPair();
/// SPKI DER of a P-256 public key given as PEM ("PUBLIC KEY") or DER; an Indonesian message otherwise.
[[nodiscard]] Expected<QByteArray, QString> spkiFromPublicKey(const QByteArray &pemOrDer);
/// The public key as PEM from its SPKI DER.
[[nodiscard]] QByteArray publicPemFromSpki(const QByteArray &spki);
/// kid: the first 4 bytes of SHA-256 of the SPKI DER.
[[nodiscard]] QByteArray kidOf(const QByteArray &spki);
/// ES256 check of a raw r‖s signature (64 bytes) over `message` with a P-256 SPKI.
[[nodiscard]] bool verifyEs256(const QByteArray &spki, const QByteArray &message, const QByteArray &rawSignature);
/// Whether a raw r‖s signature has s ≤ n/2 (P-256 order n): the only form SQ2 verifiers accept.
[[nodiscard]] bool isLowS(const QByteArray &rawSignature);
/// The same signature with s replaced by n − s (valid too, for any ECDSA verifier that does not insist on low S).
[[nodiscard]] QByteArray withNegatedS(const QByteArray &rawSignature);

/// A signed seal: its QR text and the bytes inside it.
struct SignedSeal {
    QString text; // SQ2 "https://…#SQ2…", SQ1 "SQ1:…"
    QByteArray body;
    QByteArray signature;
};

/// Signs seals (and signed lists) with one ECDSA P-256 private key, on OpenSSL EVP.
class SealSigner
{
public:
    /// Loads a P-256 private key (PEM); an Indonesian message when it is not one.
    [[nodiscard]] static Expected<SealSigner, QString> fromPrivatePem(const QByteArray &pem);

    [[nodiscard]] const QByteArray &spki() const { return m_spki; }
    [[nodiscard]] QByteArray kid() const { return kidOf(m_spki); }
    /// ECDSA P-256 / SHA-256 over `message`, as raw r‖s (2 × 32 bytes, big-endian), always low-S (s ≤ n/2).
    [[nodiscard]] Expected<QByteArray, QString> sign(const QByteArray &message) const;
    /// Fills in algorithm and this key's kid, encodes the body of `fields.version`, signs it. The text is
    /// verifyUrl + "#SQ2…" for SQ2 (the URL must pass isVerifyUrl), "SQ1:…" for SQ1.
    [[nodiscard]] Expected<SignedSeal, QString> seal(SealFields fields, const QString &verifyUrl = {}) const;

private:
    struct Key;
    SealSigner(std::shared_ptr<Key> key, QByteArray spki);
    std::shared_ptr<Key> m_key;
    QByteArray m_spki;
};

} // namespace serverlink::seal
