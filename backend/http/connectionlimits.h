#pragma once

#include "result.h"

#include <QString>

namespace backend {

/// How much a listener gives to connections before any of them is authenticated: workers, queue,
/// connections per peer address and the time a sender may take (docs/decisions/0027-request-limits.md).
struct ConnectionLimits {
    int workerThreads = 64; // connections served at once
    int maxPendingConnections = 256; // accepted connections waiting for a worker; beyond, closed at once
    int maxConnectionsPerPeer = 32; // served at once from one address (a NAT may hide several kiosks)
    int headerTimeoutSeconds = 15; // TLS handshake and request headers, also after an idle keep-alive wait
    int requestTimeoutSeconds = 60; // body, handler and answer, plus the body's length at the minimum rate
    int minBodyBytesPerSecond = 1024; // a 64 KiB chunk may take a minute more on a weak 2G link

    /// The [koneksi] section of the backend's INI file (notifications.ini); the defaults without it.
    [[nodiscard]] static Result<ConnectionLimits> load(const QString &path);
};

} // namespace backend
