#include "offices.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// catalog.qrc lives in the static library backend_core; register it before first use.
static void registerCatalogResources()
{
    Q_INIT_RESOURCE(catalog);
}

namespace backend {

Result<OfficeDirectory> OfficeDirectory::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error {ErrorCode::UnknownOffice, QStringLiteral("Tabel kantor tidak valid: %1").arg(parseError.errorString())};
    OfficeDirectory directory;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("desa")).toArray()) {
        const QJsonObject o = v.toObject();
        const auto text = [&o](const char *key) { return o.value(QLatin1String(key)).toString(); };
        DesaOffice d {text("code"), text("name"), text("place"), text("address"), text("kecamatan"), text("kecamatanCode"),
            text("kecamatanAddress"), text("kabupaten"), text("kepalaDesa"), text("camat"), text("nomorFormat")};
        if (d.code.isEmpty() || d.name.isEmpty() || d.kecamatanCode.isEmpty() || d.kepalaDesa.isEmpty() || d.camat.isEmpty()
            || !d.nomorFormat.contains(QLatin1String("{nomor}")))
            return Error {ErrorCode::UnknownOffice, QStringLiteral("Data kantor desa '%1' tidak lengkap.").arg(d.code)};
        directory.m_desa.append(d);
    }
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

std::optional<DesaOffice> OfficeDirectory::desa(const QString &code) const
{
    for (const auto &d : m_desa)
        if (d.code == code)
            return d;
    return std::nullopt;
}

std::optional<DesaOffice> OfficeDirectory::anyInKecamatan(const QString &kecamatanCode) const
{
    for (const auto &d : m_desa)
        if (d.kecamatanCode == kecamatanCode)
            return d;
    return std::nullopt;
}

} // namespace backend
