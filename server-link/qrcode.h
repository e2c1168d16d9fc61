#pragma once

#include <QString>
#include <QVector>
#include <optional>

namespace serverlink {

/// The modules of one QR symbol (no quiet zone), row-major; the one QR encoder of kiosk tickets
/// and letter seals. ZXing and libqrencode stay in qrcode.cpp.
struct QrCode {
    int size = 0;
    int version = 0; // 1..40, from the size
    QVector<bool> modules;

    [[nodiscard]] bool dark(int x, int y) const { return modules.at(y * size + x); }

    /// Encodes `text` at error correction level M (DESIGN §6). An SQ1 seal's base45 text makes
    /// ZXing pick alphanumeric mode; non-ASCII text is declared as UTF-8 (ECI). nullopt if too long.
    [[nodiscard]] static std::optional<QrCode> encode(const QString &text);
    /// Two segments at level M, the smallest version that holds them: `bytes` in byte mode, then `digits`
    /// (ASCII 0-9 only) in numeric mode. ZXing 1.4 writes one mode per symbol, so this is libqrencode's.
    /// nullopt if too long or `digits` has anything but digits.
    [[nodiscard]] static std::optional<QrCode> encodeSegments(const QByteArray &bytes, const QByteArray &digits);
};

} // namespace serverlink
