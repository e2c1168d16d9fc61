#pragma once

#include "kioskresult.h"
#include "outbox.h"
#include "queuerules.h"
#include "ticketrenderer.h"
#include "workingdays.h"

#include <QSet>

namespace devices {
class PrintJobTracker;
} // namespace devices

namespace kiosk {

class QueueBook;
struct QueueEntry;

/// The office as its tickets describe it: its name, its opening hours and the working days that date the estimate.
struct TicketOffice {
    QString name;
    /// [office] hours of the kiosk configuration; empty: not printed.
    QString hours;
    serverlink::WorkingCalendar calendar;
};

/// A request committed to the outbox and the print job of its ticket.
struct IssuedTicket {
    QueuedRequest queued;
    /// The print service's id of the ticket job (see PrintJobTracker's signals).
    int printJob = 0;
    /// The wait printed on the ticket; not available without a queue book.
    WaitEstimate wait;
    /// What the ticket says (the done screen shows the same checklist and estimate).
    TicketContent content;
};

/// The ticket of `queued`, a request for `service` made at `office`: its numbers and QR code, the service's
/// requirements (those whose index is in `captured` were captured at the kiosk, the others are brought to the
/// office) and the ready date `service.estimatedDays` working days after the request.
[[nodiscard]] TicketContent ticketContent(const QueuedRequest &queued, const TicketOffice &office,
    const serverlink::CatalogService &service, const QSet<int> &captured, const QString &waitEstimate = {});

/// A service the catalog does not know (any more): its ticket is named by its code, without checklist or estimate.
[[nodiscard]] serverlink::CatalogService serviceNamedByCode(const QString &code);

/// The requirements a page of `queued` was captured for at the kiosk; the others are brought to the office
/// ("bawa aslinya").
[[nodiscard]] QSet<int> capturedRequirements(const QueuedRequest &queued);

/// Renders `ticket` and hands it to the print service's "ticket" printer; returns the print job's id.
/// Also prints again the ticket of a committed request found by OutboxRepository::unprintedTickets.
int printTicket(const TicketContent &ticket, devices::PrintJobTracker &print);

/// The one path from a filled-in request to a printed ticket, shared by the citizen session and
/// the load generator: commit the request, its ticket and its idempotency key in one transaction,
/// and only then render the ticket and hand it to the print service's "ticket" printer.
/// `queue`, when given, estimates the wait printed on the ticket.
[[nodiscard]] Result<IssuedTicket> issueTicket(OutboxRepository &outbox, const NewRequest &request, const TicketOffice &office,
    const serverlink::CatalogService &service, devices::PrintJobTracker &print, const QueueBook *queue = nullptr);

/// Prints the numbered slip of `entry` (a help or pick-up number) on the "ticket" printer; returns the job id.
int printQueueSlip(const QueueEntry &entry, const QString &officeName, const QString &waitEstimate, devices::PrintJobTracker &print);

} // namespace kiosk
