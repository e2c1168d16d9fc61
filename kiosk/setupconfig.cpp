#include "setupconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>

namespace kiosk {

namespace {
QString settingPath(const QString &configPath, const QString &key)
{
    if (!QFileInfo::exists(configPath))
        return {};
    const QSettings s(configPath, QSettings::IniFormat);
    const QString value = s.value(key).toString();
    return value.isEmpty() ? value : QFileInfo(configPath).absoluteDir().absoluteFilePath(value);
}
} // namespace

bool SetupConfig::needed(const QString &configPath)
{
    if (!QFileInfo::exists(configPath))
        return true;
    const QSettings s(configPath, QSettings::IniFormat);
    if (s.value(QStringLiteral("server/url")).toString().trimmed().isEmpty())
        return true;
    const QString cert = settingPath(configPath, QStringLiteral("server/clientCert"));
    return !cert.isEmpty() && !QFileInfo::exists(cert);
}

QString SetupConfig::configuredServerUrl(const QString &configPath)
{
    if (!QFileInfo::exists(configPath))
        return {};
    return QSettings(configPath, QSettings::IniFormat).value(QStringLiteral("server/url")).toString().trimmed();
}

SetupPaths SetupConfig::paths(const QString &configPath)
{
    SetupPaths p;
    p.configFile = QFileInfo(configPath).absoluteFilePath();
    p.dataDir = settingPath(configPath, QStringLiteral("kiosk/dataDir"));
    if (p.dataDir.isEmpty()) {
        // systemd's StateDirectory= (image/systemd/anjungan.service) names the folder; its first entry is the kiosk's.
        const QString state = qEnvironmentVariable("STATE_DIRECTORY").section(QLatin1Char(':'), 0, 0);
        p.dataDir = state.isEmpty() ? QStringLiteral("/var/lib/anjungan") : state;
    }
    const QDir data(p.dataDir);
    p.caFile = settingPath(configPath, QStringLiteral("server/caFile"));
    for (const QString &candidate :
        {QFileInfo(configPath).absoluteDir().filePath(QStringLiteral("ca.crt")), QString::fromLatin1(kImageCaFile)}) {
        if (p.caFile.isEmpty() && QFileInfo::exists(candidate))
            p.caFile = candidate;
    }
    p.clientCert = settingPath(configPath, QStringLiteral("server/clientCert"));
    if (p.clientCert.isEmpty())
        p.clientCert = data.filePath(QStringLiteral("tls/client.crt"));
    p.clientKey = settingPath(configPath, QStringLiteral("server/clientKey"));
    if (p.clientKey.isEmpty())
        p.clientKey = data.filePath(QStringLiteral("tls/client.key"));
    p.networkSpool = data.filePath(QStringLiteral("network/settings.conf"));
    return p;
}

KioskConfig SetupConfig::provisional(const SetupPaths &paths)
{
    KioskConfig c;
    c.kioskId = QStringLiteral("BELUM-TERDAFTAR");
    c.dataDir = paths.dataDir;
    // The same place KioskConfig::load() finds it once the unit is enrolled.
    c.deviceKey = settingPath(paths.configFile, QStringLiteral("kiosk/deviceKey"));
    if (c.deviceKey.isEmpty())
        c.deviceKey = QFileInfo(paths.configFile).absoluteDir().absoluteFilePath(QStringLiteral("device.key"));
    c.scanners.clear();
    if (QFileInfo::exists(paths.configFile)) {
        const QSettings s(paths.configFile, QSettings::IniFormat);
        c.officeName = s.value(QStringLiteral("kiosk/officeName"), QStringLiteral("Kantor Desa")).toString();
    } else {
        c.officeName = QStringLiteral("Kantor Desa");
    }
    return c;
}

QByteArray SetupConfig::withValues(const QByteArray &text, const QMap<QString, QString> &values)
{
    QList<QByteArray> lines = text.split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QByteArray section = it.key().section(QLatin1Char('/'), 0, 0).toUtf8();
        const QByteArray key = it.key().section(QLatin1Char('/'), 1).toUtf8();
        const QByteArray line = key + '=' + it.value().toUtf8();
        qsizetype sectionStart = -1, sectionEnd = lines.size(), found = -1;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QByteArray trimmed = lines.at(i).trimmed();
            if (trimmed.startsWith('[')) {
                if (sectionStart >= 0 && sectionEnd == lines.size())
                    sectionEnd = i;
                if (trimmed.compare('[' + section + ']', Qt::CaseInsensitive) == 0 && sectionStart < 0)
                    sectionStart = i;
                continue;
            }
            const qsizetype eq = trimmed.indexOf('=');
            if (sectionStart >= 0 && sectionEnd == lines.size() && eq > 0 && trimmed.left(eq).trimmed() == key)
                found = i;
        }
        if (found >= 0) {
            lines[found] = line;
        } else if (sectionStart >= 0) {
            // After the section's last non-empty line, so a blank line before the next section stays.
            qsizetype at = sectionEnd;
            while (at > sectionStart + 1 && lines.at(at - 1).trimmed().isEmpty())
                --at;
            lines.insert(at, line);
        } else {
            if (!lines.isEmpty() && !lines.constLast().trimmed().isEmpty())
                lines.append(QByteArray());
            lines.append('[' + section + ']');
            lines.append(line);
        }
    }
    return lines.join('\n') + '\n';
}

Status SetupConfig::write(const QString &configPath, const QMap<QString, QString> &values)
{
    QByteArray text;
    if (QFile existing(configPath); existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly))
            return Error {ErrorCode::Io, QStringLiteral("Berkas konfigurasi %1 tidak dapat dibaca.").arg(configPath)};
        text = existing.readAll();
    } else {
        text = "# Written by the kiosk's first-boot screen (Pemasangan anjungan); see README.md for every setting.\n";
    }
    QDir().mkpath(QFileInfo(configPath).absolutePath());
    QSaveFile file(configPath);
    const QByteArray updated = withValues(text, values);
    // 0640: the file names the client key and may carry the proxy's password; the kiosk's group reads it, nobody else.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup)
        || file.write(updated) != updated.size() || !file.commit())
        return Error {ErrorCode::Io, QStringLiteral("Berkas konfigurasi %1 tidak dapat ditulis: %2").arg(configPath, file.errorString())};
    return Done {};
}

} // namespace kiosk
