#include "crypto.h"

#include <QStringList>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <climits>
#include <memory>
#include <stdexcept>

namespace serverlink::crypto {

namespace {
constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

auto uc(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}
auto uc(QByteArray &b)
{
    return reinterpret_cast<unsigned char *>(b.data());
}
} // namespace

QByteArray randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(uc(out), count) != 1)
        throw std::runtime_error("RAND_bytes failed"); // no entropy: nothing safe can continue
    return out;
}

QByteArray scrypt(const QByteArray &password, const QByteArray &salt, quint64 n, quint32 r, quint32 p, int length)
{
    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr), EVP_KDF_free);
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(kdf ? EVP_KDF_CTX_new(kdf.get()) : nullptr, EVP_KDF_CTX_free);
    if (!ctx || length <= 0)
        return {};
    uint64_t cost = n;
    uint32_t blockSize = r;
    uint32_t parallel = p;
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, const_cast<char *>(password.constData()), size_t(password.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char *>(salt.constData()), size_t(salt.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &cost),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &blockSize),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &parallel),
        OSSL_PARAM_construct_end(),
    };
    QByteArray out(length, '\0');
    if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), size_t(length), params) != 1)
        return {};
    return out;
}

QByteArray sha256(const QByteArray &data)
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    EVP_Digest(data.constData(), size_t(data.size()), uc(out), &len, EVP_sha256(), nullptr);
    return out;
}

QByteArray aeadSeal(const QByteArray &key32, const QByteArray &plaintext, const QByteArray &aad)
{
    // Every OpenSSL step is checked: a failure anywhere gives the empty error value, never bytes that look sealed.
    if (key32.size() != 32 || plaintext.size() > INT_MAX - kNonceBytes - kTagBytes || aad.size() > INT_MAX)
        return {};
    const QByteArray nonce = randomBytes(kNonceBytes);
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx)
        return {};
    QByteArray out = nonce;
    out.resize(kNonceBytes + plaintext.size() + kTagBytes);
    int len = 0;
    auto *dst = uc(out) + kNonceBytes;
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, uc(key32), uc(nonce)) != 1)
        return {};
    if (!aad.isEmpty() && EVP_EncryptUpdate(ctx.get(), nullptr, &len, uc(aad), int(aad.size())) != 1)
        return {};
    if (EVP_EncryptUpdate(ctx.get(), dst, &len, uc(plaintext), int(plaintext.size())) != 1)
        return {};
    int total = len;
    if (EVP_EncryptFinal_ex(ctx.get(), dst + total, &len) != 1)
        return {};
    total += len;
    if (total != plaintext.size() || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, dst + total) != 1)
        return {};
    return out;
}

std::optional<QByteArray> aeadOpen(const QByteArray &key32, const QByteArray &sealed, const QByteArray &aad)
{
    if (key32.size() != 32 || sealed.size() < kNonceBytes + kTagBytes || sealed.size() > INT_MAX || aad.size() > INT_MAX)
        return std::nullopt;
    const int cipherLen = int(sealed.size()) - kNonceBytes - kTagBytes;
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx)
        return std::nullopt;
    QByteArray out(cipherLen, Qt::Uninitialized);
    QByteArray tag = sealed.right(kTagBytes);
    int len = 0;
    if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, uc(key32), uc(sealed)) != 1)
        return std::nullopt;
    if (!aad.isEmpty() && EVP_DecryptUpdate(ctx.get(), nullptr, &len, uc(aad), int(aad.size())) != 1)
        return std::nullopt;
    if (EVP_DecryptUpdate(ctx.get(), uc(out), &len, uc(sealed) + kNonceBytes, cipherLen) != 1)
        return std::nullopt;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, uc(tag)) != 1)
        return std::nullopt;
    int finalLen = 0;
    if (EVP_DecryptFinal_ex(ctx.get(), uc(out) + len, &finalLen) != 1 || len + finalLen != cipherLen)
        return std::nullopt;
    return out;
}

namespace {
QByteArray pbkdf2(const QString &secret, const QByteArray &salt, int iterations)
{
    const QByteArray pw = secret.toUtf8();
    QByteArray out(32, Qt::Uninitialized);
    PKCS5_PBKDF2_HMAC(pw.constData(), int(pw.size()), uc(salt), int(salt.size()), iterations, EVP_sha256(), 32, uc(out));
    return out;
}
} // namespace

QString hashSecret(const QString &secret, int iterations)
{
    const QByteArray salt = randomBytes(16);
    return QStringLiteral("pbkdf2-sha256$%1$%2$%3")
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(pbkdf2(secret, salt, iterations).toBase64()));
}

bool verifySecret(const QString &secret, const QString &encoded)
{
    const QStringList parts = encoded.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts[0] != QLatin1String("pbkdf2-sha256"))
        return false;
    bool ok = false;
    const int iterations = parts[1].toInt(&ok);
    if (!ok || iterations < 1 || iterations > 10'000'000)
        return false;
    const QByteArray salt = QByteArray::fromBase64(parts[2].toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts[3].toLatin1());
    const QByteArray actual = pbkdf2(secret, salt, iterations);
    return expected.size() == actual.size() && CRYPTO_memcmp(expected.constData(), actual.constData(), size_t(actual.size())) == 0;
}

QByteArray pbkdf2Sha256(const QString &secret, const QByteArray &salt, int iterations)
{
    return pbkdf2(secret, salt, iterations);
}

bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace serverlink::crypto
