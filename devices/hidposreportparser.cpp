#include "hidposreportparser.h"

namespace devices {

namespace {

/// AIM identifiers are "]" + code character + modifier, all printable ASCII.
QString symbologyOf(QByteArrayView id)
{
    for (const char c : id) {
        if (c < 0x21 || c > 0x7e)
            return {};
    }
    return QString::fromLatin1(id);
}

HidPosFeedResult malformed(const QString &why)
{
    HidPosFeedResult result;
    result.status = HidPosFeedResult::Status::Malformed;
    result.error = why;
    return result;
}

} // namespace

QList<QByteArray> HidPosReportParser::reportsFor(const QByteArray &data, const QString &symbology, quint8 reportId, int reportSize)
{
    QList<QByteArray> reports;
    const int capacity = qMin(reportSize - kHeaderSize - 1, 255);
    if (capacity <= 0)
        return reports;
    const QByteArray id = symbology.toLatin1().leftJustified(3, '\0', true);
    qsizetype offset = 0;
    do {
        const qsizetype chunk = qMin<qsizetype>(capacity, data.size() - offset);
        QByteArray report(reportSize, '\0');
        report[0] = char(reportId);
        report[1] = char(chunk);
        report.replace(2, 3, id);
        report.replace(kHeaderSize, chunk, data.constData() + offset, chunk);
        offset += chunk;
        report[reportSize - 1] = offset < data.size() ? char(0x01) : char(0x00);
        reports << report;
    } while (offset < data.size());
    return reports;
}

void HidPosReportParser::reset()
{
    m_pending = false;
    m_partial = {};
}

HidPosFeedResult HidPosReportParser::feed(QByteArrayView report, qint64 timestampMs)
{
    if (report.isEmpty() || quint8(report.at(0)) != m_reportId)
        return {};
    if (m_pending && timestampMs - m_lastTimestampMs > kContinuationTimeoutMs)
        reset();
    m_lastTimestampMs = timestampMs;

    // The flag byte is the report's last byte, so the data must end before it.
    if (report.size() < kHeaderSize + 1) {
        reset();
        return malformed(QStringLiteral("laporan HID POS terlalu pendek (%1 bita)").arg(report.size()));
    }
    const int length = quint8(report.at(1));
    const qsizetype capacity = report.size() - kHeaderSize - 1;
    if (length > capacity) {
        reset();
        return malformed(QStringLiteral("panjang data %1 melebihi laporan (%2 bita)").arg(length).arg(capacity));
    }
    const bool continued = (quint8(report.at(report.size() - 1)) & 0x01) != 0;
    const QString symbology = symbologyOf(report.sliced(2, 3));
    if (length == 0 && !continued && !m_pending)
        return {};

    if (m_pending && symbology != m_partial.symbology) {
        reset();
        return malformed(QStringLiteral("simbologi berganti di tengah pindaian"));
    }
    if (!m_pending)
        m_partial.symbology = symbology;
    if (m_partial.data.size() + length > kMaxScanBytes) {
        reset();
        return malformed(QStringLiteral("pindaian lebih dari %1 bita").arg(kMaxScanBytes));
    }
    m_partial.data.append(report.sliced(kHeaderSize, length));

    HidPosFeedResult result;
    if (continued) {
        m_pending = true;
        result.status = HidPosFeedResult::Status::Incomplete;
        return result;
    }
    result.status = HidPosFeedResult::Status::Complete;
    result.scan = std::move(m_partial);
    reset();
    return result;
}

} // namespace devices
