// Figures for issue #5, against the real kecamatan-backend over loopback mutual TLS:
//   bench_link drain: N queued requests (OutboxRepository::enqueue) delivered by the real
//     SyncService; requests/s side by side with `curl --parallel` POSTing the same bodies with
//     the same Idempotency-Keys to a fresh backend in the same run; prints the ratio (target ≥ 50 %).
//     KIOSK_BENCH_DRAIN (default 10000), KIOSK_BENCH_CURL_PARALLEL (default 8)
//   bench_link idle: the SyncService idle-syncing (no requests) at the kiosk's default interval
//     for KIOSK_BENCH_IDLE_SECONDS (default 600): RSS at start, end and max, CPU seconds (/proc/self).
#include "benchbackend.h"
#include "config.h"
#include "outbox.h"
#include "store.h"
#include "syncservice.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <QTimer>
#include <cstdio>
#include <optional>
#include <unistd.h>

namespace {

/// Resident set size in kB and CPU seconds (user + system) of this process.
std::pair<long, double> usage()
{
    long rss = 0;
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray &line : status.readAll().split('\n'))
            if (line.startsWith("VmRSS:"))
                rss = line.mid(6).trimmed().split(' ').value(0).toLong();
    double cpu = 0;
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        // After "pid (comm) ": state is field 3, utime 14, stime 15 → indexes 11 and 12 here.
        cpu = double(fields.value(11).toLongLong() + fields.value(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
    }
    return {rss, cpu};
}

struct Kiosk {
    kiosk::KioskStore store;
    QByteArray key;
};

bool openKiosk(Kiosk &k, const QString &dir)
{
    if (const kiosk::Status opened = k.store.open(QDir(dir).filePath(QStringLiteral("kiosk.sqlite"))); !opened) {
        std::printf("FAIL: kiosk store: %s\n", qPrintable(opened.error().message));
        return false;
    }
    const auto key = kiosk::loadOrCreateDeviceKey(QDir(dir).filePath(QStringLiteral("device.key")));
    if (!key)
        return false;
    k.key = *key;
    return true;
}

int drain(const QTemporaryDir &dir)
{
    const int count = bench::envInt("KIOSK_BENCH_DRAIN", 10000);
    const int parallel = bench::envInt("KIOSK_BENCH_CURL_PARALLEL", 8);
    const QString pki = dir.filePath(QStringLiteral("pki"));
    Kiosk k;
    if (!openKiosk(k, dir.filePath(QStringLiteral("kiosk"))))
        return 1;
    kiosk::OutboxRepository outbox(k.store, k.key);
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < count; ++i) {
        kiosk::NewRequest r {QStringLiteral("DOMISILI"), QStringLiteral("3521114506800002"), QStringLiteral("Siti Aminah"),
            QStringLiteral("Dusun Krajan RT 01 RW 02, Pitu"), QStringLiteral("Uji antrean"), QString(),
            QJsonObject {{QStringLiteral("lamaTinggal"), QStringLiteral("12")}}};
        if (!outbox.enqueue(r)) {
            std::printf("FAIL: enqueue %d\n", i);
            return 1;
        }
    }
    const double enqueueSeconds = double(t.nsecsElapsed()) / 1e9;
    // The exact bodies and keys the SyncService will send, for the baseline.
    const QList<kiosk::PendingDelivery> bodies = outbox.dueForDelivery(count);

