#pragma once

#include "callboard.h"
#include "camerapreview.h"
#include "complaintdesk.h"
#include "deskjournal.h"
#include "devicestatus.h"
#include "documentcapture.h"
#include "firstbootsetup.h"
#include "letterrequest.h"
#include "letterverification.h"
#include "nikentry.h"
#include "printledger.h"
#include "queuebook.h"
#include "queuedesk.h"
#include "requestdesk.h"
#include "requestfix.h"
#include "stafflogin.h"
#include "statuslookup.h"
#include "survey.h"
#include "syncstatus.h"
#include "technicianmode.h"
#include "visitflow.h"

#include <QHash>

namespace devices {
class PrintJobTracker;
} // namespace devices

namespace kiosk {

class CatalogModel;
class IdleMonitor;
class LiveLink;
class OutboxRepository;
class RequestChanges;
class SealVerifier;
class StaffDirectory;

/// The kiosk's services the UI areas work with (built once by the composition root).
struct KioskServices {
    OutboxRepository &outbox;
    CatalogModel &catalog;
    /// Who may sign in at the staff desk (synced, sealed).
    const StaffDirectory &staff;
    IdleMonitor &idle;
    /// Tickets print on its "ticket" printer, letters on its "letter" printer.
    devices::PrintJobTracker &print;
    QString officeName;
    /// Enables the seal check of "Verifikasi Surat" and of every letter before it prints; may be null.
    const SealVerifier *sealVerifier = nullptr;
    /// Lokets and the no-show delay ([queue] in the kiosk configuration).
    QueueBook::Settings queue {};
    /// Asks the backend now (status from any kiosk, a complaint's answer); null without a backend.
    LiveLink *live = nullptr;
    /// The office's opening hours printed on each ticket ([office] hours); empty: not printed.
    QString officeHours {};
    /// The working days of the ready date on tickets until the backend's catalog brings its holidays.
    serverlink::WorkingCalendar calendar {};
    /// Where a citizen's cancellation (and revision) of a request is committed for the sync service; null: not offered.
    RequestChanges *changes = nullptr;
    /// Complaints filed at this kiosk are committed here (sealed with the device key); null: filing is refused.
    ComplaintBox *complaints = nullptr;
    /// What technician mode shows and where it exports the diagnostics bundle.
    TechnicianSettings technician {};
};

/// Every QML-facing area of the kiosk, one small object each, built once and wired to each other;
/// the composition root hands each to QML as its own singleton. Also routes every scan.
class KioskAreas : public QObject
{
    Q_OBJECT
public:
    explicit KioskAreas(const KioskServices &services, QObject *parent = nullptr);

    /// Each area by the name QML knows it as ("VisitFlow", "StaffLogin"), for the autopilot's paths.
    [[nodiscard]] QHash<QString, QObject *> byName();

    /// Who did what at the front office, delivered to the backend by the sync service.
    DeskJournal journal;
    /// The village hall's queue; the calling display and the voice connect to its called() signal.
    QueueBook queue;
    /// Pick-up numbers for ready letters come from the queue book (queue B).
    QueuePickupNumbers pickupNumbers;
    PrintLedger ledger;
    VisitFlow flow;
    NikEntry nik;
    /// The requirement documents held to the camera after the form (its source is set by the composition root).
    DocumentCapture documents;
    DeviceStatus devices;
    SyncStatus sync;
    LetterRequest request;
    StatusLookup status;
    /// "Perbaiki permohonan", opened from the status screen.
    RequestFix fix;
    LetterVerification verification;
    Survey survey;
    /// Complaints: filed from the welcome screen, answers read by scanning the slip.
    ComplaintDesk complaint;
    StaffLogin staffLogin;
    QueueDesk queueDesk;
    /// A request opened at the staff desk (any kiosk's of the kecamatan) and cancelled there.
    RequestDesk requestDesk;
    QueueTicket queueTicket;
    /// The calling display's and the welcome screen's view of the queue.
    CallBoard board;
    /// The first-boot technician screen; inactive unless the composition root begins it (SetupConfig::needed()).
    FirstBootSetup firstBoot;
    /// Technician mode (a technician's card and PIN): devices, link, system, diagnostics.
    TechnicianMode technician;
    /// The camera scanner's live picture in technician mode (its camera is set by the composition root).
    CameraPreview cameraPreview;

public Q_SLOTS:
    /// A complete scan from any scanner: a NIK, a ticket QR, a letter seal or a complaint slip, taken where it makes
    /// sense; a staff card on any screen starts the staff sign-in (not while staff enter a request for a citizen).
    void handleScan(const QString &payload);
    /// The same from scanner `source` (its URI): technician mode shows each scanner's last scan.
    void handleScanFrom(const QString &source, const QString &payload);

private:
    IdleMonitor &m_idle;
};

} // namespace kiosk
