// Technician mode through the real QML UI from the welcome screen: a technician's card (or username) and PIN open it,
// a staff member's never; each panel with the devices in known states (the capturing printers' states, the wedge
// scanner); parked requests sent again or withdrawn (kept, journaled); alerts handled (gone, journaled); the diagnostics
// bundle exported to a folder standing in for the stick, searched for the test NIK and name; screenshots of every panel
// at the three sizes.
#include "alertbook.h"
#include "barcode.h"
#include "camerascanner.h"
#include "diagnostics.h"
#include "filepagesource.h"
#include "framedecoder.h"
#include "kioskharness.h"
#include "stickmount.h"
#include "teststaff.h"

#include <QDirIterator>
#include <QLoggingCategory>
#include <QPainter>
#include <QTest>

namespace {
const QString kNik = QStringLiteral("3521115205010021");
const QString kName = QStringLiteral("Siti Aminah");
Q_LOGGING_CATEGORY(lcTest, "anjungan.test")
} // namespace

class TestTechnician : public QObject
{
    Q_OBJECT
    std::unique_ptr<KioskHarness> h;

    bool typePin(const QString &pin)
    {
        for (const QChar digit : pin)
            if (!h->tap(QStringLiteral("numpad-") + digit))
                return false;
        return h->tap(QStringLiteral("numpad-OK"));
    }

    void longPress(const QString &objectName)
    {
        QQuickItem *item = h->waitFor(objectName);
        QVERIFY(item);
        const QPoint centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
        QTest::mousePress(h->window, Qt::LeftButton, {}, centre);
        QTest::qWait(2300);
        QTest::mouseRelease(h->window, Qt::LeftButton, {}, centre);
    }

    /// Welcome → staff sign-in (long press) → "Teknisi".
    void openTechnicianSignIn()
    {
        QCOMPARE(h->screen(), QStringLiteral("welcome"));
        longPress(QStringLiteral("officeName"));
        QVERIFY(h->waitForScreen(QStringLiteral("staffLogin")));
        QVERIFY(h->tap(QStringLiteral("technicianEntry")));
        QVERIFY(h->waitForScreen(QStringLiteral("technicianLogin")));
    }

    void signInTechnician()
    {
        openTechnicianSignIn();
        h->scan(KioskHarness::kTechnicianCard);
        QTRY_COMPARE(h->areas->technician.cardHolder(), QStringLiteral("Tono Teknisi"));
        QVERIFY(typePin(KioskHarness::kStaffPin));
        QVERIFY(h->waitForScreen(QStringLiteral("technician")));
    }

    /// Two requests of the test citizen refused for good by the backend; their registration numbers.
    QStringList parkTwo()
    {
        QStringList numbers;
        for (int i = 0; i < 2; ++i) {
            kiosk::NewRequest r;
            r.serviceCode = QStringLiteral("SKTM");
            r.nik = kNik;
            r.name = kName;
            r.address = QStringLiteral("Dusun Krajan");
            r.purpose = QStringLiteral("Berobat");
            const auto queued = h->outbox->enqueue(r);
            if (!queued)
                return {};
            if (!h->outbox->recordOutcomes(
                    {{queued->id, kiosk::DeliveryOutcome::Kind::Parked, {}, QStringLiteral("Ditolak server (HTTP 422)")}}))
                return {};
            numbers << queued->registrationNumber;
        }
        return numbers;
    }

    QString allText(QQuickItem *within = nullptr) const
    {
        QStringList texts;
        for (QQuickItem *t : h->visibleTexts(within))
            texts << t->property("text").toString();
        return texts.join(QLatin1Char('\n'));
    }

private Q_SLOTS:
    void initTestCase()
    {
        kiosk::LogRing::install(200);
        h = std::make_unique<KioskHarness>();
        QVERIFY(h->load());
    }
    void cleanup()
    {
        h->areas->flow.goHome();
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
    }

