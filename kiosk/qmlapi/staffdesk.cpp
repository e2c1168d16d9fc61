#include "staffdesk.h"

#include "catalogmodel.h"
#include "crypto.h"
#include "deskjournal.h"
#include "outbox.h"
#include "printer.h"
#include "printjobtracker.h"
#include "printledger.h"
#include "sealverifier.h"
#include "syncstatus.h"
#include "ticketrenderer.h"

#include <QFile>
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
    default:
        return {};
    }
}

QHash<int, QByteArray> ReadyLettersModel::roleNames() const
{
    return {{RegistrationNumberRole, "registrationNumber"}, {ServiceNameRole, "serviceName"}, {MaskedNameRole, "maskedName"},
        {QueueLabelRole, "queueLabel"}};
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
            TicketRenderer::queueLabel(s.queueNumber)});
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
    QFile file(s->letterPath);
    const QByteArray pdf = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    // Print only the exact letter the backend signed: its hash, and its seal when this kiosk has the trust list.
    QString problem;
    if (pdf.isEmpty() || QString::fromLatin1(serverlink::crypto::sha256(pdf).toHex()) != s->letterSha256) {
        problem = tr("Berkas surat %1 rusak atau berubah; tidak dicetak. Hubungi teknisi.").arg(registrationNumber);
    } else if (m_verifier) {
        const LetterCheck check = m_verifier->verifyLetterFile(s->letterPath, s->letterSha256);
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

void StaffDesk::handOver(const QString &registrationNumber)
{
    if (const Status handed = m_outbox.markHandedOver(registrationNumber); !handed) {
        if (handed.error().code == ErrorCode::NotFound) {
            setMessage(tr("Surat %1 tidak ada di daftar surat siap.").arg(registrationNumber));
        } else {
            qCCritical(lcStaff).noquote() << "handover not stored:" << handed.error().message;
            setMessage(tr("Penyerahan surat %1 belum tersimpan. Coba lagi; bila tetap gagal, hubungi teknisi.").arg(registrationNumber));
        }
        return;
    }
    qCInfo(lcStaff).noquote() << "handed over" << registrationNumber;
    journal(serverlink::DeskEventKind::LetterHandedOver, registrationNumber);
    setMessage(tr("Surat %1 tercatat sudah diserahkan kepada pemohon.").arg(registrationNumber));
    reloadLetters();
    m_sync.deliverSoon();
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
        const auto s = m_catalog.find(code);
        return s ? s->name : code;
    });
    qCInfo(lcStaff) << "staff reprinted" << sent << "lost tickets";
    if (sent > 0)
        journal(serverlink::DeskEventKind::TicketReprinted, {}, QStringLiteral("%1 tiket").arg(sent));
    setMessage(sent == 0 ? tr("Tidak ada tiket hilang yang dapat dicetak ulang.") : tr("%n tiket dikirim ulang ke printer.", "", sent));
    reloadJobs();
}

} // namespace kiosk
