#pragma once

#include "documentstore.h"
#include "kioskresult.h"
#include "protocol.h"
#include "queuerules.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <functional>
#include <optional>

namespace kiosk {

class KioskStore;

/// What the citizen asked for, as filled in on the kiosk.
struct NewRequest {
    QString serviceCode;
    QString nik;
    QString name;
    QString address;
    QString purpose;
    QString phone; // +62…, or empty
    QJsonObject fields;
    /// Disabilitas or ibu hamil, tapped on the kiosk; lansia is read from the NIK.
    PriorityReason priority = PriorityReason::None;
    /// Requirement pages captured at the kiosk; a requirement without one was skipped ("bawa aslinya").
    QList<CapturedPage> documents {};
    /// The staff member who entered the request for the citizen at the desk; empty when the citizen did.
    QString enteredBy {};
};

/// A request committed to the outbox together with its ticket.
struct QueuedRequest {
    qint64 id = 0;
    QString registrationNumber;
    QString statusToken; // only on the printed ticket; the store keeps its hash
    QString idempotencyKey;
    QDate queueDay;
    int queueNumber = 0;
    QString queueLabel; // "A-007", from the queue book
    PriorityReason priority = PriorityReason::None;
    QDateTime createdAt;
    QString serviceCode;
    /// The pages as the body names them (same order as NewRequest::documents).
    QList<serverlink::DocumentRef> documents;
};

/// What the status screen and staff see about one request (name masked).
struct RequestStatus {
    qint64 id = 0;
    QString registrationNumber;
    QString serviceCode;
    serverlink::Stage stage = serverlink::Stage::Queued;
    QString note;
    QDateTime stageAt;
    QString maskedName;
    int queueNumber = 0;
    bool letterAvailable = false;
    QString letterPath;
    QString letterSha256;
    bool handedOver = false; // staff recorded the handover here (the backend may not know yet)
};

/// The applicant as the sealed request names them; only for checks on the kiosk, never shown whole.
struct Applicant {
    QString name;
    QString nik;
};

/// A handover the backend has not been told about: the exact body to POST (empty for a handover
/// recorded before the kiosk journaled who and to whom).
struct PendingHandover {
    QString registrationNumber;
    QByteArray body;
};

/// One step of a request's history, for the status timeline.
struct StageEvent {
    serverlink::Stage stage = serverlink::Stage::Queued;
    QString note;
    QDateTime at;
};

/// One request waiting to be delivered to the backend.
struct PendingDelivery {
    qint64 id = 0;
    QString registrationNumber;
    QString idempotencyKey;
    QByteArray body; // the exact bytes to POST (same on every retry)
    int attempts = 0;
};

/// What became of one delivery attempt, recorded with OutboxRepository::recordOutcomes().
struct DeliveryOutcome {
    enum class Kind {
        Delivered, // the backend accepted it
        Retry, // a transient failure: tried again at `nextAttempt`
        Parked, // refused for good (4xx): kept with `reason` for staff, never dropped
    };
    qint64 requestId = 0;
    Kind kind = Kind::Delivered;
    QDateTime nextAttempt; // Retry only
    QString reason; // Retry: the last error; Parked: why
};

/// Counts a technician needs to judge the outbox.
struct OutboxStats {
    int waiting = 0; // not yet accepted by the backend, will be retried
    int parked = 0; // refused permanently; kept for staff/technician
    int ticketsNotPrinted = 0; // committed requests whose ticket did not reach the printer
    int pagesPending = 0; // requirement pages the backend does not have whole yet
    QStringList parkedReasons;
};

/// A request the backend refused for good, as the technician sees it (no personal data).
struct ParkedRequest {
    QString registrationNumber;
    QString serviceCode;
    QString reason;
    QDateTime createdAt;
    int attempts = 0;
};

/// How long a request's personal data (sealed payload, letter, notes, collector, pages) stays on the kiosk in one
/// situation; the non-personal record (number, service, stages, dates) stays. README "Retensi data di anjungan".
struct RetentionRule {
    /// Requests that never finish (a letter never collected, a fix never made, a refused request) are purged after this.
    static constexpr int kUnfinishedDays = 90;
    enum class Period {
        PurgeDays, // [privacy] purgeDays (30)
        Unfinished, // kUnfinishedDays
    };
    QString situation; // in Bahasa Indonesia, as the README's table says it
    QString condition; // SQL over the requests table
    QString since; // the column the period starts at
    Period period = Period::PurgeDays;
};

/// The kiosk's retention rules; a request in none of these situations (still on its way) keeps its data.
[[nodiscard]] const QList<RetentionRule> &retentionRules();

/// The durable outbox: requests, tickets and their delivery state in the kiosk store.
/// PII is sealed with the device key (AES-256-GCM, bound to the registration number).
class OutboxRepository
{
public:
    using Clock = std::function<QDateTime()>;

