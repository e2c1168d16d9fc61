#pragma once

#include <QDate>
#include <QDateTime>
#include <QFont>
#include <QImage>
#include <QList>
#include <QString>

namespace kiosk {

/// One requirement on the registration slip: its page was captured at the kiosk, or the citizen brings it.
struct ChecklistItem {
    QString requirement;
    bool captured = false;
    /// "✓ Fotokopi KTP: sudah dipindai" or "☐ Surat pengantar RT/RW: bawa aslinya".
    [[nodiscard]] QString text() const;
    friend bool operator==(const ChecklistItem &, const ChecklistItem &) = default;
};

/// What goes on a citizen's queue ticket, which is also the registration slip (tanda terima pra-permohonan).
struct TicketContent {
    QString officeName;
    QString serviceName;
    QString registrationNumber;
    int queueNumber = 0;
    QDateTime issuedAt;
    QString qrPayload;
    QString priority; // "lansia", "disabilitas", "ibu hamil"; empty for a regular number
    QString waitEstimate; // "± 10–20 menit" or "perkiraan belum tersedia"; empty: not printed
    /// The service's requirements in catalog order; empty: no checklist printed.
    QList<ChecklistItem> checklist {};
    /// The estimated ready date, `workingDays` working days after the request; invalid: not printed.
    QDate readyBy {};
    int workingDays = 0;
    /// "Senin–Kamis 08.00–15.00, Jumat 08.00–11.00" ([office] hours); empty: not printed.
    QString officeHours {};

    /// "Perkiraan selesai: Kamis, 17 Des 2026 (5 hari kerja)"; empty without an estimate.
    [[nodiscard]] QString readyLine() const;
};

/// One line of text on a ticket as the renderer draws it (wrapped to the paper's width).
struct TicketLine {
    QString text;
    int pixelSize = 22;
    bool bold = false;
    int gap = 4; // dots below it
    bool left = false; // a checklist line: left-aligned, wrapped under itself
    bool qrBefore = false; // the QR code is drawn above this line
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
    /// The text lines of `ticket`, top to bottom, as render() draws them.
    [[nodiscard]] static QList<TicketLine> lines(const TicketContent &ticket);
    /// The printable width in dots (the paper's width less the margins).
    [[nodiscard]] int textWidth() const { return m_width - 2 * kMargin; }
    /// The font render() uses for `line`.
    [[nodiscard]] static QFont font(const TicketLine &line);
    /// The small numbered slip of a queue without a request: no QR code, no registration number.
    [[nodiscard]] QImage renderSlip(const QueueSlipContent &slip) const;
    /// The complaint slip: number, category, time and the QR to read the answer at any kiosk of the kecamatan.
    [[nodiscard]] QImage renderComplaintSlip(const ComplaintSlipContent &slip) const;

    /// "A-007": the queue number as called out at the front office.
    [[nodiscard]] static QString queueLabel(int queueNumber);

    static constexpr int kMargin = 16;

private:
    int m_width;
};

} // namespace kiosk
