// Document capture figures: per page, the stored size and JPEG quality, the analyser's time per frame, the
// processing time (outline + deskew + encode), and the capture time a citizen waits (from the first frame of a
// hand moving the sheet into place to the page ready, at the camera page source's 10 frames a second).
// Generated frames (tests/tools/documentframes.h); prints a table, asserts nothing.
#include "camerapagesource.h"
#include "documentframes.h"
#include "pageanalyser.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>

using namespace devices;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    struct Scene {
        const char *name;
        QList<documentframes::Shot> shots;
        QSize frame;
    };
    const QList<Scene> scenes {
        {"720p, moved in, rotated 8°", documentframes::holdStill(5, 6, 0, 8, 0), documentframes::kFrameSize},
        {"720p, keystone 6 %, refocus", documentframes::holdStill(4, 8, 3, 8, 0.06), documentframes::kFrameSize},
        {"720p, straight, still", documentframes::holdStill(0, 5, 0, 0, 0), documentframes::kFrameSize},
        {"1080p, rotated 8°", documentframes::holdStill(5, 6, 0, 8, 0.04), QSize(1920, 1080)},
    };
    out << "bench_capture: page budget " << pagecapture::kPageBudgetBytes / 1024 << " KB, long edge ≤ " << pagecapture::kLongEdgePx
        << " px, frames every " << CameraPageSource::kFrameIntervalMs << " ms\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
               .arg(QStringLiteral("scene"), -30)
               .arg(QStringLiteral("page px"), 10)
               .arg(QStringLiteral("KB"), 6)
               .arg(QStringLiteral("q"), 4)
               .arg(QStringLiteral("outline"), 8)
               .arg(QStringLiteral("analyse/frame ms"), 17)
               .arg(QStringLiteral("process ms"), 11)
               .arg(QStringLiteral("capture ms"), 11);
    for (const Scene &scene : scenes) {
        QList<QImage> frames;
        for (const auto &shot : scene.shots)
            frames.append(documentframes::frame(shot, scene.frame));
        PageAnalyser analyser;
        QElapsedTimer timer;
        qint64 analyseNs = 0;
        int analysed = 0;
        int takenAt = -1;
        for (qsizetype i = 0; i < frames.size() && takenAt < 0; ++i) {
            timer.start();
            const FrameVerdict verdict = analyser.feed(frames.at(i));
            analyseNs += timer.nsecsElapsed();
            ++analysed;
            if (verdict.take)
                takenAt = int(i);
        }
        if (takenAt < 0) {
            out << scene.name << ": no frame taken\n";
            continue;
        }
        // The best of five: processing time without the first run's plugin loading.
        qint64 processMs = std::numeric_limits<qint64>::max();
        ProcessedPage page;
        for (int run = 0; run < 5; ++run) {
            page = pageprocessing::process(frames.at(takenAt));
            processMs = std::min(processMs, page.processingMs);
        }
        const double analyseMs = double(analyseNs) / analysed / 1e6;
        const qint64 captureMs = qint64(takenAt) * CameraPageSource::kFrameIntervalMs + qint64(analyseMs) + processMs;
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                   .arg(QString::fromUtf8(scene.name), -30)
                   .arg(QStringLiteral("%1×%2").arg(page.size.width()).arg(page.size.height()), 10)
                   .arg((page.jpeg.size() + 1023) / 1024, 6)
                   .arg(page.quality, 4)
                   .arg(page.outlineFound ? QStringLiteral("yes") : QStringLiteral("no"), 8)
                   .arg(analyseMs, 17, 'f', 1)
                   .arg(processMs, 11)
                   .arg(captureMs, 11);
    }
    // The worst case for the budget: a colour page full of detail at the full long edge.
    QImage busy = documentframes::sheet(pagecapture::kLongEdgePx);
    {
        QImage photo = documentframes::table(busy.size());
        for (int y = 0; y < busy.height(); y += 2)
            std::copy_n(photo.constScanLine(y), busy.bytesPerLine(), busy.scanLine(y));
    }
    QElapsedTimer timer;
    timer.start();
    const ProcessedPage worst = pageprocessing::encode(busy);
    out << QStringLiteral("busy colour page %1×%2: %3 KB at q %4 (%5), encoded in %6 ms\n")
               .arg(busy.width())
               .arg(busy.height())
               .arg((worst.jpeg.size() + 1023) / 1024)
               .arg(worst.quality)
               .arg(worst.size == busy.size() ? QStringLiteral("full size")
                                              : QStringLiteral("shrunk to %1×%2").arg(worst.size.width()).arg(worst.size.height()))
               .arg(timer.elapsed());
    return 0;
}
