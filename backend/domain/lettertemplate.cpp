#include "lettertemplate.h"

#include "servicecatalog.h"

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

namespace {

/// A form value as printed: text as is, an amount or a count the Indonesian way ("Rp900.000"); a group
/// (heirs, witnesses, family members) as "1. a, b; 2. c, d".
QString printedValue(const QJsonValue &value, serverlink::idformat::ValueFormat format)
{
    if (!value.isArray())
        return serverlink::idformat::value(value.toVariant().toString(), format);
    QStringList items;
    int n = 0;
    for (const QJsonValue &item : value.toArray()) {
        QStringList parts;
        const QJsonObject o = item.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            if (!it.value().toString().isEmpty())
                parts.append(it.value().toString());
        if (!parts.isEmpty())
            items.append(QStringLiteral("%1. %2").arg(++n).arg(parts.join(QStringLiteral(", "))));
    }
    return items.join(QStringLiteral("; "));
}

QString fillOffice(QString text, const DesaOffice &office)
{
    text.replace(QLatin1String("{desa}"), office.name);
    text.replace(QLatin1String("{kecamatan}"), office.kecamatan);
    text.replace(QLatin1String("{kabupaten}"), office.kabupaten);
    return text;
}

} // namespace

Result<LetterTemplates> LetterTemplates::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error {ErrorCode::UnknownService, QStringLiteral("Templat surat tidak valid: %1").arg(parseError.errorString())};
    LetterTemplates templates;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("templates")).toArray()) {
        const QJsonObject o = v.toObject();
        LetterTemplate t;
        t.serviceCode = o.value(QStringLiteral("service")).toString();
        t.klasifikasi = o.value(QStringLiteral("klasifikasi")).toString();
        t.slaDays = o.value(QStringLiteral("slaDays")).toInt();
        t.title = o.value(QStringLiteral("title")).toString();
        t.statement = o.value(QStringLiteral("statement")).toString();
        for (const QJsonValue &f : o.value(QStringLiteral("fields")).toArray())
            t.fields.append(f.toString());
        t.signerTitle = o.value(QStringLiteral("signerTitle")).toString();
        if (t.serviceCode.isEmpty() || t.klasifikasi.isEmpty() || t.slaDays <= 0 || templates.m_templates.contains(t.serviceCode))
            return Error {ErrorCode::UnknownService,
                QStringLiteral("Templat surat layanan '%1' tidak lengkap atau ganda (service, klasifikasi, slaDays).").arg(t.serviceCode)};
        templates.m_templates.insert(t.serviceCode, t);
    }
    return templates;
}

Result<LetterTemplates> LetterTemplates::builtIn()
{
    registerCatalogResources();
    QFile file(QStringLiteral(":/backend/letters.json"));
    if (!file.open(QIODevice::ReadOnly))
        return Error {ErrorCode::Io, QStringLiteral("Templat surat bawaan tidak dapat dibaca.")};
    return fromJson(file.readAll());
}

std::optional<LetterTemplate> LetterTemplates::forService(const QString &serviceCode) const
{
    const auto it = m_templates.constFind(serviceCode);
    if (it == m_templates.constEnd())
        return std::nullopt;
    return *it;
}

LetterContent composeLetter(
    const RequestRecord &r, const ServiceInfo &service, const LetterTemplate &tmpl, const DesaOffice &office, const QDate &date)
{
    const bool byDesa = r.level == serverlink::ServiceLevel::Desa;
    LetterContent c;
    c.kopLines = {QStringLiteral("PEMERINTAH KABUPATEN %1").arg(office.kabupaten.toUpper()),
        QStringLiteral("KECAMATAN %1").arg(office.kecamatan.toUpper())};
    if (byDesa)
        c.kopLines.append(office.name.toUpper());
    c.officeAddress = byDesa ? office.address : office.kecamatanAddress;
    c.title = tmpl.title.isEmpty() ? service.name.toUpper() : tmpl.title;
    c.nomorSurat = r.nomorSurat;
    // Once signed, the letter keeps the signer recorded then, even if the master data changes later.
    const LetterSigner signer = r.signer.isEmpty() ? officeSigner(office, r.level, tmpl) : r.signer;
    c.signerTitle = signer.title;
    c.signerName = signer.name;
    c.onBehalfOf = signer.onBehalfOf;
    // The opening names the office that states the letter: the office head's position, also when a delegate signs.
    c.opening = QStringLiteral("Yang bertanda tangan di bawah ini, %1, Kecamatan %2, Kabupaten %3, menerangkan bahwa:")
                    .arg(signer.onBehalfOf.isEmpty() ? signer.title : signer.onBehalfOf, office.kecamatan, office.kabupaten);
    c.rows = {{QStringLiteral("Nama"), r.name}, {QStringLiteral("NIK"), r.nik}, {QStringLiteral("Alamat"), r.address}};
    QStringList keys = tmpl.fields;
    if (keys.isEmpty())
        for (const auto &field : service.fieldLabels)
            keys.append(field.first);
    for (const QString &key : keys) {
        QString label = key;
        for (const auto &[fieldKey, fieldLabel] : service.fieldLabels)
            if (fieldKey == key)
                label = fieldLabel;
        const QString value = printedValue(r.fields.value(key), service.fieldFormats.value(key));
        if (!value.isEmpty())
            c.rows.append({label, value});
    }
    c.rows.append({QStringLiteral("Keperluan"), r.purpose});
    c.statement = QStringLiteral("Orang tersebut di atas %1")
                      .arg(fillOffice(tmpl.statement.isEmpty() ? service.letterStatement : tmpl.statement, office));
    c.closing = QStringLiteral("Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.");
    c.place = office.place;
    c.date = date;
    c.footer = QStringLiteral("Nomor registrasi: %1").arg(r.registrationNumber);
    return c;
}

LetterSigner officeSigner(const DesaOffice &office, serverlink::ServiceLevel level, const LetterTemplate &tmpl)
{
    const bool byDesa = level == serverlink::ServiceLevel::Desa;
    const QString title = !tmpl.signerTitle.isEmpty() ? fillOffice(tmpl.signerTitle, office)
        : byDesa                                      ? QStringLiteral("Kepala %1").arg(office.name)
                                                      : QStringLiteral("Camat %1").arg(office.kecamatan);
    return LetterSigner {byDesa ? office.kepalaDesa : office.camat, title, {}};
}

NomorAllocation nomorAllocation(const DesaOffice &office, serverlink::ServiceLevel level, const LetterTemplate &tmpl, int year)
{
    const bool byDesa = level == serverlink::ServiceLevel::Desa;
    const QString format = byDesa || office.kecamatanNomorFormat.isEmpty() ? office.nomorFormat : office.kecamatanNomorFormat;
    return NomorAllocation {byDesa ? office.code : office.kecamatanCode, year, format,
        tmpl.klasifikasi.isEmpty() ? QStringLiteral("470") : tmpl.klasifikasi, byDesa ? office.kodeSurat : office.kecamatanKodeSurat};
}

} // namespace backend
