#include "multipassdecoder.h"

#define ZX_USE_UTF8
#include <ZXing/BarcodeFormat.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <vector>

namespace devices {

namespace {

enum class Prepare { None, Shrink2, Shrink4, Margin, Rotate, Invert };

struct Pass {
    const char *name;
    Prepare prepare;
    int parameter; // Rotate, Shrink2: degrees to rotate by (0: none)
    ZXing::Binarizer binarizer;
};

// The order comes from measuring every candidate on the real photos (../shared/corpus/real-photos, 85 codes, 6 photos
// without one) and the generated 1280x720 corpus (tests/unit/cameracorpus.h): cheap passes that read something the
// plain pass misses come first. Measured (ZXing 1.4, ms per 1280x720 frame on a busy 2-core box, plain ≈ 22):
// shrink ×1/4 ≈ 6 (qr/lowcontrast+noise), shrink ×1/2 + global histogram ≈ 15 (code128-2/06), shrink ×1/2 rotated
// ±15° ≈ 11 (pdf417/rot15), global histogram ≈ 24 (qrcode-3/24), white margin + global ≈ 26 (qrcode-3/21), rotated
// ±5° ≈ 25 (code128/rot5), rotated ±15° ≈ 60 (code128/rot15, pdf417/lowcontrast+noise+rot15). Rotations go both ways
// because a citizen tilts either way. Inverted is last: it read nothing in either corpus but is the only pass for a
// light-on-dark code (a phone in dark mode). Measured and left out: CLAHE-like local equalisation (full or half size:
// it read only code128-2/06, which shrink ×1/2 reads at a fifth of the cost), ×2 upscaling (≈130 ms, nothing new),
// fixed threshold after stretching, unsharp masking. No pass read anything from the photos without a code.
constexpr Pass kPasses[] = {
    {"plain", Prepare::None, 0, ZXing::Binarizer::LocalAverage},
    {"shrink4", Prepare::Shrink4, 0, ZXing::Binarizer::LocalAverage},
    {"shrink2-global", Prepare::Shrink2, 0, ZXing::Binarizer::GlobalHistogram},
    {"shrink2-rotate-15", Prepare::Shrink2, -15, ZXing::Binarizer::LocalAverage},
    {"shrink2-rotate+15", Prepare::Shrink2, 15, ZXing::Binarizer::LocalAverage},
    {"global", Prepare::None, 0, ZXing::Binarizer::GlobalHistogram},
    {"margin-global", Prepare::Margin, 0, ZXing::Binarizer::GlobalHistogram},
    {"rotate-5", Prepare::Rotate, -5, ZXing::Binarizer::LocalAverage},
    {"rotate+5", Prepare::Rotate, 5, ZXing::Binarizer::LocalAverage},
    {"rotate-15", Prepare::Rotate, -15, ZXing::Binarizer::LocalAverage},
    {"rotate+15", Prepare::Rotate, 15, ZXing::Binarizer::LocalAverage},
    {"inverted", Prepare::Invert, 0, ZXing::Binarizer::LocalAverage},
};
constexpr int kPassCount = int(std::size(kPasses));

// Box average: cheaper than QImage::scaled and it averages the sensor noise away, which is the point of the pass.
QImage shrink(const QImage &g, int factor)
{
    const int w = g.width() / factor, h = g.height() / factor;
    if (w < 1 || h < 1)
        return g;
    QImage out(w, h, QImage::Format_Grayscale8);
    std::vector<int> sums(size_t(w), 0);
    const int area = factor * factor;
    for (int y = 0; y < h; ++y) {
        std::fill(sums.begin(), sums.end(), 0);
        for (int dy = 0; dy < factor; ++dy) {
            const uchar *line = g.constScanLine(y * factor + dy);
            for (int x = 0; x < w; ++x)
                for (int dx = 0; dx < factor; ++dx)
                    sums[size_t(x)] += line[x * factor + dx];
        }
        uchar *outLine = out.scanLine(y);
        for (int x = 0; x < w; ++x)
            outLine[x] = uchar(sums[size_t(x)] / area);
    }
    return out;
}

// A tenth of the longer side in white around the image: a code cut off at the photo's edge gets its quiet zone back.
QImage withMargin(const QImage &g)
{
    const int m = std::max(g.width(), g.height()) / 10;
    QImage out(g.width() + 2 * m, g.height() + 2 * m, QImage::Format_Grayscale8);
    out.fill(0xff);
    for (int y = 0; y < g.height(); ++y)
        std::memcpy(out.scanLine(y + m) + m, g.constScanLine(y), size_t(g.width()));
    return out;
}

// Rotation about the centre into the same size, bilinear, white outside: ZXing's PDF417 and 1D readers scan rows only.
QImage rotated(const QImage &g, int degrees)
{
    const int w = g.width(), h = g.height();
    QImage out(g.size(), QImage::Format_Grayscale8);
    const double a = degrees * std::numbers::pi / 180.0, c = std::cos(a), s = std::sin(a);
    const double cx = w / 2.0, cy = h / 2.0;
    for (int y = 0; y < h; ++y) {
        uchar *line = out.scanLine(y);
        const double dy = y - cy;
        for (int x = 0; x < w; ++x) {
            const double dx = x - cx;
            const double sx = c * dx + s * dy + cx, sy = -s * dx + c * dy + cy;
            const int ix = int(sx), iy = int(sy);
            if (sx < 0 || sy < 0 || ix >= w - 1 || iy >= h - 1) {
                line[x] = 0xff;
                continue;
            }
            const double fx = sx - ix, fy = sy - iy;
            const uchar *p = g.constScanLine(iy) + ix;
            const uchar *q = g.constScanLine(iy + 1) + ix;
            line[x] = uchar((p[0] * (1 - fx) + p[1] * fx) * (1 - fy) + (q[0] * (1 - fx) + q[1] * fx) * fy + 0.5);
        }
    }
    return out;
}

QImage prepared(const Pass &pass, const QImage &lum)
{
    switch (pass.prepare) {
    case Prepare::None:
        return lum;
    case Prepare::Shrink2:
        return pass.parameter ? rotated(shrink(lum, 2), pass.parameter) : shrink(lum, 2);
    case Prepare::Shrink4:
        return shrink(lum, 4);
    case Prepare::Margin:
        return withMargin(lum);
    case Prepare::Rotate:
        return rotated(lum, pass.parameter);
    case Prepare::Invert: {
        QImage inverted = lum.copy();
        inverted.invertPixels();
        return inverted;
    }
    }
    return lum;
}

} // namespace

QStringList MultiPassDecoder::passNames()
{
    QStringList names;
    for (const Pass &pass : kPasses)
        names << QString::fromLatin1(pass.name);
    return names;
}

MultiPassDecoder::Attempt MultiPassDecoder::decode(const QImage &image) const
{
    return run(image, 0, nullptr);
}

MultiPassDecoder::Attempt MultiPassDecoder::decodeExtraPasses(const QImage &image, const std::atomic<bool> *cancel) const
{
    return run(image, 1, cancel);
}

MultiPassDecoder::Attempt MultiPassDecoder::run(const QImage &image, int firstPass, const std::atomic<bool> *cancel) const
{
    Attempt attempt;
    if (image.isNull())
        return attempt;
    // ZXing reads 8-bit luminance directly; everything else is converted once.
    const QImage lum = image.format() == QImage::Format_Grayscale8 ? image : image.convertToFormat(QImage::Format_Grayscale8);
    for (int pass = firstPass; pass < kPassCount; ++pass) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            break;
        const QImage picture = prepared(kPasses[pass], lum);
        const ZXing::ImageView view(
            picture.constBits(), picture.width(), picture.height(), ZXing::ImageFormat::Lum, int(picture.bytesPerLine()));
        // barcode::decode's hints; the passes change only the binarizer and the picture.
        ZXing::DecodeHints hints;
        hints.setFormats(
            ZXing::BarcodeFormat::QRCode | ZXing::BarcodeFormat::PDF417 | ZXing::BarcodeFormat::Code128 | ZXing::BarcodeFormat::DataMatrix);
        hints.setMaxNumberOfSymbols(1);
        hints.setTryHarder(true);
        hints.setTryRotate(true);
        hints.setBinarizer(kPasses[pass].binarizer);
        const ZXing::Result result = ZXing::ReadBarcode(view, hints);
        ++attempt.passesRun;
        if (result.isValid()) {
            attempt.text = QString::fromStdString(result.text());
            attempt.pass = QString::fromLatin1(kPasses[pass].name);
            break;
        }
    }
    return attempt;
}

} // namespace devices
