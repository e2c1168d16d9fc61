#include "idformat.h"

#include <algorithm>
#include <array>

namespace serverlink::idformat {

namespace {
constexpr std::array kMonths {
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"};
constexpr std::array kShortMonths {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
constexpr std::array kWeekdays {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"};

QString grouped(quint64 magnitude)
{
    QString digits = QString::number(magnitude);
    for (qsizetype at = digits.size() - 3; at > 0; at -= 3)
        digits.insert(at, QLatin1Char('.'));
    return digits;
}
} // namespace

QString number(qint64 value)
{
    const quint64 magnitude = value < 0 ? quint64(0) - quint64(value) : quint64(value);
    return (value < 0 ? QStringLiteral("-") : QString()) + grouped(magnitude);
}

QString rupiah(qint64 value)
{
    const quint64 magnitude = value < 0 ? quint64(0) - quint64(value) : quint64(value);
    return (value < 0 ? QStringLiteral("-Rp") : QStringLiteral("Rp")) + grouped(magnitude);
}

QString date(const QDate &day)
{
    if (!day.isValid())
        return {};
    return QStringLiteral("%1 %2 %3").arg(day.day()).arg(QLatin1String(kMonths.at(day.month() - 1))).arg(day.year());
}

QString weekday(const QDate &day)
{
    return day.isValid() ? QString::fromLatin1(kWeekdays.at(day.dayOfWeek() - 1)) : QString();
}

QString shortDayDate(const QDate &day)
{
    if (!day.isValid())
        return {};
    return QStringLiteral("%1, %2 %3 %4")
        .arg(weekday(day))
        .arg(day.day())
        .arg(QLatin1String(kShortMonths.at(day.month() - 1)))
        .arg(day.year());
}

ValueFormat valueFormatFromWire(const QString &word)
{
    if (word == QLatin1String("rupiah"))
        return ValueFormat::Rupiah;
    if (word == QLatin1String("number"))
        return ValueFormat::Number;
    return ValueFormat::AsTyped;
}

QString value(const QString &typed, ValueFormat format)
{
    if (format == ValueFormat::AsTyped)
        return typed;
    const QString digits = typed.trimmed();
    // Only plain digits are an amount: "900.000" or "sembilan ratus" stay as the citizen wrote them.
    const bool whole = !digits.isEmpty() && digits.size() <= 18
        && std::all_of(digits.cbegin(), digits.cend(), [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); });
    if (!whole)
        return typed;
    const qint64 n = digits.toLongLong();
    return format == ValueFormat::Rupiah ? rupiah(n) : number(n);
}

} // namespace serverlink::idformat
