#pragma once

#include "idformat.h"
#include "workingdays.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

/// Types shared by the kiosk and the kecamatan backend: the request lifecycle and the
/// JSON bodies of /api/v1 (see server-link/api/openapi.yaml).
namespace serverlink {

/// The one request lifecycle (DESIGN.md §3). Wire names are the enumerator names.
enum class Stage {
    Queued,
    Received,
    DesaReview,
    DesaSigned,
    KecamatanReview,
    KecamatanSigned,
    Ready,
    HandedOver,
    NeedsFix,
    Rejected,
    Cancelled,
};

/// Services end after the kades signs (desa) or go on to the camat (kecamatan).
enum class ServiceLevel { Desa, Kecamatan };

[[nodiscard]] QString stageToWire(Stage stage);
[[nodiscard]] std::optional<Stage> stageFromWire(const QString &wire);
/// What a citizen reads for a stage, in Bahasa Indonesia (the translation source text).
[[nodiscard]] QString stageLabelId(Stage stage);
/// The same label in the application's current language (context "Stage").
[[nodiscard]] QString stageLabel(Stage stage);
[[nodiscard]] bool isFinal(Stage stage);

[[nodiscard]] QString levelToWire(ServiceLevel level);
[[nodiscard]] std::optional<ServiceLevel> levelFromWire(const QString &wire);

/// "0812-3456-789", "62812…", "+62 812…" → "+62812…"; nullopt when not an Indonesian mobile number.
/// The one rule for phone numbers: citizens on the kiosk, officers in the console and CLI.
[[nodiscard]] std::optional<QString> normalizePhone(const QString &text);

/// One requirement page a kiosk captured: named in the request, its bytes uploaded on their own (resumable).
struct DocumentRef {
    int requirement = 0; // index into the service's requirements (catalog order)
    QString requirementText; // the requirement as the citizen saw it ("Fotokopi KTP")
    QString pageId; // random, 32 lowercase hex characters; the upload's name
    QString sha256; // lowercase hex of the page's bytes
    qint64 size = 0; // bytes, 1 … kMaxDocumentBytes
    QString contentType = QStringLiteral("image/jpeg");

    static constexpr qint64 kMaxDocumentBytes = 1024 * 1024;
    [[nodiscard]] QJsonObject toJsonObject() const;
    [[nodiscard]] static std::optional<DocumentRef> fromJsonObject(const QJsonObject &o, QString *error = nullptr);
    friend bool operator==(const DocumentRef &, const DocumentRef &) = default;
};

/// Body of POST /api/v1/requests. Serialised with sorted keys so the same request
/// always produces the same bytes (the backend compares bodies per idempotency key).
struct SubmitRequest {
    QString registrationNumber;
    QString serviceCode;
    QString nik;
    QString name;
    QString address;
    QString purpose;
    QString phone; // optional, +62… for SMS notifications; empty when not given
    QJsonObject fields; // service-specific form fields: strings, or arrays of objects (groups)
    QDateTime submittedAt; // UTC
    QString queueLabel; // optional, the ticket's queue number ("A-007"); absent from the body when empty
    /// Hex SHA-256 of the ticket's status token: lets any kiosk of the kecamatan open the request from the
    /// ticket's QR (GET /requests/by-token). Absent from the body when empty.
    QString statusTokenHash;
    /// Staff username when front-office staff entered the request for the citizen; absent when empty.
    QString enteredBy;
    /// The requirement pages captured at the kiosk, uploaded after the request (PUT /documents/{pageId}).
    /// A requirement without a page was skipped: the citizen brings the original. Absent when empty.
    QList<DocumentRef> documents;

    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<SubmitRequest> fromJson(const QByteArray &json, QString *error = nullptr);
};

/// One entry of GET /api/v1/changes.
struct StatusChange {
    qint64 sequence = 0;
    QString registrationNumber;
    Stage stage = Stage::Received;
    QString note;
    QDateTime at;
    bool letterAvailable = false;

