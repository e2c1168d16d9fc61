#pragma once

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace serverlink {

/// A weekday the offices are closed: a national holiday (hari libur nasional) or a cuti bersama.
struct Holiday {
    QDate date;
    QString name;
    friend bool operator==(const Holiday &, const Holiday &) = default;
};

/// The offices' working days (hari kerja), one rule for kiosk and backend: Monday to Friday, except the
/// holidays and cuti bersama of the list (docs/decisions/0021-working-days.md).
class WorkingCalendar
{
public:
    /// Weekends only, no holidays.
    WorkingCalendar() = default;
    explicit WorkingCalendar(QList<Holiday> holidays);

    /// Parses the holiday list: one `YYYY-MM-DD name` per line, `#` starts a comment; the error names the line.
    [[nodiscard]] static std::optional<WorkingCalendar> parse(const QByteArray &text, QString *error = nullptr);
    /// The same, read from `path`.
    [[nodiscard]] static std::optional<WorkingCalendar> fromFile(const QString &path, QString *error = nullptr);
    /// The list shipped with the software (server-link/holidays/libur-nasional.txt).
    [[nodiscard]] static WorkingCalendar builtIn();
    /// The built-in list as text, the file a kecamatan copies and edits.
    [[nodiscard]] static QByteArray builtInText();

    [[nodiscard]] bool isWorkingDay(const QDate &day) const;
    /// The holiday's name on `day`; empty when it is none.
    [[nodiscard]] QString holidayName(const QDate &day) const;
    /// The n-th working day after `from` (`from` itself does not count, whatever day it is); for n <= 0,
    /// `from` when it is a working day, else the next one.
    [[nodiscard]] QDate addWorkingDays(const QDate &from, int n) const;
    /// How many working days lie after `from` up to and including `to`; negative when `to` is before `from`.
    [[nodiscard]] int workingDaysBetween(const QDate &from, const QDate &to) const;

    /// The holidays, by date.
    [[nodiscard]] QList<Holiday> holidays() const { return m_holidays; }
    /// The list as text in the format parse() reads.
    [[nodiscard]] QByteArray toText() const;

    friend bool operator==(const WorkingCalendar &, const WorkingCalendar &) = default;

private:
    QList<Holiday> m_holidays; // sorted by date, one per date
};

} // namespace serverlink
