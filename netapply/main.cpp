// anjungan-netapply: applies the network settings the kiosk's first-boot screen spooled. Runs as root (started by
// anjungan-netapply.path when the spool changes, and at boot); checks the settings again, since the kiosk that wrote
// them is not trusted with root's powers, and writes only a systemd-networkd .network file and a wpa_supplicant
// configuration under /run.
#include "networksettings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>
#include <QTextStream>

namespace {

bool writeFile(const QString &path, const QByteArray &text, QFileDevice::Permissions permissions)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(permissions) || file.write(text) != text.size())
        return false;
    return file.commit();
}

// Whether systemd-networkd runs: at boot the files are written before it starts, and it reads them when it does.
bool networkdRunning()
{
    QProcess systemctl;
    systemctl.start(
        QStringLiteral("systemctl"), {QStringLiteral("is-active"), QStringLiteral("--quiet"), QStringLiteral("systemd-networkd.service")});
    return systemctl.waitForFinished(10000) && systemctl.exitStatus() == QProcess::NormalExit && systemctl.exitCode() == 0;
}

// Runs a system tool; its failure is reported, the settings stay written for the next boot.
bool run(const QString &program, const QStringList &args)
{
    QProcess process;
    process.start(program, args);
    const bool ok = process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!ok)
        QTextStream(stderr) << program << ' ' << args.join(QLatin1Char(' ')) << ": " << process.readAllStandardError() << Qt::endl;
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Applies the kiosk's spooled network settings (systemd-networkd, wpa_supplicant)."));
    cli.addHelpOption();
    const QCommandLineOption spoolOption(QStringLiteral("spool"), QStringLiteral("The kiosk's settings file."), QStringLiteral("file"),
        QStringLiteral("/var/lib/anjungan/network/settings.conf"));
    const QCommandLineOption networkDirOption(QStringLiteral("network-dir"), QStringLiteral("Where the .network file goes."),
        QStringLiteral("dir"), QStringLiteral("/run/systemd/network"));
    const QCommandLineOption wpaOption(QStringLiteral("wpa-config"), QStringLiteral("Where wpa_supplicant's configuration goes."),
        QStringLiteral("file"), QStringLiteral("/run/anjungan/wpa_supplicant.conf"));
    const QCommandLineOption noReloadOption(QStringLiteral("no-reload"), QStringLiteral("Write the files only; restart nothing."));
    cli.addOptions({spoolOption, networkDirOption, wpaOption, noReloadOption});
    cli.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString networkFile = QDir(cli.value(networkDirOption)).filePath(QStringLiteral("10-anjungan-uplink.network"));
    const QString wpaFile = cli.value(wpaOption);
    const QString resultFile = QFileInfo(cli.value(spoolOption)).absoluteDir().filePath(QStringLiteral("result"));
    const bool reload = !cli.isSet(noReloadOption);

    QFile spool(cli.value(spoolOption));
    if (!spool.exists()) {
        // No settings from the kiosk: the image's defaults (DHCP on every wired port) apply.
        QFile::remove(networkFile);
        QFile::remove(wpaFile);
        out << "no settings at " << spool.fileName() << ": the image's defaults apply" << Qt::endl;
        if (reload && networkdRunning())
            run(QStringLiteral("networkctl"), {QStringLiteral("reload")});
        return 0;
    }
    QString why;
    const auto settings = spool.open(QIODevice::ReadOnly) ? netapply::NetworkSettings::fromSpool(spool.read(8192), &why) : std::nullopt;
    if (!settings) {
        err << "refused " << spool.fileName() << ": " << (why.isEmpty() ? spool.errorString() : why) << Qt::endl;
        if (!writeFile(
                resultFile, "refused: " + why.toUtf8() + '\n', QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther))
            err << "cannot write " << resultFile << Qt::endl;
        return 1;
    }
    const QFileDevice::Permissions world
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    if (!writeFile(networkFile, settings->networkFile(), world)) {
        err << "cannot write " << networkFile << Qt::endl;
        return 1;
    }
    const bool wifi = settings->uplink == netapply::NetworkSettings::Uplink::Wifi;
    if (wifi && !writeFile(wpaFile, settings->wpaSupplicantConfig(), QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        err << "cannot write " << wpaFile << Qt::endl;
        return 1;
    }
    if (!wifi)
        QFile::remove(wpaFile);
    out << "applied " << spool.fileName() << " to " << networkFile << (wifi ? " and " + wpaFile : QString()) << Qt::endl;
    bool applied = true;
    if (reload) {
        for (const QString &name : netapply::wirelessInterfaces()) {
            const QString unit = QStringLiteral("anjungan-wifi@%1.service").arg(name);
            // --no-block: the Wi-Fi unit is ordered after this one, which must not wait for it.
            applied &= run(QStringLiteral("systemctl"),
                {QStringLiteral("--no-block"), wifi ? QStringLiteral("restart") : QStringLiteral("stop"), unit});
        }
        if (networkdRunning())
            applied &= run(QStringLiteral("networkctl"), {QStringLiteral("reload")});
    }
    if (!writeFile(resultFile, applied ? "ok\n" : "written; restarting the network failed (see the journal)\n", world))
        err << "cannot write " << resultFile << Qt::endl;
    return applied ? 0 : 1;
}
