#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace backend {

/// Master data of one desa and its kecamatan: names for the kop surat, signers, nomor format.
struct DesaOffice {
    QString code; // kode desa (10 digits), also the certificate OU
    QString name; // "Desa Pitu"
    QString place; // place name on letters: "Pitu"
    QString address;
    QString kecamatan;
    QString kecamatanCode;
    QString kecamatanAddress;
    QString kabupaten;
    QString kepalaDesa;
    QString camat;
    QString nomorFormat; // desa letters: "{klasifikasi}/{nomor:3}/{kodeSurat}/{tahun}"
    QString kodeSurat; // the desa's code in its letter numbers, e.g. "404.604.4"
    QString kecamatanKodeSurat; // the kecamatan's, e.g. "404.604"
    QString kecamatanNomorFormat; // kecamatan letters; empty: nomorFormat
};

/// The parts of one nomor surat; the format says where each goes.
struct NomorParts {
    int number = 0; // the office's counter for the year, from 1
    QString klasifikasi; // kode klasifikasi of the service, e.g. "470"
    QString office; // the office whose counter this is (desa or kecamatan code)
    QString kodeSurat; // the office's code in letter numbers; empty: office
    int year = 0;
};

/// Fills a nomor surat format: {nomor} (4 digits) or {nomor:N} (N digits), {klasifikasi},
/// {kode} (office code), {kodeSurat} (letter code), {tahun}. "470/{nomor:3}/404.604/{tahun}"
/// with number 12 in 2026 gives "470/012/404.604/2026".
[[nodiscard]] QString formatNomorSurat(const QString &format, const NomorParts &parts);
/// True when the format has a {nomor} or {nomor:N} placeholder (otherwise every letter would share one number).
[[nodiscard]] bool isValidNomorFormat(const QString &format);

/// Lookup of desa offices from the office table (catalog/offices.json).
class OfficeDirectory
{
public:
    [[nodiscard]] static Result<OfficeDirectory> fromJson(const QByteArray &json);
    /// The office table built into the executable.
    [[nodiscard]] static Result<OfficeDirectory> builtIn();

    [[nodiscard]] std::optional<DesaOffice> desa(const QString &code) const;
    /// Some desa of the kecamatan (for the kecamatan's own names); nullopt when there is none.
    [[nodiscard]] std::optional<DesaOffice> anyInKecamatan(const QString &kecamatanCode) const;

private:
    QList<DesaOffice> m_desa;
};

} // namespace backend
