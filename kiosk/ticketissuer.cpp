#include "ticketissuer.h"

#include "escpos.h"
#include "printjobtracker.h"
#include "ticketrenderer.h"

#include <QCoreApplication>

namespace kiosk {

Result<IssuedTicket> issueTicket(OutboxRepository &outbox, const NewRequest &request, const QString &officeName, const QString &serviceName,
    devices::Printer *printer, devices::PrintJobTracker *tracker)
{
    const auto queued = outbox.enqueue(request);
    if (!queued)
        return queued.error();
    // The ticket prints only after the request is committed.
    const TicketContent content {officeName, serviceName, queued->registrationNumber, queued->queueNumber, queued->createdAt,
        OutboxRepository::ticketQrPayload(queued->statusToken)};
    const QByteArray job = devices::escpos::ticketJob(TicketRenderer().render(content));
    const QString mime = QStringLiteral("application/vnd.cups-raw");
    const QString title = QStringLiteral("Tiket %1").arg(queued->registrationNumber);
    IssuedTicket issued {queued.value(), {}};
    if (printer)
        issued.printed = printer->submit(job, mime, title);
    else
        issued.printed.error = QCoreApplication::translate("kiosk::Session", "Printer tiket belum diatur.");
    outbox.recordTicketPrint(queued->id, issued.printed.accepted, issued.printed.jobId, issued.printed.error);
    if (issued.printed.accepted && tracker)
        tracker->track(QStringLiteral("ticket"), issued.printed.jobId, job, mime, title);
    return issued;
}

} // namespace kiosk
