// Scan-to-screen latency: from the moment a scanner's data arrives to the identify screen showing the NIK
// (the visit took it and a frame with the new text was rendered). Three sources, on the real QML UI:
//   hidpos  input reports parsed by HidPosReportParser on a USB-thread stand-in, handed over as HidPosScanner does;
//   wedge   a keyboard-wedge burst (17 key presses and releases) through the application's event filter;
//   file    a line written to the FIFO of a `file:` scanner.
// Prints p50/p99/max in milliseconds. No assertions on time (tests/bench).
#include "filescanner.h"
#include "hidposreportparser.h"
#include "kioskharness.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <fcntl.h>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr int kScans = 150;
const QString kNiks[] = {QStringLiteral("3521114505900001"), QStringLiteral("3521111208900003")};

QString formatted(const QString &nik)
{
    QString out;
    for (int i = 0; i < nik.size(); ++i) {
        if (i > 0 && i % 4 == 0)
            out += QLatin1Char(' ');
        out += nik.at(i);
    }
    return out;
}

} // namespace

class BenchScanLatency : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scanToScreen()
    {
        KioskHarness h;
        QVERIFY(h.load({1280, 800}));
        QVERIFY(h.tap(QStringLiteral("startRequest")));
        QVERIFY(h.waitForScreen(QStringLiteral("consent")));
        QVERIFY(h.tap(QStringLiteral("acceptConsent")));
        QVERIFY(h.waitForScreen(QStringLiteral("identify")));
        QQuickItem *field = h.waitFor(QStringLiteral("nikField"));
        QVERIFY(field);

        // HID POS: the parser runs on its own thread and hands complete scans over with a queued call.
        QThread usb;
        QObject usbContext;
        usbContext.moveToThread(&usb);
        usb.start();
        devices::HidPosReportParser parser;
        const auto hidpos = [&](const QString &nik) {
            QMetaObject::invokeMethod(&usbContext, [&, nik] {
                for (const QByteArray &report : devices::HidPosReportParser::reportsFor(nik.toUtf8(), QStringLiteral("]L2"))) {
                    const auto fed = parser.feed(report);
                    if (fed.status == devices::HidPosFeedResult::Status::Complete) {
                        const QString text = QString::fromUtf8(fed.scan.data);
                        QMetaObject::invokeMethod(
                            h.areas.get(), [&h, text] { h.areas->handleScan(text); }, Qt::QueuedConnection);
                    }
                }
            });
        };

        QTemporaryDir fifoDir;
        const QString fifo = fifoDir.filePath(QStringLiteral("scans"));
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        devices::FileScanner fileScanner(fifo);
        QVERIFY(fileScanner.start());
        connect(&fileScanner, &devices::Scanner::scanned, h.areas.get(), &kiosk::KioskAreas::handleScan);
        const int writer = ::open(fifo.toLocal8Bit().constData(), O_WRONLY);
        QVERIFY(writer >= 0);

        const std::vector<std::pair<const char *, std::function<void(const QString &)>>> sources {
            {"hidpos", hidpos},
            {"wedge", [&](const QString &nik) { h.scan(nik); }},
            {"file",
                [&](const QString &nik) {
                    const QByteArray line = nik.toUtf8() + '\n';
                    QCOMPARE(::write(writer, line.constData(), size_t(line.size())), ssize_t(line.size()));
                }},
        };
        std::printf("\nscan-to-screen latency, %d scans per source, identify screen at 1280x800 (%s)\n", kScans,
            qPrintable(QGuiApplication::platformName()));
        std::printf("source   p50 ms   p99 ms   max ms\n");
        // Populated: the first frame rendered with the new NIK in the field. Checked when the frame is
        // swapped, not after processEvents() returns: under load one call may both change the text and
        // render it, and a later frame would never come.
        QString shown;
        QElapsedTimer clock;
        qint64 populatedNs = -1;
        connect(h.window, &QQuickWindow::frameSwapped, this, [&] {
            if (populatedNs < 0 && !shown.isEmpty() && field->property("text").toString() == shown)
                populatedNs = clock.nsecsElapsed();
        });
        int n = 0;
        for (const auto &[name, inject] : sources) {
            std::vector<double> ms;
            for (int i = 0; i < kScans; ++i, ++n) {
                const QString nik = kNiks[n % 2];
                populatedNs = -1;
                shown = formatted(nik);
                clock.start();
                inject(nik);
                QDeadlineTimer deadline(5000);
                while (populatedNs < 0 && !deadline.hasExpired())
                    QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
                QVERIFY2(populatedNs >= 0,
                    qPrintable(QStringLiteral("%1 scan %2 did not reach the screen in 5 s: screen %3, field \"%4\", notice \"%5\"")
                                   .arg(QLatin1String(name))
                                   .arg(i)
                                   .arg(h.screen(), field->property("text").toString(), h.areas->flow.notice())));
                ms.push_back(double(populatedNs) / 1e6);
            }
            std::sort(ms.begin(), ms.end());
            std::printf("%-7s %7.2f  %7.2f  %7.2f\n", name, ms.at(ms.size() / 2), ms.at(ms.size() * 99 / 100), ms.back());
        }
        ::close(writer);
        usb.quit();
        usb.wait();
    }
};

QTEST_MAIN(BenchScanLatency)
#include "bench_scan_latency.moc"
