#pragma once

#include <QImage>
#include <QString>
#include <optional>

/// QR images (encoded by serverlink::QrCode) and barcode decoding on ZXing-C++; ZXing types stay in barcode.cpp.
namespace devices::barcode {

/// A QR code for `text` with ECC level M, `moduleSize` pixels per module and a 4-module quiet zone.
[[nodiscard]] QImage encodeQr(const QString &text, int moduleSize = 4);

/// The text of the first QR / PDF417 / Code 128 / DataMatrix found in `image`.
[[nodiscard]] std::optional<QString> decode(const QImage &image);

} // namespace devices::barcode
