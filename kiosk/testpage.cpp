#include "testpage.h"

#include "barcode.h"
#include "escpos.h"

#include <QBuffer>
#include <QDateTime>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>

namespace kiosk {

namespace {
constexpr int kTicketWidthPx = 576;

QString nowText()
{
    return QLocale(QLocale::Indonesian, QLocale::Indonesia).toString(QDateTime::currentDateTime(), QStringLiteral("d MMMM yyyy HH:mm"));
}
} // namespace

QByteArray testTicketJob(const QString &kioskId)
{
    const QImage qr = devices::barcode::encodeQr(QStringLiteral("TEST"), 8);
    QImage image(kTicketWidthPx, 360 + qr.height(), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setPen(Qt::black);
    QFont title(QStringLiteral("DejaVu Sans"));
    title.setPixelSize(40);
    title.setBold(true);
    painter.setFont(title);
    painter.drawText(QRect(0, 20, kTicketWidthPx, 60), Qt::AlignCenter, QStringLiteral("TES PRINTER TIKET"));
    QFont body(QStringLiteral("DejaVu Sans"));
    body.setPixelSize(26);
    painter.setFont(body);
    painter.drawText(QRect(0, 100, kTicketWidthPx, 40), Qt::AlignCenter, nowText());
    painter.drawText(QRect(0, 145, kTicketWidthPx, 40), Qt::AlignCenter, QStringLiteral("Kios %1").arg(kioskId));
    painter.drawImage((kTicketWidthPx - qr.width()) / 2, 200, qr);
    painter.drawText(QRect(0, 220 + qr.height(), kTicketWidthPx, 80), Qt::AlignCenter | Qt::TextWordWrap,
        QStringLiteral("Kode QR di atas harus terbaca \"TEST\"."));
    painter.end();
    return devices::escpos::ticketJob(image);
}

QByteArray testLetterPdf(const QString &kioskId)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setTitle(QStringLiteral("Halaman uji printer surat"));
    writer.setCreator(QStringLiteral("kioskctl"));
    writer.setPageSize(QPageSize(QSizeF(215, 330), QPageSize::Millimeter, QStringLiteral("F4")));
    writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout::Millimeter);
    writer.setResolution(300);
    QPainter painter(&writer);
    const QRect page = painter.viewport();
    QFont title(QStringLiteral("DejaVu Sans"));
    title.setPointSize(20);
    title.setBold(true);
    painter.setFont(title);
    painter.drawText(QRect(0, 0, page.width(), 200), Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("Halaman uji printer surat"));
    QFont body(QStringLiteral("DejaVu Sans"));
    body.setPointSize(12);
    painter.setFont(body);
    painter.drawText(QRect(0, 300, page.width(), 400), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
        QStringLiteral("%1\nKios %2\nJika halaman ini tercetak utuh pada kertas F4, printer surat siap dipakai.").arg(nowText(), kioskId));
    painter.drawRect(QRect(0, 0, page.width() - 1, page.height() - 1));
    painter.end();
    buffer.close();
    return buffer.data();
}

} // namespace kiosk