    [[nodiscard]] QJsonObject toJsonObject() const;
    [[nodiscard]] static std::optional<StatusChange> fromJsonObject(const QJsonObject &o);
};

/// Body of GET /api/v1/changes: one page of the feed and the cursor to ask with next.
struct ChangesPage {
    qint64 cursor = 0;
    QList<StatusChange> changes;
    int skipped = 0; // entries fromJson() dropped because they were not valid changes

    [[nodiscard]] QByteArray toJson() const;
    /// Refuses a body that is not an object, a cursor that is not a whole number ≥ 0 and a
    /// "changes" that is not an array; single malformed entries are only counted in `skipped`.
    [[nodiscard]] static std::optional<ChangesPage> fromJson(const QByteArray &json, QString *error = nullptr);
};

/// One service of the catalog (openapi Service). `fields` stays the catalog's JSON form schema
/// (openapi Field, nested for groups), which the kiosk's form reads as it is.
struct CatalogService {
    QString code;
    QString name;
    QString nameEn;
    ServiceLevel level = ServiceLevel::Desa;
    QString icon;
    QString description;
    QString descriptionEn;
    QStringList requirements;
    QStringList requirementsEn;
    QString letterStatement; // "{desa}" is replaced by the desa's name
    QJsonArray fields;
    int estimatedDays = 0;
    int slaDays = 0; // the service's own SLA in days; 0 when the catalog gives none

    /// Form field key and label of every top-level field, in catalog order.
    [[nodiscard]] QList<QPair<QString, QString>> fieldLabels() const;
    /// How the value of `key` (a top-level field) is written once filled in.
    [[nodiscard]] idformat::ValueFormat fieldFormat(const QString &key) const;
    /// The field attribute "format" of one field definition ("rupiah", "number"; otherwise as typed).
    [[nodiscard]] static idformat::ValueFormat formatOf(const QJsonObject &field);
    [[nodiscard]] QString displayName(bool english) const { return english && !nameEn.isEmpty() ? nameEn : name; }
    [[nodiscard]] QString displayDescription(bool english) const
    {
        return english && !descriptionEn.isEmpty() ? descriptionEn : description;
    }
    [[nodiscard]] QStringList displayRequirements(bool english) const
    {
        return english && requirementsEn.size() == requirements.size() ? requirementsEn : requirements;
    }

    [[nodiscard]] QJsonObject toJsonObject() const;
    [[nodiscard]] static std::optional<CatalogService> fromJsonObject(const QJsonObject &o, QString *error = nullptr);
    friend bool operator==(const CatalogService &, const CatalogService &) = default;
};

/// Body of GET /api/v1/catalog: the services a kiosk offers. The one parser of the catalog for the
/// backend (which serves it), its console and the kiosk (which caches and shows it).
struct Catalog {
    QString version;
    QList<CatalogService> services;
    /// The kecamatan's holidays and cuti bersama ("holidays": [{"date","name"}]); empty when the backend sends none.
    QList<Holiday> holidays;

    [[nodiscard]] std::optional<CatalogService> service(const QString &code) const;
    [[nodiscard]] QByteArray toJson() const;
    /// Refuses a document without a version or services, a service without code, name, level,
    /// fields or requirements, a service code given twice, and a holiday without a date or name;
    /// the error says which, in Bahasa Indonesia.
    [[nodiscard]] static std::optional<Catalog> fromJson(const QByteArray &json, QString *error = nullptr);
    friend bool operator==(const Catalog &, const Catalog &) = default;
};

/// A device's condition as the heartbeat reports it (openapi DeviceWord).
enum class HealthState {
    Unknown,
    Ready,
    PaperOut,
    PaperLow,
    Offline,
    DoorOpen,
    Jam,
    TonerLow,
    Stopped,
    Ok,
    Low,
    Out,
    None,
};

[[nodiscard]] QString healthStateToWire(HealthState state);
/// nullopt when `wire` is not a device word at all; a well-formed word this build does not know is Unknown.
[[nodiscard]] std::optional<HealthState> healthStateFromWire(const QString &wire);

/// One scanner as a heartbeat reports it: its URI and whether it delivers scans (Ready, Offline when unplugged).
struct ScannerReport {
    QString uri;
    HealthState state = HealthState::Unknown;

