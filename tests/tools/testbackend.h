#pragma once

// What the tests and benchmarks that run the real kecamatan-backend process share: paths from the
// environment ctest sets, the throw-away test PKI, the registered test kiosk and `serve` on a port.
// Every process started here dies with the test, also when QtTest's watchdog aborts it.
#include <QDeadlineTimer>
#include <QDir>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QtDebug>

#include <csignal>
#include <optional>
#include <sys/prctl.h>
#include <tuple>
#include <utility>

namespace testsupport {

inline QString source(const QString &rel)
{
    return QDir(qEnvironmentVariable("KIOSK_SOURCE_DIR")).filePath(rel);
}

inline QString binary(const QString &rel)
{
    return QDir(qEnvironmentVariable("KIOSK_BINARY_DIR")).filePath(rel);
}

/// The child gets SIGKILL when the test process ends, however it ends: no backend is left behind
/// holding a port and a data folder after an aborted test.
inline void dieWithTest(QProcess &process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

/// scripts/make-test-pki into `dir`; false when it failed (openssl missing).
inline bool makePki(const QString &dir)
{
    QProcess pki;
    pki.start(source(QStringLiteral("scripts/make-test-pki")), {dir});
    return pki.waitForFinished(60000) && pki.exitStatus() == QProcess::NormalExit && pki.exitCode() == 0;
}

/// Registers the test PKI's pre-issued kiosk certificate (pki/kiosk.crt) with the backend in `dataDir`:
/// every kiosk route refuses an unregistered certificate. Enrollment itself is tst_security's.
inline bool registerTestKiosk(const QString &dataDir, const QString &pkiDir)
{
    QProcess registration;
    registration.start(binary(QStringLiteral("backend/kecamatan-backend")),
        {QStringLiteral("kiosk"), QStringLiteral("register"), QStringLiteral("--data"), dataDir, QStringLiteral("--cert"),
            QDir(pkiDir).filePath(QStringLiteral("kiosk.crt"))});
    const bool ok
        = registration.waitForFinished(60000) && registration.exitStatus() == QProcess::NormalExit && registration.exitCode() == 0;
    if (!ok)
        qWarning().noquote() << "kecamatan-backend kiosk register failed:" << registration.readAllStandardError().right(2000);
    return ok;
}

/// Starts `program` with `args`, the test PKI's TLS files (server certificate, kiosk CA) and `--listen
/// listen`; returns the port from its "LISTENING <port>" line, 0 when it did not start.
inline int startListening(QProcess &backend, const QString &program, const QStringList &args, const QString &pkiDir, const QString &listen,
    const QStringList &extraArgs)
{
    const auto pki = [&pkiDir](const char *name) { return QDir(pkiDir).filePath(QLatin1String(name)); };
    backend.setProgram(program);
    backend.setArguments(args
        + QStringList {QStringLiteral("--listen"), listen, QStringLiteral("--cert"), pki("server.crt"), QStringLiteral("--key"),
            pki("server.key"), QStringLiteral("--client-ca"), pki("kiosk-ca.crt")}
        + extraArgs);
    dieWithTest(backend);
    backend.start();
    QByteArray out;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && !out.contains('\n') && backend.state() != QProcess::NotRunning) {
        backend.waitForReadyRead(200);
        out += backend.readAllStandardOutput();
    }
    if (!out.startsWith("LISTENING ")) {
        qWarning().noquote() << QDir(program).dirName() << "did not start:" << out.left(500);
        return 0;
    }
    return out.mid(10).trimmed().toInt();
}

/// Starts `kecamatan-backend serve` with the test PKI (server certificate, kiosk CA) on `listen`
/// ("127.0.0.1:0" picks a free port) plus `extraArgs`; returns the port it listens on, 0 when it did not
/// start. Set the process's channels (a log file for stderr) before calling.
inline int startBackend(QProcess &backend, const QString &dataDir, const QString &pkiDir,
    const QString &listen = QStringLiteral("127.0.0.1:0"), const QStringList &extraArgs = {})
{
    return startListening(backend, binary(QStringLiteral("backend/kecamatan-backend")),
        {QStringLiteral("serve"), QStringLiteral("--data"), dataDir}, pkiDir, listen, extraArgs);
}

/// Starts `kecamatan-backend serve` with the test PKI, the kiosk API and the officer console on free ports, plus
/// `extraArgs`; returns {API port, console port}, {0, 0} when it did not start. Set the process's channels first.
inline std::pair<quint16, quint16> startBackendWithConsole(
    QProcess &backend, const QString &dataDir, const QString &pkiDir, const QStringList &extraArgs = {})
{
    const auto pki = [&pkiDir](const char *name) { return QDir(pkiDir).filePath(QLatin1String(name)); };
    backend.setProgram(binary(QStringLiteral("backend/kecamatan-backend")));
    backend.setArguments(
        QStringList {QStringLiteral("serve"), QStringLiteral("--data"), dataDir, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--cert"), pki("server.crt"), QStringLiteral("--key"), pki("server.key"), QStringLiteral("--client-ca"),
            pki("kiosk-ca.crt"), QStringLiteral("--console"), QStringLiteral("127.0.0.1:0")}
        + extraArgs);
    dieWithTest(backend);
    backend.start();
    // `serve` with the console prints "LISTENING <port>" and "CONSOLE <port>", often in one read.
    QByteArray out;
    QDeadlineTimer deadline(30000);
    while (!out.contains("CONSOLE ") && !deadline.hasExpired() && backend.state() != QProcess::NotRunning) {
        backend.waitForReadyRead(200);
        out += backend.readAllStandardOutput();
    }
    static const QRegularExpression ports(QStringLiteral("LISTENING (\\d+)\\s+CONSOLE (\\d+)"));
    const QRegularExpressionMatch match = ports.match(QString::fromLatin1(out));
    if (!match.hasMatch()) {
        qWarning().noquote() << "kecamatan-backend serve did not start:" << out.left(500);
        return {0, 0};
    }
    return {quint16(match.captured(1).toUInt()), quint16(match.captured(2).toUInt())};
}

/// Like startBackend, but the kiosk API runs in the test-only recording-backend (tests/tools), which
/// appends every exchange to `jsonlFile` for the OpenAPI contract test (ctest openapi_contract).
inline int startRecordingBackend(QProcess &backend, const QString &dataDir, const QString &pkiDir, const QString &jsonlFile,
    const QString &listen = QStringLiteral("127.0.0.1:0"), const QStringList &extraArgs = {})
{
    return startListening(backend, binary(QStringLiteral("tests/recording-backend")),
        {QStringLiteral("--record"), jsonlFile, QStringLiteral("--data"), dataDir}, pkiDir, listen, extraArgs);
}

/// Runs `kecamatan-backend ARGS --data DATADIR` with `input` on stdin; its stdout, or nullopt when it failed.
inline std::optional<QByteArray> runBackendCommand(const QString &dataDir, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(binary(QStringLiteral("backend/kecamatan-backend")), QStringList(args) << QStringLiteral("--data") << dataDir);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning().noquote() << "kecamatan-backend" << args.join(QLatin1Char(' ')) << "failed:" << p.readAllStandardError().right(2000);
        return std::nullopt;
    }
    return p.readAllStandardOutput();
}

