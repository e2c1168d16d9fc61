#pragma once

#include "result.h"

#include <QString>
#include <memory>

namespace backend {

class BackendStore;
class SealService;
class ServiceCatalog;
class Workflow;

/// Files of the server's TLS identity and the CA that signs kiosk client certificates.
struct TlsFiles {
    QString certificate;
    QString privateKey;
    QString clientCa;
};

/// The kiosk-facing HTTPS API (/api/v1, server-link/api/openapi.yaml) behind mutual TLS.
/// Handlers run on a thread pool; the kiosk id and desa code come from the client certificate.
class ApiServer
{
public:
    /// With `seals`, also serves the signed trust list and revocation list (ETag).
    ApiServer(BackendStore &store, const ServiceCatalog &catalog, Workflow &workflow, SealService *seals = nullptr);
    ~ApiServer();
    ApiServer(const ApiServer &) = delete;
    ApiServer &operator=(const ApiServer &) = delete;

    /// Binds (port 0 picks a free one) and serves on a background thread; returns the port.
    [[nodiscard]] Result<quint16> start(const QString &host, quint16 port, const TlsFiles &tls);
    /// Stops accepting, finishes running requests and joins the server thread.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace backend
