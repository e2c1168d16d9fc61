#include "sealqr.h"

#define ZX_USE_UTF8
#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

#include <exception>

namespace backend {

namespace {
// ZXing's QR ECC scale is 0..8; 4 is level M (its default is L).
constexpr int kEccLevelM = 4;
} // namespace

std::optional<QrMatrix> encodeSealQr(const QString &text)
{
    ZXing::BitMatrix bits;
    try {
        // Width/height 0 and margin 0: one element per module.
        bits = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                   .setEccLevel(kEccLevelM)
                   .setEncoding(ZXing::CharacterSet::Unknown)
                   .setMargin(0)
                   .encode(text.toStdString(), 0, 0);
    } catch (const std::exception &) {
        return std::nullopt;
    }
    QrMatrix m;
    m.size = bits.width();
    m.version = (m.size - 17) / 4;
    m.modules.resize(m.size * m.size);
    for (int y = 0; y < m.size; ++y)
        for (int x = 0; x < m.size; ++x)
            m.modules[y * m.size + x] = bits.get(x, y);
    return m;
}

} // namespace backend
