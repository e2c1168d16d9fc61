#pragma once

#include "notifications.h"
#include "officers.h"
#include "offices.h"
#include "protocol.h"
#include "result.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <memory>
#include <mutex>
#include <optional>

namespace backend {

/// The signature block of a letter as recorded when it was signed.
struct LetterSigner {
    QString name; // printed under the signature
    QString title; // the signer's position: "Kepala Desa Pitu", or a delegate's own ("Sekretaris Desa")
    QString onBehalfOf; // a delegate's letter: the office head's position, printed as "a.n. …"; else empty

    [[nodiscard]] bool isEmpty() const { return name.isEmpty(); }
};

/// One citizen request as the backend stores it.
struct RequestRecord {
    QString registrationNumber;
    QString kioskId;
    QString desaCode;
    QString serviceCode;
    serverlink::ServiceLevel level = serverlink::ServiceLevel::Desa;
    serverlink::Stage stage = serverlink::Stage::Received;
    QString nik;
    QString name;
    QString address;
    QString purpose;
    QJsonObject fields;
    QDateTime submittedAt;
    QDateTime receivedAt;
    QString nomorSurat;
    QString letterPath;
    QString letterSha256;
    QString phone; // +62…, for SMS notifications; empty when the citizen left none
    LetterSigner signer; // recorded at the signature; empty before (the letter then names the office head)
    QString queueLabel; // the kiosk ticket's queue number ("A-007"); empty when the kiosk sent none
    QString statusTokenHash; // hex SHA-256 of the ticket's status token; empty when the kiosk sent none
    QString enteredBy; // staff username when front-office staff entered the request for the citizen
    int version = 1; // the current version of the form: 1 as submitted, +1 per revision after NEEDS_FIX
};

/// One version of a request's form as it was submitted: the original (1) or a revision after NEEDS_FIX.
struct RequestVersionRecord {
    QString registrationNumber;
    int version = 1;
    QString kioskId; // the kiosk that sent it
    QString actor; // "pemohon", or the staff username who entered or revised it
    QString name;
    QString address;
    QString purpose;
    QString phone;
    QJsonObject fields;
    QList<serverlink::DocumentRef> documents;
    QDateTime submittedAt;
    QDateTime receivedAt;
};

/// A revision accepted from a kiosk (POST /requests/{reg}/revisions), with the step it takes the request to.
struct NewRevision {
    QString kioskId;
    QString idempotencyKey;
    QString bodySha256; // hex
    RequestVersionRecord version; // version = the base version + 1
    serverlink::Stage to = serverlink::Stage::DesaReview; // the review step the request was returned from
    QString role; // "pemohon" or "front_office" (staff)
    QString note;
};

/// A submission accepted from a kiosk, with the identity taken from its certificate.
struct NewRequest {
    QString kioskId;
    QString desaCode;
    QString idempotencyKey;
    QString bodySha256; // hex
    serverlink::ServiceLevel level = serverlink::ServiceLevel::Desa;
    serverlink::SubmitRequest submit;
};

/// Whether insertRequest stored something new or found the same submission again.
enum class InsertOutcome { Created, Replayed };

struct InsertResult {
    InsertOutcome outcome;
    RequestRecord record;
};

/// Asks applyTransition to take the next nomor surat of an office in the same transaction.
struct NomorAllocation {
    QString office; // the counter's office: desa code or kecamatan code
    int year = 0; // counters restart at 1 each year
    QString format; // see formatNomorSurat (offices.h)
    QString klasifikasi = {}; // kode klasifikasi of the service
    QString kodeSurat = {}; // the office's code in letter numbers; empty: office
};

/// A signed letter file to attach atomically with a transition.
struct LetterFile {
    QString path;
    QString sha256; // hex
};

/// One office signing key (SQ1 seal): public part and window here, private key in a 0600 file.
struct SigningKeyRecord {
    QString keyId; // hex SHA-256 of the SPKI
    QString office; // 10-digit seal office code
    QString officeName;
    QString signer;
    QByteArray spki;
    QString keyFile; // PEM path of the private key
    QDate validFrom;
    QDate validUntil; // null: open
    QString status; // active | retired | revoked
    QDateTime createdAt;
    QDateTime revokedAt; // null unless revoked
    QString revokeReason;
};

/// The seal issued with a letter, archived with the letter's canonical text.
struct SealRecord {
    QString registrationNumber;
    QString office;
    quint32 serial = 0;
    QString keyId;
    QDate issued;
    QString sealText;
    QString documentHash; // hex SHA-256 of the canonical text
    QString canonicalText;
    QDateTime revokedAt; // null unless revoked
    QString revokeReason;
};

/// One SMS that arrived at the gateway, as the store keeps it: no number, no text.
struct SmsInboundRecord {
    QString messageKey; // hex SHA-256 of the inbox file's name (SMSD's unique name for the message)
    QString senderKey; // hex SHA-256 of the sender's number (what the per-sender limit counts)
    QDateTime receivedAt;
};

/// A signed list as last served: its sequence, when it was signed, what it covers, the envelope.
struct SignedListRecord {
    QString name; // trust-list | revocations
    quint64 sequence = 0;
    QDateTime issuedAt;
    QString contentSha256; // hex, of the list's entries without its header
    QByteArray envelope;
};

/// One recorded move of a request: from (checked, compare-and-set) to, by whom and why.
/// Who handed a letter over at the desa front office, to whom and when (POST /requests/{reg}/handover).
struct HandoverRecord {
    QString registrationNumber;
    QString kioskId;
    QString actor; // the kiosk's staff username; empty from a kiosk that sent no body (before #12)
    QDateTime at;
    QString collectorKind; // "holder", "representative", or empty when the kiosk did not say
    QString collectorName;
    QString collectorNik; // a representative's NIK; empty for the holder (the request has it)
    QString relationship; // wire word of serverlink::collectorRelationships(); empty for the holder
};

struct Transition {
    serverlink::Stage from;
    serverlink::Stage to;
    QString actor;
    QString role;
    QString note;
    std::optional<NomorAllocation> nomor;
    std::optional<LetterFile> letter;
    std::optional<SealRecord> seal = std::nullopt; // stored with the letter, in the same transaction
    std::optional<LetterSigner> signer = std::nullopt; // the signature: who the letter names as signer
    /// The citizen SMS of this step (transitionNotification), stored with its event under "event:<sequence>".
    std::optional<NotificationRecord> notification = std::nullopt;
    /// The handover of the letter (READY → HANDED_OVER), stored in the same transaction.
    std::optional<HandoverRecord> handover = std::nullopt;
    /// What the citizen is asked to fix (a step to NEEDS_FIX), stored with the event.
    QList<serverlink::FixItem> fixes = {};
};

/// A request still waiting for someone (an officer or the citizen), with the start of its current step.
struct WaitingRequest {
    QString registrationNumber;
    QString desaCode;
    QString kecamatanCode; // from the desa table; the desa code's first six digits for a desa missing there
    QString serviceCode;
    serverlink::ServiceLevel level = serverlink::ServiceLevel::Desa;
    serverlink::Stage stage = serverlink::Stage::Received;
    QString phone;
    qint64 stepSequence = 0; // the last event: the current step started with it
    QDateTime stepSince;
};

/// One row of the events table: the tracking history of a request.
struct EventRecord {
    qint64 sequence = 0;
    QString registrationNumber;
    QString desaCode;
    serverlink::Stage stage = serverlink::Stage::Received;
    QString actor;
    QString role;
    QString note;
    QDateTime at;
};

/// The latest heartbeat of one kiosk: when it was last heard of and the health it reported.
struct KioskHeartbeat {
    QString kioskId;
    QString desaCode;
    QDateTime lastSeen; // when the backend received it (UTC)
    QDateTime sentAt; // the kiosk's own clock
    QString printerState;
    QString paperState;
    QString scannerState;
    QString letterPrinterState;
    int outboxDepth = 0;
    int parkedCount = 0;
    qint64 freeDiskMb = -1;
    QString version;
    QString imageVersion; // the appliance image's version; empty when the kiosk runs off the appliance
    QList<serverlink::ScannerReport> scanners; // each scanner's state; empty from kiosks before #15
    QList<serverlink::PrinterReport> printers; // each printer's raw CUPS state and reasons; empty from older kiosks
    QDateTime certNotAfter; // the client certificate's notAfter as the kiosk reported it; null when unknown
    std::optional<qint64> clockSkewSeconds; // kiosk clock minus the backend's
    QDateTime outboxStalledSince; // since when the outbox has not shrunk while it held something; null when draining or empty
    QString certificateState = {}; // the client certificate as the kiosk sees it (valid, renewal_due, expired); empty: not sent
};

/// One fleet alert of a kiosk: raised once when its condition starts, cleared when it ends; a technician
/// acknowledges it ("Selesai ditangani") and the row stays.
struct KioskAlertRecord {
    qint64 id = 0;
    QString kioskId;
    QString desaCode;
    QString kind; // fleetalerts wire word: silent, paper_out, printer_offline, …
    QString detail; // what the heartbeat said, for the technician
    QDateTime raisedAt;
    QDateTime clearedAt; // null while the condition lasts
    QString acknowledgedBy; // empty until acknowledged
    QDateTime acknowledgedAt;
};

/// A condition a kiosk is in now, with the SMS to send when it is raised.
struct AlertCondition {
    QString kind;
    QString detail;
    QString smsText;
};

/// Who gets the SMS of a raised alert: an officer id and phone.
struct AlertRecipient {
    qint64 officerId = 0;
    QString phone;
};

/// What one reconciliation did: the alerts raised and cleared.
struct AlertChanges {
    QList<KioskAlertRecord> raised;
    QList<KioskAlertRecord> cleared;
};

/// A kiosk known to the backend: its desa and the one client certificate it may use now.
struct KioskRecord {
    QString kioskId;
    QString desaCode;
    QString certSerial; // hex
    QString certFingerprint; // hex SHA-256 of the DER certificate
    QDateTime certNotAfter;
    QString status; // active | revoked
    QDateTime enrolledAt;
    QDateTime revokedAt; // null unless revoked
};

/// One renewal of a kiosk's client certificate over its own mutual TLS: the link old → new of the chain.
struct KioskRenewalRecord {
    QString kioskId;
    QString oldSerial;
    QString oldFingerprint;
    QString newSerial;
    QString newFingerprint;
    QDateTime newNotAfter;
    QString csrSha256; // hex SHA-256 of the CSR: the same CSR sent again gets this certificate again
    QByteArray certificatePem;
    QDateTime renewedAt;
    QDateTime graceUntil; // the old certificate is accepted until then, unless the new one was used first
    QDateTime firstUsedAt; // null until the kiosk's first request with the new certificate
};

/// What happened to a renewal the registry tried to store.
enum class RenewalOutcome { Renewed, CurrentChanged };

/// A one-time enrollment code: only its SHA-256 is stored.
struct EnrollmentCodeRecord {
    QString codeHash; // hex SHA-256 of the normalised code
    QString kioskId;
    QString desaCode;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime usedAt; // null until used
};

/// What happened to an enrollment code presented by a kiosk.
enum class EnrollmentOutcome { Enrolled, CodeUnknown, CodeExpired, CodeUsed };

/// One stored IKM survey response (anonymous).
struct SurveyRecord {
    QString id;
    QString desaCode;
    QString serviceCode;
    QList<int> answers;
    QDateTime answeredAt;
    QMap<QString, QString> profile = {}; // question key → wire word (serverlink::surveyProfileQuestions())
    QString suggestion = {};
};

/// One complaint (pengaduan) filed at a kiosk, with its follow-up at the kecamatan.
struct ComplaintRecord {
    QString number;
    QString kioskId;
    QString desaCode;
    QString category;
    QString text;
    QString nik; // empty: anonymous
    QString phone; // empty: no SMS answer
    QString tokenSha256;
    QDateTime filedAt;
    QDateTime receivedAt;
    serverlink::ComplaintStatus status = serverlink::ComplaintStatus::New;
    QString answer;
    QDateTime answeredAt; // invalid until answered
    QString updatedBy; // the officer of the last follow-up; empty while new
    QDateTime updatedAt;
};

/// A complaint's follow-up as an officer sets it, and the SMS it sends (the answer, when there is a phone).
struct ComplaintUpdate {
    serverlink::ComplaintStatus status;
    QString answer;
    QString actor;
    QDateTime at;
    std::optional<NotificationRecord> notification = std::nullopt;
};

/// One front office event as a kiosk delivered it, with the kiosk and desa from its certificate.
struct DeskEventRecord {
    QString kioskId;
    QString desaCode;
    serverlink::DeskEvent event;
    QDateTime receivedAt;
};

/// One entry of the append-only audit log: who changed master data or administered officers, kiosks or
/// keys, when, from where, and what changed (docs/decisions/0033).
struct AuditRecord {
    qint64 id = 0;
    QDateTime at;
    QString actor; // officer username; "cli:<system user>" on the command line
    QString action; // e.g. "desa.ubah", "petugas.tambah" (auditlog.h)
    QString subject; // e.g. the desa code, the officer's username
    QString detail; // "field: old → new" per changed field
    QString source; // the browser's IP address; "lokal" on the command line; empty in entries before schema 22
};

/// Which audit entries to read: [from, to) and one actor (empty: all), newest first, at most `limit`.
struct AuditQuery {
    QDateTime from;
    QDateTime to;
    QString actor;
    int limit = 500;
};

/// One front-office staff member of a desa who signs in at the kiosk with a card and PIN. The card secret
/// itself is never stored, only its lookup and the verifiers (serverlink/staffcard.h).
struct StaffAccountRecord {
    qint64 id = 0;
    QString desaCode;
    QString username;
    QString name;
    QString cardLookup; // empty until a PIN was set (which issues the first card)
    QByteArray cardSalt;
    QByteArray cardVerifier;
    QByteArray pinSalt; // kept so a fallback can be allowed again without a new PIN; served only when allowed
    QByteArray pinVerifier;
    int iterations = 0;
    bool allowWithoutCard = false;
    bool active = true;
    QDateTime createdAt;
    QDateTime updatedAt;
    /// serverlink::StaffCredential::kRoleStaff or kRoleTechnician (technician mode on the kiosk, not the desk).
    QString role = QString::fromLatin1(serverlink::StaffCredential::kRoleStaff);
};

/// One requirement page a request (or one of its revisions) names, with how much of its upload arrived.
struct DocumentRecord {
    QString registrationNumber;
    int version = 1; // the request's version that named it (1 = as submitted)
    serverlink::DocumentRef ref;
    qint64 receivedBytes = 0; // bytes held in the partial file; the next chunk must start here
    QDateTime completedAt; // null while the upload is not finished (size and SHA-256 checked)
    int restarts = 0; // uploads discarded because the finished bytes did not match the ref
    QString lastError; // why the last discard happened; empty when none
};

/// The backend's SQL storage (SQLite in WAL mode; portable SQL), one connection per thread.
class BackendStore
{
public:
    static constexpr int kSchemaVersion = 25;

