// The heartbeat over real mutual TLS against the real API server: the kiosk reports device health,
// outbox depth, parked count, free disk and version; the backend keeps the latest per kiosk; a
// heartbeat that gets through after an outage heals the link and sends everything waiting at once.
#include "../tools/testbackend.h"
#include "../tools/threadspy.h"
#include "apiserver.h"
#include "backend.h"
#include "kioskregistry.h"
#include "linkclient.h"
#include "outbox.h"
#include "printjobtracker.h"
#include "scanner.h"
#include "store.h"
#include "syncservice.h"
#include "workflowfixture.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <cstdlib>

/// A scanner whose state the test sets, as a USB scanner's changes when it is unplugged or fails.
class SteerableScanner : public devices::Scanner
{
public:
    QString uri() const override { return QStringLiteral("test:"); }
    bool start() override
    {
        steer(State::Ready);
        return true;
    }
    void steer(State state)
    {
        setState(state);
        Q_EMIT stateChanged();
    }
};

class TestHeartbeat : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pki;
    std::unique_ptr<backend::Backend> m_backend;
    std::unique_ptr<backend::ApiServer> m_server;
    quint16 m_port = 0;

    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<kiosk::KioskStore> m_store;
    std::unique_ptr<kiosk::OutboxRepository> m_outbox;
    std::unique_ptr<QThread> m_thread;
    kiosk::SyncService *m_sync = nullptr;
    const QByteArray m_key = QByteArray(32, 'h');

    serverlink::TlsPolicy tls() const
    {
        return {m_pki + QStringLiteral("/ca.crt"), m_pki + QStringLiteral("/kiosk.crt"), m_pki + QStringLiteral("/kiosk.key")};
    }

    bool startServer(quint16 port)
    {
        m_server
            = std::make_unique<backend::ApiServer>(*m_backend->store, m_backend->catalog, *m_backend->workflow, m_backend->seals.get());
        const auto bound = m_server->start(QStringLiteral("127.0.0.1"), port,
            backend::TlsFiles {
                m_pki + QStringLiteral("/server.crt"), m_pki + QStringLiteral("/server.key"), m_pki + QStringLiteral("/kiosk-ca.crt")});
        if (!bound)
            return false;
        m_port = bound.value();
        return true;
    }

    void startSync(int heartbeatIntervalMs = 0)
    {
        kiosk::SyncSettings settings;
        settings.intervalMs = 3600000;
        settings.heartbeatIntervalMs = heartbeatIntervalMs;
        settings.appVersion = QStringLiteral("9.9.9-test");
        settings.imageVersion = QStringLiteral("2026.12.1-image");
        settings.dataDir = m_data->path();
        m_thread = std::make_unique<QThread>();
        m_sync = new kiosk::SyncService(*m_store, m_key, QStringLiteral("https://localhost:%1/api/v1").arg(m_port), tls(),
            m_data->filePath(QStringLiteral("letters")), settings);
        m_sync->moveToThread(m_thread.get());
        connect(m_thread.get(), &QThread::finished, m_sync, &QObject::deleteLater);
        m_thread->start();
    }

    qint64 enqueue()
    {
        kiosk::NewRequest r;
        r.serviceCode = QStringLiteral("SKTM");
        r.nik = QStringLiteral("3521115205010021");
        r.name = QStringLiteral("Siti Aminah");
        r.address = QStringLiteral("Dusun Krajan");
        r.purpose = QStringLiteral("Uji");
        const auto q = m_outbox->enqueue(r);
        return q ? q->id : -1;
    }

    std::optional<backend::KioskHeartbeat> latest()
    {
        const auto all = m_backend->store->latestHeartbeats();
        if (!all || all.value().isEmpty())
            return std::nullopt;
        return all.value().first();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            qWarning("openssl is not installed: the test PKI cannot be made");
            std::exit(77);
        }
        QVERIFY(m_dir.isValid());
        m_pki = m_dir.filePath(QStringLiteral("pki"));
        QVERIFY(testsupport::makePki(m_pki));
    }

    void init()
    {
        m_backend = testsupport::freshBackend(m_dir.filePath(QStringLiteral("data")));
        QVERIFY(m_backend);
        // The test kiosk's pre-issued certificate is the registered one (enrollment is tst_security's).
        QFile certificate(m_pki + QStringLiteral("/kiosk.crt"));
        QVERIFY(certificate.open(QIODevice::ReadOnly));
        QVERIFY(backend::KioskRegistry(*m_backend->store).registerCertificate(certificate.readAll()));
        QVERIFY(startServer(0));
        m_data = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<kiosk::KioskStore>();
        QVERIFY(m_store->open(m_data->filePath(QStringLiteral("kiosk.sqlite"))));
        m_outbox = std::make_unique<kiosk::OutboxRepository>(*m_store, m_key);
    }

    void cleanup()
    {
        if (m_sync)
            m_sync->abortNetwork();
        if (m_thread) {
            m_thread->quit();
            m_thread->wait();
        }
        m_thread.reset();
        m_sync = nullptr;
        m_server.reset();
        m_backend.reset();
        m_outbox.reset();
        m_store.reset();
    }

    void backendKeepsTheLatestHeartbeatPerKiosk()
    {
        enqueue();
        startSync();
        kiosk::DeviceHealth health;
        health.printer = serverlink::HealthState::Ready;
        health.paper = serverlink::HealthState::Ok;
        health.scanner = serverlink::HealthState::Ready;
        m_sync->setDeviceHealth(health);
        QMetaObject::invokeMethod(m_sync, &kiosk::SyncService::sendHeartbeat, Qt::BlockingQueuedConnection);
        QTRY_VERIFY(latest().has_value());
        QCOMPARE(latest()->printerState, QStringLiteral("ready"));

        // Paper runs out: the next heartbeat replaces the row (still one per kiosk).
        health.printer = kiosk::printerHealth(devices::DeviceState::PaperOut);
        health.paper = kiosk::paperHealth(devices::DeviceState::PaperOut);
        m_sync->setDeviceHealth(health);
        QMetaObject::invokeMethod(m_sync, &kiosk::SyncService::sendHeartbeat, Qt::BlockingQueuedConnection);
        const auto all = m_backend->store->latestHeartbeats();
        QVERIFY(all);
        QCOMPARE(all.value().size(), 1);
        const backend::KioskHeartbeat h = all.value().first();
        QCOMPARE(h.kioskId, QStringLiteral("KIOSK-0001")); // from the client certificate, not the body
        QCOMPARE(h.desaCode, QStringLiteral("3521112004"));
        QCOMPARE(h.printerState, QStringLiteral("paper-out"));
        QCOMPARE(h.paperState, QStringLiteral("out"));
        QCOMPARE(h.scannerState, QStringLiteral("ready"));
        QCOMPARE(h.letterPrinterState, QStringLiteral("unknown"));
        QCOMPARE(h.outboxDepth, 1);
        QCOMPARE(h.parkedCount, 0);
        QVERIFY(h.freeDiskMb > 0);
        QCOMPARE(h.version, QStringLiteral("9.9.9-test"));
        QCOMPARE(h.imageVersion, QStringLiteral("2026.12.1-image"));
        QVERIFY(qAbs(h.lastSeen.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QVERIFY(h.sentAt.isValid());
        qInfo().noquote() << "heartbeat:" << h.kioskId << h.printerState << h.paperState << h.outboxDepth << h.freeDiskMb << "MB";
    }

    void scannerStateFollowsTheScanners()
    {
        startSync();
        SteerableScanner usb;
        SteerableScanner camera;
        QVERIFY(usb.start());
        m_sync->setScanners({&usb, &camera});
        const auto reported = [this] {
            QMetaObject::invokeMethod(m_sync, &kiosk::SyncService::sendHeartbeat, Qt::BlockingQueuedConnection);
            const auto h = latest();
            return h ? h->scannerState : QString();
        };
        QCOMPARE(reported(), QStringLiteral("ready"));
        // Unplugged an hour after start: the next heartbeat says so, with no one telling the sync service.
        usb.steer(devices::Scanner::State::Waiting);
        QCOMPARE(reported(), QStringLiteral("offline"));
        camera.steer(devices::Scanner::State::Error);
        QCOMPARE(reported(), QStringLiteral("stopped"));
        camera.steer(devices::Scanner::State::Ready);
        QCOMPARE(reported(), QStringLiteral("ready"));
        m_sync->setScanners({});
        QCOMPARE(reported(), QStringLiteral("none"));
    }

    void heartbeatRunsOnItsOwnTimer()
    {
        startSync(200);
        QMetaObject::invokeMethod(m_sync, &kiosk::SyncService::start, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(m_sync->heartbeatsSent() >= 3, 20000);
    }

    void malformedHeartbeatRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray good = R"("appVersion":"1","outboxDepth":0,"parkedCount":0,"freeDiskMb":10)";
        QTest::newRow("not JSON") << QByteArray("{oops");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("depth as text") << QByteArray(R"({"appVersion":"1","outboxDepth":"5","parkedCount":0,"freeDiskMb":10})");
        QTest::newRow("negative parked") << QByteArray(R"({"appVersion":"1","outboxDepth":0,"parkedCount":-1,"freeDiskMb":10})");
        QTest::newRow("missing version") << QByteArray(R"({"outboxDepth":0,"parkedCount":0,"freeDiskMb":10})");
        QTest::newRow("state with markup") << "{" + good + ",\"printerState\":\"<b>ok</b>\"}";
        QTest::newRow("state too long") << "{" + good + ",\"printerState\":\"" + QByteArray(40, 'a') + "\"}";
    }

    void malformedHeartbeatRefused()
    {
        QFETCH(QByteArray, body);
        serverlink::LinkClient client(QStringLiteral("https://localhost:%1/api/v1").arg(m_port), tls());
        const auto r = client.post(QStringLiteral("/heartbeat"), body);
        QCOMPARE(r.status, 400L);
        QVERIFY(!latest().has_value());
        const auto good
            = client.post(QStringLiteral("/heartbeat"), R"({"appVersion":"1","outboxDepth":0,"parkedCount":0,"freeDiskMb":10})");
        QCOMPARE(good.status, 200L);
        QVERIFY(latest().has_value());
    }

    void healedLinkSendsEverythingWaitingAtOnce()
    {
        // The backend is down: three requests fail and back off.
        const quint16 port = m_port;
        m_server.reset();
        for (int i = 0; i < 3; ++i)
            enqueue();
        startSync();
        ThreadSpy synced(m_sync, &kiosk::SyncService::synced);
        QMetaObject::invokeMethod(m_sync, &kiosk::SyncService::syncNow, Qt::QueuedConnection);
        QVERIFY(synced.wait(30000));
        QVERIFY(!synced.last().at(1).toString().isEmpty());
        QMetaObject::invokeMethod(m_sync, &kiosk::SyncService::sendHeartbeat, Qt::BlockingQueuedConnection);
        QCOMPARE(m_sync->heartbeatsSent(), 0);
        // As after a long outage: every request waits minutes for its next attempt.
        {
            QSqlQuery q(m_store->connection());
            q.prepare(QStringLiteral("UPDATE requests SET next_attempt_at = ?, attempts = 8"));
            q.addBindValue(QDateTime::currentDateTimeUtc().addSecs(300).toString(Qt::ISODateWithMs));
            QVERIFY(q.exec());
        }
        QCOMPARE(m_outbox->depth(), 3);

        // The backend is back; one heartbeat gets through and the link heals.
        QVERIFY(startServer(port));
        QSignalSpy healed(m_sync, &kiosk::SyncService::linkHealed);
        QMetaObject::invokeMethod(m_sync, &kiosk::SyncService::sendHeartbeat, Qt::BlockingQueuedConnection);
        QCOMPARE(healed.size(), 1);
        QCOMPARE(m_sync->heartbeatsSent(), 1);
        QCOMPARE(m_outbox->depth(), 0);
        const auto requests = m_backend->store->requests();
        QVERIFY(requests);
        QCOMPARE(requests.value().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestHeartbeat)
#include "tst_heartbeat.moc"
