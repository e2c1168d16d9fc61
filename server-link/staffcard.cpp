#include "staffcard.h"

#include "crypto.h"

#include <algorithm>

namespace serverlink::staffcard {

namespace {
constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
} // namespace

QByteArray newSecret()
{
    return crypto::randomBytes(kSecretBytes);
}

QString payload(const QByteArray &secret)
{
    return kPrefix + QString::fromLatin1(secret.toBase64(kBase64Url));
}

std::optional<QByteArray> secretOf(const QString &text)
{
    if (!text.startsWith(kPrefix))
        return std::nullopt;
    const QString encoded = text.mid(kPrefix.size());
    const bool alphabet = std::all_of(encoded.cbegin(), encoded.cend(), [](QChar c) {
        return (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') || c == QLatin1Char('_');
    });
    if (!alphabet || encoded.size() != 43)
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(encoded.toLatin1(), kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != kSecretBytes)
        return std::nullopt;
    return decoded.decoded;
}

QString cardLookup(const QByteArray &secret)
{
    return QString::fromLatin1(crypto::sha256(QByteArrayLiteral("anjungan-staff-card") + '\0' + secret).toHex());
}

QByteArray cardVerifier(const QString &pin, const QByteArray &cardSalt, const QByteArray &secret, int iterations)
{
    return crypto::pbkdf2Sha256(pin, cardSalt + secret, iterations);
}

QByteArray pinVerifier(const QString &pin, const QByteArray &pinSalt, int iterations)
{
    return crypto::pbkdf2Sha256(pin, pinSalt, iterations);
}

bool isValidPin(const QString &pin)
{
    return pin.size() >= 4 && pin.size() <= 6
        && std::all_of(pin.cbegin(), pin.cend(), [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); });
}

} // namespace serverlink::staffcard