    /// Opens (creating if needed) and migrates the database file; refuses a newer schema.
    [[nodiscard]] static Result<std::unique_ptr<BackendStore>> open(const QString &path);
    ~BackendStore();
    BackendStore(const BackendStore &) = delete;
    BackendStore &operator=(const BackendStore &) = delete;

    /// Exactly once per (kiosk, idempotency key): stores the request and its RECEIVED event.
    [[nodiscard]] Result<InsertResult> insertRequest(const NewRequest &request);
    [[nodiscard]] Result<RequestRecord> request(const QString &registrationNumber);
    /// Stores one anonymous survey response once per id; true when it is new.
    [[nodiscard]] Result<bool> insertSurvey(const QString &kioskId, const QString &desaCode, const serverlink::SurveyResponse &survey);
    [[nodiscard]] Result<int> surveyCount();
    // Complaints (backendstore_complaints.cpp).
    /// Exactly once per (kiosk, id): stores the complaint; InsertOutcome::Replayed for the same body again,
    /// IdempotencyConflict for another body with the same id, RegistrationTaken when the number is another's.
    [[nodiscard]] Result<std::pair<InsertOutcome, ComplaintRecord>> insertComplaint(
        const QString &kioskId, const QString &desaCode, const QString &bodySha256, const serverlink::ComplaintBody &complaint);
    /// NotFound when there is none.
    [[nodiscard]] Result<ComplaintRecord> complaint(const QString &number);
    /// Every complaint, newest first.
    [[nodiscard]] Result<QList<ComplaintRecord>> complaints();
    /// Sets status and answer (and queues the update's SMS) in one transaction; NotFound when there is none.
    [[nodiscard]] Result<ComplaintRecord> updateComplaint(const QString &number, const ComplaintUpdate &update);
    [[nodiscard]] Result<QList<RequestRecord>> requests();
    /// Moves a request if it is still in transition.from; records the event in the same transaction.
    [[nodiscard]] Result<RequestRecord> applyTransition(const QString &registrationNumber, const Transition &transition);
    /// Status changes of one desa's requests with sequence > after, ascending.
    /// Who handed letter `registrationNumber` over; nullopt while it has not been handed over.
    [[nodiscard]] Result<std::optional<HandoverRecord>> handover(const QString &registrationNumber);
    [[nodiscard]] Result<QList<serverlink::StatusChange>> changes(const QString &desaCode, qint64 after, int limit);
    [[nodiscard]] Result<QList<EventRecord>> events(const QString &registrationNumber);

