#include "ticketissuer.h"

#include "escpos.h"
#include "printjobtracker.h"
#include "ticketrenderer.h"

namespace kiosk {

int printTicket(const QueuedRequest &queued, const QString &officeName, const QString &serviceName, devices::PrintJobTracker &print)
{
    const TicketContent content {officeName, serviceName, queued.registrationNumber, queued.queueNumber, queued.createdAt,
        OutboxRepository::ticketQrPayload(queued.statusToken)};
    return print.submit(QStringLiteral("ticket"), devices::escpos::ticketJob(TicketRenderer().render(content)),
        QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Tiket %1").arg(queued.registrationNumber));
}

Result<IssuedTicket> issueTicket(OutboxRepository &outbox, const NewRequest &request, const QString &officeName, const QString &serviceName,
    devices::PrintJobTracker &print)
{
    const auto queued = outbox.enqueue(request);
    if (!queued)
        return queued.error();
    // The ticket prints only after the request is committed.
    return IssuedTicket {queued.value(), printTicket(queued.value(), officeName, serviceName, print)};
}

} // namespace kiosk
