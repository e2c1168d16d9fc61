#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

/// Small cryptographic building blocks on OpenSSL EVP, shared by kiosk and backend.
/// OpenSSL types never leave crypto.cpp.
namespace serverlink::crypto {

/// Bytes from the operating system's CSPRNG.
[[nodiscard]] QByteArray randomBytes(int count);
[[nodiscard]] QByteArray sha256(const QByteArray &data);

/// AES-256-GCM. Output: 12-byte nonce ‖ ciphertext ‖ 16-byte tag. `aad` is bound but not stored.
/// Empty (never a valid sealed value) when the key is not 32 bytes or OpenSSL fails: do not store it.
[[nodiscard]] QByteArray aeadSeal(const QByteArray &key32, const QByteArray &plaintext, const QByteArray &aad = {});
/// Inverse of aeadSeal; nullopt when the key is wrong or anything was altered.
[[nodiscard]] std::optional<QByteArray> aeadOpen(const QByteArray &key32, const QByteArray &sealed, const QByteArray &aad = {});

/// PBKDF2-HMAC-SHA256 in a self-describing string: "pbkdf2-sha256$<iter>$<salt b64>$<hash b64>".
inline constexpr int kPinIterations = 600000;
[[nodiscard]] QString hashSecret(const QString &secret, int iterations = kPinIterations);
/// Constant-time check of a secret against a string made by hashSecret.
[[nodiscard]] bool verifySecret(const QString &secret, const QString &encoded);
/// Raw PBKDF2-HMAC-SHA256 of the UTF-8 `secret` with `salt`: 32 bytes.
[[nodiscard]] QByteArray pbkdf2Sha256(const QString &secret, const QByteArray &salt, int iterations);
/// scrypt (RFC 7914) through OpenSSL's EVP_KDF "SCRYPT": `length` bytes; empty when OpenSSL refuses the parameters.
[[nodiscard]] QByteArray scrypt(const QByteArray &password, const QByteArray &salt, quint64 n, quint32 r, quint32 p, int length);
/// Compares two byte strings in constant time (for equal lengths); false when the lengths differ.
[[nodiscard]] bool sameBytes(const QByteArray &a, const QByteArray &b);

} // namespace serverlink::crypto
