#include "config.h"

#include "sealverification.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSettings>

#include <algorithm>

Q_LOGGING_CATEGORY(lcConfig, "anjungan.config")

namespace kiosk {

QString KioskConfig::databasePath() const
{
    return QDir(dataDir).filePath(QStringLiteral("kiosk.sqlite"));
}
QString KioskConfig::deviceKeyPath() const
{
    return deviceKey.isEmpty() ? formerDeviceKeyPath() : deviceKey;
}
QString KioskConfig::formerDeviceKeyPath() const
{
    return QDir(dataDir).filePath(QStringLiteral("device.key"));
}
QString KioskConfig::lettersDir() const
{
    return QDir(dataDir).filePath(QStringLiteral("letters"));
}

namespace {
// The text after "key =" in section [section] of an INI file, unquoted; empty when absent.
QString rawIniValue(const QString &path, const QString &section, const QString &key)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    bool inSection = false;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(QLatin1Char('['))) {
            inSection = line.compare(QLatin1Char('[') + section + QLatin1Char(']'), Qt::CaseInsensitive) == 0;
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (inSection && eq > 0 && line.left(eq).trimmed() == key) {
            QString value = line.mid(eq + 1).trimmed();
            if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
                value = value.mid(1, value.size() - 2);
            return value;
        }
    }
    return {};
}
} // namespace