    [[nodiscard]] Status insertSigningKey(const SigningKeyRecord &key);
    /// All signing keys, oldest first.
    [[nodiscard]] Result<QList<SigningKeyRecord>> signingKeys();
    /// Changes a key's window end and status (rotation, revocation).
    [[nodiscard]] Status updateSigningKey(const QString &keyId, const QDate &validUntil, const QString &status);
    /// Marks a key revoked at `at` for `reason`, its window closed at `at`'s day when still open.
    [[nodiscard]] Status revokeSigningKey(const QString &keyId, const QString &reason, const QDateTime &at);
    [[nodiscard]] Result<bool> serialTaken(const QString &office, quint32 serial);
    [[nodiscard]] Result<SealRecord> seal(const QString &registrationNumber);
    /// Marks a letter's seal revoked (again is harmless; the first time and reason stay).
    [[nodiscard]] Result<SealRecord> revokeSeal(const QString &registrationNumber, const QString &reason);
    [[nodiscard]] Result<QList<SealRecord>> revokedSeals();
    /// nullopt when the list was never signed.
    [[nodiscard]] Result<std::optional<SignedListRecord>> signedList(const QString &name);
    [[nodiscard]] Status saveSignedList(const SignedListRecord &list);

    /// Keeps the heartbeat as the kiosk's latest (one row per kiosk, replaced each time).
    [[nodiscard]] Status recordHeartbeat(const KioskHeartbeat &heartbeat);
    /// The latest heartbeat of every kiosk that ever sent one, by kiosk id.
    [[nodiscard]] Result<QList<KioskHeartbeat>> latestHeartbeats();
    /// The latest heartbeat of one kiosk; nullopt when it never sent one.
    [[nodiscard]] Result<std::optional<KioskHeartbeat>> latestHeartbeat(const QString &kioskId);

