#pragma once

#include "backendstore.h"
#include "kioskca.h"

#include <QDateTime>
#include <QSet>
#include <QString>
#include <chrono>
#include <mutex>
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

/// A client certificate the TLS layer verified against the kiosk CA (possibly expired), before the registry is asked.
struct PresentedCertificate {
    QString kioskId; // CN
    QString desaCode; // OU
    QString fingerprint;
    QByteArray der;
    bool expired = false; // chains to the kiosk CA but its notAfter has passed
};

/// A certificate issued by POST /renew; `replayed` when the same CSR came again and got the same certificate.
struct RenewedCertificate {
    KioskCertificate certificate;
    bool replayed = false;
};

/// The kiosk registry: one-time enrollment codes, signing kiosk CSRs with the kiosk CA,
/// and the check that a presented certificate is the kiosk's current, unrevoked one.
class KioskRegistry
{
public:
    static constexpr std::chrono::hours kDefaultCodeLifetime {24};
    /// How long a renewed certificate's predecessor stays accepted if the new one is never used:
    /// a kiosk that lost the answer retries within minutes, or days after a power or network cut.
    static constexpr std::chrono::hours kRenewalGrace {7 * 24};

    explicit KioskRegistry(BackendStore &store, std::optional<KioskCa> ca = std::nullopt);

    [[nodiscard]] bool canEnroll() const { return m_ca.has_value(); }
    /// A new single-use code for one kiosk id in one desa, valid for `lifetime` from `now`.
    [[nodiscard]] Result<EnrollmentCode> createCode(const QString &desaCode, const QString &kioskId, std::chrono::seconds lifetime,
        const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Uses a code: checks the code (unknown, used, expired) and only then the CSR, signs a certificate named
    /// after the code's kiosk and desa, and makes it the kiosk's only accepted certificate.
    [[nodiscard]] serverlink::Expected<KioskCertificate, EnrollmentRefusal> enroll(const QString &code, const QByteArray &csrPem);
    /// The registry entry for a verified client certificate, or why it is refused.
    /// The current certificate is accepted, and its predecessor while a renewal's answer may have been lost
    /// (within kRenewalGrace, until the new one is used); an expired one is told to re-enrol.
    [[nodiscard]] serverlink::Expected<KioskRecord, KioskRejection> authenticate(
        const QString &kioskId, const QString &desaCode, const QString &fingerprint, bool expired = false);
    /// Renews the presented certificate: a new certificate for the CSR's new key, same kiosk id and desa,
    /// recorded as the successor of the presented one. The same CSR again gets the same certificate again.
    [[nodiscard]] serverlink::Expected<RenewedCertificate, EnrollmentRefusal> renew(
        const PresentedCertificate &presented, const QByteArray &csrPem, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Registers a certificate issued outside enrollment (e.g. by scripts/make-test-pki) as its kiosk's current one.
    [[nodiscard]] Result<KioskRecord> registerCertificate(const QByteArray &certificatePem);

    /// Upper case, without separators: what the technician typed, as it is hashed.
    [[nodiscard]] static QString normaliseCode(const QString &typed);
    [[nodiscard]] static bool isValidKioskId(const QString &kioskId);

private:
    /// Ends the predecessor's grace at the first request made with a renewed certificate.
    void noteUsed(const QString &fingerprint);

    BackendStore &m_store;
    std::optional<KioskCa> m_ca;
    std::mutex m_usedMutex;
    QSet<QString> m_used; // current fingerprints already seen in use: no store write per request
};

} // namespace backend
