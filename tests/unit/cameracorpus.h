#pragma once
// The generated camera corpus shared by tst_devices_camera (expected verdicts) and bench_devices_camera
// (throughput): 1280×720 QR / PDF417 / Code 128 frames, rotated, blurred, low contrast, noisy, in perspective.
// Provenance: made by this code at run time; no image files are stored.

#define ZX_USE_UTF8
#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <QImage>
#include <QPainter>
#include <QTransform>

#include <algorithm>
#include <random>

namespace {

enum class Symbology { Qr, Pdf417, Code128 };

// Scene transforms, composable as flags.
enum Transform : unsigned {
    None = 0,
    Rotate15 = 1u << 0,
    Rotate90 = 1u << 1,
    BlurLight = 1u << 2, // downscale ×1/2 then upscale
    BlurHeavy = 1u << 3, // downscale ×1/12 then upscale
    LowContrast = 1u << 4, // black/white squeezed to 105..150
    Noise = 1u << 5, // additive Gaussian, sigma 30
    Perspective = 1u << 6, // keystone via QTransform::quadToQuad
    Rotate5 = 1u << 7,
    BlurMedium = 1u << 8, // downscale ×1/4 then upscale
};

const QString kPayload = QStringLiteral("ADK-2026-0001234");

QImage fromMatrix(const ZXing::BitMatrix &m, int sx, int sy, int quiet)
{
    QImage img((m.width() + 2 * quiet) * sx, (m.height() + 2 * quiet) * sy, QImage::Format_Grayscale8);
    img.fill(0xff);
    for (int y = 0; y < m.height(); ++y)
        for (int x = 0; x < m.width(); ++x)
            if (m.get(x, y))
                for (int dy = 0; dy < sy; ++dy)
                    std::fill_n(img.scanLine((y + quiet) * sy + dy) + (x + quiet) * sx, sx, uchar(0));
    return img;
}

QImage symbolImage(Symbology s)
{
    switch (s) {
    case Symbology::Qr:
        return barcode::encodeQr(kPayload, 8);
    case Symbology::Pdf417: {
        const ZXing::BitMatrix m = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::PDF417).setMargin(0).encode(kPayload.toStdString(), 0, 0);
        return fromMatrix(m, 3, m.height() < 20 ? 9 : 3, 4);
    }
    case Symbology::Code128: {
        const ZXing::BitMatrix m
            = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::Code128).setMargin(0).encode(kPayload.toStdString(), 0, 0);
        ZXing::BitMatrix row(m.width(), 1);
        for (int x = 0; x < m.width(); ++x)
            if (m.get(x, 0))
                row.set(x, 0);
        QImage bars = fromMatrix(row, 3, 1, 12);
        return bars.scaled(bars.width(), 160, Qt::IgnoreAspectRatio, Qt::FastTransformation);
    }
    }
    return {};
}

