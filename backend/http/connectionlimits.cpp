#include "connectionlimits.h"

#include <QFile>
#include <QSettings>
#include <algorithm>

namespace backend {

Result<ConnectionLimits> ConnectionLimits::load(const QString &path)
{
    ConnectionLimits limits;
    if (path.isEmpty() || !QFile::exists(path))
        return limits;
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return Error {ErrorCode::Io, QStringLiteral("Berkas pengaturan %1 tidak dapat dibaca.").arg(path)};
    // A value below its minimum is raised to it: no setting can switch a bound off.
    const auto number = [&ini](const char *key, int fallback, int minimum) {
        bool ok = false;
        const int v = ini.value(QLatin1String(key)).toInt(&ok);
        return ok ? std::max(minimum, v) : fallback;
    };
    limits.workerThreads = number("koneksi/worker_threads", limits.workerThreads, 2);
    limits.maxPendingConnections = number("koneksi/max_pending_connections", limits.maxPendingConnections, 1);
    limits.maxConnectionsPerPeer = number("koneksi/max_connections_per_peer", limits.maxConnectionsPerPeer, 1);
    limits.headerTimeoutSeconds = number("koneksi/header_timeout_seconds", limits.headerTimeoutSeconds, 1);
    limits.requestTimeoutSeconds = number("koneksi/request_timeout_seconds", limits.requestTimeoutSeconds, 1);
    limits.minBodyBytesPerSecond = number("koneksi/min_body_bytes_per_second", limits.minBodyBytesPerSecond, 1);
    return limits;
}

} // namespace backend
