#include "barcode.h"

#define ZX_USE_UTF8
#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <exception>

namespace devices::barcode {

namespace {
// ZXing's QR ECC scale is 0..8; 4 is level M (its default is L, see DESIGN §6).
constexpr int kEccLevelM = 4;
constexpr int kQuietZoneModules = 4;
} // namespace

QImage encodeQr(const QString &text, int moduleSize)
{
    if (moduleSize < 1)
        return {};
    // ASCII needs no ECI; anything else is declared as UTF-8 so readers do not guess ISO 8859-1.
    const bool ascii = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
    ZXing::BitMatrix modules;
    try {
        // Width/height 0 and margin 0 give one pixel per module; scaling is done here.
        modules = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                      .setEccLevel(kEccLevelM)
                      .setEncoding(ascii ? ZXing::CharacterSet::Unknown : ZXing::CharacterSet::UTF8)
                      .setMargin(0)
                      .encode(text.toStdString(), 0, 0);
    } catch (const std::exception &) {
        // Text too long for any QR version.
        return {};
    }
    const int side = (modules.width() + 2 * kQuietZoneModules) * moduleSize;
    QImage image(side, side, QImage::Format_Grayscale8);
    image.fill(0xff);
    for (int y = 0; y < modules.height(); ++y) {
        for (int x = 0; x < modules.width(); ++x) {
            if (!modules.get(x, y))
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
