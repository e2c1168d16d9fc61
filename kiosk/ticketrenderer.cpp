#include "ticketrenderer.h"

#include "barcode.h"
#include "idformat.h"
#include "queuerules.h"

#include <QPainter>

namespace kiosk {

QString TicketRenderer::queueLabel(int queueNumber)
{
    return queuerules::label(QueueKind::Request, queueNumber);
}

QString ChecklistItem::text() const
{
    return captured ? QStringLiteral("✓ %1: sudah dipindai").arg(requirement) : QStringLiteral("☐ %1: bawa aslinya").arg(requirement);
}

QString TicketContent::readyLine() const
{
    if (!readyBy.isValid())
        return {};
    return QStringLiteral("Perkiraan selesai: %1 (%2 hari kerja)").arg(serverlink::idformat::shortDayDate(readyBy)).arg(workingDays);
}

namespace {
// Draws lines top to bottom on a ticket-wide image; `y` is where the next line starts.
class TicketPainter
{
public:
    TicketPainter(QImage &img, int margin)
        : m_painter(&img)
        , m_width(img.width())
        , m_margin(margin)
        , y(margin)
    {
        m_painter.setPen(Qt::black);
    }
    void line(const TicketLine &line)
    {
        m_painter.setFont(TicketRenderer::font(line));
        const int flags = (line.left ? Qt::AlignLeft : Qt::AlignHCenter) | Qt::TextWordWrap;
        const QRect r(m_margin, y, m_width - 2 * m_margin, 4000);
        const QRect used = m_painter.boundingRect(r, flags, line.text);
        m_painter.drawText(r, flags, line.text);
        y += used.height() + line.gap;
    }
    void line(const QString &text, int pixelSize, bool bold, int gap = 8) { line(TicketLine {text, pixelSize, bold, gap}); }
    QPainter &painter() { return m_painter; }

private:
    QPainter m_painter;
    int m_width;
    int m_margin;

public:
    int y;
};

QString priorityLine(const QString &priority)
{
    return QStringLiteral("Prioritas: %1").arg(priority);
}
QString waitLine(const QString &estimate)
{
    return QStringLiteral("Perkiraan tunggu: %1").arg(estimate);
}
QString issuedLine(const QDateTime &at)
{
    const QDateTime local = at.toLocalTime();
    return QStringLiteral("%1, %2 %3")
        .arg(
            serverlink::idformat::weekday(local.date()), serverlink::idformat::date(local.date()), local.toString(QStringLiteral("HH:mm")));
}
} // namespace

QFont TicketRenderer::font(const TicketLine &line)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(line.pixelSize);
    f.setBold(line.bold);
    return f;
}

QImage TicketRenderer::renderSlip(const QueueSlipContent &slip) const
{
    const int margin = kMargin;
    const int height = 420;
    QImage img(m_width, height, QImage::Format_RGB32);
    img.fill(Qt::white);
    int end = 0;
    {
        TicketPainter p(img, margin);
        p.line(slip.officeName, 24, false, 12);
        p.line(QStringLiteral("Nomor Antrean"), 24, false, 0);
        p.line(slip.queueLabel, 96, true, 8);
        p.line(slip.queueName, 26, true, 8);
        if (!slip.priority.isEmpty())
            p.line(priorityLine(slip.priority), 22, true, 4);
        if (!slip.waitEstimate.isEmpty())
            p.line(waitLine(slip.waitEstimate), 22, false, 4);
        p.line(issuedLine(slip.issuedAt), 22, false, 4);
        end = p.y;
    }
    return img.copy(0, 0, m_width, std::min(height, end + margin));
}

QList<TicketLine> TicketRenderer::lines(const TicketContent &t)
{
    // The priority and wait lines are paid for by tighter spacing above: the ticket stays as long as before.
    QList<TicketLine> out {{QStringLiteral("ANJUNGAN DESA"), 28, true, 0}, {t.officeName, 24, false, 6},
        {QStringLiteral("Nomor Antrean"), 24, false, 0}, {queueLabel(t.queueNumber), 80, true, 4}};
    if (!t.priority.isEmpty())
        out.append({priorityLine(t.priority), 22, true, 4});
    out.append({t.serviceName, 26, true, 6});
    out.append({QStringLiteral("No. Registrasi: %1").arg(t.registrationNumber), 24, false, 2});
    out.append({issuedLine(t.issuedAt), 22, false, 2});
    if (!t.waitEstimate.isEmpty())
        out.append({waitLine(t.waitEstimate), 22, false, 2});
    out.append({QStringLiteral("Pindai kode QR ini di anjungan untuk melihat status surat Anda."), 22, false, 4, false, true});
    // The registration slip: what the office has already, what to bring, when to come back.
    if (!t.checklist.isEmpty()) {
        out.append({QStringLiteral("Persyaratan:"), 22, true, 2, true});
        for (const ChecklistItem &item : t.checklist)
            out.append({item.text(), 20, false, 2, true});
        out.last().gap = 6;
    }
    if (t.readyBy.isValid())
        out.append({t.readyLine(), 22, true, 4});
    if (!t.officeHours.isEmpty())
        out.append({QStringLiteral("Jam layanan: %1").arg(t.officeHours), 20, false, 4});
    return out;
}

QImage TicketRenderer::render(const TicketContent &t) const
{
    const QImage qr = devices::barcode::encodeQr(t.qrPayload, 6);
    const QList<TicketLine> text = lines(t);
    // Generous, then cut to what was drawn.
    const int height = 600 + qr.height() + 60 * int(text.size());
    QImage img(m_width, height, QImage::Format_RGB32);
    img.fill(Qt::white);
    int end = 0;
    {
        TicketPainter p(img, kMargin);
        for (const TicketLine &line : text) {
            if (line.qrBefore) {
                p.y += 2;
                p.painter().drawImage((m_width - qr.width()) / 2, p.y, qr);
                p.y += qr.height() + 4;
            }
            p.line(line);
        }
        end = p.y;
    }
    return img.copy(0, 0, m_width, std::min(height, end + kMargin));
}

QImage TicketRenderer::renderComplaintSlip(const ComplaintSlipContent &slip) const
{
    const QImage qr = devices::barcode::encodeQr(slip.qrPayload, 6);
    const int margin = 16;
    const int height = 560 + qr.height();
    QImage img(m_width, height, QImage::Format_RGB32);
    img.fill(Qt::white);
    const QLocale id(QLocale::Indonesian, QLocale::Indonesia);
    int end = 0;
    {
        TicketPainter p(img, margin);
        p.line(QStringLiteral("ANJUNGAN DESA"), 28, true, 0);
        p.line(slip.officeName, 24, false, 8);
        p.line(QStringLiteral("Tanda Terima Pengaduan"), 26, true, 4);
        p.line(slip.number, 36, true, 4);
        p.line(slip.category, 24, false, 2);
        p.line(id.toString(slip.filedAt.toLocalTime(), QStringLiteral("dddd, d MMMM yyyy HH:mm")), 22, false, 4);
        p.painter().drawImage((m_width - qr.width()) / 2, p.y, qr);
        p.y += qr.height() + 4;
        p.line(QStringLiteral("Simpan slip ini. Pindai kode QR-nya di anjungan desa mana pun di kecamatan ini untuk membaca jawaban "
                              "pengaduan Anda."),
            22, false, 4);
        end = p.y;
    }
    return img.copy(0, 0, m_width, std::min(height, end + margin));
}

} // namespace kiosk
