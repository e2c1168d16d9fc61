#pragma once

#include "expected.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <optional>

namespace serverlink {

/// What the backend's kiosk CA issued to this kiosk.
struct EnrolledIdentity {
    QString kioskId;
    QString desaCode;
    QString serial;
    QDateTime notAfter;
};

/// Why enrollment did not happen; the files already in place are left untouched.
struct EnrollmentFailure {
    enum class Kind { Key, Network, Tls, Refused, BadResponse, Io };
    Kind kind;
    int httpStatus = 0; // for Refused
    QString errorCode; // the backend's error code, for Refused
    QString message; // Bahasa Indonesia: what happened and what to do next
};

/// A fresh P-256 key pair and a PKCS#10 request signed with it (both PEM).
struct KeyAndCsr {
    QByteArray privateKeyPem;
    QByteArray csrPem;
};

/// Enrolls this kiosk with a one-time code: makes a P-256 key on the kiosk, sends only the CSR
/// (over TLS pinned to the deployment CA, no client certificate yet) and saves the issued
/// certificate beside the key (0600). The backend names the certificate after the code.
class KioskEnrollment
{
public:
    struct Paths {
        QString caFile; // pinned deployment CA
        QString certificateFile; // written: the issued client certificate
        QString keyFile; // written: the private key, mode 0600
    };

    [[nodiscard]] static Expected<EnrolledIdentity, EnrollmentFailure> enroll(
        const QString &baseUrl, const QString &code, const Paths &paths, const QString &requestedKioskId = {});

    /// The key and CSR enroll() sends; the CSR's subject is only a hint, the backend ignores it.
    [[nodiscard]] static std::optional<KeyAndCsr> generateKeyAndCsr(const QString &commonName);
    /// The identity and expiry in a PEM certificate file (for `kioskctl status`); nullopt when unreadable.
    [[nodiscard]] static std::optional<EnrolledIdentity> describeCertificate(const QString &certificateFile);
    /// Writes through QSaveFile with the temporary file already 0600, and the result 0600.
    [[nodiscard]] static bool writePrivateFile(const QString &path, const QByteArray &bytes);
};

} // namespace serverlink
