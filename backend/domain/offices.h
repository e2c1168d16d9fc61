#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>
#include <mutex>
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

/// Checks one desa row: codes (10-digit desa code starting with its 6-digit kecamatan code), the names
/// letters need, and nomor formats; the error says in Bahasa Indonesia what to fix.
[[nodiscard]] Status checkDesaOffice(const DesaOffice &office);

class BackendStore;

/// The desa master data: kop surat, signers and nomor formats per desa. Thread-safe: readers get a
/// consistent snapshot while save() installs a new one, so the next letter uses an edit at once.
class OfficeDirectory
{
public:
    OfficeDirectory() = default;
    OfficeDirectory(const OfficeDirectory &other);
    OfficeDirectory &operator=(const OfficeDirectory &other);
    ~OfficeDirectory() = default;

    [[nodiscard]] static Result<OfficeDirectory> fromJson(const QByteArray &json);
    /// The office table built into the executable (catalog/offices.json): tests and the store's first seed.
    [[nodiscard]] static Result<OfficeDirectory> builtIn();
    /// The store's desa table (seeded from the built-in table by schema migration 8); save() writes there.
    [[nodiscard]] static Result<OfficeDirectory> fromStore(BackendStore &store);

    [[nodiscard]] std::optional<DesaOffice> desa(const QString &code) const;
    /// Some desa of the kecamatan (for the kecamatan's own names); nullopt when there is none.
    [[nodiscard]] std::optional<DesaOffice> anyInKecamatan(const QString &kecamatanCode) const;
    /// Every desa, ordered by code.
    [[nodiscard]] QList<DesaOffice> all() const;

    /// Checks and stores one desa (new or changed) with an audit entry naming `actor` and the address it
    /// came from, then serves the stored table. Returns the names of the fields that changed (all of them
    /// for a new desa). Refused for a directory that was not loaded from a store.
    [[nodiscard]] Result<QStringList> save(const DesaOffice &office, const QString &actor, const QString &source = {});

private:
    using Snapshot = std::shared_ptr<const QList<DesaOffice>>;
    [[nodiscard]] Snapshot snapshot() const;
    void install(QList<DesaOffice> offices);

    BackendStore *m_store = nullptr;
    mutable std::mutex m_mutex; // guards m_desa and m_store; a snapshot itself never changes
    std::mutex m_saveMutex; // one save at a time, so snapshots are installed in the order they were written
    Snapshot m_desa = std::make_shared<const QList<DesaOffice>>();
};

} // namespace backend