/// One 1280×720 8-bit frame of `s` under `t`; deterministic (fixed noise seed).
QImage makeFrame(Symbology s, unsigned t, QSize size = {1280, 720})
{
    const QImage symbol = symbolImage(s);
    QImage scene(size, QImage::Format_RGB32);
    scene.fill(QColor(225, 225, 225));
    {
        QPainter p(&scene);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.setRenderHint(QPainter::Antialiasing);
        const QPointF c(size.width() / 2.0, size.height() / 2.0);
        const qreal w = symbol.width(), h = symbol.height();
        QTransform tr;
        if (t & Perspective) {
            const QPolygonF from({QPointF(0, 0), QPointF(w, 0), QPointF(w, h), QPointF(0, h)});
            const QPolygonF to({c + QPointF(-0.38 * w, -0.45 * h), c + QPointF(0.38 * w, -0.5 * h), c + QPointF(0.55 * w, 0.5 * h),
                c + QPointF(-0.55 * w, 0.55 * h)});
            QTransform::quadToQuad(from, to, tr);
        } else {
            tr.translate(c.x(), c.y());
            if (t & Rotate15)
                tr.rotate(15);
            if (t & Rotate5)
                tr.rotate(5);
            if (t & Rotate90)
                tr.rotate(90);
            tr.translate(-w / 2, -h / 2);
        }
        p.setTransform(tr);
        p.drawImage(QPointF(0, 0), symbol);
    }
    QImage g = scene.convertToFormat(QImage::Format_Grayscale8);
    for (const auto &[flag, factor] : {std::pair {BlurLight, 2}, std::pair {BlurMedium, 4}, std::pair {BlurHeavy, 12}}) {
        if (t & flag)
            g = g.scaled(size / factor, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                    .scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                    .convertToFormat(QImage::Format_Grayscale8);
    }
    if (t & (LowContrast | Noise)) {
        std::mt19937 rng(1234);
        std::normal_distribution<double> gauss(0.0, 30.0);
        for (int y = 0; y < g.height(); ++y) {
            uchar *line = g.scanLine(y);
            for (int x = 0; x < g.width(); ++x) {
                double v = line[x];
                if (t & LowContrast)
                    v = 105 + v * 45.0 / 255.0;
                if (t & Noise)
                    v += gauss(rng);
                line[x] = uchar(std::clamp(v, 0.0, 255.0));
            }
        }
    }
    return g;
}

struct CorpusRow {
    const char *name;
    Symbology symbology;
    unsigned transform;
    bool expectDecoded; // by barcode::decode (one plain ZXing pass)
    bool expectMultiPass; // by MultiPassDecoder::decode (every pass)
};

// The expected verdicts are those of ZXing-C++ 1.4 (Debian 12) with devices::barcode::decode's hints. Its PDF417 and
// 1D readers scan rows/columns only (try-rotate adds 90° steps), so tilted PDF417/Code 128 and blurred 3-px modules fail;
// a change of verdict after a ZXing upgrade is news, not noise: update the row and the bench figures together.
// The multi-pass verdict adds the rows a downscaled or rotated pass reads (devices/multipassdecoder.cpp).
const CorpusRow kCorpus[] = {
    {"qr/clean", Symbology::Qr, None, true, true},
    {"qr/rot5", Symbology::Qr, Rotate5, true, true},
    {"qr/rot15", Symbology::Qr, Rotate15, true, true},
    {"qr/rot90", Symbology::Qr, Rotate90, true, true},
    {"qr/blur-light", Symbology::Qr, BlurLight, true, true},
    {"qr/blur-medium", Symbology::Qr, BlurMedium, true, true},
    {"qr/blur-heavy", Symbology::Qr, BlurHeavy, false, false},
    {"qr/low-contrast", Symbology::Qr, LowContrast, true, true},
    {"qr/noise", Symbology::Qr, Noise, true, true},
    {"qr/perspective", Symbology::Qr, Perspective, true, true},
    {"qr/lowcontrast+noise", Symbology::Qr, LowContrast | Noise, false, true},
    {"qr/lowcontrast+noise+rot15", Symbology::Qr, LowContrast | Noise | Rotate15, false, false},
    {"pdf417/clean", Symbology::Pdf417, None, true, true},
    {"pdf417/rot5", Symbology::Pdf417, Rotate5, true, true},
    {"pdf417/rot15", Symbology::Pdf417, Rotate15, false, true},
    {"pdf417/rot90", Symbology::Pdf417, Rotate90, true, true},
    {"pdf417/blur-light", Symbology::Pdf417, BlurLight, true, true},
    {"pdf417/blur-medium", Symbology::Pdf417, BlurMedium, false, false},
    {"pdf417/blur-heavy", Symbology::Pdf417, BlurHeavy, false, false},
    {"pdf417/low-contrast", Symbology::Pdf417, LowContrast, true, true},
    {"pdf417/noise", Symbology::Pdf417, Noise, true, true},
    {"pdf417/perspective", Symbology::Pdf417, Perspective, true, true},
    {"pdf417/lowcontrast+noise", Symbology::Pdf417, LowContrast | Noise, true, true},
    {"pdf417/lowcontrast+noise+rot15", Symbology::Pdf417, LowContrast | Noise | Rotate15, false, true},
    {"code128/clean", Symbology::Code128, None, true, true},
    {"code128/rot5", Symbology::Code128, Rotate5, false, true},
    {"code128/rot15", Symbology::Code128, Rotate15, false, true},
    {"code128/rot90", Symbology::Code128, Rotate90, true, true},
    {"code128/blur-light", Symbology::Code128, BlurLight, true, true},
    {"code128/blur-medium", Symbology::Code128, BlurMedium, false, false},
    {"code128/blur-heavy", Symbology::Code128, BlurHeavy, false, false},
    {"code128/low-contrast", Symbology::Code128, LowContrast, true, true},
    {"code128/noise", Symbology::Code128, Noise, true, true},
    {"code128/perspective", Symbology::Code128, Perspective, false, false},
    {"code128/lowcontrast+noise", Symbology::Code128, LowContrast | Noise, false, false},
    {"code128/lowcontrast+noise+rot15", Symbology::Code128, LowContrast | Noise | Rotate15, false, false},
};

} // namespace
