#pragma once

#include "enrollment.h"

#include <QDateTime>
#include <QString>

namespace serverlink {

class LinkClient;

/// What this kiosk's client certificate allows, as the link and `kioskctl status` see it.
enum class CertificateState {
    Valid,
    RenewalDue, // fewer than renewBeforeDays left: the kiosk renews it itself (POST /renew)
    Expired, // only a new enrollment code helps now
    Missing, // not enrolled yet
};

/// Renews this kiosk's client certificate over its current mutual-TLS identity, without a code:
/// a new P-256 key is made on the kiosk, kept beside the old one (`<key>.renew`, 0600) with its CSR until
/// the backend's answer is on disk, so a retry after a lost answer sends the same CSR and gets the same
/// certificate. The new pair replaces the old one by two renames that recover() completes after a crash.
class CertificateRenewal
{
public:
    using Paths = KioskEnrollment::Paths;
    static constexpr int kDefaultRenewBeforeDays = 30;

    /// POST /renew through `client` (which presents the current certificate), then swaps key and certificate.
    [[nodiscard]] static Expected<EnrolledIdentity, EnrollmentFailure> renew(LinkClient &client, const Paths &paths);
    /// Finishes a swap that a crash interrupted; true when the key and certificate on disk belong together.
    static bool recover(const Paths &paths);
    /// Saves `certificatePem` beside the waiting key (pendingKeyFile) and swaps both in by two renames: a crash or a
    /// failure at any point leaves the previous pair in place or a state recover() completes. Enrollment and renewal.
    [[nodiscard]] static bool install(const Paths &paths, const QByteArray &certificatePem);
    /// The state of the certificate in `certificateFile` at `now`.
    [[nodiscard]] static CertificateState state(
        const QString &certificateFile, int renewBeforeDays, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// The state of a certificate valid until `notAfter` (invalid: none) at `now`.
    [[nodiscard]] static CertificateState stateAt(
        const QDateTime &notAfter, int renewBeforeDays, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// The state's wire word in the heartbeat: valid, renewal_due, expired, missing.
    [[nodiscard]] static QString stateToWire(CertificateState state);
    /// What the technician and the staff see for a state (Bahasa Indonesia); empty when nothing needs doing.
    [[nodiscard]] static QString stateMessage(CertificateState state);

    [[nodiscard]] static QString pendingKeyFile(const Paths &paths) { return paths.keyFile + QStringLiteral(".renew"); }
    [[nodiscard]] static QString pendingCsrFile(const Paths &paths) { return paths.keyFile + QStringLiteral(".renew.csr"); }
    [[nodiscard]] static QString pendingCertificateFile(const Paths &paths) { return paths.certificateFile + QStringLiteral(".renew"); }
};

} // namespace serverlink
