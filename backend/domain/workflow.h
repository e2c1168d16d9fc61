#pragma once

#include "backendstore.h"
#include "letterrenderer.h"
#include "officers.h"
#include "offices.h"
#include "protocol.h"
#include "result.h"
#include "sealservice.h"
#include "servicecatalog.h"

#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace backend {

/// The rules of the request lifecycle (DESIGN.md §3); nothing else decides which stage may follow which.
namespace lifecycle {
/// Allowed, or why not (TransitionNotAllowed, ReasonRequired for NEEDS_FIX/REJECTED without a note).
[[nodiscard]] Status checkTransition(serverlink::ServiceLevel level, serverlink::Stage from, serverlink::Stage to, const QString &note);
/// The next step on the way to READY, or nullopt when approving cannot go on from here.
[[nodiscard]] std::optional<serverlink::Stage> nextApprovalStage(serverlink::ServiceLevel level, serverlink::Stage from);
/// The stage whose transition is the signature that gives the letter its nomor surat.
[[nodiscard]] serverlink::Stage signingStage(serverlink::ServiceLevel level);
/// Registration numbers become file names: letters, digits and '-' only, at most 64.
[[nodiscard]] bool isValidRegistrationNumber(const QString &registrationNumber);
} // namespace lifecycle

/// What an officer does to a request at its current stage.
enum class OfficerAction {
    Approve, // forward to the next step; at a signing stage this is the signature
    Return, // back to the citizen/desa for fixes (NEEDS_FIX), reason required
    Reject, // REJECTED, reason required
    HandOver, // READY → HANDED_OVER at the desa front desk
};

[[nodiscard]] QString actionLabel(OfficerAction action);
/// The word a form or the command line names an action with: setujui, kembalikan, tolak, serahkan.
[[nodiscard]] QString officerActionToWire(OfficerAction action);
[[nodiscard]] std::optional<OfficerAction> officerActionFromWire(const QString &wire);
/// Approving at RECEIVED or NEEDS_FIX is the document check: every requirement must be ticked.
[[nodiscard]] bool isDocumentCheck(serverlink::Stage from, OfficerAction action);

/// Which role may take which step at which stage and level: the one table of officer rights.
namespace roles {
/// The stage `action` leads to from `from`, or nullopt when the lifecycle has no such step.
[[nodiscard]] std::optional<serverlink::Stage> targetStage(serverlink::ServiceLevel level, serverlink::Stage from, OfficerAction action);
/// Whether `role` may take `action` on a request of `level` at stage `from` (office scope aside).
[[nodiscard]] bool mayAct(Role role, serverlink::ServiceLevel level, serverlink::Stage from, OfficerAction action);
/// Approving at `from` is a signature (kepala desa at DESA_REVIEW, camat at KECAMATAN_REVIEW).
[[nodiscard]] bool isSigning(serverlink::ServiceLevel level, serverlink::Stage from);
/// The roles that move a request of `level` on from `from` (may approve there; super admin aside):
/// the officers an SLA reminder goes to. Empty where nobody approves (READY follows by itself).
[[nodiscard]] QList<Role> responsibleRoles(serverlink::ServiceLevel level, serverlink::Stage from);
/// Whether `role` needs a request's personal data (name, NIK, address, form fields, pages, letter) at `stage`
/// (least privilege, docs/decisions/0033): desa roles and the super admin always; the kecamatan's front office,
/// kasi pelayanan and camat only on kecamatan-level requests the desa has signed (DESA_SIGNED up to
/// HANDED_OVER); the admin kecamatan and the teknisi never. Others see the request masked.
[[nodiscard]] bool seesPersonalData(Role role, serverlink::ServiceLevel level, serverlink::Stage stage);
/// The office a holder of `role` must belong to for a request of `desaCode` (kecamatan roles: `kecamatanCode`).
[[nodiscard]] QString officeOf(Role role, const QString &desaCode, const QString &kecamatanCode);
} // namespace roles

/// Leave and delegation (decision 0005), shared by the console's capacities and the reminders.
namespace leave {
/// A new leave with its delegate, as the admin's form gives it: another officer of the same office,
/// valid dates (ends not before starts) and a reason; InvalidData says what to correct.
[[nodiscard]] Status checkDelegation(const DelegationRecord &leave, const OfficerRecord &absent, const OfficerRecord &delegate);
/// Whether a delegation puts `officerId` on leave on `day`.
[[nodiscard]] bool isOnLeave(const QList<DelegationRecord> &delegations, qint64 officerId, const QDate &day);
/// The officers acting in `role` for `office` on `day`: active holders not on leave, and for a holder
/// on leave the active colleague(s) delegated to act for them. Each officer once.
[[nodiscard]] QList<OfficerRecord> actingOfficers(
    const QList<OfficerRecord> &officers, const QList<DelegationRecord> &delegations, Role role, const QString &office, const QDate &day);
} // namespace leave

