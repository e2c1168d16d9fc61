#include "letterrenderer.h"

#include "crypto.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QFontMetrics>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <array>

namespace backend {

namespace {

constexpr int kDpi = 300;
constexpr double kMarginMm = 20.0;

QPageSize pageSize(Paper paper)
{
    if (paper == Paper::A4)
        return QPageSize(QPageSize::A4);
    return QPageSize(QSizeF(215.0, 330.0), QPageSize::Millimeter, QStringLiteral("F4"), QPageSize::ExactMatch);
}

int mm(double millimetres)
{
    return qRound(millimetres * kDpi / 25.4);
}

QFont font(double pointSize, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Serif"));
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    return f;
}

/// Keeps the vertical position while text is laid out top to bottom.
class Cursor
{
public:
    Cursor(QPainter &painter, int left, int width, int top)
        : m_p(painter)
        , m_left(left)
        , m_width(width)
        , m_y(top)
    { }

    void paragraph(const QString &text, const QFont &f, int flags = Qt::AlignJustify, int indent = 0)
    {
        m_p.setFont(f);
        const QRect box(m_left + indent, m_y, m_width - indent, 100000);
        const QRect used = m_p.boundingRect(box, flags | Qt::TextWordWrap, text);
        m_p.drawText(QRect(box.left(), m_y, box.width(), used.height()), flags | Qt::TextWordWrap, text);
        m_y += used.height();
    }
    void row(const QString &label, const QString &value, const QFont &f, int indent, int labelWidth)
    {
        m_p.setFont(f);
        const int valueLeft = m_left + indent + labelWidth;
        const QRect valueBox(valueLeft, m_y, m_left + m_width - valueLeft, 100000);
        const QRect used = m_p.boundingRect(valueBox, Qt::TextWordWrap, value);
        m_p.drawText(QRect(m_left + indent, m_y, labelWidth, used.height()), Qt::AlignLeft, label);
        m_p.drawText(QRect(valueLeft - mm(4), m_y, mm(4), used.height()), Qt::AlignLeft, QStringLiteral(":"));
        m_p.drawText(QRect(valueBox.left(), m_y, valueBox.width(), used.height()), Qt::TextWordWrap, value);
        m_y += used.height() + mm(1);
    }
    void skip(double millimetres) { m_y += mm(millimetres); }
    [[nodiscard]] int y() const { return m_y; }

private:
    QPainter &m_p;
    int m_left;
    int m_width;
    int m_y;
};

} // namespace

LetterRenderer::LetterRenderer(Paper paper)
    : m_paper(paper)
{ }

QString LetterRenderer::indonesianDate(const QDate &date)
{
    static constexpr std::array kMonths {
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"};
    return QStringLiteral("%1 %2 %3").arg(date.day()).arg(QLatin1String(kMonths.at(date.month() - 1))).arg(date.year());
}

Result<QByteArray> LetterRenderer::render(const LetterContent &c) const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kDpi);
    writer.setPageSize(pageSize(m_paper));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    writer.setTitle(QStringLiteral("%1 %2").arg(c.title, c.nomorSurat));
    writer.setCreator(QStringLiteral("Anjungan Desa kecamatan-backend"));

    QPainter painter;
    if (!painter.begin(&writer))
        return Error {ErrorCode::Rendering, QStringLiteral("Surat tidak dapat dibuat (PDF tidak dapat ditulis).")};

    const int pageWidth = writer.width();
    const int left = mm(kMarginMm + 5);
    const int width = pageWidth - left - mm(kMarginMm);
    Cursor cursor(painter, left, width, mm(15));

    for (int i = 0; i < c.kopLines.size(); ++i)
        cursor.paragraph(c.kopLines.at(i), font(i + 1 == c.kopLines.size() ? 16 : 14, true), Qt::AlignHCenter);
    cursor.paragraph(c.officeAddress, font(10), Qt::AlignHCenter);
    cursor.skip(2);
    painter.setPen(QPen(Qt::black, mm(0.8)));
    painter.drawLine(left, cursor.y(), left + width, cursor.y());
    painter.setPen(QPen(Qt::black, mm(0.3)));
    painter.drawLine(left, cursor.y() + mm(1.2), left + width, cursor.y() + mm(1.2));
    cursor.skip(8);

    QFont title = font(13, true);
    title.setUnderline(true);
    cursor.paragraph(c.title, title, Qt::AlignHCenter);
    cursor.paragraph(QStringLiteral("Nomor: %1").arg(c.nomorSurat), font(11), Qt::AlignHCenter);
    cursor.skip(8);

    const QFont body = font(11);
    cursor.paragraph(c.opening, body);
    cursor.skip(3);
    for (const auto &[label, value] : c.rows)
        cursor.row(label, value, body, mm(10), mm(50));
    cursor.skip(3);
    cursor.paragraph(c.statement, body);
    cursor.skip(3);
    cursor.paragraph(c.closing, body);
    cursor.skip(12);

    const int signLeft = left + width / 2;
    Cursor signature(painter, signLeft, width / 2, cursor.y());
    signature.paragraph(QStringLiteral("%1, %2").arg(c.place, indonesianDate(c.date)), body, Qt::AlignLeft);
    signature.paragraph(c.signerTitle, body, Qt::AlignLeft);
    signature.skip(4);
    QFont italic = font(9);
    italic.setItalic(true);
    signature.paragraph(QStringLiteral("Ditandatangani secara elektronik"), italic, Qt::AlignLeft);
    signature.skip(4);
    QFont signer = font(11, true);
    signer.setUnderline(true);
    signature.paragraph(c.signerName, signer, Qt::AlignLeft);

    painter.setFont(font(8));
    painter.drawText(QRect(left, writer.height() - mm(20), width, mm(8)), Qt::AlignLeft | Qt::AlignVCenter, c.footer);

    if (!painter.end())
        return Error {ErrorCode::Rendering, QStringLiteral("Surat tidak dapat dibuat (PDF tidak selesai).")};
    return bytes;
}

Result<RenderedLetter> LetterRenderer::renderToFile(const LetterContent &content, const QString &path) const
{
    auto pdf = render(content);
    if (!pdf)
        return pdf.error();
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error {ErrorCode::Io, QStringLiteral("Folder surat %1 tidak dapat dibuat.").arg(QFileInfo(path).absolutePath())};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf.value()) != pdf.value().size() || !file.commit())
        return Error {ErrorCode::Io, QStringLiteral("Surat tidak dapat disimpan ke %1: %2").arg(path, file.errorString())};
    return RenderedLetter {path, QString::fromLatin1(serverlink::crypto::sha256(pdf.value()).toHex())};
}

} // namespace backend
