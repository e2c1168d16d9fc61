#include "connectionlimits.h"

#include "settingsfile.h"

namespace backend {

Result<ConnectionLimits> ConnectionLimits::load(const QString &path)
{
    const auto ini = SettingsFile::open(path);
    if (!ini)
        return ini.error();
    ConnectionLimits limits;
    limits.workerThreads = ini->number("koneksi/worker_threads", limits.workerThreads, 2);
    limits.maxPendingConnections = ini->number("koneksi/max_pending_connections", limits.maxPendingConnections, 1);
    limits.maxConnectionsPerPeer = ini->number("koneksi/max_connections_per_peer", limits.maxConnectionsPerPeer, 1);
    limits.headerTimeoutSeconds = ini->number("koneksi/header_timeout_seconds", limits.headerTimeoutSeconds, 1);
    limits.requestTimeoutSeconds = ini->number("koneksi/request_timeout_seconds", limits.requestTimeoutSeconds, 1);
    limits.minBodyBytesPerSecond = ini->number("koneksi/min_body_bytes_per_second", limits.minBodyBytesPerSecond, 1);
    return limits;
}

} // namespace backend