/// A role and office an officer acts in today: their own, or one delegated to them by a colleague on leave.
struct Capacity {
    Role role;
    QString office;
    QString onBehalfOf; // display name of the officer on leave; empty for the officer's own role
};

/// Who acts on a request, recorded with each event.
struct Actor {
    QString name; // as recorded; a delegate: "<delegate> a.n. <officer on leave>"
    QString role; // the role acted in (a delegate: the absent officer's)
    QString delegateName = {}; // a delegate only: their own name and position ("Sekretaris Desa"),
    QString delegatePosition = {}; // printed under "a.n. …" on a letter they sign
};

/// Officer and kiosk actions on requests; every stage change of the backend goes through here.
class Workflow
{
public:
    /// With `seals`, every letter gets an SQ2 seal (QR + archived canonical text); without, none.
    Workflow(BackendStore &store, const ServiceCatalog &catalog, const OfficeDirectory &offices, const LetterRenderer &renderer,
        QString lettersDir, SealService *seals = nullptr);

    /// An officer's step: checks role, office scope, leave and delegation, records who/role/note;
    /// a signature on the last signing stage continues to READY (letter rendered and sealed).
    /// The document check (isDocumentCheck) needs every requirement of the service in `checkedRequirements`
    /// (0-based indices into ServiceInfo::requirements), else ChecklistIncomplete names the first one missing.
    /// With `seenStage` (the stage the officer decided on, e.g. whether a passphrase was needed), a request that has
    /// moved on since is refused with TransitionNotAllowed; the store applies the step only if the stage is still that.
    [[nodiscard]] Result<RequestRecord> act(const QString &registrationNumber, const OfficerRecord &officer, OfficerAction action,
        const QString &note = {}, const QList<int> &checkedRequirements = {}, std::optional<serverlink::Stage> seenStage = std::nullopt);
    /// Returns the request for fixes (NEEDS_FIX) with what the citizen must fix: each item a field, a requirement's
    /// page or the request as a whole, with its reason (requestlife::checkFixItems); the note lists them all.
    [[nodiscard]] Result<RequestRecord> returnForFixes(
        const QString &registrationNumber, const OfficerRecord &officer, const QList<serverlink::FixItem> &fixes);
    /// The desa master data the workflow reads (kecamatan of a desa, signers; the API scopes look-ups and complaints by it).
    [[nodiscard]] const OfficeDirectory &offices() const { return m_offices; }
    /// The capacities of `officer` on `day`: own role unless on leave, plus roles delegated by colleagues on leave.
    [[nodiscard]] Result<QList<Capacity>> capacities(const OfficerRecord &officer, const QDate &day) const;
    /// Actions `officer` may take on `request` today (empty: nothing to do or no right to).
    [[nodiscard]] QList<OfficerAction> allowedActions(const QList<Capacity> &capacities, const RequestRecord &request) const;
    /// Whether the request lies inside one of the capacities' offices (desa officers: their desa only).
    [[nodiscard]] bool inScope(const QList<Capacity> &capacities, const RequestRecord &request) const;
    /// Whether one of the capacities that cover `request` needs its personal data (roles::seesPersonalData).
    [[nodiscard]] bool seesPersonalData(const QList<Capacity> &capacities, const RequestRecord &request) const;
    /// The letter as it would be printed now (no nomor or seal yet when unsigned), as PDF bytes.
    [[nodiscard]] Result<QByteArray> previewLetter(const RequestRecord &request) const;
    /// The wording of the request's letter as it stands (nomor surat empty until signed).
    [[nodiscard]] Result<LetterContent> composeLetter(const RequestRecord &record) const;
    /// Front office handed the letter over, recorded with who did it and to whom (`handover`; nullopt from a
    /// kiosk that sent no body: actor ""). Repeating it is harmless. Other desas see NotFound; a holder whose
    /// NIK is not the request's is InvalidData.
    [[nodiscard]] Result<RequestRecord> handOver(const QString &registrationNumber, const QString &desaCode, const QString &kioskId,
        const std::optional<serverlink::HandoverBody> &handover = std::nullopt);

private:
    [[nodiscard]] Result<RequestRecord> step(const RequestRecord &current, serverlink::Stage to, const Actor &actor, const QString &note,
        std::optional<HandoverRecord> handover = std::nullopt, const QList<serverlink::FixItem> &fixes = {});
    [[nodiscard]] Result<RequestRecord> actWith(const QString &registrationNumber, const OfficerRecord &officer, OfficerAction action,
        const QString &note, const QList<int> &checkedRequirements, const QList<serverlink::FixItem> &fixes,
        std::optional<serverlink::Stage> seenStage = std::nullopt);
    [[nodiscard]] bool covers(const Capacity &capacity, const RequestRecord &request) const;

    BackendStore &m_store;
    const ServiceCatalog &m_catalog;
    const OfficeDirectory &m_offices;
    const LetterRenderer &m_renderer;
    QString m_lettersDir;
    SealService *m_seals;
};

} // namespace backend
