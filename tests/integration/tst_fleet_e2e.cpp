// Fleet alerts end to end (#15), every part a real process or device: the anjungan executable (offscreen) with a
// HID POS scanner emulated by umockdev (tests/tools/emulatedhidpos.h: its sysfs, device node and USB ioctls come
// from this process) and a ticket printer served by ippeveprinter behind a private cupsd (scripts/private-cupsd
// --ippeve); `kecamatan-backend serve` over mutual TLS with a teknisi of the kiosk's kecamatan; a local SMS gateway.
// The scanner is unplugged and the printer runs out of paper → the kiosk's heartbeat → two alerts → one SMS each;
// both come back → the alerts clear, no second SMS; the kiosk stops → a silent alert after N seconds → one SMS.
#include "../unit/smsgatewayreceiver.h"
#include "backendstore.h"
#include "emulatedhidpos.h"
#include "testbackend.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <cstdlib>

using namespace backend;

namespace {

using testsupport::plainEnvironment;
using testsupport::runOk;
constexpr int kTimeoutMs = 30000;
const QString kDesa = QStringLiteral("3521112004");
const QString kTeknisiPhone = QStringLiteral("+6281234500001");

/// umockdev's preload library, kept for the kiosk alone: the backend, cupsd and the tools run without it.
QByteArray g_preload;

} // namespace

