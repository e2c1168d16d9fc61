#include "kioskca.h"

#include "crypto.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace backend {

namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;
using Req = std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)>;
using Bignum = std::unique_ptr<BIGNUM, decltype(&BN_free)>;

constexpr int kSerialBytes = 16;
constexpr int kCaValidityDays = 3650;
// Clocks of kiosks that were offline for a while drift; a certificate valid from a few minutes ago still works.
constexpr long kBackdateSeconds = 5 * 60;
const char *const kOrganisation = "Anjungan Desa";

Bio memoryBio(const QByteArray &bytes)
{
    return Bio(BIO_new_mem_buf(bytes.constData(), int(bytes.size())), &BIO_free);
}

Cert readCertificate(const QByteArray &pem)
{
    auto bio = memoryBio(pem);
    return Cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr, &X509_free);
}

Pkey readPrivateKey(const QByteArray &pem)
{
    auto bio = memoryBio(pem);
    return Pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
}

QByteArray toPem(X509 *certificate)
{
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1)
        return {};
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(length));
}

QByteArray derOf(X509 *certificate)
{
    const int length = i2d_X509(certificate, nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_X509(certificate, &out);
    return der;
}

bool isP256(EVP_PKEY *key)
{
    if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
        return false;
    char group[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group), &length) != 1)
        return false;
    return QByteArray(group, qsizetype(length)) == "prime256v1";
}

QString entry(X509_NAME *name, int nid)
{
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0)
        return {};
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
    if (length < 0)
        return {};
    QString value = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return value;
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    struct tm t = {};
    if (!time || ASN1_TIME_to_tm(time, &t) != 1)
        return {};
    return QDateTime(QDate(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday), QTime(t.tm_hour, t.tm_min, t.tm_sec), Qt::UTC);
}

bool addExtension(X509 *certificate, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!extension)
        return false;
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

/// A positive random serial of kSerialBytes bytes (RFC 5280: ≤ 20 octets, non-negative).
bool setRandomSerial(X509 *certificate)
{
    QByteArray bytes = serverlink::crypto::randomBytes(kSerialBytes);
    bytes[0] = char((uchar(bytes[0]) & 0x7f) | 0x40);
    Bignum bn(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()), int(bytes.size()), nullptr), &BN_free);
    return bn && BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(certificate)) != nullptr;
}

QString serialHexOf(X509 *certificate)
{
    Bignum bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr), &BN_free);
    if (!bn)
        return {};
    char *hex = BN_bn2hex(bn.get());
    QString out = QString::fromLatin1(hex).toLower();
    OPENSSL_free(hex);
    return out;
}

bool setName(X509_NAME *name, const QString &organisationalUnit, const QString &commonName)
{
    auto add = [name](const char *field, const QByteArray &value) {
        return X509_NAME_add_entry_by_txt(
                   name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(value.constData()), int(value.size()), -1, 0)
            == 1;
    };
    return add("O", kOrganisation) && (organisationalUnit.isEmpty() || add("OU", organisationalUnit.toUtf8()))
        && add("CN", commonName.toUtf8());
}

KioskCertificate describe(X509 *certificate)
{
    X509_NAME *subject = X509_get_subject_name(certificate);
    return KioskCertificate {entry(subject, NID_commonName), entry(subject, NID_organizationalUnitName), serialHexOf(certificate),
        KioskCa::fingerprintOfDer(derOf(certificate)), toDateTime(X509_get0_notBefore(certificate)),
        toDateTime(X509_get0_notAfter(certificate)), toPem(certificate)};
}

bool writeFile(const QString &path, const QByteArray &bytes, bool secret)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    // The temporary file is private before the key is written into it.
    if (secret && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return false;
    if (file.write(bytes) != bytes.size() || !file.commit())
        return false;
    return !secret || QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace

KioskCa::KioskCa(QByteArray certificatePem, QByteArray keyPem)
    : m_certificatePem(std::move(certificatePem))
    , m_keyPem(std::move(keyPem))
{ }

Result<KioskCa> KioskCa::load(const QString &certificateFile, const QString &keyFile)
{
    QFile c(certificateFile);
    QFile k(keyFile);
    if (!c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly))
        return Error {
            ErrorCode::Io, QStringLiteral("Sertifikat atau kunci CA anjungan (%1, %2) tidak dapat dibaca.").arg(certificateFile, keyFile)};
    const QByteArray certificatePem = c.readAll();
    const QByteArray keyPem = k.readAll();
    const auto certificate = readCertificate(certificatePem);
    const auto key = readPrivateKey(keyPem);
    if (!certificate || !key)
        return Error {ErrorCode::Io, QStringLiteral("Sertifikat atau kunci CA anjungan bukan PEM yang sah.")};
    if (X509_check_private_key(certificate.get(), key.get()) != 1)
        return Error {ErrorCode::Io, QStringLiteral("Kunci %1 bukan milik sertifikat CA %2.").arg(keyFile, certificateFile)};
    if (X509_check_ca(certificate.get()) == 0)
        return Error {ErrorCode::Io, QStringLiteral("Sertifikat %1 bukan sertifikat CA.").arg(certificateFile)};
    return KioskCa(certificatePem, keyPem);
}

