#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace kiosk {

/// Composes ESC/POS text slips for the ticket printer in the printer's own font (no raster: quick to
/// print, and the bytes read back as text), wrapped to 32 columns (58 mm paper) or 48 (80 mm).
class SlipWriter
{
public:
    static constexpr int kColumns58mm = 32;
    static constexpr int kColumns80mm = 48;

    explicit SlipWriter(int columns = kColumns80mm);

    /// A centred line; `large` prints it at double width and height (half the columns).
    SlipWriter &centered(const QString &text, bool large = false, bool bold = false);
    /// Left-aligned text, wrapped at word boundaries.
    SlipWriter &text(const QString &text);
    /// "Label : value", the value wrapped under itself when it does not fit.
    SlipWriter &field(const QString &label, const QString &value);
    /// A full-width line of dashes.
    SlipWriter &rule();
    SlipWriter &blank(int lines = 1);
    /// The job: everything so far, a few lines of feed and a partial cut.
    [[nodiscard]] QByteArray finish() const;

    [[nodiscard]] int columns() const { return m_columns; }
    /// `text` broken into lines of at most `width` characters, at spaces where possible.
    [[nodiscard]] static QStringList wrap(const QString &text, int width);

private:
    void line(const QString &text);

    int m_columns;
    QByteArray m_job;
};

/// What a pick-up slip says: which letter is ready and the number to wait for.
struct PickupSlip {
    QString officeName;
    QString pickupLabel; // "B-004"
    QString registrationNumber;
    QString serviceName;
    QDateTime takenAt;

    [[nodiscard]] QByteArray toEscPos(int columns = SlipWriter::kColumns80mm) const;
};

/// Tanda terima penyerahan surat: who handed which letter to whom, when, with a line to sign.
struct HandoverReceipt {
    QString officeName;
    QString registrationNumber;
    QString serviceName;
    QDateTime handedOverAt;
    QString staffName; // handed over by
    QString collectorName; // received by
    QString maskedNik; // the collector's NIK, masked
    QString relationship; // the representative's relationship to the holder (label); empty: the holder in person

    [[nodiscard]] QByteArray toEscPos(int columns = SlipWriter::kColumns80mm) const;
};

} // namespace kiosk