    friend bool operator==(const ScannerReport &, const ScannerReport &) = default;
};

/// One printer as a heartbeat reports it: its role and what CUPS says of it, unmapped (the backend reads paper low
/// from the reasons even when a worse word hides it).
struct PrinterReport {
    QString role; // ticket, letter
    int printerState = 0; // IPP printer-state: 3 idle, 4 processing, 5 stopped; 0 when the printer could not be asked
    QStringList reasons; // printer-state-reasons as CUPS gives them ("media-low-report"), unknown ones included

    static constexpr int kMaxReasons = 16;
    static constexpr int kMaxReasonLength = 64;
    /// `raw` as the wire carries it: IPP keywords only ("none" dropped), at most kMaxReasons of kMaxReasonLength.
    [[nodiscard]] static QStringList boundedReasons(const QStringList &raw);
    friend bool operator==(const PrinterReport &, const PrinterReport &) = default;
};

/// A raw printer-state-reason in plain Indonesian for technicians ("media-low-report" → "kertas hampir habis"); a
/// reason this table does not know is shown as it is.
[[nodiscard]] QString printerReasonText(const QString &reason);

/// The devices a heartbeat reports on.
struct DeviceHealth {
    HealthState printer = HealthState::Unknown; // ticket printer
    HealthState paper = HealthState::Unknown; // ticket paper: Ok, Low, Out, Unknown
    HealthState scanner = HealthState::Unknown; // Ready (at least one scanner runs), None, Unknown
    HealthState letterPrinter = HealthState::Unknown;
    QList<ScannerReport> scanners; // each scanner; empty from kiosks before #15
    QList<PrinterReport> printers; // each printer's raw CUPS state; empty from kiosks before #15 item 2's raw reasons

    friend bool operator==(const DeviceHealth &, const DeviceHealth &) = default;
};

/// Body of POST /api/v1/heartbeat: the kiosk's health and queue.
struct Heartbeat {
    QDateTime sentAt; // the kiosk's clock, UTC; invalid when not sent
    QString appVersion;
    QString imageVersion; // the appliance image's IMAGE_VERSION (os-release); empty, and absent on the wire, elsewhere
    int outboxDepth = 0; // waiting plus parked
    int parkedCount = 0;
    qint64 freeDiskMb = -1; // -1: unknown
    DeviceHealth devices;
    QDateTime certificateNotAfter; // the client certificate's notAfter; invalid (absent on the wire) when unknown
    std::optional<qint64> clockSkewSeconds; // kiosk clock minus the backend's Date header of the last answer
    QString certificateState; // valid, renewal_due, expired, missing (serverlink::CertificateRenewal); empty: not sent

    static constexpr int kMaxScanners = 16;
    static constexpr int kMaxPrinters = 4;
    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<Heartbeat> fromJson(const QByteArray &json, QString *error = nullptr);
    friend bool operator==(const Heartbeat &, const Heartbeat &) = default;
};

/// One open fleet alert of the calling kiosk (the heartbeat's answer lists them; docs/decisions/0026-kiosk-alerts.md).
struct FleetAlert {
    qint64 id = 0;
    QString kind; // the backend's word: silent, paper_out, printer_offline, …
    QString text; // plain Indonesian, no personal data: "Kertas printer habis: printer tiket"
    QDateTime raisedAt;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static std::optional<FleetAlert> fromJson(const QJsonObject &o);
    friend bool operator==(const FleetAlert &, const FleetAlert &) = default;
};

/// Answer of POST /api/v1/heartbeat: the backend's clock as it received the beat and the kiosk's open alerts
/// (not cleared, not acknowledged). A backend from before sends no `alerts`: the list is then absent (nullopt).
struct HeartbeatAnswer {
    QDateTime receivedAt;
    std::optional<QList<FleetAlert>> alerts;