    void technicianInStaffRefused()
    {
        // A staff card on the technician sign-in: refused, the sign-in stays.
        openTechnicianSignIn();
        h->scan(KioskHarness::kStaffCard);
        QTRY_VERIFY(h->areas->technician.message().contains(QStringLiteral("bukan kartu teknisi")));
        QCOMPARE(h->screen(), QStringLiteral("technicianLogin"));
        QVERIFY(allText().contains(QStringLiteral("bukan kartu teknisi")));
        // Siti's username and PIN: refused too.
        QVERIFY(h->tap(QStringLiteral("technicianWithoutCard")));
        QVERIFY(h->type(QStringLiteral("technicianUsername"), QStringLiteral("siti")));
        QVERIFY(typePin(KioskHarness::kStaffPin));
        QTRY_VERIFY(h->areas->technician.message().contains(QStringLiteral("bukan akun teknisi")));
        QVERIFY(!h->areas->technician.signedIn());
        // Tono's username and PIN open technician mode.
        h->areas->flow.goHome();
        openTechnicianSignIn();
        QVERIFY(h->tap(QStringLiteral("technicianWithoutCard")));
        QVERIFY(h->type(QStringLiteral("technicianUsername"), QStringLiteral("tono")));
        QVERIFY(typePin(KioskHarness::kStaffPin));
        QVERIFY(h->waitForScreen(QStringLiteral("technician")));
        QVERIFY(allText().contains(QStringLiteral("Tono Teknisi")));
        QVERIFY(h->tap(QStringLiteral("technicianSignOut")));
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        QVERIFY(!h->areas->technician.signedIn());
        // Tono cannot open the staff desk with his username, and his card on the welcome screen leads to technician mode.
        longPress(QStringLiteral("officeName"));
        QVERIFY(h->waitForScreen(QStringLiteral("staffLogin")));
        QVERIFY(h->type(QStringLiteral("staffUsername"), QStringLiteral("tono")));
        QVERIFY(typePin(KioskHarness::kStaffPin));
        QTRY_VERIFY(h->areas->staffLogin.message().contains(QStringLiteral("Akun teknisi")));
        QVERIFY(!h->areas->staffLogin.desk());
        h->areas->flow.goHome();
        h->scan(KioskHarness::kTechnicianCard);
        QVERIFY(h->waitForScreen(QStringLiteral("technicianLogin")));
        QCOMPARE(h->areas->technician.cardHolder(), QStringLiteral("Tono Teknisi"));
        // A wrong PIN is refused like the staff's.
        QVERIFY(typePin(QStringLiteral("000000")));
        QTRY_VERIFY(h->areas->technician.message().contains(QStringLiteral("PIN salah")));
        QCOMPARE(h->screen(), QStringLiteral("technicianLogin"));
    }

    void devicesPanel()
    {
        h->letterPrinter->setState(devices::DeviceState::PaperOut);
        signInTechnician();
        QVERIFY(h->tap(QStringLiteral("technicianTabDevices")));
        QQuickItem *panel = h->waitFor(QStringLiteral("technicianDevices"));
        QVERIFY(panel);
        QTRY_VERIFY(allText(panel).contains(QStringLiteral("Printer surat")));
        QTRY_VERIFY(allText(panel).contains(QStringLiteral("kertas"), Qt::CaseInsensitive));
        // Scans are shown with their kind, a NIK masked, a staff card hidden; none is acted on.
        h->scan(kNik);
        QTRY_VERIFY(allText(panel).contains(QStringLiteral("NIK: \"3521********0021\"")));
        QVERIFY(!allText().contains(kNik));
        h->scan(KioskHarness::kStaffCard);
        QTRY_VERIFY(allText(panel).contains(QStringLiteral("kartu petugas: \"(disembunyikan)\"")));
        QCOMPARE(h->screen(), QStringLiteral("technician"));
        QVERIFY(!allText().contains(KioskHarness::kStaffCard));
        QVERIFY(h->areas->technician.scans().first().startsWith(QStringLiteral("Pemindai wedge")));
        // A test print goes to the ticket printer.
        const int before = int(h->ticketPrinter->documents().size());
        QVERIFY(h->tap(QStringLiteral("technicianTestTicket")));
        QTRY_COMPARE(int(h->ticketPrinter->documents().size()), before + 1);
        h->letterPrinter->setState(devices::DeviceState::Ready);
    }

