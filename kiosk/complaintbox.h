#pragma once

#include "kioskresult.h"
#include "protocol.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <functional>

namespace kiosk {

class KioskStore;

/// A complaint as the citizen gave it at the kiosk; NIK and phone may be empty (anonymous, no SMS answer).
struct NewComplaint {
    QString category; // wire word of serverlink::complaintCategories()
    QString text;
    QString nik;
    QString phone;
};

/// A complaint committed on this kiosk: what its slip prints. The token exists only here and on the slip's QR.
struct FiledComplaint {
    QString number; // "PGD-XXXXX-XXXXX"
    QString token; // 128 random bits, base64url
    QString category;
    QDateTime filedAt;

    /// The slip's QR text (serverlink::complaintqr).
    [[nodiscard]] QString qrPayload() const;
};

/// Complaints filed at this kiosk, committed before the slip prints and delivered exactly once (POST
/// /api/v1/complaints with the complaint's id as Idempotency-Key). The body (NIK, phone, text, the token's hash)
/// is sealed with the device key, bound to the number, and dropped once the backend has it.
class ComplaintBox
{
public:
    using Clock = std::function<QDateTime()>;
    ComplaintBox(const KioskStore &store, QByteArray deviceKey, Clock clock = &QDateTime::currentDateTimeUtc);

    /// Checks and commits `complaint` (InvalidData with a sentence for the citizen when it fails a check).
    [[nodiscard]] Result<FiledComplaint> file(const NewComplaint &complaint);
    /// Complaints the backend does not have yet, oldest first (parked ones are not offered again).
    [[nodiscard]] QList<serverlink::ComplaintBody> due(int limit = 20) const;
    /// The backend has complaint `number`: its sealed body is dropped.
    [[nodiscard]] Status markDelivered(const QString &number);
    /// The backend refused complaint `number` for good; kept with `reason` for the technician.
    [[nodiscard]] Status park(const QString &number, const QString &reason);
    /// Complaints waiting for delivery (not parked).
    [[nodiscard]] int pending() const;

private:
    const KioskStore &m_store;
    QByteArray m_key;
    Clock m_clock;
};

} // namespace kiosk
