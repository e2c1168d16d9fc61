#include "staffdesk.h"

#include "catalogmodel.h"
#include "crypto.h"
#include "deskjournal.h"
#include "masking.h"
#include "nik.h"
#include "outbox.h"
#include "printer.h"
#include "printjobtracker.h"
#include "printledger.h"
#include "sealverifier.h"
#include "slipwriter.h"
#include "syncstatus.h"
#include "ticketrenderer.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStaff, "anjungan.staff")

namespace kiosk {

QVariant ReadyLettersModel::roleData(const Row &r, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case RegistrationNumberRole:
        return r.registrationNumber;
    case ServiceNameRole:
        return r.serviceName;
    case MaskedNameRole:
        return r.maskedName;
    case QueueLabelRole:
        return r.queueLabel;
    case PickupLabelRole:
        return r.pickupLabel;
    default:
        return {};
    }
}

QHash<int, QByteArray> ReadyLettersModel::roleNames() const
{
    return {{RegistrationNumberRole, "registrationNumber"}, {ServiceNameRole, "serviceName"}, {MaskedNameRole, "maskedName"},
        {QueueLabelRole, "queueLabel"}, {PickupLabelRole, "pickupLabel"}};
}

QVariant PrintJobsModel::roleData(const Row &r, int role) const
{
    switch (role) {
    case JobIdRole:
        return r.id;
    case Qt::DisplayRole:
    case TitleRole:
        return r.title;
    case ProblemRole:
        return r.problem;
    case AttemptsRole:
        return r.attempts;
    case StalledRole:
        return r.stalled;
    case NeedsStaffRole:
        return r.needsStaff;
    default:
        return {};
    }
}

QHash<int, QByteArray> PrintJobsModel::roleNames() const
{
    return {{JobIdRole, "jobId"}, {TitleRole, "title"}, {ProblemRole, "problem"}, {AttemptsRole, "attempts"}, {StalledRole, "stalled"},
        {NeedsStaffRole, "needsStaff"}};
}

StaffDesk::StaffDesk(StaffMember staff, Services s, QObject *parent)
    : QObject(parent)
    , m_staff(std::move(staff))
    , m_outbox(s.outbox)
    , m_catalog(s.catalog)
    , m_ledger(s.ledger)
    , m_sync(s.sync)
    , m_journal(s.journal)
    , m_verifier(s.verifier)
{
    devices::PrintJobTracker &tracker = m_ledger.tracker();
    connect(&tracker, &devices::PrintJobTracker::jobsChanged, this, &StaffDesk::reloadJobs);
    connect(&tracker, &devices::PrintJobTracker::printerStateChanged, this, &StaffDesk::handlePrinterState);
    connect(&m_sync, &SyncStatus::synced, this, [this] {
        reloadLetters();
        reloadJobs();
    });
    connect(&m_ledger, &PrintLedger::letterAccepted, this, [this](const QString &reg, int printerJobId) {
        ++m_lettersPrinted;
        Q_EMIT countsChanged();
        setMessage(tr("Surat %1 dikirim ke printer (pekerjaan #%2).").arg(reg).arg(printerJobId));
    });
    connect(&m_ledger, &PrintLedger::letterRefused, this,
        [this](const QString &reg, const QString &reason) { setMessage(tr("Surat %1 belum dapat dicetak: %2").arg(reg, reason)); });
    connect(&m_ledger, &PrintLedger::letterFinished, this, [this](const QString &reg, bool ok, const QString &reason) {
        setMessage(ok ? tr("Surat %1 selesai dicetak.").arg(reg) : tr("Surat %1 gagal dicetak: %2").arg(reg, reason));
    });
    connect(&m_ledger, &PrintLedger::ticketFinished, this, &StaffDesk::reloadJobs);
    reloadLetters();
    reloadJobs();
}