    void cameraPreviewShowsWhatItDecodes()
    {
        // No camera scanner configured: a plain sentence says so and how to configure one.
        signInTechnician();
        QVERIFY(h->tap(QStringLiteral("technicianTabDevices")));
        QVERIFY(h->waitFor(QStringLiteral("cameraPreviewNone")));
        QVERIFY(!h->find(QStringLiteral("cameraPreview")));
        QVERIFY(h->tap(QStringLiteral("technicianSignOut")));
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));

        // A camera scanner replaying a recording: one 1280×720 frame holding a QR of the test NIK.
        QTemporaryDir frames;
        QImage frame(1280, 720, QImage::Format_RGB32);
        frame.fill(Qt::white);
        {
            QPainter painter(&frame);
            const QImage qr = devices::barcode::encodeQr(kNik, 8);
            painter.drawImage((frame.width() - qr.width()) / 2, (frame.height() - qr.height()) / 2, qr);
        }
        QVERIFY(frame.save(frames.filePath(QStringLiteral("0001.png"))));
        devices::CameraScanner camera(std::make_unique<devices::FilePageSource>(frames.path()));
        QObject::connect(&camera, &devices::Scanner::scanned, h->areas.get(),
            [this, &camera](const QString &payload) { h->areas->handleScanFrom(camera.uri(), payload); });
        h->areas->cameraPreview.setCamera(&camera);
        QVERIFY(!camera.isPreviewing()); // nobody watches yet: no frame is converted for a preview

        // The technician holds the code to the camera once the panel is open (on the welcome screen it would be a visit).
        signInTechnician();
        QVERIFY(camera.start());
        QVERIFY(h->tap(QStringLiteral("technicianTabDevices")));
        QQuickItem *panel = h->waitFor(QStringLiteral("technicianDevices"));
        QVERIFY(panel);
        QQuickItem *preview = h->waitFor(QStringLiteral("cameraPreview"), 3000, panel);
        QVERIFY(preview);
        QVERIFY(camera.isPreviewing());
        QTRY_VERIFY(preview->property("hasImage").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(allText(panel).contains(QStringLiteral("Terbaca: NIK: \"3521********0021\" (16 karakter)")), 10000);
        QTRY_VERIFY(allText(panel).contains(QStringLiteral("Terakhir terbaca: pukul ")));
        QTRY_VERIFY_WITH_TIMEOUT(!allText(panel).contains(QStringLiteral("Laju gambar: 0.0 bingkai/detik")), 5000);
        QVERIFY(allText(panel).contains(QStringLiteral("Kamera: camera:") + frames.path()));
        QVERIFY(!allText().contains(kNik));
        // The camera keeps serving scans: its decode shows among the scanners' last scans too.
        QTRY_VERIFY(allText(panel).contains(QStringLiteral("Pemindai camera:")));

        // Another panel: the preview stops, the camera keeps decoding.
        QVERIFY(h->tap(QStringLiteral("technicianTabLink")));
        QTRY_VERIFY(!h->areas->cameraPreview.active());
        QVERIFY(!camera.isPreviewing());
        QVERIFY(h->areas->cameraPreview.preview().isNull());
        const qint64 decodedBefore = camera.decoder()->decodedFrameCount();
        QTRY_VERIFY(camera.decoder()->decodedFrameCount() > decodedBefore);
        QVERIFY(h->tap(QStringLiteral("technicianSignOut")));
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        QVERIFY(!camera.isPreviewing());
        h->areas->cameraPreview.setCamera(nullptr);
    }

    void parkedRetryAndCancel()
    {
        const QStringList parked = parkTwo();
        QCOMPARE(parked.size(), 2);
        const int depth = h->outbox->depth();
        signInTechnician();
        QVERIFY(h->tap(QStringLiteral("technicianTabLink")));
        QQuickItem *panel = h->waitFor(QStringLiteral("technicianLink"));
        QVERIFY(h->waitFor(QStringLiteral("parked_") + parked.at(0), 3000, panel));
        QVERIFY(allText(panel).contains(QStringLiteral("Ditolak server (HTTP 422)")));
        QVERIFY(allText(panel).contains(QStringLiteral("2 ditahan")));
        // The link check names the step that failed: this test's backend has no name in DNS.
        QVERIFY(h->tap(QStringLiteral("technicianCheckLink"), panel));
        QTRY_VERIFY_WITH_TIMEOUT(allText(panel).contains(QStringLiteral("DNS: nama backend.invalid tidak ditemukan")), 20000);
        QVERIFY(h->tap(QStringLiteral("retryParked_") + parked.at(0), panel));
        QTRY_COMPARE(h->outbox->parkedRequests().size(), 1);
        bool due = false;
        for (const auto &d : h->outbox->dueForDelivery())
            due = due || d.registrationNumber == parked.at(0);
        QVERIFY(due);
        QVERIFY(h->tap(QStringLiteral("cancelParked_") + parked.at(1), panel));
        QTRY_VERIFY(h->outbox->parkedRequests().isEmpty());
        // Withdrawn: never sent, not counted as waiting, kept on the kiosk, and journaled with the technician's name.
        QCOMPARE(h->outbox->depth(), depth - 1);
        for (const auto &d : h->outbox->dueForDelivery())
            QVERIFY(d.registrationNumber != parked.at(1));
        QVERIFY(h->outbox->findByRegistrationNumber(parked.at(1)));
        const QStringList journal = h->outbox->technicianJournal();
        QCOMPARE(journal.size(), 2);
        QVERIFY(journal.at(0).contains(QStringLiteral("tono  batalkan  ") + parked.at(1)));
        QVERIFY(journal.at(1).contains(QStringLiteral("tono  kirim-ulang  ") + parked.at(0)));
        QTRY_VERIFY(allText(panel).contains(QStringLiteral("batalkan  ") + parked.at(1)));
        // Sending again or withdrawing a request that is not parked changes nothing.
        h->areas->technician.cancelParked(parked.at(0));
        QVERIFY(h->areas->technician.message().contains(QStringLiteral("tidak tertahan")));
        QCOMPARE(h->outbox->technicianJournal().size(), 2);
    }

    /// One fleet alert as the backend's heartbeat answer lists it (the sync layer stores it so), and one of the kiosk's own.
    void seedAlerts()
    {
        const kiosk::AlertBook book(h->outbox->store());
        QVERIFY(book.replaceFleetAlerts({{41, QStringLiteral("paper_out"), QStringLiteral("Kertas printer habis: printer tiket"),
            QDateTime::currentDateTimeUtc().addSecs(-3600)}}));
        QVERIFY(h->outbox->raiseTechnicianAlert(QStringLiteral("Surat 3521112004-0007 gagal diperiksa segelnya.")));
    }

    // Alerts tab: the backend's fleet alert and the kiosk's own, each gone at once after "Selesai ditangani", journaled
    // with the technician; the fleet alert waits for the sync service to deliver it (tst_fleet delivers it for real).
    void alertsAcknowledged()
    {
        seedAlerts();
        signInTechnician();
        QVERIFY(h->tap(QStringLiteral("technicianTabAlerts")));
        QQuickItem *panel = h->waitFor(QStringLiteral("technicianAlerts"));
        QVERIFY(panel);
        QTRY_VERIFY(allText(panel).contains(QStringLiteral("Kertas printer habis: printer tiket (dari kecamatan, sejak ")));
        QVERIFY(allText(panel).contains(QStringLiteral("gagal diperiksa segelnya. (anjungan ini, sejak ")));
        QVERIFY(h->tap(QStringLiteral("acknowledgeAlert_armada:41"), panel));
        QTRY_VERIFY(!allText(panel).contains(QStringLiteral("Kertas printer habis")));
        QVERIFY(h->areas->technician.message().contains(QStringLiteral("Kecamatan diberi tahu saat sambungan tersedia")));
        const QList<kiosk::PendingAcknowledgement> pending = kiosk::AlertBook(h->outbox->store()).pendingAcknowledgements();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().alertId, qint64(41));
        QCOMPARE(pending.first().technician, QStringLiteral("tono"));
        const QString local = h->areas->technician.openAlerts().first().toMap().value(QStringLiteral("key")).toString();
        QVERIFY(h->tap(QStringLiteral("acknowledgeAlert_") + local, panel));
        QTRY_VERIFY(h->waitFor(QStringLiteral("technicianNoAlerts"), 3000, panel));
        QVERIFY(h->areas->technician.openAlerts().isEmpty());
        // The kiosk's own alert has nobody to tell; the record stays for the diagnostics bundle.
        QCOMPARE(kiosk::AlertBook(h->outbox->store()).pendingAcknowledgements().size(), 1);
        QVERIFY(!h->outbox->technicianAlerts().isEmpty());
        const QStringList journal = h->outbox->technicianJournal();
        QVERIFY(journal.at(0).contains(QStringLiteral("tono  selesai-ditangani  lokal:")));
        QVERIFY(journal.at(1).contains(QStringLiteral("tono  selesai-ditangani  armada:41 Kertas printer habis")));
        // The backend still lists it until the acknowledgement arrives: it does not show again meanwhile.
        seedAlerts();
        h->areas->technician.refresh();
        for (const QVariant &a : h->areas->technician.openAlerts())
            QVERIFY(a.toMap().value(QStringLiteral("key")).toString() != QStringLiteral("armada:41"));
    }

    void systemPanelWithMaskedLog()
    {
        qCInfo(lcTest).noquote() << "uji: NIK" << kNik << "pemohon:" << kName;
        signInTechnician();
        QVERIFY(h->tap(QStringLiteral("technicianTabSystem")));
        QQuickItem *panel = h->waitFor(QStringLiteral("technicianSystem"));
        QVERIFY(panel);
        const QString text = allText(panel);
        for (const QString &expected : {QStringLiteral("Disk: "), QStringLiteral("Memori: "), QStringLiteral("Menyala sejak: "),
                 QStringLiteral("Versi aplikasi: uji"), QStringLiteral("Versi image: ")})
            QVERIFY2(text.contains(expected), qPrintable(expected));
        QVERIFY(text.contains(QStringLiteral("3521********0021")));
        QVERIFY(text.contains(QStringLiteral("S*** A*****")));
        QVERIFY(!text.contains(kNik));
        QVERIFY(!text.contains(kName));
        QVERIFY(h->areas->technician.logLines().size() <= 200);
    }

    void bundleWithoutPersonalData()
    {
        qCInfo(lcTest).noquote() << "uji: NIK" << kNik << "{\"name\":\"" + kName + "\"}";
        QVERIFY(!parkTwo().isEmpty());
        signInTechnician();
        QVERIFY(h->tap(QStringLiteral("technicianTabDevices")));
        h->scan(kNik);
        QTRY_VERIFY(!h->areas->technician.scans().isEmpty());
        QVERIFY(h->tap(QStringLiteral("technicianTabDiagnostics")));
        QVERIFY(h->tap(QStringLiteral("technicianExport")));
        QTRY_VERIFY(h->areas->technician.message().contains(QStringLiteral("Berkas diagnostik tersimpan")));
        QStringList files;
        QString everything;
        for (QDirIterator it(h->technicianStick, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            files << it.fileName();
            everything += QString::fromUtf8(f.readAll());
        }
        for (const char *name : {"konfigurasi.txt", "sistem.txt", "perangkat.txt", "koneksi.txt", "peringatan.txt", "log.txt"})
            QVERIFY2(files.contains(QLatin1String(name)), name);
        QVERIFY(everything.contains(QStringLiteral("3521********0021")));
        QVERIFY(everything.contains(QStringLiteral("Versi aplikasi: uji")));
        QVERIFY(everything.contains(QStringLiteral("Ditolak server (HTTP 422)")));
        QVERIFY(everything.contains(QStringLiteral("url = https://backend.invalid/api/v1")));
        QVERIFY(everything.contains(QStringLiteral("clientKey = (disembunyikan)")));
        QVERIFY(!everything.contains(QStringLiteral("rahasia")));
        QVERIFY(!everything.contains(kNik));
        QVERIFY(!everything.contains(kName));
        QVERIFY(!everything.contains(QStringLiteral("Siti")));
    }

    void exportWithoutStick()
    {
        signInTechnician();
        QVERIFY(QDir(h->technicianStick).removeRecursively());
        QVERIFY(h->tap(QStringLiteral("technicianTabDiagnostics")));
        QVERIFY(h->tap(QStringLiteral("technicianExport")));
        QTRY_VERIFY(h->areas->technician.message().contains(QStringLiteral("Pasang flashdisk")));
        QVERIFY(QDir().mkpath(h->technicianStick));
    }

    // The stick helper's side played by the test: the request read from the spool, the answer written there.
    QStringList helperRequest()
    {
        QFile request(QDir(h->stickSpool).filePath(QStringLiteral("request")));
        if (!QTest::qWaitFor([&] { return request.exists(); }, 5000) || !request.open(QIODevice::ReadOnly))
            return {};
        const QStringList words = QString::fromLatin1(request.readAll()).simplified().split(QLatin1Char(' '));
        request.remove();
        return words;
    }
    bool helperAnswer(const QString &id, const QString &answer)
    {
        QFile result(QDir(h->stickSpool).filePath(QStringLiteral("result")));
        return result.open(QIODevice::WriteOnly) && result.write((id + QLatin1Char(' ') + answer + QLatin1Char('\n')).toLatin1()) > 0;
    }

    void exportThroughStickHelper()
    {
        QVERIFY(QDir().mkpath(h->stickSpool));
        signInTechnician();
        QVERIFY(h->tap(QStringLiteral("technicianTabDiagnostics")));
        // Two sticks: the helper refuses to choose; nothing is written.
        QVERIFY(h->tap(QStringLiteral("technicianExport")));
        QStringList request = helperRequest();
        QCOMPARE(request.value(0), QStringLiteral("mount"));
        QVERIFY(helperAnswer(request.value(1), QStringLiteral("error two-sticks")));
        QTRY_VERIFY(allText().contains(QStringLiteral("lebih dari satu flashdisk")));
        QVERIFY(QDir(h->technicianStick).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
        // A stale answer to an earlier request is not taken for this one's.
        QVERIFY(h->tap(QStringLiteral("technicianExport")));
        request = helperRequest();
        QCOMPARE(request.value(0), QStringLiteral("mount"));
        QVERIFY(helperAnswer(QStringLiteral("0"), QStringLiteral("ok")));
        QTest::qWait(3 * kiosk::StickMount::kPollMs);
        QVERIFY(QDir(h->technicianStick).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
        // Mounted (the folder stands in for the stick): the bundle is written, then the stick unmounted.
        QVERIFY(helperAnswer(request.value(1), QStringLiteral("ok")));
        request = helperRequest();
        QCOMPARE(request.value(0), QStringLiteral("unmount"));
        QCOMPARE(QDir(h->technicianStick).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
        QVERIFY(allText().contains(QStringLiteral("melepas flashdisk")));
        QVERIFY(helperAnswer(request.value(1), QStringLiteral("ok")));
        QTRY_VERIFY(allText().contains(QStringLiteral("aman dicabut sekarang")));
        // A write-protected stick: said so.
        QVERIFY(h->tap(QStringLiteral("technicianExport")));
        request = helperRequest();
        QVERIFY(helperAnswer(request.value(1), QStringLiteral("error read-only")));
        QTRY_VERIFY(allText().contains(QStringLiteral("tidak bisa ditulisi")));
        QVERIFY(QDir(h->stickSpool).removeRecursively());
        QVERIFY(QDir(h->technicianStick).removeRecursively());
        QVERIFY(QDir().mkpath(h->technicianStick));
    }

    // Every panel at the kiosk's sizes in both languages: texts inside the window and at least 20 px; screenshots
    // beside tst_screens' own.
    void panelsFitEverySize_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("language");
        for (const QSize size : {QSize(1920, 1080), QSize(1280, 800), QSize(1080, 1920)})
            for (const QString &language : {QStringLiteral("id"), QStringLiteral("en")})
                QTest::newRow(qPrintable(QStringLiteral("%1x%2-%3").arg(size.width()).arg(size.height()).arg(language)))
                    << size << language;
    }
    void panelsFitEverySize()
    {
        QFETCH(QSize, size);
        QFETCH(QString, language);
        h->resize(size);
        if (h->outbox->parkedRequests().isEmpty())
            QCOMPARE(parkTwo().size(), 2);
        if (h->areas->technician.openAlerts().isEmpty())
            seedAlerts();
        signInTechnician();
        h->areas->flow.setLanguage(language);
        h->scan(kNik);
        const QString dir = QDir(qEnvironmentVariable("KIOSK_BINARY_DIR"))
                                .filePath(QStringLiteral("screenshots/%1x%2").arg(size.width()).arg(size.height()));
        QDir().mkpath(dir);
        // The last is the setup screen that re-enrollment opens from the Koneksi panel.
        for (const QString &tab : {QStringLiteral("Devices"), QStringLiteral("Link"), QStringLiteral("Alerts"), QStringLiteral("System"),
                 QStringLiteral("Diagnostics"), QStringLiteral("Reenroll")}) {
            if (tab == QLatin1String("Reenroll")) {
                QVERIFY(h->tap(QStringLiteral("technicianTabLink")));
                QVERIFY(h->tap(QStringLiteral("technicianReenroll")));
                QVERIFY(h->waitFor(QStringLiteral("cancelReenrollButton")));
            } else {
                QVERIFY(h->tap(QStringLiteral("technicianTab") + tab));
            }
            QTest::qWait(60);
            QVERIFY(h->window->grabWindow().save(QDir(dir).filePath(QStringLiteral("%1-technician-%2.png").arg(language, tab.toLower()))));
            for (QQuickItem *t : h->visibleTexts()) {
                const QString text = t->property("text").toString();
                if (text.trimmed().isEmpty() || t->width() <= 0)
                    continue;
                const QRectF r = t->mapRectToScene(QRectF(0, 0, t->width(), t->height()));
                QVERIFY2(r.left() >= -1 && r.right() <= size.width() + 1,
                    qPrintable(QStringLiteral("'%1' leaves the window").arg(text.left(60))));
                if (t->inherits("QQuickText"))
                    QVERIFY2(t->property("font").value<QFont>().pixelSize() >= 20,
                        qPrintable(QStringLiteral("'%1' is too small").arg(text.left(60))));
            }
        }
        h->areas->firstBoot.cancel();
        QTRY_VERIFY(!h->areas->firstBoot.active());
        h->areas->flow.goHome();
        h->resize({1280, 800});
    }
};

QTEST_MAIN(TestTechnician)
#include "tst_technician.moc"