    OutboxRepository(const KioskStore &store, QByteArray deviceKey, Clock clock = &QDateTime::currentDateTime);

    /// Writes the request, its ticket (the queue book's next "A" number of the day) and its idempotency key
    /// in ONE transaction. Only after this returns successfully may the ticket be printed.
    [[nodiscard]] Result<QueuedRequest> enqueue(const NewRequest &request);

    /// The ticket's print job was accepted by the printer as its job `printerJobId`.
    [[nodiscard]] Status recordTicketAccepted(qint64 requestId, int printerJobId);
    /// The ticket came out of the printer.
    [[nodiscard]] Status recordTicketPrinted(qint64 requestId);
    /// Why the ticket has not printed (yet); ignored once it printed.
    [[nodiscard]] Status recordTicketProblem(qint64 requestId, const QString &problem);
    /// Tickets committed but never printed (the kiosk crashed or lost power before the printer took
    /// them, or the printer failed): each with its status token, so the same ticket can be printed again.
    [[nodiscard]] QList<QueuedRequest> unprintedTickets();

    [[nodiscard]] QList<PendingDelivery> dueForDelivery(int limit = 20);
    /// Records the outcomes of one batch of deliveries in ONE transaction (one fsync, not one per
    /// request): all of them or, with an Error, none (those requests simply go again).
    [[nodiscard]] Status recordOutcomes(const QList<DeliveryOutcome> &outcomes);
    /// The backend accepted the request (a batch of one).
    [[nodiscard]] Status markDelivered(qint64 requestId);
    /// Makes every request waiting for its backoff due now (the link healed); returns how many.
    [[nodiscard]] Result<int> retryWaitingNow();

    /// Applies one entry of the backend's changes feed; ErrorCode::NotFound when the request is not ours.
    [[nodiscard]] Status applyChange(const serverlink::StatusChange &change);
    /// Keeps the letter the backend signed for `registrationNumber` in `dir`, sealed with the device key, and records it.
    [[nodiscard]] Status saveLetter(const QString &registrationNumber, const QByteArray &pdf, const QString &dir);
    /// The letter of `status` as the backend sent it (check its hash against letterSha256 before use).
    [[nodiscard]] Result<QByteArray> letter(const RequestStatus &status) const;

    /// Requests not yet accepted by the backend (including parked ones).
    [[nodiscard]] int depth() const;
    [[nodiscard]] OutboxStats stats() const;
    [[nodiscard]] std::optional<RequestStatus> findByStatusToken(const QString &token) const;
    [[nodiscard]] std::optional<RequestStatus> findByRegistrationNumber(const QString &registrationNumber) const;
    /// Letters ready at this kiosk and not handed over yet.
    [[nodiscard]] QList<RequestStatus> readyLetters() const;
    /// The front office gave the letter to `handover`'s collector (name and NIK sealed with the device key;
    /// a missing `at` is now); ErrorCode::NotFound when it is not a ready letter here.
    [[nodiscard]] Status markHandedOver(const QString &registrationNumber, serverlink::HandoverBody handover);
    /// Who collected letter `registrationNumber`, as recorded (nullopt: not handed over, or purged).
    [[nodiscard]] std::optional<serverlink::HandoverBody> handover(const QString &registrationNumber) const;
    /// The applicant of request `registrationNumber` (nullopt: unknown here, or purged).
    [[nodiscard]] std::optional<Applicant> applicant(const QString &registrationNumber) const;
    /// Handovers the backend has not been told about yet.
    [[nodiscard]] QStringList handoversToSend() const;
    /// The same, each with the body to POST.
    [[nodiscard]] QList<PendingHandover> handoversDue() const;
    /// The pick-up number letter `registrationNumber` drew on local day `day`; empty when none.
    [[nodiscard]] QString pickupNumber(const QString &registrationNumber, const QDate &day) const;
    /// Keeps `label` as the letter's pick-up number of `day`, unless it already drew one that day (kept).
    [[nodiscard]] Status recordPickupNumber(const QString &registrationNumber, const QDate &day, const QString &label);
    [[nodiscard]] Status markHandoverSent(const QString &registrationNumber);
    /// Deletes the citizen's data (sealed payload, letter file, notes) of requests by retentionRules(): finished
    /// (handed over, rejected, cancelled) more than `afterDays` days ago, or left unfinished for
    /// RetentionRule::kUnfinishedDays (a refused request is then never sent). Returns how many;
    /// an Error when one could not be purged (the others are; that one is tried again next time).
    [[nodiscard]] Result<int> purgePersonalData(int afterDays);
    /// Seals the officers' notes an earlier version kept in clear; returns how many.
    [[nodiscard]] Result<int> sealClearNotes();
    [[nodiscard]] QStringList lettersToDownload() const;

