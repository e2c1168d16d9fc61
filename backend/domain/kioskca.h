#pragma once

#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace backend {

/// A kiosk client certificate as issued or inspected: who it names and how to recognise it.
struct KioskCertificate {
    QString kioskId; // CN
    QString desaCode; // OU
    QString serialHex;
    QString fingerprint; // hex SHA-256 of the DER encoding
    QDateTime notBefore;
    QDateTime notAfter;
    QByteArray pem;
};

/// Why a CSR was not signed; every case is the kiosk's fault (HTTP 400), not the server's.
enum class CsrProblem { Unreadable, BadSignature, WrongKeyType };

/// The backend's kiosk CA: checks a kiosk's CSR and signs its client certificate.
/// The CA key stays in a 0600 PEM file; OpenSSL types never leave kioskca.cpp.
class KioskCa
{
public:
    static constexpr int kDefaultValidityDays = 730;

    /// Loads the CA certificate and key (PEM) and checks that they belong together.
    [[nodiscard]] static Result<KioskCa> load(const QString &certificateFile, const QString &keyFile);
    /// Makes a new self-signed P-256 CA (10 years) and writes both files (key 0600); refuses to overwrite.
    [[nodiscard]] static Status create(const QString &certificateFile, const QString &keyFile, const QString &commonName);

    /// Signs a client certificate for a P-256 CSR with a valid self-signature. CN and OU come
    /// from the arguments (the enrollment code), never from the CSR's subject.
    [[nodiscard]] serverlink::Expected<KioskCertificate, CsrProblem> sign(
        const QByteArray &csrPem, const QString &kioskId, const QString &desaCode, int validityDays = kDefaultValidityDays) const;

    /// Reads CN, OU, serial, fingerprint and validity of a PEM certificate (no trust decision).
    [[nodiscard]] static Result<KioskCertificate> inspect(const QByteArray &certificatePem);
    /// Whether `certificatePem` was signed by this CA.
    [[nodiscard]] bool issued(const QByteArray &certificatePem) const;
    /// Whether the CSR carries the public key of the DER certificate: a renewal must bring a new key pair.
    [[nodiscard]] static bool csrReusesKey(const QByteArray &csrPem, const QByteArray &certificateDer);
    /// Hex SHA-256 of a DER-encoded certificate (what the registry stores and the TLS layer sees).
    [[nodiscard]] static QString fingerprintOfDer(const QByteArray &der);

    [[nodiscard]] QByteArray certificatePem() const { return m_certificatePem; }

private:
    KioskCa(QByteArray certificatePem, QByteArray keyPem);

    QByteArray m_certificatePem;
    QByteArray m_keyPem;
};

} // namespace backend
