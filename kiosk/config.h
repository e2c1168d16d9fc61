#pragma once

#include "kioskresult.h"
#include "queuerules.h"
#include "workingdays.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace kiosk {

/// The kiosk's configuration file (INI), e.g. /etc/anjungan/anjungan.conf:
///   [kiosk]    id, desaCode, officeName, dataDir, idleWarnSeconds (60), idleWipeSeconds (75), scanners (comma-separated scanner URIs),
///              deviceKey (the key that seals personal data at rest, 0600; default device.key in the configuration's folder,
///              apart from dataDir so that a copy of the data folder carries no key)
///   [server]   url (…/api/v1), syncIntervalMs, caFile (pinned deployment CA), clientCert, clientKey,
///              proxy (e.g. http://10.0.0.1:3128; empty = direct), heartbeatIntervalMs (60000),
///              maxParallel (requests of the outbox in flight at once, each on its own connection; 1–16, 6),
///              renewBeforeDays (the client certificate renews itself when fewer days are left; 1–365, 30)
///   [printers] cupsServer (host:port, empty = system), ticket (cups:QUEUE), letter (cups:QUEUE),
///              stallTimeoutSeconds (a job without progress this long is shown to staff as stalled; 120)
///   [staff]    idleMinutes (staff mode ends after this long without a touch; 1–60, 3). Staff sign in with their
///              card and PIN, checked against the list synced from the backend (StaffDirectory).
///   [privacy]  purgeDays
///   [technician] exportDir (where technician mode writes the diagnostics bundle: the technician's USB stick as
///              mounted on the appliance; /media/teknisi), stickSpool (the stick helper's spool folder; where it
///              exists the stick is mounted at exportDir only for the export; /run/anjungan-stick)
///   [queue]    counters (loket:queues;… e.g. 1:A,C;2:B,C; 1–4 lokets; default 1:A,B,C), noShowRequeueMinutes (5),
///              keypad1 … keypad4 (the loket's numeric keypad, e.g. evdev:/dev/input/by-id/…-event-kbd)
///   [seal]     rootPublicKey (PEM of the pinned SQ1 root key), maxTrustAgeDays (1–30, default 7; older lists: TIDAK DIKENAL)
///   [display]  screen (index into QGuiApplication::screens() of the waiting room's calling display, usually 1;
///              -1 = none unless `anjungan --display`, which then uses screen 1)
///   [office]   hours (opening hours printed on each ticket, e.g. "Senin–Kamis 08.00–15.00, Jumat 08.00–11.00"; empty = not
///              printed), holidays (a holiday list, `YYYY-MM-DD name` per line; empty = the built-in SKB list; the
///              backend's catalog, when it carries holidays, replaces either)
///   [voice]    enabled (true: calls are announced with a chime and espeak-ng), rate (words per minute, 80–300, 140),
///              volume (0–100 % of full scale, 100), device (ALSA PCM for `aplay -D`; empty = ALSA's default)
///   [documents] source (where requirement documents are photographed or scanned: camera:N, file:DIR or
///              sane:DEVICE; empty = none, every requirement is brought to the office as the original)
struct KioskConfig {
    QString kioskId;
    QString desaCode;
    QString officeName;
    int syncIntervalMs = 15000;
    int idleWarnSeconds = 60;
    int idleWipeSeconds = 75;
    QString dataDir;
    QString deviceKey;
    QStringList scanners;
    QString serverUrl;
    QString caFile;
    QString clientCert;
    QString clientKey;
    QString proxy;
    int heartbeatIntervalMs = 60000;
    int maxParallel = 6;
    int renewBeforeDays = 30;
    QString cupsServer;
    QString ticketPrinter;
    QString letterPrinter;
    int printStallTimeoutSeconds = 120;
    int staffIdleMinutes = 3;
    int purgeDays = 30;
    QString technicianExportDir = QStringLiteral("/media/teknisi");
    QString technicianStickSpool = QStringLiteral("/run/anjungan-stick");
    QString sealRootPublicKey;
    int maxTrustAgeDays = 7;
    QList<Loket> counters {{1, {QueueKind::Request, QueueKind::Pickup, QueueKind::Help}}};
    int noShowRequeueMinutes = 5;
    QMap<int, QString> keypads; // loket → keypad URI
    int displayScreen = -1;
    bool voiceEnabled = true;
    int voiceRate = 140;
    int voiceVolume = 100;
    QString voiceDevice;
    QString documentSource;
    QString officeHours;
    QString holidaysFile;
    /// The holidays of `holidaysFile`, or the built-in list.
    serverlink::WorkingCalendar holidays = serverlink::WorkingCalendar::builtIn();

    [[nodiscard]] QString databasePath() const;
    [[nodiscard]] QString deviceKeyPath() const;
    /// Where versions before the key had a folder of its own kept it: beside the database.
    [[nodiscard]] QString formerDeviceKeyPath() const;
    [[nodiscard]] QString lettersDir() const;

    /// Reads `path`; an Error (Io: unreadable, InvalidData: incomplete) that tells the technician what to fix.
    [[nodiscard]] static Result<KioskConfig> load(const QString &path);
};

/// IMAGE_VERSION of an os-release text (unquoted); empty when it has none.
[[nodiscard]] QString imageVersionFromOsRelease(const QByteArray &osRelease);
/// The appliance image this kiosk runs (image/build records it in os-release); empty off the appliance.
[[nodiscard]] QString runningImageVersion();

} // namespace kiosk
