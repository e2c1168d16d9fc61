// Compares a display capture with the app's own rendering of the same screen, block by block: fonts and
// anti-aliasing may differ between two machines, the layout and the colours of its regions may not.
//
// Usage: screencompare REFERENCE ACTUAL [--block PX] [--tolerance LEVEL] [--max-differing FRACTION] [--diff FILE]
// Exit 0 when the images have the same size and at most FRACTION of the blocks differ in their mean colour by
// more than LEVEL (0–255) in a channel; 1 otherwise; 2 on a usage or read error.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QTextStream>

#include <array>

namespace {
std::array<double, 3> meanColour(const QImage &image, const QRect &block)
{
    std::array<double, 3> sum {};
    for (int y = block.top(); y <= block.bottom(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = block.left(); x <= block.right(); ++x) {
            sum[0] += qRed(line[x]);
            sum[1] += qGreen(line[x]);
            sum[2] += qBlue(line[x]);
        }
    }
    const double pixels = double(block.width()) * block.height();
    return {sum[0] / pixels, sum[1] / pixels, sum[2] / pixels};
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Compare a screen capture with a reference rendering, block by block."));
    cli.addHelpOption();
    const QCommandLineOption blockOption(
        QStringLiteral("block"), QStringLiteral("Block size in pixels."), QStringLiteral("px"), QStringLiteral("20"));
    const QCommandLineOption toleranceOption(
        QStringLiteral("tolerance"), QStringLiteral("Largest mean difference per channel."), QStringLiteral("level"), QStringLiteral("24"));
    const QCommandLineOption maxOption(QStringLiteral("max-differing"), QStringLiteral("Largest fraction of differing blocks."),
        QStringLiteral("fraction"), QStringLiteral("0.03"));
    const QCommandLineOption diffOption(
        QStringLiteral("diff"), QStringLiteral("Write ACTUAL with the differing blocks outlined."), QStringLiteral("file"));
    cli.addOptions({blockOption, toleranceOption, maxOption, diffOption});
    cli.addPositionalArgument(QStringLiteral("reference"), QStringLiteral("The app's own rendering (PNG, PPM, ...)."));
    cli.addPositionalArgument(QStringLiteral("actual"), QStringLiteral("The display capture."));
    cli.process(app);
    QTextStream out(stdout);
    if (cli.positionalArguments().size() != 2) {
        out << "screencompare: REFERENCE and ACTUAL are required\n";
        return 2;
    }
    const QImage reference = QImage(cli.positionalArguments().at(0)).convertToFormat(QImage::Format_RGB32);
    const QImage actual = QImage(cli.positionalArguments().at(1)).convertToFormat(QImage::Format_RGB32);
    if (reference.isNull() || actual.isNull()) {
        out << "screencompare: cannot read " << (reference.isNull() ? cli.positionalArguments().at(0) : cli.positionalArguments().at(1))
            << "\n";
        return 2;
    }
    if (reference.size() != actual.size()) {
        out << "screencompare: the capture is " << actual.width() << "x" << actual.height() << ", the reference " << reference.width()
            << "x" << reference.height() << "\n";
        return 1;
    }
    const int block = qMax(1, cli.value(blockOption).toInt());
    const double tolerance = cli.value(toleranceOption).toDouble();
    const double maxDiffering = cli.value(maxOption).toDouble();

    QImage diff = actual;
    QPainter painter(&diff);
    painter.setPen(QPen(Qt::magenta, 2));
    int blocks = 0;
    int differing = 0;
    for (int y = 0; y + block <= reference.height(); y += block) {
        for (int x = 0; x + block <= reference.width(); x += block) {
            const QRect rect(x, y, block, block);
            const auto want = meanColour(reference, rect);
            const auto got = meanColour(actual, rect);
            ++blocks;
            bool same = true;
            for (int c = 0; c < 3; ++c)
                same = same && qAbs(want[c] - got[c]) <= tolerance;
            if (same)
                continue;
            if (++differing <= 10)
                out << "block at " << x << "," << y << ": mean (" << int(got[0]) << " " << int(got[1]) << " " << int(got[2])
                    << "), reference (" << int(want[0]) << " " << int(want[1]) << " " << int(want[2]) << ")\n";
            painter.drawRect(rect.adjusted(1, 1, -1, -1));
        }
    }
    painter.end();
    if (cli.isSet(diffOption))
        diff.save(cli.value(diffOption));
    const double fraction = blocks ? double(differing) / blocks : 1.0;
    out << "screencompare: " << differing << " of " << blocks << " blocks differ (" << QString::number(fraction * 100, 'f', 1)
        << " %, at most " << QString::number(maxDiffering * 100, 'f', 1) << " % allowed)\n";
    return fraction <= maxDiffering ? 0 : 1;
}
