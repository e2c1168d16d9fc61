// Crash consistency on real peers: kiosk-loadgen submits 500 requests through the kiosk's own path
// (outbox commit, then the ticket to a private cupsd's capturing "ticket" queue) and runs the real
// SyncService against the real kecamatan-backend process. The test SIGKILLs the loadgen at random
// moments (≥ 30 times) and restarts it on the same data folder, and restarts the backend (≥ 5 times,
// SIGKILL and SIGTERM). Afterwards the backend holds exactly 500 requests, each once; every captured
// ticket's registration number is at the backend; the outbox is empty.
#include "barcode.h"
#include "crypto.h"
#include "escpos.h"
#include "testbackend.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <cstdlib>

namespace {
using testsupport::binary;
using testsupport::source;

constexpr int kSkip = 77;
constexpr int kTotal = 500;
constexpr int kKills = 30;
constexpr int kBackendRestarts = 6;

QByteArray run(const QString &program, const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning().noquote() << program << args.join(QLatin1Char(' ')) << "failed:" << p.readAllStandardError().right(2000);
        return QByteArray("<failed>");
    }
    return p.readAllStandardOutput();
}

QByteArray tail(const QString &file, int bytes)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll().right(bytes) : QByteArray("(no log)");
}
} // namespace

class TestCrashConsistency : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_backend;
    QString m_cupsServer;
    quint16 m_port = 0;
    QSet<QString> m_issued; // "ISSUED" lines: the ticket went to the printer

    QString path(const QString &rel) const { return m_dir.filePath(rel); }

    bool startBackend()
    {
        m_backend.setStandardErrorFile(path(QStringLiteral("backend.log")), QIODevice::Append);
        m_port = quint16(testsupport::startBackend(
            m_backend, path(QStringLiteral("backend")), path(QStringLiteral("pki")), QStringLiteral("127.0.0.1:%1").arg(m_port)));
        return m_port > 0;
    }

    /// Requests in the kiosk's store (0 before its first run), read while no loadgen runs.
    int kioskRequests()
    {
        if (!QFileInfo::exists(path(QStringLiteral("kiosk/data/kiosk.sqlite"))))
            return 0;
        auto db = QSqlDatabase::database(QStringLiteral("crash-kiosk"), false);
        if (!db.isValid()) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("crash-kiosk"));
            db.setDatabaseName(path(QStringLiteral("kiosk/data/kiosk.sqlite")));
        }
        QSqlQuery q(db);
        return db.open() && q.exec(QStringLiteral("SELECT COUNT(*) FROM requests")) && q.next() ? q.value(0).toInt() : -1;
    }

    void printLogs()
    {
        qWarning().noquote() << "kiosk-loadgen log (end):" << tail(path(QStringLiteral("loadgen.log")), 3000);
        qWarning().noquote() << "kecamatan-backend log (end):" << tail(path(QStringLiteral("backend.log")), 3000);
    }

    /// Reads the loadgen's "ISSUED" lines; returns how many came.
    int readIssued(QProcess &loadgen)
    {
        int issued = 0;
        while (loadgen.canReadLine()) {
            const QByteArray line = loadgen.readLine().trimmed();
            if (line.startsWith("ISSUED ")) {
                m_issued.insert(QString::fromLatin1(line.split(' ').value(1)));
                ++issued;
            }
        }
        return issued;
    }

    void startLoadgen(QProcess &loadgen)
    {
        loadgen.setProgram(binary(QStringLiteral("tests/kiosk-loadgen")));
        loadgen.setArguments({QStringLiteral("--config"), path(QStringLiteral("kiosk/anjungan.conf")), QStringLiteral("--total"),
            QString::number(kTotal), QStringLiteral("--pause-ms"), QStringLiteral("40")});
        loadgen.setStandardErrorFile(path(QStringLiteral("loadgen.log")), QIODevice::Append);
        testsupport::dieWithTest(loadgen);
        loadgen.start();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/sbin/cupsd")) || QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            qWarning("cupsd or openssl is not installed: no printer or PKI to test with");
            std::exit(kSkip);
        }
        QVERIFY(m_dir.isValid());
        QVERIFY(run(source(QStringLiteral("scripts/make-test-pki")), {path(QStringLiteral("pki"))}) != "<failed>");
        const QByteArray cups
            = run(source(QStringLiteral("scripts/private-cupsd")), {QStringLiteral("start"), path(QStringLiteral("cups"))});
        if (!cups.startsWith("CUPS_SERVER=")) {
            qWarning("the private cupsd did not start");
            std::exit(kSkip);
        }
        m_cupsServer = QString::fromLatin1(cups.mid(12).trimmed());
        QVERIFY(testsupport::registerTestKiosk(path(QStringLiteral("backend")), path(QStringLiteral("pki"))));
        QVERIFY(startBackend());
        QDir().mkpath(path(QStringLiteral("kiosk")));
        QFile conf(path(QStringLiteral("kiosk/anjungan.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write(QStringLiteral("[kiosk]\nid=KIOSK-0001\ndesaCode=3521112004\nofficeName=Kantor Desa Pitu\ndataDir=data\n"
                                  "[server]\nurl=https://localhost:%1/api/v1\ncaFile=../pki/ca.crt\nclientCert=../pki/kiosk.crt\n"
                                  "clientKey=../pki/kiosk.key\nsyncIntervalMs=300\nheartbeatIntervalMs=2000\n"
                                  "[printers]\ncupsServer=%2\nticket=cups:ticket\n")
                       .arg(m_port)
                       .arg(m_cupsServer)
                       .toUtf8());
    }

    void cleanupTestCase()
    {
        m_backend.terminate();
        m_backend.waitForFinished(10000);
        if (!m_cupsServer.isEmpty())
            run(source(QStringLiteral("scripts/private-cupsd")), {QStringLiteral("stop"), path(QStringLiteral("cups"))});
    }

    void killedAndRestartedYetExactlyOnce()
    {
        auto *random = QRandomGenerator::global();
        int kills = 0, backendRestarts = 0;
        while (kills < kKills) {
            // Each round issues at most a fair share of what is left, so the load outlasts the kills
            // (a loadgen that has nothing left to do exits by itself and cannot be killed).
            const int left = kTotal - kioskRequests();
            QVERIFY2(left > 0, qPrintable(QStringLiteral("all %1 requests were submitted after only %2 kills").arg(kTotal).arg(kills)));
            // Every other round is cut after a random number of tickets, the rest at a random moment only.
            const int fairShare = std::max(1, left / (kKills - kills));
            const int issueLimit = kills % 2 == 0 ? fairShare : int(random->bounded(1, fairShare + 1));
            QProcess loadgen;
            startLoadgen(loadgen);
            QVERIFY(loadgen.waitForStarted(10000));
            // A random moment: during start-up, submission, printing, delivery or shutdown of a round.
            QDeadlineTimer moment(random->bounded(200, 2500));
            int issued = 0;
            while (!moment.hasExpired() && loadgen.state() == QProcess::Running && issued < issueLimit) {
                loadgen.waitForReadyRead(20);
                issued += readIssued(loadgen);
            }
            if (loadgen.state() == QProcess::Running) {
                loadgen.kill(); // SIGKILL
                ++kills;
            }
            loadgen.waitForFinished(10000);
            readIssued(loadgen);
            if (loadgen.exitStatus() == QProcess::NormalExit && loadgen.exitCode() != 0) {
                printLogs();
                QFAIL(qPrintable(QStringLiteral("kiosk-loadgen failed with exit code %1").arg(loadgen.exitCode())));
            }
            // Every fifth kill, the backend goes too (alternately killed and stopped).
            if (kills % 5 == 0 && backendRestarts < kBackendRestarts) {
                if (backendRestarts % 2 == 0)
                    m_backend.kill();
                else
                    m_backend.terminate();
                QVERIFY(m_backend.waitForFinished(15000));
                QVERIFY(startBackend());
                ++backendRestarts;
            }
        }

        // Recovery: one more run to the end (it exits once the backend has everything). The last
        // submissions take 20 s; delivery after the restarts a few more.
        const int submittedWhileKilled = kioskRequests();
        QProcess last;
        startLoadgen(last);
        QVERIFY(last.waitForStarted(10000));
        QDeadlineTimer deadline(300000);
        while (!deadline.hasExpired() && last.state() == QProcess::Running)
            last.waitForReadyRead(200);
        readIssued(last);
        if (last.state() == QProcess::Running) {
            last.kill();
            last.waitForFinished(10000);
            printLogs();
            QFAIL("the recovery run did not drain the outbox within 5 minutes");
        }
        if (last.exitStatus() != QProcess::NormalExit || last.exitCode() != 0)
            printLogs();
        QCOMPARE(last.exitStatus(), QProcess::NormalExit);
        QCOMPARE(last.exitCode(), 0);

        // The backend: exactly 500, each once.
        const QJsonArray atBackend = QJsonDocument::fromJson(
            run(binary(QStringLiteral("backend/kecamatan-backend")),
                {QStringLiteral("list"), QStringLiteral("--data"), path(QStringLiteral("backend")), QStringLiteral("--json")}))
                                         .array();
        QSet<QString> backendRegs;
        for (const QJsonValue &v : atBackend)
            backendRegs.insert(v.toObject().value(QStringLiteral("registrationNumber")).toString());
        const int duplicates = int(atBackend.size() - backendRegs.size());

        // The kiosk: 500 requests, none waiting, none parked.
        QVERIFY(kioskRequests() >= 0); // opens the connection
        auto db = QSqlDatabase::database(QStringLiteral("crash-kiosk"));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), SUM(CASE WHEN delivered_at IS NULL THEN 1 ELSE 0 END),"
                                      " SUM(CASE WHEN parked_reason IS NULL THEN 0 ELSE 1 END) FROM requests")));
        QVERIFY(q.next());
        const int kioskCount = q.value(0).toInt();
        const int undelivered = q.value(1).toInt();
        const int parked = q.value(2).toInt();

        // Every captured ticket: QR → status token → the kiosk's request → at the backend.
        QDir ticketDir(path(QStringLiteral("cups/output/ticket")));
        // cupsd hands the last jobs to the capture backend shortly after they were accepted.
        QDeadlineTimer captureDeadline(60000);
        while (!captureDeadline.hasExpired() && ticketDir.entryList({QStringLiteral("job-*.bin")}, QDir::Files).size() < m_issued.size())
            QTest::qWait(200);
        const QStringList tickets = ticketDir.entryList({QStringLiteral("job-*.bin")}, QDir::Files);
        int ticketsAtBackend = 0, unreadable = 0, unknown = 0;
        for (const QString &name : tickets) {
            QFile f(ticketDir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const auto qr = devices::barcode::decode(devices::escpos::rasterToImage(f.readAll()));
            if (!qr || !qr->startsWith(QStringLiteral("ADT1:"))) {
                ++unreadable;
                continue;
            }
            QSqlQuery t(db);
            t.prepare(QStringLiteral("SELECT registration_number FROM requests WHERE status_token_hash = ?"));
            t.addBindValue(serverlink::crypto::sha256(qr->mid(5).toLatin1()));
            if (t.exec() && t.next() && backendRegs.contains(t.value(0).toString()))
                ++ticketsAtBackend;
            else
                ++unknown;
        }
        int issuedAtBackend = 0;
        for (const QString &reg : std::as_const(m_issued))
            issuedAtBackend += backendRegs.contains(reg) ? 1 : 0;

        qInfo().noquote() << QStringLiteral(
            "crash consistency: %1 kills, %2 backend restarts while %8 requests were submitted; kiosk holds %3 requests, %4 undelivered, "
            "%5 parked; backend holds %6 (%7 duplicates)")
                                 .arg(kills)
                                 .arg(backendRestarts)
                                 .arg(kioskCount)
                                 .arg(undelivered)
                                 .arg(parked)
                                 .arg(atBackend.size())
                                 .arg(duplicates)
                                 .arg(submittedWhileKilled);
        qInfo().noquote() << QStringLiteral("tickets: %1 issued, %2 captured, %3 at the backend, %4 unreadable, %5 without a request")
                                 .arg(m_issued.size())
                                 .arg(tickets.size())
                                 .arg(ticketsAtBackend)
                                 .arg(unreadable)
                                 .arg(unknown);

        QVERIFY(kills >= kKills);
        QVERIFY(backendRestarts >= 5);
        QCOMPARE(kioskCount, kTotal);
        QCOMPARE(undelivered, 0);
        QCOMPARE(parked, 0);
        QCOMPARE(int(atBackend.size()), kTotal);
        QCOMPARE(duplicates, 0);
        QCOMPARE(issuedAtBackend, int(m_issued.size()));
        QVERIFY(tickets.size() >= m_issued.size());
        QCOMPARE(unreadable, 0);
        QCOMPARE(unknown, 0);
        QCOMPARE(ticketsAtBackend, int(tickets.size()));
    }
};

int main(int argc, char *argv[])
{
    // 500 submissions, 30 kills and 6 backend restarts take about 3 minutes alone, longer on a busy machine:
    // more than QtTest's default 5-minute watchdog for one test function allows.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "1100000");
    QCoreApplication app(argc, argv);
    TestCrashConsistency test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_crash_consistency.moc"
