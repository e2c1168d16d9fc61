// NIK structure validation: PP KK CC DDMMYY SSSS, women's day + 40.
#include "nik.h"

#include <QTest>

using kiosk::NikError;
using kiosk::NikInfo;

class TestNik : public QObject
{
    Q_OBJECT

    const QDate today {2026, 11, 23};

    NikError errorOf(const QString &nik)
    {
        const auto r = kiosk::parseNik(nik, today);
        if (!std::holds_alternative<NikError>(r))
            qFatal("expected an error for %s", qPrintable(nik));
        return std::get<NikError>(r);
    }

private Q_SLOTS:
    void validMale()
    {
        const auto r = kiosk::parseNik(u"3521111208900003", today);
        QVERIFY(std::holds_alternative<NikInfo>(r));
        const auto &info = std::get<NikInfo>(r);
        QCOMPARE(info.provinceCode, 35);
        QCOMPARE(info.regionCode, QStringLiteral("352111"));
        QCOMPARE(info.birthDate, QDate(1990, 8, 12));
        QVERIFY(!info.female);
        QCOMPARE(info.serial, 3);
    }
    void validFemale()
    {
        // Day 52 = 12 + 40: a woman born 12 May 2001.
        const auto r = kiosk::parseNik(u"3521115205010021", today);
        QVERIFY(std::holds_alternative<NikInfo>(r));
        QVERIFY(std::get<NikInfo>(r).female);
        QCOMPARE(std::get<NikInfo>(r).birthDate, QDate(2001, 5, 12));
    }
    void february31() { QCOMPARE(errorOf(QStringLiteral("3521113102900003")), NikError::BadDay); }
    void femaleFebruary30() { QCOMPARE(errorOf(QStringLiteral("3521117002900003")), NikError::BadDay); }
    void month13() { QCOMPARE(errorOf(QStringLiteral("3521111213900003")), NikError::BadMonth); }
    void length15() { QCOMPARE(errorOf(QStringLiteral("352111120890000")), NikError::WrongLength); }
    void length17() { QCOMPARE(errorOf(QStringLiteral("35211112089000031")), NikError::WrongLength); }
    void letters() { QCOMPARE(errorOf(QStringLiteral("35211112O8900003")), NikError::NotDigits); }
    void serial0000() { QCOMPARE(errorOf(QStringLiteral("3521111208900000")), NikError::ZeroSerial); }
    void provinceOutOfRange()
    {
        QCOMPARE(errorOf(QStringLiteral("1021111208900003")), NikError::BadProvince);
        QCOMPARE(errorOf(QStringLiteral("9721111208900003")), NikError::BadProvince);
    }
    void everyErrorHasAMessage()
    {
        for (auto e : {NikError::WrongLength, NikError::NotDigits, NikError::BadProvince, NikError::BadRegion, NikError::BadMonth,
                 NikError::BadDay, NikError::ZeroSerial})
            QVERIFY(!kiosk::nikErrorMessage(e).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestNik)
#include "tst_nik.moc"
