#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

/// The SQ2 seal's decimal form (server-link/api/seal.md §1): bytes as digits for the QR numeric mode.
namespace serverlink::digits {

/// Every 2 bytes (big-endian) as 5 digits 00000–65535, a final single byte as 3 digits 000–255.
[[nodiscard]] QString encode(const QByteArray &data);
/// Strict decoding: nullopt on anything but 0-9, a length that is not ≡ 0 or 3 (mod 5), or a
/// group above 65535 (above 255 for a final 3-digit group).
[[nodiscard]] std::optional<QByteArray> decode(QStringView text);

} // namespace serverlink::digits
