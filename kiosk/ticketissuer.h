#pragma once

#include "kioskresult.h"
#include "outbox.h"
#include "queuerules.h"

namespace devices {
class PrintJobTracker;
} // namespace devices

namespace kiosk {

class QueueBook;
struct QueueEntry;

/// A request committed to the outbox and the print job of its ticket.
struct IssuedTicket {
    QueuedRequest queued;
    /// The print service's id of the ticket job (see PrintJobTracker's signals).
    int printJob = 0;
    /// The wait printed on the ticket; not available without a queue book.
    WaitEstimate wait;
};

/// The one path from a filled-in request to a printed ticket, shared by the citizen session and
/// the load generator: commit the request, its ticket and its idempotency key in one transaction,
/// and only then render the ticket and hand it to the print service's "ticket" printer.
/// Renders the ticket of a committed request (also one found again by OutboxRepository::unprintedTickets)
/// and hands it to the print service's "ticket" printer; returns the print job's id.
int printTicket(const QueuedRequest &queued, const QString &officeName, const QString &serviceName, devices::PrintJobTracker &print,
    const QString &waitEstimate = {});

/// `queue`, when given, estimates the wait printed on the ticket.
[[nodiscard]] Result<IssuedTicket> issueTicket(OutboxRepository &outbox, const NewRequest &request, const QString &officeName,
    const QString &serviceName, devices::PrintJobTracker &print, const QueueBook *queue = nullptr);

/// Prints the numbered slip of `entry` (a help or pick-up number) on the "ticket" printer; returns the job id.
int printQueueSlip(const QueueEntry &entry, const QString &officeName, const QString &waitEstimate, devices::PrintJobTracker &print);

} // namespace kiosk