class TestFleetEndToEnd : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SmsGatewayReceiver m_gateway;
    QProcess m_backend;
    QProcess m_kiosk;
    std::unique_ptr<testsupport::EmulatedHidPosDevice> m_scanner;
    std::unique_ptr<BackendStore> m_store;
    QString m_cupsServer;
    int m_port = 0;

    QString path(const QString &rel) const { return m_dir.filePath(rel); }

    /// The alerts of the test kiosk of kind `kind` (newest first).
    QList<KioskAlertRecord> alerts(const QString &kind) const
    {
        QList<KioskAlertRecord> out;
        if (const auto all = m_store->kioskAlerts())
            for (const KioskAlertRecord &a : all.value())
                if (a.kind == kind)
                    out.append(a);
        return out;
    }

    bool open(const QString &kind) const
    {
        const auto list = alerts(kind);
        return !list.isEmpty() && list.first().clearedAt.isNull();
    }

    int smsTo(const QString &label) const
    {
        int n = 0;
        for (const QJsonObject &m : m_gateway.delivered())
            n += m.value(QStringLiteral("to")).toString() == kTeknisiPhone && m.value(QStringLiteral("text")).toString().contains(label);
        return n;
    }

    std::optional<KioskHeartbeat> latestBeat() const
    {
        const auto beat = m_store->latestHeartbeat(QStringLiteral("KIOSK-0001"));
        return beat ? beat.value() : std::nullopt;
    }

    /// The kiosk's latest heartbeat shows the USB scanner in `state` and the ticket printer with (or without) a
    /// media-empty reason.
    bool beatShows(serverlink::HealthState scanner, bool paperOut) const
    {
        const auto beat = latestBeat();
        if (!beat || beat->scanners.size() != 1 || beat->scanners.first().state != scanner)
            return false;
        for (const serverlink::PrinterReport &p : beat->printers)
            if (p.role == QLatin1String("ticket"))
                return std::any_of(p.reasons.cbegin(), p.reasons.cend(), [](const QString &r) {
                    return r.startsWith(QLatin1String("media-empty"));
                }) == paperOut;
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A missing peer makes the test SKIP (77), never pass.
        for (const char *tool : {"openssl", "ippeveprinter", "lp", "dbus-daemon", "cupsd"})
            if (QStandardPaths::findExecutable(QLatin1String(tool), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")}).isEmpty()) {
                std::printf("SKIP: %s is not installed (scripts/setup-deps)\n", tool);
                std::exit(77);
            }
        QVERIFY(m_dir.isValid());
        m_scanner = std::make_unique<testsupport::EmulatedHidPosDevice>();
        QVERIFY2(m_scanner->isValid(), qPrintable(m_scanner->error()));

        QVERIFY(runOk(testsupport::source(QStringLiteral("scripts/make-test-pki")), {path(QStringLiteral("pki"))}) != "<failed>");
        QVERIFY(m_gateway.listen());
        // A short N for the silent alert; the backend looks for silent kiosks five times a second.
        QVERIFY(QDir().mkpath(path(QStringLiteral("backend"))));
        QFile ini(path(QStringLiteral("backend/notifications.ini")));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write(QStringLiteral(
            "[sms]\ntransport=http\nurl=%1\nallow_plain_http=true\n[outbox]\npoll_interval_ms=100\nretry_base_ms=100\nretry_cap_ms=400\n"
            "[armada]\nsilent_after_seconds=4\nscan_interval_ms=200\n")
                      .arg(m_gateway.url())
                      .toUtf8());
        ini.close();
        const QString backendBinary = testsupport::binary(QStringLiteral("backend/kecamatan-backend"));
        QVERIFY(runOk(backendBinary,
                    {QStringLiteral("officer"), QStringLiteral("add"), QStringLiteral("--data"), path(QStringLiteral("backend")),
                        QStringLiteral("--username"), QStringLiteral("teknisi"), QStringLiteral("--role"), QStringLiteral("teknisi"),
                        QStringLiteral("--office"), kDesa.left(6), QStringLiteral("--phone"), kTeknisiPhone},
                    "teknisi-sandi-panjang\n")
            != "<failed>");
        QVERIFY(runOk(backendBinary,
                    {QStringLiteral("kiosk"), QStringLiteral("register"), QStringLiteral("--data"), path(QStringLiteral("backend")),
                        QStringLiteral("--cert"), path(QStringLiteral("pki/kiosk.crt"))})
            != "<failed>");
        m_backend.setProcessEnvironment(plainEnvironment());
        m_port = testsupport::startBackend(m_backend, path(QStringLiteral("backend")), path(QStringLiteral("pki")));
        QVERIFY(m_port > 0);
        auto store = BackendStore::open(path(QStringLiteral("backend/backend.sqlite")));
        QVERIFY(store);
        m_store = std::move(store.value());

        const QByteArray cups = runOk(testsupport::source(QStringLiteral("scripts/private-cupsd")),
            {QStringLiteral("start"), path(QStringLiteral("cups")), QStringLiteral("--ippeve")});
        QVERIFY2(cups.startsWith("CUPS_SERVER="), cups.constData());
        m_cupsServer = QString::fromLatin1(cups.mid(12).trimmed());

        // The ticket printer is the ippeveprinter that runs out of paper; the USB scanner is the emulated one.
        QVERIFY(QDir().mkpath(path(QStringLiteral("kiosk"))));
        QFile config(path(QStringLiteral("kiosk/anjungan.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("[kiosk]\nid=KIOSK-0001\ndesaCode=%1\nofficeName=Kantor Desa Pitu\ndataDir=data\n"
                                    "scanners=usb:%2:%3\n"
                                    "[server]\nurl=https://127.0.0.1:%4/api/v1\ncaFile=../pki/ca.crt\nclientCert=../pki/kiosk.crt\n"
                                    "clientKey=../pki/kiosk.key\nsyncIntervalMs=60000\nheartbeatIntervalMs=1000\n"
                                    "[printers]\ncupsServer=%5\nticket=cups:paper\nletter=cups:letter\n"
                                    "[display]\nscreen=0\n")
                         .arg(kDesa)
                         .arg(testsupport::kVendor, 4, 16, QLatin1Char('0'))
                         .arg(testsupport::kProduct, 4, 16, QLatin1Char('0'))
                         .arg(m_port)
                         .arg(m_cupsServer)
                         .toUtf8());
        config.close();
        QProcessEnvironment kioskEnv = QProcessEnvironment::systemEnvironment();
        kioskEnv.insert(QStringLiteral("LD_PRELOAD"), QString::fromLocal8Bit(g_preload));
        kioskEnv.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        m_kiosk.setProcessEnvironment(kioskEnv);
        m_kiosk.setStandardOutputFile(path(QStringLiteral("kiosk.log")));
        m_kiosk.setStandardErrorFile(path(QStringLiteral("kiosk.log")), QIODevice::Append);
        testsupport::dieWithTest(m_kiosk);
        m_kiosk.start(testsupport::binary(QStringLiteral("kiosk/app/anjungan")),
            {QStringLiteral("--config"), path(QStringLiteral("kiosk/anjungan.conf"))});
        QVERIFY(m_kiosk.waitForStarted());
    }

    void cleanupTestCase()
    {
        if (m_kiosk.state() != QProcess::NotRunning) {
            m_kiosk.kill();
            m_kiosk.waitForFinished(10000);
        }
        m_backend.terminate();
        m_backend.waitForFinished(10000);
        if (!m_cupsServer.isEmpty())
            runOk(testsupport::source(QStringLiteral("scripts/private-cupsd")), {QStringLiteral("stop"), path(QStringLiteral("cups"))});
        if (QTest::currentTestFailed()) {
            QFile log(path(QStringLiteral("kiosk.log")));
            if (log.open(QIODevice::ReadOnly))
                qWarning().noquote() << "kiosk log:" << log.readAll().right(4000);
        }
    }

    void faultsAlertOnceAndClear()
    {
        // The kiosk runs and reports a working scanner and printer: no alert.
        QTRY_VERIFY2_WITH_TIMEOUT(beatShows(serverlink::HealthState::Ready, false), "no heartbeat with a ready scanner", 60000);
        QVERIFY(alerts(QStringLiteral("scanner_gone")).isEmpty());
        QVERIFY(alerts(QStringLiteral("paper_out")).isEmpty());

        // The scanner is pulled out; the printer runs out of paper with a ticket in it.
        m_scanner->unplug();
        QVERIFY(QFile(path(QStringLiteral("cups/ippeve/paper-out"))).open(QIODevice::WriteOnly));
        QFile ticket(path(QStringLiteral("ticket.bin")));
        QVERIFY(ticket.open(QIODevice::WriteOnly) && ticket.write("TIKET A-001\n") > 0);
        ticket.close();
        QVERIFY(runOk(QStringLiteral("lp"),
                    {QStringLiteral("-h"), m_cupsServer, QStringLiteral("-d"), QStringLiteral("paper"), QStringLiteral("-o"),
                        QStringLiteral("raw"), path(QStringLiteral("ticket.bin"))})
            != "<failed>");
        QTRY_VERIFY_WITH_TIMEOUT(open(QStringLiteral("scanner_gone")) && open(QStringLiteral("paper_out")), kTimeoutMs);
        QVERIFY(beatShows(serverlink::HealthState::Offline, true));
        QTRY_COMPARE_WITH_TIMEOUT(smsTo(QStringLiteral("Pemindai tidak terpasang")), 1, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(smsTo(QStringLiteral("Kertas printer habis")), 1, kTimeoutMs);

        // Plugged in again, paper loaded (the ticket prints): both clear.
        m_scanner->plug();
        QVERIFY(QFile::remove(path(QStringLiteral("cups/ippeve/paper-out"))));
        QTRY_VERIFY_WITH_TIMEOUT(!open(QStringLiteral("scanner_gone")) && !open(QStringLiteral("paper_out")), kTimeoutMs);
        QVERIFY(!QDir(path(QStringLiteral("cups/ippeve/printed"))).isEmpty());
        // Heartbeats go on every second: two more raise and send nothing again.
        const int sent = m_gateway.deliveredCount();
        const QDateTime cleared = QDateTime::currentDateTimeUtc();
        QTRY_VERIFY_WITH_TIMEOUT(latestBeat()->lastSeen > cleared.addSecs(2), kTimeoutMs);
        QCOMPARE(alerts(QStringLiteral("scanner_gone")).size(), 1);
        QCOMPARE(alerts(QStringLiteral("paper_out")).size(), 1);
        QCOMPARE(m_gateway.deliveredCount(), sent);
        QCOMPARE(smsTo(QStringLiteral("Pemindai tidak terpasang")), 1);
        QCOMPARE(smsTo(QStringLiteral("Kertas printer habis")), 1);
    }

    void stoppedKioskAlertsOnceAfterN()
    {
        QTRY_VERIFY2_WITH_TIMEOUT(beatShows(serverlink::HealthState::Ready, false), "no heartbeat with a ready scanner", 60000);
        QVERIFY(alerts(QStringLiteral("silent")).isEmpty());
        m_kiosk.terminate();
        QVERIFY(m_kiosk.waitForFinished(kTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(open(QStringLiteral("silent")), kTimeoutMs);
        const QDateTime lastSeen = latestBeat()->lastSeen;
        QVERIFY(lastSeen.msecsTo(alerts(QStringLiteral("silent")).first().raisedAt) > 4000);
        QTRY_COMPARE_WITH_TIMEOUT(smsTo(QStringLiteral("Anjungan tidak terdengar")), 1, kTimeoutMs);
        // The backend keeps looking five times a second: still one alert, one SMS.
        QTest::qWait(1500);
        QCOMPARE(alerts(QStringLiteral("silent")).size(), 1);
        QCOMPARE(smsTo(QStringLiteral("Anjungan tidak terdengar")), 1);
    }
};

int main(int argc, char **argv)
{
    if (const auto exitCode = testsupport::reexecUnderUmockdev(argc, argv))
        return *exitCode;
    // Loaded in this process already; only the kiosk gets it again (see plainEnvironment).
    g_preload = qgetenv("LD_PRELOAD");
    qunsetenv("LD_PRELOAD");
    QCoreApplication app(argc, argv);
    TestFleetEndToEnd test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_fleet_e2e.moc"
