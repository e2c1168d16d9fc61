#pragma once

#include "kioskresult.h"
#include "pickupnumbers.h"
#include "protocol.h"
#include "queuecall.h"
#include "queuerules.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <functional>
#include <optional>

namespace kiosk {

class DeskJournal;
class OutboxRepository;
class KioskStore;

/// Where a number is in its day.
enum class QueueState {
    Waiting, // in line (or sent to another loket by a transfer)
    Called, // at a loket now
    Served,
    Skipped, // a no-show, back in line once after the requeue delay
    Gone, // skipped twice, or still waiting at midnight
};

/// One number of the day, as the queue book keeps it.
struct QueueEntry {
    qint64 id = 0;
    QDate day;
    QueueKind kind = QueueKind::Request;
    int number = 0;
    QString label; // "A-007"
    PriorityReason reason = PriorityReason::None;
    QString registrationNumber; // the request or letter it is for, if any
    QueueState state = QueueState::Waiting;
    int counter = 0; // the loket that called it last (0: never called)
    int transferTo = 0; // waiting for this loket only, at the head
    QDateTime takenAt;
    QDateTime calledAt;
    QDateTime servedAt;
    QDateTime requeueAt;
    int skips = 0;

    [[nodiscard]] bool priority() const { return reason != PriorityReason::None; }
};

/// One loket's day, for the desk's day report.
struct LoketReport {
    int counter = 0;
    int served = 0;
    int skipped = 0;
    std::optional<qint64> medianWaitSeconds; // called − taken, of the numbers it served
    std::optional<qint64> medianServiceSeconds; // served − called
};

/// The village hall's queue (antrean): numbers per purpose and local day, calls per loket, no-shows,
/// transfers, priority with its fairness rule. Kept in the kiosk store, so a restart or a power cut
/// loses nobody and a call in progress is still there; every step is journaled for the backend.
class QueueBook : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    /// The [queue] section of the kiosk configuration.
    struct Settings {
        QList<Loket> lokets {{1, {QueueKind::Request, QueueKind::Pickup, QueueKind::Help}}};
        int noShowRequeueMinutes = 5;
    };

    QueueBook(const KioskStore &store, const DeskJournal &journal, Settings settings, Clock clock = &QDateTime::currentDateTime,
        QObject *parent = nullptr);

    /// Draws the next number of `kind` for today (the citizen's own act: journaled without an actor).
    [[nodiscard]] Result<QueueEntry> take(
        QueueKind kind, PriorityReason reason = PriorityReason::None, const QString &registrationNumber = {});
    /// The same inside a transaction the caller already holds on `store` (the request's ticket gets its
    /// "A" number in the request's own transaction): one numbering for tickets and the queue.
    [[nodiscard]] static Result<QueueEntry> takeWithin(
        const KioskStore &store, QueueKind kind, PriorityReason reason, const QString &registrationNumber, const QDateTime &now);

    /// Calls the next number for loket `counter`; the number at the loket, if any, counts as served first.
    /// nullopt when nobody waits for this loket.
    [[nodiscard]] Result<std::optional<QueueEntry>> callNext(int counter, const QString &actor);
    /// Calls the number at loket `counter` again.
    [[nodiscard]] Result<QueueEntry> recall(int counter, const QString &actor);
    /// The number at loket `counter` did not come: back in line once after the requeue delay, gone the second time.
    [[nodiscard]] Result<QueueEntry> skip(int counter, const QString &actor);
    /// The number at loket `counter` was served.
    [[nodiscard]] Result<QueueEntry> serve(int counter, const QString &actor);
    /// Sends the number at loket `counter` to loket `toCounter`, where it waits at the head.
    [[nodiscard]] Result<QueueEntry> transfer(int counter, int toCounter, const QString &actor);
    /// Puts no-shows whose requeue delay passed back in line; returns how many.
    [[nodiscard]] Result<int> requeueDue(const QString &actor = {});

    /// The number at loket `counter` now, if any.
    [[nodiscard]] std::optional<QueueEntry> current(int counter) const;
    /// Numbers of `kind` waiting today (not counting no-shows before their requeue).
    [[nodiscard]] int waiting(QueueKind kind) const;
    /// The wait of a number of `kind` with `ahead` numbers before it, from today's services.
    [[nodiscard]] WaitEstimate estimate(QueueKind kind, int ahead) const;
    /// The wait of the number `entry` (the numbers of its queue taken before it and still waiting).
    [[nodiscard]] WaitEstimate estimateFor(const QueueEntry &entry) const;
    /// Per configured loket: served, skipped, median wait and service time on `day`.
    [[nodiscard]] QList<LoketReport> dayReport(const QDate &day) const;
    [[nodiscard]] QList<QueueEntry> entriesOn(const QDate &day) const;
    [[nodiscard]] const Settings &settings() const { return m_settings; }
    /// The book's local day now.
    [[nodiscard]] QDate today() const;
    /// Lokets serving `kind`.
    [[nodiscard]] int loketsServing(QueueKind kind) const;

public Q_SLOTS:
    /// Something outside the book changed the queue (a request's ticket took a number).
    void refresh();

Q_SIGNALS:
    /// Every call and recall: the calling display and the voice announce it.
    void called(const kiosk::QueueCall &call);
    /// Waiting counts or a loket's number changed.
    void changed();

private:
    [[nodiscard]] std::optional<Loket> loket(int counter) const;
    [[nodiscard]] Result<QueueEntry> atLoket(int counter) const;
    /// Runs `change` on the number at loket `counter` in one transaction; `changed()` once it is committed.
    [[nodiscard]] Result<QueueEntry> changeAtLoket(int counter, const std::function<Status(QueueEntry &)> &change);
    [[nodiscard]] Status journal(
        serverlink::DeskEventKind kind, const QString &actor, const QueueEntry &entry, int counter, const QString &detail = {}) const;
    [[nodiscard]] Status closePastDays() const;
    [[nodiscard]] Status finishCurrent(int counter, const QString &actor);
    [[nodiscard]] Result<int> requeueWithin(const QString &actor);
    void emitCall(const QueueEntry &entry, bool recall);

    const KioskStore &m_store;
    const DeskJournal &m_journal;
    Settings m_settings;
    Clock m_clock;
};

/// Pick-up numbers (queue B) drawn from the queue book: what the pick-up desk's seam is in the kiosk. A lansia
/// (from the NIK in the sealed request) gets a priority number, as in the other queues.
class QueuePickupNumbers : public PickupNumbers
{
public:
    QueuePickupNumbers(QueueBook &book, const OutboxRepository &outbox);
    [[nodiscard]] Result<QString> take(const QString &registrationNumber) override;

private:
    QueueBook &m_book;
    const OutboxRepository &m_outbox;
};

} // namespace kiosk
