#include "config.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include <algorithm>

namespace kiosk {

QString KioskConfig::databasePath() const
{
    return QDir(dataDir).filePath(QStringLiteral("kiosk.sqlite"));
}
QString KioskConfig::deviceKeyPath() const
{
    return QDir(dataDir).filePath(QStringLiteral("device.key"));
}
QString KioskConfig::lettersDir() const
{
    return QDir(dataDir).filePath(QStringLiteral("letters"));
}

Result<KioskConfig> KioskConfig::load(const QString &path)
{
    if (!QFileInfo(path).isReadable())
        return Error {ErrorCode::Io, QStringLiteral("Berkas konfigurasi %1 tidak dapat dibaca.").arg(path)};
    QSettings s(path, QSettings::IniFormat);
    // Relative paths in the file are relative to the file's folder.
    const QDir base = QFileInfo(path).absoluteDir();
    auto filePath = [&](const QString &key) {
        const QString v = s.value(key).toString();
        return v.isEmpty() ? v : base.absoluteFilePath(v);
    };
    KioskConfig c;
    c.kioskId = s.value(QStringLiteral("kiosk/id")).toString();
    c.desaCode = s.value(QStringLiteral("kiosk/desaCode")).toString();
    c.officeName = s.value(QStringLiteral("kiosk/officeName"), QStringLiteral("Kantor Desa")).toString();
    c.syncIntervalMs = std::max(200, s.value(QStringLiteral("server/syncIntervalMs"), 15000).toInt());
    c.idleWarnSeconds = std::clamp(s.value(QStringLiteral("kiosk/idleWarnSeconds"), 60).toInt(), 5, 600);
    c.idleWipeSeconds = std::clamp(s.value(QStringLiteral("kiosk/idleWipeSeconds"), 75).toInt(), c.idleWarnSeconds + 5, 900);
    c.dataDir = filePath(QStringLiteral("kiosk/dataDir"));
    // QSettings reads "a,b" in an INI file as a list already; a single entry stays a string.
    const QVariant scanners = s.value(QStringLiteral("kiosk/scanners"), QStringLiteral("wedge:"));
    const QStringList scannerList = scanners.typeId() == QMetaType::QStringList
        ? scanners.toStringList()
        : scanners.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &uri : scannerList) {
        if (!uri.trimmed().isEmpty())
            c.scanners << uri.trimmed();
    }
    c.serverUrl = s.value(QStringLiteral("server/url")).toString();
    c.caFile = filePath(QStringLiteral("server/caFile"));
    c.clientCert = filePath(QStringLiteral("server/clientCert"));
    c.clientKey = filePath(QStringLiteral("server/clientKey"));
    c.proxy = s.value(QStringLiteral("server/proxy")).toString().trimmed();
    c.heartbeatIntervalMs = std::max(200, s.value(QStringLiteral("server/heartbeatIntervalMs"), 60000).toInt());
    c.maxParallel = std::clamp(s.value(QStringLiteral("server/maxParallel"), 6).toInt(), 1, 16);
    c.cupsServer = s.value(QStringLiteral("printers/cupsServer")).toString();
    c.ticketPrinter = s.value(QStringLiteral("printers/ticket"), QStringLiteral("cups:ticket")).toString();
    c.letterPrinter = s.value(QStringLiteral("printers/letter"), QStringLiteral("cups:letter")).toString();
    c.printStallTimeoutSeconds = std::max(5, s.value(QStringLiteral("printers/stallTimeoutSeconds"), 120).toInt());
    c.staffIdleMinutes = std::clamp(s.value(QStringLiteral("staff/idleMinutes"), 3).toInt(), 1, 60);
    c.purgeDays = std::clamp(s.value(QStringLiteral("privacy/purgeDays"), 30).toInt(), 1, 3650);
    c.sealRootPublicKey = filePath(QStringLiteral("seal/rootPublicKey"));
    c.maxTrustAgeDays = s.value(QStringLiteral("seal/maxTrustAgeDays"), 7).toInt();
    c.displayScreen = std::max(-1, s.value(QStringLiteral("display/screen"), -1).toInt());
    c.voiceEnabled = s.value(QStringLiteral("voice/enabled"), true).toBool();
    c.voiceRate = std::clamp(s.value(QStringLiteral("voice/rate"), 140).toInt(), 80, 300);
    c.voiceVolume = std::clamp(s.value(QStringLiteral("voice/volume"), 100).toInt(), 0, 100);
    // An ALSA name such as "plughw:1,0" has a comma, which QSettings reads as a list.
    const QVariant device = s.value(QStringLiteral("voice/device"));
    c.voiceDevice
        = (device.typeId() == QMetaType::QStringList ? device.toStringList().join(QLatin1Char(',')) : device.toString()).trimmed();

    QStringList missing;
    if (c.kioskId.isEmpty())
        missing << QStringLiteral("kiosk/id");
    if (c.dataDir.isEmpty())
        missing << QStringLiteral("kiosk/dataDir");
    if (c.serverUrl.isEmpty())
        missing << QStringLiteral("server/url");
    if (c.caFile.isEmpty())
        missing << QStringLiteral("server/caFile");
    if (!missing.isEmpty())
        return Error {ErrorCode::InvalidData,
            QStringLiteral("Konfigurasi %1 belum lengkap: %2. Hubungi teknisi.").arg(path, missing.join(QStringLiteral(", ")))};
    return c;
}

} // namespace kiosk
