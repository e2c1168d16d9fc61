// A complaint's whole way (issue #13): filed on the kiosk's welcome screen, its slip printed, delivered to a real
// backend over mutual TLS exactly once (two sync rounds, one row), answered as the console does (kasi pelayanan of
// the kecamatan), and the answer shown when the slip's QR is scanned (LiveLink asks the backend now).
#include "barcode.h"
#include "complaints.h"
#include "escpos.h"
#include "inprocesskioskapi.h"
#include "kioskharness.h"
#include "livelink.h"
#include "syncservice.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <memory>

class TestComplaintRoundTrip : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    testsupport::InProcessKioskApi m_api;

    [[nodiscard]] serverlink::TlsPolicy tls() const { return m_api.tls(); }
    [[nodiscard]] QString apiUrl() const { return m_api.url(); }

    /// One sync round on its own thread over the harness's store; the problem it reported.
    QString syncRound(KioskHarness &h) { return m_api.syncRound(h.store, h.key, m_dir.filePath(QStringLiteral("kiosk"))); }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed: the test PKI cannot be made");
        QVERIFY(m_dir.isValid());
        const QString problem = m_api.start(m_dir.path());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("kiosk"))));
    }

    void cleanupTestCase() { m_api.stop(); }

    void complaintIsDeliveredOnceAndItsAnswerShown()
    {
        kiosk::LiveLink live(apiUrl(), tls());
        KioskHarness h(60000, 75000, 180000, m_dir.filePath(QStringLiteral("kiosk")), {}, &live);
        QVERIFY(h.load());

        // Filed on the kiosk with NIK and phone.
        QVERIFY(h.tap(QStringLiteral("openComplaint")));
        QVERIFY(h.waitForScreen(QStringLiteral("complaint")));
        QVERIFY(h.tap(QStringLiteral("category-biaya")));
        QVERIFY(h.type(QStringLiteral("complaintText"), QStringLiteral("Diminta uang Rp50.000 untuk surat domisili.")));
        QVERIFY(h.type(QStringLiteral("complaintNik"), QStringLiteral("3521115205010021")));
        QVERIFY(h.type(QStringLiteral("complaintPhone"), QStringLiteral("081234567890")));
        const int slipsBefore = int(h.ticketPrinter->documents().size());
        QVERIFY(h.tap(QStringLiteral("sendComplaint")));
        QVERIFY(h.waitFor(QStringLiteral("complaintNumber")));
        const QString number = h.areas->complaint.filedNumber();
        QTRY_COMPARE(int(h.ticketPrinter->documents().size()), slipsBefore + 1);
        const auto qr = devices::barcode::decode(devices::escpos::rasterToImage(h.ticketPrinter->documents().last()));
        QVERIFY(qr);

        // Scanned before the sync: the backend does not know it yet, and says so.
        h.areas->flow.goHome();
        h.scan(*qr);
        QVERIFY(h.waitForScreen(QStringLiteral("complaintAnswer")));
        QTRY_COMPARE_WITH_TIMEOUT(h.areas->complaint.answer().state, kiosk::ComplaintAnswerView::NotFound, 15000);

        // Two sync rounds: delivered once, the sealed body dropped on the kiosk.
        QCOMPARE(syncRound(h), QString());
        QCOMPARE(syncRound(h), QString());
        QCOMPARE(h.complaints->pending(), 0);
        const auto stored = m_api.backend->store->complaints();
        QVERIFY(stored);
        QCOMPARE(int(stored->size()), 1);
        QCOMPARE(stored->first().number, number);
        QCOMPARE(stored->first().nik, QStringLiteral("3521115205010021"));
        QCOMPARE(stored->first().phone, QStringLiteral("+6281234567890"));
        QCOMPARE(stored->first().category, QStringLiteral("biaya"));

        // Not answered yet: the status says so.
        h.areas->flow.goHome();
        h.scan(*qr);
        QTRY_COMPARE_WITH_TIMEOUT(h.areas->complaint.answer().state, kiosk::ComplaintAnswerView::Found, 15000);
        QCOMPARE(h.areas->complaint.answer().status, QStringLiteral("NEW"));
        QVERIFY(h.waitFor(QStringLiteral("answerText")));
        QVERIFY(h.find(QStringLiteral("answerText"))->property("text").toString().contains(QStringLiteral("Belum ada jawaban")));

        // The kasi pelayanan answers (as on /pengaduan); the slip shows it, and the phone gets one SMS.
        const auto desa = m_api.backend->offices.desa(stored->first().desaCode);
        QVERIFY(desa);
        backend::Complaints complaints(*m_api.backend->store, m_api.backend->offices);
        const QString answer = QStringLiteral("Pungutan itu tidak sah; petugas sudah ditegur dan uang dikembalikan.");
        QVERIFY(complaints.followUp({{backend::Role::KasiPelayanan, desa->kecamatanCode, {}}}, QStringLiteral("Kasi Pelayanan"), number,
            serverlink::ComplaintStatus::Done, answer));
        h.areas->flow.goHome();
        h.scan(*qr);
        QTRY_COMPARE_WITH_TIMEOUT(h.areas->complaint.answer().state, kiosk::ComplaintAnswerView::Found, 15000);
        QCOMPARE(h.areas->complaint.answer().status, QStringLiteral("DONE"));
        QCOMPARE(h.areas->complaint.answer().answer, answer);
        QVERIFY(h.waitFor(QStringLiteral("answerStatus")));
        QTRY_VERIFY(h.find(QStringLiteral("answerText"))->property("text").toString().contains(QStringLiteral("Pungutan itu tidak sah")));
        const auto sms = m_api.backend->store->notifications();
        QVERIFY(sms);
        QCOMPARE(std::count_if(sms->cbegin(), sms->cend(),
                     [](const backend::NotificationRecord &n) { return n.kind == backend::NotificationKind::ComplaintAnswered; }),
            1);

        // A slip whose token is not this complaint's reads nothing.
        h.areas->flow.goHome();
        h.scan(serverlink::complaintqr::encode(number, QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA")));
        QTRY_COMPARE_WITH_TIMEOUT(h.areas->complaint.answer().state, kiosk::ComplaintAnswerView::NotFound, 15000);
        h.areas->flow.goHome();
    }
};

QTEST_MAIN(TestComplaintRoundTrip)
#include "tst_complaint_roundtrip.moc"
