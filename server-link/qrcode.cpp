#include "qrcode.h"

#define ZX_USE_UTF8
#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

#include <algorithm>
#include <exception>

namespace serverlink {

namespace {
// ZXing's QR ECC scale is 0..8; 4 is level M (its default is L, see DESIGN §6).
constexpr int kEccLevelM = 4;
} // namespace

std::optional<QrCode> QrCode::encode(const QString &text)
{
    // ASCII needs no ECI; anything else is declared as UTF-8 so readers do not guess ISO 8859-1.
    const bool ascii = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
    ZXing::BitMatrix bits;
    try {
        // Width/height 0 and margin 0: one element per module.
        bits = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                   .setEccLevel(kEccLevelM)
                   .setEncoding(ascii ? ZXing::CharacterSet::Unknown : ZXing::CharacterSet::UTF8)
                   .setMargin(0)
                   .encode(text.toStdString(), 0, 0);
    } catch (const std::exception &) {
        // Text too long for any QR version.
        return std::nullopt;
    }
    QrCode qr;
    qr.size = bits.width();
    qr.version = (qr.size - 17) / 4;
    qr.modules.resize(qr.size * qr.size);
    for (int y = 0; y < qr.size; ++y)
        for (int x = 0; x < qr.size; ++x)
            qr.modules[y * qr.size + x] = bits.get(x, y);
    return qr;
}

} // namespace serverlink
