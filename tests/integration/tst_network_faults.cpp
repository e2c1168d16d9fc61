// The link through a hostile network: a real SyncService (the kiosk's own, production timings) talks to
// the real kecamatan-backend process over mutual TLS through a fault-injecting proxy. Requests are
// submitted during added latency, 30 % packet loss and 30 % of connections reset, then the network is partitioned
// (black hole, then refused) for KIOSK_PARTITION_SECONDS (default 300), then it heals: everything must
// be delivered within 60 s of healing, and the backend must hold each request exactly once.
#include "faultproxy.h"
#include "outbox.h"
#include "store.h"
#include "syncservice.h"
#include "testbackend.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtTest>
#include <cstdlib>

namespace {
using testsupport::binary;

// Keeps the event loop (and so the proxy) running for `ms`, sleeping while there is nothing to do
// (a processEvents() loop would spin a core for the whole partition and starve tests running beside it).
void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}
} // namespace

class TestNetworkFaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_backend;
    quint16 m_backendPort = 0;

    QString path(const QString &rel) const { return m_dir.filePath(rel); }

    bool startBackend()
    {
        m_backendPort = quint16(testsupport::startBackend(m_backend, path(QStringLiteral("backend")), path(QStringLiteral("pki"))));
        return m_backendPort > 0;
    }

    QJsonArray backendRequests()
    {
        QProcess list;
        list.start(binary(QStringLiteral("backend/kecamatan-backend")),
            {QStringLiteral("list"), QStringLiteral("--data"), path(QStringLiteral("backend")), QStringLiteral("--json")});
        list.waitForFinished(60000);
        return QJsonDocument::fromJson(list.readAllStandardOutput()).array();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            qWarning("openssl is not installed: the test PKI cannot be made");
            std::exit(77);
        }
        QVERIFY(m_dir.isValid());
        QVERIFY(testsupport::makePki(path(QStringLiteral("pki"))));
        QVERIFY(testsupport::registerTestKiosk(path(QStringLiteral("backend")), path(QStringLiteral("pki"))));
        QVERIFY(startBackend());
    }

    void cleanupTestCase()
    {
        m_backend.terminate();
        m_backend.waitForFinished(10000);
    }

    void deliveredExactlyOnceWithin60sOfHealing()
    {
        const int partitionSeconds
            = qEnvironmentVariableIsSet("KIOSK_PARTITION_SECONDS") ? qEnvironmentVariableIntValue("KIOSK_PARTITION_SECONDS") : 300;
        constexpr int kDuringLoss = 40;
        constexpr int kDuringPartition = 10;

        FaultProxy proxy(QHostAddress::LocalHost, m_backendPort);
        QVERIFY(proxy.listen());
        proxy.setLatencyMs(150);
        proxy.setLossProbability(0.3);
        proxy.setResetProbability(0.3);

        kiosk::KioskStore store;
        QVERIFY(store.open(path(QStringLiteral("kiosk/kiosk.sqlite"))));
        const QByteArray key(32, 'n');
        kiosk::OutboxRepository outbox(store, key);
        // The production timings: a round every 15 s, a heartbeat every 60 s, 5 s connect, 30 s request.
        kiosk::SyncSettings settings;
        settings.dataDir = path(QStringLiteral("kiosk"));
        settings.appVersion = QStringLiteral("test");
        QThread thread;
        auto *sync = new kiosk::SyncService(store, key, QStringLiteral("https://localhost:%1/api/v1").arg(proxy.port()),
            {path(QStringLiteral("pki/ca.crt")), path(QStringLiteral("pki/kiosk.crt")), path(QStringLiteral("pki/kiosk.key"))},
            path(QStringLiteral("kiosk/letters")), settings);
        sync->moveToThread(&thread);
        connect(&thread, &QThread::started, sync, &kiosk::SyncService::start);
        connect(&thread, &QThread::finished, sync, &QObject::deleteLater);
        int heals = 0;
        connect(sync, &kiosk::SyncService::linkHealed, this, [&heals] { ++heals; });
        thread.start();

        kiosk::NewRequest request;
        request.serviceCode = QStringLiteral("SKTM");
        request.nik = QStringLiteral("3521115205010021");
        request.name = QStringLiteral("Siti Aminah");
        request.address = QStringLiteral("Dusun Krajan");
        request.purpose = QStringLiteral("Uji jaringan");
        QStringList submitted;
        auto submit = [&] {
            const auto queued = outbox.enqueue(request);
            QVERIFY(queued);
            submitted.append(queued->registrationNumber);
            // As the session does after each request.
            QMetaObject::invokeMethod(sync, &kiosk::SyncService::syncNow, Qt::QueuedConnection);
        };

        // 1. Latency, loss and resets while citizens submit.
        for (int i = 0; i < kDuringLoss; ++i) {
            submit();
            spin(500);
        }
        spin(10000);
        const int deliveredBeforePartition = kDuringLoss - outbox.depth();

        // 2. The partition: first black-holed, then refused; the kiosk keeps taking requests.
        proxy.setPartition(FaultProxy::Partition::BlackHole);
        for (int i = 0; i < kDuringPartition; ++i) {
            submit();
            spin(partitionSeconds * 1000 / 2 / kDuringPartition);
        }
        proxy.setPartition(FaultProxy::Partition::Refuse);
        spin(partitionSeconds * 1000 / 2);
        const int waitingAtHeal = outbox.depth();

        // 3. Heal: the network is clean again (latency stays). Everything must arrive within 60 s.
        proxy.setResetProbability(0);
        proxy.setLossProbability(0);
        proxy.setPartition(FaultProxy::Partition::None);
        QElapsedTimer sinceHeal;
        sinceHeal.start();
        while (outbox.depth() > 0 && sinceHeal.elapsed() < 90000)
            spin(250);
        const qint64 drainMs = sinceHeal.elapsed();
        const int left = outbox.depth();
        const kiosk::OutboxStats stats = outbox.stats();

        sync->abortNetwork();
        thread.quit();
        thread.wait();

        const QJsonArray atBackend = backendRequests();
        QSet<QString> unique;
        for (const QJsonValue &v : atBackend)
            unique.insert(v.toObject().value(QStringLiteral("registrationNumber")).toString());
        const int duplicates = int(atBackend.size() - unique.size());
        qInfo().noquote() << QStringLiteral("network faults: submitted %1 (%2 during loss, %3 during a %4 s partition); delivered "
                                            "before the partition %5; waiting at heal %6; drained %7 ms after healing; left %8, parked %9")
                                 .arg(submitted.size())
                                 .arg(kDuringLoss)
                                 .arg(kDuringPartition)
                                 .arg(partitionSeconds)
                                 .arg(deliveredBeforePartition)
                                 .arg(waitingAtHeal)
                                 .arg(drainMs)
                                 .arg(left)
                                 .arg(stats.parked);
        qInfo().noquote() << QStringLiteral("proxy: %1 connections, %2 reset, %7 chunks lost and resent, %3 black-holed; link healed "
                                            "%4 times; backend holds %5, duplicates %6")
                                 .arg(proxy.connections())
                                 .arg(proxy.resets())
                                 .arg(proxy.blackHoled())
                                 .arg(heals)
                                 .arg(atBackend.size())
                                 .arg(duplicates)
                                 .arg(proxy.lost());

        QVERIFY(proxy.resets() > 0);
        QVERIFY(proxy.lost() > 0);
        QVERIFY(waitingAtHeal >= kDuringPartition);
        QCOMPARE(left, 0);
        QCOMPARE(stats.parked, 0);
        QVERIFY2(drainMs <= 60000, qPrintable(QStringLiteral("drained %1 ms after healing").arg(drainMs)));
        QCOMPARE(atBackend.size(), submitted.size());
        QCOMPARE(duplicates, 0);
        for (const QString &reg : std::as_const(submitted))
            QVERIFY2(unique.contains(reg), qPrintable(reg));
    }
};

int main(int argc, char *argv[])
{
    // The partition alone lasts 5 minutes, as long as QtTest's default watchdog allows a test function.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "1100000");
    QCoreApplication app(argc, argv);
    TestNetworkFaults test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_network_faults.moc"
