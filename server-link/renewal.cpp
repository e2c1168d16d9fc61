#include "renewal.h"

#include "linkclient.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <cstdio>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace serverlink {

namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Whether the PEM certificate carries the public key of the PEM private key.
bool pairMatches(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    if (certificatePem.isEmpty() || keyPem.isEmpty())
        return false;
    Bio certBio(BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())), &BIO_free);
    Bio keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())), &BIO_free);
    Cert certificate(certBio ? PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr) : nullptr, &X509_free);
    Pkey key(keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
    return certificate && key && X509_check_private_key(certificate.get(), key.get()) == 1;
}

bool filesMatch(const QString &certificateFile, const QString &keyFile)
{
    return pairMatches(readFile(certificateFile), readFile(keyFile));
}

/// rename(2): atomic, and it replaces the target (QFile::rename refuses to).
bool replaceWith(const QString &from, const QString &to)
{
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

EnrollmentFailure failure(EnrollmentFailure::Kind kind, const QString &message)
{
    return EnrollmentFailure {kind, 0, {}, message};
}

void forgetPending(const CertificateRenewal::Paths &paths)
{
    QFile::remove(CertificateRenewal::pendingCsrFile(paths));
    QFile::remove(CertificateRenewal::pendingKeyFile(paths));
    QFile::remove(CertificateRenewal::pendingCertificateFile(paths));
}

} // namespace

bool CertificateRenewal::recover(const Paths &paths)
{
    const QString pendingKey = pendingKeyFile(paths);
    const QString pendingCertificate = pendingCertificateFile(paths);
    if (filesMatch(pendingCertificate, pendingKey)) {
        // Crashed (or failed) after the answer was saved, before the swap: the backend already issued it and has
        // replaced the old certificate, so the waiting pair is the one that works.
        replaceWith(pendingCertificate, paths.certificateFile);
        replaceWith(pendingKey, paths.keyFile);
    } else if (!filesMatch(paths.certificateFile, paths.keyFile)) {
        // Crashed between the two renames: the half still waiting completes the pair.
        if (filesMatch(paths.certificateFile, pendingKey))
            replaceWith(pendingKey, paths.keyFile);
        else if (filesMatch(pendingCertificate, paths.keyFile))
            replaceWith(pendingCertificate, paths.certificateFile);
    }
    const bool works = filesMatch(paths.certificateFile, paths.keyFile);
    if (works && !QFile::exists(pendingKey))
        QFile::remove(pendingCsrFile(paths));
    if (works && filesMatch(paths.certificateFile, pendingKey))
        forgetPending(paths);
    return works;
}

bool CertificateRenewal::install(const Paths &paths, const QByteArray &certificatePem)
{
    // The answer is on disk before anything is replaced; from here recover() can always finish the swap.
    QSaveFile answer(pendingCertificateFile(paths));
    if (!answer.open(QIODevice::WriteOnly) || answer.write(certificatePem) != certificatePem.size() || !answer.commit())
        return false;
    return replaceWith(pendingCertificateFile(paths), paths.certificateFile) && replaceWith(pendingKeyFile(paths), paths.keyFile);
}

