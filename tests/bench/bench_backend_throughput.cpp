// Figures for issue #6: the real kecamatan-backend process under 300 simulated kiosks polling
// GET /api/v1/changes over mutual TLS, 10 % of them also submitting requests; requests/s and
// latency percentiles. Baseline in the same run: a static response of the same size from an
// httplib SSLServer with the same certificate and library (so the difference is the backend's
// own work: client-certificate check, handler, SQLite), loaded by the same curl-multi tool and
// by wrk. wrk cannot present a client certificate, which is why the baseline server does not ask
// for one. Prints figures only; no assertions on time.
//   KIOSK_BENCH_KIOSKS (default 300), KIOSK_BENCH_SECONDS (default 20)
#include "benchbackend.h"
#include "protocol.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <curl/curl.h>
#include <httplib.h>
#include <map>
#include <thread>
#include <vector>

namespace {

struct Figures {
    qint64 requests = 0;
    qint64 failures = 0;
    std::map<std::string, int> failureReasons; // "HTTP 400", curl error text
    int unfinished = 0; // still waiting for an answer when the window closed
    double seconds = 0;
    std::vector<double> latenciesMs;

    [[nodiscard]] double percentile(double p) const
    {
        if (latenciesMs.empty())
            return 0;
        std::vector<double> v = latenciesMs;
        std::sort(v.begin(), v.end());
        const auto rank = std::size_t(std::max(1.0, std::ceil(p * double(v.size()))));
        return v.at(rank - 1);
    }
};

size_t collect(char *data, size_t size, size_t count, void *user)
{
    static_cast<std::string *>(user)->append(data, size * count);
    return size * count;
}

struct Kiosk {
    CURL *easy = nullptr;
    std::string body;
    std::string postBody;
    curl_slist *headers = nullptr;
    QElapsedTimer started;
    bool submitter = false;
    bool nextIsSubmit = false;
    int submitted = 0;
};

struct TlsFiles {
    QString ca, cert, key;
};

/// `kiosks` clients, each with its own connection, in a loop for `seconds`: GET `getUrl`, and for
/// every tenth client alternately POST a new request to `postUrl` (empty: GET only).
Figures load(int kiosks, int seconds, const QString &getUrl, const QString &postUrl, const TlsFiles &tls)
{
    static int runs = 0;
    const int run = ++runs; // registration numbers differ between runs
    Figures f;
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, long(kiosks + 16));
    std::vector<Kiosk> clients(static_cast<std::size_t>(kiosks));
    const QByteArray get = getUrl.toUtf8();
    const QByteArray post = postUrl.toUtf8();
    const QByteArray ca = tls.ca.toUtf8(), cert = tls.cert.toUtf8(), key = tls.key.toUtf8();
    const auto arm = [&](Kiosk &k, int index) {
        curl_easy_reset(k.easy);
        k.body.clear();
        curl_easy_setopt(k.easy, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(k.easy, CURLOPT_WRITEDATA, &k.body);
        curl_easy_setopt(k.easy, CURLOPT_CAINFO, ca.constData());
        if (!cert.isEmpty()) {
            curl_easy_setopt(k.easy, CURLOPT_SSLCERT, cert.constData());
            curl_easy_setopt(k.easy, CURLOPT_SSLKEY, key.constData());
        }
        curl_easy_setopt(k.easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(k.easy, CURLOPT_TIMEOUT_MS, 60000L);
        const bool submit = k.submitter && k.nextIsSubmit && !post.isEmpty();
        k.nextIsSubmit = !k.nextIsSubmit;
        if (submit) {
            serverlink::SubmitRequest s;
            s.registrationNumber = QStringLiteral("BENCH-%1-%2-%3").arg(run).arg(index).arg(++k.submitted);
            s.serviceCode = QStringLiteral("DOMISILI");
            s.nik = QStringLiteral("3521114506800002");
            s.name = QStringLiteral("Siti Aminah");
            s.address = QStringLiteral("Dusun Krajan RT 01 RW 02, Pitu");
            s.purpose = QStringLiteral("Uji beban");
            s.submittedAt = QDateTime::currentDateTimeUtc();
            k.postBody = s.toJson().toStdString();
            curl_slist_free_all(k.headers);
            k.headers = curl_slist_append(nullptr, "Content-Type: application/json");
            k.headers = curl_slist_append(
                k.headers, QByteArray("Idempotency-Key: bench-idempotency-" + s.registrationNumber.toUtf8()).constData());
            curl_easy_setopt(k.easy, CURLOPT_URL, post.constData());
            curl_easy_setopt(k.easy, CURLOPT_HTTPHEADER, k.headers);
            curl_easy_setopt(k.easy, CURLOPT_POSTFIELDS, k.postBody.c_str());
            curl_easy_setopt(k.easy, CURLOPT_POSTFIELDSIZE, long(k.postBody.size()));
        } else {
            curl_easy_setopt(k.easy, CURLOPT_URL, get.constData());
        }
        curl_easy_setopt(k.easy, CURLOPT_PRIVATE, &k);
        k.started.start();
        curl_multi_add_handle(multi, k.easy);
    };
    for (int i = 0; i < kiosks; ++i) {
        clients.at(i).easy = curl_easy_init();
        clients.at(i).submitter = i % 10 == 0;
        clients.at(i).nextIsSubmit = true;
        arm(clients.at(i), i);
    }
    QElapsedTimer total;
    total.start();
    int running = kiosks;
    const qint64 window = std::max<qint64>(1, qint64(seconds) * 1000);
    // Like wrk: only requests that complete inside the window count; the rest are cut and reported.
    while (running > 0 && (seconds == 0 || total.elapsed() < window)) {
        curl_multi_perform(multi, &running);
        int left = 0;
        while (CURLMsg *m = curl_multi_info_read(multi, &left)) {
            if (m->msg != CURLMSG_DONE)
                continue;
            Kiosk *k = nullptr;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &k);
            long status = 0;
            curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &status);
            const bool ok = m->data.result == CURLE_OK && status >= 200 && status < 300;
            curl_multi_remove_handle(multi, m->easy_handle);
            ++f.requests;
            f.failures += ok ? 0 : 1;
            if (!ok)
                ++f.failureReasons[m->data.result != CURLE_OK ? curl_easy_strerror(m->data.result) : "HTTP " + std::to_string(status)];
            if (ok)
                f.latenciesMs.push_back(double(k->started.nsecsElapsed()) / 1e6);
            if (total.elapsed() < qint64(seconds) * 1000) {
                arm(*k, int(k - clients.data()));
                ++running;
            }
        }
        if (running > 0)
            curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    }
    f.seconds = seconds == 0 ? double(total.nsecsElapsed()) / 1e9 : double(window) / 1000.0;
    f.unfinished = running;
    for (Kiosk &k : clients) {
        curl_multi_remove_handle(multi, k.easy);
        curl_slist_free_all(k.headers);
        curl_easy_cleanup(k.easy);
    }
    curl_multi_cleanup(multi);
    return f;
}