/// The offline root's ceremony on the command line (seal.md §7.3): `root create` into `workDir`/usb, the backend's
/// delegation payload exported, signed by the root there and imported, so `serve` signs its lists. The root's public
/// key is `workDir`/usb/root.pub.pem (what kiosks pin). False when a step failed.
inline bool installOfflineRootByCli(const QString &dataDir, const QString &workDir)
{
    const QString usb = QDir(workDir).filePath(QStringLiteral("usb"));
    const QString payloads = QDir(workDir).filePath(QStringLiteral("payloads"));
    const QString signedDelegation = QDir(payloads).filePath(QStringLiteral("list-signer.signed.json"));
    for (const QStringList &step : {QStringList {QStringLiteral("root"), QStringLiteral("create"), QStringLiteral("--out"), usb},
             QStringList {QStringLiteral("trust-list"), QStringLiteral("export-payload"), QStringLiteral("--out"), payloads},
             QStringList {QStringLiteral("root"), QStringLiteral("sign"), QStringLiteral("--key"),
                 QDir(usb).filePath(QStringLiteral("root.key.pem")), QDir(payloads).filePath(QStringLiteral("list-signer.payload.json")),
                 signedDelegation},
             QStringList {QStringLiteral("trust-list"), QStringLiteral("import-signed"), QStringLiteral("--root"),
                 QDir(usb).filePath(QStringLiteral("root.pub.pem")), signedDelegation}})
        if (!runBackendCommand(dataDir, step))
            return false;
    return true;
}

