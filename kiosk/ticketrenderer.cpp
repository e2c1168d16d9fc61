#include "ticketrenderer.h"

#include "barcode.h"
#include "queuerules.h"

#include <QLocale>
#include <QPainter>

namespace kiosk {

QString TicketRenderer::queueLabel(int queueNumber)
{
    return queuerules::label(QueueKind::Request, queueNumber);
}

namespace {
// Draws centred lines top to bottom on a ticket-wide image; `y` is where the next line starts.
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
    void line(const QString &text, int pixelSize, bool bold, int gap = 8)
    {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPixelSize(pixelSize);
        f.setBold(bold);
        m_painter.setFont(f);
        const QRect r(m_margin, y, m_width - 2 * m_margin, 1000);
        const QRect used = m_painter.boundingRect(r, Qt::AlignHCenter | Qt::TextWordWrap, text);
        m_painter.drawText(r, Qt::AlignHCenter | Qt::TextWordWrap, text);
        y += used.height() + gap;
    }
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
} // namespace

QImage TicketRenderer::renderSlip(const QueueSlipContent &slip) const
{
    const int margin = 16;
    const int height = 420;
    QImage img(m_width, height, QImage::Format_RGB32);
    img.fill(Qt::white);
    const QLocale id(QLocale::Indonesian, QLocale::Indonesia);
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
        p.line(id.toString(slip.issuedAt.toLocalTime(), QStringLiteral("dddd, d MMMM yyyy HH:mm")), 22, false, 4);
        end = p.y;
    }
    return img.copy(0, 0, m_width, std::min(height, end + margin));
}

QImage TicketRenderer::render(const TicketContent &t) const
{
    const QImage qr = devices::barcode::encodeQr(t.qrPayload, 6);
    const int margin = 16;
    const int height = 600 + qr.height(); // cut to what was drawn
    QImage img(m_width, height, QImage::Format_RGB32);
    img.fill(Qt::white);
    const QLocale id(QLocale::Indonesian, QLocale::Indonesia);
    int end = 0;
    {
        TicketPainter p(img, margin);
        // The priority and wait lines are paid for by tighter spacing above: the ticket stays as long as before.
        p.line(QStringLiteral("ANJUNGAN DESA"), 28, true, 0);
        p.line(t.officeName, 24, false, 6);
        p.line(QStringLiteral("Nomor Antrean"), 24, false, 0);
        p.line(queueLabel(t.queueNumber), 80, true, 4);
        if (!t.priority.isEmpty())
            p.line(priorityLine(t.priority), 22, true, 4);
        p.line(t.serviceName, 26, true, 6);
        p.line(QStringLiteral("No. Registrasi: %1").arg(t.registrationNumber), 24, false, 2);
        p.line(id.toString(t.issuedAt.toLocalTime(), QStringLiteral("dddd, d MMMM yyyy HH:mm")), 22, false, 2);
        if (!t.waitEstimate.isEmpty())
            p.line(waitLine(t.waitEstimate), 22, false, 2);
        p.y += 2;
        p.painter().drawImage((m_width - qr.width()) / 2, p.y, qr);
        p.y += qr.height() + 4;
        p.line(QStringLiteral("Pindai kode QR ini di anjungan untuk melihat status surat Anda."), 22, false, 4);
        end = p.y;
    }
    return img.copy(0, 0, m_width, std::min(height, end + margin));
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
