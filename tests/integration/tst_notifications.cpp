// Citizen SMS through the real kecamatan-backend process: transitions made by the backend's own
// CLI (another process) enqueue rows, `serve` delivers them to a local HTTP SMS gateway. The
// gateway sees exactly one message per event, also when `serve` is SIGKILLed between enqueue
// and send and restarted; a kill while a message is on the wire resends it with the same
// Idempotency-Key, which the gateway uses to deliver it once.
#include "backendstore.h"
#include "smsgatewayreceiver.h"
#include "testbackend.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace backend;
using serverlink::Stage;

namespace {

const QString kDesa = QStringLiteral("3521112004");

using testsupport::binary;
using testsupport::source;

bool runOk(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning().noquote() << program << args.join(QLatin1Char(' ')) << "failed:" << p.readAllStandardError().right(2000);
        return false;
    }
    return true;
}

NewRequest makeRequest(const QString &reg, const QString &phone)
{
    NewRequest n;
    n.kioskId = QStringLiteral("KIOSK-0001");
    n.desaCode = kDesa;
    n.idempotencyKey = reg + QStringLiteral("-idempotency-key");
    n.submit.registrationNumber = reg;
    n.submit.serviceCode = QStringLiteral("DOMISILI");
    n.submit.nik = QStringLiteral("3521114506800002");
    n.submit.name = QStringLiteral("Siti Aminah");
    n.submit.address = QStringLiteral("Dusun Krajan, Pitu");
    n.submit.purpose = QStringLiteral("Administrasi");
    n.submit.phone = phone;
    n.submit.submittedAt = QDateTime::currentDateTimeUtc();
    n.bodySha256 = QString::fromLatin1(QCryptographicHash::hash(n.submit.toJson(), QCryptographicHash::Sha256).toHex());
    return n;
}

} // namespace

