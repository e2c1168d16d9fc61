#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

/// Base45 (RFC 9285): binary data as text in the QR alphanumeric character set.
namespace serverlink::base45 {

/// Encodes bytes as RFC 9285 Base45 text (3 characters per 2 bytes, 2 for a trailing byte).
[[nodiscard]] QString encode(const QByteArray &data);
/// Whether `c` is one of the 45 characters of the alphabet.
[[nodiscard]] bool isAlphabetChar(QChar c);
/// Strict decoding: nullopt on a character outside the alphabet, a dangling single
/// character, or a group whose value does not fit (> 65535, or > 255 for the last 2).
[[nodiscard]] std::optional<QByteArray> decode(const QString &text);

} // namespace serverlink::base45
