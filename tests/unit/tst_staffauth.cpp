// Staff PIN: slow KDF hash, constant-time check, lockout with growing delay.
#include "crypto.h"
#include "staffauth.h"

#include <QTest>

using kiosk::StaffAuth;

class TestStaffAuth : public QObject
{
    Q_OBJECT

    QDateTime m_now {QDate(2026, 11, 23), QTime(8, 0), Qt::UTC};
    // Few iterations keep the test fast; the production default is checked separately.
    const QString m_hash = serverlink::crypto::hashSecret(QStringLiteral("482916"), 1000);

    StaffAuth make()
    {
        return StaffAuth(m_hash, [this] { return m_now; });
    }

private Q_SLOTS:
    void correctPinGrants()
    {
        auto auth = make();
        QCOMPARE(auth.check(QStringLiteral("482916")), StaffAuth::Outcome::Granted);
    }
    void wrongPinDenies()
    {
        auto auth = make();
        QCOMPARE(auth.check(QStringLiteral("482917")), StaffAuth::Outcome::Denied);
        QCOMPARE(auth.check(QString()), StaffAuth::Outcome::Denied);
        QCOMPARE(auth.failures(), 2);
    }
    void lockoutAfterFiveFailuresAndGrowingDelay()
    {
        auto auth = make();
        for (int i = 0; i < 4; ++i)
            QCOMPARE(auth.check(QStringLiteral("000000")), StaffAuth::Outcome::Denied);
        QCOMPARE(auth.check(QStringLiteral("000000")), StaffAuth::Outcome::LockedOut);
        QCOMPARE(auth.secondsLocked(), 30);
        // Even the right PIN is refused while locked.
        QCOMPARE(auth.check(QStringLiteral("482916")), StaffAuth::Outcome::LockedOut);
        m_now = m_now.addSecs(31);
        QCOMPARE(auth.check(QStringLiteral("111111")), StaffAuth::Outcome::LockedOut);
        QCOMPARE(auth.secondsLocked(), 60);
        m_now = m_now.addSecs(61);
        QCOMPARE(auth.check(QStringLiteral("482916")), StaffAuth::Outcome::Granted);
        QCOMPARE(auth.failures(), 0);
    }
    void hashIsSlowKdfNotThePin()
    {
        const QString encoded = serverlink::crypto::hashSecret(QStringLiteral("482916"));
        QVERIFY(encoded.startsWith(QStringLiteral("pbkdf2-sha256$600000$")));
        QVERIFY(!encoded.contains(QStringLiteral("482916")));
        QVERIFY(serverlink::crypto::verifySecret(QStringLiteral("482916"), encoded));
        QVERIFY(!serverlink::crypto::verifySecret(QStringLiteral("482916"), QStringLiteral("pbkdf2-sha256$1$AAAA$AAAA")));
        QVERIFY(!serverlink::crypto::verifySecret(QStringLiteral("482916"), QStringLiteral("garbage")));
    }
    void unconfiguredPinNeverGrants()
    {
        StaffAuth auth(QString {});
        QCOMPARE(auth.check(QString()), StaffAuth::Outcome::NotConfigured);
    }
};

QTEST_GUILESS_MAIN(TestStaffAuth)
#include "tst_staffauth.moc"
