#pragma once

#include "backendstore.h"
#include "letterrenderer.h"
#include "offices.h"
#include "protocol.h"
#include "result.h"
#include "sealservice.h"
#include "servicecatalog.h"

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

/// Who acts on a request, recorded with each event.
struct Actor {
    QString name;
    QString role;
};

/// Officer and kiosk actions on requests; every stage change of the backend goes through here.
class Workflow
{
public:
    /// With `seals`, every letter gets an SQ1 seal (QR + archived canonical text); without, none.
    Workflow(BackendStore &store, const ServiceCatalog &catalog, const OfficeDirectory &offices, const LetterRenderer &renderer,
        QString lettersDir, SealService *seals = nullptr);

    /// One step to `to`; signing allocates the nomor surat, READY seals, renders and attaches the letter.
    [[nodiscard]] Result<RequestRecord> advance(
        const QString &registrationNumber, serverlink::Stage to, const Actor &actor, const QString &note = {});
    /// Walks the request through every remaining step of its level up to READY.
    [[nodiscard]] Result<RequestRecord> approve(const QString &registrationNumber, const QString &officer);
    [[nodiscard]] Result<RequestRecord> reject(const QString &registrationNumber, const QString &reason, const QString &officer);
    /// Front office handed the letter over; repeating it is harmless. Other desas see NotFound.
    [[nodiscard]] Result<RequestRecord> handOver(const QString &registrationNumber, const QString &desaCode, const QString &kioskId);

private:
    [[nodiscard]] Result<RequestRecord> step(const RequestRecord &current, serverlink::Stage to, const Actor &actor, const QString &note);
    [[nodiscard]] Result<LetterContent> composeLetter(const RequestRecord &record) const;

    BackendStore &m_store;
    const ServiceCatalog &m_catalog;
    const OfficeDirectory &m_offices;
    const LetterRenderer &m_renderer;
    QString m_lettersDir;
    SealService *m_seals;
};

} // namespace backend