    static constexpr int kMaxAlerts = 50;
    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<HeartbeatAnswer> fromJson(const QByteArray &json, QString *error = nullptr);
};

/// Body of POST /api/v1/alerts/{id}/acknowledge: the technician who handled the alert on the kiosk, and when.
struct AlertAcknowledgement {
    QString technician; // the technician's username on the kiosk
    QDateTime acknowledgedAt;

    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<AlertAcknowledgement> fromJson(const QByteArray &json, QString *error = nullptr);
};

/// An HTTP status worth asking again later (408, 429, 5xx); any other 4xx is final.
[[nodiscard]] bool isTransientStatus(long status);

/// One answer a survey or complaint question offers: wire word and label (Bahasa Indonesia, translatable
/// in context "Survey" or "Complaint").
struct WireChoice {
    const char *wire;
    const char *label;
};

/// A respondent-profile question of the IKM survey, as the appendix of PermenPAN-RB 14/2017 asks it.
struct SurveyProfileQuestion {
    const char *key; // the key in SurveyResponse::profile and on the wire ("age", "gender", …)
    const char *label;
    QList<WireChoice> choices;
};

/// Umur, jenis kelamin, pendidikan, pekerjaan: the profile questions in the order the kiosk asks them.
[[nodiscard]] const QList<SurveyProfileQuestion> &surveyProfileQuestions();
/// The label of answer `wire` to profile question `key`; empty when it is not one.
[[nodiscard]] QString surveyProfileLabel(const QString &key, const QString &wire);

/// Body of POST /api/v1/surveys: one visitor's IKM answers (PermenPAN-RB 14/2017), anonymous. The profile and
/// the suggestion are optional (kiosks from before #13 send neither).
struct SurveyResponse {
    QString id; // random, the idempotency key of this response
    QString serviceCode; // the service the visitor asked for, if any
    QList<int> answers; // 9 elements, each 1–4
    QDateTime at;
    QMap<QString, QString> profile; // question key → wire word (surveyProfileQuestions()); unanswered ones absent
    QString suggestion; // saran, free text, at most kMaxSuggestionLength characters

    static constexpr int kElements = 9;
    static constexpr int kMaxSuggestionLength = 500;
    [[nodiscard]] QByteArray toJson() const;
    /// Refuses a profile key or answer that surveyProfileQuestions() does not know and a longer suggestion.
    [[nodiscard]] static std::optional<SurveyResponse> fromJson(const QByteArray &json, QString *error = nullptr);
};

/// What a complaint (pengaduan) is about: wire words and labels, in the order the kiosk offers them.
[[nodiscard]] const QList<WireChoice> &complaintCategories();
/// The label of complaint category `wire`; empty when it is not one.
[[nodiscard]] QString complaintCategoryLabel(const QString &wire);

/// Where a complaint stands at the kecamatan: Baru → Diproses → Selesai.
enum class ComplaintStatus { New, InProgress, Done };
[[nodiscard]] QString complaintStatusToWire(ComplaintStatus status); // "NEW", "IN_PROGRESS", "DONE"
[[nodiscard]] std::optional<ComplaintStatus> complaintStatusFromWire(const QString &wire);
/// "Baru", "Diproses", "Selesai" (translatable in context "Complaint").
[[nodiscard]] QString complaintStatusLabelId(ComplaintStatus status);

/// Body of POST /api/v1/complaints: a complaint filed at a kiosk, with or without NIK. `id` is its idempotency
/// key; `number` (shown on the slip) and the status token's SHA-256 are chosen by the kiosk, the token itself
/// is printed only on the slip's QR.
struct ComplaintBody {
    QString id; // random UUID, the idempotency key
    QString number; // "PGD-" + 10 characters of Crockford base32, printed on the slip
    QString tokenSha256; // hex SHA-256 of the slip's status token
    QString category; // wire word of complaintCategories()
    QString text; // at most kMaxTextLength characters
    QString nik; // empty: anonymous
    QString phone; // empty: no SMS answer
    QDateTime at; // UTC

