#include "printledger.h"

#include "printjobtracker.h"
#include "ticketissuer.h"

namespace kiosk {

PrintLedger::PrintLedger(OutboxRepository &outbox, devices::PrintJobTracker &print, QString officeName, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_print(print)
    , m_officeName(std::move(officeName))
{
    connect(&m_print, &devices::PrintJobTracker::jobAccepted, this, &PrintLedger::jobAccepted);
    connect(&m_print, &devices::PrintJobTracker::jobRefused, this, &PrintLedger::jobRefused);
    connect(&m_print, &devices::PrintJobTracker::jobFinished, this, &PrintLedger::jobFinished);
}

Result<IssuedTicket> PrintLedger::issue(const NewRequest &request, const QString &serviceName)
{
    auto issued = issueTicket(m_outbox, request, m_officeName, serviceName, m_print);
    if (issued)
        m_ticketJobs.insert(issued->printJob, issued->queued.id);
    return issued;
}

int PrintLedger::printLetter(const QString &registrationNumber, const QByteArray &pdf)
{
    const int job = m_print.submit(
        QStringLiteral("letter"), pdf, QStringLiteral("application/pdf"), QStringLiteral("Surat %1").arg(registrationNumber));
    m_letterJobs.insert(job, registrationNumber);
    return job;
}

int PrintLedger::reprintLostTickets(const std::function<QString(const QString &)> &serviceName)
{
    const QList<qint64> held = m_ticketJobs.values();
    int sent = 0;
    for (const QueuedRequest &ticket : m_outbox.unprintedTickets()) {
        if (held.contains(ticket.id))
            continue; // still with the print service: its job can be printed again
        m_ticketJobs.insert(printTicket(ticket, m_officeName, serviceName(ticket.serviceCode), m_print), ticket.id);
        ++sent;
    }
    return sent;
}

void PrintLedger::discard(int id)
{
    m_print.discard(id);
    if (const qint64 requestId = m_ticketJobs.take(id))
        m_outbox.recordTicketProblem(requestId, QStringLiteral("dibatalkan petugas"));
    m_letterJobs.remove(id);
}

void PrintLedger::jobAccepted(int id, int printerJobId)
{
    if (const qint64 requestId = m_ticketJobs.value(id)) {
        m_outbox.recordTicketAccepted(requestId, printerJobId);
        Q_EMIT ticketAccepted(id);
    } else if (const QString reg = m_letterJobs.value(id); !reg.isEmpty()) {
        Q_EMIT letterAccepted(reg, printerJobId);
    }
}

void PrintLedger::jobRefused(int id, const QString &reason)
{
    if (const qint64 requestId = m_ticketJobs.value(id)) {
        m_outbox.recordTicketProblem(requestId, reason);
        Q_EMIT ticketRefused(id, reason);
    } else if (const QString reg = m_letterJobs.value(id); !reg.isEmpty()) {
        Q_EMIT letterRefused(reg, reason);
    }
}

void PrintLedger::jobFinished(int id, bool ok, const QString &reason)
{
    if (const QString reg = m_letterJobs.value(id); !reg.isEmpty()) {
        if (ok)
            m_letterJobs.remove(id);
        else
            m_outbox.raiseTechnicianAlert(QStringLiteral("Surat %1 gagal dicetak: %2").arg(reg, reason));
        Q_EMIT letterFinished(reg, ok, reason);
        return;
    }
    const qint64 requestId = m_ticketJobs.value(id);
    if (!requestId)
        return;
    if (ok) {
        m_ticketJobs.remove(id);
        m_outbox.recordTicketPrinted(requestId);
    } else {
        // Kept by the tracker for staff to reprint; the record and the technician know.
        m_outbox.recordTicketProblem(requestId, reason);
        m_outbox.raiseTechnicianAlert(QStringLiteral("Tiket (pekerjaan #%1) gagal dicetak: %2").arg(id).arg(reason));
    }
    Q_EMIT ticketFinished(id, ok, reason);
}

} // namespace kiosk
