#pragma once

#include "kioskresult.h"
#include "outbox.h"
#include "printer.h"

namespace devices {
class PrintJobTracker;
} // namespace devices

namespace kiosk {

/// A request committed to the outbox and what became of its ticket print.
struct IssuedTicket {
    QueuedRequest queued;
    devices::PrintSubmission printed;
};

/// The one path from a filled-in request to a printed ticket, shared by the citizen session and
/// the load generator: commit the request, its ticket and its idempotency key in one transaction,
/// and only then render the ticket and send it to `printer` (nullptr: not configured); the print
/// outcome is recorded with the ticket and, with a tracker, the job is followed to its end.
[[nodiscard]] Result<IssuedTicket> issueTicket(OutboxRepository &outbox, const NewRequest &request, const QString &officeName,
    const QString &serviceName, devices::Printer *printer, devices::PrintJobTracker *tracker = nullptr);

} // namespace kiosk