    static constexpr int kMaxTextLength = 1000;
    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<ComplaintBody> fromJson(const QByteArray &json, QString *error = nullptr);
    friend bool operator==(const ComplaintBody &, const ComplaintBody &) = default;
};

/// Body of GET /api/v1/complaints/{number}?token=…: where the complaint stands and the kecamatan's answer.
struct ComplaintView {
    QString number;
    QString category;
    ComplaintStatus status = ComplaintStatus::New;
    QString answer; // empty until an officer answered
    QDateTime filedAt;
    QDateTime answeredAt; // invalid until answered

    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<ComplaintView> fromJson(const QByteArray &json, QString *error = nullptr);
};

/// The complaint slip's QR: "ADPGD1:" + number + "." + token (the token: 16 random bytes, base32).
namespace complaintqr {
inline constexpr char kPrefix[] = "ADPGD1:";
[[nodiscard]] QString encode(const QString &number, const QString &token);
/// {number, token} of a slip's QR; nullopt when `payload` is not one.
[[nodiscard]] std::optional<std::pair<QString, QString>> decode(const QString &payload);
/// Whether `number` has the shape of a complaint number ("PGD-" + 10 base32 characters).
[[nodiscard]] bool isNumber(const QString &number);
} // namespace complaintqr

/// What happened at the village hall's front office, as the kiosk journals it (see kiosk/deskjournal.h).
/// Wire words are in DeskEvent::kindToWire; never carries personal data (no NIK, no name).
enum class DeskEventKind {
    StaffSignedIn, // staff.signed_in
    StaffSignedOut, // staff.signed_out
    StaffLockedOut, // staff.locked_out: too many wrong PINs
    LetterPrinted, // letter.printed
    LetterReprinted, // letter.reprinted
    LetterHandedOver, // letter.handed_over (the handover itself travels on POST /requests/{reg}/handover)
    JobReprinted, // job.reprinted: a stalled or failed print job sent again
    JobCancelled, // job.cancelled: a print job dropped by staff
    TicketReprinted, // ticket.reprinted: a ticket lost to a crash or printer fault printed again
    QueueTaken, // queue.taken: a number was drawn (ticket, pick-up or help)
    QueueCalled, // queue.called
    QueueRecalled, // queue.recalled
    QueueSkipped, // queue.skipped: no-show
    QueueRequeued, // queue.requeued: a skipped number back in line once
    QueueServed, // queue.served
    QueueTransferred, // queue.transferred to another loket
    RequestEntered, // request.entered: staff entered a request for a citizen at the desk (the body's enteredBy)
};

/// One entry of POST /api/v1/desk-events: who did what at the front office, when. Delivered exactly
/// once by `id` (random UUID, the idempotency key of the event).
struct DeskEvent {
    QString id;
    DeskEventKind kind = DeskEventKind::LetterPrinted;
    QDateTime at; // UTC
    QString actor; // staff username; empty when the citizen did it (drew a number)
    QString registrationNumber; // the request it concerns, if any
    QString queueLabel; // e.g. "A-007", if any
    int counter = 0; // loket 1–4, 0 when none
    QString detail; // short free text without personal data (e.g. "prioritas", "dialihkan dari loket 1")

    [[nodiscard]] static QString kindToWire(DeskEventKind kind);
    [[nodiscard]] static std::optional<DeskEventKind> kindFromWire(const QString &wire);
    [[nodiscard]] QJsonObject toJsonObject() const;
    [[nodiscard]] static std::optional<DeskEvent> fromJsonObject(const QJsonObject &o, QString *error = nullptr);
};

/// Body of POST /api/v1/desk-events: {"events": [DeskEvent, …]}, at most kMaxEvents.
struct DeskEventBatch {
    QList<DeskEvent> events;
    static constexpr int kMaxEvents = 200;
    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<DeskEventBatch> fromJson(const QByteArray &json, QString *error = nullptr);
};

/// One front-office staff member as a kiosk needs them to check a card and PIN offline
/// (serverlink/staffcard.h says how each verifier is made). Binary fields travel as base64.
struct StaffCredential {
    QString username; // the actor on the wire
    QString name;
    QString cardLookup; // hex SHA-256, 64 characters
    QByteArray cardSalt;
    QByteArray cardVerifier;
    QByteArray pinSalt; // empty when sign-in without the card is denied
    QByteArray pinVerifier; // empty when sign-in without the card is denied
    int iterations = 0;
    /// kRoleStaff (the front-office desk) or kRoleTechnician (technician mode only); "role" on the wire, absent: staff.
    QString role = QString::fromLatin1(kRoleStaff);

