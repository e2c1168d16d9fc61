#pragma once

#include "alertbook.h"
#include "complaintbox.h"
#include "deskjournal.h"
#include "documentstore.h"
#include "linkclient.h"
#include "outbox.h"
#include "protocol.h"
#include "renewal.h"
#include "requestchanges.h"
#include "staffdirectory.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

namespace devices {
enum class DeviceState;
class PrintJobTracker;
class Scanner;
struct PrinterStatus;
} // namespace devices

namespace kiosk {

class KioskStore;
class TrustCache;

/// What the kiosk knows about its devices, reported in the heartbeat; the composition root keeps it current.
using DeviceHealth = serverlink::DeviceHealth;

/// What a printer state says in the heartbeat's printer fields (Ready, PaperOut, …).
[[nodiscard]] serverlink::HealthState printerHealth(devices::DeviceState state);
/// What a printer state says about the paper: Ok, Low, Out or Unknown.
[[nodiscard]] serverlink::HealthState paperHealth(devices::DeviceState state);
/// The heartbeat's word for the kiosk's scanners: Ready when at least one delivers scans, else Stopped
/// when one failed, Offline when one waits for its device, Unknown otherwise; None without scanners.
[[nodiscard]] serverlink::HealthState scannerHealth(const QList<const devices::Scanner *> &scanners);
/// One scanner as the heartbeat reports it: Ready, Offline while it waits for its unplugged device, Stopped when it failed.
[[nodiscard]] serverlink::ScannerReport scannerReport(const devices::Scanner &scanner);
/// One printer as the heartbeat reports it: CUPS's printer-state and printer-state-reasons, bounded for the wire.
[[nodiscard]] serverlink::PrinterReport printerReport(const QString &role, const devices::PrinterStatus &status);

/// Timing and identity of the sync loop; the defaults are the production values.
struct SyncSettings {
    int intervalMs = 15000;
    int heartbeatIntervalMs = 60000;
    QString appVersion;
    QString imageVersion; // the appliance image's version (kiosk::imageVersion()); empty off the appliance
    QString dataDir; // free disk space of this folder is reported in the heartbeat
    int deviceChangeDelayMs = 2000; // a device change sends a heartbeat this long after the last change (a flapping plug sends one)
    serverlink::LinkOptions link;
    int renewBeforeDays = serverlink::CertificateRenewal::kDefaultRenewBeforeDays; // the client certificate renews itself then
};

/// Keeps the kiosk and the backend in step: delivers the outbox (idempotent, with backoff),
/// pulls the changes feed, refreshes the catalog and the staff credentials by ETag, downloads signed letters and sends a
/// heartbeat with device health. Lives on its own thread; the UI thread never waits for the network.
class SyncService : public QObject
{
    Q_OBJECT
public:
    SyncService(const KioskStore &store, QByteArray deviceKey, QString baseUrl, serverlink::TlsPolicy tls, QString lettersDir,
        int intervalMs = 15000);
    SyncService(const KioskStore &store, QByteArray deviceKey, QString baseUrl, serverlink::TlsPolicy tls, QString lettersDir,
        SyncSettings settings);
    ~SyncService() override;