Result<KioskConfig> KioskConfig::load(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isReadable())
        return Error {ErrorCode::Io, QStringLiteral("Berkas konfigurasi %1 tidak dapat dibaca.").arg(path)};
    // Whoever may write the file chooses the backend, the CA and the key paths: never every user of the machine.
    if (info.permissions() & QFileDevice::WriteOther)
        return Error {ErrorCode::InvalidData,
            QStringLiteral("Berkas konfigurasi %1 dapat diubah semua pengguna; tidak dipakai. Jalankan: chmod 640 %1").arg(path)};
    // It may carry the proxy's password and names the client key: readable by the kiosk's group, not by everyone.
    if (info.permissions() & QFileDevice::ReadOther)
        qCWarning(lcConfig).noquote() << "configuration" << path << "is readable by every user; chmod 640 it";
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
    c.deviceKey = filePath(QStringLiteral("kiosk/deviceKey"));
    if (c.deviceKey.isEmpty())
        c.deviceKey = base.absoluteFilePath(QStringLiteral("device.key"));
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
    c.renewBeforeDays = std::clamp(s.value(QStringLiteral("server/renewBeforeDays"), 30).toInt(), 1, 365);
    c.maxParallel = std::clamp(s.value(QStringLiteral("server/maxParallel"), 6).toInt(), 1, 16);
    c.cupsServer = s.value(QStringLiteral("printers/cupsServer")).toString();
    c.ticketPrinter = s.value(QStringLiteral("printers/ticket"), QStringLiteral("cups:ticket")).toString();
    c.letterPrinter = s.value(QStringLiteral("printers/letter"), QStringLiteral("cups:letter")).toString();
    c.printStallTimeoutSeconds = std::max(5, s.value(QStringLiteral("printers/stallTimeoutSeconds"), 120).toInt());
    c.staffIdleMinutes = std::clamp(s.value(QStringLiteral("staff/idleMinutes"), 3).toInt(), 1, 60);
    c.purgeDays = std::clamp(s.value(QStringLiteral("privacy/purgeDays"), 30).toInt(), 1, 3650);
    c.technicianExportDir = s.value(QStringLiteral("technician/exportDir"), c.technicianExportDir).toString();
    c.technicianStickSpool = s.value(QStringLiteral("technician/stickSpool"), c.technicianStickSpool).toString();
    c.sealRootPublicKey = filePath(QStringLiteral("seal/rootPublicKey"));
    // Bounded like the verifier: 0 or a year would switch the revocation freshness check off.
    c.maxTrustAgeDays = std::clamp(s.value(QStringLiteral("seal/maxTrustAgeDays"), 7).toInt(),
        serverlink::seal::SealVerifier::kMinListAgeDays, serverlink::seal::SealVerifier::kMaxListAgeDays);
    // QSettings ends an unquoted INI value at ';' (a comment), so "1:A,C;2:B,C" is read from the line itself.
    const QVariant counters = s.value(QStringLiteral("queue/counters"));
    const QString countersText = counters.typeId() == QMetaType::QString && counters.toString().contains(QLatin1Char(';'))
        ? counters.toString()
        : rawIniValue(path, QStringLiteral("queue"), QStringLiteral("counters"));
    QString countersError;
    if (!countersText.trimmed().isEmpty()) {
        const auto parsed = queuerules::parseCounters(countersText, &countersError);
        if (parsed)
            c.counters = *parsed;
    }
    c.noShowRequeueMinutes = std::clamp(s.value(QStringLiteral("queue/noShowRequeueMinutes"), 5).toInt(), 1, 120);
    for (int loket = 1; loket <= queuerules::kMaxLokets; ++loket) {
        const QString uri = s.value(QStringLiteral("queue/keypad%1").arg(loket)).toString().trimmed();
        if (!uri.isEmpty())
            c.keypads.insert(loket, uri);
    }
    if (!countersError.isEmpty())
        return Error {
            ErrorCode::InvalidData, QStringLiteral("Konfigurasi %1: [queue] counters salah: %2 Hubungi teknisi.").arg(path, countersError)};
    c.displayScreen = std::max(-1, s.value(QStringLiteral("display/screen"), -1).toInt());
    c.voiceEnabled = s.value(QStringLiteral("voice/enabled"), true).toBool();
    c.voiceRate = std::clamp(s.value(QStringLiteral("voice/rate"), 140).toInt(), 80, 300);
    c.voiceVolume = std::clamp(s.value(QStringLiteral("voice/volume"), 100).toInt(), 0, 100);
    // An ALSA name such as "plughw:1,0" has a comma, which QSettings reads as a list.
    const QVariant device = s.value(QStringLiteral("voice/device"));
    c.voiceDevice
        = (device.typeId() == QMetaType::QStringList ? device.toStringList().join(QLatin1Char(',')) : device.toString()).trimmed();
    // Opening hours have commas ("…, Jumat 08.00–11.00"), which QSettings reads as a list.
    const QVariant hours = s.value(QStringLiteral("office/hours"));
    c.officeHours
        = (hours.typeId() == QMetaType::QStringList ? hours.toStringList().join(QStringLiteral(", ")) : hours.toString()).simplified();
    c.holidaysFile = filePath(QStringLiteral("office/holidays"));
    if (!c.holidaysFile.isEmpty()) {
        QString holidaysError;
        const auto calendar = serverlink::WorkingCalendar::fromFile(c.holidaysFile, &holidaysError);
        if (!calendar)
            return Error {ErrorCode::InvalidData,
                QStringLiteral("Konfigurasi %1: [office] holidays salah: %2. Hubungi teknisi.").arg(path, holidaysError)};
        c.holidays = *calendar;
    }

    // A SANE device name such as "test:0" or "genesys:libusb:001:004" has colons only, but a comma would split it.
    const QVariant documents = s.value(QStringLiteral("documents/source"));
    c.documentSource
        = (documents.typeId() == QMetaType::QStringList ? documents.toStringList().join(QLatin1Char(',')) : documents.toString()).trimmed();

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

QString imageVersionFromOsRelease(const QByteArray &osRelease)
{
    for (const QByteArray &raw : osRelease.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (!line.startsWith("IMAGE_VERSION="))
            continue;
        QByteArray value = line.mid(int(qstrlen("IMAGE_VERSION=")));
        // os-release values may be shell-quoted.
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
            value = value.mid(1, value.size() - 2);
        return QString::fromUtf8(value);
    }
    return {};
}

QString runningImageVersion()
{
    // os-release(5): /etc/os-release, else /usr/lib/os-release.
    for (const char *path : {"/etc/os-release", "/usr/lib/os-release"}) {
        QFile file(QString::fromLatin1(path));
        if (file.open(QIODevice::ReadOnly))
            return imageVersionFromOsRelease(file.readAll());
    }
    return {};
}

} // namespace kiosk
