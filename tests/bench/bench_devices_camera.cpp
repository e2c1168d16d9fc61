// Camera decode figures: decode rate per symbology and p50/p99 time per image for plain ZXing with today's hints
// (devices::barcode::decode), the multi-pass decoder (MultiPassDecoder, every pass until one reads) and zbarimg on the
// same files, over the shared real photographs (../shared/corpus/real-photos, native sizes) and the generated 1280x720
// corpus of tst_devices_camera; then FrameDecoder on a simulated 30 fps camera, plain only against the default (plain
// pass plus extra passes at idle priority): decoded frames per second and the time to the first read. Prints tables;
// no assertions (tst_devices_camera owns the verdicts). zbarimg (zbar 0.23) has no Data Matrix reader and reads no
// PDF417: its columns there are 0 by design, not by failure.
#include "barcode.h"
#include "framedecoder.h"
#include "multipassdecoder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTransform>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace devices;

#include "cameracorpus.h"

namespace {

constexpr int kRepeats = 3; // in-process decodes per image; zbarimg runs once per image

struct Sample {
    QString label; // the symbology
    QImage image;
    QString expected; // empty: no code in the picture
    QString pngPath; // for zbarimg
};

struct Column {
    int ok = 0;
    int wrong = 0; // a text on a picture without a code, or a different text
    std::vector<double> ms;
    bool skipped = false;

