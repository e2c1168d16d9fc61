// Staff reach their desk as themselves through the real QML UI: a staff card scanned on any citizen screen and
// the PIN typed on the pad, the fallback by a long press on the office name, lockout surviving a restart, and
// staff mode ending by itself after the staff idle time (not the citizen's).
#include "kioskharness.h"
#include "teststaff.h"

#include <QTest>

namespace {
const QString kNik = QStringLiteral("3521115205010021");

QList<serverlink::DeskEvent> journaled(KioskHarness &h, serverlink::DeskEventKind kind)
{
    QList<serverlink::DeskEvent> out;
    for (const auto &e : h.areas->journal.eventsOn(QDate::currentDate()))
        if (e.kind == kind)
            out.append(e);
    return out;
}
} // namespace

class TestStaff : public QObject
{
    Q_OBJECT
    std::unique_ptr<KioskHarness> h;

    bool typePin(KioskHarness &k, const QString &pin)
    {
        for (const QChar digit : pin)
            if (!k.tap(QStringLiteral("numpad-") + digit))
                return false;
        return k.tap(QStringLiteral("numpad-OK"));
    }

    void reach(const QString &screen)
    {
        if (screen == QLatin1String("welcome"))
            return;
        if (screen == QLatin1String("status") || screen == QLatin1String("verify") || screen == QLatin1String("help")) {
            QVERIFY(h->tap(QStringLiteral("open") + screen.at(0).toUpper() + screen.mid(1)));
            QVERIFY(h->waitForScreen(screen));
            return;
        }
        QVERIFY(h->tap(QStringLiteral("startRequest")));
        QVERIFY(h->waitForScreen(QStringLiteral("consent")));
        if (screen == QLatin1String("consent"))
            return;
        QVERIFY(h->tap(QStringLiteral("acceptConsent")));
        QVERIFY(h->waitForScreen(QStringLiteral("identify")));
        if (screen == QLatin1String("identify"))
            return;
        h->scan(kNik);
        QTRY_VERIFY(h->areas->nik.valid());
        QVERIFY(h->tap(QStringLiteral("confirmNik")));
        QVERIFY(h->waitForScreen(QStringLiteral("service")));
        if (screen == QLatin1String("service"))
            return;
        QVERIFY(h->tap(QStringLiteral("service-SKTM")));
        QVERIFY(h->waitForScreen(QStringLiteral("form")));
    }

    void longPress(KioskHarness &k, const QString &objectName)
    {
        QQuickItem *item = k.waitFor(objectName);
        QVERIFY(item);
        const QPoint centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
        QTest::mousePress(k.window, Qt::LeftButton, {}, centre);
        QTest::qWait(2300);
        QTest::mouseRelease(k.window, Qt::LeftButton, {}, centre);
    }

private Q_SLOTS:
    void initTestCase()
    {
        h = std::make_unique<KioskHarness>();
        QVERIFY(h->load());
    }
    void init()
    {
        h->areas->flow.goHome();
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
    }

    void cardOnEveryCitizenScreen_data()
    {
        QTest::addColumn<QString>("screen");
        for (const char *screen : {"welcome", "consent", "identify", "service", "form", "status", "verify", "help"})
            QTest::newRow(screen) << QString::fromLatin1(screen);
    }
    void cardOnEveryCitizenScreen()
    {
        QFETCH(QString, screen);
        reach(screen);
        QCOMPARE(h->screen(), screen);
        const qsizetype signedIn = journaled(*h, serverlink::DeskEventKind::StaffSignedIn).size();
        h->scan(KioskHarness::kStaffCard);
        QVERIFY(h->waitForScreen(QStringLiteral("staffLogin")));
        // The visit is gone: nothing the citizen typed or scanned is kept.
        QVERIFY(!h->areas->nik.valid());
        QCOMPARE(h->areas->staffLogin.cardHolder(), QStringLiteral("Siti Aminah"));
        QVERIFY(typePin(*h, KioskHarness::kStaffPin));
        QVERIFY(h->waitForScreen(QStringLiteral("staff")));
        QVERIFY(h->areas->staffLogin.desk());
        QCOMPARE(h->areas->staffLogin.desk()->staff().username, QStringLiteral("siti"));
        // The desk names who is signed in and offers "Keluar"; no device paths and no zero warnings.
        QVERIFY(h->waitFor(QStringLiteral("staffName")));
        QVERIFY(!h->find(QStringLiteral("deviceStates")));
        QVERIFY(!h->find(QStringLiteral("ticketsNotPrinted")));
        const auto events = journaled(*h, serverlink::DeskEventKind::StaffSignedIn);
        QCOMPARE(events.size(), signedIn + 1);
        QCOMPARE(events.last().actor, QStringLiteral("siti"));
        QVERIFY(h->tap(QStringLiteral("staffSignOut")));
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        QVERIFY(!h->areas->staffLogin.desk());
        QCOMPARE(journaled(*h, serverlink::DeskEventKind::StaffSignedOut).last().actor, QStringLiteral("siti"));
    }

