#pragma once

#include "kioskresult.h"
#include "protocol.h"

#include <QDateTime>
#include <functional>

namespace kiosk {

class KioskStore;
class OutboxRepository;

/// The front office's journal: who printed, handed over, reprinted, cancelled or called what,
/// kept in the kiosk store and delivered to the backend (POST /api/v1/desk-events) exactly once.
/// Entries never carry personal data; the actor is the staff member's username.
class DeskJournal
{
public:
    using Clock = std::function<QDateTime()>;

    explicit DeskJournal(const KioskStore &store, Clock clock = &QDateTime::currentDateTimeUtc);

    /// Journals `event`; a missing id or time is filled in (random UUID, now). Returns the event as stored.
    [[nodiscard]] Result<serverlink::DeskEvent> record(serverlink::DeskEvent event) const;
    /// Convenience for the common case.
    [[nodiscard]] Result<serverlink::DeskEvent> record(serverlink::DeskEventKind kind, const QString &actor,
        const QString &registrationNumber = {}, const QString &queueLabel = {}, int counter = 0, const QString &detail = {}) const;

    /// Events the backend has not acknowledged yet, oldest first.
    [[nodiscard]] QList<serverlink::DeskEvent> undelivered(int limit = serverlink::DeskEventBatch::kMaxEvents) const;
    /// The backend stored these events (a retry of the same ids changes nothing there).
    [[nodiscard]] Status markDelivered(const QStringList &ids) const;
    /// Events journaled on the local day `day` (for the desk's day report), oldest first.
    [[nodiscard]] QList<serverlink::DeskEvent> eventsOn(const QDate &day) const;

private:
    const KioskStore &m_store;
    Clock m_clock;
};

/// Records the front office's handover of letter `registrationNumber` (OutboxRepository::markHandedOver) and its
/// journal entry in ONE transaction: a power cut leaves both or neither.
[[nodiscard]] Status recordHandover(OutboxRepository &outbox, const DeskJournal &journal, const QString &registrationNumber,
    const serverlink::HandoverBody &handover, const QString &queueLabel = {}, int counter = 0);

} // namespace kiosk
