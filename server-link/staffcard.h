#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QString>
#include <optional>

/// The staff card and PIN rules shared by the backend (which issues cards) and the kiosk (which checks them
/// offline): the QR payload, the card lookup and the PBKDF2 verifiers of the staff credentials list.
namespace serverlink::staffcard {

/// The QR printed on a staff card: this prefix and the 256-bit secret in base64url (no padding).
inline constexpr QLatin1StringView kPrefix("ADSTAFF1:");
inline constexpr int kSecretBytes = 32;
inline constexpr int kSaltBytes = 16;
/// PBKDF2 iterations of new verifiers unless the backend is configured otherwise (DESIGN §4).
inline constexpr int kDefaultIterations = 600000;
/// Fewer iterations are refused on both sides: a verifier that cheap is no protection.
inline constexpr int kMinIterations = 1000;
inline constexpr int kMaxIterations = 10'000'000;

/// A fresh random card secret.
[[nodiscard]] QByteArray newSecret();
/// "ADSTAFF1:<base64url secret>".
[[nodiscard]] QString payload(const QByteArray &secret);
/// The secret of a well-formed card payload; nullopt for anything else.
[[nodiscard]] std::optional<QByteArray> secretOf(const QString &payload);
/// hex(SHA-256("anjungan-staff-card\0" ‖ secret)): finds the card's entry without revealing the secret.
[[nodiscard]] QString cardLookup(const QByteArray &secret);
/// PBKDF2-HMAC-SHA256(PIN, cardSalt ‖ secret): only someone holding the card can test PINs against it.
[[nodiscard]] QByteArray cardVerifier(const QString &pin, const QByteArray &cardSalt, const QByteArray &secret, int iterations);
/// PBKDF2-HMAC-SHA256(PIN, pinSalt): the sign-in without the card.
[[nodiscard]] QByteArray pinVerifier(const QString &pin, const QByteArray &pinSalt, int iterations);
/// A PIN is 4–6 digits.
[[nodiscard]] bool isValidPin(const QString &pin);

} // namespace serverlink::staffcard