void StaffDesk::setMessage(const QString &message)
{
    if (m_message == message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

void StaffDesk::journal(serverlink::DeskEventKind kind, const QString &registrationNumber, const QString &detail)
{
    if (const auto recorded = m_journal.record(kind, m_staff.username, registrationNumber, {}, 0, detail); !recorded)
        qCWarning(lcStaff).noquote() << "desk journal:" << recorded.error().message;
}

void StaffDesk::reloadLetters()
{
    QList<ReadyLettersModel::Row> rows;
    for (const RequestStatus &s : m_outbox.readyLetters()) {
        const auto svc = m_catalog.find(s.serviceCode);
        rows.append({s.registrationNumber, svc ? svc->displayName(m_catalog.english()) : s.serviceCode, s.maskedName,
            TicketRenderer::queueLabel(s.queueNumber), m_outbox.pickupNumber(s.registrationNumber, QDate::currentDate())});
    }
    m_readyLetters.setRows(rows);
    Q_EMIT countsChanged();
}

void StaffDesk::reloadJobs()
{
    QList<PrintJobsModel::Row> rows;
    for (const devices::TrackedJob &job : m_ledger.tracker().pendingJobs())
        rows.append({job.id, job.title, job.problem, job.attempts, job.stalled, job.needsStaff});
    m_printJobs.setRows(rows);
    m_ticketsNotPrinted = m_outbox.stats().ticketsNotPrinted;
    Q_EMIT countsChanged();
}

void StaffDesk::handlePrinterState(const QString &role, devices::DeviceState state, const QString &message)
{
    if (role == QLatin1String("letter") && !devices::canPrint(state))
        setMessage(tr("Printer surat: %1").arg(message));
}

void StaffDesk::printLetter(const QString &registrationNumber)
{
    const auto s = m_outbox.findByRegistrationNumber(registrationNumber);
    if (!s || s->letterPath.isEmpty()) {
        setMessage(tr("Surat %1 belum tersedia di anjungan ini.").arg(registrationNumber));
        return;
    }
    const auto letter = m_outbox.letter(*s);
    const QByteArray pdf = letter ? *letter : QByteArray();
    // Print only the exact letter the backend signed: its hash, and its seal when this kiosk has the trust list.
    QString problem;
    if (pdf.isEmpty() || QString::fromLatin1(serverlink::crypto::sha256(pdf).toHex()) != s->letterSha256) {
        problem = tr("Berkas surat %1 rusak atau berubah; tidak dicetak. Hubungi teknisi.").arg(registrationNumber);
    } else if (m_verifier) {
        const LetterCheck check = m_verifier->verifyLetter(pdf, s->letterSha256);
        if (!check.ok)
            problem = tr("Surat %1 tidak dicetak: %2 Hubungi teknisi.").arg(registrationNumber, check.problem);
    }
    if (!problem.isEmpty()) {
        qCCritical(lcStaff).noquote() << "letter check failed for" << registrationNumber;
        if (const Status alert = m_outbox.raiseTechnicianAlert(
                QStringLiteral("Surat %1 tidak dicetak: pemeriksaan hash/segel gagal.").arg(registrationNumber));
            !alert)
            qCWarning(lcStaff).noquote() << "technician alert not stored:" << alert.error().message;
        setMessage(problem);
        return;
    }
    m_ledger.printLetter(registrationNumber, pdf);
    journal(serverlink::DeskEventKind::LetterPrinted, registrationNumber);
    setMessage(tr("Surat %1 sedang dikirim ke printer…").arg(registrationNumber));
}

QVariantList StaffDesk::relationships()
{
    QVariantList out;
    for (const serverlink::CollectorRelationship &r : serverlink::collectorRelationships())
        out.append(
            QVariantMap {{QStringLiteral("wire"), QString::fromLatin1(r.wire)}, {QStringLiteral("label"), QString::fromUtf8(r.label)}});
    return out;
}

QString StaffDesk::scannedNik() const
{
    return m_scannedNik.isEmpty() ? QString() : serverlink::masking::nik(m_scannedNik);
}

void StaffDesk::setHandoverError(const QString &error)
{
    m_handoverError = error;
    Q_EMIT handoverChanged();
}

void StaffDesk::beginHandover(const QString &registrationNumber)
{
    const auto s = m_outbox.findByRegistrationNumber(registrationNumber);
    if (!s || s->stage != serverlink::Stage::Ready || s->handedOver) {
        setMessage(tr("Surat %1 tidak ada di daftar surat siap.").arg(registrationNumber));
        return;
    }
    m_handover = s->registrationNumber;
    m_handoverHolder = s->maskedName;
    m_scannedNik.clear();
    m_handoverError.clear();
    Q_EMIT handoverChanged();
}

void StaffDesk::cancelHandover()
{
    m_handover.clear();
    m_handoverHolder.clear();
    m_scannedNik.clear();
    m_handoverError.clear();
    Q_EMIT handoverChanged();
}

void StaffDesk::acceptNikScan(const QString &nik)
{
    if (m_handover.isEmpty())
        return;
    m_scannedNik = nik;
    m_handoverError.clear();
    Q_EMIT handoverChanged();
}

QString StaffDesk::collectorNik(const QString &typedNik)
{
    const QString nik = typedNik.trimmed().isEmpty() ? m_scannedNik : typedNik.trimmed();
    if (nik.isEmpty()) {
        setHandoverError(tr("Pindai KTP pengambil atau ketik NIK-nya."));
        return {};
    }
    const auto parsed = parseNik(nik);
    if (const auto *problem = std::get_if<NikError>(&parsed)) {
        setHandoverError(nikErrorMessage(*problem));
        return {};
    }
    return nik;
}

bool StaffDesk::handOverToHolder(const QString &typedNik)
{
    if (m_handover.isEmpty())
        return false;
    const QString nik = collectorNik(typedNik);
    if (nik.isEmpty())
        return false;
    // Compared here against the sealed request; the request's NIK itself is never shown.
    const auto applicant = m_outbox.applicant(m_handover);
    if (!applicant) {
        setHandoverError(tr("Data pemohon surat ini tidak ada lagi di anjungan. Pilih \"Diwakilkan\" dan catat pengambilnya."));
        return false;
    }
    if (applicant->nik != nik) {
        setHandoverError(tr("NIK tidak sama dengan NIK pemohon. Bila surat diambil orang lain, pilih \"Diwakilkan\"."));
        return false;
    }
    return completeHandover({m_staff.username, {}, serverlink::CollectorKind::Holder, applicant->name, nik, {}});
}

bool StaffDesk::handOverToRepresentative(const QString &name, const QString &typedNik, const QString &relationship)
{
    if (m_handover.isEmpty())
        return false;
    const QString who = name.simplified();
    if (who.isEmpty() || who.size() > 100) {
        setHandoverError(tr("Tulis nama wakil yang mengambil surat."));
        return false;
    }
    if (serverlink::collectorRelationshipLabel(relationship).isEmpty()) {
        setHandoverError(tr("Pilih hubungan wakil dengan pemohon."));
        return false;
    }
    const QString nik = collectorNik(typedNik);
    if (nik.isEmpty())
        return false;
    return completeHandover({m_staff.username, {}, serverlink::CollectorKind::Representative, who, nik, relationship});
}

bool StaffDesk::completeHandover(serverlink::HandoverBody handover)
{
    const QString reg = m_handover;
    handover.at = QDateTime::currentDateTimeUtc();
    const Status handed = recordHandover(m_outbox, m_journal, reg, handover);
    if (!handed) {
        if (handed.error().code == ErrorCode::NotFound) {
            setHandoverError(tr("Surat %1 tidak ada di daftar surat siap.").arg(reg));
        } else {
            qCCritical(lcStaff).noquote() << "handover not stored:" << handed.error().message;
            setHandoverError(tr("Penyerahan surat %1 belum tersimpan. Coba lagi; bila tetap gagal, hubungi teknisi.").arg(reg));
        }
        return false;
    }
    qCInfo(lcStaff).noquote() << "handed over" << reg;
    const auto s = m_outbox.findByRegistrationNumber(reg);
    const auto svc = s ? m_catalog.find(s->serviceCode) : std::nullopt;
    const HandoverReceipt receipt {m_ledger.officeName(), reg, svc ? svc->name : (s ? s->serviceCode : QString()), handover.at,
        m_staff.name.isEmpty() ? m_staff.username : m_staff.name, handover.name, serverlink::masking::nik(handover.nik),
        serverlink::collectorRelationshipLabel(handover.relationship)};
    m_ledger.printSlip(receipt.toEscPos(), QStringLiteral("Tanda terima %1").arg(reg));
    cancelHandover();
    setMessage(handover.kind == serverlink::CollectorKind::Holder
            ? tr("Surat %1 tercatat sudah diserahkan kepada pemohon. Tanda terima dicetak.").arg(reg)
            : tr("Surat %1 tercatat sudah diserahkan kepada wakil pemohon. Tanda terima dicetak.").arg(reg));
    reloadLetters();
    m_sync.deliverSoon();
    Q_EMIT letterHandedOver(s ? s->serviceCode : QString());
    return true;
}

void StaffDesk::reprintJob(int id)
{
    m_ledger.tracker().reprint(id);
    journal(serverlink::DeskEventKind::JobReprinted, {}, QStringLiteral("pekerjaan #%1").arg(id));
    setMessage(tr("Pekerjaan cetak #%1 dikirim ulang ke printer.").arg(id));
}

void StaffDesk::discardJob(int id)
{
    m_ledger.discard(id);
    journal(serverlink::DeskEventKind::JobCancelled, {}, QStringLiteral("pekerjaan #%1").arg(id));
    setMessage(tr("Pekerjaan cetak #%1 dibatalkan.").arg(id));
}

void StaffDesk::reprintLostTickets()
{
    const int sent = m_ledger.reprintLostTickets([this](const QString &code) {
        // A service gone from the catalog still prints its ticket, named by its code.
        return m_catalog.find(code).value_or(serviceNamedByCode(code));
    });
    qCInfo(lcStaff) << "staff reprinted" << sent << "lost tickets";
    if (sent > 0)
        journal(serverlink::DeskEventKind::TicketReprinted, {}, QStringLiteral("%1 tiket").arg(sent));
    setMessage(sent == 0 ? tr("Tidak ada tiket hilang yang dapat dicetak ulang.") : tr("%n tiket dikirim ulang ke printer.", "", sent));
    reloadJobs();
}

} // namespace kiosk
