#include "sealservice.h"

#include "crypto.h"
#include "seal.h"
#include "sealsigner.h"
#include "trustlist.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QSysInfo>
#include <tuple>

#include <algorithm>
#include <fcntl.h>
#include <unistd.h>

namespace backend {

using namespace serverlink::seal;

namespace {

const QString kTrustListName = QStringLiteral("trust-list");
const QString kRevocationsName = QStringLiteral("revocations");
const QString kListSignerName = QStringLiteral("list-signer");
const QString kNextRootName = QStringLiteral("next-root");
const QString kRootKeyFile = QStringLiteral("root.key.pem");
const QString kRootPubFile = QStringLiteral("root.pub.pem");
const QString kListSignerKeyFile = QStringLiteral("list-signer.key.pem");
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

Error sealError(const QString &message)
{
    return Error {ErrorCode::Rendering, message};
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(serverlink::crypto::sha256(bytes).toHex());
}

QDateTime wholeSeconds(const QDateTime &t)
{
    return QDateTime::fromSecsSinceEpoch(t.toSecsSinceEpoch(), Qt::UTC);
}

/// Overwrites a private key file before unlinking it, so its bytes do not stay in free blocks of the data disk.
Status shred(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite))
        return Error {ErrorCode::Io, QStringLiteral("Berkas kunci %1 tidak dapat dihapus.").arg(path)};
    const QByteArray zeros(int(f.size()), '\0');
    const bool wiped = f.write(zeros) == zeros.size() && f.flush() && ::fsync(f.handle()) == 0;
    f.close();
    if (!wiped || !QFile::remove(path))
        return Error {ErrorCode::Io, QStringLiteral("Berkas kunci %1 tidak dapat dihapus.").arg(path)};
    return Done {};
}

/// Sequence, issue time and content hash (as refreshList computes it) of a list payload signed elsewhere.
template<typename List> serverlink::Expected<std::tuple<quint64, QDateTime, QString>, QString> importedList(const QByteArray &payload)
{
    auto list = List::fromPayload(payload);
    if (!list)
        return list.error();
    List content = list.value();
    content.sequence = 0;
    content.issuedAt = QDateTime();
    return std::tuple {list.value().sequence, list.value().issuedAt, sha256Hex(content.toPayload())};
}

/// The payload of `entries` with the sequence and issue time of the list about to be signed.
template<typename List> std::function<QByteArray(quint64, const QDateTime &)> stamped(List entries)
{
    return [entries = std::move(entries)](quint64 sequence, const QDateTime &issuedAt) {
        List signedList = entries;
        signedList.sequence = sequence;
        signedList.issuedAt = issuedAt;
        return signedList.toPayload();
    };
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

Result<QByteArray> readWholeFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error {ErrorCode::Io, QStringLiteral("%1 tidak dapat dibaca.").arg(path)};
    return f.readAll();
}

Status writeWholeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return Error {ErrorCode::Io, QStringLiteral("%1 tidak dapat ditulis.").arg(path)};
    return Done {};
}

QString listEtag(const SignedListRecord &list)
{
    return QStringLiteral("\"%1\"").arg(QString::fromLatin1(serverlink::crypto::sha256(list.envelope).toHex()));
}

