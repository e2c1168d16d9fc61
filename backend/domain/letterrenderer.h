#pragma once

#include "result.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace backend {

/// Paper sizes for letters: F4 (215×330 mm) is the Indonesian default, A4 optional.
enum class Paper { F4, A4 };

/// Everything printed on one letter, already worded; the renderer only lays it out.
struct LetterContent {
    QStringList kopLines; // "PEMERINTAH KABUPATEN NGAWI", "KECAMATAN PITU", "DESA PITU"
    QString officeAddress;
    QString title; // "SURAT KETERANGAN TIDAK MAMPU"
    QString nomorSurat;
    QString opening; // "Yang bertanda tangan di bawah ini, …, menerangkan bahwa:"
    QList<QPair<QString, QString>> rows; // label, value
    QString statement;
    QString closing;
    QString place;
    QDate date;
    QString onBehalfOf; // "Kepala Desa Pitu", printed "a.n. Kepala Desa Pitu" above the title when a delegate signs
    QString signerTitle; // "Kepala Desa Pitu"; a delegate's own position ("Sekretaris Desa")
    QString signerName;
    QString footer; // small print at the bottom (registration number)
    QString sealText; // "https://…#SQ2…" (or "SQ1:…") printed as a QR; empty: no seal
};

/// What a line of the letter is, so the renderer knows where and how to draw it.
enum class LetterLineKind {
    Kop,
    Address,
    Title,
    Nomor,
    Opening,
    Row,
    Statement,
    Closing,
    PlaceDate,
    OnBehalf,
    SignerTitle,
    ESigned,
    SignerName,
    Footer
};

/// One printed element of a letter, in reading order; `text` is its canonical wording.
struct LetterLine {
    LetterLineKind kind;
    QString text; // Row: "Label: value"
    QString label; // Row only
    QString value; // Row only
};

/// The letter's text as lines, in reading order: the single source of both the PDF body and the canonical text.
[[nodiscard]] QList<LetterLine> letterLines(const LetterContent &content);
/// The canonical letter text (server-link/api/seal.md §5) whose SHA-256 is the seal's document hash.
[[nodiscard]] QString canonicalLetterText(const LetterContent &content);

/// A rendered letter saved on disk, with the hex SHA-256 of its bytes.
struct RenderedLetter {
    QString path;
    QString sha256;
};

/// Renders letters (surat keterangan) to PDF with QPdfWriter. Needs a QGuiApplication.
/// With a seal, the QR is drawn at ≥ 0.5 mm per module and the seal and canonical text are
/// also written to the PDF's XMP metadata (anjungan:seal, anjungan:canonicalText).
class LetterRenderer
{
public:
    explicit LetterRenderer(Paper paper = Paper::F4);

    [[nodiscard]] Result<QByteArray> render(const LetterContent &content) const;
    /// Renders and writes atomically (QSaveFile) to path.
    [[nodiscard]] Result<RenderedLetter> renderToFile(const LetterContent &content, const QString &path) const;

private:
    Paper m_paper;
};

} // namespace backend
