#include "barcode.h"

#include "qrcode.h"

#define ZX_USE_UTF8
#include <ZXing/BarcodeFormat.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>

namespace devices::barcode {

namespace {
constexpr int kQuietZoneModules = 4;
} // namespace

QImage encodeQr(const QString &text, int moduleSize)
{
    if (moduleSize < 1)
        return {};
    const auto qr = serverlink::QrCode::encode(text);
    if (!qr)
        return {};
    const int side = (qr->size + 2 * kQuietZoneModules) * moduleSize;
    QImage image(side, side, QImage::Format_Grayscale8);
    image.fill(0xff);
    for (int y = 0; y < qr->size; ++y) {
        for (int x = 0; x < qr->size; ++x) {
            if (!qr->dark(x, y))
                continue;
            const int px = (x + kQuietZoneModules) * moduleSize;
            const int py = (y + kQuietZoneModules) * moduleSize;
            for (int dy = 0; dy < moduleSize; ++dy)
                std::fill_n(image.scanLine(py + dy) + px, moduleSize, uchar(0));
        }
    }
    return image;
}

std::optional<QString> decode(const QImage &image)
{
    if (image.isNull())
        return std::nullopt;
    // ZXing reads 8-bit luminance directly; everything else is converted once.
    const QImage lum = image.format() == QImage::Format_Grayscale8 ? image : image.convertToFormat(QImage::Format_Grayscale8);
    const ZXing::ImageView view(lum.constBits(), lum.width(), lum.height(), ZXing::ImageFormat::Lum, int(lum.bytesPerLine()));

    ZXing::DecodeHints hints;
    hints.setFormats(
        ZXing::BarcodeFormat::QRCode | ZXing::BarcodeFormat::PDF417 | ZXing::BarcodeFormat::Code128 | ZXing::BarcodeFormat::DataMatrix);
    hints.setMaxNumberOfSymbols(1);
    hints.setTryHarder(true);
    hints.setTryRotate(true);

    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    if (!result.isValid())
        return std::nullopt;
    return QString::fromStdString(result.text());
}

} // namespace devices::barcode
