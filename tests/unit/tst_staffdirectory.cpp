// Staff card + PIN offline: the credentials list sealed at rest, card and fallback sign-in, the lockout rule
// and its persistence across a restart.
#include "crypto.h"
#include "staffdirectory.h"
#include "stafflockout.h"
#include "store.h"
#include "teststaff.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using kiosk::StaffDirectory;
using Outcome = kiosk::StaffDirectory::Outcome;

class TestStaffDirectory : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QDateTime m_now {QDate(2026, 12, 7), QTime(8, 0), Qt::UTC};
    QByteArray m_key = serverlink::crypto::randomBytes(32);
    std::unique_ptr<kiosk::KioskStore> m_store;

    std::unique_ptr<StaffDirectory> make(const QByteArray &key)
    {
        return std::make_unique<StaffDirectory>(*m_store, key, [this] { return m_now; });
    }

private Q_SLOTS:
    void init()
    {
        QFile::remove(m_dir.filePath(QStringLiteral("kiosk.sqlite")));
        m_store = std::make_unique<kiosk::KioskStore>();
        QVERIFY(m_store->open(m_dir.filePath(QStringLiteral("kiosk.sqlite"))));
        QVERIFY(make(m_key)->save(QStringLiteral("\"v1\""), teststaff::standard().toJson()));
    }
    void cleanup() { m_store.reset(); }

    void lockoutRuleMatchesTheTable()
    {
        // failures in a row → seconds locked: five are free, then 30 s doubling up to 15 minutes.
        const QList<std::pair<int, int>> table {
            {0, 0}, {1, 0}, {4, 0}, {5, 30}, {6, 60}, {7, 120}, {8, 240}, {9, 480}, {10, 900}, {11, 900}, {40, 900}};
        for (const auto &[failures, seconds] : table)
            QCOMPARE(kiosk::StaffLockout::lockSeconds(failures), seconds);
    }
    void cardAndPinGrant()
    {
        const auto dir = make(m_key);
        QCOMPARE(dir->etag(), QStringLiteral("\"v1\""));
        const auto result = dir->signInWithCard(teststaff::card('S'), teststaff::kPin);
        QCOMPARE(result.outcome, Outcome::Granted);
        QCOMPARE(result.staff.username, QStringLiteral("siti"));
        QCOMPARE(result.staff.name, QStringLiteral("Siti Aminah"));
        QCOMPARE(dir->signInWithCard(teststaff::card('B'), teststaff::kPin).staff.username, QStringLiteral("budi"));
    }
    void wrongPinDeniesWithAttemptsLeft()
    {
        const auto result = make(m_key)->signInWithCard(teststaff::card('S'), QStringLiteral("000000"));
        QCOMPARE(result.outcome, Outcome::Denied);
        QCOMPARE(result.attemptsLeft, 4);
        QVERIFY(result.message.contains(QStringLiteral("PIN salah")));
    }
    void unknownAndGarbageCardsAreRefused()
    {
        const auto dir = make(m_key);
        // A card of the right shape the list does not hold: replaced, revoked, or another desa's.
        const auto unknown = dir->signInWithCard(teststaff::card('X'), teststaff::kPin);
        QCOMPARE(unknown.outcome, Outcome::UnknownCard);
        QVERIFY(unknown.message.contains(QStringLiteral("kartu baru")));
        QCOMPARE(dir->signInWithCard(QStringLiteral("ADSTAFF1:pendek"), teststaff::kPin).outcome, Outcome::InvalidCard);
        QCOMPARE(dir->identifyCard(QStringLiteral("ADT1:AAAAAAAAAAAAAAAAAAAAAA")).outcome, Outcome::InvalidCard);
    }
    void fallbackOnlyWhereAllowed()
    {
        const auto dir = make(m_key);
        QCOMPARE(dir->signInWithPassword(QStringLiteral("siti"), teststaff::kPin).outcome, Outcome::Granted);
        QCOMPARE(dir->signInWithPassword(QStringLiteral("Siti "), teststaff::kPin).outcome, Outcome::Granted);
        const auto budi = dir->signInWithPassword(QStringLiteral("budi"), teststaff::kPin);
        QCOMPARE(budi.outcome, Outcome::CardRequired);
        QVERIFY(budi.message.contains(QStringLiteral("wajib masuk dengan kartu")));
        QCOMPARE(dir->signInWithPassword(QStringLiteral("nobody"), teststaff::kPin).outcome, Outcome::UnknownUser);
    }
    void sealedAtRest()
    {
        QSqlQuery q(m_store->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT sealed FROM staff_credentials")) && q.next());
        const QByteArray stored = q.value(0).toByteArray();
        const serverlink::StaffCredential siti = make(m_key)->credentials()->staff.first();
        for (const QByteArray &needle : {QByteArray("siti"), QByteArray("Siti Aminah"), QByteArray("budi"), siti.cardLookup.toLatin1(),
                 siti.cardVerifier, siti.cardVerifier.toBase64(), siti.pinVerifier.toBase64(), QByteArray("cardVerifier")})
            QVERIFY2(!stored.contains(needle), needle.constData());
        // The whole file too: nothing in the store names the staff.
        QFile file(m_store->path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("Siti Aminah"));
    }
    void wrongDeviceKeyYieldsNoStaff()
    {
        const auto other = make(serverlink::crypto::randomBytes(32));
        QVERIFY(!other->credentials());
        QCOMPARE(other->etag(), QString());
        QCOMPARE(other->signInWithCard(teststaff::card('S'), teststaff::kPin).outcome, Outcome::NotSynced);
    }
    void invalidListKeepsTheOldOne()
    {
        const auto dir = make(m_key);
        QVERIFY(!dir->save(QStringLiteral("\"v2\""), QByteArrayLiteral("{\"staff\":[{\"username\":\"x\"}]}")));
        QCOMPARE(dir->etag(), QStringLiteral("\"v1\""));
        QCOMPARE(dir->credentials()->staff.size(), 2);
    }
    void technicianRoleTravelsSealed()
    {
        // A list from before technician mode (no "role") is all staff; a technician's role survives the seal.
        const QByteArray old = teststaff::standard().toJson().replace(",\"role\":\"petugas\"", "");
        QVERIFY(!old.contains("role"));
        QVERIFY(make(m_key)->save(QStringLiteral("\"v0\""), old));
        QVERIFY(!make(m_key)->signInWithCard(teststaff::card('S'), teststaff::kPin).staff.technician);
        QVERIFY(make(m_key)->save(QStringLiteral("\"v2\""), teststaff::withTechnician().toJson()));
        const auto tono = make(m_key)->signInWithCard(teststaff::card('T'), teststaff::kPin);
        QCOMPARE(tono.outcome, Outcome::Granted);
        QVERIFY(tono.staff.technician);
        QVERIFY(make(m_key)->identifyCard(teststaff::card('T')).staff.technician);
        QVERIFY(make(m_key)->signInWithPassword(QStringLiteral("tono"), teststaff::kPin).staff.technician);
        QVERIFY(!make(m_key)->signInWithCard(teststaff::card('S'), teststaff::kPin).staff.technician);
        QByteArray unknownRole = teststaff::withTechnician().toJson().replace("\"teknisi\"", "\"dewa\"");
        QVERIFY(!make(m_key)->save(QStringLiteral("\"v3\""), unknownRole));
    }
    void lockoutSurvivesARestart()
    {
        {
            const auto dir = make(m_key);
            for (int i = 0; i < 4; ++i)
                QCOMPARE(dir->signInWithCard(teststaff::card('S'), QStringLiteral("000000")).outcome, Outcome::Denied);
            const auto locked = dir->signInWithCard(teststaff::card('S'), QStringLiteral("000000"));
            QCOMPARE(locked.outcome, Outcome::LockedOut);
            QVERIFY(locked.lockStarted);
        }
        // A second instance on the same files (the kiosk restarted): still locked, even for the right PIN,
        // and on the fallback too: the lockout is the staff member's, not the card's.
        m_store = std::make_unique<kiosk::KioskStore>();
        QVERIFY(m_store->open(m_dir.filePath(QStringLiteral("kiosk.sqlite"))));
        const auto restarted = make(m_key);
        const auto locked = restarted->signInWithCard(teststaff::card('S'), teststaff::kPin);
        QCOMPARE(locked.outcome, Outcome::LockedOut);
        QCOMPARE(locked.secondsLocked, 30);
        QVERIFY(!locked.lockStarted);
        QCOMPARE(restarted->signInWithPassword(QStringLiteral("siti"), teststaff::kPin).outcome, Outcome::LockedOut);
        // Others are not affected.
        QCOMPARE(restarted->signInWithCard(teststaff::card('B'), teststaff::kPin).outcome, Outcome::Granted);
        // After the delay the next wrong PIN locks for twice as long; the right one then resets the count.
        m_now = m_now.addSecs(31);
        QCOMPARE(restarted->signInWithCard(teststaff::card('S'), QStringLiteral("111111")).secondsLocked, 60);
        m_now = m_now.addSecs(61);
        QCOMPARE(restarted->signInWithCard(teststaff::card('S'), teststaff::kPin).outcome, Outcome::Granted);
        QCOMPARE(restarted->signInWithCard(teststaff::card('S'), QStringLiteral("000000")).attemptsLeft, 4);
        // The lockout table names nobody either.
        QSqlQuery q(m_store->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT subject FROM staff_lockouts")) && q.next());
        QVERIFY(!q.value(0).toString().contains(QStringLiteral("siti")));
    }
};

QTEST_GUILESS_MAIN(TestStaffDirectory)
#include "tst_staffdirectory.moc"
