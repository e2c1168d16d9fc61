#pragma once

#include "kioskresult.h"
#include "outbox.h"
#include "ticketissuer.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace devices {
class PrintJobTracker;
} // namespace devices

namespace kiosk {

class QueueBook;

/// Knows which print job is which ticket or letter, records each ticket's fate in the outbox
/// (accepted, printed, problem) and tells the visit and the staff desk in their own terms.
class PrintLedger : public QObject
{
    Q_OBJECT
public:
    PrintLedger(OutboxRepository &outbox, devices::PrintJobTracker &print, TicketOffice office, QObject *parent = nullptr);

    /// Commits the request for `service` and sends its ticket to the "ticket" printer (see issueTicket).
    [[nodiscard]] Result<IssuedTicket> issue(const NewRequest &request, const serverlink::CatalogService &service);
    /// Sends letter `registrationNumber` (an already checked PDF) to the "letter" printer; returns the job id.
    int printLetter(const QString &registrationNumber, const QByteArray &pdf);
    /// Sends a text slip (ESC/POS: pick-up number, handover receipt) to the "ticket" printer; returns the job id.
    int printSlip(const QByteArray &escpos, const QString &title);
    /// The office printed on tickets and slips.
    [[nodiscard]] QString officeName() const { return m_office.name; }
    /// New tickets count working days with `calendar` (the holidays the backend sent with the catalog).
    void setCalendar(const serverlink::WorkingCalendar &calendar) { m_office.calendar = calendar; }
    /// Prints again every ticket the store says never printed and this ledger does not hold; returns how many.
    /// `service` gives the catalog entry of a service code (its name, requirements and days).
    int reprintLostTickets(const std::function<serverlink::CatalogService(const QString &serviceCode)> &service);
    /// Drops job `id`; a ticket's record says staff cancelled it.
    void discard(int id);

    [[nodiscard]] devices::PrintJobTracker &tracker() const { return m_print; }
    /// The queue book whose estimate is printed on each new ticket (none: no estimate printed).
    void setQueueBook(const QueueBook *queue) { m_queue = queue; }

Q_SIGNALS:
    /// Ticket job `job`: the printer took it, refused it for now, printed it (ok) or gave up.
    void ticketAccepted(int job);
    void ticketRefused(int job, const QString &reason);
    void ticketFinished(int job, bool ok, const QString &reason);
    void letterAccepted(const QString &registrationNumber, int printerJobId);
    void letterRefused(const QString &registrationNumber, const QString &reason);
    void letterFinished(const QString &registrationNumber, bool ok, const QString &reason);

private:
    void jobAccepted(int id, int printerJobId);
    void jobRefused(int id, const QString &reason);
    void jobFinished(int id, bool ok, const QString &reason);

    OutboxRepository &m_outbox;
    devices::PrintJobTracker &m_print;
    TicketOffice m_office;
    const QueueBook *m_queue = nullptr;
    QHash<int, qint64> m_ticketJobs; // ticket print jobs not printed yet → request id
    QHash<int, QString> m_letterJobs; // letter print jobs not printed yet → registration number
};

} // namespace kiosk