/// The test officers who take the steps of a request of `desaCode`: "fo-<desa>" (desa front office),
/// "kades-<desa>", and of its kecamatan (the first six digits) "kasi-<kec>" and "camat-<kec>". Each
/// password is "<username>-sandi-panjang". Made once per data folder (a second call finds them).
inline bool addStepOfficers(const QString &dataDir, const QString &desaCode)
{
    const QString kecamatan = desaCode.left(6);
    const auto existing = runBackendCommand(dataDir, {QStringLiteral("officer"), QStringLiteral("list")});
    if (!existing)
        return false;
    for (const auto &[username, role, office] : {std::tuple {QStringLiteral("fo-") + desaCode, "desa_front_office", desaCode},
             std::tuple {QStringLiteral("kades-") + desaCode, "kepala_desa", desaCode},
             std::tuple {QStringLiteral("kasi-") + kecamatan, "kasi_pelayanan", kecamatan},
             std::tuple {QStringLiteral("camat-") + kecamatan, "camat", kecamatan}}) {
        if (existing->contains((username + QLatin1Char('\t')).toUtf8()))
            continue;
        if (!runBackendCommand(dataDir,
                {QStringLiteral("officer"), QStringLiteral("add"), QStringLiteral("--username"), username, QStringLiteral("--role"),
                    QLatin1String(role), QStringLiteral("--office"), office},
                username.toUtf8() + "-sandi-panjang\n"))
            return false;
    }
    return true;
}

/// Walks a request of `desaCode` to READY through `kecamatan-backend act --as`, as the officers of
/// addStepOfficers in turn: the desa front office's document check (every requirement ticked: no
/// service has more than eight), the kepala desa's signature and, for a kecamatan service, the kasi
/// pelayanan's check and the camat's signature.
inline bool approveAsOfficers(const QString &dataDir, const QString &reg, const QString &desaCode)
{
    if (!addStepOfficers(dataDir, desaCode))
        return false;
    const QString kecamatan = desaCode.left(6);
    const QList<QPair<QString, QStringList>> steps {
        {QStringLiteral("fo-") + desaCode, {QStringLiteral("--checklist"), QStringLiteral("1,2,3,4,5,6,7,8")}},
        {QStringLiteral("kades-") + desaCode, {}}, {QStringLiteral("kasi-") + kecamatan, {}}, {QStringLiteral("camat-") + kecamatan, {}}};
    for (const auto &[username, extra] : steps) {
        const auto out = runBackendCommand(dataDir,
            QStringList {QStringLiteral("act"), QStringLiteral("--as"), username, reg, QStringLiteral("setujui")} + extra,
            username.toUtf8() + "-sandi-panjang\n");
        if (!out)
            return false;
        if (out->split(' ').value(1).trimmed() == "READY")
            return true;
    }
    return false;
}

} // namespace testsupport