class TestNotifications : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_backend;
    SmsGatewayReceiver m_gateway;
    std::unique_ptr<BackendStore> m_store; // the test's own connection to the backend's database file

    QString path(const QString &rel) const { return m_dir.filePath(rel); }
    QString dataDir() const { return path(QStringLiteral("backend")); }

    bool startBackend()
    {
        m_backend.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        return testsupport::startBackend(m_backend, dataDir(), path(QStringLiteral("pki"))) > 0;
    }

    void killBackend()
    {
        m_backend.kill(); // SIGKILL: no clean shutdown, whatever was in flight is cut
        m_backend.waitForFinished(10000);
    }

    /// One officer step through the CLI, as `username` (password on stdin).
    bool act(const QString &username, const QString &reg, const QString &action, const QStringList &extra = {})
    {
        return runOk(binary(QStringLiteral("backend/kecamatan-backend")),
            QStringList {QStringLiteral("act"), QStringLiteral("--data"), dataDir(), QStringLiteral("--as"), username, reg, action} + extra,
            username.toUtf8() + "-sandi-panjang\n");
    }
    bool addOfficer(const QString &username, const QString &role)
    {
        return runOk(binary(QStringLiteral("backend/kecamatan-backend")),
            {QStringLiteral("officer"), QStringLiteral("add"), QStringLiteral("--data"), dataDir(), QStringLiteral("--username"), username,
                QStringLiteral("--role"), role, QStringLiteral("--office"), kDesa},
            username.toUtf8() + "-sandi-panjang\n");
    }
    /// The desa front office checks the three DOMISILI requirements; the kepala desa signs (the letter is READY).
    bool approve(const QString &reg)
    {
        return act(QStringLiteral("pelayanan"), reg, QStringLiteral("setujui"), {QStringLiteral("--checklist"), QStringLiteral("1,2,3")})
            && act(QStringLiteral("kades"), reg, QStringLiteral("setujui"));
    }
    bool reject(const QString &reg, const QString &reason)
    {
        return act(QStringLiteral("pelayanan"), reg, QStringLiteral("tolak"), {QStringLiteral("--note"), reason});
    }

    NotificationRecord row(const QString &reg)
    {
        const auto all = m_store->notifications();
        if (all)
            for (const NotificationRecord &n : all.value())
                if (n.registrationNumber == reg)
                    return n;
        return {};
    }
    int postsFor(const QString &key) const
    {
        int n = 0;
        for (const auto &p : m_gateway.posts())
            n += p.idempotencyKey == key ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            std::printf("SKIP: openssl is not installed (test PKI)\n");
            std::exit(77);
        }
        QVERIFY(testsupport::makePki(path(QStringLiteral("pki"))));
        QVERIFY(m_gateway.listen());
        QVERIFY(QDir().mkpath(dataDir()));
        QFile ini(QDir(dataDir()).filePath(QStringLiteral("notifications.ini")));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write(QStringLiteral("[sms]\ntransport=http\nurl=%1\nallow_plain_http=true\ntoken=uji-token\n"
                                 "[outbox]\npoll_interval_ms=100\nretry_base_ms=100\nretry_cap_ms=400\n")
                      .arg(m_gateway.url())
                      .toUtf8());
        ini.close();
        auto store = BackendStore::open(QDir(dataDir()).filePath(QStringLiteral("backend.sqlite")));
        QVERIFY(store);
        m_store = std::move(store.value());
        for (const QString &reg : {QStringLiteral("N-READY"), QStringLiteral("N-REJECT"), QStringLiteral("N-FIX"),
                 QStringLiteral("N-KILL1"), QStringLiteral("N-KILL2"), QStringLiteral("N-WIRE")})
            QVERIFY(m_store->insertRequest(makeRequest(reg, QStringLiteral("+6281234567890"))));
        QVERIFY(m_store->insertRequest(makeRequest(QStringLiteral("N-NOPHONE"), QString())));
        // The officers who take the steps, without phones (their SLA reminders stay out of the gateway's count).
        QVERIFY(addOfficer(QStringLiteral("pelayanan"), QStringLiteral("desa_front_office")));
        QVERIFY(addOfficer(QStringLiteral("kades"), QStringLiteral("kepala_desa")));
        QVERIFY(startBackend());
    }
    void cleanupTestCase()
    {
        killBackend();
        m_store.reset();
    }

    void onePerEvent()
    {
        m_gateway.setMode(SmsGatewayReceiver::Mode::Accept);
        QVERIFY(approve(QStringLiteral("N-READY")));
        QVERIFY(reject(QStringLiteral("N-REJECT"), QStringLiteral("Bukan warga Desa Pitu")));
        QVERIFY(approve(QStringLiteral("N-NOPHONE")));
        // NEEDS_FIX through the store (the officer console's path), from this process.
        Transition fix {Stage::Received, Stage::NeedsFix, QStringLiteral("Sri"), QStringLiteral("petugas_desa"),
            QStringLiteral("Foto KK buram"), std::nullopt, std::nullopt};
        fix.notification = transitionNotification(
            QStringLiteral("N-FIX"), QStringLiteral("+6281234567890"), Stage::NeedsFix, fix.note, QDateTime::currentDateTimeUtc());
        QVERIFY(m_store->applyTransition(QStringLiteral("N-FIX"), fix));
        for (const QString &reg : {QStringLiteral("N-READY"), QStringLiteral("N-REJECT"), QStringLiteral("N-FIX")})
            QTRY_COMPARE_WITH_TIMEOUT(row(reg).status, QStringLiteral("sent"), 30000);
        // Every row is sent, so nothing is left that could be sent again: the counts are final.
        QCOMPARE(m_gateway.posts().size(), 3);
        QCOMPARE(m_gateway.deliveredCount(), 3);
        QVERIFY(row(QStringLiteral("N-NOPHONE")).eventKey.isEmpty());
        for (const auto &[reg, words] : {std::pair {QStringLiteral("N-READY"), QStringLiteral("sudah selesai")},
                 std::pair {QStringLiteral("N-REJECT"), QStringLiteral("ditolak: Bukan warga Desa Pitu")},
                 std::pair {QStringLiteral("N-FIX"), QStringLiteral("perlu diperbaiki: Foto KK buram")}}) {
            const NotificationRecord n = row(reg);
            QCOMPARE(m_gateway.acceptedPosts(n.eventKey), 1);
            bool found = false;
            for (const auto &p : m_gateway.posts())
                found = found || (p.idempotencyKey == n.eventKey && p.body.value(QStringLiteral("text")).toString().contains(words));
            QVERIFY2(found, qPrintable(reg));
            QCOMPARE(m_gateway.posts().first().authorization, QStringLiteral("Bearer uji-token"));
        }
        std::printf("onePerEvent: 3 events, %lld POSTs, %d delivered\n", qlonglong(m_gateway.posts().size()), m_gateway.deliveredCount());
    }

    void killedBetweenEnqueueAndSend()
    {
        m_gateway.setMode(SmsGatewayReceiver::Mode::Unavailable);
        const auto before = m_gateway.posts().size();
        const int deliveredBefore = m_gateway.deliveredCount();
        QVERIFY(approve(QStringLiteral("N-KILL1")));
        const QString key1 = row(QStringLiteral("N-KILL1")).eventKey;
        QVERIFY(!key1.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(postsFor(key1) >= 1, 30000); // tried, gateway down (503)
        killBackend();
        // Enqueued while no backend runs at all.
        QVERIFY(reject(QStringLiteral("N-KILL2"), QStringLiteral("Data tidak sesuai KK")));
        const QString key2 = row(QStringLiteral("N-KILL2")).eventKey;
        QCOMPARE(row(QStringLiteral("N-KILL1")).status, QStringLiteral("pending"));
        QCOMPARE(row(QStringLiteral("N-KILL2")).status, QStringLiteral("pending"));
        m_gateway.setMode(SmsGatewayReceiver::Mode::Accept);
        QVERIFY(startBackend());
        QTRY_COMPARE_WITH_TIMEOUT(row(QStringLiteral("N-KILL1")).status, QStringLiteral("sent"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(row(QStringLiteral("N-KILL2")).status, QStringLiteral("sent"), 30000);
        QCOMPARE(m_gateway.acceptedPosts(key1), 1);
        QCOMPARE(m_gateway.acceptedPosts(key2), 1);
        QCOMPARE(postsFor(key2), 1);
        QCOMPARE(m_gateway.deliveredCount(), deliveredBefore + 2);
        std::printf("killedBetweenEnqueueAndSend: %lld POSTs (%d refused by the gateway before the kill), 2 delivered once each\n",
            qlonglong(m_gateway.posts().size() - before), postsFor(key1) - 1);
    }

    void killedWhileOnTheWire()
    {
        m_gateway.setMode(SmsGatewayReceiver::Mode::Hold);
        const int deliveredBefore = m_gateway.deliveredCount();
        QVERIFY(approve(QStringLiteral("N-WIRE")));
        const QString key = row(QStringLiteral("N-WIRE")).eventKey;
        QTRY_VERIFY_WITH_TIMEOUT(postsFor(key) == 1, 30000); // the gateway has it and has not answered
        killBackend();
        QCOMPARE(row(QStringLiteral("N-WIRE")).status, QStringLiteral("pending"));
        m_gateway.setMode(SmsGatewayReceiver::Mode::Accept);
        QVERIFY(startBackend());
        QTRY_COMPARE_WITH_TIMEOUT(row(QStringLiteral("N-WIRE")).status, QStringLiteral("sent"), 30000);
        // Sent twice on the wire with one key; the gateway delivers that key once.
        QCOMPARE(postsFor(key), 2);
        QCOMPARE(m_gateway.acceptedPosts(key), 1);
        QCOMPARE(m_gateway.deliveredCount(), deliveredBefore + 1);
        std::printf("killedWhileOnTheWire: 2 POSTs with Idempotency-Key %s, delivered once\n", qPrintable(key));
    }

    void officerSlaReminder()
    {
        m_gateway.setMode(SmsGatewayReceiver::Mode::Accept);
        // The desa front office gets a number through the CLI (password on stdin), as written by hand.
        QProcess add;
        add.start(binary(QStringLiteral("backend/kecamatan-backend")),
            {QStringLiteral("officer"), QStringLiteral("add"), QStringLiteral("--data"), dataDir(), QStringLiteral("--username"),
                QStringLiteral("kaur"), QStringLiteral("--role"), QStringLiteral("desa_front_office"), QStringLiteral("--office"), kDesa,
                QStringLiteral("--phone"), QStringLiteral("0813-1111-2222")});
        add.write("sandi-kaur-panjang\n");
        add.closeWriteChannel();
        QVERIFY(add.waitForFinished(120000) && add.exitCode() == 0);
        const qint64 officerId = m_store->officerByUsername(QStringLiteral("kaur")).value().id;
        QVERIFY(m_store->insertRequest(makeRequest(QStringLiteral("N-LATE"), QString())));
        // Received 30 days ago (past every service's SLA); the restarted backend's first reminder scan finds it late.
        killBackend();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("backdate"));
            db.setDatabaseName(QDir(dataDir()).filePath(QStringLiteral("backend.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            q.prepare(QStringLiteral("UPDATE events SET at = ? WHERE registration_number = 'N-LATE'"));
            q.addBindValue(QDateTime::currentDateTimeUtc().addDays(-30).toString(Qt::ISODateWithMs));
            QVERIFY2(q.exec() && q.numRowsAffected() == 1, qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("backdate"));
        QVERIFY(startBackend());
        QTRY_COMPARE_WITH_TIMEOUT(row(QStringLiteral("N-LATE")).status, QStringLiteral("sent"), 30000);
        const NotificationRecord n = row(QStringLiteral("N-LATE"));
        const QString key
            = QStringLiteral("sla:N-LATE:%1:%2").arg(m_store->events(QStringLiteral("N-LATE")).value().last().sequence).arg(officerId);
        QCOMPARE(n.eventKey, key);
        QCOMPARE(n.recipientKind, QStringLiteral("officer"));
        QCOMPARE(n.recipient, QStringLiteral("+62813*****222"));
        QCOMPARE(m_gateway.acceptedPosts(key), 1);
        bool found = false;
        for (const auto &p : m_gateway.posts())
            found = found
                || (p.idempotencyKey == key && p.body.value(QStringLiteral("to")).toString() == QStringLiteral("+6281311112222")
                    && p.body.value(QStringLiteral("text")).toString().contains(QStringLiteral("N-LATE")));
        QVERIFY(found);
        std::printf("officerSlaReminder: %s delivered to the desa front office's phone\n", qPrintable(key));
    }
};

QTEST_MAIN(TestNotifications)
#include "tst_notifications.moc"
