// Issue #17 H1: what an unauthenticated sender can make the backend hold. The real `kecamatan-backend serve`
// (kiosk API and officer console) is attacked over real TLS with QSslSocket: chunked and huge announced
// bodies, hundreds of idle connections and a slow-loris (docs/decisions/0027-request-limits.md).
#include "connectionguard.h"
#include "testbackend.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QRegularExpression>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace backend;

namespace {

constexpr int kHeaderTimeoutSeconds = 3; // [koneksi] header_timeout_seconds of this test's backend
constexpr int kChunk = 64 * 1024;
constexpr int kChunkedBodyBytes = 1024 * 1024;
constexpr qint64 kMaxRssGrowthKb = 4 * 1024;
constexpr int kIdleConnections = 200;

/// The backend's resident memory in KiB, from /proc/PID/status.
qint64 residentKb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

/// Everything the peer sent until its answer's headers are complete, the peer closed, or `ms` passed.
QByteArray answerHead(QSslSocket &socket, int ms)
{
    QByteArray got;
    QDeadlineTimer deadline(ms);
    while (!got.contains("\r\n\r\n") && !deadline.hasExpired()) {
        got += socket.readAll();
        if (got.contains("\r\n\r\n") || socket.state() != QAbstractSocket::ConnectedState)
            break;
        socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    }
    return got + socket.readAll();
}

} // namespace

