#include "letterrenderer.h"

#include "crypto.h"
#include "idformat.h"
#include "qrcode.h"
#include "seal.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QFontMetrics>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <algorithm>
#include <cmath>
#include <optional>

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
    /// Width of the label column (colon included): the widest label, kept between `least` and `most`.
    int labelColumn(const QList<LetterLine> &lines, const QFont &f, int least, int most)
    {
        m_p.setFont(f);
        int widest = 0;
        for (const LetterLine &line : lines)
            if (line.kind == LetterLineKind::Row)
                widest = std::max(widest, m_p.fontMetrics().horizontalAdvance(line.label));
        return std::clamp(widest + mm(7), least, most);
    }
    void row(const QString &label, const QString &value, const QFont &f, int indent, int labelWidth)
    {
        m_p.setFont(f);
        const int valueLeft = m_left + indent + labelWidth;
        const QRect valueBox(valueLeft, m_y, m_left + m_width - valueLeft, 100000);
        const QRect used = m_p.boundingRect(valueBox, Qt::TextWordWrap, value);
        // A label longer than its column wraps rather than running into the colon and the value.
        const QRect labelBox(m_left + indent, m_y, labelWidth - mm(4), 100000);
        const QRect labelUsed = m_p.boundingRect(labelBox, Qt::TextWordWrap, label);
        const int height = std::max(used.height(), labelUsed.height());
        m_p.drawText(QRect(labelBox.left(), m_y, labelBox.width(), height), Qt::AlignLeft | Qt::TextWordWrap, label);
        m_p.drawText(QRect(valueLeft - mm(4), m_y, mm(4), height), Qt::AlignLeft, QStringLiteral(":"));
        m_p.drawText(QRect(valueBox.left(), m_y, valueBox.width(), height), Qt::TextWordWrap, value);
        m_y += height + mm(1);
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

namespace {
/// What an unsigned preview says across its page, so that it is never taken for the signed letter.
const QString kPreviewMark = QStringLiteral("PRATINJAU — BELUM DITANDATANGANI");

/// The nomor surat is given when the letter is signed: a letter without one is a preview (watermarked, never sealed).
bool isPreview(const LetterContent &c)
{
    return c.nomorSurat.isEmpty();
}
} // namespace

LetterRenderer::LetterRenderer(Paper paper)
    : m_paper(paper)
{ }

QList<LetterLine> letterLines(const LetterContent &c)
{
    using K = LetterLineKind;
    QList<LetterLine> lines;
    for (const QString &kop : c.kopLines)
        lines.append({K::Kop, kop, {}, {}});
    lines.append({K::Address, c.officeAddress, {}, {}});
    lines.append({K::Title, c.title, {}, {}});
    lines.append({K::Nomor,
        QStringLiteral("Nomor: %1").arg(isPreview(c) ? QStringLiteral("(nomor diberikan saat ditandatangani)") : c.nomorSurat), {}, {}});
    lines.append({K::Opening, c.opening, {}, {}});
    for (const auto &[label, value] : c.rows)
        lines.append({K::Row, QStringLiteral("%1: %2").arg(label, value), label, value});
    lines.append({K::Statement, c.statement, {}, {}});
    lines.append({K::Closing, c.closing, {}, {}});
    lines.append({K::PlaceDate, QStringLiteral("%1, %2").arg(c.place, serverlink::idformat::date(c.date)), {}, {}});
    // Tata naskah dinas: a delegate signs under "a.n. <the office head's position>".
    if (!c.onBehalfOf.isEmpty())
        lines.append({K::OnBehalf, QStringLiteral("a.n. %1").arg(c.onBehalfOf), {}, {}});
    lines.append({K::SignerTitle, c.signerTitle, {}, {}});
    lines.append({K::ESigned, isPreview(c) ? kPreviewMark : QStringLiteral("Ditandatangani secara elektronik"), {}, {}});
    lines.append({K::SignerName, c.signerName, {}, {}});
    lines.append({K::Footer, c.footer, {}, {}});
    return lines;
}

QString canonicalLetterText(const LetterContent &content)
{
    QStringList texts;
    for (const LetterLine &line : letterLines(content))
        texts.append(line.text);
    return QString::fromUtf8(serverlink::seal::canonicalText(texts.join(QLatin1Char('\n'))));
}

namespace {

// 0.6 mm at 300 dpi, rounded up to whole device pixels: above the 0.5 mm minimum of §6.
constexpr double kModuleMm = 0.6;
constexpr int kQuietZoneModules = 4;

QByteArray xmpPacket(const QString &seal, const QString &canonical)
{
    return QStringLiteral("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                          "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                          "<rdf:Description rdf:about=\"\" xmlns:anjungan=\"urn:anjungan-desa:seal:1\">"
                          "<anjungan:seal>%1</anjungan:seal><anjungan:canonicalText>%2</anjungan:canonicalText>"
                          "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>")
        .arg(seal, QString::fromLatin1(canonical.toUtf8().toBase64()))
        .toUtf8();
}

/// Draws the seal QR with its top-left corner (quiet zone included) at `origin`; returns its side.
int drawSeal(QPainter &painter, const serverlink::QrCode &qr, QPoint origin)
{
    const int module = int(std::ceil(kModuleMm * kDpi / 25.4));
    const int side = (qr.size + 2 * kQuietZoneModules) * module;
    painter.fillRect(QRect(origin, QSize(side, side)), Qt::white);
    for (int y = 0; y < qr.size; ++y)
        for (int x = 0; x < qr.size; ++x)
            if (qr.dark(x, y))
                painter.fillRect(origin.x() + (x + kQuietZoneModules) * module, origin.y() + (y + kQuietZoneModules) * module, module,
                    module, Qt::black);
    return side;
}

} // namespace

Result<QByteArray> LetterRenderer::render(const LetterContent &c) const
{
    std::optional<serverlink::QrCode> qr;
    if (!c.sealText.isEmpty() && !isPreview(c)) {
        qr = serverlink::seal::qrCodeFor(c.sealText);
        if (!qr)
            return Error {ErrorCode::Rendering, QStringLiteral("Segel surat terlalu panjang untuk kode QR.")};
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kDpi);
    writer.setPageSize(pageSize(m_paper));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    writer.setTitle(QStringLiteral("%1 %2").arg(c.title, c.nomorSurat));
    writer.setCreator(QStringLiteral("Anjungan Desa kecamatan-backend"));
    if (qr)
        writer.setDocumentXmpMetadata(xmpPacket(c.sealText, canonicalLetterText(c)));

    QPainter painter;
    if (!painter.begin(&writer))
        return Error {ErrorCode::Rendering, QStringLiteral("Surat tidak dapat dibuat (PDF tidak dapat ditulis).")};

    const int pageWidth = writer.width();
    const int left = mm(kMarginMm + 5);
    const int width = pageWidth - left - mm(kMarginMm);
    Cursor cursor(painter, left, width, mm(15));
    const QFont body = font(11);
    QFont title = font(13, true);
    title.setUnderline(true);
    QFont italic = font(9);
    italic.setItalic(true);
    QFont signer = font(11, true);
    signer.setUnderline(true);
    const int signLeft = left + width / 2;
    std::optional<Cursor> signature;
    int signatureTop = 0;

    if (isPreview(c)) {
        // Under the text, light and diagonal: the whole page reads as a draft, the text stays legible.
        painter.save();
        painter.translate(pageWidth / 2, writer.height() / 2);
        painter.rotate(-35);
        painter.setFont(font(40, true));
        painter.setPen(QColor(200, 200, 200));
        painter.drawText(QRect(-pageWidth, -mm(20), 2 * pageWidth, mm(40)), Qt::AlignCenter, kPreviewMark);
        painter.restore();
    }
    const QList<LetterLine> lines = letterLines(c);
    const auto kopCount = std::count_if(lines.cbegin(), lines.cend(), [](const LetterLine &l) { return l.kind == LetterLineKind::Kop; });
    int kopIndex = 0;
    bool rowsStarted = false;
    const int labelWidth = cursor.labelColumn(lines, body, mm(45), width / 2);
    for (const LetterLine &line : lines) {
        switch (line.kind) {
        case LetterLineKind::Kop:
            cursor.paragraph(line.text, font(++kopIndex == kopCount ? 16 : 14, true), Qt::AlignHCenter);
            break;
        case LetterLineKind::Address:
            cursor.paragraph(line.text, font(10), Qt::AlignHCenter);
            cursor.skip(2);
            painter.setPen(QPen(Qt::black, mm(0.8)));
            painter.drawLine(left, cursor.y(), left + width, cursor.y());
            painter.setPen(QPen(Qt::black, mm(0.3)));
            painter.drawLine(left, cursor.y() + mm(1.2), left + width, cursor.y() + mm(1.2));
            cursor.skip(8);
            break;
        case LetterLineKind::Title:
            cursor.paragraph(line.text, title, Qt::AlignHCenter);
            break;
        case LetterLineKind::Nomor:
            cursor.paragraph(line.text, font(11), Qt::AlignHCenter);
            cursor.skip(8);
            break;
        case LetterLineKind::Opening:
            cursor.paragraph(line.text, body);
            cursor.skip(3);
            break;
        case LetterLineKind::Row:
            rowsStarted = true;
            cursor.row(line.label, line.value, body, mm(10), labelWidth);
            break;
        case LetterLineKind::Statement:
            cursor.skip(rowsStarted ? 3 : 0);
            cursor.paragraph(line.text, body);
            cursor.skip(3);
            break;
        case LetterLineKind::Closing:
            cursor.paragraph(line.text, body);
            cursor.skip(12);
            signatureTop = cursor.y();
            signature.emplace(painter, signLeft, width / 2, signatureTop);
            break;
        case LetterLineKind::PlaceDate:
        case LetterLineKind::OnBehalf:
        case LetterLineKind::SignerTitle:
            signature->paragraph(line.text, body, Qt::AlignLeft);
            break;
        case LetterLineKind::ESigned:
            signature->skip(4);
            signature->paragraph(line.text, italic, Qt::AlignLeft);
            signature->skip(4);
            break;
        case LetterLineKind::SignerName:
            signature->paragraph(line.text, signer, Qt::AlignLeft);
            break;
        case LetterLineKind::Footer:
            painter.setFont(font(8));
            painter.drawText(QRect(left, writer.height() - mm(20), width, mm(8)), Qt::AlignLeft | Qt::AlignVCenter, line.text);
            break;
        }
    }
    if (qr) {
        // The seal sits left of the signature block, with a caption under it.
        const int side = drawSeal(painter, *qr, QPoint(left, signatureTop));
        // Anyone who receives the letter (a bank, a school) checks it with a phone; the page is named for readers without a QR app.
        const qsizetype hash = c.sealText.indexOf(QLatin1Char('#'));
        const QString caption = hash > 0
            ? QStringLiteral("Periksa keaslian surat: pindai kode ini dengan kamera ponsel (membuka %1) atau di anjungan desa.")
                  .arg(c.sealText.left(hash))
            : QStringLiteral("Pindai di anjungan desa untuk memeriksa keaslian surat");
        painter.setFont(font(7));
        painter.drawText(QRect(left, signatureTop + side, side + mm(20), mm(12)), Qt::AlignLeft | Qt::TextWordWrap, caption);
    }

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
    // A signed letter carries the citizen's personal data: only the backend's user reads it, whatever the umask.
    constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(ownerOnly) || file.write(pdf.value()) != pdf.value().size()
        || !file.commit() || !QFile::setPermissions(path, ownerOnly))
        return Error {ErrorCode::Io, QStringLiteral("Surat tidak dapat disimpan ke %1: %2").arg(path, file.errorString())};
    return RenderedLetter {path, QString::fromLatin1(serverlink::crypto::sha256(pdf.value()).toHex())};
}

} // namespace backend
