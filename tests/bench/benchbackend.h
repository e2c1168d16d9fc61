#pragma once

// Shared by the backend benchmarks: a throw-away test PKI and the real kecamatan-backend process.
#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <QString>

namespace bench {

inline QString source(const QString &rel)
{
    return QDir(qEnvironmentVariable("KIOSK_SOURCE_DIR")).filePath(rel);
}
inline QString binary(const QString &rel)
{
    return QDir(qEnvironmentVariable("KIOSK_BINARY_DIR")).filePath(rel);
}
inline int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v > 0 ? v : fallback;
}

/// scripts/make-test-pki into `dir`; false when openssl is missing.
inline bool makePki(const QString &dir)
{
    QProcess pki;
    pki.start(source(QStringLiteral("scripts/make-test-pki")), {dir});
    return pki.waitForFinished(60000) && pki.exitStatus() == QProcess::NormalExit && pki.exitCode() == 0;
}

/// Starts `kecamatan-backend serve` on a free port; returns the port, 0 on failure. Its log goes to `log`.
inline int startBackend(QProcess &backend, const QString &dataDir, const QString &pkiDir, const QString &log)
{
    const auto pki = [&pkiDir](const char *name) { return QDir(pkiDir).filePath(QLatin1String(name)); };
    // The test kiosk's pre-issued certificate is the registered one (enrollment is tst_security's).
    QProcess registration;
    registration.start(binary(QStringLiteral("backend/kecamatan-backend")),
        {QStringLiteral("kiosk"), QStringLiteral("register"), QStringLiteral("--data"), dataDir, QStringLiteral("--cert"),
            pki("kiosk.crt")});
    if (!registration.waitForFinished(60000) || registration.exitCode() != 0)
        return 0;
    backend.setProcessChannelMode(QProcess::SeparateChannels);
    backend.setStandardErrorFile(log);
    backend.start(binary(QStringLiteral("backend/kecamatan-backend")),
        {QStringLiteral("serve"), QStringLiteral("--data"), dataDir, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--cert"), pki("server.crt"), QStringLiteral("--key"), pki("server.key"), QStringLiteral("--client-ca"),
            pki("kiosk-ca.crt")});
    QByteArray out;
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && !out.contains('\n') && backend.state() != QProcess::NotRunning) {
        backend.waitForReadyRead(200);
        out += backend.readAllStandardOutput();
    }
    return out.startsWith("LISTENING ") ? out.mid(10).trimmed().toInt() : 0;
}

} // namespace bench