    /// Every stage the request went through, oldest first.
    [[nodiscard]] QList<StageEvent> timeline(qint64 requestId) const;

    /// Survey answers are kept until the backend has them (they carry no personal data).
    [[nodiscard]] Status enqueueSurvey(const serverlink::SurveyResponse &response);
    [[nodiscard]] QList<serverlink::SurveyResponse> dueSurveys(int limit = 50) const;
    [[nodiscard]] Status markSurveyDelivered(const QString &id);

    /// Requests the backend refused for good and no technician withdrew, oldest first.
    [[nodiscard]] QList<ParkedRequest> parkedRequests() const;
    /// A technician sends parked request `registrationNumber` again (same body, same idempotency key) at the next
    /// delivery; recorded in the technician journal. NotFound when it is not parked here.
    [[nodiscard]] Status retryParked(const QString &registrationNumber, const QString &technician);
    /// A technician withdraws parked request `registrationNumber`: never sent again, kept on the kiosk, recorded in
    /// the technician journal. The backend is told nothing (it never accepted the request). NotFound when not parked.
    [[nodiscard]] Status abandonParked(const QString &registrationNumber, const QString &technician);
    /// Records one technician action that has no row of its own here (a re-enrollment and its outcome).
    [[nodiscard]] Status recordTechnicianAction(const QString &technician, const QString &action, const QString &subject);
    /// What technicians did on this kiosk, newest first ("waktu  teknisi  tindakan  nomor").
    [[nodiscard]] QStringList technicianJournal(int limit = 50) const;

    /// Something a technician must look at (e.g. a letter that failed its seal check); kept in
    /// the store and listed by `kioskctl status`. Never contains personal data.
    [[nodiscard]] Status raiseTechnicianAlert(const QString &text);
    [[nodiscard]] QStringList technicianAlerts() const;

    /// The store this outbox writes to (the front office's journal shares it).
    [[nodiscard]] const KioskStore &store() const { return m_store; }

    [[nodiscard]] QString syncValue(const QString &name) const;
    [[nodiscard]] Status setSyncValue(const QString &name, const QString &value);

    /// The payload printed in the ticket's QR code.
    [[nodiscard]] static QString ticketQrPayload(const QString &statusToken);
    /// The status token inside a ticket QR payload, if it is one.
    [[nodiscard]] static std::optional<QString> statusTokenFromQr(const QString &payload);

private:
    /// An officer's note sealed for the store (NULL when there is none).
    [[nodiscard]] QVariant sealNote(const QString &registrationNumber, const QString &note) const;
    /// A stored note: the sealed one, or the clear text an earlier version kept.
    [[nodiscard]] QString openNote(const QString &registrationNumber, const QVariant &sealed, const QString &clear) const;
    [[nodiscard]] std::optional<RequestStatus> findWhere(const QString &condition, const QVariant &value) const;
    [[nodiscard]] QList<RequestStatus> statuses(const QString &sql) const;

    const KioskStore &m_store;
    QByteArray m_key;
    Clock m_clock;
};

} // namespace kiosk
