#pragma once

#include "alertbook.h"
#include "diagnostics.h"
#include "staffdirectory.h"
#include "stickmount.h"

#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <QVariantList>

namespace devices {
class PrintJobTracker;
} // namespace devices

namespace kiosk {

class DeviceStatus;
class FirstBootSetup;
class OutboxRepository;
class SyncStatus;
class VisitFlow;

/// Where technician mode finds what it shows and exports (set by the composition root from the configuration).
struct TechnicianSettings {
    QString kioskId;
    QString dataDir; // its filesystem is the disk shown
    QString configPath; // exported without secrets
    QString appVersion;
    QString imageVersion;
    QString serverUrl;
    QString clientCert; // its expiry is shown
    /// Where the diagnostics bundle goes: the technician's USB stick as mounted for technician mode.
    QString exportFolder;
    /// The link's TLS policy and proxy, for the link check.
    QString caFile {};
    QString clientKey {};
    QString proxy {};
    /// The stick helper's spool folder ([technician] stickSpool): where it exists, the stick is mounted at
    /// exportFolder only for the export and unmounted after; elsewhere exportFolder is used as it is.
    QString stickSpool {};
};

/// Technician mode: entered from the staff sign-in ("Teknisi") with a technician's card and PIN (or username and
/// PIN where the backend allows it), never with a staff member's. Shows the devices live (the last scan of each
/// scanner, masked), the printers with a test print, the link (outbox, parked requests to send again or withdraw),
/// the system (disk, memory, uptime, versions, masked log) and exports a diagnostics bundle. What a technician
/// does to a parked request is kept in the technician journal.
class TechnicianMode : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY signedInChanged)
    /// The signed-in technician's name.
    Q_PROPERTY(QString technician READ technician NOTIFY signedInChanged)
    /// True while the sign-in waits for a username too (no card scanned).
    Q_PROPERTY(bool withoutCard READ withoutCard NOTIFY modeChanged)
    /// The holder of the scanned technician card; empty without a card.
    Q_PROPERTY(QString cardHolder READ cardHolder NOTIFY modeChanged)
    /// "Pemindai wedge:: — kartu petugas (disembunyikan)": the last scan of each scanner while in technician mode.
    Q_PROPERTY(QStringList scans READ scans NOTIFY scansChanged)
    Q_PROPERTY(QStringList linkLines READ linkLines NOTIFY refreshed)
    /// Parked requests: {number, service, reason, created}.
    Q_PROPERTY(QVariantList parked READ parked NOTIFY refreshed)
    Q_PROPERTY(QStringList systemLines READ systemLines NOTIFY refreshed)
    Q_PROPERTY(QStringList logLines READ logLines NOTIFY refreshed)
    /// The kiosk's own alerts for technicians (a letter that failed its seal check, a refused handover).
    Q_PROPERTY(QStringList alerts READ alerts NOTIFY refreshed)
    /// Open alerts, the backend's fleet alerts for this kiosk and its own: {key, text, since, source}, oldest first.
    Q_PROPERTY(QVariantList openAlerts READ openAlerts NOTIFY refreshed)
    Q_PROPERTY(QStringList journal READ journal NOTIFY refreshed)
    /// The last link check, step by step (DNS, TCP, TLS, clock); empty before the first.
    Q_PROPERTY(QStringList linkCheck READ linkCheck NOTIFY linkCheckChanged)
    Q_PROPERTY(bool checkingLink READ checkingLink NOTIFY linkCheckChanged)

