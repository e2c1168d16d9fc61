#pragma once

#include "officers.h"
#include "result.h"
#include "workflow.h"

#include <QByteArray>
#include <QList>
#include <QMultiMap>
#include <QString>
#include <functional>
#include <memory>

namespace backend {

class BackendStore;
class OfficeDirectory;
class ServiceCatalog;

/// What a page renderer gets: the logged-in officer, the roles they act in today, the query string.
struct ConsolePageRequest {
    OfficerRecord officer;
    QList<Capacity> capacities;
    QMultiMap<QString, QString> query;
};

/// What a page renderer returns: HTML placed inside the console layout, or other bytes (e.g. CSV) as they are.
struct ConsolePageReply {
    int status = 200;
    QString title; // empty: the navigation title
    QString bodyHtml; // used when contentType is empty
    QByteArray bytes; // used when contentType is set
    QString contentType; // e.g. "text/csv; charset=utf-8"
    QString downloadName; // sets Content-Disposition: attachment
};

/// The officer console: server-rendered HTML over HTTPS (server certificate, no client certificate),
/// sessions in the database, CSRF token on every POST, role check on every route.
class ConsoleServer
{
public:
    using PageRenderer = std::function<ConsolePageReply(const ConsolePageRequest &)>;

    ConsoleServer(BackendStore &store, const ServiceCatalog &catalog, OfficeDirectory &offices, Workflow &workflow);
    ~ConsoleServer();
    ConsoleServer(const ConsoleServer &) = delete;
    ConsoleServer &operator=(const ConsoleServer &) = delete;

    /// Adds a GET page (path like "/monitoring") with a navigation entry for `roles`; call before start().
    void addPage(const QString &path, const QString &navTitle, const QList<Role> &roles, PageRenderer render);

    /// Binds (port 0 picks a free one) and serves on a background thread; returns the port.
    [[nodiscard]] Result<quint16> start(const QString &host, quint16 port, const QString &certificateFile, const QString &privateKeyFile);
    void stop();

    /// Sessions end after this long without a request.
    static constexpr int kIdleMinutes = 30;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace backend
