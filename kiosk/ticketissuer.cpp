#include "ticketissuer.h"

#include "escpos.h"
#include "printjobtracker.h"
#include "queuebook.h"
#include "ticketrenderer.h"

namespace kiosk {

int printTicket(const QueuedRequest &queued, const QString &officeName, const QString &serviceName, devices::PrintJobTracker &print,
    const QString &waitEstimate)
{
    const TicketContent content {officeName, serviceName, queued.registrationNumber, queued.queueNumber, queued.createdAt,
        OutboxRepository::ticketQrPayload(queued.statusToken), queuerules::reasonLabel(queued.priority), waitEstimate};
    return print.submit(QStringLiteral("ticket"), devices::escpos::ticketJob(TicketRenderer().render(content)),
        QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Tiket %1").arg(queued.registrationNumber));
}

Result<IssuedTicket> issueTicket(OutboxRepository &outbox, const NewRequest &request, const QString &officeName, const QString &serviceName,
    devices::PrintJobTracker &print, const QueueBook *queue)
{
    const auto queued = outbox.enqueue(request);
    if (!queued)
        return queued.error();
    // The numbers of the queue waiting before this one (it is the newest waiting number).
    const WaitEstimate wait
        = queue ? queue->estimate(QueueKind::Request, std::max(0, queue->waiting(QueueKind::Request) - 1)) : WaitEstimate {};
    const QString estimate = queue ? wait.text() : QString();
    // The ticket prints only after the request is committed.
    return IssuedTicket {queued.value(), printTicket(queued.value(), officeName, serviceName, print, estimate), wait};
}

int printQueueSlip(const QueueEntry &entry, const QString &officeName, const QString &waitEstimate, devices::PrintJobTracker &print)
{
    const QueueSlipContent slip {
        officeName, queuerules::kindName(entry.kind), entry.label, entry.takenAt, queuerules::reasonLabel(entry.reason), waitEstimate};
    return print.submit(QStringLiteral("ticket"), devices::escpos::ticketJob(TicketRenderer().renderSlip(slip)),
        QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Nomor antrean %1").arg(entry.label));
}

} // namespace kiosk
