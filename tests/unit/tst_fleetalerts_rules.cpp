// The fleet alert rules against an independent table: which heartbeat shows which fault, at the policy's
// thresholds and one step either side; who may see a kiosk's alerts.
#include "fleetalerts.h"
#include "offices.h"

#include <QtTest>

using namespace backend;

Q_DECLARE_METATYPE(backend::KioskHeartbeat)
Q_DECLARE_METATYPE(backend::Role)

namespace {

const QDateTime kNow(QDate(2026, 12, 7), QTime(10, 0), Qt::UTC);

/// A kiosk in good health, heard of just now.
KioskHeartbeat healthy()
{
    KioskHeartbeat b;
    b.kioskId = QStringLiteral("KIOSK-0001");
    b.desaCode = QStringLiteral("3521112004");
    b.lastSeen = kNow;
    b.printerState = QStringLiteral("ready");
    b.paperState = QStringLiteral("ok");
    b.scannerState = QStringLiteral("ready");
    b.letterPrinterState = QStringLiteral("ready");
    b.freeDiskMb = 20000;
    b.certNotAfter = kNow.addDays(400);
    return b;
}

} // namespace

class TestFleetAlertRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void conditions_data()
    {
        QTest::addColumn<KioskHeartbeat>("beat");
        QTest::addColumn<QStringList>("expected");
        const auto with = [](auto change) {
            KioskHeartbeat b = healthy();
            change(b);
            return b;
        };
        using B = KioskHeartbeat;
        QTest::newRow("healthy") << healthy() << QStringList {};
        QTest::newRow("silent at 600 s") << with([](B &b) { b.lastSeen = kNow.addSecs(-600); }) << QStringList {};
        QTest::newRow("silent at 601 s") << with([](B &b) { b.lastSeen = kNow.addSecs(-601); }) << QStringList {"silent"};
        QTest::newRow("ticket paper out") << with([](B &b) { b.printerState = "paper-out", b.paperState = "out"; })
                                          << QStringList {"paper_out"};
        QTest::newRow("paper word alone") << with([](B &b) { b.paperState = "out"; }) << QStringList {"paper_out"};
        QTest::newRow("ticket paper low") << with([](B &b) { b.printerState = "paper-low", b.paperState = "low"; })
                                          << QStringList {"paper_low"};
        QTest::newRow("letter paper low") << with([](B &b) { b.letterPrinterState = "paper-low"; }) << QStringList {"paper_low"};
        QTest::newRow("raw media-low under a door open") << with([](B &b) {
            b.printerState = "door-open";
            b.printers = {{"ticket", 5, {"door-open-error", "media-low-report"}}};
        }) << QStringList {"paper_low"};
        QTest::newRow("raw media-empty") << with([](B &b) {
            b.printers = {{"letter", 5, {"media-empty-error"}}};
        }) << QStringList {"paper_out"};
        QTest::newRow("raw media-needed is out") << with([](B &b) {
            b.printers = {{"ticket", 4, {"media-needed"}}};
        }) << QStringList {"paper_out"};
        QTest::newRow("out and low: out only") << with([](B &b) {
            b.printerState = "paper-out";
            b.printers = {{"ticket", 5, {"media-empty-error", "media-low-report"}}};
        }) << QStringList {"paper_out"};
        QTest::newRow("ticket out, letter low") << with([](B &b) {
            b.paperState = "out";
            b.printers = {{"letter", 3, {"media-low-report"}}};
        }) << QStringList {"paper_out", "paper_low"};
        QTest::newRow("other raw reasons are no paper alert") << with([](B &b) {
            b.printers = {{"ticket", 3, {"toner-low-report", "com.vendor-fuser-warm"}}};
        }) << QStringList {};
        QTest::newRow("letter printer paper out") << with([](B &b) { b.letterPrinterState = "paper-out"; }) << QStringList {"paper_out"};
        QTest::newRow("ticket printer offline") << with([](B &b) { b.printerState = "offline"; }) << QStringList {"printer_offline"};
        QTest::newRow("letter printer stopped") << with([](B &b) { b.letterPrinterState = "stopped"; }) << QStringList {"printer_offline"};
        QTest::newRow("printer unknown is no alert") << with([](B &b) { b.printerState = "unknown"; }) << QStringList {};
        QTest::newRow("no scanner") << with([](B &b) { b.scannerState = "none"; }) << QStringList {"scanner_gone"};
        QTest::newRow("scanner waits for its device") << with([](B &b) { b.scannerState = "offline"; }) << QStringList {"scanner_gone"};
        QTest::newRow("one of two scanners unplugged") << with([](B &b) {
            b.scanners = {{"usb:0581:0115", serverlink::HealthState::Offline}, {"camera:0", serverlink::HealthState::Ready}};
        }) << QStringList {"scanner_gone"};
        QTest::newRow("both scanners ready") << with([](B &b) {
            b.scanners = {{"usb:0581:0115", serverlink::HealthState::Ready}, {"camera:0", serverlink::HealthState::Ready}};
        }) << QStringList {};
        QTest::newRow("disk 499 MB") << with([](B &b) { b.freeDiskMb = 499; }) << QStringList {"disk_low"};
        QTest::newRow("disk 500 MB") << with([](B &b) { b.freeDiskMb = 500; }) << QStringList {};
        QTest::newRow("disk unknown") << with([](B &b) { b.freeDiskMb = -1; }) << QStringList {};
        QTest::newRow("certificate 29 days") << with([](B &b) { b.certNotAfter = kNow.addDays(29); })
                                             << QStringList {"certificate_expiring"};
        QTest::newRow("certificate 30 days") << with([](B &b) { b.certNotAfter = kNow.addDays(30); }) << QStringList {};
        QTest::newRow("certificate expired") << with([](B &b) { b.certNotAfter = kNow.addDays(-1); })
                                             << QStringList {"certificate_expiring"};
        QTest::newRow("certificate unknown") << with([](B &b) { b.certNotAfter = {}; }) << QStringList {};
        QTest::newRow("outbox stalled 60 min") << with([](B &b) {
            b.outboxDepth = 4;
            b.outboxStalledSince = kNow.addSecs(-3600);
        }) << QStringList {"outbox_stalled"};
        QTest::newRow("outbox stalled 59 min") << with([](B &b) {
            b.outboxDepth = 4;
            b.outboxStalledSince = kNow.addSecs(-3540);
        }) << QStringList {};
        QTest::newRow("everything at once") << with([](B &b) {
            b.lastSeen = kNow.addSecs(-3600);
            b.printerState = "paper-out";
            b.letterPrinterState = "offline";
            b.scannerState = "none";
            b.freeDiskMb = 10;
            b.certNotAfter = kNow.addDays(3);
            b.outboxDepth = 9;
            b.outboxStalledSince = kNow.addDays(-1);
            b.printers = {{"letter", 3, {"media-low-warning"}}};
        })
                                            << QStringList {"silent", "paper_out", "paper_low", "printer_offline", "scanner_gone",
                                                   "disk_low", "certificate_expiring", "outbox_stalled"};
    }

    void conditions()
    {
        QFETCH(KioskHeartbeat, beat);
        QFETCH(QStringList, expected);
        QStringList got;
        for (const AlertCondition &c : fleetalerts::conditionsOf(beat, FleetAlertPolicy {}, kNow, fleetalerts::allKinds())) {
            got.append(c.kind);
            QVERIFY2(!c.detail.isEmpty(), qPrintable(c.kind));
            QVERIFY2(c.smsText.size() <= 160, qPrintable(c.smsText));
            QVERIFY(c.smsText.contains(beat.kioskId));
        }
        QCOMPARE(got, expected);
    }

    void wordsRoundTrip()
    {
        QCOMPARE(fleetalerts::allKinds().size(), 8);
        for (AlertKind k : fleetalerts::allKinds()) {
            QCOMPARE(fleetalerts::kindFromWire(fleetalerts::kindToWire(k)), k);
            QVERIFY(!fleetalerts::kindLabel(k).isEmpty());
        }
        QVERIFY(!fleetalerts::kindFromWire(QStringLiteral("kertas")));
    }

    void outboxStallClock()
    {
        KioskHeartbeat previous = healthy();
        previous.lastSeen = kNow.addSecs(-60);
        previous.outboxDepth = 3;
        previous.outboxStalledSince = kNow.addSecs(-600);
        // Growing or holding keeps the start; shrinking restarts it; empty has none; no previous starts now.
        QCOMPARE(fleetalerts::outboxStalledSince(previous, 3, kNow), kNow.addSecs(-600));
        QCOMPARE(fleetalerts::outboxStalledSince(previous, 5, kNow), kNow.addSecs(-600));
        QCOMPARE(fleetalerts::outboxStalledSince(previous, 2, kNow), kNow);
        QVERIFY(!fleetalerts::outboxStalledSince(previous, 0, kNow).isValid());
        QCOMPARE(fleetalerts::outboxStalledSince(std::nullopt, 1, kNow), kNow);
        previous.outboxStalledSince = {};
        QCOMPARE(fleetalerts::outboxStalledSince(previous, 3, kNow), previous.lastSeen);
    }

    void whoLooksAfterWhichKiosks_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<QString>("office");
        QTest::addColumn<bool>("sees");
        QTest::newRow("teknisi of the kecamatan") << Role::Teknisi << QStringLiteral("352111") << true;
        QTest::newRow("teknisi of another kecamatan") << Role::Teknisi << QStringLiteral("352112") << false;
        QTest::newRow("camat") << Role::Camat << QStringLiteral("352111") << true;
        QTest::newRow("kasi pelayanan") << Role::KasiPelayanan << QStringLiteral("352111") << true;
        QTest::newRow("admin kecamatan") << Role::AdminKecamatan << QStringLiteral("352111") << true;
        QTest::newRow("super admin") << Role::SuperAdmin << QStringLiteral("*") << true;
        QTest::newRow("kepala desa") << Role::KepalaDesa << QStringLiteral("3521112004") << false;
        QTest::newRow("kecamatan front office") << Role::KecamatanFrontOffice << QStringLiteral("352111") << false;
    }

    void whoLooksAfterWhichKiosks()
    {
        QFETCH(Role, role);
        QFETCH(QString, office);
        QFETCH(bool, sees);
        const OfficeDirectory offices;
        QCOMPARE(fleetalerts::looksAfterKiosksOf({Capacity {role, office, {}}}, offices, QStringLiteral("3521112004")), sees);
    }

    void teknisiIsAKecamatanRole()
    {
        QCOMPARE(roleFromWire(QStringLiteral("teknisi")), Role::Teknisi);
        QCOMPARE(roleLabel(Role::Teknisi), QStringLiteral("Teknisi"));
        QVERIFY(!isDesaRole(Role::Teknisi));
        QVERIFY(allRoles().contains(Role::Teknisi));
    }
};

QTEST_GUILESS_MAIN(TestFleetAlertRules)
#include "tst_fleetalerts_rules.moc"
