#include "offices.h"

#include "backendstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>

// catalog.qrc lives in the static library backend_core; register it before first use.
static void registerCatalogResources()
{
    Q_INIT_RESOURCE(catalog);
}

namespace backend {

namespace {

const QRegularExpression &nomorPlaceholder()
{
    static const QRegularExpression pattern(QStringLiteral("\\{nomor(?::([1-9]))?\\}"));
    return pattern;
}

} // namespace

QString formatNomorSurat(const QString &format, const NomorParts &parts)
{
    QString nomor;
    qsizetype done = 0;
    for (auto it = nomorPlaceholder().globalMatch(format); it.hasNext();) {
        const auto m = it.next();
        const int width = m.captured(1).isEmpty() ? 4 : m.captured(1).toInt();
        nomor += format.mid(done, m.capturedStart() - done);
        nomor += QStringLiteral("%1").arg(parts.number, width, 10, QLatin1Char('0'));
        done = m.capturedEnd();
    }
    nomor += format.mid(done);
    nomor.replace(QLatin1String("{klasifikasi}"), parts.klasifikasi);
    nomor.replace(QLatin1String("{kodeSurat}"), parts.kodeSurat.isEmpty() ? parts.office : parts.kodeSurat);
    nomor.replace(QLatin1String("{kode}"), parts.office);
    nomor.replace(QLatin1String("{tahun}"), QString::number(parts.year));
    return nomor;
}

bool isValidNomorFormat(const QString &format)
{
    return nomorPlaceholder().match(format).hasMatch();
}

Status checkDesaOffice(const DesaOffice &d)
{
    static const QRegularExpression desaCode(QStringLiteral("^\\d{10}$"));
    static const QRegularExpression kecamatanCode(QStringLiteral("^\\d{6}$"));
    const auto invalid = [](const QString &message) { return Error {ErrorCode::InvalidData, message}; };
    if (!desaCode.match(d.code).hasMatch())
        return invalid(QStringLiteral("Kode desa '%1' harus 10 angka.").arg(d.code));
    if (!kecamatanCode.match(d.kecamatanCode).hasMatch() || !d.code.startsWith(d.kecamatanCode))
        return invalid(QStringLiteral("Kode desa %1 tidak berada di kecamatan '%2': 6 angka pertama kode desa adalah kode kecamatan.")
                           .arg(d.code, d.kecamatanCode));
    if (d.name.trimmed().isEmpty() || d.place.trimmed().isEmpty() || d.kepalaDesa.trimmed().isEmpty() || d.camat.trimmed().isEmpty()
        || d.kecamatan.trimmed().isEmpty() || d.kabupaten.trimmed().isEmpty())
        return invalid(QStringLiteral("Data desa %1 tidak lengkap: nama desa, nama tempat, kepala desa, kecamatan, camat dan kabupaten "
                                      "wajib diisi.")
                           .arg(d.code));
    if (!isValidNomorFormat(d.nomorFormat) || (!d.kecamatanNomorFormat.isEmpty() && !isValidNomorFormat(d.kecamatanNomorFormat)))
        return invalid(QStringLiteral("Format nomor surat desa %1 harus memuat {nomor} atau {nomor:N} (N angka), misalnya "
                                      "{klasifikasi}/{nomor:3}/{kodeSurat}/{tahun}; tanpa itu semua surat bernomor sama.")
                           .arg(d.code));
    return Done {};
}

OfficeDirectory::OfficeDirectory(const OfficeDirectory &other)
{
    std::lock_guard lock(other.m_mutex);
    m_store = other.m_store;
    m_desa = other.m_desa;
}

OfficeDirectory &OfficeDirectory::operator=(const OfficeDirectory &other)
{
    if (this == &other)
        return *this;
    std::scoped_lock lock(m_mutex, other.m_mutex);
    m_store = other.m_store;
    m_desa = other.m_desa;
    return *this;
}

Result<OfficeDirectory> OfficeDirectory::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error {ErrorCode::UnknownOffice, QStringLiteral("Tabel kantor tidak valid: %1").arg(parseError.errorString())};
    QList<DesaOffice> offices;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("desa")).toArray()) {
        const QJsonObject o = v.toObject();
        const auto text = [&o](const char *key) { return o.value(QLatin1String(key)).toString(); };
        DesaOffice d {text("code"), text("name"), text("place"), text("address"), text("kecamatan"), text("kecamatanCode"),
            text("kecamatanAddress"), text("kabupaten"), text("kepalaDesa"), text("camat"), text("nomorFormat"), text("kodeSurat"),
            text("kecamatanKodeSurat"), text("kecamatanNomorFormat")};
        if (auto valid = checkDesaOffice(d); !valid)
            return Error {ErrorCode::UnknownOffice, QStringLiteral("Tabel kantor: %1").arg(valid.error().message)};
        offices.append(d);
    }
    OfficeDirectory directory;
    directory.install(std::move(offices));
    return directory;
}

Result<OfficeDirectory> OfficeDirectory::builtIn()
{
    registerCatalogResources();
    QFile file(QStringLiteral(":/backend/offices.json"));
    if (!file.open(QIODevice::ReadOnly))
        return Error {ErrorCode::Io, QStringLiteral("Tabel kantor bawaan tidak dapat dibaca.")};
    return fromJson(file.readAll());
}

Result<OfficeDirectory> OfficeDirectory::fromStore(BackendStore &store)
{
    auto offices = store.desaOffices();
    if (!offices)
        return offices.error();
    OfficeDirectory directory;
    directory.m_store = &store;
    directory.install(std::move(offices.value()));
    return directory;
}

OfficeDirectory::Snapshot OfficeDirectory::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_desa;
}

void OfficeDirectory::install(QList<DesaOffice> offices)
{
    std::sort(offices.begin(), offices.end(), [](const DesaOffice &a, const DesaOffice &b) { return a.code < b.code; });
    auto next = std::make_shared<const QList<DesaOffice>>(std::move(offices));
    std::lock_guard lock(m_mutex);
    m_desa = std::move(next);
}

std::optional<DesaOffice> OfficeDirectory::desa(const QString &code) const
{
    for (const auto &d : *snapshot())
        if (d.code == code)
            return d;
    return std::nullopt;
}

std::optional<DesaOffice> OfficeDirectory::anyInKecamatan(const QString &kecamatanCode) const
{
    for (const auto &d : *snapshot())
        if (d.kecamatanCode == kecamatanCode)
            return d;
    return std::nullopt;
}

QList<DesaOffice> OfficeDirectory::all() const
{
    return *snapshot();
}

Result<QStringList> OfficeDirectory::save(const DesaOffice &office, const QString &actor, const QString &source)
{
    std::lock_guard saving(m_saveMutex);
    BackendStore *store = nullptr;
    {
        std::lock_guard lock(m_mutex);
        store = m_store;
    }
    if (!store)
        return Error {
            ErrorCode::Database, QStringLiteral("Tabel kantor ini tidak berasal dari basis data; perubahan tidak dapat disimpan.")};
    if (auto valid = checkDesaOffice(office); !valid)
        return valid.error();
    auto changed = store->saveDesaOffice(office, actor, source);
    if (!changed)
        return changed.error();
    // Every write of this table goes through here (one at a time), so the new snapshot is exactly the stored table.
    QList<DesaOffice> next = *snapshot();
    const auto existing = std::find_if(next.begin(), next.end(), [&office](const DesaOffice &d) { return d.code == office.code; });
    if (existing == next.end())
        next.append(office);
    else
        *existing = office;
    install(std::move(next));
    return changed;
}

} // namespace backend
