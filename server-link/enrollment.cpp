#include "enrollment.h"

#include "linkclient.h"
#include "renewal.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace serverlink {

namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Req = std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(length));
}

EnrollmentFailure failure(EnrollmentFailure::Kind kind, const QString &message)
{
    return EnrollmentFailure {kind, 0, {}, message};
}

/// The issued certificate must carry our public key and the identity the backend announced.
bool certificateMatches(const QByteArray &certificatePem, const QByteArray &keyPem, const QString &kioskId)
{
    Bio certBio(BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())), &BIO_free);
    Bio keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())), &BIO_free);
    Cert certificate(certBio ? PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr) : nullptr, &X509_free);
    Pkey key(keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
    if (!certificate || !key || X509_check_private_key(certificate.get(), key.get()) != 1)
        return false;
    char cn[256] = {};
    const int length = X509_NAME_get_text_by_NID(X509_get_subject_name(certificate.get()), NID_commonName, cn, sizeof(cn));
    return length > 0 && QString::fromUtf8(cn, length) == kioskId;
}

} // namespace

std::optional<KeyAndCsr> KioskEnrollment::generateKeyAndCsr(const QString &commonName)
{
    Pkey key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    Req request(X509_REQ_new(), &X509_REQ_free);
    if (!key || !request)
        return std::nullopt;
    const QByteArray cn = commonName.isEmpty() ? QByteArray("anjungan") : commonName.toUtf8();
    X509_NAME *subject = X509_REQ_get_subject_name(request.get());
    if (X509_REQ_set_version(request.get(), 0) != 1
        || X509_NAME_add_entry_by_txt(
               subject, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(cn.constData()), int(cn.size()), -1, 0)
            != 1
        || X509_REQ_set_pubkey(request.get(), key.get()) != 1 || X509_REQ_sign(request.get(), key.get(), EVP_sha256()) <= 0)
        return std::nullopt;
    Bio keyBio(BIO_new(BIO_s_mem()), &BIO_free);
    Bio csrBio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!keyBio || !csrBio || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1
        || PEM_write_bio_X509_REQ(csrBio.get(), request.get()) != 1)
        return std::nullopt;
    return KeyAndCsr {drain(keyBio.get()), drain(csrBio.get())};
}

std::optional<EnrolledIdentity> KioskEnrollment::describeCertificate(const QString &certificateFile)
{
    QFile file(certificateFile);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray pem = file.readAll();
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    Cert certificate(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr, &X509_free);
    if (!certificate)
        return std::nullopt;
    auto entry = [&](int nid) {
        char text[256] = {};
        const int length = X509_NAME_get_text_by_NID(X509_get_subject_name(certificate.get()), nid, text, sizeof(text));
        return length > 0 ? QString::fromUtf8(text, length) : QString();
    };
    struct tm t = {};
    QDateTime notAfter;
    if (ASN1_TIME_to_tm(X509_get0_notAfter(certificate.get()), &t) == 1)
        notAfter = QDateTime(QDate(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday), QTime(t.tm_hour, t.tm_min, t.tm_sec), Qt::UTC);
    return EnrolledIdentity {entry(NID_commonName), entry(NID_organizationalUnitName), {}, notAfter};
}

bool KioskEnrollment::writePrivateFile(const QString &path, const QByteArray &bytes)
{
    constexpr auto kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(kOwnerOnly))
        return false;
    if (file.write(bytes) != bytes.size() || !file.commit())
        return false;
    return QFile::setPermissions(path, kOwnerOnly);
}

Expected<EnrolledIdentity, EnrollmentFailure> KioskEnrollment::enroll(
    const QString &baseUrl, const QString &code, const Paths &paths, const QString &requestedKioskId)
{
    using Kind = EnrollmentFailure::Kind;
    if (code.trimmed().isEmpty())
        return failure(Kind::Refused, QStringLiteral("Kode pendaftaran kosong. Masukkan kode dari admin kecamatan."));
    const auto keyAndCsr = generateKeyAndCsr(requestedKioskId);
    if (!keyAndCsr)
        return failure(Kind::Key, QStringLiteral("Kunci anjungan tidak dapat dibuat. Coba lagi; bila tetap gagal, hubungi teknisi."));

    // No client certificate yet: the server is authenticated by the pinned CA before the body leaves.
    LinkClient client(baseUrl, TlsPolicy {paths.caFile, {}, {}});
    const QJsonObject body {{QStringLiteral("code"), code.trimmed()}, {QStringLiteral("csr"), QString::fromLatin1(keyAndCsr->csrPem)}};
    const LinkResponse response = client.post(QStringLiteral("/enroll"), QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (response.error == LinkError::Tls)
        return failure(Kind::Tls,
            QStringLiteral("Server tidak dapat dipastikan keasliannya (sertifikat bukan dari CA yang dipasang di %1). Kode tidak "
                           "dikirim. Periksa alamat server dan berkas caFile.")
                .arg(paths.caFile));
    if (response.error == LinkError::Network || response.error == LinkError::TooLarge)
        return failure(Kind::Network,
            QStringLiteral("Server kecamatan tidak dapat dihubungi (%1). Periksa jaringan lalu coba lagi; kode masih berlaku.")
                .arg(response.errorText));
    const QJsonObject reply = QJsonDocument::fromJson(response.body).object();
    if (response.status != 201) {
        const QString message = reply.value(QStringLiteral("message")).toString();
        return EnrollmentFailure {Kind::Refused, int(response.status), reply.value(QStringLiteral("error")).toString(),
            message.isEmpty() ? QStringLiteral("Server menolak pendaftaran (HTTP %1).").arg(response.status) : message};
    }
    const EnrolledIdentity identity {reply.value(QStringLiteral("kioskId")).toString(), reply.value(QStringLiteral("desaCode")).toString(),
        reply.value(QStringLiteral("serial")).toString(),
        QDateTime::fromString(reply.value(QStringLiteral("notAfter")).toString(), Qt::ISODate)};
    const QByteArray certificatePem = reply.value(QStringLiteral("certificate")).toString().toLatin1();
    if (identity.kioskId.isEmpty() || identity.desaCode.isEmpty()
        || !certificateMatches(certificatePem, keyAndCsr->privateKeyPem, identity.kioskId))
        return failure(Kind::BadResponse, QStringLiteral("Jawaban server tidak memuat sertifikat yang cocok dengan kunci anjungan."));

    // A re-enrolled kiosk keeps its working pair until the new one is complete on disk: the key waits beside the old
    // one, then both are swapped in the way a renewal does (a power cut at any point leaves a pair that works).
    QFile::remove(CertificateRenewal::pendingCsrFile(paths));
    if (!writePrivateFile(CertificateRenewal::pendingKeyFile(paths), keyAndCsr->privateKeyPem)
        || !CertificateRenewal::install(paths, certificatePem))
        return failure(Kind::Io,
            QStringLiteral("Sertifikat atau kunci tidak dapat disimpan di %1 / %2. Periksa hak akses folder lalu daftar ulang dengan "
                           "kode baru.")
                .arg(paths.certificateFile, paths.keyFile));
    return identity;
}

} // namespace serverlink