    /// Full-jitter exponential backoff, capped at 5 minutes; Retry-After wins when longer.
    [[nodiscard]] static int retryDelaySeconds(int attempts, int retryAfterSeconds);
    /// Seconds asked for by a Retry-After header: delta-seconds or an HTTP-date; 0 when absent or unusable.
    [[nodiscard]] static int retryAfterSeconds(const QByteArray &headerValue, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// The SQ1 trust cache refreshed each round (GET /trust-list, /revocations with ETag); none: skipped.
    void setTrustCache(const TrustCache *cache) { m_trust = cache; }

    /// Thread-safe: the device states the next heartbeat reports.
    void setDeviceHealth(const DeviceHealth &health);
    /// Thread-safe: the scanners whose state() every heartbeat reads as it is sent (they must outlive
    /// this service); once set, they decide DeviceHealth::scanner.
    void setScanners(QList<const devices::Scanner *> scanners);
    /// Thread-safe: the print tracker whose printer statuses every heartbeat reads as it is sent (it must
    /// outlive this service); once set, they decide DeviceHealth::printers.
    void setPrintTracker(const devices::PrintJobTracker *tracker);
    /// The device states as the next heartbeat would report them now.
    [[nodiscard]] DeviceHealth deviceHealth() const;

    /// Thread-safe: ends the request in flight at once and stops all network work (shutdown).
    void abortNetwork();

    /// The front office's journal delivered to the backend (POST /desk-events) since start.
    [[nodiscard]] int deskEventsDelivered() const { return m_deskEventsDelivered; }

    /// Requirement pages the backend confirmed whole since start.
    [[nodiscard]] int pagesDelivered() const { return m_pagesDelivered; }

    /// Heartbeats the backend accepted (for tests and the technician view).
    [[nodiscard]] int heartbeatsSent() const { return m_heartbeatsSent; }

    /// The client certificate as the last round saw it (Expired: only a new enrollment code helps).
    [[nodiscard]] serverlink::CertificateState certificateState() const { return m_certificateState; }
    /// Client certificates renewed since start.
    [[nodiscard]] int certificatesRenewed() const { return m_certificatesRenewed; }

public Q_SLOTS:
    /// Starts periodic syncing (call through a queued connection once on the worker thread).
    void start();
    /// Runs one sync round now (e.g. right after a request was queued).
    void syncNow();
    /// Sends one heartbeat now; a success after failures retries everything waiting at once.
    void sendHeartbeat();
    /// A device changed state: a heartbeat goes out deviceChangeDelayMs after the last such call.
    void deviceStateChanged();

Q_SIGNALS:
    void catalogUpdated(const QByteArray &catalogJson);
    /// A new staff credentials list was stored (StaffDirectory reads it from the store).
    void staffUpdated();
    /// After each round: requests not yet accepted by the backend and the last problem seen.
    void synced(int outboxDepth, const QString &problem);
    /// The link works again after a failure; everything waiting was rescheduled for now.
    void linkHealed();

private:
    /// Renews the client certificate when fewer than renewBeforeDays are left (with backoff after a failure);
    /// false when it has expired: no request of this round can succeed, the kiosk must be enrolled again.
    bool keepCertificate(QString *problem);
    void refreshCatalog(QString *problem);
    /// GET /staff-credentials by ETag, kept sealed through StaffDirectory; the old list stays on any failure.
    void refreshStaff(QString *problem);
    void deliverOutbox(QString *problem);
    void deliverSurveys(QString *problem);
    /// Delivers revisions and cancellations committed on this kiosk (POST /requests/{reg}/revisions, /cancel).
    void deliverChanges(QString *problem);
    /// Delivers complaints once each (POST /complaints); one the backend refuses for good is parked, never dropped.
    void deliverComplaints(QString *problem);
    /// Tells the backend about letters staff handed over (POST /requests/{reg}/handover).
    void deliverHandovers(QString *problem);
    /// Sends the front office's journal (POST /desk-events) in batches; waits its backoff after a failure.
    void deliverDeskEvents(QString *problem);
    /// Delivers each "Selesai ditangani" on a fleet alert once (POST /alerts/{id}/acknowledge); kept while offline.
    void deliverAlertAcknowledgements(QString *problem);
    /// Uploads the pages of delivered requests in chunks (PUT /requests/{reg}/documents/{pageId}), oldest
    /// first and a few chunks per round; resumes where the backend is, backs off like the journal.
    void deliverDocuments(QString *problem);
    /// Sends one page from `offset` until it is whole or `budget` chunks are spent; false: stop the round.
    bool uploadPage(const StoredPage &page, int *budget, QString *problem);
    void pullChanges(QString *problem);
    void downloadLetters(QString *problem);
    void refreshTrust(QString *problem);
    /// Tracks whether the backend is reachable; true when this response healed the link.
    bool noteLinkResult(const serverlink::LinkResponse &response);
    void reportProblem(const QString &problem);

    const KioskStore &m_store;
    QByteArray m_key;
    SyncSettings m_settings;
    QString m_lettersDir;
    std::unique_ptr<OutboxRepository> m_outbox;
    std::unique_ptr<AlertBook> m_alerts;
    std::unique_ptr<DeskJournal> m_journal;
    std::unique_ptr<RequestChanges> m_changes;
    std::unique_ptr<ComplaintBox> m_complaints;
    int m_journalAttempts = 0; // failed deliveries of the journal in a row
    QDateTime m_journalNextAttempt; // null: due now
    std::unique_ptr<DocumentStore> m_documents;
    int m_documentAttempts = 0; // failed page uploads in a row
    QDateTime m_documentsNextAttempt; // null: due now
    QSet<QString> m_uncertainPages; // a chunk's answer was lost: ask the backend's offset before the next one
    std::atomic_int m_pagesDelivered {0};
    StaffDirectory m_staff;
    serverlink::TlsPolicy m_tls;
    std::unique_ptr<serverlink::LinkClient> m_client;
    std::atomic<serverlink::CertificateState> m_certificateState {serverlink::CertificateState::Missing};
    std::atomic_int m_certificatesRenewed {0};
    QByteArray m_certificateOnDisk; // the certificate the kept connections present
    int m_renewAttempts = 0;
    QDateTime m_renewNextAttempt; // null: due now
    QTimer *m_timer = nullptr;
    QTimer *m_heartbeatTimer = nullptr;
    QTimer *m_deviceChangeTimer = nullptr;
    std::optional<qint64> m_clockSkewSeconds; // from the last heartbeat's answer
    QString m_lastProblem;
    const TrustCache *m_trust = nullptr;
    bool m_linkDown = false;
    std::atomic_int m_heartbeatsSent {0};
    std::atomic_int m_deskEventsDelivered {0};
    mutable std::mutex m_healthMutex;
    DeviceHealth m_health;
    std::optional<QList<const devices::Scanner *>> m_scanners;
    const devices::PrintJobTracker *m_printTracker = nullptr;
};

} // namespace kiosk
