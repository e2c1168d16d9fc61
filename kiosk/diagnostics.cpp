#include "diagnostics.h"

#include "masking.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QRegularExpression>
#include <QSaveFile>
#include <sys/statvfs.h>

namespace kiosk {

QString maskPersonalData(const QString &text)
{
    static const QRegularExpression nik(QStringLiteral("(?<![0-9])[0-9]{16}(?![0-9])"));
    static const QRegularExpression named(
        QStringLiteral("(\"?\\b(?:nama|name|pemohon|applicant|collector)\"?\\s*[:=]\\s*\"?)([^\",;\\n}\\]]+)"),
        QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype last = 0;
    for (auto it = nik.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out += text.mid(last, m.capturedStart() - last) + serverlink::masking::nik(m.captured());
        last = m.capturedEnd();
    }
    out += text.mid(last);
    QString masked;
    last = 0;
    for (auto it = named.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        masked += out.mid(last, m.capturedStart() - last) + m.captured(1) + serverlink::masking::name(m.captured(2));
        last = m.capturedEnd();
    }
    return masked + out.mid(last);
}

namespace {
struct Ring {
    QMutex mutex;
    QStringList lines;
    int capacity = 0;
    QtMessageHandler previous = nullptr;
};

Ring &ring()
{
    static Ring r;
    return r;
}

void keepLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    Ring &r = ring();
    {
        static const char *const kLevels[] = {"debug", "warning", "critical", "fatal", "info"};
        const QString line = QStringLiteral("%1 %2 %3: %4")
                                 .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")),
                                     QLatin1String(kLevels[std::clamp(int(type), 0, 4)]),
                                     QLatin1String(context.category ? context.category : "default"), maskPersonalData(message));
        QMutexLocker lock(&r.mutex);
        r.lines.append(line);
        while (r.lines.size() > r.capacity)
            r.lines.removeFirst();
    }
    if (r.previous)
        r.previous(type, context, message);
}

QString gigabytes(qint64 bytes)
{
    return QLocale(QLocale::Indonesian).toString(double(bytes) / 1e9, 'f', 1) + QStringLiteral(" GB");
}
} // namespace

void LogRing::install(int capacity)
{
    Ring &r = ring();
    QMutexLocker lock(&r.mutex);
    r.capacity = std::max(1, capacity);
    if (!r.previous)
        r.previous = qInstallMessageHandler(keepLine);
}

QStringList LogRing::lines()
{
    Ring &r = ring();
    QMutexLocker lock(&r.mutex);
    return r.lines;
}

QStringList SystemFacts::lines() const
{
    const auto known = [](qint64 v, const QString &text) { return v >= 0 ? text : QStringLiteral("tidak diketahui"); };
    const qint64 days = uptimeSeconds / 86400;
    const qint64 hours = (uptimeSeconds % 86400) / 3600;
    const qint64 minutes = (uptimeSeconds % 3600) / 60;
    return {
        QStringLiteral("Disk: %1")
            .arg(known(diskFreeBytes, QStringLiteral("%1 bebas dari %2").arg(gigabytes(diskFreeBytes), gigabytes(diskTotalBytes)))),
        QStringLiteral("Memori: %1")
            .arg(known(
                memoryAvailableKb, QStringLiteral("%1 MB tersedia dari %2 MB").arg(memoryAvailableKb / 1024).arg(memoryTotalKb / 1024))),
        QStringLiteral("Menyala sejak: %1")
            .arg(known(uptimeSeconds, QStringLiteral("%1 hari %2 jam %3 menit").arg(days).arg(hours).arg(minutes))),
        QStringLiteral("Versi aplikasi: %1").arg(appVersion),
        QStringLiteral("Versi image: %1").arg(imageVersion.isEmpty() ? QStringLiteral("bukan image anjungan") : imageVersion),
    };
}

DiskSpace diskSpaceOf(const QString &folder)
{
    struct statvfs disk {
    };
    if (::statvfs(QFile::encodeName(folder).constData(), &disk) != 0)
        return {};
    return {qint64(disk.f_bavail) * qint64(disk.f_frsize), qint64(disk.f_blocks) * qint64(disk.f_frsize)};
}

SystemFacts readSystemFacts(const QString &dataDir, const QString &appVersion, const QString &imageVersion)
{
    SystemFacts facts;
    facts.appVersion = appVersion;
    facts.imageVersion = imageVersion;
    const DiskSpace disk = diskSpaceOf(dataDir);
    facts.diskFreeBytes = disk.freeBytes;
    facts.diskTotalBytes = disk.totalBytes;
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (meminfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : meminfo.readAll().split('\n')) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            if (parts.size() < 2)
                continue;
            if (parts.first() == "MemTotal:")
                facts.memoryTotalKb = parts.at(1).toLongLong();
            else if (parts.first() == "MemAvailable:")
                facts.memoryAvailableKb = parts.at(1).toLongLong();
        }
    }
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (uptime.open(QIODevice::ReadOnly))
        facts.uptimeSeconds = qint64(uptime.readAll().split(' ').value(0).toDouble());
    return facts;
}

QString configWithoutSecrets(const QString &configPath)
{
    QFile file(configPath);
    if (configPath.isEmpty() || !file.open(QIODevice::ReadOnly))
        return QStringLiteral("# konfigurasi %1 tidak dapat dibaca\n").arg(configPath);
    static const QRegularExpression secret(
        QStringLiteral("^\\s*([^=#;]*(?:key|password|passwd|secret|token|proxy|pin)[^=]*)=.*$"), QRegularExpression::CaseInsensitiveOption);
    QStringList out;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
        const auto m = secret.match(line);
        out.append(m.hasMatch() ? m.captured(1).trimmed() + QStringLiteral(" = (disembunyikan)") : line);
    }
    return out.join(QLatin1Char('\n'));
}

Result<QString> exportDiagnostics(const DiagnosticsBundle &bundle, const QString &folder, const QDateTime &now)
{
    QDir target(folder);
    if (folder.isEmpty() || !target.exists())
        return Error {ErrorCode::NotFound, QStringLiteral("Folder tujuan %1 tidak ada. Pasang flashdisk, lalu coba lagi.").arg(folder)};
    QString kiosk = bundle.kioskId;
    kiosk.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_"));
    const QString name = QStringLiteral("diagnostik-%1-%2").arg(kiosk, now.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    if (!target.mkdir(name))
        return Error {ErrorCode::Database, QStringLiteral("Folder %1 tidak dapat dibuat di %2.").arg(name, folder)};
    const QString dir = target.filePath(name);
    const QList<std::pair<QString, QString>> parts {
        {QStringLiteral("konfigurasi.txt"), bundle.config},
        {QStringLiteral("sistem.txt"), bundle.system.join(QLatin1Char('\n'))},
        {QStringLiteral("perangkat.txt"), bundle.devices.join(QLatin1Char('\n'))},
        {QStringLiteral("koneksi.txt"), bundle.link.join(QLatin1Char('\n'))},
        {QStringLiteral("peringatan.txt"), bundle.alerts.join(QLatin1Char('\n'))},
        {QStringLiteral("log.txt"), bundle.logLines.join(QLatin1Char('\n'))},
    };
    for (const auto &[file, text] : parts) {
        QSaveFile out(QDir(dir).filePath(file));
        if (!out.open(QIODevice::WriteOnly) || out.write(maskPersonalData(text).toUtf8() + '\n') < 0 || !out.commit())
            return Error {ErrorCode::Database, QStringLiteral("%1 tidak dapat ditulis ke %2: %3").arg(file, dir, out.errorString())};
    }
    return dir;
}

} // namespace kiosk
