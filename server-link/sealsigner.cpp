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

/// True for an EC key on P-256 (prime256v1), the only curve the seal knows.
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

struct BnDeleter {
    void operator()(BIGNUM *b) const { BN_free(b); }
};
using Bn = std::unique_ptr<BIGNUM, BnDeleter>;

// n/2 (rounded down) of P-256, big-endian: a low-S signature has s at most this.
constexpr unsigned char kHalfOrder[kCoordinateSize] = {0x7f, 0xff, 0xff, 0xff, 0x80, 0x00, 0x00, 0x00, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xde, 0x73, 0x7d, 0x56, 0xd3, 0x8b, 0xcf, 0x42, 0x79, 0xdc, 0xe5, 0x61, 0x7e, 0x31, 0x92, 0xa8};
// n of P-256, big-endian.
constexpr unsigned char kOrder[kCoordinateSize] = {0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51};

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

bool isLowS(const QByteArray &raw)
{
    if (raw.size() != 2 * kCoordinateSize)
        return false;
    const QByteArray s = raw.mid(kCoordinateSize);
    return s <= QByteArray::fromRawData(reinterpret_cast<const char *>(kHalfOrder), kCoordinateSize);
}

QByteArray withNegatedS(const QByteArray &raw)
{
    if (raw.size() != 2 * kCoordinateSize)
        return {};
    Bn order(BN_bin2bn(kOrder, kCoordinateSize, nullptr));
    Bn s(BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.constData()) + kCoordinateSize, kCoordinateSize, nullptr));
    Bn negated(BN_new());
    QByteArray out = raw;
    if (!order || !s || !negated || BN_sub(negated.get(), order.get(), s.get()) != 1
        || BN_bn2binpad(negated.get(), reinterpret_cast<unsigned char *>(out.data()) + kCoordinateSize, kCoordinateSize) != kCoordinateSize)
        return {};
    return out;
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
    // (r, n − s) is the same signature's other form; only the low one is ever issued (SQ2 refuses the high one).
    if (!raw.isEmpty() && !isLowS(raw))
        raw = withNegatedS(raw);
    if (raw.isEmpty())
        return QStringLiteral("Tanda tangan ECDSA tidak dapat diubah ke bentuk r‖s.");
    return raw;
}

Expected<SignedSeal, QString> SealSigner::seal(SealFields fields, const QString &verifyUrl) const
{
    if (fields.version == kVersionSq2 && !isVerifyUrl(verifyUrl))
        return QStringLiteral("Alamat verifikasi segel \"%1\" tidak sah: harus https:// lalu 1–%2 huruf, angka, titik, minus, garis miring "
                              "atau titik dua.")
            .arg(verifyUrl)
            .arg(kMaxVerifyUrlChars);
    fields.algorithm = kAlgEs256;
    fields.kid = kid();
    auto body = SealCodec::encodeBody(fields);
    if (!body)
        return body.error();
    auto signature = sign(body.value());
    if (!signature)
        return signature.error();
    return SignedSeal {SealCodec::toText(body.value(), signature.value(), verifyUrl), body.value(), signature.value()};
}

} // namespace serverlink::seal