public:
    TechnicianMode(VisitFlow &flow, const StaffDirectory &directory, OutboxRepository &outbox, DeviceStatus &devices, SyncStatus &sync,
        devices::PrintJobTracker &print, TechnicianSettings settings, QObject *parent = nullptr);

    [[nodiscard]] QString message() const { return m_message; }
    [[nodiscard]] bool signedIn() const { return m_technician.isValid(); }
    [[nodiscard]] QString technician() const { return m_technician.name; }
    [[nodiscard]] bool withoutCard() const { return m_withoutCard; }
    [[nodiscard]] QString cardHolder() const { return m_cardHolder.name; }
    [[nodiscard]] QStringList scans() const;
    [[nodiscard]] QStringList linkLines() const { return m_linkLines; }
    [[nodiscard]] QVariantList parked() const { return m_parked; }
    [[nodiscard]] QStringList systemLines() const { return m_systemLines; }
    [[nodiscard]] QStringList logLines() const { return m_logLines; }
    [[nodiscard]] QStringList alerts() const { return m_alerts; }
    [[nodiscard]] QVariantList openAlerts() const { return m_openAlerts; }
    [[nodiscard]] QStringList journal() const { return m_journal; }
    [[nodiscard]] QStringList linkCheck() const { return m_linkCheck; }
    [[nodiscard]] bool checkingLink() const { return m_checkingLink; }

    /// A staff card was scanned: true when technician mode takes it (a technician's card anywhere, or any card on
    /// the technician sign-in); false leaves it to the staff sign-in.
    bool takeCard(const QString &cardPayload);
    /// "NIK: \"3521********0021\" (16 karakter)": what a scan is and its payload masked, as technician mode shows it.
    [[nodiscard]] static QString describeScan(const QString &payload);
    /// Technician mode is open: a scan is shown (masked), not acted on; false when technician mode is not open.
    bool showScan(const QString &source, const QString &payload);

    /// Opens the technician sign-in (scan the card, or username and PIN).
    Q_INVOKABLE void start();
    Q_INVOKABLE void startWithoutCard();
    Q_INVOKABLE void login(const QString &pin);
    Q_INVOKABLE void loginWithoutCard(const QString &username, const QString &pin);
    /// Reads the link, system, log and alerts again.
    Q_INVOKABLE void refresh();
    /// Parked request `registrationNumber` goes to the backend again at once.
    Q_INVOKABLE void retryParked(const QString &registrationNumber);
    /// Parked request `registrationNumber` is withdrawn: never sent, kept here.
    Q_INVOKABLE void cancelParked(const QString &registrationNumber);
    /// "Selesai ditangani": open alert `key` stops showing at once; a fleet alert reaches the backend when the link allows.
    Q_INVOKABLE void acknowledgeAlert(const QString &key);
    /// Checks DNS, TCP, TLS and the clock against the backend on a thread of its own; linkCheckChanged() when done.
    Q_INVOKABLE void checkLink();
    /// A test page on printer `role` ("ticket" or "letter").
    Q_INVOKABLE void testPrint(const QString &role);
    /// Mounts the stick (through the stick helper), writes the diagnostics bundle to it and unmounts it; the message
    /// says when the stick may be pulled out, or why the export failed.
    Q_INVOKABLE void exportDiagnostics();
    /// "Daftar ulang dengan kode baru": opens the enrollment part of the setup screen (the backend prefilled); the old
    /// certificate serves until the new one is saved, and on success the kiosk restarts. Journaled with its outcome.
    Q_INVOKABLE void reenroll();
    /// The setup screen re-enrollment opens (the composition root's FirstBootSetup).
    void setEnrollment(FirstBootSetup *enrollment);
    /// Ends technician mode: back to the welcome screen.
    Q_INVOKABLE void signOut();

Q_SIGNALS:
    void messageChanged();
    void signedInChanged();
    void modeChanged();
    void scansChanged();
    void refreshed();
    void linkCheckChanged();

private:
    void setMessage(const QString &message);
    void setMode(bool withoutCard, const StaffMember &cardHolder);
    void finish(const StaffDirectory::SignIn &result);
    void lock();
    [[nodiscard]] DiagnosticsBundle bundle() const;
    void onStick(const QString &action, const Status &result);

    VisitFlow &m_flow;
    const StaffDirectory &m_directory;
    OutboxRepository &m_outbox;
    DeviceStatus &m_devices;
    SyncStatus &m_sync;
    devices::PrintJobTracker &m_print;
    TechnicianSettings m_settings;
    QString m_message;
    StaffMember m_technician;
    bool m_withoutCard = false;
    StaffMember m_cardHolder;
    QString m_cardPayload;
    QMap<QString, QString> m_scans; // scanner → its last scan, masked
    QDateTime m_lastSync;
    QString m_lastSyncProblem;
    QStringList m_linkLines;
    QVariantList m_parked;
    QStringList m_systemLines;
    QStringList m_logLines;
    QStringList m_alerts;
    QVariantList m_openAlerts;
    FirstBootSetup *m_enrollment = nullptr;
    QString m_reenrolledBy; // the technician who opened the re-enrollment in progress
    AlertBook m_alertBook;
    QStringList m_journal;
    QStringList m_linkCheck;
    bool m_checkingLink = false;
    StickMount m_stick;
    Result<QString> m_exported = QString(); // the bundle's folder, or why it was not written, until the stick is unmounted
};

} // namespace kiosk
