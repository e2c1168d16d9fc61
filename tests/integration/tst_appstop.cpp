// The anjungan executable stops cleanly on SIGTERM and SIGINT (systemd's stop, Ctrl+C): exit code 0 after
// READY, so systemd and the appliance's health check do not count a normal stop as a failure. The readiness
// and the stop are read from the app's own sd_notify messages on a notify socket this test listens on.
#include "testbackend.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

/// A NOTIFY_SOCKET like systemd's: a datagram socket collecting the READY=1 / STOPPING=1 messages.
class NotifySocket
{
public:
    explicit NotifySocket(const QString &path)
        : m_path(path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        const QByteArray encoded = QFile::encodeName(path);
        if (m_fd < 0 || size_t(encoded.size()) >= sizeof(address.sun_path))
            return;
        memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~NotifySocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isValid() const { return m_fd >= 0; }
    QString path() const { return m_path; }

    /// Waits until a message containing `line` has arrived (true) or the deadline passed (false).
    bool waitFor(const QByteArray &line, int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!m_received.contains(line)) {
            pollfd descriptor = {m_fd, POLLIN, 0};
            const int remaining = int(deadline.remainingTime());
            if (remaining <= 0 || ::poll(&descriptor, 1, qMin(remaining, 200)) < 0)
                return m_received.contains(line);
            if (!(descriptor.revents & POLLIN))
                continue;
            char buffer[4096];
            const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
            if (n > 0)
                m_received.append(QByteArray(buffer, int(n)).split('\n'));
        }
        return true;
    }

private:
    QString m_path;
    int m_fd = -1;
    QByteArrayList m_received;
};

} // namespace

class TestAppStop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stopsWithExitCodeZero_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM (systemd's stop)") << int(SIGTERM);
        QTest::newRow("SIGINT (Ctrl+C)") << int(SIGINT);
    }

    void stopsWithExitCodeZero()
    {
        QFETCH(int, signalNumber);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A provisioned kiosk with no backend reachable: it serves offline, as on a unit without a cable.
        QFile config(dir.filePath(QStringLiteral("anjungan.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("[kiosk]\nid=STOP-TEST\ndesaCode=0000000000\nofficeName=Kantor Desa Uji\ndataDir=%1\n"
                                    "[server]\nurl=https://kecamatan.invalid\ncaFile=ca.crt\n")
                         .arg(dir.filePath(QStringLiteral("data")))
                         .toUtf8());
        config.close();
        NotifySocket notify(dir.filePath(QStringLiteral("notify")));
        QVERIFY(notify.isValid());

        QProcess kiosk;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
        env.insert(QStringLiteral("NOTIFY_SOCKET"), notify.path());
        kiosk.setProcessEnvironment(env);
        kiosk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        kiosk.start(testsupport::binary(QStringLiteral("kiosk/app/anjungan")), {QStringLiteral("--config"), config.fileName()});
        testsupport::dieWithTest(kiosk);
        QVERIFY(kiosk.waitForStarted());
        QVERIFY2(notify.waitFor("READY=1", 60000), "the kiosk did not report READY=1");

        ::kill(pid_t(kiosk.processId()), signalNumber);
        QVERIFY(kiosk.waitForFinished(30000));
        QCOMPARE(kiosk.exitStatus(), QProcess::NormalExit);
        QCOMPARE(kiosk.exitCode(), 0);
        QVERIFY(notify.waitFor("STOPPING=1", 1000));
    }
};

QTEST_GUILESS_MAIN(TestAppStop)
#include "tst_appstop.moc"
