#pragma once

#include <QByteArray>
#include <QString>

namespace kiosk {

/// The ESC/POS job of a test ticket: title, date, kiosk `kioskId` and a QR code that must read "TEST" (kioskctl
/// print-test and technician mode).
[[nodiscard]] QByteArray testTicketJob(const QString &kioskId);
/// A one-page F4 PDF framed to the margins, to check the letter printer.
[[nodiscard]] QByteArray testLetterPdf(const QString &kioskId);

} // namespace kiosk
