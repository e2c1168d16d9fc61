#include "kioskareas.h"

#include "idlemonitor.h"
#include "payloadclassifier.h"
#include "printjobtracker.h"
#include "ticketissuer.h"

namespace kiosk {

KioskAreas::KioskAreas(const KioskServices &s, QObject *parent)
    : QObject(parent)
    , journal(s.outbox.store())
    , queue(s.outbox.store(), journal, s.queue)
    , pickupNumbers(queue, s.outbox)
    , ledger(s.outbox, s.print, {s.officeName, s.officeHours, s.calendar})
    , flow(s.idle)
    , nik(flow)
    , documents(flow)
    , sync(s.outbox)
    , request(flow, nik, s.catalog, ledger, devices, documents)
    , status(flow, s.outbox, s.catalog, {ledger, &pickupNumbers}, {s.live, s.changes})
    , fix(flow, s.catalog, ledger, s.changes, documents)
    , verification(flow, s.sealVerifier)
    , survey(flow, s.outbox)
    , complaint(flow, s.complaints, s.print, s.officeName, s.live)
    , staffLogin(flow, s.staff, {s.outbox, s.catalog, ledger, sync, journal, s.sealVerifier}, s.officeName)
    , queueDesk(queue, staffLogin)
    , requestDesk(staffLogin, s.outbox, s.changes, s.catalog, s.live)
    , queueTicket(queue,
          [&print = s.print, office = s.officeName](
              const QueueEntry &entry, const QString &estimate) { printQueueSlip(entry, office, estimate, print); })
    , board(s.officeName)
    , technician(flow, s.staff, s.outbox, devices, sync, s.print, s.technician)
    , m_idle(s.idle)
{
    ledger.setQueueBook(&queue);
    technician.setEnrollment(&firstBoot);
    // The kecamatan's holidays come with the catalog; without any (an older backend) the kiosk's own list counts.
    const auto useCatalogHolidays = [this, &catalog = s.catalog, own = s.calendar] {
        ledger.setCalendar(catalog.holidays().isEmpty() ? own : serverlink::WorkingCalendar(catalog.holidays()));
    };
    connect(&request, &LetterRequest::catalogChanged, this, useCatalogHolidays);
    useCatalogHolidays();
    connect(&request, &LetterRequest::requestQueued, &queue, &QueueBook::refresh);
    connect(&flow, &VisitFlow::wiped, &queueTicket, &QueueTicket::close);
    // The queue feeds the calling display, the welcome band and (through the board) the voice.
    connect(&queue, &QueueBook::called, &board, &CallBoard::showCall);
    const auto showWaiting = [this] {
        for (QueueKind kind : {QueueKind::Request, QueueKind::Pickup, QueueKind::Help})
            board.setWaiting(kind, queue.waiting(kind));
    };
    connect(&queue, &QueueBook::changed, &board, showWaiting);
    showWaiting();
    connect(&s.print, &devices::PrintJobTracker::printerStateChanged, &devices, &DeviceStatus::handlePrinterState);
    connect(&request, &LetterRequest::requestQueued, &sync, &SyncStatus::deliverSoon);
    connect(&survey, &Survey::responseQueued, &sync, &SyncStatus::deliverSoon);
    connect(&status, &StatusLookup::changeQueued, &sync, &SyncStatus::deliverSoon);
    connect(&status, &StatusLookup::fixWanted, &fix, &RequestFix::start);
    connect(&fix, &RequestFix::revisionQueued, &sync, &SyncStatus::deliverSoon);
    connect(&requestDesk, &RequestDesk::cancelQueued, &sync, &SyncStatus::deliverSoon);
    // Staff fix a returned request for the citizen at the desk: the same fix screen, home leads back to the desk.
    connect(
        &requestDesk, &RequestDesk::fixWanted, this, [this](const serverlink::RequestView &view, const serverlink::RequestProof &proof) {
            if (flow.startStaffVisit(proof.actor) && !fix.start(view, proof))
                flow.goHome();
        });
    // The desk stops offering the fix it has just sent.
    connect(&fix, &RequestFix::revisionQueued, &requestDesk, &RequestDesk::changed);
    connect(&complaint, &ComplaintDesk::complaintFiled, &sync, &SyncStatus::deliverSoon);
    // At pick-up the citizen rates the service: staff step back (signed out), the survey is the citizen's. Queued, so
    // that the desk finishes the handover before it is closed.
    connect(
        &staffLogin, &StaffLogin::letterHandedOver, this,
        [this](const QString &serviceCode) {
            staffLogin.signOut();
            survey.offerAfterPickup(serviceCode);
        },
        Qt::QueuedConnection);
    connect(&sync, &SyncStatus::synced, &status, &StatusLookup::refresh);
}

QHash<QString, QObject *> KioskAreas::byName()
{
    return {{QStringLiteral("VisitFlow"), &flow}, {QStringLiteral("NikEntry"), &nik}, {QStringLiteral("LetterRequest"), &request},
        {QStringLiteral("StatusLookup"), &status}, {QStringLiteral("LetterVerification"), &verification},
        {QStringLiteral("Survey"), &survey}, {QStringLiteral("Complaint"), &complaint}, {QStringLiteral("StaffLogin"), &staffLogin},
        {QStringLiteral("DeviceStatus"), &devices}, {QStringLiteral("SyncStatus"), &sync}, {QStringLiteral("CallBoard"), &board},
        {QStringLiteral("QueueDesk"), &queueDesk}, {QStringLiteral("QueueTicket"), &queueTicket},
        {QStringLiteral("DocumentCapture"), &documents}, {QStringLiteral("RequestFix"), &fix},
        {QStringLiteral("RequestDesk"), &requestDesk}, {QStringLiteral("FirstBoot"), &firstBoot},
        {QStringLiteral("TechnicianMode"), &technician}, {QStringLiteral("CameraPreview"), &cameraPreview}};
}

void KioskAreas::handleScan(const QString &payload)
{
    handleScanFrom({}, payload);
}

void KioskAreas::handleScanFrom(const QString &source, const QString &payload)
{
    m_idle.activity();
    // A unit being set up serves nobody yet: no visit, no staff sign-in under the setup screen.
    if (firstBoot.active())
        return;
    // In technician mode a scan is shown to the technician, never acted on.
    if (technician.showScan(source, payload))
        return;
    const devices::PayloadClassification scan = devices::PayloadClassifier::classify(payload);
    if (!scan.accepted()) {
        flow.setNotice(scan.message);
        return;
    }
    const VisitFlow::Screen screen = flow.screen();
    switch (scan.kind) {
    case devices::PayloadKind::Nik:
        // The collector's KTP, while the desk's handover dialog is open.
        if (screen == VisitFlow::Staff && staffLogin.desk() && !staffLogin.desk()->handoverRegistration().isEmpty()) {
            staffLogin.desk()->acceptNikScan(scan.nik);
            return;
        }
        if (screen == VisitFlow::Welcome || screen == VisitFlow::Consent) {
            flow.setNotice(tr("Sentuh \"Ajukan Surat\" dan setujui pemberitahuan data dulu, lalu pindai KTP Anda."));
            return;
        }
        if (screen == VisitFlow::Identify) {
            nik.acceptScan(scan.nik);
            return;
        }
        if (screen == VisitFlow::Complaint) {
            complaint.acceptNikScan(scan.nik);
            return;
        }
        flow.setNotice(tr("NIK hanya dapat dipindai pada langkah identitas."));
        return;
    case devices::PayloadKind::TicketQr:
        // A citizen's ticket at the desk opens their request for staff.
        if (screen == VisitFlow::Staff && staffLogin.desk()) {
            requestDesk.openTicket(scan.text);
            return;
        }
        if (screen == VisitFlow::Welcome || screen == VisitFlow::Status || screen == VisitFlow::Done)
            status.check(scan.text);
        else
            flow.setNotice(tr("Untuk cek status, selesaikan dulu atau batalkan langkah ini."));
        return;
    case devices::PayloadKind::LetterSeal:
        if (screen == VisitFlow::Welcome || screen == VisitFlow::Verify || screen == VisitFlow::Status)
            verification.verify(scan.text);
        else
            flow.setNotice(tr("Untuk memeriksa surat, selesaikan dulu atau batalkan langkah ini."));
        return;
    case devices::PayloadKind::ComplaintSlip:
        if (screen == VisitFlow::Welcome || screen == VisitFlow::ComplaintAnswer || screen == VisitFlow::Status
            || screen == VisitFlow::Complaint)
            complaint.lookUp(scan.complaintNumber, scan.complaintToken);
        else
            flow.setNotice(tr("Untuk membaca jawaban pengaduan, selesaikan dulu atau batalkan langkah ini."));
        return;
    case devices::PayloadKind::StaffCard:
        // Staff entering a citizen's request keep their desk: a card (theirs or a colleague's) is neither a KTP nor a new sign-in.
        if (!flow.enteredBy().isEmpty()) {
            flow.setNotice(
                tr("Kartu petugas tidak dipakai saat mengisi permohonan warga. Pindai KTP warga, atau selesaikan permohonan ini dulu."));
            return;
        }
        if (technician.takeCard(scan.text))
            return;
        staffLogin.startCardSignIn(scan.text);
        return;
    case devices::PayloadKind::Unknown:
        flow.setNotice(tr("Kode yang dipindai tidak dikenali. Pindai barcode KTP, kode QR pada tiket, pada surat, atau pada slip "
                          "pengaduan."));
        return;
    }
}

} // namespace kiosk
