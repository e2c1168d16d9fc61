// Staff reach their desk as themselves through the real QML UI: a staff card scanned on any citizen screen and
// the PIN typed on the pad, the fallback by a long press on the office name, lockout surviving a restart, and
// staff mode ending by itself after the staff idle time (not the citizen's); staff entering a request for a citizen
// at the desk through the citizen's own screens.
#include "kioskharness.h"
#include "qmlsingletons.h"
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

    void fillSktm(KioskHarness &k)
    {
        QVERIFY(k.type(QStringLiteral("field-name"), QStringLiteral("Mbah Kasiyem")));
        QVERIFY(k.type(QStringLiteral("field-address"), QStringLiteral("Dusun Krajan RT 01/RW 02")));
        QVERIFY(k.type(QStringLiteral("field-purpose"), QStringLiteral("Keringanan biaya berobat")));
        QVERIFY(k.type(QStringLiteral("field-pekerjaan"), QStringLiteral("Tidak bekerja")));
        QVERIFY(k.type(QStringLiteral("field-penghasilan"), QStringLiteral("300000")));
        QVERIFY(k.type(QStringLiteral("field-jumlahTanggungan"), QStringLiteral("1")));
        QVERIFY(k.tap(QStringLiteral("option-0"), k.find(QStringLiteral("field-peruntukan"))));
    }

    /// From the desk to the citizen's identify screen, the consent confirmed by staff.
    void startEntry(KioskHarness &k)
    {
        QVERIFY(k.tap(QStringLiteral("enterForCitizen")));
        QVERIFY(k.waitForScreen(QStringLiteral("consent")));
        QVERIFY(k.waitFor(QStringLiteral("staffEntryBanner")));
        // Staff answer for the citizen's consent: "Setuju" waits for their tick.
        QVERIFY(!k.waitFor(QStringLiteral("acceptConsent"))->isEnabled());
        QVERIFY(k.tap(QStringLiteral("citizenAgreed")));
        QTRY_VERIFY(k.find(QStringLiteral("acceptConsent"))->isEnabled());
        QVERIFY(k.tap(QStringLiteral("acceptConsent")));
        QVERIFY(k.waitForScreen(QStringLiteral("identify")));
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
        // A test's own harness, gone now, unset the areas that the shared harness's singletons are made from.
        kiosk::qml::Areas::areas = h->areas.get();
        kiosk::qml::Areas::idle = h->idle.get();
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

    void staffEnterARequestForACitizen()
    {
        QVERIFY(h->signInStaff());
        const qsizetype signedOut = journaled(*h, serverlink::DeskEventKind::StaffSignedOut).size();
        const qsizetype tickets = h->ticketPrinter->documents().size();
        startEntry(*h);
        // A staff card at the identify step is neither the citizen's KTP nor a new sign-in.
        h->scan(KioskHarness::kStaffCard);
        QTRY_VERIFY(h->areas->flow.notice().contains(QStringLiteral("Kartu petugas")));
        QCOMPARE(h->screen(), QStringLiteral("identify"));
        QVERIFY(h->areas->nik.nik().isEmpty());
        QVERIFY(h->areas->staffLogin.desk());
        h->scan(kNik);
        QTRY_VERIFY(h->areas->nik.valid());
        QVERIFY(h->tap(QStringLiteral("confirmNik")));
        QVERIFY(h->waitForScreen(QStringLiteral("service")));
        QVERIFY(h->tap(QStringLiteral("service-SKTM")));
        QVERIFY(h->waitForScreen(QStringLiteral("form")));
        fillSktm(*h);
        QVERIFY(h->tap(QStringLiteral("toReview")));
        QVERIFY2(h->waitForScreen(QStringLiteral("review")), qPrintable(h->areas->request.formError()));
        // Nor on the review: the visit goes on with the answers as they were.
        h->scan(KioskHarness::kStaffCard);
        QTRY_VERIFY(h->areas->flow.notice().contains(QStringLiteral("Kartu petugas")));
        QCOMPARE(h->screen(), QStringLiteral("review"));
        QCOMPARE(h->areas->request.form()->value(QStringLiteral("name")), QStringLiteral("Mbah Kasiyem"));
        QVERIFY(h->waitFor(QStringLiteral("notice")));
        QVERIFY(h->tap(QStringLiteral("submit")));
        QVERIFY(h->waitForScreen(QStringLiteral("done")));
        QTRY_COMPARE(h->areas->request.ticket().printed, true);
        QCOMPARE(h->ticketPrinter->documents().size(), tickets + 1);
        const QString registration = h->areas->request.ticket().registrationNumber;
        // The request the backend receives names the staff member; the desk's journal says so too.
        const auto pending = h->outbox->dueForDelivery();
        const auto it = std::find_if(
            pending.begin(), pending.end(), [&](const kiosk::PendingDelivery &p) { return p.registrationNumber == registration; });
        QVERIFY(it != pending.end());
        const auto body = serverlink::SubmitRequest::fromJson(it->body);
        QVERIFY(body);
        QCOMPARE(body->enteredBy, QStringLiteral("siti"));
        QCOMPARE(body->nik, kNik);
        const auto entered = journaled(*h, serverlink::DeskEventKind::RequestEntered);
        QVERIFY(!entered.isEmpty());
        QCOMPARE(entered.last().actor, QStringLiteral("siti"));
        QCOMPARE(entered.last().registrationNumber, registration);
        // No survey for the staff member; "Selesai" returns to the desk, still signed in, the citizen forgotten.
        QVERIFY(!h->find(QStringLiteral("openSurvey")));
        QVERIFY(h->tap(QStringLiteral("finish")));
        QVERIFY(h->waitForScreen(QStringLiteral("staff")));
        QVERIFY(h->areas->staffLogin.desk());
        QCOMPARE(h->areas->staffLogin.desk()->staff().username, QStringLiteral("siti"));
        QCOMPARE(journaled(*h, serverlink::DeskEventKind::StaffSignedOut).size(), signedOut);
        QVERIFY(h->areas->flow.enteredBy().isEmpty());
        QVERIFY(!h->areas->nik.valid());
        QVERIFY(h->areas->request.ticket().isEmpty());
        QVERIFY(!h->find(QStringLiteral("staffEntryBanner")));
        // A citizen's own request afterwards is not staff-assisted.
        QVERIFY(h->tap(QStringLiteral("staffSignOut")));
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        QVERIFY(h->tap(QStringLiteral("startRequest")));
        QVERIFY(h->waitForScreen(QStringLiteral("consent")));
        QVERIFY(!h->find(QStringLiteral("citizenAgreed")));
        QVERIFY(h->find(QStringLiteral("acceptConsent"))->isEnabled());
    }

    void staffEntryEndsAtTheDesk()
    {
        QVERIFY(h->signInStaff());
        startEntry(*h);
        h->scan(kNik);
        QTRY_VERIFY(h->areas->nik.valid());
        // "Meja petugas" in the header leaves the entry: back at the desk, nothing of the citizen kept.
        QVERIFY(h->tap(QStringLiteral("homeButton")));
        QVERIFY(h->waitForScreen(QStringLiteral("staff")));
        QVERIFY(h->areas->staffLogin.desk());
        QVERIFY(!h->areas->nik.valid());
        // A staff card at the desk itself still works as before (a colleague takes over).
        h->scan(teststaff::card('B'));
        QVERIFY(h->waitForScreen(QStringLiteral("staffLogin")));
        QVERIFY(!h->areas->staffLogin.desk());
    }

    void staffCancelIsKeptUntilDelivered()
    {
        // A request of this kiosk; the kiosk has no backend here, so the desk shows its own record.
        const auto queued = h->outbox->enqueue({QStringLiteral("SKTM"), kNik, QStringLiteral("Mbah Kasiyem"),
            QStringLiteral("Dusun Krajan RT 01/RW 02"), QStringLiteral("Keringanan biaya berobat"), {}, {}});
        QVERIFY(queued);
        QVERIFY(h->signInStaff());
        // The citizen's ticket scanned at the desk opens it.
        h->scan(kiosk::OutboxRepository::ticketQrPayload(queued->statusToken));
        QTRY_COMPARE(h->areas->requestDesk.registrationNumber(), queued->registrationNumber);
        QVERIFY(h->areas->requestDesk.message().contains(QStringLiteral("catatan anjungan")));
        QVERIFY(h->waitFor(QStringLiteral("openedRequest")));
        // A reason is required.
        QVERIFY(!h->areas->requestDesk.cancelRequest(QStringLiteral("  ")));
        QVERIFY(h->changes->due().isEmpty());
        QVERIFY(h->type(QStringLiteral("cancelReason"), QStringLiteral("Warga pindah domisili")));
        QVERIFY(h->tap(QStringLiteral("cancelRequest")));
        QTRY_COMPARE(h->changes->due().size(), 1);
        const auto body = serverlink::CancelBody::fromJson(h->changes->due().first().body);
        QVERIFY(body);
        QCOMPARE(body->registrationNumber, queued->registrationNumber);
        QCOMPARE(body->reason, QStringLiteral("Warga pindah domisili"));
        QCOMPARE(body->proof.actor, QStringLiteral("siti"));
        QVERIFY(!h->areas->requestDesk.mayCancel());
        QVERIFY(!h->find(QStringLiteral("cancelRequest")));
        // Opened again by its number: still one cancellation waiting, none offered.
        QVERIFY(h->type(QStringLiteral("openRegistration"), queued->registrationNumber.toLower()));
        QVERIFY(h->tap(QStringLiteral("openRequest")));
        QTRY_VERIFY(h->areas->requestDesk.isOpen());
        QVERIFY(!h->areas->requestDesk.mayCancel());
        QCOMPARE(h->changes->due().size(), 1);
        // The backend took it: nothing waits any more; signing out closes what was open.
        QVERIFY(h->changes->markDelivered(h->changes->due().first().id));
        QVERIFY(h->changes->due().isEmpty());
        QVERIFY(h->tap(QStringLiteral("staffSignOut")));
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        QVERIFY(!h->areas->requestDesk.isOpen());
    }

    void staffEntryUsesTheStaffIdleTime()
    {
        // Citizens' screens wipe after 0.8 s here; an entry by staff waits for the staff's 3 s, then signs them out.
        KioskHarness k(400, 800, 3000);
        QVERIFY(k.load());
        QVERIFY(k.signInStaff());
        QVERIFY(k.tap(QStringLiteral("enterForCitizen")));
        QVERIFY(k.waitForScreen(QStringLiteral("consent")));
        QTest::qWait(1500);
        QCOMPARE(k.screen(), QStringLiteral("consent"));
        QVERIFY(!k.idle->warning());
        QVERIFY(k.waitForScreen(QStringLiteral("welcome"), 4000));
        QVERIFY(!k.areas->staffLogin.desk());
        QVERIFY(k.areas->flow.enteredBy().isEmpty());
        QCOMPARE(journaled(k, serverlink::DeskEventKind::StaffSignedOut).last().actor, QStringLiteral("siti"));
        h->load();
    }
};

QTEST_MAIN(TestStaff)
#include "tst_staff.moc"
