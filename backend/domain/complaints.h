#pragma once

#include "backendstore.h"
#include "protocol.h"
#include "result.h"
#include "workflow.h"

#include <QList>
#include <QString>

namespace backend {

class OfficeDirectory;

/// Whether an officer acting in `capacities` follows up complaints filed at kiosks of desa `desaCode`: the
/// kasi pelayanan, camat and admin kecamatan of its kecamatan, the desa's own sekretaris desa, a super admin.
[[nodiscard]] bool handlesComplaintsOf(const QList<Capacity> &capacities, const OfficeDirectory &offices, const QString &desaCode);

/// Complaints (pengaduan), shared by the kiosk API and the console: filed once per kiosk and id, read back by
/// the slip's token at any kiosk of the kecamatan, followed up (Baru → Diproses → Selesai) with an answer that
/// is sent by SMS when the citizen left a phone.
class Complaints
{
public:
    Complaints(BackendStore &store, const OfficeDirectory &offices);

    /// Stores `body` sent by kiosk `kioskId` of desa `desaCode` (`rawBody`: the bytes as sent, for the idempotency check).
    [[nodiscard]] Result<std::pair<InsertOutcome, ComplaintRecord>> file(
        const QString &kioskId, const QString &desaCode, const QByteArray &rawBody, const serverlink::ComplaintBody &body);
    /// What a kiosk of desa `askingDesa` shows for the slip (`number`, `token`): Forbidden for another kecamatan,
    /// NotFound for an unknown number or a token that does not match (the two are not told apart).
    [[nodiscard]] Result<serverlink::ComplaintView> view(const QString &askingDesa, const QString &number, const QString &token);
    /// Sets status and answer as officer `actor` (acting in `capacities`); the SMS of a new answer is queued in the
    /// same transaction. Forbidden when the officer does not handle this desa's complaints.
    [[nodiscard]] Result<ComplaintRecord> followUp(const QList<Capacity> &capacities, const QString &actor, const QString &number,
        serverlink::ComplaintStatus status, const QString &answer, const QDateTime &now = QDateTime::currentDateTimeUtc());

    /// The longest answer an officer may write.
    static constexpr int kMaxAnswerLength = 1000;

private:
    BackendStore &m_store;
    const OfficeDirectory &m_offices;
};

/// The view a kiosk gets of a stored complaint (no NIK, phone or text: the slip's holder wrote those).
[[nodiscard]] serverlink::ComplaintView complaintView(const ComplaintRecord &record);

} // namespace backend