    QProcess backend;
    const int port = bench::startBackend(backend, dir.filePath(QStringLiteral("data-sync")), pki, dir.filePath(QStringLiteral("sync.log")));
    if (!port) {
        std::printf("FAIL: the backend did not start\n");
        return 1;
    }
    const QString base = QStringLiteral("https://127.0.0.1:%1/api/v1").arg(port);
    QThread thread;
    kiosk::SyncSettings settings;
    settings.intervalMs = 3600000;
    // KIOSK_BENCH_PARALLEL: transfers in flight ([server] maxParallel); the kiosk's default otherwise.
    settings.link.maxParallel = bench::envInt("KIOSK_BENCH_PARALLEL", settings.link.maxParallel);
    std::printf("SyncService with up to %d transfers in flight\n", settings.link.maxParallel);
    auto *sync = new kiosk::SyncService(k.store, k.key, base,
        {QDir(pki).filePath(QStringLiteral("ca.crt")), QDir(pki).filePath(QStringLiteral("kiosk.crt")),
            QDir(pki).filePath(QStringLiteral("kiosk.key"))},
        dir.filePath(QStringLiteral("letters")), settings);
    sync->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, sync, &QObject::deleteLater);
    int rounds = 0;
    QString lastProblem;
    QElapsedTimer drainTimer;
    QObject::connect(sync, &kiosk::SyncService::synced, qApp, [&](int depth, const QString &problem) {
        ++rounds;
        lastProblem = problem;
        if (depth == 0 || drainTimer.elapsed() > 600000)
            qApp->quit();
        else
            QMetaObject::invokeMethod(sync, &kiosk::SyncService::syncNow, Qt::QueuedConnection);
    });
    // start() builds the client on the sync thread and runs the first round.
    QObject::connect(&thread, &QThread::started, sync, &kiosk::SyncService::start);
    drainTimer.start();
    thread.start();
    qApp->exec();
    const double syncSeconds = double(drainTimer.nsecsElapsed()) / 1e9;
    const int left = outbox.depth();
    thread.quit();
    thread.wait();
    backend.terminate();
    backend.waitForFinished(10000);

    // Baselines: curl with the same bodies, keys and client certificate, each on a fresh backend so that
    // every request is a create (201), as the SyncService's are: one transfer at a time, and `parallel`
    // at a time. The parallel run then sends the same keys again: replays (200), which cost the backend
    // no write, for reference.
    QDir().mkpath(dir.filePath(QStringLiteral("bodies")));
    for (int i = 0; i < bodies.size(); ++i) {
        QFile b(dir.filePath(QStringLiteral("bodies/%1.json").arg(i)));
        if (!b.open(QIODevice::WriteOnly) || b.write(bodies.at(i).body) != bodies.at(i).body.size())
            return 1;
    }
    struct Run {
        qlonglong ok = 0;
        double seconds = 0;
    };
    const auto runCurl = [&](const QString &config, int maxParallel, const char *expect) {
        QProcess curl;
        QElapsedTimer curlTimer;
        curlTimer.start();
        curl.start(QStringLiteral("curl"),
            {QStringLiteral("--parallel"), QStringLiteral("--parallel-max"), QString::number(maxParallel), QStringLiteral("-s"),
                QStringLiteral("-K"), config});
        curl.waitForFinished(900000);
        const double secs = double(curlTimer.nsecsElapsed()) / 1e9;
        const QList<QByteArray> codes = curl.readAllStandardOutput().split('\n');
        // Anything else curl saw (000: its transfer failed), so a short count is explained.
        QMap<QByteArray, int> other;
        for (const QByteArray &code : codes)
            if (!code.isEmpty() && code != expect)
                ++other[code];
        for (auto it = other.cbegin(); it != other.cend(); ++it)
            std::printf("curl --parallel-max %d: %d answered %s instead of %s\n", maxParallel, it.value(), it.key().constData(), expect);
        return Run {qlonglong(std::count(codes.cbegin(), codes.cend(), QByteArray(expect))), secs};
    };
    // Returns {creates, replays (when asked)} against a fresh backend named `name`.
    const auto baseline = [&](const QString &name, int maxParallel, bool replay) -> std::optional<std::pair<Run, Run>> {
        QProcess fresh;
        const int freshPort = bench::startBackend(
            fresh, dir.filePath(QStringLiteral("data-") + name), pki, dir.filePath(QStringLiteral("%1.log").arg(name)));
        QFile config(dir.filePath(name + QStringLiteral(".config")));
        if (!freshPort || !config.open(QIODevice::WriteOnly))
            return std::nullopt;
        for (int i = 0; i < bodies.size(); ++i) {
            // Per-transfer options are repeated in every block: `next` resets them in a curl config file.
            config.write(QStringLiteral("url = \"https://127.0.0.1:%1/api/v1/requests\"\nheader = \"Idempotency-Key: %2\"\n"
                                        "header = \"Content-Type: application/json\"\ndata-binary = \"@%3\"\noutput = \"/dev/null\"\n"
                                        "cacert = \"%4\"\ncert = \"%5\"\nkey = \"%6\"\nwrite-out = \"%{http_code}\\n\"\nnext\n")
                             .arg(freshPort)
                             .arg(bodies.at(i).idempotencyKey, dir.filePath(QStringLiteral("bodies/%1.json").arg(i)),
                                 QDir(pki).filePath(QStringLiteral("ca.crt")), QDir(pki).filePath(QStringLiteral("kiosk.crt")),
                                 QDir(pki).filePath(QStringLiteral("kiosk.key")))
                             .toUtf8());
        }
        config.close();
        const Run created = runCurl(config.fileName(), maxParallel, "201");
        const Run replayed = replay ? runCurl(config.fileName(), maxParallel, "200") : Run {};
        fresh.terminate();
        fresh.waitForFinished(10000);
        return std::pair {created, replayed};
    };
    const auto sequential = baseline(QStringLiteral("curl-1"), 1, false);
    const auto concurrent = baseline(QStringLiteral("curl-parallel"), parallel, true);
    if (!sequential || !concurrent) {
        std::printf("FAIL: a baseline backend or curl config\n");
        return 1;
    }

    const auto rate = [](const Run &r) { return double(r.ok) / std::max(0.001, r.seconds); };
    const double syncRate = double(count - left) / syncSeconds;
    std::printf("bench_link drain: %d requests queued in the kiosk store in %.1f s (%.0f/s, one transaction each)%s\n", count,
        enqueueSeconds, count / enqueueSeconds,
        count < 10000 ? " (SHORTENED from the issue's 10,000; KIOSK_BENCH_DRAIN=10000 for the full run)" : "");
    std::printf("%-52s %8s %8s %9s\n", "run", "ok", "seconds", "req/s");
    std::printf("%-52s %8d %8.1f %9.0f   (%d rounds, %d left%s%s)\n", "SyncService (kiosk outbox -> backend, mTLS)", count - left,
        syncSeconds, syncRate, rounds, left, lastProblem.isEmpty() ? "" : ", last problem: ", qPrintable(lastProblem));
    std::printf("%-52s %8lld %8.1f %9.0f   (201 created)\n", "curl --parallel-max 1, same bodies, fresh backend", sequential->first.ok,
        sequential->first.seconds, rate(sequential->first));
    std::printf("%-52s %8lld %8.1f %9.0f   (201 created)\n",
        qPrintable(QStringLiteral("curl --parallel --parallel-max %1, same bodies, fresh backend").arg(parallel)), concurrent->first.ok,
        concurrent->first.seconds, rate(concurrent->first));
    std::printf("%-52s %8lld %8.1f %9.0f   (200 replayed)\n",
        qPrintable(QStringLiteral("curl --parallel --parallel-max %1, same bodies again").arg(parallel)), concurrent->second.ok,
        concurrent->second.seconds, rate(concurrent->second));
    std::printf("ratio SyncService / curl one at a time: %.0f %%; / curl %d in parallel: %.0f %% (target >= 50 %%); / replays: %.0f %%\n",
        100.0 * syncRate / std::max(0.001, rate(sequential->first)), parallel, 100.0 * syncRate / std::max(0.001, rate(concurrent->first)),
        100.0 * syncRate / std::max(0.001, rate(concurrent->second)));
    return left == 0 ? 0 : 1;
}

