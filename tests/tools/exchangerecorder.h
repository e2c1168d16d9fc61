#pragma once

// The OpenAPI contract test's recorder: every exchange an ApiServer answers, as one JSON line in a
// file that tests/tools/openapi/validate.mjs reads. Test-only: the lines hold citizen data.
#include "apiserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <memory>
#include <mutex>

namespace testsupport {

/// One JSON line per exchange: method, path, query, headers (lower-case names), both bodies.
inline QByteArray exchangeJsonLine(const backend::ApiExchange &e)
{
    const auto objectOf = [](const QList<QPair<QString, QString>> &pairs, bool lowerCaseNames) {
        QJsonObject object;
        for (const auto &[name, value] : pairs)
            object.insert(lowerCaseNames ? name.toLower() : name, value);
        return object;
    };
    const auto contentType = [](const QList<QPair<QString, QString>> &headers) {
        for (const auto &[name, value] : headers)
            if (name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
                return value;
        return QString();
    };
    const auto bodyOf = [](const QByteArray &body, const QString &type) {
        // Binary bodies (letters) are described by size only; the contract checks their headers.
        if (type.startsWith(QLatin1String("application/json")) || body.isEmpty())
            return QJsonValue(QString::fromUtf8(body));
        return QJsonValue(QJsonObject {{QStringLiteral("bytes"), qint64(body.size())}});
    };
    const QJsonObject line {{QStringLiteral("method"), e.method}, {QStringLiteral("path"), e.path},
        {QStringLiteral("query"), objectOf(e.query, false)}, {QStringLiteral("requestHeaders"), objectOf(e.requestHeaders, true)},
        {QStringLiteral("requestBody"), bodyOf(e.requestBody, contentType(e.requestHeaders))}, {QStringLiteral("status"), e.status},
        {QStringLiteral("responseHeaders"), objectOf(e.responseHeaders, true)},
        {QStringLiteral("responseBody"), bodyOf(e.responseBody, contentType(e.responseHeaders))}};
    return QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
}

/// An observer for ApiServer::setExchangeObserver that appends each exchange to `jsonlFile` (0600).
inline backend::ApiServer::ExchangeObserver jsonlRecorder(const QString &jsonlFile)
{
    // The server's worker threads answer at once; one writer at a time keeps the lines whole.
    auto mutex = std::make_shared<std::mutex>();
    return [jsonlFile, mutex](const backend::ApiExchange &exchange) {
        const QByteArray line = exchangeJsonLine(exchange);
        std::lock_guard lock(*mutex);
        QFile file(jsonlFile);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
            return;
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write(line);
    };
}

} // namespace testsupport