    void revokedOrGarbageCardChangesNothing()
    {
        reach(QStringLiteral("identify"));
        h->scan(kNik);
        QTRY_VERIFY(h->areas->nik.valid());
        // A card the kiosk does not know (replaced or revoked): the citizen's visit stays as it was.
        h->scan(teststaff::card('X'));
        QTRY_VERIFY(h->areas->flow.notice().contains(QStringLiteral("tidak berlaku")));
        QCOMPARE(h->screen(), QStringLiteral("identify"));
        QVERIFY(h->areas->nik.valid());
        h->scan(QStringLiteral("ADSTAFF1:bukan-kartu"));
        QTRY_VERIFY(h->areas->flow.notice().contains(QStringLiteral("bukan kartu petugas")));
        QCOMPARE(h->screen(), QStringLiteral("identify"));
    }

    void longPressFallbackWithUsernameAndPin()
    {
        longPress(*h, QStringLiteral("officeName"));
        QVERIFY(h->waitForScreen(QStringLiteral("staffLogin")));
        QVERIFY(h->areas->staffLogin.withoutCard());
        QVERIFY(h->type(QStringLiteral("staffUsername"), QStringLiteral("siti")));
        QVERIFY(typePin(*h, KioskHarness::kStaffPin));
        QVERIFY(h->waitForScreen(QStringLiteral("staff")));
        QCOMPARE(h->areas->staffLogin.desk()->staff().username, QStringLiteral("siti"));
        QVERIFY(h->tap(QStringLiteral("staffSignOut")));
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        // Budi must use his card.
        longPress(*h, QStringLiteral("officeName"));
        QVERIFY(h->waitForScreen(QStringLiteral("staffLogin")));
        QVERIFY(h->type(QStringLiteral("staffUsername"), QStringLiteral("budi")));
        QVERIFY(typePin(*h, KioskHarness::kStaffPin));
        QTRY_VERIFY(h->areas->staffLogin.message().contains(QStringLiteral("wajib masuk dengan kartu")));
        QCOMPARE(h->screen(), QStringLiteral("staffLogin"));
        // A short tap on the office name does nothing.
        h->areas->flow.goHome();
        QVERIFY(h->tap(QStringLiteral("officeName")));
        QCOMPARE(h->screen(), QStringLiteral("welcome"));
    }

    void lockoutSurvivesARestart()
    {
        QTemporaryDir data;
        {
            KioskHarness first(60000, 75000, 180000, data.path());
            QVERIFY(first.load());
            first.scan(teststaff::card('B'));
            QVERIFY(first.waitForScreen(QStringLiteral("staffLogin")));
            for (int i = 0; i < 4; ++i) {
                QVERIFY(typePin(first, QStringLiteral("000000")));
                QTRY_VERIFY(first.areas->staffLogin.message().contains(QStringLiteral("PIN salah")));
            }
            QVERIFY(typePin(first, QStringLiteral("000000")));
            QTRY_VERIFY(first.areas->staffLogin.message().contains(QStringLiteral("Terlalu banyak PIN salah")));
            QCOMPARE(journaled(first, serverlink::DeskEventKind::StaffLockedOut).last().actor, QStringLiteral("budi"));
        }
        // The kiosk restarts on the same data folder: the right PIN is still refused.
        KioskHarness second(60000, 75000, 180000, data.path());
        QVERIFY(second.load());
        second.scan(teststaff::card('B'));
        QVERIFY(second.waitForScreen(QStringLiteral("staffLogin")));
        QVERIFY(second.areas->staffLogin.message().contains(QStringLiteral("Terlalu banyak PIN salah")));
        QVERIFY(typePin(second, KioskHarness::kStaffPin));
        QTRY_VERIFY(second.areas->staffLogin.message().contains(QStringLiteral("Terlalu banyak PIN salah")));
        QCOMPARE(second.screen(), QStringLiteral("staffLogin"));
        QVERIFY(!second.areas->staffLogin.desk());
        h->load(); // the shared harness's QML singletons again
    }

    void staffModeEndsAfterTheStaffIdleTime()
    {
        // Citizens' screens wipe after 0.8 s here; the staff desk waits for its own 3 s.
        KioskHarness k(400, 800, 3000);
        QVERIFY(k.load());
        QVERIFY(k.signInStaff());
        QTest::qWait(1500);
        QCOMPARE(k.screen(), QStringLiteral("staff"));
        // No countdown overlay over the desk either.
        QVERIFY(!k.idle->warning());
        QVERIFY(k.waitForScreen(QStringLiteral("welcome"), 4000));
        QVERIFY(!k.areas->staffLogin.desk());
        QCOMPARE(journaled(k, serverlink::DeskEventKind::StaffSignedOut).last().actor, QStringLiteral("siti"));
        h->load();
    }
};

QTEST_MAIN(TestStaff)
#include "tst_staff.moc"
