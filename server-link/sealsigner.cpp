#include "sealsigner.h"

#include "crypto.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace serverlink::seal {

namespace {

constexpr int kCoordinateSize = 32;

struct PkeyDeleter {
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
struct BioDeleter {
    void operator()(BIO *b) const { BIO_free(b); }
};
using Bio = std::unique_ptr<BIO, BioDeleter>;
struct MdCtxDeleter {
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;
struct SigDeleter {
    void operator()(ECDSA_SIG *s) const { ECDSA_SIG_free(s); }
};
using Sig = std::unique_ptr<ECDSA_SIG, SigDeleter>;

/// True for an EC key on P-256 (prime256v1), the only curve SQ1 v1 knows.
bool isP256(EVP_PKEY *key)
{
    if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
        return false;
    char group[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length) != 1)
        return false;
    return QByteArray(group, int(length)) == "prime256v1";
}

QByteArray spkiOf(EVP_PKEY *key)
{
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key, &der);
    if (length <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return out;
}

Pkey publicFromSpki(const QByteArray &spki)
{
    const auto *p = reinterpret_cast<const unsigned char *>(spki.constData());
    Pkey key(d2i_PUBKEY(nullptr, &p, long(spki.size())));
    // The whole input must be one SPKI: no trailing bytes.
    if (!key || p != reinterpret_cast<const unsigned char *>(spki.constData()) + spki.size() || !isP256(key.get()))
        return nullptr;
    return key;
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(length));
}

/// DER ECDSA-Sig-Value → 64-byte r‖s; empty on anything malformed.
QByteArray derToRaw(const unsigned char *der, size_t length)
{
    const unsigned char *p = der;
    Sig sig(d2i_ECDSA_SIG(nullptr, &p, long(length)));
    if (!sig)
        return {};
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray raw(2 * kCoordinateSize, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, kCoordinateSize) != kCoordinateSize
        || BN_bn2binpad(s, out + kCoordinateSize, kCoordinateSize) != kCoordinateSize)
        return {};
    return raw;
}

/// 64-byte r‖s → DER ECDSA-Sig-Value; empty when the input is not 64 bytes.
QByteArray rawToDer(const QByteArray &raw)
{
    if (raw.size() != 2 * kCoordinateSize)
        return {};
    const auto *in = reinterpret_cast<const unsigned char *>(raw.constData());
    BIGNUM *r = BN_bin2bn(in, kCoordinateSize, nullptr);
    BIGNUM *s = BN_bin2bn(in + kCoordinateSize, kCoordinateSize, nullptr);
    Sig sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    unsigned char *der = nullptr;
    const int length = i2d_ECDSA_SIG(sig.get(), &der);
    if (length <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return out;
}

} // namespace

struct SealSigner::Key {
    Pkey pkey;
};

Expected<KeyPair, QString> generateKeyPair()
{
    Pkey key(EVP_EC_gen("P-256"));
    if (!key)
        return QStringLiteral("Kunci ECDSA P-256 tidak dapat dibuat.");
    Bio priv(BIO_new(BIO_s_mem()));
    Bio pub(BIO_new(BIO_s_mem()));
    if (!priv || !pub || PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1
        || PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1)
        return QStringLiteral("Kunci ECDSA P-256 tidak dapat disimpan sebagai PEM.");
    return KeyPair {bioContents(priv.get()), bioContents(pub.get()), spkiOf(key.get())};
}

Expected<QByteArray, QString> spkiFromPublicKey(const QByteArray &pemOrDer)
{
    if (pemOrDer.contains("-----BEGIN")) {
        Bio bio(BIO_new_mem_buf(pemOrDer.constData(), int(pemOrDer.size())));
        Pkey key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
        if (!key || !isP256(key.get()))
            return QStringLiteral("Kunci publik bukan kunci ECDSA P-256 (PEM).");
        return spkiOf(key.get());
    }
    if (!publicFromSpki(pemOrDer))
        return QStringLiteral("Kunci publik bukan kunci ECDSA P-256 (DER).");
    return pemOrDer;
}

QByteArray publicPemFromSpki(const QByteArray &spki)
{
    const Pkey key = publicFromSpki(spki);
    Bio bio(BIO_new(BIO_s_mem()));
    if (!key || !bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray kidOf(const QByteArray &spki)
{
    return crypto::sha256(spki).left(kKidSize);
}

bool verifyEs256(const QByteArray &spki, const QByteArray &message, const QByteArray &rawSignature)
{
    const QByteArray der = rawToDer(rawSignature);
    const Pkey key = publicFromSpki(spki);
    MdCtx ctx(EVP_MD_CTX_new());
    if (der.isEmpty() || !key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(der.constData()), size_t(der.size()),
               reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()))
        == 1;
}

SealSigner::SealSigner(std::shared_ptr<Key> key, QByteArray spki)
    : m_key(std::move(key))
    , m_spki(std::move(spki))
{ }

Expected<SealSigner, QString> SealSigner::fromPrivatePem(const QByteArray &pem)
{
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key || !isP256(key.get()))
        return QStringLiteral("Kunci privat penandatangan bukan kunci ECDSA P-256 (PEM).");
    QByteArray spki = spkiOf(key.get());
    return SealSigner(std::make_shared<Key>(Key {std::move(key)}), std::move(spki));
}

Expected<QByteArray, QString> SealSigner::sign(const QByteArray &message) const
{
    MdCtx ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key->pkey.get()) != 1
        || EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()))
            != 1)
        return QStringLiteral("Tanda tangan ECDSA tidak dapat dibuat.");
    QByteArray der(qsizetype(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(der.data()), &length,
            reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()))
        != 1)
        return QStringLiteral("Tanda tangan ECDSA tidak dapat dibuat.");
    QByteArray raw = derToRaw(reinterpret_cast<const unsigned char *>(der.constData()), length);
    if (raw.isEmpty())
        return QStringLiteral("Tanda tangan ECDSA tidak dapat diubah ke bentuk r‖s.");
    return raw;
}

Expected<SignedSeal, QString> SealSigner::seal(SealFields fields) const
{
    fields.version = kVersion;
    fields.algorithm = kAlgEs256;
    fields.kid = kid();
    auto body = SealCodec::encodeBody(fields);
    if (!body)
        return body.error();
    auto signature = sign(body.value());
    if (!signature)
        return signature.error();
    return SignedSeal {SealCodec::toText(body.value(), signature.value()), body.value(), signature.value()};
}

} // namespace serverlink::seal