Status KioskCa::create(const QString &certificateFile, const QString &keyFile, const QString &commonName)
{
    if (QFileInfo::exists(certificateFile) || QFileInfo::exists(keyFile))
        return Error {ErrorCode::Io, QStringLiteral("CA anjungan sudah ada di %1; tidak ditimpa.").arg(certificateFile)};
    Pkey key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    Cert certificate(X509_new(), &X509_free);
    if (!key || !certificate)
        return Error {ErrorCode::Io, QStringLiteral("Kunci CA anjungan tidak dapat dibuat.")};
    X509 *c = certificate.get();
    const bool built = X509_set_version(c, 2) == 1 && setRandomSerial(c) && setName(X509_get_subject_name(c), {}, commonName)
        && X509_set_issuer_name(c, X509_get_subject_name(c)) == 1 && X509_gmtime_adj(X509_getm_notBefore(c), -kBackdateSeconds)
        && X509_gmtime_adj(X509_getm_notAfter(c), long(kCaValidityDays) * 24 * 3600) && X509_set_pubkey(c, key.get()) == 1
        && addExtension(c, c, NID_basic_constraints, "critical,CA:TRUE,pathlen:0")
        && addExtension(c, c, NID_key_usage, "critical,keyCertSign,cRLSign") && addExtension(c, c, NID_subject_key_identifier, "hash")
        && X509_sign(c, key.get(), EVP_sha256()) > 0;
    if (!built)
        return Error {ErrorCode::Io, QStringLiteral("Sertifikat CA anjungan tidak dapat dibuat.")};
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return Error {ErrorCode::Io, QStringLiteral("Kunci CA anjungan tidak dapat disimpan.")};
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    if (!writeFile(keyFile, QByteArray(data, qsizetype(length)), true) || !writeFile(certificateFile, toPem(c), false))
        return Error {ErrorCode::Io, QStringLiteral("Berkas CA anjungan %1 tidak dapat ditulis.").arg(certificateFile)};
    return Done {};
}

serverlink::Expected<KioskCertificate, CsrProblem> KioskCa::sign(
    const QByteArray &csrPem, const QString &kioskId, const QString &desaCode, int validityDays) const
{
    auto bio = memoryBio(csrPem);
    Req request(bio ? PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr) : nullptr, &X509_REQ_free);
    if (!request)
        return CsrProblem::Unreadable;
    EVP_PKEY *publicKey = X509_REQ_get0_pubkey(request.get());
    if (!publicKey)
        return CsrProblem::Unreadable;
    if (!isP256(publicKey))
        return CsrProblem::WrongKeyType;
    // Proof of possession: the CSR is signed by the private key of the public key it carries.
    if (X509_REQ_verify(request.get(), publicKey) != 1)
        return CsrProblem::BadSignature;

    const auto caCertificate = readCertificate(m_certificatePem);
    const auto caKey = readPrivateKey(m_keyPem);
    Cert certificate(X509_new(), &X509_free);
    if (!caCertificate || !caKey || !certificate)
        return CsrProblem::Unreadable;
    X509 *c = certificate.get();
    X509 *issuer = caCertificate.get();
    const bool built = X509_set_version(c, 2) == 1 && setRandomSerial(c) && setName(X509_get_subject_name(c), desaCode, kioskId)
        && X509_set_issuer_name(c, X509_get_subject_name(issuer)) == 1 && X509_gmtime_adj(X509_getm_notBefore(c), -kBackdateSeconds)
        && X509_gmtime_adj(X509_getm_notAfter(c), long(validityDays) * 24 * 3600) && X509_set_pubkey(c, publicKey) == 1
        && addExtension(c, issuer, NID_basic_constraints, "critical,CA:FALSE")
        && addExtension(c, issuer, NID_key_usage, "critical,digitalSignature") && addExtension(c, issuer, NID_ext_key_usage, "clientAuth")
        && addExtension(c, issuer, NID_subject_key_identifier, "hash")
        && addExtension(c, issuer, NID_authority_key_identifier, "keyid:always") && X509_sign(c, caKey.get(), EVP_sha256()) > 0;
    if (!built)
        return CsrProblem::Unreadable;
    return describe(c);
}

Result<KioskCertificate> KioskCa::inspect(const QByteArray &certificatePem)
{
    const auto certificate = readCertificate(certificatePem);
    if (!certificate)
        return Error {ErrorCode::Io, QStringLiteral("Berkas bukan sertifikat PEM yang sah.")};
    return describe(certificate.get());
}

bool KioskCa::issued(const QByteArray &certificatePem) const
{
    const auto certificate = readCertificate(certificatePem);
    const auto ca = readCertificate(m_certificatePem);
    if (!certificate || !ca)
        return false;
    EVP_PKEY *caKey = X509_get0_pubkey(ca.get());
    return caKey && X509_verify(certificate.get(), caKey) == 1;
}

bool KioskCa::csrReusesKey(const QByteArray &csrPem, const QByteArray &certificateDer)
{
    auto bio = memoryBio(csrPem);
    Req request(bio ? PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr) : nullptr, &X509_REQ_free);
    const auto *der = reinterpret_cast<const unsigned char *>(certificateDer.constData());
    Cert certificate(d2i_X509(nullptr, &der, long(certificateDer.size())), &X509_free);
    if (!request || !certificate)
        return false;
    EVP_PKEY *requested = X509_REQ_get0_pubkey(request.get());
    EVP_PKEY *current = X509_get0_pubkey(certificate.get());
    return requested && current && EVP_PKEY_eq(requested, current) == 1;
}

QString KioskCa::fingerprintOfDer(const QByteArray &der)
{
    return QString::fromLatin1(serverlink::crypto::sha256(der).toHex());
}

} // namespace backend