Result<std::optional<QString>> configuredVerifyUrl(const QString &iniPath)
{
    if (iniPath.isEmpty() || !QFile::exists(iniPath))
        return std::optional<QString>();
    QSettings ini(iniPath, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return Error {ErrorCode::Io, QStringLiteral("Berkas pengaturan %1 tidak dapat dibaca.").arg(iniPath)};
    const QVariant value = ini.value(QStringLiteral("verifikasi/publicUrl"));
    if (!value.isValid())
        return std::optional<QString>();
    const QString url = value.toString().trimmed();
    if (!isVerifyUrl(url))
        return Error {ErrorCode::InvalidData,
            QStringLiteral("[verifikasi] publicUrl \"%1\" di %2 tidak sah: harus https:// lalu 1–%3 huruf, angka, titik, minus, garis "
                           "miring atau titik dua (tanpa ? dan #).")
                .arg(url, iniPath)
                .arg(kMaxVerifyUrlChars)};
    return std::optional<QString>(url);
}

QString consoleVerifyUrl(const QString &host, quint16 port)
{
    const QString portPart = port == 0 || port == 443 ? QString() : QStringLiteral(":%1").arg(port);
    const auto url = [&portPart](const QString &h) { return QStringLiteral("https://%1%2/v").arg(h, portPart); };
    const bool wildcard = host.isEmpty() || host == QLatin1String("0.0.0.0") || host == QLatin1String("::") || host == QLatin1String("*");
    if (!wildcard && isVerifyUrl(url(host)))
        return url(host);
    const QString machine = QSysInfo::machineHostName();
    return isVerifyUrl(url(machine)) ? url(machine) : url(QStringLiteral("localhost"));
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
    , m_verifyUrl(consoleVerifyUrl())
{ }

void SealService::setVerifyUrl(const QString &url)
{
    std::lock_guard lock(m_mutex);
    m_verifyUrl = url;
}

QString SealService::verifyUrl() const
{
    std::lock_guard lock(m_mutex);
    return m_verifyUrl;
}

QString SealService::keyPath(const QString &name) const
{
    return QDir(m_keysDir).filePath(name);
}

bool SealService::rootKeyOnline() const
{
    return QFileInfo::exists(keyPath(kRootKeyFile));
}

Result<QByteArray> SealService::legacyRootPem()
{
    if (!rootKeyOnline())
        return Error {
            ErrorCode::NotFound, QStringLiteral("Kunci induk tidak ada di folder data server; tidak ada yang perlu dipindahkan.")};
    return readWholeFile(keyPath(kRootKeyFile));
}

Result<QByteArray> SealService::rootPublicKeyPem()
{
    std::lock_guard lock(m_mutex);
    if (QFileInfo::exists(keyPath(kRootPubFile))) {
        auto pem = readWholeFile(keyPath(kRootPubFile));
        if (!pem)
            return pem.error();
        auto spki = spkiFromPublicKey(pem.value());
        if (!spki)
            return sealError(spki.error());
        return publicPemFromSpki(spki.value());
    }
    auto legacy = legacyRootPem();
    if (!legacy)
        return Error {ErrorCode::NotFound,
            QStringLiteral("Kunci publik induk belum dipasang: jalankan 'root create' di komputer kunci induk, lalu "
                           "'trust-list import-signed --root root.pub.pem' di server.")};
    auto root = SealSigner::fromPrivatePem(legacy.value());
    if (!root)
        return sealError(root.error());
    return publicPemFromSpki(root.value().spki());
}

Result<SealSigner> SealService::listSigner(bool create)
{
    const QString path = keyPath(kListSignerKeyFile);
    if (!QFileInfo::exists(path)) {
        if (!create)
            return Error {ErrorCode::NotFound, QStringLiteral("Kunci penanda tangan daftar belum dibuat ('trust-list export-payload').")};
        auto pair = generateKeyPair();
        if (!pair)
            return sealError(pair.error());
        if (auto written = writePrivateFile(path, pair.value().privatePem); !written)
            return written.error();
    }
    auto pem = readWholeFile(path);
    if (!pem)
        return pem.error();
    auto signer = SealSigner::fromPrivatePem(pem.value());
    if (!signer)
        return sealError(signer.error());
    return signer.value();
}

std::optional<ListSignerDelegation> SealService::delegation()
{
    std::lock_guard lock(m_mutex);
    const auto pem = rootPublicKeyPem();
    const auto stored = m_store.signedList(kListSignerName);
    if (!pem || !stored || !stored.value())
        return std::nullopt;
    const auto opened = openSigned(stored.value()->envelope, {spkiFromPublicKey(pem.value()).value()});
    if (!opened || opened.value().delegation)
        return std::nullopt;
    const auto d = ListSignerDelegation::fromPayload(opened.value().payload);
    return d ? std::optional<ListSignerDelegation>(d.value()) : std::nullopt;
}

Result<SignedListRecord> SealService::signList(const QByteArray &payload, const QDateTime &now)
{
    const auto nextRoot = m_store.signedList(kNextRootName);
    if (!nextRoot)
        return nextRoot.error();
    EnvelopeAttachments attachments;
    if (nextRoot.value())
        attachments.nextRoot = nextRoot.value()->envelope;
    const auto d = delegation();
    auto signer = listSigner(false);
    if (d && signer && d->spki == signer.value().spki() && d->covers(now)) {
        attachments.delegation = m_store.signedList(kListSignerName).value()->envelope;
        auto envelope = signEnvelope(signer.value(), payload, attachments);
        if (!envelope)
            return sealError(envelope.error());
        return SignedListRecord {{}, 0, {}, {}, envelope.value()};
    }
    // An installation from before the offline root still signs with it until 'root move-out'.
    auto legacy = legacyRootPem();
    if (!legacy)
        return Error {ErrorCode::NotFound,
            d ? QStringLiteral("Delegasi kunci penanda tangan daftar berlaku %1 s.d. %2, bukan sekarang: jalankan 'trust-list "
                               "export-payload', tanda tangani dengan 'root sign', lalu 'trust-list import-signed'.")
                    .arg(d->notBefore.toString(Qt::ISODate), d->notAfter.toString(Qt::ISODate))
              : QStringLiteral("Belum ada kunci penanda tangan daftar: jalankan 'trust-list export-payload', tanda tangani "
                               "dengan 'root sign' di komputer kunci induk, lalu 'trust-list import-signed'.")};
    auto root = SealSigner::fromPrivatePem(legacy.value());
    if (!root)
        return sealError(root.error());
    auto envelope = signEnvelope(root.value(), payload, attachments);
    if (!envelope)
        return sealError(envelope.error());
    return SignedListRecord {{}, 0, {}, {}, envelope.value()};
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
    const SigningKeyRecord record {keyId, office, officeName, signerTitle, pair.value().spki, file, validFrom, QDate(), kActive,
        QDateTime::currentDateTimeUtc(), {}, {}};
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
    auto pem = readWholeFile(key->keyFile);
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
    const auto tag = nikTag(kVersion, office, serial, r.nik);
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
    f.version = kVersion;
    auto sealed = signer.value().seal(f, m_verifyUrl);
    if (!sealed)
        return sealError(sealed.error());
    return SealRecord {r.registrationNumber, office, serial, key->keyId, issued, sealed.value().text,
        QString::fromLatin1(f.documentHash.toHex()), canonical, {}, {}};
}

Result<SealRecord> SealService::revokeLetter(const QString &registrationNumber, const QString &reason)
{
    // The revocation list is re-signed when it is next served (its content changed).
    return m_store.revokeSeal(registrationNumber, reason);
}

Result<SigningKeyRecord> SealService::revokeKey(const QString &kid, const QString &reason)
{
    std::lock_guard lock(m_mutex);
    const QString prefix = kid.trimmed().toLower();
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{8,64}$"));
    if (!hex.match(prefix).hasMatch())
        return Error {ErrorCode::InvalidData, QStringLiteral("KID harus paling sedikit 8 angka heksadesimal (lihat 'keys list').")};
    if (reason.trimmed().isEmpty())
        return Error {ErrorCode::InvalidData, QStringLiteral("Alasan pencabutan kunci wajib diisi (--reason).")};
    auto all = m_store.signingKeys();
    if (!all)
        return all.error();
    QList<SigningKeyRecord> matching;
    for (const SigningKeyRecord &k : all.value())
        if (k.keyId.startsWith(prefix))
            matching.append(k);
    if (matching.size() != 1)
        return Error {matching.isEmpty() ? ErrorCode::NotFound : ErrorCode::InvalidData,
            matching.isEmpty() ? QStringLiteral("Tidak ada kunci dengan KID %1.").arg(prefix)
                               : QStringLiteral("KID %1 cocok dengan beberapa kunci; tulis lebih banyak angka.").arg(prefix)};
    if (auto revoked = m_store.revokeSigningKey(matching.first().keyId, reason.trimmed(), QDateTime::currentDateTimeUtc()); !revoked)
        return revoked.error();
    // A compromised key never signs again, whatever happens to the database row.
    if (QFileInfo::exists(matching.first().keyFile))
        if (auto removed = shred(matching.first().keyFile); !removed)
            return removed.error();
    auto after = m_store.signingKeys();
    if (!after)
        return after.error();
    for (const SigningKeyRecord &k : after.value())
        if (k.keyId == matching.first().keyId)
            return k;
    return Error {ErrorCode::NotFound, QStringLiteral("Kunci %1 hilang setelah dicabut.").arg(prefix)};
}

Result<SignedListRecord> SealService::refreshList(const QString &name, const QByteArray &content, const QDateTime &now,
    const std::function<QByteArray(quint64, const QDateTime &)> &payload)
{
    std::lock_guard lock(m_mutex);
    const QString contentSha256 = sha256Hex(content);
    auto stored = m_store.signedList(name);
    if (!stored)
        return stored.error();
    const auto &last = stored.value();
    if (last && last->contentSha256 == contentSha256 && last->issuedAt.addSecs(kListRefreshHours * 3600) > now)
        return *last;
    // Whole seconds: the list's issuedAt is written without milliseconds.
    const QDateTime issuedAt = wholeSeconds(now);
    const quint64 sequence = last ? last->sequence + 1 : 1;
    auto signedNow = signList(payload(sequence, issuedAt), issuedAt);
    if (!signedNow) {
        // Without a signer in force the last list is still served: kiosks see it age and say TIDAK DIKENAL.
        if (last) {
            qWarning().noquote() << "kecamatan-backend:" << signedNow.error().message;
            return *last;
        }
        return signedNow.error();
    }
    const SignedListRecord record {name, sequence, issuedAt, contentSha256, signedNow.value().envelope};
    if (auto saved = m_store.saveSignedList(record); !saved)
        return saved.error();
    return record;
}

Result<TrustList> SealService::currentTrust()
{
    auto records = m_store.signingKeys();
    if (!records)
        return records.error();
    TrustList list;
    list.keys = trustedKeys(records.value());
    return list;
}

Result<RevocationList> SealService::currentRevocations()
{
    auto revoked = m_store.revokedSeals();
    if (!revoked)
        return revoked.error();
    RevocationList list;
    for (const SealRecord &s : revoked.value())
        if (const auto id = revocationId(s.office, s.serial))
            list.revoked.insert(*id);
    return list;
}

Result<SignedListRecord> SealService::trustList(const QDateTime &now)
{
    auto list = currentTrust();
    if (!list)
        return list.error();
    return refreshList(kTrustListName, list.value().toPayload(), now, stamped(list.value()));
}

Result<SignedListRecord> SealService::revocationList(const QDateTime &now)
{
    auto list = currentRevocations();
    if (!list)
        return list.error();
    return refreshList(kRevocationsName, list.value().toPayload(), now, stamped(list.value()));
}

Result<SealService::Payloads> SealService::exportPayloads(int days, const QDateTime &now)
{
    std::lock_guard lock(m_mutex);
    if (days < 1 || days > kMaxDelegationDays)
        return Error {ErrorCode::InvalidData, QStringLiteral("Masa delegasi harus 1–%1 hari.").arg(kMaxDelegationDays)};
    auto signer = listSigner(true);
    if (!signer)
        return signer.error();
    const auto current = delegation();
    const QDateTime from = wholeSeconds(now);
    Payloads out;
    out.listSigner
        = ListSignerDelegation {current ? current->sequence + 1 : 1, signer.value().spki(), from, from.addDays(days)}.toPayload();
    auto trust = currentTrust();
    auto revocations = currentRevocations();
    auto lastTrust = m_store.signedList(kTrustListName);
    auto lastRevocations = m_store.signedList(kRevocationsName);
    if (!trust || !revocations || !lastTrust || !lastRevocations)
        return !trust ? trust.error() : !revocations ? revocations.error() : !lastTrust ? lastTrust.error() : lastRevocations.error();
    trust.value().sequence = lastTrust.value() ? lastTrust.value()->sequence + 1 : 1;
    trust.value().issuedAt = from;
    revocations.value().sequence = lastRevocations.value() ? lastRevocations.value()->sequence + 1 : 1;
    revocations.value().issuedAt = from;
    out.trustList = trust.value().toPayload();
    out.revocations = revocations.value().toPayload();
    return out;
}

Result<QString> SealService::importSigned(const QByteArray &envelope, const QByteArray &rootPem)
{
    std::lock_guard lock(m_mutex);
    if (!rootPem.isEmpty()) {
        auto spki = spkiFromPublicKey(rootPem);
        if (!spki)
            return Error {ErrorCode::InvalidData, spki.error()};
        auto installed = rootPublicKeyPem();
        if (installed && spkiFromPublicKey(installed.value()).value() != spki.value())
            return Error {ErrorCode::TransitionNotAllowed,
                QStringLiteral("Kunci induk lain sudah dipasang; kunci induk baru dipasang lewat pengumuman 'root announce'.")};
        if (!installed)
            if (auto written = writeWholeFile(keyPath(kRootPubFile), publicPemFromSpki(spki.value())); !written)
                return written.error();
    }
    auto pem = rootPublicKeyPem();
    if (!pem)
        return pem.error();
    const QByteArray root = spkiFromPublicKey(pem.value()).value();
    QList<QByteArray> roots {root};
    if (const auto announced = m_store.signedList(kNextRootName); announced && announced.value())
        if (const auto next = openNextRoot(announced.value()->envelope, root))
            roots.append(next.value().spki);
    const auto opened = openSigned(envelope, roots);
    if (!opened)
        return Error {ErrorCode::InvalidData, opened.error()};
    if (opened.value().delegation)
        return Error {ErrorCode::InvalidData, QStringLiteral("Hanya berkas yang ditandatangani langsung oleh kunci induk dapat dipasang.")};
    const QByteArray &payload = opened.value().payload;
    const QString type = payloadType(payload);
    const bool byNextRoot = opened.value().rootSpki != root;
    if (byNextRoot && type != QLatin1String("SQ1-LIST-SIGNER"))
        return Error {ErrorCode::InvalidData, QStringLiteral("Kunci induk berikutnya mulai dengan delegasi penanda tangan daftar.")};
    const QDateTime now = wholeSeconds(QDateTime::currentDateTimeUtc());
    if (type == QLatin1String("SQ1-LIST-SIGNER")) {
        const auto d = ListSignerDelegation::fromPayload(payload);
        auto signer = listSigner(false);
        if (!d || !signer || d.value().spki != signer.value().spki())
            return Error {ErrorCode::InvalidData, QStringLiteral("Delegasi ini bukan untuk kunci penanda tangan daftar server ini.")};
        if (const auto current = delegation(); current && !byNextRoot && d.value().sequence <= current->sequence)
            return Error {ErrorCode::InvalidData,
                QStringLiteral("Delegasi urutan %1 tidak lebih baru dari yang terpasang (%2).")
                    .arg(d.value().sequence)
                    .arg(current->sequence)};
        // The rotation completes: the announced root becomes the one this server names (kiosks already know it).
        if (byNextRoot)
            if (auto written = writeWholeFile(keyPath(kRootPubFile), publicPemFromSpki(opened.value().rootSpki)); !written)
                return written.error();
        if (auto saved
            = m_store.saveSignedList({kListSignerName, d.value().sequence, d.value().notBefore, sha256Hex(d.value().spki), envelope});
            !saved)
            return saved.error();
        return QStringLiteral("Delegasi kunci penanda tangan daftar %1 (urutan %2) dipasang, berlaku %3 s.d. %4.")
            .arg(QString::fromLatin1(kidOf(d.value().spki).toHex()))
            .arg(d.value().sequence)
            .arg(d.value().notBefore.toString(Qt::ISODate), d.value().notAfter.toString(Qt::ISODate));
    }
    if (type == QLatin1String("SQ1-NEXT-ROOT")) {
        const auto next = NextRoot::fromPayload(payload);
        if (!next)
            return Error {ErrorCode::InvalidData, next.error()};
        if (auto saved = m_store.saveSignedList({kNextRootName, 0, now, sha256Hex(next.value().spki), envelope}); !saved)
            return saved.error();
        return QStringLiteral("Kunci induk berikutnya %1 diumumkan; setiap daftar membawa pengumuman ini.")
            .arg(QString::fromLatin1(kidOf(next.value().spki).toHex()));
    }
    const bool trust = type == QLatin1String("SQ1-TRUST-LIST");
    if (!trust && type != QLatin1String("SQ1-REVOCATION-LIST"))
        return Error {ErrorCode::InvalidData, QStringLiteral("Jenis berkas %1 tidak dikenal.").arg(type)};
    auto imported = trust ? importedList<TrustList>(payload) : importedList<RevocationList>(payload);
    if (!imported)
        return Error {ErrorCode::InvalidData, imported.error()};
    const auto [sequence, issuedAt, contentSha256] = imported.value();
    const QString name = trust ? kTrustListName : kRevocationsName;
    auto last = m_store.signedList(name);
    if (!last)
        return last.error();
    if (last.value() && sequence <= last.value()->sequence)
        return Error {ErrorCode::InvalidData,
            QStringLiteral("Daftar urutan %1 tidak lebih baru dari yang terpasang (%2).").arg(sequence).arg(last.value()->sequence)};
    if (auto saved = m_store.saveSignedList({name, sequence, issuedAt, contentSha256, envelope}); !saved)
        return saved.error();
    return QStringLiteral("%1 urutan %2 (terbit %3) dipasang.")
        .arg(trust ? QStringLiteral("Daftar kunci") : QStringLiteral("Daftar pencabutan"))
        .arg(sequence)
        .arg(issuedAt.toString(Qt::ISODate));
}

Result<QString> SealService::moveRootOut(const QString &outDir, int days)
{
    std::lock_guard lock(m_mutex);
    auto legacy = legacyRootPem();
    if (!legacy)
        return legacy.error();
    auto root = SealSigner::fromPrivatePem(legacy.value());
    if (!root)
        return sealError(root.error());
    const QString movedKey = QDir(outDir).absoluteFilePath(kRootKeyFile);
    if (auto written = writePrivateFile(movedKey, legacy.value()); !written)
        return written.error();
    const QByteArray publicPem = publicPemFromSpki(root.value().spki());
    if (auto written = writeWholeFile(QDir(outDir).filePath(kRootPubFile), publicPem); !written)
        return written.error();
    if (auto written = writeWholeFile(keyPath(kRootPubFile), publicPem); !written)
        return written.error();
    auto payloads = exportPayloads(days);
    if (!payloads)
        return payloads.error();
    auto delegationEnvelope = signEnvelope(root.value(), payloads.value().listSigner);
    if (!delegationEnvelope)
        return sealError(delegationEnvelope.error());
    if (auto installed = importSigned(delegationEnvelope.value()); !installed)
        return installed.error();
    if (auto removed = shred(keyPath(kRootKeyFile)); !removed)
        return removed.error();
    return movedKey;
}

Result<QString> createRootKey(const QString &outDir)
{
    auto pair = generateKeyPair();
    if (!pair)
        return sealError(pair.error());
    const QString key = QDir(outDir).absoluteFilePath(kRootKeyFile);
    const QString pub = QDir(outDir).absoluteFilePath(kRootPubFile);
    if (QFileInfo::exists(pub))
        return Error {ErrorCode::TransitionNotAllowed, QStringLiteral("%1 sudah ada; kunci induk tidak ditimpa.").arg(pub)};
    if (auto written = writePrivateFile(key, pair.value().privatePem); !written)
        return written.error();
    if (auto written = writeWholeFile(pub, pair.value().publicPem); !written)
        return written.error();
    return key;
}

Result<QByteArray> signWithRoot(const QByteArray &rootPrivatePem, const QByteArray &payload)
{
    auto root = SealSigner::fromPrivatePem(rootPrivatePem);
    if (!root)
        return sealError(root.error());
    const QString type = payloadType(payload);
    const bool valid = type == QLatin1String("SQ1-LIST-SIGNER") ? bool(ListSignerDelegation::fromPayload(payload))
        : type == QLatin1String("SQ1-NEXT-ROOT")                ? bool(NextRoot::fromPayload(payload))
        : type == QLatin1String("SQ1-TRUST-LIST")               ? bool(TrustList::fromPayload(payload))
        : type == QLatin1String("SQ1-REVOCATION-LIST")          ? bool(RevocationList::fromPayload(payload))
                                                                : false;
    if (!valid)
        return Error {ErrorCode::InvalidData,
            QStringLiteral("Berkas bukan muatan yang boleh ditandatangani kunci induk (delegasi, kunci induk berikutnya, daftar kunci, "
                           "daftar pencabutan).")};
    auto envelope = signEnvelope(root.value(), payload);
    if (!envelope)
        return sealError(envelope.error());
    return envelope.value();
}

} // namespace backend
