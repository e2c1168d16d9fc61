#include "servicecatalog.h"

#include "crypto.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

// catalog.qrc lives in the static library backend_core; register it before first use.
static void registerCatalogResources()
{
    Q_INIT_RESOURCE(catalog);
}

namespace backend {

Result<ServiceCatalog> ServiceCatalog::fromJson(const QByteArray &json)
{
    const auto invalid = [](const QString &why) {
        return Error {ErrorCode::UnknownService, QStringLiteral("Katalog layanan tidak valid: %1").arg(why)};
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return invalid(parseError.errorString());
    const QJsonObject root = doc.object();
    if (!root.value(QStringLiteral("version")).isString() || !root.value(QStringLiteral("services")).isArray())
        return invalid(QStringLiteral("'version' atau 'services' tidak ada"));

    ServiceCatalog catalog;
    for (const QJsonValue &v : root.value(QStringLiteral("services")).toArray()) {
        const QJsonObject s = v.toObject();
        ServiceInfo info;
        info.code = s.value(QStringLiteral("code")).toString();
        info.name = s.value(QStringLiteral("name")).toString();
        info.letterStatement = s.value(QStringLiteral("letterStatement")).toString();
        const auto level = serverlink::levelFromWire(s.value(QStringLiteral("level")).toString());
        if (info.code.isEmpty() || info.name.isEmpty() || !level || !s.value(QStringLiteral("fields")).isArray()
            || !s.value(QStringLiteral("requirements")).isArray())
            return invalid(QStringLiteral("layanan '%1' tidak lengkap").arg(info.code));
        if (catalog.service(info.code))
            return invalid(QStringLiteral("kode layanan '%1' ganda").arg(info.code));
        info.level = *level;
        info.estimatedDays = s.value(QStringLiteral("estimatedDays")).toInt();
        info.letter.slaDays = std::max(1, info.estimatedDays);
        for (const QJsonValue &field : s.value(QStringLiteral("fields")).toArray())
            info.fieldLabels.append({field[QStringLiteral("key")].toString(), field[QStringLiteral("label")].toString()});
        for (const QJsonValue &requirement : s.value(QStringLiteral("requirements")).toArray())
            info.requirements.append(requirement.toString());
        catalog.m_services.append(info);
    }
    catalog.m_bytes = json;
    catalog.m_etag = QLatin1Char('"') + QString::fromLatin1(serverlink::crypto::sha256(json).toHex()) + QLatin1Char('"');
    return catalog;
}

Result<ServiceCatalog> ServiceCatalog::builtIn()
{
    registerCatalogResources();
    QFile file(QStringLiteral(":/backend/default-catalog.json"));
    if (!file.open(QIODevice::ReadOnly))
        return Error {ErrorCode::Io, QStringLiteral("Katalog bawaan tidak dapat dibaca.")};
    auto catalog = fromJson(file.readAll());
    if (!catalog)
        return catalog;
    const auto templates = LetterTemplates::builtIn();
    if (!templates)
        return templates.error();
    if (auto attached = catalog.value().attachLetterTemplates(templates.value()); !attached)
        return attached.error();
    return catalog;
}

Status ServiceCatalog::attachLetterTemplates(const LetterTemplates &templates)
{
    for (ServiceInfo &s : m_services) {
        const auto t = templates.forService(s.code);
        if (!t)
            return Error {ErrorCode::UnknownService, QStringLiteral("Layanan '%1' belum memiliki templat surat.").arg(s.code)};
        s.letter = *t;
    }
    return Done {};
}

std::optional<ServiceInfo> ServiceCatalog::service(const QString &code) const
{
    for (const auto &s : m_services)
        if (s.code == code)
            return s;
    return std::nullopt;
}

} // namespace backend
