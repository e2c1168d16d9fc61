#include "sealservice.h"

#include "crypto.h"
#include "seal.h"
#include "sealsigner.h"
#include "trustlist.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <fcntl.h>
#include <unistd.h>

namespace backend {

using namespace serverlink::seal;

namespace {

const QString kTrustListName = QStringLiteral("trust-list");
const QString kRevocationsName = QStringLiteral("revocations");
const QString kActive = QStringLiteral("active");
const QString kRetired = QStringLiteral("retired");

/// Writes a new file readable by its owner only (0600 from the first byte, never replacing one).
Status writePrivateFile(const QString &path, const QByteArray &bytes)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error {ErrorCode::Io, QStringLiteral("Folder kunci %1 tidak dapat dibuat.").arg(QFileInfo(path).absolutePath())};
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    const bool written = fd >= 0 && ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size() && ::fsync(fd) == 0;
    if (fd >= 0)
        ::close(fd);
    if (!written) {
        if (fd >= 0)
            QFile::remove(path);
        return Error {ErrorCode::Io, QStringLiteral("Berkas kunci %1 tidak dapat dibuat.").arg(path)};
    }
    return Done {};
}

Result<QByteArray> readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error {ErrorCode::Io, QStringLiteral("Berkas kunci %1 tidak dapat dibaca.").arg(path)};
    return f.readAll();
}

Error sealError(const QString &message)
{
    return Error {ErrorCode::Rendering, message};
}

/// At most `maxBytes` of UTF-8, cut at a character boundary.
QString truncatedUtf8(const QString &s, int maxBytes)
{
    QString out = s.normalized(QString::NormalizationForm_C);
    while (out.toUtf8().size() > maxBytes)
        out.chop(out.size() >= 2 && out.at(out.size() - 1).isLowSurrogate() ? 2 : 1);
    return out.trimmed();
}

QList<TrustedKey> trustedKeys(const QList<SigningKeyRecord> &records)
{
    QList<TrustedKey> keys;
    for (const SigningKeyRecord &r : records) {
        const KeyStatus status = r.status == kActive ? KeyStatus::Active : r.status == kRetired ? KeyStatus::Retired : KeyStatus::Revoked;
        keys.append(TrustedKey {
            kidOf(r.spki), r.office, r.officeName, r.signer, QStringLiteral("ES256"), r.spki, r.validFrom, r.validUntil, status});
    }
    return keys;
}

} // namespace

QString listEtag(const SignedListRecord &list)
{
    return QStringLiteral("\"%1\"").arg(QString::fromLatin1(serverlink::crypto::sha256(list.envelope).toHex()));
}

bool etagMatches(const QString &ifNoneMatch, const QString &etag)
{
    const QStringList tags = ifNoneMatch.split(QLatin1Char(','), Qt::SkipEmptyParts);
    return std::any_of(
        tags.cbegin(), tags.cend(), [&etag](const QString &tag) { return tag.trimmed() == etag || tag.trimmed() == QLatin1String("*"); });
}

SealService::SealService(BackendStore &store, const OfficeDirectory &offices, QString keysDir)
    : m_store(store)
    , m_offices(offices)
    , m_keysDir(std::move(keysDir))
{ }

Result<QByteArray> SealService::rootPrivatePem()
{
    std::lock_guard lock(m_mutex);
    const QString path = QDir(m_keysDir).filePath(QStringLiteral("root.key.pem"));
    if (QFileInfo::exists(path))
        return readFile(path);
    auto pair = generateKeyPair();
    if (!pair)
        return sealError(pair.error());
    if (auto written = writePrivateFile(path, pair.value().privatePem); !written)
        return written.error();
    QFile pub(QDir(m_keysDir).filePath(QStringLiteral("root.pub.pem")));
    if (!pub.open(QIODevice::WriteOnly) || pub.write(pair.value().publicPem) != pair.value().publicPem.size())
        return Error {ErrorCode::Io, QStringLiteral("Kunci publik induk tidak dapat disimpan.")};
    return pair.value().privatePem;
}

Result<QByteArray> SealService::rootPublicKeyPem()
{
    auto pem = rootPrivatePem();
    if (!pem)
        return pem.error();
    auto root = SealSigner::fromPrivatePem(pem.value());
    if (!root)
        return sealError(root.error());
    return publicPemFromSpki(root.value().spki());
}

