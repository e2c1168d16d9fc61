#include "base45.h"

#include <array>

namespace serverlink::base45 {

namespace {
constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
constexpr int kBase = 45;

constexpr std::array<qint8, 128> makeReverse()
{
    std::array<qint8, 128> table {};
    for (auto &v : table)
        v = -1;
    for (int i = 0; i < kBase; ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = qint8(i);
    return table;
}
constexpr std::array<qint8, 128> kReverse = makeReverse();

int valueOf(QChar c)
{
    const char16_t u = c.unicode();
    return u < 128 ? kReverse[u] : -1;
}
} // namespace

bool isAlphabetChar(QChar c)
{
    return valueOf(c) >= 0;
}

QString encode(const QByteArray &data)
{
    QString out;
    out.reserve((data.size() / 2) * 3 + 2);
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.constData());
    qsizetype i = 0;
    for (; i + 1 < data.size(); i += 2) {
        int n = bytes[i] * 256 + bytes[i + 1];
        for (int k = 0; k < 3; ++k) {
            out.append(QLatin1Char(kAlphabet[n % kBase]));
            n /= kBase;
        }
    }
    if (i < data.size()) {
        const int n = bytes[i];
        out.append(QLatin1Char(kAlphabet[n % kBase]));
        out.append(QLatin1Char(kAlphabet[n / kBase]));
    }
    return out;
}

std::optional<QByteArray> decode(const QString &text)
{
    if (text.size() % 3 == 1)
        return std::nullopt;
    QByteArray out;
    out.reserve((text.size() / 3) * 2 + 1);
    qsizetype i = 0;
    for (; i + 2 < text.size(); i += 3) {
        const int c = valueOf(text.at(i)), d = valueOf(text.at(i + 1)), e = valueOf(text.at(i + 2));
        if (c < 0 || d < 0 || e < 0)
            return std::nullopt;
        const int n = c + d * kBase + e * kBase * kBase;
        if (n > 0xffff)
            return std::nullopt;
        out.append(char(n >> 8));
        out.append(char(n & 0xff));
    }
    if (i < text.size()) {
        const int c = valueOf(text.at(i)), d = valueOf(text.at(i + 1));
        if (c < 0 || d < 0)
            return std::nullopt;
        const int n = c + d * kBase;
        if (n > 0xff)
            return std::nullopt;
        out.append(char(n));
    }
    return out;
}

} // namespace serverlink::base45