Expected<EnrolledIdentity, EnrollmentFailure> CertificateRenewal::renew(LinkClient &client, const Paths &paths)
{
    using Kind = EnrollmentFailure::Kind;
    recover(paths);
    const auto current = KioskEnrollment::describeCertificate(paths.certificateFile);
    if (!current)
        return failure(Kind::Io,
            QStringLiteral("Sertifikat anjungan di %1 tidak dapat dibaca. Daftarkan anjungan dengan kioskctl enroll --code KODE.")
                .arg(paths.certificateFile));

    // The key and CSR of an attempt whose answer may have been lost are sent again, never replaced.
    QByteArray keyPem = readFile(pendingKeyFile(paths));
    QByteArray csrPem = readFile(pendingCsrFile(paths));
    if (keyPem.isEmpty() || csrPem.isEmpty()) {
        const auto fresh = KioskEnrollment::generateKeyAndCsr(current->kioskId);
        if (!fresh)
            return failure(
                Kind::Key, QStringLiteral("Kunci baru anjungan tidak dapat dibuat. Coba lagi; bila tetap gagal, hubungi teknisi."));
        keyPem = fresh->privateKeyPem;
        csrPem = fresh->csrPem;
        if (!KioskEnrollment::writePrivateFile(pendingKeyFile(paths), keyPem)
            || !KioskEnrollment::writePrivateFile(pendingCsrFile(paths), csrPem))
            return failure(
                Kind::Io, QStringLiteral("Kunci baru tidak dapat disimpan di %1. Periksa hak akses folder.").arg(pendingKeyFile(paths)));
    }

    const QJsonObject body {{QStringLiteral("csr"), QString::fromLatin1(csrPem)}};
    const LinkResponse response = client.post(QStringLiteral("/renew"), QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (response.error == LinkError::Tls)
        return failure(
            Kind::Tls, QStringLiteral("Sambungan aman ke server gagal (%1). Periksa sertifikat dan jam anjungan.").arg(response.errorText));
    if (response.error == LinkError::Network || response.error == LinkError::TooLarge || response.error == LinkError::Aborted)
        return failure(Kind::Network,
            QStringLiteral("Server kecamatan tidak dapat dihubungi (%1). Pembaruan dicoba lagi nanti dengan kunci yang sama.")
                .arg(response.errorText));
    const QJsonObject reply = QJsonDocument::fromJson(response.body).object();
    if (response.status != 200 && response.status != 201) {
        const QString message = reply.value(QStringLiteral("message")).toString();
        // A CSR the backend refuses for good is dropped; anything else is retried with the same one.
        if (response.status == 400)
            forgetPending(paths);
        return EnrollmentFailure {Kind::Refused, int(response.status), reply.value(QStringLiteral("error")).toString(),
            message.isEmpty() ? QStringLiteral("Server menolak pembaruan sertifikat (HTTP %1).").arg(response.status) : message};
    }
    const EnrolledIdentity identity {reply.value(QStringLiteral("kioskId")).toString(), reply.value(QStringLiteral("desaCode")).toString(),
        reply.value(QStringLiteral("serial")).toString(),
        QDateTime::fromString(reply.value(QStringLiteral("notAfter")).toString(), Qt::ISODate)};
    const QByteArray certificatePem = reply.value(QStringLiteral("certificate")).toString().toLatin1();
    if (identity.kioskId != current->kioskId || !pairMatches(certificatePem, keyPem))
        return failure(Kind::BadResponse, QStringLiteral("Jawaban server tidak memuat sertifikat yang cocok dengan kunci baru anjungan."));

    if (!install(paths, certificatePem))
        return failure(Kind::Io,
            QStringLiteral("Sertifikat dan kunci baru tidak dapat dipasang di %1 / %2. Periksa hak akses folder; anjungan "
                           "menyelesaikannya saat dijalankan ulang.")
                .arg(paths.certificateFile, paths.keyFile));
    QFile::remove(pendingCsrFile(paths));
    return identity;
}

CertificateState CertificateRenewal::state(const QString &certificateFile, int renewBeforeDays, const QDateTime &now)
{
    const auto certificate = KioskEnrollment::describeCertificate(certificateFile);
    return stateAt(certificate ? certificate->notAfter : QDateTime(), renewBeforeDays, now);
}

CertificateState CertificateRenewal::stateAt(const QDateTime &notAfter, int renewBeforeDays, const QDateTime &now)
{
    if (!notAfter.isValid())
        return CertificateState::Missing;
    if (notAfter <= now)
        return CertificateState::Expired;
    if (now.secsTo(notAfter) < qint64(renewBeforeDays) * 24 * 3600)
        return CertificateState::RenewalDue;
    return CertificateState::Valid;
}

QString CertificateRenewal::stateToWire(CertificateState state)
{
    switch (state) {
    case CertificateState::Valid:
        return QStringLiteral("valid");
    case CertificateState::RenewalDue:
        return QStringLiteral("renewal_due");
    case CertificateState::Expired:
        return QStringLiteral("expired");
    case CertificateState::Missing:
        break;
    }
    return QStringLiteral("missing");
}

QString CertificateRenewal::stateMessage(CertificateState state)
{
    switch (state) {
    case CertificateState::Valid:
        return {};
    case CertificateState::RenewalDue:
        return QStringLiteral("Sertifikat segera habis: anjungan memperbaruinya sendiri saat tersambung ke server.");
    case CertificateState::Expired:
        return QStringLiteral("Sertifikat kedaluwarsa: daftar ulang dengan kode baru.");
    case CertificateState::Missing:
        break;
    }
    return QStringLiteral("Sertifikat belum ada: daftarkan anjungan dengan kode dari admin kecamatan.");
}

} // namespace serverlink
