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
    QString nomorFormat; // "470/{nomor}/{kode}/{tahun}"
};

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
