#pragma once

#include "connectionlimits.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <functional>
#include <memory>

namespace backend {

class BackendStore;
class DocumentArchive;
struct FleetAlertPolicy;
class KioskRegistry;
class SealService;
class ServiceCatalog;
class Workflow;

/// Files of the server's TLS identity and the CA that signs kiosk client certificates.
struct TlsFiles {
    QString certificate;
    QString privateKey;
    QString clientCa;
    QString clientCaKey = {}; // with it, POST /api/v1/enroll signs kiosk CSRs; without, enrollment answers 503
};

/// One answered request as the API server saw it: method, path, query, headers and both bodies.
struct ApiExchange {
    QString method;
    QString path;
    QList<QPair<QString, QString>> query;
    QList<QPair<QString, QString>> requestHeaders;
    QByteArray requestBody;
    int status = 0;
    QList<QPair<QString, QString>> responseHeaders;
    QByteArray responseBody;
};

/// The kiosk-facing HTTPS API (/api/v1, server-link/api/openapi.yaml) behind mutual TLS.
/// Handlers run on a thread pool; the kiosk id and desa code come from the client certificate,
/// which must be the kiosk's current, unrevoked one in the registry. Only /enroll needs no
/// client certificate (docs/decisions/0004-kiosk-enrollment.md).
class ApiServer
{
public:
    /// With `seals`, also serves the signed trust list and revocation list (ETag).
    ApiServer(BackendStore &store, const ServiceCatalog &catalog, Workflow &workflow, SealService *seals = nullptr);
    ~ApiServer();
    ApiServer(const ApiServer &) = delete;
    ApiServer &operator=(const ApiServer &) = delete;

    using ExchangeObserver = std::function<void(const ApiExchange &)>;

    /// Shows every answered exchange to `observer`, on the worker thread that answered it (so it must be
    /// thread-safe). Exchanges carry citizen data: only tests install one (the OpenAPI contract test
    /// records them, tests/tools/exchangerecorder.h); the product never does. Call before start().
    void setExchangeObserver(ExchangeObserver observer);
    /// Serves the resumable page uploads (PUT/GET/HEAD /requests/{reg}/documents/{pageId}) into `documents`;
    /// without, those routes answer 404. Call before start().
    void setDocuments(DocumentArchive *documents);
    /// When heartbeats raise fleet alerts (defaults without); call before start().
    void setFleetAlertPolicy(const FleetAlertPolicy &policy);
    /// Workers, queue, connections per peer and timeouts for senders (defaults without); call before start().
    void setConnectionLimits(const ConnectionLimits &limits);
    /// Binds (port 0 picks a free one) and serves on a background thread; returns the port.
    [[nodiscard]] Result<quint16> start(const QString &host, quint16 port, const TlsFiles &tls);
    /// Stops accepting, finishes running requests and joins the server thread.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace backend
