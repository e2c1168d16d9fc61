// A fresh unit: the first-boot technician screen against the real kecamatan-backend process (enrollment over TLS
// pinned to the test PKI's CA), network settings spooled for anjungan-netapply, and the screen at every size.
#include "enrollment.h"
#include "firstbootsetup.h"
#include "kioskharness.h"
#include "linkclient.h"
#include "networksettings.h"
#include "setupconfig.h"
#include "testbackend.h"

#include <QFile>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

namespace {
const QString kDesa = QStringLiteral("3521112004");
} // namespace

class TestFirstBoot : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_backend;
    int m_port = 0;
    int m_unit = 0;

    QString path(const QString &rel) const { return QDir(m_dir.path()).filePath(rel); }
    QString baseUrl() const { return QStringLiteral("https://localhost:%1/api/v1").arg(m_port); }

    /// A unit as the image leaves it: no configuration, the deployment CA beside where it will be, an empty data folder
    /// (systemd's StateDirectory). Returns its configuration path.
    QString freshUnit()
    {
        const QString unit = path(QStringLiteral("unit%1").arg(++m_unit));
        QDir().mkpath(unit + QStringLiteral("/etc"));
        QDir().mkpath(unit + QStringLiteral("/data"));
        QFile::copy(path(QStringLiteral("pki/ca.crt")), unit + QStringLiteral("/etc/ca.crt"));
        qputenv("STATE_DIRECTORY", (unit + QStringLiteral("/data")).toUtf8());
        return unit + QStringLiteral("/etc/anjungan.conf");
    }

    std::unique_ptr<KioskHarness> setupScreen(const QString &configPath)
    {
        const kiosk::SetupPaths paths = kiosk::SetupConfig::paths(configPath);
        auto h = std::make_unique<KioskHarness>(60000, 75000, 180000, paths.dataDir);
        h->areas->firstBoot.begin(paths);
        if (!h->load())
            return nullptr;
        return h;
    }

    void checkLayout(KioskHarness &h, const QString &what)
    {
        const qreal width = h.window->width();
        for (QQuickItem *t : h.visibleTexts()) {
            const QString text = t->property("text").toString();
            if (text.trimmed().isEmpty() || t->width() <= 0)
                continue;
            const QRectF r = t->mapRectToScene(QRectF(0, 0, t->width(), t->height()));
            const QString where = QStringLiteral("%1: '%2'").arg(what, text.left(60));
            QVERIFY2(r.left() >= -1 && r.right() <= width + 1, qPrintable(where + QStringLiteral(" leaves the window")));
            if (t->inherits("QQuickText")) {
                const bool wraps = t->property("wrapMode").toInt() != 0;
                const bool elides = t->property("elide").toInt() != 0;
                if (!wraps && !elides)
                    QVERIFY2(t->property("contentWidth").toReal() <= t->width() + 1,
                        qPrintable(where + QStringLiteral(" is wider than its box")));
                QVERIFY2(
                    t->property("font").value<QFont>().pixelSize() >= 20, qPrintable(where + QStringLiteral(" is smaller than 20 px")));
            }
        }
        QList<QQuickItem *> stack {h.find(QStringLiteral("setupLoader"))};
        while (!stack.isEmpty()) {
            QQuickItem *i = stack.takeLast();
            if (!i || !i->isVisible())
                continue;
            if (i->inherits("QQuickAbstractButton") && i->isEnabled())
                QVERIFY2(i->height() >= 72 && i->width() >= 72,
                    qPrintable(QStringLiteral("%1: button %2 is %3×%4 px").arg(what, i->objectName()).arg(i->width()).arg(i->height())));
            stack.append(i->childItems());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!QFileInfo::exists(testsupport::binary(QStringLiteral("backend/kecamatan-backend"))))
            QSKIP("kecamatan-backend is not built: build the kecamatan-backend target");
        if (!testsupport::makePki(path(QStringLiteral("pki"))))
            QSKIP("scripts/make-test-pki failed (openssl missing?)");
        m_backend.setStandardErrorFile(path(QStringLiteral("backend.log")));
        m_port = testsupport::startBackend(m_backend, path(QStringLiteral("backend")), path(QStringLiteral("pki")),
            QStringLiteral("127.0.0.1:0"), {QStringLiteral("--client-ca-key"), path(QStringLiteral("pki/kiosk-ca.key"))});
        QVERIFY(m_port > 0);
    }

    void cleanupTestCase()
    {
        m_backend.terminate();
        m_backend.waitForFinished(10000);
    }

    void unenrolledUnitNeedsSetup()
    {
        const QString config = freshUnit();
        QVERIFY(kiosk::SetupConfig::needed(config));
        // Provisioned (backend and CA) but never enrolled: its client certificate is missing.
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[kiosk]\nid=K\ndataDir=../data\n[server]\nurl=https://kecamatan.invalid/api/v1\ncaFile=ca.crt\n"
                   "clientCert=../data/tls/client.crt\nclientKey=../data/tls/client.key\n");
        file.close();
        QVERIFY(kiosk::SetupConfig::needed(config));
        QCOMPARE(kiosk::SetupConfig::configuredServerUrl(config), QStringLiteral("https://kecamatan.invalid/api/v1"));
        // A backend without any client certificate configured serves offline as before (the image's boot test does).
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[kiosk]\nid=K\ndataDir=../data\n[server]\nurl=https://kecamatan.invalid/api/v1\ncaFile=ca.crt\n");
        file.close();
        QVERIFY(!kiosk::SetupConfig::needed(config));
    }

    void writingKeepsEveryOtherLine()
    {
        const QByteArray before = "# provisioned\n[kiosk]\nid = OLD\nofficeName=Kantor Desa Pitu\n\n[queue]\ncounters = 1:A,C;2:B,C\n";
        const QByteArray after = kiosk::SetupConfig::withValues(before,
            {{QStringLiteral("kiosk/id"), QStringLiteral("KIOSK-1")}, {QStringLiteral("kiosk/desaCode"), kDesa},
                {QStringLiteral("server/url"), QStringLiteral("https://kecamatan.example/api/v1")}});
        QCOMPARE(after,
            QByteArray("# provisioned\n[kiosk]\nid=KIOSK-1\nofficeName=Kantor Desa Pitu\ndesaCode=3521112004\n\n[queue]\n"
                       "counters = 1:A,C;2:B,C\n\n[server]\nurl=https://kecamatan.example/api/v1\n"));
    }

    void wrongCodeIsExplainedAndChangesNothing()
    {
        const QString config = freshUnit();
        auto h = setupScreen(config);
        QVERIFY(h);
        QVERIFY(h->waitFor(QStringLiteral("setupTitle")));
        // The citizen's screens are behind the setup screen: a tap there reaches nothing.
        QVERIFY(h->tap(QStringLiteral("startRequest")));
        QCOMPARE(h->screen(), QStringLiteral("welcome"));
        QVERIFY(h->type(QStringLiteral("setupServerUrl"), baseUrl()));
        QVERIFY(h->type(QStringLiteral("setupCode"), QStringLiteral("ZZZZ-ZZZZ-ZZZZ-ZZZZ")));
        QVERIFY(h->tap(QStringLiteral("enrollButton")));
        QTRY_COMPARE_WITH_TIMEOUT(h->areas->firstBoot.state(), kiosk::FirstBootSetup::State::Failed, 30000);
        QQuickItem *message = h->waitFor(QStringLiteral("setupMessage"));
        QVERIFY(message);
        QVERIFY2(message->property("text").toString().contains(QStringLiteral("Kode pendaftaran tidak dikenal")),
            qPrintable(message->property("text").toString()));
        const kiosk::SetupPaths paths = kiosk::SetupConfig::paths(config);
        QVERIFY(!QFile::exists(config));
        QVERIFY(!QFile::exists(paths.clientKey));
        QVERIFY(!QFile::exists(paths.clientCert));
        QVERIFY(h->areas->firstBoot.active());
    }

    void unreachableServerIsExplained()
    {
        const QString config = freshUnit();
        auto h = setupScreen(config);
        QVERIFY(h);
        // Nothing listens on port 1: the enrollment says the server cannot be reached, and writes nothing.
        QVERIFY(h->type(QStringLiteral("setupServerUrl"), QStringLiteral("https://localhost:1/api/v1")));
        QVERIFY(h->type(QStringLiteral("setupCode"), QStringLiteral("ABCD-EFGH-JKMN-PQRS")));
        QVERIFY(h->tap(QStringLiteral("enrollButton")));
        QTRY_COMPARE_WITH_TIMEOUT(h->areas->firstBoot.state(), kiosk::FirstBootSetup::State::Failed, 30000);
        QVERIFY2(
            h->areas->firstBoot.message().contains(QStringLiteral("tidak dapat dihubungi")), qPrintable(h->areas->firstBoot.message()));
        const kiosk::SetupPaths paths = kiosk::SetupConfig::paths(config);
        QVERIFY(!QFile::exists(config));
        QVERIFY(!QFile::exists(paths.clientKey));
        // The connection check names the failing step.
        QVERIFY(h->tap(QStringLiteral("checkConnectionButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!h->areas->firstBoot.checking() && h->areas->firstBoot.connectionReport().size() >= 2, 20000);
        QVERIFY2(h->areas->firstBoot.connectionReport().constLast().startsWith(QStringLiteral("TCP:")),
            qPrintable(h->areas->firstBoot.connectionReport().join(QLatin1Char('\n'))));
    }

    void enrolsAndStartsServing()
    {
        const QString config = freshUnit();
        const auto code = testsupport::runBackendCommand(path(QStringLiteral("backend")),
            {QStringLiteral("enroll-code"), QStringLiteral("create"), QStringLiteral("--desa"), kDesa, QStringLiteral("--kiosk"),
                QStringLiteral("KIOSK-SETUP")});
        QVERIFY(code);
        auto h = setupScreen(config);
        QVERIFY(h);
        QSignalSpy finished(&h->areas->firstBoot, &kiosk::FirstBootSetup::finished);
        QVERIFY(h->type(QStringLiteral("setupServerUrl"), baseUrl()));
        QVERIFY(h->tap(QStringLiteral("checkConnectionButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!h->areas->firstBoot.checking() && !h->areas->firstBoot.connectionReport().isEmpty(), 20000);
        QVERIFY2(h->areas->firstBoot.connectionReport().constLast().startsWith(QStringLiteral("TLS: sertifikat server sah")),
            qPrintable(h->areas->firstBoot.connectionReport().join(QLatin1Char('\n'))));
        QVERIFY(h->type(QStringLiteral("setupCode"), QString::fromLatin1(code->trimmed()).toLower()));
        QVERIFY(h->tap(QStringLiteral("enrollButton")));
        QTRY_COMPARE_WITH_TIMEOUT(h->areas->firstBoot.state(), kiosk::FirstBootSetup::State::Enrolled, 30000);
        QVERIFY2(h->areas->firstBoot.message().contains(QStringLiteral("KIOSK-SETUP")), qPrintable(h->areas->firstBoot.message()));
        QVERIFY(h->tap(QStringLiteral("startServingButton")));
        QCOMPARE(finished.size(), 1);
        // The welcome screen serves; a tap on it starts a visit.
        QTRY_VERIFY(!h->find(QStringLiteral("setupTitle")));
        QVERIFY(h->tap(QStringLiteral("startRequest")));
        QVERIFY(h->waitForScreen(QStringLiteral("consent")));

        // What the restarted kiosk reads: a complete configuration naming this kiosk, its backend and its certificate.
        QVERIFY(!kiosk::SetupConfig::needed(config));
        const auto loaded = kiosk::KioskConfig::load(config);
        QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
        QCOMPARE(loaded->kioskId, QStringLiteral("KIOSK-SETUP"));
        QCOMPARE(loaded->desaCode, kDesa);
        QCOMPARE(loaded->serverUrl, baseUrl());
        QCOMPARE(QFile::permissions(loaded->clientKey),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        const auto registry
            = testsupport::runBackendCommand(path(QStringLiteral("backend")), {QStringLiteral("kiosk"), QStringLiteral("list")});
        QVERIFY(registry);
        QVERIFY2(registry->contains("KIOSK-SETUP\t3521112004\tactive"), registry->constData());
        serverlink::LinkClient client(loaded->serverUrl, {loaded->caFile, loaded->clientCert, loaded->clientKey});
        const auto catalog = client.get(QStringLiteral("/catalog"));
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorText));
    }

    /// A one-time enrollment code for kiosk `kioskId` of the test desa, from the backend's command line.
    QString newCode(const QString &kioskId)
    {
        const auto code = testsupport::runBackendCommand(path(QStringLiteral("backend")),
            {QStringLiteral("enroll-code"), QStringLiteral("create"), QStringLiteral("--desa"), kDesa, QStringLiteral("--kiosk"), kioskId});
        return code ? QString::fromLatin1(code->trimmed()) : QString();
    }

    static QByteArray contents(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // An enrolled unit gets a new code from technician mode: a wrong code is explained and the old identity still works;
    // the right one replaces certificate and key, and the kiosk restarts to serve. Both journaled.
    void reenrolFromTechnicianMode()
    {
        // A unit enrolled at first boot as KIOSK-ULANG.
        const QString config = freshUnit();
        const kiosk::SetupPaths paths = kiosk::SetupConfig::paths(config);
        QDir().mkpath(QFileInfo(paths.clientCert).absolutePath());
        const auto first = serverlink::KioskEnrollment::enroll(
            baseUrl(), newCode(QStringLiteral("KIOSK-ULANG")), {paths.caFile, paths.clientCert, paths.clientKey});
        QVERIFY2(first, first ? "" : qPrintable(first.error().message));
        QVERIFY(kiosk::SetupConfig::write(config,
            {{QStringLiteral("kiosk/id"), QStringLiteral("KIOSK-ULANG")}, {QStringLiteral("kiosk/desaCode"), kDesa},
                {QStringLiteral("kiosk/dataDir"), paths.dataDir}, {QStringLiteral("server/url"), baseUrl()},
                {QStringLiteral("server/caFile"), paths.caFile}, {QStringLiteral("server/clientCert"), paths.clientCert},
                {QStringLiteral("server/clientKey"), paths.clientKey}}));
        QVERIFY(!kiosk::SetupConfig::needed(config));
        const QByteArray oldCertificate = contents(paths.clientCert);
        const QByteArray oldKey = contents(paths.clientKey);

        kiosk::TechnicianSettings settings;
        settings.kioskId = QStringLiteral("KIOSK-ULANG");
        settings.dataDir = paths.dataDir;
        settings.configPath = config;
        settings.serverUrl = baseUrl();
        settings.clientCert = paths.clientCert;
        settings.clientKey = paths.clientKey;
        settings.caFile = paths.caFile;
        settings.exportFolder = path(QStringLiteral("flashdisk"));
        KioskHarness h(60000, 75000, 180000, {}, {}, nullptr, settings);
        QVERIFY(h.load());
        QSignalSpy finished(&h.areas->firstBoot, &kiosk::FirstBootSetup::finished);

        // Technician's card anywhere → PIN → Koneksi → Daftar ulang dengan kode baru.
        h.scan(KioskHarness::kTechnicianCard);
        QVERIFY(h.waitForScreen(QStringLiteral("technicianLogin")));
        QTRY_COMPARE(h.areas->technician.cardHolder(), QStringLiteral("Tono Teknisi"));
        for (const QChar digit : KioskHarness::kStaffPin)
            QVERIFY(h.tap(QStringLiteral("numpad-") + digit));
        QVERIFY(h.tap(QStringLiteral("numpad-OK")));
        QVERIFY(h.waitForScreen(QStringLiteral("technician")));
        QVERIFY(h.tap(QStringLiteral("technicianTabLink")));
        QVERIFY(h.tap(QStringLiteral("technicianReenroll")));
        QQuickItem *title = h.waitFor(QStringLiteral("setupTitle"));
        QVERIFY(title);
        QCOMPARE(title->property("text").toString(), QStringLiteral("Daftar ulang anjungan"));
        QVERIFY(h.areas->firstBoot.reenrolling());
        QCOMPARE(h.areas->firstBoot.serverUrl(), baseUrl());
        QVERIFY(!h.find(QStringLiteral("applyNetworkButton")));

        // A wrong code: said in plain words; certificate and key untouched, and they still open the backend.
        QVERIFY(h.type(QStringLiteral("setupCode"), QStringLiteral("ZZZZ-ZZZZ-ZZZZ-ZZZZ")));
        QVERIFY(h.tap(QStringLiteral("enrollButton")));
        QTRY_COMPARE_WITH_TIMEOUT(h.areas->firstBoot.state(), kiosk::FirstBootSetup::State::Failed, 30000);
        QVERIFY2(h.areas->firstBoot.message().contains(QStringLiteral("Kode pendaftaran tidak dikenal")),
            qPrintable(h.areas->firstBoot.message()));
        QVERIFY(h.areas->firstBoot.message().contains(QStringLiteral("Sertifikat lama tetap dipakai")));
        QCOMPARE(contents(paths.clientCert), oldCertificate);
        QCOMPARE(contents(paths.clientKey), oldKey);
        {
            serverlink::LinkClient client(baseUrl(), {paths.caFile, paths.clientCert, paths.clientKey});
            const auto catalog = client.get(QStringLiteral("/catalog"));
            QVERIFY2(catalog.ok(), qPrintable(catalog.errorText));
        }
        QVERIFY(h.outbox->technicianJournal().first().contains(QStringLiteral("tono  daftar-ulang-gagal")));

        // Cancelled: back to technician mode; opened again, the right code.
        QVERIFY(h.tap(QStringLiteral("cancelReenrollButton")));
        QTRY_VERIFY(!h.areas->firstBoot.active());
        QCOMPARE(h.screen(), QStringLiteral("technician"));
        QVERIFY(h.tap(QStringLiteral("technicianReenroll")));
        QVERIFY(h.waitFor(QStringLiteral("setupTitle")));
        QCOMPARE(h.areas->firstBoot.state(), kiosk::FirstBootSetup::State::Idle);
        QVERIFY(h.type(QStringLiteral("setupCode"), newCode(QStringLiteral("KIOSK-ULANG"))));
        QVERIFY(h.tap(QStringLiteral("enrollButton")));
        QTRY_COMPARE_WITH_TIMEOUT(h.areas->firstBoot.state(), kiosk::FirstBootSetup::State::Enrolled, 30000);
        QVERIFY(contents(paths.clientCert) != oldCertificate);
        QVERIFY(contents(paths.clientKey) != oldKey);
        QVERIFY(h.outbox->technicianJournal().first().contains(QStringLiteral("tono  daftar-ulang-berhasil  KIOSK-ULANG")));
        QVERIFY(h.tap(QStringLiteral("startServingButton")));
        QCOMPARE(finished.size(), 1);
        const auto loaded = kiosk::KioskConfig::load(config);
        QVERIFY(loaded);
        QCOMPARE(loaded->kioskId, QStringLiteral("KIOSK-ULANG"));
        serverlink::LinkClient client(loaded->serverUrl, {loaded->caFile, loaded->clientCert, loaded->clientKey});
        const auto catalog = client.get(QStringLiteral("/catalog"));
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorText));
    }

    void networkSettingsAreSpooledForRoot()
    {
        const QString config = freshUnit();
        auto h = setupScreen(config);
        QVERIFY(h);
        const QString spool = kiosk::SetupConfig::paths(config).networkSpool;
        QVERIFY(h->tap(QStringLiteral("addressingStatic")));
        QVERIFY(h->type(QStringLiteral("setupAddress"), QStringLiteral("192.168.1.30/24")));
        QVERIFY(h->type(QStringLiteral("setupGateway"), QStringLiteral("192.168.1.1")));
        // No DNS server yet: said, and nothing spooled.
        QVERIFY(h->tap(QStringLiteral("applyNetworkButton")));
        QVERIFY(!QFile::exists(spool));
        QVERIFY2(h->areas->firstBoot.networkMessage().contains(QStringLiteral("DNS")), qPrintable(h->areas->firstBoot.networkMessage()));
        QVERIFY(h->waitFor(QStringLiteral("networkMessage")));
        QVERIFY(h->type(QStringLiteral("setupDns"), QStringLiteral("192.168.1.1, 8.8.8.8")));
        QVERIFY(h->tap(QStringLiteral("applyNetworkButton")));
        QFile file(spool);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        const auto settings = netapply::NetworkSettings::fromSpool(file.readAll(), nullptr);
        QVERIFY(settings);
        QCOMPARE(settings->address, QStringLiteral("192.168.1.30/24"));
        QCOMPARE(settings->dns, (QStringList {QStringLiteral("192.168.1.1"), QStringLiteral("8.8.8.8")}));
        QVERIFY(settings->networkFile().contains("Address=192.168.1.30/24\nGateway=192.168.1.1\n"));

        // Root's helper applies them (here into a folder of the test's, restarting nothing); the screen shows its answer.
        const QString helper = testsupport::binary(QStringLiteral("netapply/anjungan-netapply"));
        if (!QFileInfo::exists(helper))
            QSKIP("anjungan-netapply is not built");
        QProcess apply;
        apply.start(helper,
            {QStringLiteral("--spool"), spool, QStringLiteral("--network-dir"), path(QStringLiteral("run-network")),
                QStringLiteral("--wpa-config"), path(QStringLiteral("run-network/wpa.conf")), QStringLiteral("--no-reload")});
        QVERIFY(apply.waitForFinished(30000));
        QCOMPARE(apply.exitCode(), 0);
        QVERIFY(h->tap(QStringLiteral("refreshNetworkButton")));
        QVERIFY2(h->areas->firstBoot.networkMessage().contains(QStringLiteral("sudah diterapkan")),
            qPrintable(h->areas->firstBoot.networkMessage()));
    }

    void setupScreenFitsEverySize()
    {
        const QString config = freshUnit();
        auto h = setupScreen(config);
        QVERIFY(h);
        QVERIFY(h->tap(QStringLiteral("addressingStatic")));
        const QString out = QDir(qEnvironmentVariable("KIOSK_BINARY_DIR")).filePath(QStringLiteral("screenshots"));
        for (const QSize size : {QSize(1920, 1080), QSize(1280, 800), QSize(1080, 1920)}) {
            for (const QString &language : {QStringLiteral("id"), QStringLiteral("en")}) {
                h->resize(size);
                h->areas->flow.setLanguage(language);
                QTest::qWait(60);
                // The lines composed in C++ follow the language too.
                QCOMPARE(h->areas->firstBoot.trustNote().startsWith(QStringLiteral("The server")), language == QLatin1String("en"));
                const QString file
                    = QDir(out).filePath(QStringLiteral("%1x%2/%3-setup.png").arg(size.width()).arg(size.height()).arg(language));
                QDir().mkpath(QFileInfo(file).absolutePath());
                QVERIFY(h->window->grabWindow().save(file));
                checkLayout(*h, QStringLiteral("setup %1x%2 %3").arg(size.width()).arg(size.height()).arg(language));
            }
        }
    }
};

QTEST_MAIN(TestFirstBoot)
#include "tst_firstboot.moc"
