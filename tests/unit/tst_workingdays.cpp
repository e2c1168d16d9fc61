// Working days (hari kerja), the one rule of kiosk and backend: the estimate printed on the ticket counts
// them. Expected dates below were worked out by hand from a 2026 wall calendar and the SKB list, not by the code.
#include "workingdays.h"

#include <QTest>

using serverlink::WorkingCalendar;

class TestWorkingDays : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInListIsTheSkb()
    {
        const WorkingCalendar calendar = WorkingCalendar::builtIn();
        // SKB 3 Menteri for 2026: 17 hari libur nasional and 8 hari cuti bersama.
        int in2026 = 0;
        int cuti = 0;
        for (const auto &h : calendar.holidays()) {
            in2026 += h.date.year() == 2026 ? 1 : 0;
            cuti += h.date.year() == 2026 && h.name.startsWith(QLatin1String("Cuti bersama")) ? 1 : 0;
        }
        QCOMPARE(in2026, 25);
        QCOMPARE(cuti, 8);
        QCOMPARE(calendar.holidayName(QDate(2026, 8, 17)), QStringLiteral("Proklamasi Kemerdekaan Republik Indonesia"));
        QVERIFY(calendar.holidayName(QDate(2026, 8, 18)).isEmpty());
        // The text a kecamatan edits reads back to the same list.
        QCOMPARE(WorkingCalendar::parse(calendar.toText()).value_or(WorkingCalendar()), calendar);
    }

    void addWorkingDays_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<int>("days");
        QTest::addColumn<QDate>("expected");
        QTest::newRow("Monday +5: the next Monday") << QDate(2026, 12, 7) << 5 << QDate(2026, 12, 14);
        QTest::newRow("Thursday +5: across a weekend") << QDate(2026, 12, 10) << 5 << QDate(2026, 12, 17);
        QTest::newRow("Friday +1: Monday") << QDate(2026, 12, 11) << 1 << QDate(2026, 12, 14);
        QTest::newRow("made on a Saturday +1: Monday") << QDate(2026, 12, 12) << 1 << QDate(2026, 12, 14);
        QTest::newRow("made on a Saturday +5: Friday") << QDate(2026, 12, 12) << 5 << QDate(2026, 12, 18);
        QTest::newRow("made on a Sunday +1: Monday") << QDate(2026, 12, 13) << 1 << QDate(2026, 12, 14);
        QTest::newRow("cuti bersama 24 and Natal 25 Dec") << QDate(2026, 12, 23) << 1 << QDate(2026, 12, 28);
        QTest::newRow("Natal week +3") << QDate(2026, 12, 23) << 3 << QDate(2026, 12, 30);
        QTest::newRow("made on Natal (a holiday) +1") << QDate(2026, 12, 25) << 1 << QDate(2026, 12, 28);
        QTest::newRow("year end: 31 Dec +1 over 1 Jan") << QDate(2026, 12, 31) << 1 << QDate(2027, 1, 4);
        QTest::newRow("year end: 30 Dec +3") << QDate(2026, 12, 30) << 3 << QDate(2027, 1, 5);
        QTest::newRow("Lebaran: Nyepi, cuti, Idul Fitri") << QDate(2026, 3, 17) << 2 << QDate(2026, 3, 26);
        QTest::newRow("made on Nyepi +1") << QDate(2026, 3, 19) << 1 << QDate(2026, 3, 25);
        QTest::newRow("Kenaikan and its cuti bersama") << QDate(2026, 5, 13) << 1 << QDate(2026, 5, 18);
        QTest::newRow("Idul Adha, cuti, weekend, Pancasila") << QDate(2026, 5, 26) << 2 << QDate(2026, 6, 2);
        QTest::newRow("Imlek cuti Monday and Imlek Tuesday") << QDate(2026, 2, 13) << 1 << QDate(2026, 2, 18);
        QTest::newRow("zero days on a working day: that day") << QDate(2026, 12, 8) << 0 << QDate(2026, 12, 8);
        QTest::newRow("zero days on a Saturday: Monday") << QDate(2026, 12, 12) << 0 << QDate(2026, 12, 14);
        QTest::newRow("zero days on cuti bersama: after Natal") << QDate(2026, 12, 24) << 0 << QDate(2026, 12, 28);
    }
    void addWorkingDays()
    {
        QFETCH(QDate, from);
        QFETCH(int, days);
        QFETCH(QDate, expected);
        const WorkingCalendar calendar = WorkingCalendar::builtIn();
        QCOMPARE(calendar.addWorkingDays(from, days), expected);
        QVERIFY(calendar.isWorkingDay(expected));
        // The count between the two dates gives the days back.
        if (days > 0) {
            QCOMPARE(calendar.workingDaysBetween(from, expected), days);
            QCOMPARE(calendar.workingDaysBetween(expected, from), -days);
        }
    }

    void countBetween_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<int>("count");
        QTest::newRow("same day") << QDate(2026, 12, 7) << QDate(2026, 12, 7) << 0;
        QTest::newRow("a weekend only") << QDate(2026, 12, 11) << QDate(2026, 12, 13) << 0;
        QTest::newRow("December 2026 after the 1st") << QDate(2026, 12, 1) << QDate(2026, 12, 31) << 20;
        QTest::newRow("March 2026 (Lebaran)") << QDate(2026, 2, 28) << QDate(2026, 3, 31) << 17;
        QTest::newRow("over the year end") << QDate(2026, 12, 28) << QDate(2027, 1, 8) << 8;
    }
    void countBetween()
    {
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(int, count);
        QCOMPARE(WorkingCalendar::builtIn().workingDaysBetween(from, to), count);
    }

    void weekendsOnlyWithoutAList()
    {
        const WorkingCalendar calendar;
        QVERIFY(calendar.isWorkingDay(QDate(2026, 12, 25)));
        QVERIFY(!calendar.isWorkingDay(QDate(2026, 12, 26)));
        QCOMPARE(calendar.addWorkingDays(QDate(2026, 12, 23), 1), QDate(2026, 12, 24));
    }

    void listParses_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("holidays"); // -1: refused
        QTest::newRow("one day with a comment") << QByteArray("# daerah\n2026-12-15 Hari Jadi Kabupaten # lokal\n") << 1;
        QTest::newRow("blank lines and CRLF") << QByteArray("\r\n2026-12-15 Hari Jadi\r\n\r\n2026-12-16 Cuti\r\n") << 2;
        QTest::newRow("twice on one date counts once") << QByteArray("2026-12-25 Natal\n2026-12-25 Natal lagi\n") << 1;
        QTest::newRow("empty") << QByteArray() << 0;
        QTest::newRow("no name") << QByteArray("2026-12-15\n") << -1;
        QTest::newRow("day first") << QByteArray("15-12-2026 Hari Jadi\n") << -1;
        QTest::newRow("no leading zeros") << QByteArray("2026-1-5 Hari Jadi\n") << -1;
        QTest::newRow("month 13") << QByteArray("2026-13-01 Hari Jadi\n") << -1;
    }
    void listParses()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, holidays);
        QString error;
        const auto calendar = WorkingCalendar::parse(text, &error);
        QCOMPARE(calendar.has_value(), holidays >= 0);
        if (calendar)
            QCOMPARE(int(calendar->holidays().size()), holidays);
        else
            QVERIFY(error.contains(QLatin1String("baris")));
    }

    void aLocalHolidayCounts()
    {
        const auto calendar = WorkingCalendar::parse("2026-12-15 Hari Jadi Kabupaten\n");
        QVERIFY(calendar);
        QCOMPARE(calendar->addWorkingDays(QDate(2026, 12, 14), 1), QDate(2026, 12, 16));
    }
};

QTEST_GUILESS_MAIN(TestWorkingDays)
#include "tst_workingdays.moc"