    // Fleet alerts (backendstore_alerts.cpp).
    /// In one transaction: raises each of `active` that has no uncleared alert of the kiosk yet (with one SMS
    /// row per recipient, or one recorded row for `officeLabel` without any), and clears the uncleared alerts of
    /// the kinds in `considered` that are not active any more.
    [[nodiscard]] Result<AlertChanges> reconcileAlerts(const QString &kioskId, const QString &desaCode, const QList<AlertCondition> &active,
        const QStringList &considered, const QList<AlertRecipient> &recipients, const QString &officeLabel, const QDateTime &now);
    /// Every alert, newest first (at most `limit`).
    [[nodiscard]] Result<QList<KioskAlertRecord>> kioskAlerts(int limit = 500);
    [[nodiscard]] Result<std::optional<KioskAlertRecord>> kioskAlert(qint64 id);
    /// Kiosk `kioskId`'s open alerts (not cleared, not acknowledged), oldest first: what its technician panel lists.
    [[nodiscard]] Result<QList<KioskAlertRecord>> openAlertsOfKiosk(const QString &kioskId);
    /// Marks the alert handled by `by`; false when it was already acknowledged.
    [[nodiscard]] Result<bool> acknowledgeAlert(qint64 id, const QString &by, const QDateTime &at);
    // Kiosk registry and enrollment codes (backendstore_kiosks.cpp).
    [[nodiscard]] Status insertEnrollmentCode(const EnrollmentCodeRecord &code);
    [[nodiscard]] Result<std::optional<EnrollmentCodeRecord>> enrollmentCode(const QString &codeHash);
    /// In one transaction: marks the code used (if unused and unexpired at `now`) and stores the
    /// kiosk, replacing an earlier certificate of the same kiosk id.
    [[nodiscard]] Result<EnrollmentOutcome> completeEnrollment(const QString &codeHash, const KioskRecord &kiosk, const QDateTime &now);
    /// Adds or replaces a kiosk (registering a certificate issued outside enrollment).
    [[nodiscard]] Status saveKiosk(const KioskRecord &kiosk);
    [[nodiscard]] Result<std::optional<KioskRecord>> kiosk(const QString &kioskId);
    [[nodiscard]] Result<QList<KioskRecord>> kiosks();
    /// Marks a kiosk revoked; false when it is unknown. Its certificate is refused from then on.
    [[nodiscard]] Result<bool> revokeKiosk(const QString &kioskId, const QDateTime &at);
    // Certificate renewals (backendstore_renewals.cpp).
    /// Stores the renewal and makes its certificate the kiosk's current one, in one transaction, only while
    /// the kiosk's current certificate is still `expectedCurrentFingerprint` (two renewals racing: one wins).
    [[nodiscard]] Result<RenewalOutcome> completeRenewal(const KioskRenewalRecord &renewal, const QString &expectedCurrentFingerprint);
    /// The renewal that made `newFingerprint`, if a renewal made it.
    [[nodiscard]] Result<std::optional<KioskRenewalRecord>> renewalTo(const QString &newFingerprint);
    /// The renewal from `oldFingerprint` to `newFingerprint`, if there is one.
    [[nodiscard]] Result<std::optional<KioskRenewalRecord>> renewal(const QString &oldFingerprint, const QString &newFingerprint);
    /// Notes the first request made with a renewed certificate: its predecessor is refused from then on.
    [[nodiscard]] Status markRenewalUsed(const QString &newFingerprint, const QDateTime &at);
    /// Every renewal of a kiosk's certificate, oldest first: the chain of replacements.
    [[nodiscard]] Result<QList<KioskRenewalRecord>> renewals(const QString &kioskId);
    // Officers, leave and console sessions (backendstore_officers.cpp).
    /// Stores a new officer and returns its id; the username must be free.
    [[nodiscard]] Result<qint64> insertOfficer(const OfficerRecord &officer);
    [[nodiscard]] Result<OfficerRecord> officer(qint64 id);
    [[nodiscard]] Result<OfficerRecord> officerByUsername(const QString &username);
    [[nodiscard]] Result<QList<OfficerRecord>> officers();
    /// Changes name, role, office and whether the account may log in.
    [[nodiscard]] Status updateOfficer(const OfficerRecord &officer);
    /// Sets a new password hash and clears the lockout.
    [[nodiscard]] Status setOfficerPassword(qint64 id, const QString &passwordHash);
    /// Records the outcome of a login or passphrase check: failures count up and lock, success resets.
    [[nodiscard]] Result<OfficerRecord> recordLoginAttempt(qint64 id, bool success, const QDateTime &now);
    /// Counts a re-authentication as failed before the password is checked, in one transaction, unless the
    /// account is locked at `now` (then returns the lock's end and counts nothing); a success calls
    /// recordLoginAttempt(id, true, …) after.
    [[nodiscard]] Result<std::optional<QDateTime>> claimReauthentication(qint64 id, const QDateTime &now);
    /// Counts a console login as failed on every counter of `keys` before the password is checked, in one
    /// transaction, unless one of them is locked at `now`: then counts nothing and returns the lock's end.
    [[nodiscard]] Result<std::optional<QDateTime>> claimLoginAttempt(const QList<lockout::ThrottleKey> &keys, const QDateTime &now);
    /// Takes back a claimed attempt whose password was right: the user's counter at that address starts again.
    [[nodiscard]] Status refundLoginAttempt(const QList<lockout::ThrottleKey> &keys);
    /// Forgets the failed logins of one user name (an admin set a new password).
    [[nodiscard]] Status clearLoginFailures(const QString &username);
    [[nodiscard]] Result<qint64> insertDelegation(const DelegationRecord &delegation);
    [[nodiscard]] Result<QList<DelegationRecord>> delegations();
    [[nodiscard]] Status cancelDelegation(qint64 id, const QDateTime &at);
    [[nodiscard]] Status insertSession(const SessionRecord &session);
    [[nodiscard]] Result<std::optional<SessionRecord>> session(const QString &idHash);
    [[nodiscard]] Status touchSession(const QString &idHash, const QDateTime &at);
    [[nodiscard]] Status deleteSession(const QString &idHash);
    /// Ends every session of one officer (password change, deactivation).
    [[nodiscard]] Status deleteSessionsOf(qint64 officerId);
    // Notification outbox (backendstore_notify.cpp). Citizen rows are added by applyTransition (Transition::notification).
    [[nodiscard]] Result<QList<NotificationRecord>> notifications();
    /// Pending rows whose next attempt is due at `now`, oldest first.
    [[nodiscard]] Result<QList<NotificationRecord>> dueNotifications(const QDateTime &now, int limit);
    /// Counts an attempt and schedules the next one before sending; false when another sender took it.
    [[nodiscard]] Result<bool> claimNotification(qint64 id, const QDateTime &now, const QDateTime &nextAttemptAt);
    /// pending → sent, once (false when it was not pending); the phone number is masked from then on.
    [[nodiscard]] Result<bool> markNotificationSent(qint64 id, const QDateTime &at);
    /// Records why an attempt failed; `giveUp` moves the row to failed (kept for staff).
    [[nodiscard]] Status markNotificationFailed(qint64 id, const QString &reason, bool giveUp);
    /// Adds the rows whose event_key is new, in one transaction; returns how many were new.
    [[nodiscard]] Result<int> insertNotifications(const QList<NotificationRecord> &rows);
    /// Records one SMS from the gateway's inbox exactly once (by `message.messageKey`), in one transaction with its
    /// answer: `answer` is added unless the sender already had `maxAnswersPerDay` answers in the 24 hours before
    /// `message.receivedAt` (then outcome "limited"); without an answer the outcome is "ignored". A message seen
    /// before: nullopt, nothing written.
    [[nodiscard]] Result<std::optional<QString>> recordSmsInbound(
        const SmsInboundRecord &message, const std::optional<NotificationRecord> &answer, int maxAnswersPerDay);
    /// Requests at RECEIVED … READY with the start of their current step: what the reminder scan looks at.
    [[nodiscard]] Result<QList<WaitingRequest>> waitingRequests();
    /// The start of every request's current step (its last event), by registration number.
    [[nodiscard]] Result<QHash<QString, QDateTime>> stepStarts();

