#pragma once

#include "kioskresult.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace kiosk {

/// Text a technician reads on the screen or carries away on a stick, with personal data masked: every run of
/// 16 digits (a NIK) and the value after a name key ("nama", "name", "pemohon": JSON or key=value) keep only
/// what serverlink::masking shows on the kiosk's own screens.
[[nodiscard]] QString maskPersonalData(const QString &text);

/// The kiosk's own last log lines, masked as they arrive: Qt's message handler feeds a ring of `capacity`
/// lines and passes every message on to the handler installed before (journald on the appliance).
class LogRing
{
public:
    static void install(int capacity = 200);
    /// Oldest first; empty before install().
    [[nodiscard]] static QStringList lines();
};

/// Disk, memory, uptime and versions of the machine the kiosk runs on.
/// Free and total bytes of the file system holding a folder; -1 when unknown.
struct DiskSpace {
    qint64 freeBytes = -1;
    qint64 totalBytes = -1;
};
/// Asks the file system of `folder` itself (statvfs): QStorageInfo looks the folder up in the mount table, which fails
/// in a chroot or a container whose /proc belongs to the host, and the kiosk would report "unknown".
[[nodiscard]] DiskSpace diskSpaceOf(const QString &folder);

struct SystemFacts {
    qint64 diskFreeBytes = -1; // of the kiosk's data folder; -1 when unknown
    qint64 diskTotalBytes = -1;
    qint64 memoryTotalKb = -1;
    qint64 memoryAvailableKb = -1;
    qint64 uptimeSeconds = -1;
    QString appVersion;
    QString imageVersion; // VERSION_ID of /etc/os-release on the appliance; empty elsewhere

    /// One line per fact, in Bahasa Indonesia ("Disk: 12,3 GB bebas dari 29,0 GB").
    [[nodiscard]] QStringList lines() const;
};

/// Reads the facts now (/proc/meminfo, /proc/uptime, the data folder's filesystem).
[[nodiscard]] SystemFacts readSystemFacts(const QString &dataDir, const QString &appVersion, const QString &imageVersion);

/// The kiosk configuration file as text, each value of a secret-looking key (key, password, secret, token, proxy)
/// replaced; an explanatory line when the file cannot be read.
[[nodiscard]] QString configWithoutSecrets(const QString &configPath);

/// What a diagnostics bundle holds; every text is masked again when written.
struct DiagnosticsBundle {
    QString kioskId;
    QString config; // configWithoutSecrets()
    QStringList system;
    QStringList devices;
    QStringList link; // outbox depth, parked requests, last sync, certificate
    QStringList alerts;
    QStringList logLines;
};

/// Writes `bundle` as a new folder "diagnostik-<kiosk>-<time>" inside `folder` (the technician's stick) with one text
/// file per part, each written whole (QSaveFile); returns the new folder's path.
[[nodiscard]] Result<QString> exportDiagnostics(const DiagnosticsBundle &bundle, const QString &folder, const QDateTime &now);

} // namespace kiosk