int idle(const QTemporaryDir &dir)
{
    const int seconds = bench::envInt("KIOSK_BENCH_IDLE_SECONDS", 600);
    const QString pki = dir.filePath(QStringLiteral("pki"));
    Kiosk k;
    if (!openKiosk(k, dir.filePath(QStringLiteral("kiosk"))))
        return 1;
    QProcess backend;
    const int port = bench::startBackend(backend, dir.filePath(QStringLiteral("data")), pki, dir.filePath(QStringLiteral("idle.log")));
    if (!port) {
        std::printf("FAIL: the backend did not start\n");
        return 1;
    }
    const int interval = kiosk::KioskConfig {}.syncIntervalMs;
    QThread thread;
    auto *sync = new kiosk::SyncService(k.store, k.key, QStringLiteral("https://127.0.0.1:%1/api/v1").arg(port),
        {QDir(pki).filePath(QStringLiteral("ca.crt")), QDir(pki).filePath(QStringLiteral("kiosk.crt")),
            QDir(pki).filePath(QStringLiteral("kiosk.key"))},
        dir.filePath(QStringLiteral("letters")), interval);
    sync->moveToThread(&thread);
    QObject::connect(&thread, &QThread::started, sync, &kiosk::SyncService::start);
    QObject::connect(&thread, &QThread::finished, sync, &QObject::deleteLater);
    int rounds = 0;
    int failedRounds = 0;
    QObject::connect(sync, &kiosk::SyncService::synced, qApp, [&](int, const QString &problem) {
        ++rounds;
        failedRounds += problem.isEmpty() ? 0 : 1;
    });
    const auto [rssStart, cpuStart] = usage();
    long rssMax = rssStart;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, qApp, [&rssMax] { rssMax = std::max(rssMax, usage().first); });
    sampler.start(1000);
    QTimer::singleShot(seconds * 1000, qApp, &QCoreApplication::quit);
    thread.start();
    qApp->exec();
    const auto [rssEnd, cpuEnd] = usage();
    thread.quit();
    thread.wait();
    backend.terminate();
    backend.waitForFinished(10000);
    std::printf("bench_link idle: SyncService driver idle-syncing every %d ms for %d s%s\n", interval, seconds,
        seconds < 600 ? " (SHORTENED from the issue's 600 s; set KIOSK_BENCH_IDLE_SECONDS=600 for the full run)" : "");
    std::printf("rounds %d (%d with a problem)\nRSS start %ld kB, end %ld kB, max %ld kB (growth %+ld kB)\nCPU %.2f s over %d s (%.3f %% "
                "of one core)\n",
        rounds, failedRounds, rssStart, rssEnd, std::max(rssMax, rssEnd), rssEnd - rssStart, cpuEnd - cpuStart, seconds,
        100.0 * (cpuEnd - cpuStart) / seconds);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString mode = app.arguments().value(1);
    QTemporaryDir dir;
    if (!bench::makePki(dir.filePath(QStringLiteral("pki")))) {
        std::printf("SKIP: scripts/make-test-pki failed (openssl missing?)\n");
        return 77;
    }
    if (mode == QLatin1String("drain"))
        return drain(dir);
    if (mode == QLatin1String("idle"))
        return idle(dir);
    std::printf("usage: bench_link drain|idle\n");
    return 2;
}
