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
    QString signerTitle; // "Kepala Desa Pitu"
    QString signerName;
    QString footer; // small print at the bottom (registration number)
};

/// A rendered letter saved on disk, with the hex SHA-256 of its bytes.
struct RenderedLetter {
    QString path;
    QString sha256;
};

/// Renders letters (surat keterangan) to PDF with QPdfWriter. Needs a QGuiApplication.
class LetterRenderer
{
public:
    explicit LetterRenderer(Paper paper = Paper::F4);

    [[nodiscard]] Result<QByteArray> render(const LetterContent &content) const;
    /// Renders and writes atomically (QSaveFile) to path.
    [[nodiscard]] Result<RenderedLetter> renderToFile(const LetterContent &content, const QString &path) const;

    /// "23 November 2026".
    [[nodiscard]] static QString indonesianDate(const QDate &date);

private:
    Paper m_paper;
};

} // namespace backend
