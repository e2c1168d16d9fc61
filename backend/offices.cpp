#include "offices.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

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
            text("kecamatanAddress"), text("kabupaten"), text("kepalaDesa"), text("camat"), text("nomorFormat"), text("kodeSurat"),
            text("kecamatanKodeSurat"), text("kecamatanNomorFormat")};
        if (d.code.isEmpty() || d.name.isEmpty() || d.kecamatanCode.isEmpty() || d.kepalaDesa.isEmpty() || d.camat.isEmpty()
            || !isValidNomorFormat(d.nomorFormat) || (!d.kecamatanNomorFormat.isEmpty() && !isValidNomorFormat(d.kecamatanNomorFormat)))
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
