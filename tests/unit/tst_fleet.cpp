// The fleet reports its faults (#15), in one process over real mutual TLS: a kiosk's SyncService sends
// heartbeats to the real API server, which raises fleet alerts; the notification sender hands their SMS to a
// local HTTP gateway; the officer console (real HTTPS, curl) shows them to the teknisi, who acknowledges them.
#include "../tools/testbackend.h"
#include "alertbook.h"
#include "apiserver.h"
#include "backend.h"
#include "console/consolepages.h"
#include "console/consoleserver.h"
#include "crypto.h"
#include "fleetalerts.h"
#include "kioskregistry.h"
#include "linkclient.h"
#include "notifications.h"
#include "printer.h"
#include "scanner.h"
#include "smsgatewayreceiver.h"
#include "store.h"
#include "syncservice.h"
#include "workflowfixture.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <cstdlib>

using namespace backend;

namespace {

const QString kDesa = QStringLiteral("3521112004");
const QString kTeknisiPhone = QStringLiteral("+6281234500001");
const QString kFarTeknisiPhone = QStringLiteral("+6281234500002");

/// A scanner whose state the test sets, as a USB scanner's changes when it is unplugged.
class SteerableScanner : public devices::Scanner
{
public:
    explicit SteerableScanner(QString uri)
        : m_uri(std::move(uri))
    { }
    QString uri() const override { return m_uri; }
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

private:
    QString m_uri;
};

struct Reply {
    int status = 0;
    QByteArray body;
};

} // namespace

