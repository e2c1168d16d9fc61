#pragma once

#include <QString>

/// How personal data is shown where others may look (kiosk screens, slips, the console's lists): one rule
/// for the kiosk and the backend.
namespace serverlink::masking {

/// First letter of each word: "Siti Aminah" → "S*** A*****".
[[nodiscard]] QString name(const QString &name);
/// First and last four digits: "3521115205010021" → "3521********0021"; a short value is all stars.
[[nodiscard]] QString nik(const QString &nik);

} // namespace serverlink::masking