void print(const char *label, const Figures &f)
{
    std::printf("%-44s %9lld %7lld %9.0f %8.1f %8.1f %8.1f\n", label, qlonglong(f.requests), qlonglong(f.failures),
        double(f.requests - f.failures) / std::max(0.001, f.seconds), f.percentile(0.5), f.percentile(0.99), f.percentile(1.0));
    if (f.unfinished > 0)
        std::printf("%-44s   %d requests in flight when the window closed (not counted)\n", "", f.unfinished);
    for (const auto &[reason, n] : f.failureReasons)
        std::printf("%-44s   failed: %d x %s\n", "", n, reason.c_str());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int kiosks = bench::envInt("KIOSK_BENCH_KIOSKS", 300);
    const int seconds = bench::envInt("KIOSK_BENCH_SECONDS", 20);
    QTemporaryDir dir;
    if (!bench::makePki(dir.filePath(QStringLiteral("pki")))) {
        std::printf("SKIP: scripts/make-test-pki failed (openssl missing?)\n");
        return 77;
    }
    const auto pkiFile = [&dir](const char *name) { return dir.filePath(QStringLiteral("pki/") + QLatin1String(name)); };
    curl_global_init(CURL_GLOBAL_DEFAULT);

    QProcess backend;
    const int port = bench::startBackend(
        backend, dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("pki")), dir.filePath(QStringLiteral("backend.log")));
    if (!port) {
        std::printf("FAIL: the backend did not start\n");
        return 1;
    }
    const QString base = QStringLiteral("https://127.0.0.1:%1/api/v1").arg(port);
    const TlsFiles mtls {pkiFile("ca.crt"), pkiFile("kiosk.crt"), pkiFile("kiosk.key")};

    // Seed a few changes so the feed answers with real content; measure that response's size.
    Figures seed = load(1, 0, base + QStringLiteral("/changes?cursor=0"), base + QStringLiteral("/requests"), mtls);
    std::string sample;
    {
        CURL *c = curl_easy_init();
        const QByteArray url = (base + QStringLiteral("/changes?cursor=0")).toUtf8();
        const QByteArray ca = mtls.ca.toUtf8(), cert = mtls.cert.toUtf8(), key = mtls.key.toUtf8();
        curl_easy_setopt(c, CURLOPT_URL, url.constData());
        curl_easy_setopt(c, CURLOPT_CAINFO, ca.constData());
        curl_easy_setopt(c, CURLOPT_SSLCERT, cert.constData());
        curl_easy_setopt(c, CURLOPT_SSLKEY, key.constData());
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &sample);
        curl_easy_perform(c);
        curl_easy_cleanup(c);
    }

    std::printf("bench_backend_throughput: %d kiosks (10 %% also submitting), %d s per run, %u cores\n", kiosks, seconds,
        std::thread::hardware_concurrency());
    std::printf("%-44s %9s %7s %9s %8s %8s %8s\n", "run", "requests", "failed", "ok/s", "p50 ms", "p99 ms", "max ms");
    print("seed (1 submit)", seed);
    const Figures backendRun = load(kiosks, seconds, base + QStringLiteral("/changes?cursor=0"), base + QStringLiteral("/requests"), mtls);
    print("backend mTLS: changes + 10 % submit", backendRun);
    backend.terminate();
    backend.waitForFinished(10000);

    // Baseline: the same TLS server library and certificate, a static body of the same size, no client certificate.
    httplib::SSLServer staticServer(
        QFile::encodeName(pkiFile("server.crt")).constData(), QFile::encodeName(pkiFile("server.key")).constData());
    const std::string staticBody(sample.size(), 'x');
    staticServer.Get(
        "/static", [&staticBody](const httplib::Request &, httplib::Response &res) { res.set_content(staticBody, "application/json"); });
    const int staticPort = staticServer.bind_to_any_port("127.0.0.1");
    std::thread serverThread([&staticServer] { staticServer.listen_after_bind(); });
    for (QDeadlineTimer ready(10000); !staticServer.is_running() && !ready.hasExpired();)
        std::this_thread::yield();
    const QString staticUrl = QStringLiteral("https://127.0.0.1:%1/static").arg(staticPort);
    const Figures baseline = load(kiosks, seconds, staticUrl, QString(), TlsFiles {pkiFile("ca.crt"), {}, {}});
    print(qPrintable(QStringLiteral("baseline static %1 B, same tool").arg(sample.size())), baseline);

    const QString wrk = QStandardPaths::findExecutable(QStringLiteral("wrk"));
    if (wrk.isEmpty()) {
        std::printf("%-44s not run: wrk is not installed (scripts/setup-deps installs it)\n", "baseline static, wrk");
    } else {
        QProcess w;
        w.start(wrk,
            {QStringLiteral("-t2"), QStringLiteral("-c%1").arg(kiosks), QStringLiteral("-d%1s").arg(seconds), QStringLiteral("--latency"),
                staticUrl});
        w.waitForFinished((seconds + 60) * 1000);
        const QString text = QString::fromUtf8(w.readAllStandardOutput());
        const auto rps = QRegularExpression(QStringLiteral("Requests/sec:\\s*([\\d.]+)")).match(text);
        const auto p99 = QRegularExpression(QStringLiteral("99%\\s+([\\d.]+)(us|ms|s)")).match(text);
        const auto p50 = QRegularExpression(QStringLiteral("50%\\s+([\\d.]+)(us|ms|s)")).match(text);
        const auto ms = [](const QRegularExpressionMatch &m) {
            const double v = m.captured(1).toDouble();
            return m.captured(2) == QLatin1String("us") ? v / 1000 : m.captured(2) == QLatin1String("s") ? v * 1000 : v;
        };
        const auto requests = QRegularExpression(QStringLiteral("(\\d+) requests in")).match(text);
        std::printf("%-44s %9s %7s %9.0f %8.1f %8.1f %8s\n", "baseline static, wrk -t2", qPrintable(requests.captured(1)), "-",
            rps.captured(1).toDouble(), ms(p50), ms(p99), "-");
        const auto errors = QRegularExpression(QStringLiteral("Socket errors:[^\\n]*")).match(text);
        if (errors.hasMatch())
            std::printf("%-44s   wrk %s\n", "", qPrintable(errors.captured(0)));
    }
    staticServer.stop();
    serverThread.join();
    std::printf("latency: this tool measures from queueing the request, including connect and TLS handshakes while\n"
                "connections wait for one of the server's worker threads; wrk measures on established connections only.\n");
    std::printf("ratio backend / same-tool baseline: %.0f %% of the requests per second\n",
        100.0 * double(backendRun.requests - backendRun.failures) / std::max(1.0, double(baseline.requests - baseline.failures))
            * (baseline.seconds / std::max(0.001, backendRun.seconds)));
    curl_global_cleanup();
    return 0;
}
