#pragma once

#include "backendstore.h"
#include "offices.h"
#include "protocol.h"
#include "result.h"
#include "servicecatalog.h"

#include <QList>
#include <QString>
#include <optional>

namespace backend {

/// The kiosk that asks, as its verified certificate and the registry name it.
struct KioskCaller {
    QString kioskId;
    QString desaCode;
};

/// One difference between two versions of a request: a field's text, or a requirement's page.
struct VersionChange {
    QString label; // the field's label, or the requirement as the citizen saw it
    QString before; // empty: added
    QString after; // empty: removed
    bool document = false; // a page: before/after name it ("halaman baru", "halaman lama")
};

/// The rules of a request's life after submission (issue #13): who may see how much of it from which
/// kiosk, what a revision after NEEDS_FIX must be and where it takes the request, who may cancel it when.
namespace requestlife {
/// The stage the request was at when it was last returned (NEEDS_FIX): where a revision takes it back.
[[nodiscard]] std::optional<serverlink::Stage> returnedFrom(const QList<EventRecord> &events);
/// Whether an officer has acted on the request: any event that is not the kiosk's own submission.
[[nodiscard]] bool officerActed(const QList<EventRecord> &events);
/// Stages at which front-office staff may still cancel a request (before READY).
[[nodiscard]] bool staffMayCancel(serverlink::Stage stage);
/// Whether the citizen may cancel: the request is still where the kiosk put it and no officer acted.
[[nodiscard]] bool citizenMayCancel(serverlink::Stage stage, const QList<EventRecord> &events);
/// The label of a fix target for the officer and the citizen: the field's label, the requirement's text, or
/// "Permohonan secara umum"; empty when the target is not one of the service's.
[[nodiscard]] QString targetLabel(const ServiceInfo &service, const QString &target);
/// Checks fix items against the service (each target one of its fields or requirements, each with a
/// reason); InvalidData says which one is wrong.
[[nodiscard]] Status checkFixItems(const ServiceInfo &service, const QList<serverlink::FixItem> &fixes);
/// The event note of a return with fix items: "<label>: <reason>" joined with "; ".
[[nodiscard]] QString fixNote(const ServiceInfo &service, const QList<serverlink::FixItem> &fixes);
/// What `after` changed against `before`, field by field (catalog order, then any other key) and page by page.
[[nodiscard]] QList<VersionChange> changes(
    const ServiceInfo &service, const RequestVersionRecord &before, const RequestVersionRecord &after);
/// Lowercase hex SHA-256 of a ticket's status token, as the kiosk sends it in SubmitRequest::statusTokenHash.
[[nodiscard]] QString statusTokenHash(const QString &statusToken);
/// Whether the ticket's status token or the applicant's NIK (16 digits, in full) proves the request is the
/// caller's; both comparisons always run, in constant time, so a wrong token and a wrong NIK take the same path.
[[nodiscard]] bool citizenProves(const RequestRecord &request, const QString &statusToken, const QString &nik);
} // namespace requestlife

/// Look-up, revision and cancellation of a request by the kiosks of its kecamatan (GET /requests/{reg},
/// GET /ticket, POST /requests/{reg}/revisions, POST /requests/{reg}/cancel).
class RequestLife
{
public:
    RequestLife(BackendStore &store, const ServiceCatalog &catalog, const OfficeDirectory &offices);

    /// The request as `caller` may show it: brief without proof or with a wrong one (same shape), detailed with
    /// the ticket's status token or the applicant's NIK. NotFound for an unknown number or another kecamatan's.
    [[nodiscard]] Result<serverlink::RequestView> view(
        const KioskCaller &caller, const QString &registrationNumber, const QString &statusToken, const QString &nik);
    /// The request a ticket's status token belongs to, detailed; NotFound when none of the caller's kecamatan.
    [[nodiscard]] Result<serverlink::RequestView> viewByToken(const KioskCaller &caller, const QString &statusToken);
    /// Stores a revision as the next version and takes the request back to the step it was returned from.
    /// Forbidden without valid proof; TransitionNotAllowed when not at NEEDS_FIX; VersionConflict on a stale
    /// base version; IdempotencyConflict for a key used with another body; InvalidData for a bad phone number.
    [[nodiscard]] Result<InsertResult> revise(
        const KioskCaller &caller, const QString &idempotencyKey, const QString &bodySha256, const serverlink::RequestRevision &revision);
    /// Cancels: the citizen with proof before an officer acted, staff of the desa before READY with a reason.
    /// Already cancelled: the request as it is. Forbidden without valid proof; TransitionNotAllowed when too late.
    [[nodiscard]] Result<RequestRecord> cancel(const KioskCaller &caller, const serverlink::CancelBody &body);

private:
    /// Who proved what: a citizen (token or NIK matched) or a staff member of the request's desa.
    struct Proven {
        bool citizen = false;
        QString staff; // the active staff account's username
    };
    [[nodiscard]] Result<RequestRecord> visible(const KioskCaller &caller, const QString &registrationNumber);
    [[nodiscard]] bool sameKecamatan(const QString &desaA, const QString &desaB) const;
    [[nodiscard]] Proven prove(const KioskCaller &caller, const RequestRecord &request, const serverlink::RequestProof &proof);
    [[nodiscard]] Result<serverlink::RequestView> compose(const RequestRecord &request, bool detailed);

    BackendStore &m_store;
    const ServiceCatalog &m_catalog;
    const OfficeDirectory &m_offices;
};

} // namespace backend
