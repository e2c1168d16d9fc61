#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace devices {

/// One complete scan reassembled from HID POS decoded-data reports.
struct HidPosScan {
    /// The decoded bytes exactly as the scanner sent them (usually UTF-8 or ASCII).
    QByteArray data;
    /// AIM symbology identifier such as "]Q1" (QR) or "]C0" (Code 128); empty when the scanner sends none.
    QString symbology;
};

/// Outcome of feeding one input report to HidPosReportParser.
struct [[nodiscard]] HidPosFeedResult {
    enum class Status {
        Ignored, ///< Not a decoded-data report (another report id), or an empty one.
        Incomplete, ///< Part of a scan; more reports follow (continuation flag set).
        Complete, ///< `scan` holds a complete scan.
        Malformed, ///< The report was inconsistent; any partial scan was dropped. `error` says why.
    };
    Status status = Status::Ignored;
    HidPosScan scan;
    QString error;
};

/// Parses HID POS (usage page 0x8C) decoded-data input reports; pure, no USB, so it can be tested and fuzzed.
///
/// Report layout (as Honeywell, Zebra and Datalogic "HID POS" modes send it, 64-byte reports):
/// byte 0 report id, byte 1 length of the data in this report, bytes 2..4 AIM symbology identifier,
/// bytes 5.. data, last byte bit 0 = "decoded data continued" (usage 0x8C:0xFF).
class HidPosReportParser
{
public:
    static constexpr quint8 kDefaultReportId = 0x02;
    static constexpr int kHeaderSize = 5;
    /// A scan larger than this is refused (and matches PayloadClassifier's limit).
    static constexpr int kMaxScanBytes = 4096;
    /// A continuation that arrives later than this after the previous part starts a new scan.
    static constexpr qint64 kContinuationTimeoutMs = 1000;

    explicit HidPosReportParser(quint8 reportId = kDefaultReportId)
        : m_reportId(reportId)
    { }

    /// The reports a scanner sends for `data` (split at the report's capacity, continuation flag on all but
    /// the last). Used by tests, benchmarks and fuzz seeds; also documents the layout feed() expects.
    [[nodiscard]] static QList<QByteArray> reportsFor(
        const QByteArray &data, const QString &symbology, quint8 reportId = kDefaultReportId, int reportSize = 64);

    /// Feeds one input report received at `timestampMs` (any monotonic clock).
    HidPosFeedResult feed(QByteArrayView report, qint64 timestampMs = 0);
    /// Drops a partial scan (e.g. after the device was unplugged).
    void reset();
    [[nodiscard]] bool hasPartialScan() const { return m_pending; }

private:
    quint8 m_reportId;
    bool m_pending = false;
    qint64 m_lastTimestampMs = 0;
    HidPosScan m_partial;
};

} // namespace devices