    // Desa master data and the audit log (backendstore_offices.cpp).
    /// Every desa of the desa table, by code.
    [[nodiscard]] Result<QList<DesaOffice>> desaOffices();
    /// Adds or changes one desa and records an audit entry in the same transaction; returns the names of
    /// the fields that changed (nothing is written when none did). Validation is the caller's (checkDesaOffice).
    [[nodiscard]] Result<QStringList> saveDesaOffice(const DesaOffice &office, const QString &actor, const QString &source = {});
    /// The audit log, newest first.
    [[nodiscard]] Result<QList<AuditRecord>> auditLog(int limit);
    [[nodiscard]] Result<QList<AuditRecord>> auditLog(const AuditQuery &query);
    /// Appends one entry (its time is now when `entry.at` is null); entries are never changed or deleted.
    [[nodiscard]] Result<qint64> appendAudit(const AuditRecord &entry);

    // The front office's journal (backendstore_desk.cpp).
    /// Stores a kiosk's events once per (kiosk, event id), all in one transaction; returns how many were new.
    [[nodiscard]] Result<int> insertDeskEvents(const QString &kioskId, const QString &desaCode, const QList<serverlink::DeskEvent> &events);
    /// Events that happened in [from, to), of one desa or (empty desaCode) of all, oldest first.
    [[nodiscard]] Result<QList<DeskEventRecord>> deskEvents(const QDateTime &from, const QDateTime &to, const QString &desaCode = {});