Result<SigningKeyRecord> SealService::addKey(const QString &officeCode, const QString &signer, const QDate &validFrom)
{
    const QString office = serverlink::seal::officeCode(officeCode);
    if (!packOffice(office))
        return Error {
            ErrorCode::UnknownOffice, QStringLiteral("Kode kantor %1 harus 10 angka (desa) atau 6 angka (kecamatan).").arg(officeCode)};
    const bool kecamatan = office.endsWith(QStringLiteral("0000"));
    const auto desa = kecamatan ? m_offices.anyInKecamatan(office.left(6)) : m_offices.desa(office);
    if (!desa)
        return Error {ErrorCode::UnknownOffice, QStringLiteral("Kode kantor %1 tidak ada di tabel kantor.").arg(officeCode)};
    const QString officeName = kecamatan ? QStringLiteral("Kecamatan %1").arg(desa->kecamatan) : desa->name;
    const QString signerTitle = !signer.trimmed().isEmpty() ? signer.trimmed()
        : kecamatan                                         ? QStringLiteral("Camat %1").arg(desa->kecamatan)
                                                            : QStringLiteral("Kepala %1").arg(desa->name);
    auto pair = generateKeyPair();
    if (!pair)
        return sealError(pair.error());
    const QString keyId = QString::fromLatin1(serverlink::crypto::sha256(pair.value().spki).toHex());
    const QString file = QDir(m_keysDir).filePath(QStringLiteral("office-%1-%2.key.pem").arg(office, keyId.left(16)));
    if (auto written = writePrivateFile(file, pair.value().privatePem); !written)
        return written.error();
    const SigningKeyRecord record {
        keyId, office, officeName, signerTitle, pair.value().spki, file, validFrom, QDate(), kActive, QDateTime::currentDateTimeUtc()};
    if (auto stored = m_store.insertSigningKey(record); !stored) {
        QFile::remove(file);
        return stored.error();
    }
    return record;
}

Result<SigningKeyRecord> SealService::createKey(const QString &officeCode, const QString &signer, const QDate &validFrom)
{
    std::lock_guard lock(m_mutex);
    auto all = m_store.signingKeys();
    if (!all)
        return all.error();
    const QString office = serverlink::seal::officeCode(officeCode);
    for (const SigningKeyRecord &k : all.value())
        if (k.office == office && k.status == kActive && k.validUntil.isNull())
            return Error {ErrorCode::TransitionNotAllowed,
                QStringLiteral("Kantor %1 sudah memiliki kunci aktif %2; gunakan 'keys rotate'.").arg(office, k.keyId.left(16))};
    return addKey(officeCode, signer, validFrom);
}

Result<SigningKeyRecord> SealService::rotateKey(const QString &officeCode, const QDate &validFrom)
{
    std::lock_guard lock(m_mutex);
    auto all = m_store.signingKeys();
    if (!all)
        return all.error();
    const QString office = serverlink::seal::officeCode(officeCode);
    QString signer;
    QList<SigningKeyRecord> retiring;
    for (const SigningKeyRecord &k : all.value()) {
        if (k.office != office || k.status != kActive)
            continue;
        if (k.validFrom > validFrom)
            return Error {ErrorCode::TransitionNotAllowed,
                QStringLiteral("Kunci %1 baru berlaku %2; rotasi harus sesudahnya.")
                    .arg(k.keyId.left(16), k.validFrom.toString(Qt::ISODate))};
        retiring.append(k);
        signer = k.signer;
    }
    auto created = addKey(officeCode, signer, validFrom);
    if (!created)
        return created.error();
    for (const SigningKeyRecord &k : retiring) {
        const QDate end = k.validUntil.isNull() || k.validUntil > validFrom ? validFrom : k.validUntil;
        if (auto updated = m_store.updateSigningKey(k.keyId, end, kRetired); !updated)
            return updated.error();
    }
    return created;
}

Result<QList<SigningKeyRecord>> SealService::keys()
{
    return m_store.signingKeys();
}

