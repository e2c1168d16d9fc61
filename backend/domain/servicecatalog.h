#pragma once

#include "lettertemplate.h"
#include "protocol.h"
#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

namespace backend {

/// What the backend needs to know about one service of the catalog.
struct ServiceInfo {
    QString code;
    QString name;
    serverlink::ServiceLevel level = serverlink::ServiceLevel::Desa;
    QString letterStatement; // "{desa}" is replaced by the desa's name
    QList<QPair<QString, QString>> fieldLabels; // form field key, label
    QHash<QString, serverlink::idformat::ValueFormat> fieldFormats; // fields whose value is written as an amount or a count
    QStringList requirements; // documents the citizen brings; the desa front office ticks each before approving
    int estimatedDays = 0;
    LetterTemplate letter; // wording, kode klasifikasi and SLA of its letter; serviceCode empty when none was attached
};

/// The service catalog served to kiosks (exact bytes + ETag) and looked up by the workflow.
class ServiceCatalog
{
public:
    /// Parses catalog JSON with serverlink::Catalog::fromJson; an error names what is wrong.
    [[nodiscard]] static Result<ServiceCatalog> fromJson(const QByteArray &json);
    /// The catalog built into the executable (catalog/default-catalog.json).
    [[nodiscard]] static Result<ServiceCatalog> builtIn();
    /// Attaches a letter template to every service; an error names a service without one.
    [[nodiscard]] Status attachLetterTemplates(const LetterTemplates &templates);
    /// Sends `calendar`'s holidays and cuti bersama to the kiosks with the catalog (a new ETag).
    void setHolidays(const serverlink::WorkingCalendar &calendar);
    [[nodiscard]] QList<ServiceInfo> services() const { return m_services; }
    /// The catalog as kiosks receive it: requirements, form fields, descriptions (serverlink::Catalog).
    [[nodiscard]] const serverlink::Catalog &document() const { return m_document; }

    [[nodiscard]] const QByteArray &bytes() const { return m_bytes; }
    /// Quoted hex SHA-256 of bytes(), as sent in the ETag header.
    [[nodiscard]] const QString &etag() const { return m_etag; }
    [[nodiscard]] std::optional<ServiceInfo> service(const QString &code) const;

private:
    QByteArray m_bytes;
    QString m_etag;
    serverlink::Catalog m_document;
    QList<ServiceInfo> m_services;
};

} // namespace backend
