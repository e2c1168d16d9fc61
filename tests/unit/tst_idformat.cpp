// Numbers, amounts and dates the Indonesian way (PUEBI): one function for tickets, screens and letters.
#include "idformat.h"

#include <QTest>

using namespace serverlink::idformat;

class TestIdFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbers_data()
    {
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("rupiah");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("0") << QStringLiteral("Rp0");
        QTest::newRow("hundreds") << qint64(950) << QStringLiteral("950") << QStringLiteral("Rp950");
        QTest::newRow("thousand") << qint64(1000) << QStringLiteral("1.000") << QStringLiteral("Rp1.000");
        QTest::newRow("income") << qint64(900000) << QStringLiteral("900.000") << QStringLiteral("Rp900.000");
        QTest::newRow("million") << qint64(1234567) << QStringLiteral("1.234.567") << QStringLiteral("Rp1.234.567");
        QTest::newRow("ten billion") << qint64(10000000000) << QStringLiteral("10.000.000.000") << QStringLiteral("Rp10.000.000.000");
        QTest::newRow("negative") << qint64(-1500) << QStringLiteral("-1.500") << QStringLiteral("-Rp1.500");
        QTest::newRow("smallest") << std::numeric_limits<qint64>::min() << QStringLiteral("-9.223.372.036.854.775.808")
                                  << QStringLiteral("-Rp9.223.372.036.854.775.808");
    }
    void numbers()
    {
        QFETCH(qint64, value);
        QFETCH(QString, number);
        QFETCH(QString, rupiah);
        QCOMPARE(serverlink::idformat::number(value), number);
        QCOMPARE(serverlink::idformat::rupiah(value), rupiah);
    }

    void dates_data()
    {
        QTest::addColumn<QDate>("day");
        QTest::addColumn<QString>("longForm");
        QTest::addColumn<QString>("shortForm");
        QTest::newRow("Thursday") << QDate(2026, 12, 17) << QStringLiteral("17 Desember 2026") << QStringLiteral("Kamis, 17 Des 2026");
        QTest::newRow("New Year") << QDate(2027, 1, 1) << QStringLiteral("1 Januari 2027") << QStringLiteral("Jumat, 1 Jan 2027");
        QTest::newRow("Agustus") << QDate(2026, 8, 17) << QStringLiteral("17 Agustus 2026") << QStringLiteral("Senin, 17 Agu 2026");
        QTest::newRow("Sunday in Mei") << QDate(2026, 5, 31) << QStringLiteral("31 Mei 2026") << QStringLiteral("Minggu, 31 Mei 2026");
        QTest::newRow("invalid") << QDate() << QString() << QString();
    }
    void dates()
    {
        QFETCH(QDate, day);
        QFETCH(QString, longForm);
        QFETCH(QString, shortForm);
        QCOMPARE(date(day), longForm);
        QCOMPARE(shortDayDate(day), shortForm);
    }

    void formValues_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("written");
        QTest::newRow("income") << QStringLiteral("900000") << QStringLiteral("rupiah") << QStringLiteral("Rp900.000");
        QTest::newRow("guests") << QStringLiteral("1500") << QStringLiteral("number") << QStringLiteral("1.500");
        QTest::newRow("dependants") << QStringLiteral("3") << QStringLiteral("number") << QStringLiteral("3");
        QTest::newRow("nomor KK stays") << QStringLiteral("3521110101080001") << QString() << QStringLiteral("3521110101080001");
        QTest::newRow("unknown word stays") << QStringLiteral("2010") << QStringLiteral("tahun") << QStringLiteral("2010");
        QTest::newRow("already dotted stays") << QStringLiteral("900.000") << QStringLiteral("rupiah") << QStringLiteral("900.000");
        QTest::newRow("words stay") << QStringLiteral("sembilan ratus") << QStringLiteral("rupiah") << QStringLiteral("sembilan ratus");
        QTest::newRow("too long stays") << QString(19, QLatin1Char('9')) << QStringLiteral("rupiah") << QString(19, QLatin1Char('9'));
    }
    void formValues()
    {
        QFETCH(QString, typed);
        QFETCH(QString, format);
        QFETCH(QString, written);
        QCOMPARE(value(typed, valueFormatFromWire(format)), written);
    }
};

QTEST_GUILESS_MAIN(TestIdFormat)
#include "tst_idformat.moc"