Result<SealRecord> SealService::sealLetter(const RequestRecord &r, const QString &issuerCode, const LetterContent &content)
{
    std::lock_guard lock(m_mutex);
    const QString office = serverlink::seal::officeCode(issuerCode);
    const QDate issued = content.date;
    const auto type = documentTypeForService(r.serviceCode);
    if (!type)
        return Error {ErrorCode::UnknownService, QStringLiteral("Layanan %1 belum punya kode jenis surat untuk segel.").arg(r.serviceCode)};
    auto all = m_store.signingKeys();
    if (!all)
        return all.error();
    std::optional<SigningKeyRecord> key;
    bool officeHasKeys = false;
    for (const SigningKeyRecord &k : all.value()) {
        officeHasKeys = officeHasKeys || k.office == office;
        const bool usable
            = k.office == office && k.status == kActive && k.validFrom <= issued && (k.validUntil.isNull() || issued <= k.validUntil);
        if (usable && (!key || k.validFrom >= key->validFrom))
            key = k;
    }
    if (!key && !officeHasKeys) {
        auto created = addKey(issuerCode, {}, issued);
        if (!created)
            return created.error();
        key = created.value();
    }
    if (!key)
        return Error {ErrorCode::TransitionNotAllowed,
            QStringLiteral("Kantor %1 tidak punya kunci penandatangan yang berlaku %2. Jalankan 'kecamatan-backend keys rotate'.")
                .arg(office, issued.toString(Qt::ISODate))};
    auto pem = readFile(key->keyFile);
    if (!pem)
        return pem.error();
    auto signer = SealSigner::fromPrivatePem(pem.value());
    if (!signer)
        return sealError(signer.error());

    quint32 serial = 0;
    for (int attempt = 0; attempt < 8 && serial == 0; ++attempt) {
        const QByteArray random = serverlink::crypto::randomBytes(4);
        const quint32 candidate = (quint32(quint8(random[0])) << 24) | (quint32(quint8(random[1])) << 16)
            | (quint32(quint8(random[2])) << 8) | quint32(quint8(random[3]));
        auto taken = m_store.serialTaken(office, candidate);
        if (!taken)
            return taken.error();
        if (candidate != 0 && !taken.value())
            serial = candidate;
    }
    const auto tag = nikTag(office, serial, r.nik);
    if (serial == 0 || !tag)
        return sealError(QStringLiteral("Nomor seri atau tag NIK segel tidak dapat dibuat (NIK harus 16 angka)."));
    const QString canonical = canonicalLetterText(content);
    SealFields f;
    f.documentType = *type;
    f.office = office;
    f.serial = serial;
    f.issued = issued;
    f.nomorSurat = truncatedUtf8(content.nomorSurat, kMaxNomorBytes);
    f.holderName = truncatedUtf8(r.name, kMaxNameBytes);
    f.nikTag = *tag;
    f.documentHash = documentHash(canonical);
    auto sealed = signer.value().seal(f);
    if (!sealed)
        return sealError(sealed.error());
    return SealRecord {r.registrationNumber, office, serial, key->keyId, issued, sealed.value().text,
        QString::fromLatin1(f.documentHash.toHex()), canonical, {}, {}};
}

Result<SealRecord> SealService::revokeLetter(const QString &registrationNumber, const QString &reason)
{
    auto revoked = m_store.revokeSeal(registrationNumber, reason);
    if (!revoked)
        return revoked.error();
    if (auto list = revocationList(); !list)
        return list.error();
    return revoked;
}

Result<SignedListRecord> SealService::refreshList(const QString &name, const QByteArray &content, const QDateTime &now,
    const std::function<QByteArray(quint64, const QDateTime &)> &payload)
{
    std::lock_guard lock(m_mutex);
    const QString contentSha256 = QString::fromLatin1(serverlink::crypto::sha256(content).toHex());
    auto stored = m_store.signedList(name);
    if (!stored)
        return stored.error();
    const auto &last = stored.value();
    if (last && last->contentSha256 == contentSha256 && last->issuedAt.addSecs(kListRefreshHours * 3600) > now)
        return *last;
    auto rootPem = rootPrivatePem();
    if (!rootPem)
        return rootPem.error();
    auto root = SealSigner::fromPrivatePem(rootPem.value());
    if (!root)
        return sealError(root.error());
    // Whole seconds: the list's issuedAt is written without milliseconds.
    const QDateTime issuedAt = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
    const quint64 sequence = last ? last->sequence + 1 : 1;
    auto envelope = signEnvelope(root.value(), payload(sequence, issuedAt));
    if (!envelope)
        return sealError(envelope.error());
    const SignedListRecord record {name, sequence, issuedAt, contentSha256, envelope.value()};
    if (auto saved = m_store.saveSignedList(record); !saved)
        return saved.error();
    return record;
}

Result<SignedListRecord> SealService::trustList(const QDateTime &now)
{
    auto records = m_store.signingKeys();
    if (!records)
        return records.error();
    TrustList list;
    list.keys = trustedKeys(records.value());
    return refreshList(kTrustListName, list.toPayload(), now, [list](quint64 sequence, const QDateTime &issuedAt) {
        TrustList signedList = list;
        signedList.sequence = sequence;
        signedList.issuedAt = issuedAt;
        return signedList.toPayload();
    });
}

Result<SignedListRecord> SealService::revocationList(const QDateTime &now)
{
    auto revoked = m_store.revokedSeals();
    if (!revoked)
        return revoked.error();
    RevocationList list;
    for (const SealRecord &s : revoked.value())
        if (const auto id = revocationId(s.office, s.serial))
            list.revoked.insert(*id);
    return refreshList(kRevocationsName, list.toPayload(), now, [list](quint64 sequence, const QDateTime &issuedAt) {
        RevocationList signedList = list;
        signedList.sequence = sequence;
        signedList.issuedAt = issuedAt;
        return signedList.toPayload();
    });
}

} // namespace backend