class TestFleet : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pki;
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<ApiServer> m_server;
    std::unique_ptr<ConsoleServer> m_console;
    std::unique_ptr<NotificationSender> m_notifier;
    SmsGatewayReceiver m_gateway;
    quint16 m_port = 0;
    quint16 m_consolePort = 0;

    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<kiosk::KioskStore> m_store;
    std::unique_ptr<QThread> m_thread;
    kiosk::SyncService *m_sync = nullptr;
    SteerableScanner m_usb {QStringLiteral("usb:0581:0115")};
    SteerableScanner m_camera {QStringLiteral("camera:0")};

    void addOfficer(const QString &user, Role role, const QString &office, const QString &phone = {})
    {
        OfficerRecord o;
        o.username = user;
        o.displayName = QStringLiteral("Petugas %1").arg(user);
        o.role = role;
        o.office = office;
        o.phone = phone;
        o.passwordHash = serverlink::crypto::hashSecret(QStringLiteral("sandi-%1-panjang").arg(user));
        QVERIFY(m_backend->store->insertOfficer(o));
    }

    void startSync(int heartbeatIntervalMs = 0)
    {
        kiosk::SyncSettings settings;
        settings.intervalMs = 3600000;
        settings.heartbeatIntervalMs = heartbeatIntervalMs;
        settings.appVersion = QStringLiteral("9.9.9-test");
        settings.dataDir = m_data->path();
        m_thread = std::make_unique<QThread>();
        m_sync = new kiosk::SyncService(*m_store, QByteArray(32, 'f'), QStringLiteral("https://localhost:%1/api/v1").arg(m_port),
            {m_pki + QStringLiteral("/ca.crt"), m_pki + QStringLiteral("/kiosk.crt"), m_pki + QStringLiteral("/kiosk.key")},
            m_data->filePath(QStringLiteral("letters")), settings);
        m_sync->setScanners({&m_usb, &m_camera});
        m_sync->moveToThread(m_thread.get());
        connect(m_thread.get(), &QThread::finished, m_sync, &QObject::deleteLater);
        m_thread->start();
    }

    void setPrinter(devices::DeviceState state)
    {
        kiosk::DeviceHealth health = m_sync->deviceHealth();
        health.printer = kiosk::printerHealth(state);
        health.paper = kiosk::paperHealth(state);
        m_sync->setDeviceHealth(health);
    }

    void heartbeat()
    {
        const int before = m_sync->heartbeatsSent();
        QMetaObject::invokeMethod(m_sync, &kiosk::SyncService::sendHeartbeat, Qt::BlockingQueuedConnection);
        QCOMPARE(m_sync->heartbeatsSent(), before + 1);
    }

    /// The alerts of the test kiosk by kind word (newest first per kind).
    QList<KioskAlertRecord> alerts(const QString &kind)
    {
        QList<KioskAlertRecord> out;
        const auto all = m_backend->store->kioskAlerts();
        if (all)
            for (const KioskAlertRecord &a : all.value())
                if (a.kind == kind)
                    out.append(a);
        return out;
    }

    /// SMS the gateway delivered to `phone` whose text names `label`.
    int smsTo(const QString &phone, const QString &label) const
    {
        int n = 0;
        for (const QJsonObject &m : m_gateway.delivered())
            n += m.value(QStringLiteral("to")).toString() == phone && m.value(QStringLiteral("text")).toString().contains(label) ? 1 : 0;
        return n;
    }

    Reply call(const QString &jar, const QString &method, const QString &path, const QStringList &form = {})
    {
        QStringList args {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("20"), QStringLiteral("-X"), method,
            QStringLiteral("--cacert"), m_pki + QStringLiteral("/ca.crt"), QStringLiteral("-c"), jar, QStringLiteral("-b"), jar,
            QStringLiteral("-w"), QStringLiteral("\n%{http_code}")};
        for (const QString &field : form)
            args << QStringLiteral("--data-urlencode") << field;
        args << QStringLiteral("https://localhost:%1%2").arg(m_consolePort).arg(path);
        QProcess curl;
        curl.start(QStringLiteral("curl"), args);
        Reply reply;
        if (!curl.waitForFinished(25000))
            return reply;
        const QByteArray out = curl.readAllStandardOutput();
        const qsizetype split = out.lastIndexOf('\n');
        reply.body = out.left(split);
        reply.status = out.mid(split + 1).toInt();
        return reply;
    }

    static QString csrfOf(const QByteArray &html)
    {
        static const QRegularExpression token(QStringLiteral("name=\"csrf\" value=\"([^\"]+)\""));
        return token.match(QString::fromUtf8(html)).captured(1);
    }

    std::pair<QString, QString> login(const QString &user)
    {
        const QString jar = m_dir.filePath(QStringLiteral("jar-%1-%2").arg(user).arg(QDateTime::currentMSecsSinceEpoch()));
        const Reply form = call(jar, QStringLiteral("GET"), QStringLiteral("/masuk"));
        call(jar, QStringLiteral("POST"), QStringLiteral("/masuk"),
            {QStringLiteral("csrf=") + csrfOf(form.body), QStringLiteral("username=") + user,
                QStringLiteral("password=sandi-%1-panjang").arg(user)});
        const Reply inbox = call(jar, QStringLiteral("GET"), QStringLiteral("/"));
        return {jar, csrfOf(inbox.body)};
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()
            || QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty()) {
            qWarning("openssl or curl is not installed: no test PKI or console client");
            std::exit(77);
        }
        QVERIFY(m_dir.isValid());
        m_pki = m_dir.filePath(QStringLiteral("pki"));
        QVERIFY(testsupport::makePki(m_pki));
        QVERIFY(m_gateway.listen());
    }

    void init()
    {
        m_backend = testsupport::freshBackend(m_dir.filePath(QStringLiteral("data")));
        QVERIFY(m_backend);
        QFile certificate(m_pki + QStringLiteral("/kiosk.crt"));
        QVERIFY(certificate.open(QIODevice::ReadOnly));
        QVERIFY(KioskRegistry(*m_backend->store).registerCertificate(certificate.readAll()));
        addOfficer(QStringLiteral("teknisi"), Role::Teknisi, QStringLiteral("352111"), kTeknisiPhone);
        addOfficer(QStringLiteral("teknisijauh"), Role::Teknisi, QStringLiteral("352201"), kFarTeknisiPhone);
        addOfficer(QStringLiteral("kades"), Role::KepalaDesa, kDesa);

        m_server = std::make_unique<ApiServer>(*m_backend->store, m_backend->catalog, *m_backend->workflow, m_backend->seals.get());
        const auto bound = m_server->start(QStringLiteral("127.0.0.1"), 0,
            TlsFiles {
                m_pki + QStringLiteral("/server.crt"), m_pki + QStringLiteral("/server.key"), m_pki + QStringLiteral("/kiosk-ca.crt")});
        QVERIFY(bound);
        m_port = bound.value();

        m_console = std::make_unique<ConsoleServer>(*m_backend->store, *m_backend->workflow);
        addConsolePages(
            *m_console, *m_backend->store, m_backend->catalog, m_backend->offices, *m_backend->workflow, 1000, m_backend->documents.get());
        const auto consolePort = m_console->start(
            QStringLiteral("127.0.0.1"), 0, m_pki + QStringLiteral("/server.crt"), m_pki + QStringLiteral("/server.key"));
        QVERIFY(consolePort);
        m_consolePort = consolePort.value();

        NotificationSettings settings;
        settings.transport = QStringLiteral("http");
        settings.url = m_gateway.url();
        settings.pollIntervalMs = 100;
        settings.retryBaseMs = 100;
        m_notifier = std::make_unique<NotificationSender>(*m_backend->store, makeHttpSmsGateway(settings.url, QString()), settings);
        m_notifier->start();

        m_data = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<kiosk::KioskStore>();
        QVERIFY(m_store->open(m_data->filePath(QStringLiteral("kiosk.sqlite"))));
        QVERIFY(m_usb.start());
        QVERIFY(m_camera.start());
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
        m_notifier.reset();
        m_console.reset();
        m_server.reset();
        m_backend.reset();
        m_store.reset();
    }

    void faultsRaiseOneSmsEachAndClear()
    {
        startSync();
        setPrinter(devices::DeviceState::Ready);
        heartbeat();
        QVERIFY(alerts(QStringLiteral("scanner_gone")).isEmpty());
        QVERIFY(alerts(QStringLiteral("paper_out")).isEmpty());

        // The USB scanner is unplugged (the camera still works) and the ticket printer runs out of paper.
        m_usb.steer(devices::Scanner::State::Waiting);
        setPrinter(devices::DeviceState::PaperOut);
        heartbeat();
        const auto scanner = alerts(QStringLiteral("scanner_gone"));
        const auto paper = alerts(QStringLiteral("paper_out"));
        QCOMPARE(scanner.size(), 1);
        QCOMPARE(paper.size(), 1);
        QVERIFY(scanner.first().detail.contains(QStringLiteral("usb:0581:0115")));
        QVERIFY(!scanner.first().detail.contains(QStringLiteral("camera:0")));
        QVERIFY(scanner.first().clearedAt.isNull());
        QTRY_COMPARE_WITH_TIMEOUT(smsTo(kTeknisiPhone, QStringLiteral("Pemindai tidak terpasang")), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(smsTo(kTeknisiPhone, QStringLiteral("Kertas printer habis")), 1, 20000);
        QCOMPARE(smsTo(kFarTeknisiPhone, QStringLiteral("KIOSK-0001")), 0); // another kecamatan's teknisi

        // The fault persists: the next heartbeat raises nothing new.
        heartbeat();
        QCOMPARE(alerts(QStringLiteral("scanner_gone")).size(), 1);
        QCOMPARE(alerts(QStringLiteral("paper_out")).size(), 1);

        // Plugged in again, paper loaded: both alerts clear, and no second SMS is sent.
        m_usb.steer(devices::Scanner::State::Ready);
        setPrinter(devices::DeviceState::Ready);
        heartbeat();
        QVERIFY(alerts(QStringLiteral("scanner_gone")).first().clearedAt.isValid());
        QVERIFY(alerts(QStringLiteral("paper_out")).first().clearedAt.isValid());
        QTRY_VERIFY(m_backend->store->notifications().value().size() >= 2);
        const auto sms = m_backend->store->notifications();
        QVERIFY(sms);
        int fleet = 0;
        for (const NotificationRecord &n : sms.value())
            fleet += n.kind == NotificationKind::FleetAlert ? 1 : 0;
        QCOMPARE(fleet, m_gateway.deliveredCount());
        QCOMPARE(smsTo(kTeknisiPhone, QStringLiteral("Pemindai tidak terpasang")), 1);
        QCOMPARE(smsTo(kTeknisiPhone, QStringLiteral("Kertas printer habis")), 1);

        // The fault comes back later: a new alert, a new SMS.
        m_usb.steer(devices::Scanner::State::Waiting);
        heartbeat();
        QCOMPARE(alerts(QStringLiteral("scanner_gone")).size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(smsTo(kTeknisiPhone, QStringLiteral("Pemindai tidak terpasang")), 2, 20000);
    }

    void silentKioskRaisesAnAlert()
    {
        startSync();
        setPrinter(devices::DeviceState::Ready);
        heartbeat();
        FleetAlertPolicy policy;
        policy.silentAfterSeconds = 2;
        policy.scanIntervalMs = 200;
        // A backend that was down itself does not blame the kiosks: silence counts from when it listens again.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto justBack = FleetAlerts(*m_backend->store, policy).scanSilent(now.addSecs(60), now.addSecs(59));
        QVERIFY(justBack);
        QVERIFY(justBack.value().raised.isEmpty());
        QVERIFY(alerts(QStringLiteral("silent")).isEmpty());
        FleetWatch watch(*m_backend->store, policy);
        watch.start();
        // The kiosk sends nothing more: after N seconds the watch raises the silent alert, once.
        QTRY_COMPARE_WITH_TIMEOUT(alerts(QStringLiteral("silent")).size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(smsTo(kTeknisiPhone, QStringLiteral("Anjungan tidak terdengar")), 1, 20000);
        QTest::qWait(1000); // several scans while it stays silent
        QCOMPARE(alerts(QStringLiteral("silent")).size(), 1);
        QCOMPARE(smsTo(kTeknisiPhone, QStringLiteral("Anjungan tidak terdengar")), 1);
        // It is heard again: the alert clears.
        heartbeat();
        QVERIFY(alerts(QStringLiteral("silent")).first().clearedAt.isValid());
        watch.stop();
    }

    void teknisiAcknowledgesInTheConsole()
    {
        startSync();
        m_usb.steer(devices::Scanner::State::Waiting);
        setPrinter(devices::DeviceState::Ready);
        heartbeat();
        const auto scanner = alerts(QStringLiteral("scanner_gone"));
        QCOMPARE(scanner.size(), 1);
        const QString row = QStringLiteral("id=\"peringatan-%1\"").arg(scanner.first().id);

        // The kepala desa may not open the fleet page; a teknisi of another kecamatan does not see this kiosk.
        const auto [kadesJar, kadesCsrf] = login(QStringLiteral("kades"));
        QVERIFY(!kadesCsrf.isEmpty());
        QCOMPARE(call(kadesJar, QStringLiteral("GET"), QStringLiteral("/armada")).status, 403);
        const auto [farJar, farCsrf] = login(QStringLiteral("teknisijauh"));
        const Reply far = call(farJar, QStringLiteral("GET"), QStringLiteral("/armada"));
        QCOMPARE(far.status, 200);
        QVERIFY(!far.body.contains("KIOSK-0001"));
        QCOMPARE(call(farJar, QStringLiteral("POST"), QStringLiteral("/armada/peringatan/%1").arg(scanner.first().id),
                     {QStringLiteral("csrf=") + farCsrf})
                     .status,
            403);

        // The teknisi of the kecamatan sees the kiosk and its open alert, and marks it handled.
        const auto [jar, csrf] = login(QStringLiteral("teknisi"));
        Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/armada"));
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("KIOSK-0001"));
        QVERIFY(page.body.contains(row.toUtf8()));
        QVERIFY(page.body.contains("usb:0581:0115"));
        QVERIFY(page.body.contains("Selesai ditangani"));
        const Reply done = call(
            jar, QStringLiteral("POST"), QStringLiteral("/armada/peringatan/%1").arg(scanner.first().id), {QStringLiteral("csrf=") + csrf});
        QCOMPARE(done.status, 303);
        page = call(jar, QStringLiteral("GET"), QStringLiteral("/armada?pesan=peringatan"));
        QVERIFY(!page.body.contains(row.toUtf8()));
        QVERIFY(page.body.contains("Peringatan ditandai selesai ditangani."));

        // The record stays, acknowledged by the teknisi; the condition still lasts, so nothing is raised again.
        const auto kept = alerts(QStringLiteral("scanner_gone"));
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().acknowledgedBy, QStringLiteral("Petugas teknisi"));
        QVERIFY(kept.first().acknowledgedAt.isValid());
        QVERIFY(kept.first().clearedAt.isNull());
        heartbeat();
        QCOMPARE(alerts(QStringLiteral("scanner_gone")).size(), 1);
    }

    /// Kiosk `kioskId`'s alert of `kind`, raised directly in the store (another kiosk of the kecamatan).
    qint64 raiseFor(const QString &kioskId, const QString &kind)
    {
        const auto changes = m_backend->store->reconcileAlerts(kioskId, kDesa, {{kind, QStringLiteral("uji"), QStringLiteral("SMS uji")}},
            {kind}, {}, QStringLiteral("352111/teknisi"), QDateTime::currentDateTimeUtc());
        return changes && changes.value().raised.size() == 1 ? changes.value().raised.first().id : 0;
    }

    /// POST /alerts/{id}/acknowledge as the test kiosk (its own mutual-TLS identity), outside the sync service.
    serverlink::LinkResponse acknowledgeAsKiosk(qint64 id)
    {
        serverlink::LinkClient client(QStringLiteral("https://localhost:%1/api/v1").arg(m_port),
            {m_pki + QStringLiteral("/ca.crt"), m_pki + QStringLiteral("/kiosk.crt"), m_pki + QStringLiteral("/kiosk.key")});
        return client.post(QStringLiteral("/alerts/%1/acknowledge").arg(id),
            serverlink::AlertAcknowledgement {QStringLiteral("tono"), QDateTime::currentDateTimeUtc()}.toJson());
    }

    QStringList openKeys() const
    {
        QStringList keys;
        for (const kiosk::TechnicianAlert &a : kiosk::AlertBook(*m_store).openAlerts())
            keys << a.key;
        return keys;
    }

    void syncRound() { QMetaObject::invokeMethod(m_sync, &kiosk::SyncService::syncNow, Qt::BlockingQueuedConnection); }

    // A technician on the kiosk handles its fleet alert: the kiosk sees only its own, the acknowledgement reaches the
    // backend once, is idempotent and refused for another kiosk's alert; /armada keeps it as handled, not open.
    void kioskAcknowledgesItsOwnAlerts()
    {
        const qint64 other = raiseFor(QStringLiteral("KIOSK-0002"), QStringLiteral("paper_out"));
        QVERIFY(other > 0);
        startSync();
        setPrinter(devices::DeviceState::Ready);
        m_usb.steer(devices::Scanner::State::Waiting);
        heartbeat();
        const auto scanner = alerts(QStringLiteral("scanner_gone"));
        QCOMPARE(scanner.size(), 1);
        const qint64 id = scanner.first().id;
        const QString key = QStringLiteral("armada:%1").arg(id);
        QVERIFY2(openKeys().contains(key), qPrintable(openKeys().join(QLatin1Char(' '))));
        QVERIFY(!openKeys().contains(QStringLiteral("armada:%1").arg(other)));
        for (const kiosk::TechnicianAlert &shown : kiosk::AlertBook(*m_store).openAlerts())
            if (shown.key == key) {
                QVERIFY2(shown.text.startsWith(QStringLiteral("Pemindai")), qPrintable(shown.text));
                QVERIFY(shown.fromBackend);
            }

        QVERIFY(kiosk::AlertBook(*m_store).acknowledge(key, QStringLiteral("tono")));
        QVERIFY(!openKeys().contains(key));
        QVERIFY(kiosk::OutboxRepository(*m_store, QByteArray(32, 'f')).technicianJournal().first().contains(QStringLiteral("tono")));
        syncRound();
        QVERIFY(kiosk::AlertBook(*m_store).pendingAcknowledgements().isEmpty());
        const auto handled = m_backend->store->kioskAlert(id);
        QVERIFY(handled && handled.value());
        QCOMPARE(handled.value()->acknowledgedBy, QStringLiteral("teknisi:tono (anjungan KIOSK-0001)"));
        const QDateTime at = handled.value()->acknowledgedAt;
        QVERIFY(at.isValid());

        // Idempotent: once more changes nothing; another kiosk's alert is refused, an unknown one is not found.
        const auto again = acknowledgeAsKiosk(id);
        QVERIFY2(again.ok(), again.body.constData());
        QCOMPARE(QJsonDocument::fromJson(again.body).object().value(QStringLiteral("alreadyAcknowledged")).toBool(), true);
        QCOMPARE(m_backend->store->kioskAlert(id).value()->acknowledgedAt, at);
        QCOMPARE(acknowledgeAsKiosk(other).status, 403L);
        QVERIFY(m_backend->store->kioskAlert(other).value()->acknowledgedAt.isNull());
        QCOMPARE(acknowledgeAsKiosk(other + 1000).status, 404L);

        // /armada: not open any more, kept as handled with the technician's name.
        const auto [jar, csrf] = login(QStringLiteral("teknisi"));
        const Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/armada"));
        QCOMPARE(page.status, 200);
        QVERIFY(!page.body.contains(QStringLiteral("id=\"peringatan-%1\"").arg(id).toUtf8()));
        QVERIFY(page.body.contains(QStringLiteral("id=\"peringatan-%1\"").arg(other).toUtf8()));
        QVERIFY(page.body.contains("teknisi:tono (anjungan KIOSK-0001)"));

        // Still lasting: not shown again. Ended and back: a new alert, which shows.
        heartbeat();
        QVERIFY(!openKeys().contains(key));
        m_usb.steer(devices::Scanner::State::Ready);
        heartbeat();
        m_usb.steer(devices::Scanner::State::Waiting);
        heartbeat();
        const auto raisedAgain = alerts(QStringLiteral("scanner_gone"));
        QCOMPARE(raisedAgain.size(), 2);
        QVERIFY(openKeys().contains(QStringLiteral("armada:%1").arg(raisedAgain.first().id)));
    }

    // Acknowledged while the backend cannot be reached: kept on the kiosk, delivered once the link is back.
    void offlineAcknowledgementDeliveredOnce()
    {
        startSync();
        setPrinter(devices::DeviceState::Ready);
        m_usb.steer(devices::Scanner::State::Waiting);
        heartbeat();
        const auto scanner = alerts(QStringLiteral("scanner_gone"));
        QCOMPARE(scanner.size(), 1);
        const qint64 id = scanner.first().id;
        const QString key = QStringLiteral("armada:%1").arg(id);
        m_server->stop();
        QVERIFY(kiosk::AlertBook(*m_store).acknowledge(key, QStringLiteral("tono")));
        QVERIFY(!openKeys().contains(key));
        syncRound();
        QCOMPARE(kiosk::AlertBook(*m_store).pendingAcknowledgements().size(), 1);
        QVERIFY(m_backend->store->kioskAlert(id).value()->acknowledgedAt.isNull());

        // The backend listens again on the same port; every acknowledgement it answers is counted.
        auto posts = std::make_shared<std::atomic_int>(0);
        m_server = std::make_unique<ApiServer>(*m_backend->store, m_backend->catalog, *m_backend->workflow, m_backend->seals.get());
        m_server->setExchangeObserver([posts](const ApiExchange &e) {
            if (e.path.contains(QStringLiteral("/acknowledge")))
                ++*posts;
        });
        const auto bound = m_server->start(QStringLiteral("127.0.0.1"), m_port,
            TlsFiles {
                m_pki + QStringLiteral("/server.crt"), m_pki + QStringLiteral("/server.key"), m_pki + QStringLiteral("/kiosk-ca.crt")});
        if (!bound)
            QSKIP("the test port could not be bound again");
        QTRY_VERIFY_WITH_TIMEOUT((syncRound(), kiosk::AlertBook(*m_store).pendingAcknowledgements().isEmpty()), 30000);
        syncRound();
        syncRound();
        QCOMPARE(posts->load(), 1);
        QCOMPARE(m_backend->store->kioskAlert(id).value()->acknowledgedBy, QStringLiteral("teknisi:tono (anjungan KIOSK-0001)"));
        heartbeat();
        QVERIFY(!openKeys().contains(key));
    }

    void heartbeatCarriesTheKiosksState()
    {
        startSync();
        m_usb.steer(devices::Scanner::State::Waiting);
        heartbeat();
        heartbeat(); // the second reports the clock skew the first answer measured
        const auto beat = m_backend->store->latestHeartbeat(QStringLiteral("KIOSK-0001"));
        QVERIFY(beat && beat.value());
        const KioskHeartbeat h = *beat.value();
        QCOMPARE(h.scanners.size(), 2);
        QCOMPARE(h.scanners.at(0).uri, QStringLiteral("usb:0581:0115"));
        QCOMPARE(h.scanners.at(0).state, serverlink::HealthState::Offline);
        QCOMPARE(h.scanners.at(1).state, serverlink::HealthState::Ready);
        QCOMPARE(h.scannerState, QStringLiteral("ready")); // the summary: at least one scanner works
        // The test PKI's kiosk certificate runs 825 days.
        QVERIFY(h.certNotAfter.isValid());
        QVERIFY(h.certNotAfter > QDateTime::currentDateTimeUtc().addDays(800));
        QVERIFY(h.clockSkewSeconds.has_value());
        QVERIFY(qAbs(*h.clockSkewSeconds) < 60);
    }

    void rawPrinterReasonsRaisePaperLow()
    {
        startSync();
        // The ticket printer's door is open (the word the kiosk derives) and its paper runs low underneath.
        kiosk::DeviceHealth health = m_sync->deviceHealth();
        health.printer = kiosk::printerHealth(devices::DeviceState::DoorOpen);
        health.printers
            = {kiosk::printerReport(QStringLiteral("ticket"), {devices::DeviceState::DoorOpen, 5, {"door-open-error", "media-low-report"}}),
                kiosk::printerReport(QStringLiteral("letter"), {devices::DeviceState::Ready, 3, {"none"}})};
        m_sync->setDeviceHealth(health);
        heartbeat();
        const auto beat = m_backend->store->latestHeartbeat(QStringLiteral("KIOSK-0001"));
        QVERIFY(beat && beat.value());
        QCOMPARE(beat.value()->printers.size(), 2);
        QCOMPARE(beat.value()->printers.at(0).printerState, 5);
        QCOMPARE(beat.value()->printers.at(0).reasons, QStringList({"door-open-error", "media-low-report"}));
        QVERIFY(beat.value()->printers.at(1).reasons.isEmpty());
        QCOMPARE(alerts(QStringLiteral("paper_low")).size(), 1);
        QVERIFY(alerts(QStringLiteral("paper_out")).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(smsTo(kTeknisiPhone, QStringLiteral("Kertas printer hampir habis")), 1, 20000);

        // The teknisi reads the reasons in plain words on /armada.
        const auto [jar, csrf] = login(QStringLiteral("teknisi"));
        const Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/armada"));
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("tiket: tutup terbuka, kertas hampir habis"));
        QVERIFY(page.body.contains("surat: tidak ada masalah"));

        // The paper runs out: paper low clears, paper out is raised.
        health.printers[0] = kiosk::printerReport(QStringLiteral("ticket"), {devices::DeviceState::PaperOut, 5, {"media-empty-error"}});
        m_sync->setDeviceHealth(health);
        heartbeat();
        QVERIFY(alerts(QStringLiteral("paper_low")).first().clearedAt.isValid());
        QCOMPARE(alerts(QStringLiteral("paper_out")).size(), 1);
        QCOMPARE(smsTo(kTeknisiPhone, QStringLiteral("Kertas printer hampir habis")), 1);
    }

    void deviceChangeSendsAHeartbeatAtOnce()
    {
        startSync(3600000);
        setPrinter(devices::DeviceState::Ready);
        QMetaObject::invokeMethod(m_sync, &kiosk::SyncService::start, Qt::BlockingQueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(m_sync->heartbeatsSent() >= 1, 20000);
        const int before = m_sync->heartbeatsSent();
        // Three changes in quick succession: one heartbeat after the last (heartbeatIntervalMs is an hour here).
        setPrinter(devices::DeviceState::PaperLow);
        setPrinter(devices::DeviceState::PaperOut);
        QMetaObject::invokeMethod(m_sync, &kiosk::SyncService::deviceStateChanged, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(m_sync->heartbeatsSent(), before + 1, 20000);
        QCOMPARE(alerts(QStringLiteral("paper_out")).size(), 1);
        QTest::qWait(3000);
        QCOMPARE(m_sync->heartbeatsSent(), before + 1);
    }
};

QTEST_GUILESS_MAIN(TestFleet)
#include "tst_fleet.moc"
