#include "digits.h"

namespace serverlink::digits {

namespace {
constexpr int kPairDigits = 5;
constexpr int kByteDigits = 3;

/// The value of `count` ASCII digits at `at`; -1 when one is not a digit.
int groupValue(QStringView text, qsizetype at, int count)
{
    int n = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = text.at(at + i).unicode();
        if (c < u'0' || c > u'9')
            return -1;
        n = n * 10 + (c - u'0');
    }
    return n;
}
} // namespace

QString encode(const QByteArray &data)
{
    QString out;
    out.reserve((data.size() / 2) * kPairDigits + kByteDigits);
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.constData());
    qsizetype i = 0;
    for (; i + 1 < data.size(); i += 2)
        out.append(QStringLiteral("%1").arg(bytes[i] * 256 + bytes[i + 1], kPairDigits, 10, QLatin1Char('0')));
    if (i < data.size())
        out.append(QStringLiteral("%1").arg(bytes[i], kByteDigits, 10, QLatin1Char('0')));
    return out;
}

std::optional<QByteArray> decode(QStringView text)
{
    const qsizetype tail = text.size() % kPairDigits;
    if (tail != 0 && tail != kByteDigits)
        return std::nullopt;
    QByteArray out;
    out.reserve((text.size() / kPairDigits) * 2 + 1);
    qsizetype i = 0;
    for (; i + kPairDigits <= text.size(); i += kPairDigits) {
        const int n = groupValue(text, i, kPairDigits);
        if (n < 0 || n > 0xffff)
            return std::nullopt;
        out.append(char(n >> 8));
        out.append(char(n & 0xff));
    }
    if (tail == kByteDigits) {
        const int n = groupValue(text, i, kByteDigits);
        if (n < 0 || n > 0xff)
            return std::nullopt;
        out.append(char(n));
    }
    return out;
}

} // namespace serverlink::digits
