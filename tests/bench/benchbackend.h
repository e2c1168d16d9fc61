#pragma once

// Shared by the backend benchmarks: a throw-away test PKI and the real kecamatan-backend process.
#include "../tools/testbackend.h"

namespace bench {

using testsupport::binary;
using testsupport::makePki;
using testsupport::source;

inline int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v > 0 ? v : fallback;
}

/// Registers the test kiosk and starts `kecamatan-backend serve` on a free port; returns the port,
/// 0 on failure. Its log goes to `log`.
inline int startBackend(QProcess &backend, const QString &dataDir, const QString &pkiDir, const QString &log)
{
    if (!testsupport::registerTestKiosk(dataDir, pkiDir))
        return 0;
    backend.setProcessChannelMode(QProcess::SeparateChannels);
    backend.setStandardErrorFile(log);
    return testsupport::startBackend(backend, dataDir, pkiDir);
}

} // namespace bench
