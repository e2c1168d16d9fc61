#pragma once

#include "backendstore.h"
#include "protocol.h"
#include "result.h"
#include "workflow.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace backend {

class OfficeDirectory;

/// When a kiosk's state counts as a fault: the [armada] group of notifications.ini (see the README).
struct FleetAlertPolicy {
    int silentAfterSeconds = 600; // heartbeats come every minute
    qint64 diskLowMb = 500;
    int certificateWarningDays = 30;
    int outboxStalledMinutes = 60; // the outbox held something and did not shrink for this long
    int scanIntervalMs = 60000; // how often the backend looks for silent kiosks

    /// Reads the [armada] group; a missing file or key gives the defaults.
    [[nodiscard]] static Result<FleetAlertPolicy> load(const QString &path);
};

/// The faults a kiosk can report or show by its silence.
enum class AlertKind { Silent, PaperOut, PaperLow, PrinterOffline, ScannerGone, DiskLow, CertificateExpiring, OutboxStalled };

/// The alert rules as data: one row per kind, with the condition read from the latest heartbeat.
namespace fleetalerts {
[[nodiscard]] QList<AlertKind> allKinds();
/// Stable word stored in kiosk_alerts.kind ("paper_out").
[[nodiscard]] QString kindToWire(AlertKind kind);
[[nodiscard]] std::optional<AlertKind> kindFromWire(const QString &wire);
/// What the console and the SMS call it ("Kertas printer habis").
[[nodiscard]] QString kindLabel(AlertKind kind);
/// Whether `beat` shows condition `kind` at `now`; `detail` gets what it saw.
[[nodiscard]] bool holds(
    AlertKind kind, const KioskHeartbeat &beat, const FleetAlertPolicy &policy, const QDateTime &now, QString *detail = nullptr);
/// The conditions of every kind that `beat` shows at `now`, with their SMS; Silent only when asked for.
[[nodiscard]] QList<AlertCondition> conditionsOf(
    const KioskHeartbeat &beat, const FleetAlertPolicy &policy, const QDateTime &now, const QList<AlertKind> &kinds);
/// Since when the outbox has not shrunk while it held something, given the kiosk's previous heartbeat.
[[nodiscard]] QDateTime outboxStalledSince(const std::optional<KioskHeartbeat> &previous, int outboxDepth, const QDateTime &now);
/// The SMS of a raised alert: plain GSM text, at most 160 characters, no personal data.
[[nodiscard]] QString smsText(AlertKind kind, const QString &kioskId, const QString &desaCode, const QString &detail);
/// Whether an officer acting in `capacities` looks after the kiosks of desa `desaCode`: a super admin, or the
/// kasi pelayanan, camat, admin kecamatan or teknisi of its kecamatan.
[[nodiscard]] bool looksAfterKiosksOf(const QList<Capacity> &capacities, const OfficeDirectory &offices, const QString &desaCode);
} // namespace fleetalerts

/// Raises each fleet alert once when its condition starts and clears it when it ends; a raise queues one SMS
/// per teknisi of the kiosk's kecamatan in the same transaction.
class FleetAlerts
{
public:
    FleetAlerts(BackendStore &store, FleetAlertPolicy policy);

    /// Checks the heartbeat just stored: a heard kiosk is not silent, every other kind follows the heartbeat.
    [[nodiscard]] Result<AlertChanges> onHeartbeat(const KioskHeartbeat &beat, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Raises Silent for every kiosk not heard of for policy.silentAfterSeconds, counted from `listeningSince` at the
    /// earliest: kiosks could not be heard while the backend itself was down.
    [[nodiscard]] Result<AlertChanges> scanSilent(
        const QDateTime &now = QDateTime::currentDateTimeUtc(), const QDateTime &listeningSince = {});
    /// "Selesai ditangani": the alert stops showing as open; the record stays. Forbidden outside the officer's kecamatan.
    [[nodiscard]] Status acknowledge(const QList<Capacity> &capacities, const OfficeDirectory &offices, qint64 alertId,
        const QString &actor, const QDateTime &now = QDateTime::currentDateTimeUtc());

    /// The same from the kiosk's technician mode: `technician` (a kiosk username) handled alert `alertId` of kiosk
    /// `kioskId` at `at`; recorded as "teknisi:<username> (anjungan <id>)". Idempotent: an alert already handled stays
    /// as it was (true when this call recorded it). NotFound when there is no such alert, Forbidden for another kiosk's.
    [[nodiscard]] Result<bool> acknowledgeFromKiosk(const QString &kioskId, qint64 alertId, const QString &technician, const QDateTime &at);
    /// Kiosk `kioskId`'s open alerts as its technician panel shows them.
    [[nodiscard]] Result<QList<serverlink::FleetAlert>> openAlertsOf(const QString &kioskId);

private:
    [[nodiscard]] Result<AlertChanges> reconcile(
        const KioskHeartbeat &beat, const QList<AlertCondition> &active, const QList<AlertKind> &considered, const QDateTime &now);

    BackendStore &m_store;
    FleetAlertPolicy m_policy;
};

/// Looks for silent kiosks every policy.scanIntervalMs on its own thread: a kiosk that stopped sends nothing
/// that could raise its alert.
class FleetWatch
{
public:
    FleetWatch(BackendStore &store, FleetAlertPolicy policy);
    ~FleetWatch();
    FleetWatch(const FleetWatch &) = delete;
    FleetWatch &operator=(const FleetWatch &) = delete;

    void start();
    void stop();

private:
    void run();

    FleetAlerts m_alerts;
    int m_intervalMs;
    QDateTime m_startedAt;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wakeup;
    bool m_stopping = false;
};

} // namespace backend
