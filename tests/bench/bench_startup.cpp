// Start-up time of the kiosk application: from exec to the READY=1 it sends systemd, as systemd
// sees it (a NOTIFY_SOCKET of our own), and to the first frame via --self-test's QML load.
// Usage: bench_startup [path/to/anjungan] [runs]. Prints figures; never asserts on time.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

/// A datagram socket that stands in for systemd's notify socket.
class NotifySocket
{
public:
    explicit NotifySocket(const QString &path)
        : m_path(path)
    {
        m_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr {};
        addr.sun_family = AF_UNIX;
        const QByteArray p = QFile::encodeName(path);
        std::copy_n(p.constData(), std::min<size_t>(size_t(p.size()), sizeof(addr.sun_path) - 1), addr.sun_path);
        if (bind(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0) {
            close(m_fd);
            m_fd = -1;
        }
    }
    ~NotifySocket()
    {
        if (m_fd >= 0)
            close(m_fd);
    }
    [[nodiscard]] bool ok() const { return m_fd >= 0; }

    /// Waits up to `timeoutMs` for a datagram containing `word`.
    bool waitFor(const QByteArray &word, int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            pollfd pfd {m_fd, POLLIN, 0};
            if (poll(&pfd, 1, int(timeoutMs - t.elapsed())) <= 0)
                continue;
            char buffer[4096];
            const ssize_t n = recv(m_fd, buffer, sizeof(buffer), 0);
            if (n > 0 && QByteArray(buffer, int(n)).contains(word))
                return true;
        }
        return false;
    }

private:
    QString m_path;
    int m_fd = -1;
};

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    const size_t i = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[i];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString anjungan
        = args.size() > 1 ? args.at(1) : qEnvironmentVariable("KIOSK_BINARY_DIR") + QStringLiteral("/kiosk/app/anjungan");
    const int runs = args.size() > 2 ? args.at(2).toInt() : 10;
    QTextStream out(stdout);
    if (!QFile::exists(anjungan)) {
        out << "SKIP: " << anjungan << " not built\n";
        return 77;
    }

    QTemporaryDir dir;
    // A kiosk that is configured but has no backend reachable, no printers and no scanners: the start
    // measured is the application's own (store, device key, catalog cache, QML), not the network's.
    QFile ca(dir.filePath(QStringLiteral("ca.pem")));
    if (!ca.open(QIODevice::WriteOnly))
        return 1;
    ca.close();
    QFile conf(dir.filePath(QStringLiteral("anjungan.conf")));
    if (!conf.open(QIODevice::WriteOnly))
        return 1;
    conf.write(QStringLiteral("[kiosk]\nid=BENCH-1\ndataDir=%1\nofficeName=Desa "
                              "Bench\nscanners=\n[printers]\nticket=\nletter=\n[server]\nurl=https://127.0.0.1:9\ncaFile=%2\n")
                   .arg(dir.filePath(QStringLiteral("data")), ca.fileName())
                   .toUtf8());
    conf.close();
    QDir().mkpath(dir.filePath(QStringLiteral("data")));

    // A cache folder of the bench's own: "warm" reuses it, as every start after the first does; "first
    // start" gets an empty one, as a freshly installed or updated kiosk does (QML not yet compiled on disk).
    const QString warmCache = dir.filePath(QStringLiteral("cache-warm"));
    const auto timeToReady = [&](const QString &cacheDir, int run) -> std::optional<double> {
        const QString socketPath = dir.filePath(QStringLiteral("notify-%1").arg(run));
        NotifySocket socket(socketPath);
        if (!socket.ok())
            return std::nullopt;
        QProcess kiosk;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("NOTIFY_SOCKET"), socketPath);
        env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheDir);
        kiosk.setProcessEnvironment(env);
        kiosk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer t;
        t.start();
        kiosk.start(anjungan, {QStringLiteral("--config"), conf.fileName()});
        const bool gotReady = socket.waitFor("READY=1", 30000);
        const double ms = double(t.nsecsElapsed()) / 1e6;
        kiosk.terminate();
        if (!kiosk.waitForFinished(10000))
            kiosk.kill();
        kiosk.waitForFinished();
        QFile::remove(socketPath);
        return gotReady ? std::optional(ms) : std::nullopt;
    };

    std::vector<double> warm, first, selfTest;
    for (int i = 0; i < runs; ++i) {
        const auto w = timeToReady(warmCache, 2 * i);
        const QString freshCache = dir.filePath(QStringLiteral("cache-%1").arg(i));
        const auto f = timeToReady(freshCache, 2 * i + 1);
        QDir(freshCache).removeRecursively();
        if (!w || !f) {
            out << "FAIL: no READY=1 from " << anjungan << " within 30 s\n";
            return 1;
        }
        warm.push_back(*w);
        first.push_back(*f);

        QProcess probe;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), warmCache);
        probe.setProcessEnvironment(env);
        probe.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer t;
        t.start();
        probe.start(anjungan, {QStringLiteral("--self-test")});
        probe.waitForFinished(60000);
        selfTest.push_back(double(t.nsecsElapsed()) / 1e6);
        if (probe.exitCode() != 0) {
            out << "FAIL: --self-test exited " << probe.exitCode() << "\n";
            return 1;
        }
    }
    const auto line = [&out](const char *what, const std::vector<double> &v) {
        out << QStringLiteral("  %1 p50 %2 ms  min %3 ms  max %4 ms\n")
                   .arg(QString::fromUtf8(what), -28)
                   .arg(percentile(v, 0.5), 0, 'f', 1)
                   .arg(*std::min_element(v.begin(), v.end()), 0, 'f', 1)
                   .arg(*std::max_element(v.begin(), v.end()), 0, 'f', 1);
    };
    out << QStringLiteral("start-up of %1 (%2 runs, offscreen)\n").arg(anjungan).arg(runs);
    line("exec → READY=1 (warm cache)", warm);
    line("exec → READY=1 (first start)", first);
    line("--self-test (all QML)", selfTest);
    return 0;
}
