#include "slipwriter.h"

#include <QLocale>
#include <QStringList>

namespace kiosk {

namespace {
const char kInit[] = {0x1b, '@'};
const char kCodePage1252[] = {0x1b, 't', 16};
const char kCut[] = {0x1d, 'V', 66, 0};

QByteArray command(char a, char b, char n)
{
    const char bytes[] = {a, b, n};
    return QByteArray(bytes, sizeof bytes);
}

QString when(const QDateTime &at)
{
    return QLocale(QLocale::Indonesian, QLocale::Indonesia).toString(at.toLocalTime(), QStringLiteral("d MMMM yyyy HH:mm"));
}
} // namespace

SlipWriter::SlipWriter(int columns)
    : m_columns(std::max(16, columns))
{
    m_job.append(kInit, sizeof kInit);
    m_job.append(kCodePage1252, sizeof kCodePage1252);
}

QStringList SlipWriter::wrap(const QString &text, int width)
{
    QStringList lines;
    QString current;
    for (QString word : text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        while (word.size() > width) {
            if (!current.isEmpty())
                lines.append(std::exchange(current, {}));
            lines.append(word.left(width));
            word = word.mid(width);
        }
        if (current.isEmpty())
            current = word;
        else if (current.size() + 1 + word.size() <= width)
            current += QLatin1Char(' ') + word;
        else
            lines.append(std::exchange(current, word));
    }
    if (!current.isEmpty() || lines.isEmpty())
        lines.append(current);
    return lines;
}

void SlipWriter::line(const QString &text)
{
    // Code page 1252 covers Indonesian names; anything else prints as "?" rather than as garbage.
    m_job.append(text.toLatin1());
    m_job.append('\n');
}

SlipWriter &SlipWriter::centered(const QString &text, bool large, bool bold)
{
    m_job.append(command(0x1b, 'a', 1));
    m_job.append(command(0x1b, 'E', bold ? 1 : 0));
    m_job.append(command(0x1d, '!', large ? 0x11 : 0x00));
    for (const QString &l : wrap(text, large ? m_columns / 2 : m_columns))
        line(l);
    m_job.append(command(0x1d, '!', 0x00));
    m_job.append(command(0x1b, 'E', 0));
    m_job.append(command(0x1b, 'a', 0));
    return *this;
}

SlipWriter &SlipWriter::text(const QString &text)
{
    for (const QString &l : wrap(text, m_columns))
        line(l);
    return *this;
}

SlipWriter &SlipWriter::field(const QString &label, const QString &value)
{
    const QString head = label + QStringLiteral(": ");
    if (head.size() + 8 > m_columns) {
        text(head);
        return text(value);
    }
    const QStringList lines = wrap(value, m_columns - int(head.size()));
    for (int i = 0; i < lines.size(); ++i)
        line((i == 0 ? head : QString(head.size(), QLatin1Char(' '))) + lines.at(i));
    return *this;
}

SlipWriter &SlipWriter::rule()
{
    line(QString(m_columns, QLatin1Char('-')));
    return *this;
}

SlipWriter &SlipWriter::blank(int lines)
{
    for (int i = 0; i < lines; ++i)
        line({});
    return *this;
}

QByteArray SlipWriter::finish() const
{
    QByteArray job = m_job;
    job.append(QByteArray(4, '\n'));
    job.append(kCut, sizeof kCut);
    return job;
}

QByteArray PickupSlip::toEscPos(int columns) const
{
    SlipWriter w(columns);
    w.centered(QStringLiteral("ANJUNGAN DESA"), false, true).centered(officeName).rule();
    w.centered(QStringLiteral("SURAT SIAP DIAMBIL"), false, true);
    w.centered(QStringLiteral("Nomor Pengambilan"));
    w.centered(pickupLabel, true, true).blank();
    w.field(QStringLiteral("No. Registrasi"), registrationNumber).field(QStringLiteral("Layanan"), serviceName);
    w.field(QStringLiteral("Waktu"), when(takenAt)).rule();
    w.text(QStringLiteral("Tunggu nomor Anda dipanggil, lalu tunjukkan KTP di loket. Bila diwakilkan, wakil membawa KTP-nya sendiri."));
    return w.finish();
}

QByteArray HandoverReceipt::toEscPos(int columns) const
{
    SlipWriter w(columns);
    w.centered(QStringLiteral("TANDA TERIMA PENYERAHAN SURAT"), false, true).centered(officeName).rule();
    w.field(QStringLiteral("No. Registrasi"), registrationNumber).field(QStringLiteral("Layanan"), serviceName);
    w.field(QStringLiteral("Waktu"), when(handedOverAt)).field(QStringLiteral("Diserahkan oleh"), staffName).rule();
    w.text(QStringLiteral("Diterima oleh:"));
    w.field(QStringLiteral("Nama"), collectorName).field(QStringLiteral("NIK"), maskedNik);
    w.field(QStringLiteral("Sebagai"),
        relationship.isEmpty() ? QStringLiteral("Pemohon sendiri") : QStringLiteral("Wakil (%1)").arg(relationship));
    w.blank(3);
    w.text(QStringLiteral("Tanda tangan penerima:")).blank(2);
    w.text(QString(std::min(w.columns(), 32), QLatin1Char('_')));
    w.text(collectorName);
    return w.finish();
}

} // namespace kiosk
