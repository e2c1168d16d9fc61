#include "qrcode.h"

#define ZX_USE_UTF8
#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

#include <qrencode.h>

#include <algorithm>
#include <exception>
#include <memory>

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

std::optional<QrCode> QrCode::encodeSegments(const QByteArray &bytes, const QByteArray &digits)
{
    // Version 0: libqrencode picks the smallest version that fits.
    std::unique_ptr<QRinput, decltype(&QRinput_free)> input(QRinput_new2(0, QR_ECLEVEL_M), QRinput_free);
    if (!input
        || (!bytes.isEmpty()
            && QRinput_append(input.get(), QR_MODE_8, int(bytes.size()), reinterpret_cast<const unsigned char *>(bytes.constData())) != 0)
        || (!digits.isEmpty()
            && QRinput_append(input.get(), QR_MODE_NUM, int(digits.size()), reinterpret_cast<const unsigned char *>(digits.constData()))
                != 0))
        return std::nullopt;
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeInput(input.get()), QRcode_free);
    if (!code)
        return std::nullopt;
    QrCode qr;
    qr.size = code->width;
    qr.version = code->version;
    qr.modules.resize(qr.size * qr.size);
    // Bit 0 of each libqrencode module byte is "dark"; the others describe the module's role.
    for (int i = 0; i < qr.size * qr.size; ++i)
        qr.modules[i] = (code->data[i] & 1) != 0;
    return qr;
}

} // namespace serverlink
