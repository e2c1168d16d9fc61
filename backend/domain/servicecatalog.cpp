#include "servicecatalog.h"

#include "crypto.h"

#include <QFile>
#include <algorithm>

// catalog.qrc lives in the static library backend_core; register it before first use.
static void registerCatalogResources()
{
    Q_INIT_RESOURCE(catalog);
}

namespace backend {

Result<ServiceCatalog> ServiceCatalog::fromJson(const QByteArray &json)
{
    QString why;
    auto document = serverlink::Catalog::fromJson(json, &why);
    if (!document)
        return Error {ErrorCode::UnknownService, QStringLiteral("Katalog layanan tidak valid: %1").arg(why)};
    ServiceCatalog catalog;
    for (const serverlink::CatalogService &s : std::as_const(document->services)) {
        ServiceInfo info;
        info.code = s.code;
        info.name = s.name;
        info.level = s.level;
        info.letterStatement = s.letterStatement;
        info.fieldLabels = s.fieldLabels();
        for (const auto &[key, label] : std::as_const(info.fieldLabels))
            if (const auto format = s.fieldFormat(key); format != serverlink::idformat::ValueFormat::AsTyped)
                info.fieldFormats.insert(key, format);
        info.estimatedDays = s.estimatedDays;
        info.letter.slaDays = std::max(1, s.estimatedDays);
        info.requirements = s.requirements;
        catalog.m_services.append(info);
    }
    catalog.m_document = std::move(*document);
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

void ServiceCatalog::setHolidays(const serverlink::WorkingCalendar &calendar)
{
    m_document.holidays = calendar.holidays();
    m_bytes = m_document.toJson();
    m_etag = QLatin1Char('"') + QString::fromLatin1(serverlink::crypto::sha256(m_bytes).toHex()) + QLatin1Char('"');
}

std::optional<ServiceInfo> ServiceCatalog::service(const QString &code) const
{
    for (const auto &s : m_services)
        if (s.code == code)
            return s;
    return std::nullopt;
}

} // namespace backend