    static constexpr const char *kRoleStaff = "petugas";
    static constexpr const char *kRoleTechnician = "teknisi";
    [[nodiscard]] bool isTechnician() const { return role == QLatin1String(kRoleTechnician); }
    [[nodiscard]] bool allowsPinOnly() const { return !pinSalt.isEmpty() && !pinVerifier.isEmpty(); }
    [[nodiscard]] QJsonObject toJsonObject() const;
    [[nodiscard]] static std::optional<StaffCredential> fromJsonObject(const QJsonObject &o, QString *error = nullptr);
    friend bool operator==(const StaffCredential &, const StaffCredential &) = default;
};

/// Body of GET /api/v1/staff-credentials: {"staff": [StaffCredential, …]}, the active staff of the kiosk's desa.
struct StaffCredentials {
    QList<StaffCredential> staff;
    static constexpr int kMaxStaff = 100;

    [[nodiscard]] QByteArray toJson() const;
    /// Refuses a body over kMaxBodyBytes, more than kMaxStaff entries, an entry with a bad username, lookup,
    /// salt or verifier length or iterations out of range, and a username or card lookup given twice.
    [[nodiscard]] static std::optional<StaffCredentials> fromJson(const QByteArray &json, QString *error = nullptr);
    friend bool operator==(const StaffCredentials &, const StaffCredentials &) = default;
};

/// Who collected a letter at the front office.
enum class CollectorKind {
    Holder, // holder: the applicant in person (NIK checked against the request on the kiosk)
    Representative, // representative: someone else, recorded with name, NIK and relationship
};

/// A representative's relationship to the letter's holder: wire word and the desk's label (Bahasa Indonesia).
struct CollectorRelationship {
    const char *wire;
    const char *label;
};

/// Every relationship a representative may have, in the order the desk offers them.
[[nodiscard]] const QList<CollectorRelationship> &collectorRelationships();
/// The label of relationship `wire`; empty when it is not one.
[[nodiscard]] QString collectorRelationshipLabel(const QString &wire);

/// Body of POST /api/v1/requests/{reg}/handover: who handed the letter over, when, and to whom.
/// An empty body (kiosks from before #12) is still accepted by the backend as actor "" with no collector.
struct HandoverBody {
    QString actor; // staff username
    QDateTime at; // UTC
    CollectorKind kind = CollectorKind::Holder;
    QString name; // the collector's name
    QString nik; // the collector's NIK, 16 digits
    QString relationship; // wire word of collectorRelationships(); empty for the holder

    [[nodiscard]] static QString kindToWire(CollectorKind kind);
    [[nodiscard]] QByteArray toJson() const;
    /// Refuses a body over kMaxBodyBytes, not JSON or not an object (`*notAnObject` set), and a missing or
    /// malformed actor, at, collector kind, name or NIK; a relationship is required from a representative only.
    [[nodiscard]] static std::optional<HandoverBody> fromJson(
        const QByteArray &json, QString *error = nullptr, bool *notAnObject = nullptr);
    friend bool operator==(const HandoverBody &, const HandoverBody &) = default;
};

/// What an officer asks the citizen to fix when returning a request (NEEDS_FIX), one item per field or page.
struct FixItem {
    /// "field:<key>" (a top-level form field, or name/address/purpose/phone), "document:<requirement index>",
    /// or empty for the request as a whole.
    QString target;
    QString reason; // in the officer's words, shown beside the field or page

    [[nodiscard]] static QString fieldTarget(const QString &key) { return QStringLiteral("field:") + key; }
    [[nodiscard]] static QString documentTarget(int requirement) { return QStringLiteral("document:") + QString::number(requirement); }
    /// The field key of a "field:" target; empty otherwise.
    [[nodiscard]] QString fieldKey() const;
    /// The requirement index of a "document:" target; -1 otherwise.
    [[nodiscard]] int documentRequirement() const;
    [[nodiscard]] QJsonObject toJsonObject() const;
    [[nodiscard]] static std::optional<FixItem> fromJsonObject(const QJsonObject &o, QString *error = nullptr);
    friend bool operator==(const FixItem &, const FixItem &) = default;
};

/// One step the backend recorded for a request.
struct TimelineEntry {
    Stage stage = Stage::Received;
    QDateTime at;
    QString note; // empty unless the view is detailed
    QString actorRole; // wire name of the officer's role ("kepala_desa"); never a person's name

