// Scan-to-signal latency of the HID POS path: a USB-thread stand-in feeds reports through HidPosReportParser and
// hands each complete scan to the UI thread with a queued call, as HidPosScanner does; prints p50/p99.
#include "hidposreportparser.h"

#include <QCoreApplication>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace devices;
using Clock = std::chrono::steady_clock;

namespace {

struct Figures {
    double p50Us = 0;
    double p99Us = 0;
};

Figures percentiles(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return {samples.at(samples.size() / 2), samples.at(samples.size() * 99 / 100)};
}

Figures measure(QCoreApplication &app, const QByteArray &payload, int scans)
{
    const QList<QByteArray> reports = HidPosReportParser::reportsFor(payload, QStringLiteral("]Q1"));
    std::vector<double> latencies;
    latencies.reserve(size_t(scans));
    QObject receiver;
    std::atomic<int> delivered {0};
    QThread *usbThread = QThread::create([&] {
        HidPosReportParser parser;
        for (int i = 0; i < scans; ++i) {
            // One scan at a time, so each measurement sees an idle UI thread as a person scanning would.
            while (delivered.load() < i)
                QThread::yieldCurrentThread();
            const Clock::time_point first = Clock::now();
            for (const QByteArray &report : reports) {
                const HidPosFeedResult result = parser.feed(report);
                if (result.status == HidPosFeedResult::Status::Complete) {
                    QMetaObject::invokeMethod(
                        &receiver,
                        [&, first, size = result.scan.data.size()] {
                            if (size == payload.size())
                                latencies.push_back(std::chrono::duration<double, std::micro>(Clock::now() - first).count());
                            ++delivered;
                            if (delivered.load() == scans)
                                app.quit();
                        },
                        Qt::QueuedConnection);
                }
            }
        }
    });
    usbThread->start();
    app.exec();
    usbThread->wait();
    delete usbThread;
    return percentiles(latencies);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    constexpr int kScans = 5000;
    const Figures nik = measure(app, QByteArray("3201014501900001"), kScans);
    const Figures ktp = measure(app, QByteArray(200, 'K'), kScans);
    std::printf("HID POS scan-to-signal latency (report in -> slot on UI thread), %d scans each:\n", kScans);
    std::printf("  NIK, 1 report:          p50 %.1f us   p99 %.1f us\n", nik.p50Us, nik.p99Us);
    std::printf("  200 bytes, 4 reports:   p50 %.1f us   p99 %.1f us\n", ktp.p50Us, ktp.p99Us);
    return 0;
}
