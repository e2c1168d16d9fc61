#pragma once

#include "backendstore.h"
#include "kioskca.h"

#include <QDateTime>
#include <QString>
#include <chrono>
#include <optional>

namespace backend {

/// A freshly made one-time code, shown once to the admin; only its hash is stored.
struct EnrollmentCode {
    QString code; // XXXX-XXXX-XXXX-XXXX, 80 random bits
    QString kioskId;
    QString desaCode;
    QDateTime expiresAt;
};

/// Why a kiosk's enrollment was refused, with the HTTP status and error code the API answers.
struct EnrollmentRefusal {
    int httpStatus;
    QString errorCode;
    QString message; // Bahasa Indonesia, says what to do next
};

/// Why a presented client certificate is not (or no longer) accepted.
struct KioskRejection {
    int httpStatus;
    QString errorCode;
    QString message;
};

/// The kiosk registry: one-time enrollment codes, signing kiosk CSRs with the kiosk CA,
/// and the check that a presented certificate is the kiosk's current, unrevoked one.
class KioskRegistry
{
public:
    static constexpr std::chrono::hours kDefaultCodeLifetime {24};

    explicit KioskRegistry(BackendStore &store, std::optional<KioskCa> ca = std::nullopt);

    [[nodiscard]] bool canEnroll() const { return m_ca.has_value(); }
    /// A new single-use code for one kiosk id in one desa, valid for `lifetime` from `now`.
    [[nodiscard]] Result<EnrollmentCode> createCode(const QString &desaCode, const QString &kioskId, std::chrono::seconds lifetime,
        const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Uses a code: checks the CSR, signs a certificate named after the code's kiosk and desa,
    /// and makes it the kiosk's only accepted certificate.
    [[nodiscard]] serverlink::Expected<KioskCertificate, EnrollmentRefusal> enroll(const QString &code, const QByteArray &csrPem);
    /// The registry entry for a verified client certificate, or why it is refused.
    [[nodiscard]] serverlink::Expected<KioskRecord, KioskRejection> authenticate(
        const QString &kioskId, const QString &desaCode, const QString &fingerprint);
    /// Registers a certificate issued outside enrollment (e.g. by scripts/make-test-pki) as its kiosk's current one.
    [[nodiscard]] Result<KioskRecord> registerCertificate(const QByteArray &certificatePem);

    /// Upper case, without separators: what the technician typed, as it is hashed.
    [[nodiscard]] static QString normaliseCode(const QString &typed);
    [[nodiscard]] static bool isValidKioskId(const QString &kioskId);

private:
    BackendStore &m_store;
    std::optional<KioskCa> m_ca;
};

} // namespace backend
