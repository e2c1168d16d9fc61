#pragma once

#include <QDateTime>
#include <QImage>
#include <QString>

namespace kiosk {

/// What goes on a citizen's queue ticket.
struct TicketContent {
    QString officeName;
    QString serviceName;
    QString registrationNumber;
    int queueNumber = 0;
    QDateTime issuedAt;
    QString qrPayload;
    QString priority; // "lansia", "disabilitas", "ibu hamil"; empty for a regular number
    QString waitEstimate; // "± 10–20 menit" or "perkiraan belum tersedia"; empty: not printed
};

/// What goes on a small numbered slip without a request (pick-up, konsultasi / bantuan).
struct QueueSlipContent {
    QString officeName;
    QString queueName; // "Konsultasi / bantuan"
    QString queueLabel; // "C-003"
    QDateTime issuedAt;
    QString priority;
    QString waitEstimate;
};

/// What goes on a complaint slip (tanda terima pengaduan): its number and the QR that opens the answer later.
struct ComplaintSlipContent {
    QString officeName;
    QString number; // "PGD-XXXXX-XXXXX"
    QString category; // label
    QDateTime filedAt;
    QString qrPayload; // serverlink::complaintqr
};

/// Draws the queue ticket for a thermal printer (black on white, 1-bit friendly).
class TicketRenderer
{
public:
    /// 576 dots = 72 mm printable on 80 mm paper at 203 dpi; 384 for 58 mm.
    explicit TicketRenderer(int widthDots = 576)
        : m_width(widthDots)
    { }
    [[nodiscard]] QImage render(const TicketContent &ticket) const;
    /// The small numbered slip of a queue without a request: no QR code, no registration number.
    [[nodiscard]] QImage renderSlip(const QueueSlipContent &slip) const;
    /// The complaint slip: number, category, time and the QR to read the answer at any kiosk of the kecamatan.
    [[nodiscard]] QImage renderComplaintSlip(const ComplaintSlipContent &slip) const;

    /// "A-007": the queue number as called out at the front office.
    [[nodiscard]] static QString queueLabel(int queueNumber);

private:
    int m_width;
};

} // namespace kiosk
