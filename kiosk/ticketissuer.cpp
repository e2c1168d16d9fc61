#include "ticketissuer.h"

#include "escpos.h"
#include "printjobtracker.h"
#include "ticketrenderer.h"

namespace kiosk {

Result<IssuedTicket> issueTicket(OutboxRepository &outbox, const NewRequest &request, const QString &officeName, const QString &serviceName,
    devices::PrintJobTracker &print)
{
    const auto queued = outbox.enqueue(request);
    if (!queued)
        return queued.error();
    // The ticket prints only after the request is committed.
    const TicketContent content {officeName, serviceName, queued->registrationNumber, queued->queueNumber, queued->createdAt,
        OutboxRepository::ticketQrPayload(queued->statusToken)};
    const int job = print.submit(QStringLiteral("ticket"), devices::escpos::ticketJob(TicketRenderer().render(content)),
        QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Tiket %1").arg(queued->registrationNumber));
    return IssuedTicket {queued.value(), job};
}

} // namespace kiosk