    void add(const std::optional<QString> &text, const QString &expected, double elapsedMs)
    {
        ms.push_back(elapsedMs);
        if (text && *text == expected && !expected.isEmpty())
            ++ok;
        else if (text)
            ++wrong;
    }
    [[nodiscard]] double percentile(double p) const
    {
        if (ms.empty())
            return 0;
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        return sorted[std::min(sorted.size() - 1, size_t(p * double(sorted.size())))];
    }
};

struct Row {
    QString label;
    int images = 0;
    Column plain, multi, zbar;
};

std::optional<QString> runZbar(const QString &zbarimg, const QString &png, double *elapsedMs)
{
    QProcess zbar;
    QElapsedTimer timer;
    timer.start();
    zbar.start(zbarimg, {QStringLiteral("-q"), QStringLiteral("--raw"), png});
    zbar.waitForFinished(10000);
    *elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    if (zbar.exitStatus() != QProcess::NormalExit || zbar.exitCode() != 0)
        return std::nullopt;
    QString out = QString::fromUtf8(zbar.readAllStandardOutput());
    out.chop(1); // zbarimg --raw ends each symbol with a newline of its own
    return out;
}

QString cell(const Column &c, int images, bool falsePositives)
{
    if (c.skipped)
        return QStringLiteral("(zbarimg not installed)");
    const QString rate = falsePositives
        ? QStringLiteral("%1 false").arg(c.wrong)
        : QStringLiteral("%1/%2%3").arg(c.ok).arg(images).arg(c.wrong ? QStringLiteral(" !%1").arg(c.wrong) : QString());
    return QStringLiteral("%1 %2/%3").arg(rate, -9).arg(c.percentile(0.5), 0, 'f', 1).arg(c.percentile(0.99), 0, 'f', 1);
}

void printTable(const char *title, const std::vector<Row> &rows)
{
    std::printf("\n%s\n", title);
    std::printf("%-11s %3s | %-24s | %-24s | %-24s\n", "symbology", "n", "plain ZXing  p50/p99 ms", "multi-pass  p50/p99 ms",
        "zbarimg     p50/p99 ms");
    for (const Row &r : rows) {
        const bool fp = r.label == QLatin1String("no-barcode");
        std::printf("%-11s %3d | %-24s | %-24s | %-24s\n", qPrintable(r.label), r.images, qPrintable(cell(r.plain, r.images, fp)),
            qPrintable(cell(r.multi, r.images, fp)), qPrintable(cell(r.zbar, r.images, fp)));
    }
}

std::vector<Row> measure(const std::vector<Sample> &samples, const QString &zbarimg)
{
    std::vector<Row> rows;
    for (const Sample &s : samples) {
        auto it = std::find_if(rows.begin(), rows.end(), [&](const Row &r) { return r.label == s.label; });
        if (it == rows.end()) {
            rows.push_back({s.label, 0, {}, {}, {}});
            it = rows.end() - 1;
        }
        Row &row = *it;
        ++row.images;
        QElapsedTimer timer;
        for (int i = 0; i < kRepeats; ++i) {
            timer.start();
            const std::optional<QString> text = barcode::decode(s.image);
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            if (i == 0)
                row.plain.add(text, s.expected, ms);
            else
                row.plain.ms.push_back(ms);
        }
        for (int i = 0; i < kRepeats; ++i) {
            timer.start();
            const std::optional<QString> text = MultiPassDecoder().decode(s.image).text;
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            if (i == 0)
                row.multi.add(text, s.expected, ms);
            else
                row.multi.ms.push_back(ms);
        }
        if (zbarimg.isEmpty()) {
            row.zbar.skipped = true;
        } else {
            double ms = 0;
            const std::optional<QString> text = runZbar(zbarimg, s.pngPath, &ms);
            row.zbar.add(text, s.expected, ms);
        }
    }
    return rows;
}

// FrameDecoder fed by a timer at 30 fps for `seconds`: frames its plain pass took per second and the first read.
struct FeedFigures {
    double decodedPerSecond = 0;
    qint64 firstReadMs = -1;
};

FeedFigures feed(FrameDecoder &decoder, const QImage &frame, double seconds)
{
    FeedFigures figures;
    int offered = 0;
    const int total = int(seconds * 30);
    QElapsedTimer clock;
    QObject::connect(&decoder, &FrameDecoder::decoded, &decoder, [&](const QString &) {
        if (figures.firstReadMs < 0)
            figures.firstReadMs = clock.elapsed();
    });
    const qint64 before = decoder.decodedFrameCount();
    QEventLoop loop;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        decoder.offer(frame);
        if (++offered >= total)
            loop.quit();
    });
    timer.start(33);
    clock.start();
    loop.exec();
    const double elapsed = double(clock.nsecsElapsed()) / 1e9;
    figures.decodedPerSecond = double(decoder.decodedFrameCount() - before) / elapsed;
    return figures;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QString zbarimg = QStandardPaths::findExecutable(QStringLiteral("zbarimg"));
    const QString realPhotos = QStringLiteral(KIOSK_TEST_SOURCE_DIR "/../shared/corpus/real-photos");
    QTemporaryDir dir;

    std::printf("camera decode: ZXing-C++ 1.4; plain = barcode::decode (one pass, today's hints); multi-pass = "
                "MultiPassDecoder::decode, every pass until one reads; zbarimg = one process per PNG (process start and PNG "
                "load included). Times p50/p99 in ms over %d runs (zbarimg 1).\n",
        kRepeats);
    std::printf("passes in order: %s\n", qPrintable(MultiPassDecoder::passNames().join(QStringLiteral(", "))));

    const QList<QPair<QString, QString>> sets = {{QStringLiteral("qrcode-1"), QStringLiteral("qr")},
        {QStringLiteral("qrcode-3"), QStringLiteral("qr")}, {QStringLiteral("qrcode-5"), QStringLiteral("qr")},
        {QStringLiteral("pdf417-3"), QStringLiteral("pdf417")}, {QStringLiteral("code128-2"), QStringLiteral("code128")},
        {QStringLiteral("datamatrix-2"), QStringLiteral("datamatrix")}, {QStringLiteral("no-barcode"), QStringLiteral("no-barcode")}};
    std::vector<Sample> real;
    for (const auto &[set, label] : sets) {
        const QDir d(realPhotos + QLatin1Char('/') + set);
        for (const QString &name : d.entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name)) {
            QFile text(d.filePath(name.chopped(4) + QStringLiteral(".txt")));
            const QString expected = text.open(QIODevice::ReadOnly) ? QString::fromUtf8(text.readAll()) : QString();
            real.push_back({label, QImage(d.filePath(name)), expected, d.filePath(name)});
        }
    }
    if (real.empty())
        std::printf("\nreal photographs: SKIP, %s is not there\n", qPrintable(realPhotos));
    else
        printTable("real photographs (native sizes 32x32 to 640x480); read/photos (!n: n wrong texts), no-barcode: texts "
                   "read from photos without a code",
            measure(real, zbarimg));

    std::vector<Sample> generated;
    for (const CorpusRow &row : kCorpus) {
        const QImage frame = makeFrame(row.symbology, row.transform);
        const QString png
            = dir.filePath(QString::fromLatin1(row.name).replace(QLatin1Char('/'), QLatin1Char('_')) + QStringLiteral(".png"));
        if (!zbarimg.isEmpty())
            frame.save(png);
        generated.push_back({QString::fromLatin1(row.name).section(QLatin1Char('/'), 0, 0), frame, kPayload, png});
    }
    printTable("generated corpus, 1280x720 frames (tests/unit/cameracorpus.h)", measure(generated, zbarimg));

    std::printf("\nFrameDecoder on a simulated 30 fps camera, 1280x720 frames, 3 s per scene: frames/s through the plain pass "
                "(the rest dropped while busy) and the time to the first read\n");
    std::printf("%-32s | %-28s | %-28s\n", "scene", "plain only (today)", "default (+ idle extra passes)");
    const QImage empty = [] {
        QImage g(1280, 720, QImage::Format_Grayscale8);
        g.fill(225);
        return g;
    }();
    const QList<QPair<const char *, QImage>> scenes
        = {{"no code (the usual frame)", empty}, {"code128/blur-heavy (unreadable)", makeFrame(Symbology::Code128, BlurHeavy)},
            {"code128/rot5", makeFrame(Symbology::Code128, Rotate5)}, {"code128/rot15", makeFrame(Symbology::Code128, Rotate15)},
            {"qr/clean", makeFrame(Symbology::Qr, None)}};
    for (const auto &[name, frame] : scenes) {
        FrameDecoder plain(FrameDecoder::DecodeFunction(&barcode::decode));
        const FeedFigures p = feed(plain, frame, 3.0);
        FrameDecoder multi;
        const FeedFigures m = feed(multi, frame, 3.0);
        auto describe = [](const FeedFigures &f) {
            return QStringLiteral("%1 fps, %2")
                .arg(f.decodedPerSecond, 4, 'f', 1)
                .arg(f.firstReadMs < 0 ? QStringLiteral("not read in 3 s") : QStringLiteral("read after %1 ms").arg(f.firstReadMs));
        };
        std::printf("%-32s | %-28s | %-28s\n", name, qPrintable(describe(p)), qPrintable(describe(m)));
    }
    return 0;
}