class TestRequestLimits : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pki;
    QProcess m_backend;
    quint16 m_port = 0;
    quint16 m_consolePort = 0;

    QString path(const QString &rel) const { return m_dir.filePath(rel); }

    std::unique_ptr<QSslSocket> connectTls(quint16 port, bool asKiosk = false, const QHostAddress &from = {})
    {
        auto socket = std::make_unique<QSslSocket>();
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        if (asKiosk) {
            QFile key(m_pki + QStringLiteral("/kiosk.key"));
            if (key.open(QIODevice::ReadOnly))
                socket->setPrivateKey(QSslKey(key.readAll(), QSsl::Ec, QSsl::Pem));
            socket->setLocalCertificate(m_pki + QStringLiteral("/kiosk.crt"));
        }
        if (!from.isNull() && !socket->bind(from))
            return nullptr;
        socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        return socket;
    }

    /// `serve` on free ports with the kiosk API and the console and `ini` as its settings file.
    bool startServe(QProcess &backend, const QString &data, const QString &ini, quint16 *port, quint16 *consolePort)
    {
        backend.setProcessChannelMode(QProcess::SeparateChannels);
        backend.setStandardErrorFile(data + QStringLiteral(".log"));
        const auto [api, console] = testsupport::startBackendWithConsole(backend, data, m_pki, {QStringLiteral("--notify-config"), ini});
        if (api == 0)
            return false;
        *port = api;
        *consolePort = console;
        return true;
    }

    /// Sends the headers of a chunked POST to `path` and its first 64 KiB chunk; the answer must come before
    /// the rest of the 1 MiB body is sent (the rest then goes to a closed connection), and RSS stays flat.
    void refuseChunkedBefore(quint16 port, const QByteArray &path)
    {
        const qint64 before = residentKb(m_backend.processId());
        QVERIFY(before > 0);
        auto socket = connectTls(port);
        QVERIFY(socket->waitForEncrypted(10000));
        const QByteArray chunk = QByteArray::number(kChunk, 16) + "\r\n" + QByteArray(kChunk, 'x') + "\r\n";
        socket->write(
            "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        socket->write(chunk);
        socket->flush();
        const QByteArray answer = answerHead(*socket, 3000);
        QVERIFY2(answer.startsWith("HTTP/1.1 413") || answer.startsWith("HTTP/1.1 411"), answer.left(200).constData());
        QVERIFY2(answer.contains("Connection: close"), answer.left(300).constData());
        for (int sent = kChunk; sent < kChunkedBodyBytes && socket->state() == QAbstractSocket::ConnectedState; sent += kChunk)
            socket->write(chunk);
        socket->write("0\r\n\r\n");
        socket->waitForBytesWritten(2000);
        QVERIFY2(socket->state() != QAbstractSocket::ConnectedState || socket->waitForDisconnected(3000),
            "the backend kept the connection of a refused body open");
        const qint64 after = residentKb(m_backend.processId());
        QVERIFY2(after - before < kMaxRssGrowthKb, qPrintable(QStringLiteral("RSS %1 -> %2 KiB").arg(before).arg(after)));
    }

    /// Announces a 400 MB body and sends none of it: 413 at once, and the connection closes.
    void refuseAnnouncedBefore(quint16 port, const QByteArray &path)
    {
        auto socket = connectTls(port);
        QVERIFY(socket->waitForEncrypted(10000));
        QElapsedTimer clock;
        clock.start();
        socket->write(
            "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 400000000\r\n\r\n");
        socket->flush();
        const QByteArray answer = answerHead(*socket, 4500);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
        // cpp-httplib 0.11.4 alone answers only after its 5 s read timeout, having waited for the body to skip it.
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QStringLiteral("answered after %1 ms").arg(clock.elapsed())));
        QVERIFY2(socket->state() != QAbstractSocket::ConnectedState || socket->waitForDisconnected(2000),
            "the backend kept the connection of a refused body open");
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed: no test PKI for the backend");
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here: no TLS client for the attacks");
        QVERIFY(m_dir.isValid());
        m_pki = path(QStringLiteral("pki"));
        QVERIFY(testsupport::makePki(m_pki));
        const QString data = path(QStringLiteral("data"));
        QVERIFY(testsupport::registerTestKiosk(data, m_pki));
        QFile ini(path(QStringLiteral("backend.ini")));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write(QStringLiteral("[koneksi]\nheader_timeout_seconds=%1\n").arg(kHeaderTimeoutSeconds).toUtf8());
        ini.close();
        QVERIFY(startServe(m_backend, data, ini.fileName(), &m_port, &m_consolePort));
    }

    void cleanupTestCase()
    {
        m_backend.kill();
        m_backend.waitForFinished(5000);
    }

    /// The verdict on a request's headers, against a table written here (not the product's rules).
    void bodyVerdictFollowsItsTable()
    {
        const QList<BodyRule> rules {{QStringLiteral("PUT"), QStringLiteral("/up/[0-9a-f]+"), 1000},
            {QStringLiteral("POST"), QStringLiteral("/masuk"), 10}, {QStringLiteral("POST"), {}, 100}};
        struct Case {
            const char *method;
            const char *path;
            QStringList lengths;
            bool chunked;
            int verdict;
        };
        const QList<Case> cases {
            {"POST", "/a", {QStringLiteral("100")}, false, 0},
            {"POST", "/a", {QStringLiteral("101")}, false, 413},
            {"POST", "/a", {}, false, 411},
            {"POST", "/a", {}, true, 411},
            {"POST", "/a", {QStringLiteral("5")}, true, 411},
            {"POST", "/a", {QStringLiteral("5"), QStringLiteral("5")}, false, 400},
            {"POST", "/a", {QStringLiteral("-1")}, false, 400},
            {"POST", "/a", {QStringLiteral("+5")}, false, 400},
            {"POST", "/a", {QStringLiteral("99999999999999999999")}, false, 400},
            {"POST", "/masuk", {QStringLiteral("10")}, false, 0},
            {"POST", "/masuk", {QStringLiteral("11")}, false, 413},
            {"POST", "/masuk/x", {QStringLiteral("50")}, false, 0},
            {"PUT", "/up/ab12", {QStringLiteral("1000")}, false, 0},
            {"PUT", "/up/ab12", {QStringLiteral("1001")}, false, 413},
            {"PUT", "/up/zz", {QStringLiteral("1")}, false, 413},
            {"PUT", "/up/ab12", {}, false, 411},
            {"PATCH", "/a", {}, false, 411},
            {"GET", "/a", {}, false, 0},
            {"GET", "/a", {QStringLiteral("0")}, false, 0},
            {"GET", "/a", {QStringLiteral("1")}, false, 413},
            {"GET", "/a", {}, true, 411},
            {"HEAD", "/up/ab12", {}, false, 0},
        };
        for (const Case &c : cases)
            QVERIFY2(bodyVerdict(rules, QLatin1String(c.method), QLatin1String(c.path), c.lengths, c.chunked) == c.verdict,
                qPrintable(QStringLiteral("%1 %2 %3 chunked=%4")
                               .arg(QLatin1String(c.method), QLatin1String(c.path), c.lengths.join(QLatin1Char(',')),
                                   c.chunked ? QStringLiteral("yes") : QStringLiteral("no"))));
    }

    /// [koneksi] values below their minimum are raised: no setting switches a bound or a timeout off.
    void settingsCannotSwitchALimitOff()
    {
        QFile ini(path(QStringLiteral("zero.ini")));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[koneksi]\nworker_threads=0\nmax_pending_connections=0\nmax_connections_per_peer=-1\n"
                  "header_timeout_seconds=0\nrequest_timeout_seconds=0\nmin_body_bytes_per_second=0\n");
        ini.close();
        const auto limits = ConnectionLimits::load(ini.fileName());
        QVERIFY(limits);
        QCOMPARE(limits.value().workerThreads, 2);
        QCOMPARE(limits.value().maxPendingConnections, 1);
        QCOMPARE(limits.value().maxConnectionsPerPeer, 1);
        QCOMPARE(limits.value().headerTimeoutSeconds, 1);
        QCOMPARE(limits.value().requestTimeoutSeconds, 1);
        QCOMPARE(limits.value().minBodyBytesPerSecond, 1);
        const auto defaults = ConnectionLimits::load(path(QStringLiteral("missing.ini")));
        QVERIFY(defaults);
        QCOMPARE(defaults.value().headerTimeoutSeconds, ConnectionLimits {}.headerTimeoutSeconds);
    }

    void chunkedEnrollIsRefusedBeforeItsBody() { refuseChunkedBefore(m_port, "/api/v1/enroll"); }

    void chunkedLoginIsRefusedBeforeItsBody() { refuseChunkedBefore(m_consolePort, "/masuk"); }

    void announcedHugeEnrollIsRefusedUnread() { refuseAnnouncedBefore(m_port, "/api/v1/enroll"); }

    void announcedHugeLoginIsRefusedUnread() { refuseAnnouncedBefore(m_consolePort, "/masuk"); }

    /// 200 idle TLS connections from another address (127.0.0.2) do not keep a kiosk (127.0.0.1) waiting.
    void idleConnectionsDoNotStopAKiosk()
    {
        std::vector<std::unique_ptr<QSslSocket>> idle;
        for (int i = 0; i < kIdleConnections; ++i) {
            auto socket = connectTls(m_port, false, QHostAddress(QStringLiteral("127.0.0.2")));
            if (!socket)
                QSKIP("cannot bind a client socket to 127.0.0.2");
            idle.push_back(std::move(socket));
        }
        QTest::qWait(1000); // the handshakes the backend takes on complete; the rest wait in its queue
        QElapsedTimer clock;
        clock.start();
        auto kiosk = connectTls(m_port, true);
        QVERIFY(kiosk->waitForEncrypted(10000));
        kiosk->write("GET /api/v1/catalog HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        const QByteArray answer = answerHead(*kiosk, 10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.left(300).constData());
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QStringLiteral("the kiosk waited %1 ms").arg(clock.elapsed())));
    }

    /// With two workers and two waiting places, ten silent connections: those beyond are closed at once.
    void fullQueueClosesConnectionsAtOnce()
    {
        QFile ini(path(QStringLiteral("queue.ini")));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[koneksi]\nworker_threads=2\nmax_pending_connections=2\nmax_connections_per_peer=100\n");
        ini.close();
        QProcess backend;
        quint16 port = 0;
        quint16 consolePort = 0;
        QVERIFY(startServe(backend, path(QStringLiteral("queue-data")), ini.fileName(), &port, &consolePort));
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < 10; ++i) {
            silent.push_back(std::make_unique<QTcpSocket>());
            silent.back()->connectToHost(QStringLiteral("127.0.0.1"), port);
            QVERIFY(silent.back()->waitForConnected(5000));
        }
        QTest::qWait(1000);
        const auto closed = std::count_if(silent.cbegin(), silent.cend(), [](const std::unique_ptr<QTcpSocket> &s) {
            return s->state() != QAbstractSocket::ConnectedState || s->waitForDisconnected(10);
        });
        QVERIFY2(closed >= 5, qPrintable(QStringLiteral("%1 of 10 closed").arg(closed)));
        backend.kill();
        backend.waitForFinished(5000);
    }

    /// Headers trickling in a byte every half second are cut after header_timeout_seconds.
    void slowLorisIsCut()
    {
        auto socket = connectTls(m_port);
        QVERIFY(socket->waitForEncrypted(10000));
        QElapsedTimer clock;
        clock.start();
        socket->write("GET /api/v1/catalog HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lambat: ");
        socket->flush();
        while (socket->state() == QAbstractSocket::ConnectedState && clock.elapsed() < (kHeaderTimeoutSeconds + 5) * 1000) {
            socket->write("a");
            socket->flush();
            socket->waitForDisconnected(500);
        }
        QVERIFY2(socket->state() != QAbstractSocket::ConnectedState,
            qPrintable(QStringLiteral("still connected after %1 ms").arg(clock.elapsed())));
        QVERIFY2(clock.elapsed() < (kHeaderTimeoutSeconds + 2) * 1000, qPrintable(QStringLiteral("cut after %1 ms").arg(clock.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestRequestLimits)
#include "tst_request_limits.moc"