    [[nodiscard]] QJsonObject toJsonObject() const;
    [[nodiscard]] static std::optional<TimelineEntry> fromJsonObject(const QJsonObject &o);
    friend bool operator==(const TimelineEntry &, const TimelineEntry &) = default;
};

/// Body of GET /api/v1/requests/{reg} and GET /api/v1/requests/by-token: a request as any kiosk of the
/// kecamatan may show it. Without proof (the ticket's status token in X-Status-Token, or the applicant's NIK
/// in X-Applicant-NIK) only the stage, its time, the masked name and the timeline's stages and dates;
/// `detailed` with proof: also notes, fix items, the form as last submitted and its pages.
struct RequestView {
    QString registrationNumber;
    QString serviceCode;
    Stage stage = Stage::Received;
    QDateTime stageAt;
    QString maskedName;
    QList<TimelineEntry> timeline; // oldest first
    bool letterAvailable = false;
    bool detailed = false;
    // Detailed only:
    QString note; // the last officer note
    QList<FixItem> fixes; // what to fix, when stage is NeedsFix
    int version = 1; // 1 = as submitted, +1 per revision
    bool citizenMayCancel = false; // no officer has acted yet
    QString name;
    QString address;
    QString purpose;
    QString phone;
    QJsonObject fields;
    QList<DocumentRef> documents;

    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<RequestView> fromJson(const QByteArray &json, QString *error = nullptr);
    friend bool operator==(const RequestView &, const RequestView &) = default;
};

/// How a citizen or staff member proves a request is theirs to change: the ticket's status token, the
/// applicant's NIK, or a signed-in staff member of the desa (actor).
struct RequestProof {
    QString statusToken;
    QString nik;
    QString actor; // staff username; empty when the citizen acts

    [[nodiscard]] bool isEmpty() const { return statusToken.isEmpty() && nik.isEmpty() && actor.isEmpty(); }
    friend bool operator==(const RequestProof &, const RequestProof &) = default;
};

/// Body of POST /api/v1/requests/{reg}/revisions (Idempotency-Key): the citizen's corrected request after
/// NEEDS_FIX, a new version of the same request. `documents` is the revision's whole page list (kept pages
/// and newly captured ones; new pages are uploaded like a request's).
struct RequestRevision {
    QString registrationNumber;
    int baseVersion = 1; // the version the fix was made on; 409 when the backend has moved on
    QString name;
    QString address;
    QString purpose;
    QString phone;
    QJsonObject fields;
    QList<DocumentRef> documents;
    RequestProof proof;
    QDateTime submittedAt; // UTC

    [[nodiscard]] QByteArray toJson() const;
    /// Refuses what SubmitRequest refuses, a version < 1 and a body without any proof.
    [[nodiscard]] static std::optional<RequestRevision> fromJson(const QByteArray &json, QString *error = nullptr);
    friend bool operator==(const RequestRevision &, const RequestRevision &) = default;
};

/// Body of POST /api/v1/requests/{reg}/cancel (Idempotency-Key): the citizen (with proof, before an officer
/// acted) or staff (any time before READY, with a reason) withdraws the request.
struct CancelBody {
    QString registrationNumber;
    QString reason; // required from staff
    RequestProof proof;
    QDateTime at; // UTC

    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<CancelBody> fromJson(const QByteArray &json, QString *error = nullptr);
    friend bool operator==(const CancelBody &, const CancelBody &) = default;
};

/// Limits applied by both sides before anything is stored.
inline constexpr int kMaxFieldLength = 500;
inline constexpr int kMaxBodyBytes = 64 * 1024;
/// Pages one request may name (requirements of a service are fewer; a revision keeps old and new pages).
inline constexpr int kMaxDocumentsPerRequest = 40;

} // namespace serverlink
