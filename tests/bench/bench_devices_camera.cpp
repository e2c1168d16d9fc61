// Camera decode throughput on the generated corpus of tst_devices_camera (1280×720 QR / PDF417 / Code 128 frames,
// rotated, blurred, low contrast, noisy, in perspective): frames per second and success rate of
// devices::barcode::decode (ZXing-C++), side by side with zbarimg run once per image over PNGs in a temp dir.
// Prints a table; no assertions (the unit test owns the expected verdicts).
#include "barcode.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTransform>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace devices;

// The generator below is a copy of tst_devices_camera.cpp's; keep the two in step.
#include "cameracorpus.h"

namespace {

const char *symbologyName(Symbology s)
{
    switch (s) {
    case Symbology::Qr:
        return "qr";
    case Symbology::Pdf417:
        return "pdf417";
    case Symbology::Code128:
        return "code128";
    }
    return "?";
}

struct Tally {
    int images = 0;
    int zxingOk = 0;
    int zbarOk = 0;
    double zxingMs = 0;
    double zbarMs = 0;
};

void printTally(const char *name, const Tally &t, bool haveZbar)
{
    std::printf("%-34s %3d  %5.1f%%  %7.1f  |", name, t.images, 100.0 * t.zxingOk / t.images, 1000.0 * t.images / t.zxingMs);
    if (haveZbar)
        std::printf("  %5.1f%%  %7.1f\n", 100.0 * t.zbarOk / t.images, 1000.0 * t.images / t.zbarMs);
    else
        std::printf("  (zbarimg not installed)\n");
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    constexpr int kRepeats = 3; // ZXing decodes per image (its time is the mean); zbarimg runs once per image
    const QString zbarimg = QStandardPaths::findExecutable(QStringLiteral("zbarimg"));
    QTemporaryDir dir;

    std::printf("camera corpus, 1280x720 8-bit frames; payload \"%s\"; ZXing: devices::barcode::decode in-process "
                "(mean of %d), zbarimg: one process per PNG (includes process start and PNG load)\n\n",
        qPrintable(kPayload), kRepeats);
    std::printf("%-34s %3s  %6s  %7s  |  %6s  %7s\n", "image", "n", "zxing", "img/s", "zbar", "img/s");
    std::printf("%s\n", QByteArray(34 + 3 + 8 + 9 + 3 + 8 + 9, '-').constData());

    Tally total;
    Tally perSymbology[3];
    for (const CorpusRow &row : kCorpus) {
        const QImage frame = makeFrame(row.symbology, row.transform);
        Tally t;
        t.images = 1;
        QElapsedTimer timer;
        bool ok = false;
        timer.start();
        for (int i = 0; i < kRepeats; ++i) {
            const std::optional<QString> text = barcode::decode(frame);
            ok = text && *text == kPayload;
        }
        t.zxingMs = timer.nsecsElapsed() / 1e6 / kRepeats;
        t.zxingOk = ok ? 1 : 0;
        if (!zbarimg.isEmpty()) {
            const QString png
                = dir.filePath(QString::fromLatin1(row.name).replace(QLatin1Char('/'), QLatin1Char('_')) + QStringLiteral(".png"));
            frame.save(png);
            QProcess zbar;
            timer.restart();
            zbar.start(zbarimg, {QStringLiteral("-q"), QStringLiteral("--raw"), png});
            zbar.waitForFinished(10000);
            t.zbarMs = timer.nsecsElapsed() / 1e6;
            const QString out = QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
            t.zbarOk = zbar.exitStatus() == QProcess::NormalExit && zbar.exitCode() == 0 && out == kPayload ? 1 : 0;
        }
        std::printf("%-34s %3d  %6s  %7.1f  |  %6s  %7.1f\n", row.name, 1, t.zxingOk ? "ok" : "FAIL", 1000.0 / t.zxingMs,
            zbarimg.isEmpty() ? "-" : (t.zbarOk ? "ok" : "FAIL"), zbarimg.isEmpty() ? 0.0 : 1000.0 / t.zbarMs);
        for (Tally *sum : {&total, &perSymbology[int(row.symbology)]}) {
            sum->images += 1;
            sum->zxingOk += t.zxingOk;
            sum->zbarOk += t.zbarOk;
            sum->zxingMs += t.zxingMs;
            sum->zbarMs += t.zbarMs;
        }
    }
    std::printf("%s\n", QByteArray(34 + 3 + 8 + 9 + 3 + 8 + 9, '-').constData());
    for (Symbology s : {Symbology::Qr, Symbology::Pdf417, Symbology::Code128})
        printTally(symbologyName(s), perSymbology[int(s)], !zbarimg.isEmpty());
    printTally("all", total, !zbarimg.isEmpty());
    return 0;
}