    // Front-office staff of the kiosks (backendstore_staff.cpp).
    /// Stores a new staff account and returns its id; the username must be free.
    [[nodiscard]] Result<qint64> insertStaffAccount(const StaffAccountRecord &staff);
    [[nodiscard]] Result<StaffAccountRecord> staffAccount(const QString &username);
    /// The staff of one desa (every desa when `desaCode` is empty), by username.
    [[nodiscard]] Result<QList<StaffAccountRecord>> staffAccounts(const QString &desaCode);
    /// Replaces name, credentials, fallback permission and active flag of the account with `staff.id`.
    [[nodiscard]] Status updateStaffAccount(const StaffAccountRecord &staff);

    // A request's life after submission (backendstore_requestlife.cpp).
    /// The request whose ticket status token hashes to `statusTokenHash` (hex); NotFound when none.
    [[nodiscard]] Result<RequestRecord> requestByStatusToken(const QString &statusTokenHash);
    /// Every version of a request's form, oldest first (empty for a request stored before versions were kept).
    [[nodiscard]] Result<QList<RequestVersionRecord>> requestVersions(const QString &registrationNumber);
    /// The fix items of the request's latest step to NEEDS_FIX (empty when it was never returned with items).
    [[nodiscard]] Result<QList<serverlink::FixItem>> fixItems(const QString &registrationNumber);
    /// Exactly once per (kiosk, idempotency key): stores the revision as the request's next version, makes it
    /// current and moves the request from NEEDS_FIX to `revision.to`, all in one transaction. Replayed with the
    /// same body: the request as it is; another body: IdempotencyConflict; the request no longer at NEEDS_FIX:
    /// TransitionNotAllowed; a base version that is not the current one: VersionConflict.
    [[nodiscard]] Result<InsertResult> insertRevision(const NewRevision &revision);
    // Requirement pages (backendstore_documents.cpp); their bytes are DocumentArchive's files.
    /// Records the pages version `version` of request `registrationNumber` names; a page id already known for
    /// the same request is kept as it is (a replayed body), one of another request is refused (InvalidData).
    /// Used by insertRequest (version 1, same transaction) and for revisions.
    [[nodiscard]] Status addDocumentRefs(const QString &registrationNumber, int version, const QList<serverlink::DocumentRef> &refs);
    /// Every page of a request, in the order the request named them (version, then position).
    [[nodiscard]] Result<QList<DocumentRecord>> documents(const QString &registrationNumber);
    /// One page by id; NotFound when no request names it.
    [[nodiscard]] Result<DocumentRecord> document(const QString &pageId);
    /// Moves a page's received offset from `from` to `to` (compare-and-set); false when another writer moved
    /// it first.
    [[nodiscard]] Result<bool> advanceDocument(const QString &pageId, qint64 from, qint64 to);
    /// The page's upload finished and its bytes matched the ref.
    [[nodiscard]] Status completeDocument(const QString &pageId, const QDateTime &at);
    /// The finished bytes did not match the ref: back to offset 0, with the reason.
    [[nodiscard]] Status restartDocument(const QString &pageId, const QString &reason);
    /// Pages named by accepted requests whose upload has not finished (monitoring and the heartbeat view).
    [[nodiscard]] Result<int> pendingDocumentCount();

    // Monitoring reads (backendstore_monitoring.cpp).
    /// Every event of every request, in sequence order.
    [[nodiscard]] Result<QList<EventRecord>> allEvents();
    /// Survey responses answered in [from, to); null bounds are open.
    [[nodiscard]] Result<QList<SurveyRecord>> surveyResponses(const QDateTime &from, const QDateTime &to);

private:
    explicit BackendStore(QString path);
    [[nodiscard]] Result<QSqlDatabase> connection();
    /// Runs a SELECT on this thread's connection and reads every row with `read`.
    [[nodiscard]] Status migrate();

    QString m_path;
    QString m_connectionPrefix;
    std::mutex m_mutex;
    QStringList m_connectionNames;
};

} // namespace backend
