#pragma once

#include <QString>
#include <QVector>
#include <optional>

namespace backend {

/// The modules of one QR symbol (no quiet zone), row-major; true = dark.
struct QrMatrix {
    int size = 0;
    int version = 0; // 1..40, from the size
    QVector<bool> modules;

    [[nodiscard]] bool dark(int x, int y) const { return modules.at(y * size + x); }
};

/// Encodes a seal text as a QR symbol at error correction level M (DESIGN §6); the
/// alphanumeric text of an SQ1 seal makes ZXing pick alphanumeric mode. nullopt if too long.
[[nodiscard]] std::optional<QrMatrix> encodeSealQr(const QString &text);

} // namespace backend
