#include "ticketissuer.h"

#include "escpos.h"
#include "printjobtracker.h"
#include "queuebook.h"

namespace kiosk {

serverlink::CatalogService serviceNamedByCode(const QString &code)
{
    serverlink::CatalogService service;
    service.code = code;
    service.name = code;
    return service;
}

QSet<int> capturedRequirements(const QueuedRequest &queued)
{
    QSet<int> captured;
    for (const serverlink::DocumentRef &page : queued.documents)
        captured.insert(page.requirement);
    return captured;
}

TicketContent ticketContent(const QueuedRequest &queued, const TicketOffice &office, const serverlink::CatalogService &service,
    const QSet<int> &captured, const QString &waitEstimate)
{
    TicketContent content {office.name, service.name, queued.registrationNumber, queued.queueNumber, queued.createdAt,
        OutboxRepository::ticketQrPayload(queued.statusToken), queuerules::reasonLabel(queued.priority), waitEstimate};
    for (int i = 0; i < service.requirements.size(); ++i)
        content.checklist.append({service.requirements.at(i), captured.contains(i)});
    // The service's days are counted from the day of the request, in the office's working days.
    if (service.estimatedDays > 0 && queued.createdAt.isValid()) {
        content.workingDays = service.estimatedDays;
        content.readyBy = office.calendar.addWorkingDays(queued.createdAt.toLocalTime().date(), service.estimatedDays);
    }
    content.officeHours = office.hours;
    return content;
}

int printTicket(const TicketContent &ticket, devices::PrintJobTracker &print)
{
    return print.submit(QStringLiteral("ticket"), devices::escpos::ticketJob(TicketRenderer().render(ticket)),
        QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Tiket %1").arg(ticket.registrationNumber));
}

Result<IssuedTicket> issueTicket(OutboxRepository &outbox, const NewRequest &request, const TicketOffice &office,
    const serverlink::CatalogService &service, devices::PrintJobTracker &print, const QueueBook *queue)
{
    const auto queued = outbox.enqueue(request);
    if (!queued)
        return queued.error();
    // The numbers of the queue waiting before this one (it is the newest waiting number).
    const WaitEstimate wait
        = queue ? queue->estimate(QueueKind::Request, std::max(0, queue->waiting(QueueKind::Request) - 1)) : WaitEstimate {};
    const TicketContent content
        = ticketContent(queued.value(), office, service, capturedRequirements(queued.value()), queue ? wait.text() : QString());
    // The ticket prints only after the request is committed.
    return IssuedTicket {queued.value(), printTicket(content, print), wait, content};
}

int printQueueSlip(const QueueEntry &entry, const QString &officeName, const QString &waitEstimate, devices::PrintJobTracker &print)
{
    const QueueSlipContent slip {
        officeName, queuerules::kindName(entry.kind), entry.label, entry.takenAt, queuerules::reasonLabel(entry.reason), waitEstimate};
    return print.submit(QStringLiteral("ticket"), devices::escpos::ticketJob(TicketRenderer().renderSlip(slip)),
        QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Nomor antrean %1").arg(entry.label));
}

} // namespace kiosk
