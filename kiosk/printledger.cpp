#include "printledger.h"

#include "printjobtracker.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPrintLedger, "anjungan.print")

namespace kiosk {

namespace {
// The print record is bookkeeping: a job prints or waits for staff whether or not it could be written.
// A write the store refused is logged for the technician (the message names no citizen).
void logUnrecorded(const Status &status, const char *what)
{
    if (!status)
        qCWarning(lcPrintLedger).noquote() << "could not record" << what << ":" << status.error().message;
}
} // namespace

PrintLedger::PrintLedger(OutboxRepository &outbox, devices::PrintJobTracker &print, TicketOffice office, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_print(print)
    , m_office(std::move(office))
{
    connect(&m_print, &devices::PrintJobTracker::jobAccepted, this, &PrintLedger::jobAccepted);
    connect(&m_print, &devices::PrintJobTracker::jobRefused, this, &PrintLedger::jobRefused);
    connect(&m_print, &devices::PrintJobTracker::jobFinished, this, &PrintLedger::jobFinished);
}

Result<IssuedTicket> PrintLedger::issue(const NewRequest &request, const serverlink::CatalogService &service)
{
    auto issued = issueTicket(m_outbox, request, m_office, service, m_print, m_queue);
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

int PrintLedger::printSlip(const QByteArray &escpos, const QString &title)
{
    return m_print.submit(QStringLiteral("ticket"), escpos, QStringLiteral("application/vnd.cups-raw"), title);
}

int PrintLedger::reprintLostTickets(const std::function<serverlink::CatalogService(const QString &)> &service)
{
    const QList<qint64> held = m_ticketJobs.values();
    int sent = 0;
    for (const QueuedRequest &ticket : m_outbox.unprintedTickets()) {
        if (held.contains(ticket.id))
            continue; // still with the print service: its job can be printed again
        const TicketContent content = ticketContent(ticket, m_office, service(ticket.serviceCode), capturedRequirements(ticket));
        m_ticketJobs.insert(printTicket(content, m_print), ticket.id);
        ++sent;
    }
    return sent;
}

void PrintLedger::discard(int id)
{
    m_print.discard(id);
    if (const qint64 requestId = m_ticketJobs.take(id))
        logUnrecorded(m_outbox.recordTicketProblem(requestId, QStringLiteral("dibatalkan petugas")), "a ticket problem");
    m_letterJobs.remove(id);
}

void PrintLedger::jobAccepted(int id, int printerJobId)
{
    if (const qint64 requestId = m_ticketJobs.value(id)) {
        logUnrecorded(m_outbox.recordTicketAccepted(requestId, printerJobId), "an accepted ticket");
        Q_EMIT ticketAccepted(id);
    } else if (const QString reg = m_letterJobs.value(id); !reg.isEmpty()) {
        Q_EMIT letterAccepted(reg, printerJobId);
    }
}

void PrintLedger::jobRefused(int id, const QString &reason)
{
    if (const qint64 requestId = m_ticketJobs.value(id)) {
        logUnrecorded(m_outbox.recordTicketProblem(requestId, reason), "a ticket problem");
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
            logUnrecorded(
                m_outbox.raiseTechnicianAlert(QStringLiteral("Surat %1 gagal dicetak: %2").arg(reg, reason)), "a technician alert");
        Q_EMIT letterFinished(reg, ok, reason);
        return;
    }
    const qint64 requestId = m_ticketJobs.value(id);
    if (!requestId)
        return;
    if (ok) {
        m_ticketJobs.remove(id);
        logUnrecorded(m_outbox.recordTicketPrinted(requestId), "a printed ticket");
    } else {
        // Kept by the tracker for staff to reprint; the record and the technician know.
        logUnrecorded(m_outbox.recordTicketProblem(requestId, reason), "a ticket problem");
        logUnrecorded(m_outbox.raiseTechnicianAlert(QStringLiteral("Tiket (pekerjaan #%1) gagal dicetak: %2").arg(id).arg(reason)),
            "a technician alert");
    }
    Q_EMIT ticketFinished(id, ok, reason);
}

} // namespace kiosk
