#include "workingdays.h"

#include <QFile>
#include <algorithm>

// holidays.qrc lives in the static library kiosk_serverlink; register it before first use.
static void registerHolidayResources()
{
    Q_INIT_RESOURCE(holidays);
}

namespace serverlink {

namespace {
bool weekend(const QDate &day)
{
    return day.dayOfWeek() == Qt::Saturday || day.dayOfWeek() == Qt::Sunday;
}
} // namespace

WorkingCalendar::WorkingCalendar(QList<Holiday> holidays)
    : m_holidays(std::move(holidays))
{
    std::sort(m_holidays.begin(), m_holidays.end(), [](const Holiday &a, const Holiday &b) { return a.date < b.date; });
    // A date listed twice (a holiday and its cuti bersama on one day) closes the office once.
    m_holidays.erase(std::unique(m_holidays.begin(), m_holidays.end(), [](const Holiday &a, const Holiday &b) { return a.date == b.date; }),
        m_holidays.end());
}

std::optional<WorkingCalendar> WorkingCalendar::parse(const QByteArray &text, QString *error)
{
    QList<Holiday> holidays;
    int number = 0;
    for (const QByteArray &raw : text.split('\n')) {
        ++number;
        const QString line = QString::fromUtf8(raw.left(raw.indexOf('#') < 0 ? raw.size() : raw.indexOf('#'))).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype space = line.indexOf(QLatin1Char(' '));
        const QDate date = QDate::fromString(line.left(space), Qt::ISODate);
        const QString name = space < 0 ? QString() : line.mid(space + 1).trimmed();
        if (!date.isValid() || line.left(space).size() != 10 || name.isEmpty()) {
            if (error)
                *error = QStringLiteral("baris %1: harus 'YYYY-MM-DD nama hari libur'").arg(number);
            return std::nullopt;
        }
        holidays.append({date, name});
    }
    return WorkingCalendar(std::move(holidays));
}

std::optional<WorkingCalendar> WorkingCalendar::fromFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1 tidak dapat dibaca: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString why;
    auto calendar = parse(file.readAll(), &why);
    if (!calendar && error)
        *error = QStringLiteral("%1, %2").arg(path, why);
    return calendar;
}

QByteArray WorkingCalendar::builtInText()
{
    registerHolidayResources();
    QFile file(QStringLiteral(":/serverlink/libur-nasional.txt"));
    // The list is compiled in: failing to open it is a build error, not a runtime condition.
    Q_ASSERT(file.exists());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

WorkingCalendar WorkingCalendar::builtIn()
{
    return parse(builtInText()).value_or(WorkingCalendar());
}

bool WorkingCalendar::isWorkingDay(const QDate &day) const
{
    return day.isValid() && !weekend(day) && holidayName(day).isEmpty();
}

QString WorkingCalendar::holidayName(const QDate &day) const
{
    const auto it
        = std::lower_bound(m_holidays.cbegin(), m_holidays.cend(), day, [](const Holiday &h, const QDate &d) { return h.date < d; });
    return it != m_holidays.cend() && it->date == day ? it->name : QString();
}

QDate WorkingCalendar::addWorkingDays(const QDate &from, int n) const
{
    if (!from.isValid())
        return {};
    QDate day = from;
    if (n <= 0) {
        while (!isWorkingDay(day))
            day = day.addDays(1);
        return day;
    }
    for (int counted = 0; counted < n;) {
        day = day.addDays(1);
        if (isWorkingDay(day))
            ++counted;
    }
    return day;
}

int WorkingCalendar::workingDaysBetween(const QDate &from, const QDate &to) const
{
    if (!from.isValid() || !to.isValid())
        return 0;
    if (to < from)
        return -workingDaysBetween(to, from);
    int count = 0;
    for (QDate day = from.addDays(1); day <= to; day = day.addDays(1))
        count += isWorkingDay(day) ? 1 : 0;
    return count;
}

QByteArray WorkingCalendar::toText() const
{
    QByteArray out;
    for (const Holiday &h : m_holidays)
        out += h.date.toString(Qt::ISODate).toLatin1() + ' ' + h.name.toUtf8() + '\n';
    return out;
}

} // namespace serverlink
