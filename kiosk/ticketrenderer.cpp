#include "ticketrenderer.h"

#include "barcode.h"

#include <QLocale>
#include <QPainter>

namespace kiosk {

QString TicketRenderer::queueLabel(int queueNumber)
{
    return QStringLiteral("A-%1").arg(queueNumber, 3, 10, QLatin1Char('0'));
}

QImage TicketRenderer::render(const TicketContent &t) const
{
    const QImage qr = devices::barcode::encodeQr(t.qrPayload, 6);
    const int margin = 16;
    const int height = 520 + qr.height();
    QImage img(m_width, height, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setPen(Qt::black);
    const QLocale id(QLocale::Indonesian, QLocale::Indonesia);
    int y = margin;
    auto line = [&](const QString &text, int pixelSize, bool bold, int gap = 8) {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPixelSize(pixelSize);
        f.setBold(bold);
        p.setFont(f);
        const QRect r(margin, y, m_width - 2 * margin, 1000);
        const QRect used = p.boundingRect(r, Qt::AlignHCenter | Qt::TextWordWrap, text);
        p.drawText(r, Qt::AlignHCenter | Qt::TextWordWrap, text);
        y += used.height() + gap;
    };
    line(QStringLiteral("ANJUNGAN DESA"), 30, true, 2);
    line(t.officeName, 24, false, 16);
    line(QStringLiteral("Nomor Antrean"), 24, false, 0);
    line(queueLabel(t.queueNumber), 96, true, 12);
    line(t.serviceName, 26, true, 10);
    line(QStringLiteral("No. Registrasi: %1").arg(t.registrationNumber), 26, false, 4);
    line(id.toString(t.issuedAt.toLocalTime(), QStringLiteral("dddd, d MMMM yyyy HH:mm")), 22, false, 12);
    p.drawImage((m_width - qr.width()) / 2, y, qr);
    y += qr.height() + 8;
    line(QStringLiteral("Pindai kode QR ini di anjungan untuk melihat status surat Anda."), 22, false, 4);
    p.end();
    return img.copy(0, 0, m_width, std::min(height, y + margin));
}

} // namespace kiosk
