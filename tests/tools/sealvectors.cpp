// seal-vectors: writes the committed SQ1 and SQ2 test vectors of tests/data/seal (keys, signed
// lists, valid and invalid seals). ECDSA signatures are randomised, so the files are generated once
// and committed; run it again only to replace them on purpose (keys already in DIR are kept, so
// fixtures that pin root.pub.pem stay valid):
//   seal-vectors --regenerate tests/data/seal
#include "base45.h"
#include "digits.h"
#include "seal.h"
#include "sealsigner.h"
#include "sealvectorjson.h"
#include "trustlist.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QTextStream>
#include <cstdio>

using namespace serverlink::seal;

namespace {

const QString kDesa = QStringLiteral("3521112004");
const QString kKecamatan = QStringLiteral("3521110000");
const QString kOtherDesa = QStringLiteral("3521112005");
const QDateTime kTrustIssued(QDate(2026, 5, 30), QTime(0, 0), Qt::UTC);
const QDateTime kRevocationIssued(QDate(2026, 5, 30), QTime(6, 0), Qt::UTC);
const QDateTime kVerifyAt(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);
const QString kVerifyUrl = QStringLiteral("https://layanan.kec-pitu.go.id/v");

[[noreturn]] void die(const QString &message)
{
    QTextStream(stderr) << "seal-vectors: " << message << '\n';
    std::exit(1);
}

template<typename T, typename E> T must(serverlink::Expected<T, E> r)
{
    if (!r)
        die(r.error());
    return std::move(r.value());
}

class Writer
{
public:
    explicit Writer(QString dir)
        : m_dir(std::move(dir))
    { }
    void write(const QString &name, const QByteArray &bytes) const
    {
        QSaveFile f(QDir(m_dir).filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
            die(QStringLiteral("cannot write %1").arg(f.fileName()));
    }
    /// The private key PEM in NAME.key.pem; empty when there is none.
    QByteArray existingKey(const QString &name) const
    {
        QFile f(QDir(m_dir).filePath(name + QStringLiteral(".key.pem")));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private:
    QString m_dir;
};

/// A key pair written as NAME.key.pem / NAME.pub.pem.
SealSigner keyFile(const Writer &w, const QString &name, const KeyPair &pair)
{
    w.write(name + QStringLiteral(".key.pem"), pair.privatePem);
    w.write(name + QStringLiteral(".pub.pem"), pair.publicPem);
    return must(SealSigner::fromPrivatePem(pair.privatePem));
}

/// The committed key NAME when DIR has it, else a new one written there.
SealSigner keptKey(const Writer &w, const QString &name)
{
    const QByteArray pem = w.existingKey(name);
    return pem.isEmpty() ? keyFile(w, name, must(generateKeyPair())) : must(SealSigner::fromPrivatePem(pem));
}

/// Two P-256 keys whose kids collide (birthday search over 32-bit kids, ~2^16 keys).
std::pair<KeyPair, KeyPair> collidingPair()
{
    QHash<QByteArray, KeyPair> seen;
    for (int i = 0; i < 2000000; ++i) {
        KeyPair k = must(generateKeyPair());
        const QByteArray kid = kidOf(k.spki);
        if (auto it = seen.constFind(kid); it != seen.cend())
            return {it.value(), k};
        seen.insert(kid, k);
    }
    die(QStringLiteral("no kid collision found"));
}

const QString kLetterSktm = QStringLiteral(
    "PEMERINTAH KABUPATEN NGAWI\r\nKECAMATAN PITU\r\nDESA PITU\r\nJalan Raya Pitu No. 1,  Pitu, Ngawi 63253\r\n\r\n"
    "SURAT KETERANGAN TIDAK MAMPU\r\nNomor: 470/0012/3521112004/2026\r\n"
    "Yang bertanda tangan di bawah ini, Kepala Desa Pitu, Kecamatan Pitu, Kabupaten Ngawi, menerangkan bahwa:\r\n"
    "  Nama: Budi Santoso  \r\n\tNIK: 3521110101900001\r\nAlamat: RT 002 RW 001 Dusun Krajan\r\n"
    "Keperluan: Pengajuan beasiswa\r\nOrang tersebut di atas adalah benar warga Desa Pitu dan tergolong keluarga tidak mampu.\r\n"
    "Pitu, 20 Mei 2026\r\nKepala Desa Pitu\r\nSugeng Riyadi\r\nNomor registrasi: PITU-7Q2K-9XMF\r\n");
// Decomposed "é" (e + U+0301) and a no-break space: canonicalisation turns them into NFC and one space.
const QString kLetterWaris
    = QStringLiteral("PEMERINTAH KABUPATEN NGAWI\nKECAMATAN PITU\n\nSURAT KETERANGAN AHLI WARIS\nNomor: 474.3/0003/352111/2026\n"
                     "Nama:\u00a0Ni Luh Putu De\u0301wi Sukmawati\nNIK: 3521114507850002\nPitu, 2 April 2026\nCamat Pitu\n"
                     "Drs. Heru Santoso, M.Si.\n");

struct Vector {
    QString name;
    QString seal;
    QJsonObject extra;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3 || args.at(1) != QLatin1String("--regenerate")) {
        QTextStream(stderr) << "usage: seal-vectors --regenerate DIR   (replaces the committed vectors in DIR)\n";
        return 2;
    }
    QDir().mkpath(args.at(2));
    const Writer w(args.at(2));

    const SealSigner root = keptKey(w, QStringLiteral("root"));
    const SealSigner otherRoot = keptKey(w, QStringLiteral("other-root"));
    const SealSigner desa = keptKey(w, QStringLiteral("office-desa"));
    const SealSigner desa2024 = keptKey(w, QStringLiteral("office-desa-2024"));
    const SealSigner kecamatan = keptKey(w, QStringLiteral("office-kecamatan"));
    const SealSigner revokedKey = keptKey(w, QStringLiteral("office-revoked"));
    const SealSigner stranger = keptKey(w, QStringLiteral("stranger"));
    const bool pairKept = !w.existingKey(QStringLiteral("collide-a")).isEmpty() && !w.existingKey(QStringLiteral("collide-b")).isEmpty();
    const auto [collideA, collideB] = pairKept ? std::pair<KeyPair, KeyPair>() : collidingPair();
    const SealSigner collisionA = pairKept ? keptKey(w, QStringLiteral("collide-a")) : keyFile(w, QStringLiteral("collide-a"), collideA);
    const SealSigner collisionB = pairKept ? keptKey(w, QStringLiteral("collide-b")) : keyFile(w, QStringLiteral("collide-b"), collideB);

    const auto key = [](const SealSigner &s, const QString &office, const QString &name, const QString &signer, QDate from, QDate until,
                         KeyStatus status) {
        return TrustedKey {s.kid(), office, name, signer, QStringLiteral("ES256"), s.spki(), from, until, status};
    };
    TrustList trust;
    trust.sequence = 1;
    trust.issuedAt = kTrustIssued;
    trust.keys = {
        key(desa, kDesa, QStringLiteral("Desa Pitu"), QStringLiteral("Kepala Desa Pitu"), QDate(2025, 1, 1), {}, KeyStatus::Active),
        key(desa2024, kDesa, QStringLiteral("Desa Pitu"), QStringLiteral("Kepala Desa Pitu"), QDate(2024, 1, 1), QDate(2024, 12, 31),
            KeyStatus::Retired),
        key(kecamatan, kKecamatan, QStringLiteral("Kecamatan Pitu"), QStringLiteral("Camat Pitu"), QDate(2025, 1, 1), {},
            KeyStatus::Active),
        key(revokedKey, kDesa, QStringLiteral("Desa Pitu"), QStringLiteral("Kepala Desa Pitu"), QDate(2025, 1, 1), {}, KeyStatus::Revoked),
        key(collisionA, kOtherDesa, QStringLiteral("Desa Sumber"), QStringLiteral("Kepala Desa Sumber"), QDate(2025, 1, 1), {},
            KeyStatus::Active),
        key(collisionB, kOtherDesa, QStringLiteral("Desa Sumber"), QStringLiteral("Kepala Desa Sumber"), QDate(2025, 1, 1), {},
            KeyStatus::Active),
    };
    const QByteArray trustPayload = trust.toPayload();
    w.write(QStringLiteral("trust-list.json"), must(signEnvelope(root, trustPayload)));
    w.write(QStringLiteral("trust-list-other-root.json"), must(signEnvelope(otherRoot, trustPayload)));
    {
        // The genuine signature over a payload with one key's window widened.
        QJsonObject env = QJsonDocument::fromJson(must(signEnvelope(root, trustPayload))).object();
        QByteArray tampered = trustPayload;
        tampered.replace("2024-12-31", "2029-12-31");
        env.insert(QStringLiteral("payload"), QString::fromLatin1(tampered.toBase64()));
        w.write(QStringLiteral("trust-list-tampered.json"), QJsonDocument(env).toJson(QJsonDocument::Indented));
    }

    QList<Vector> valid;
    QList<Vector> invalid;
    const auto serial = [] { return QRandomGenerator::system()->generate() | 1u; };
    const auto fieldsOf = [&](quint8 version, quint8 type, const QString &office, QDate issued, QDate until, const QString &nomor,
                              const QString &name, const QString &nik, const QString &letter) {
        SealFields f;
        f.version = version;
        f.documentType = type;
        f.office = office;
        f.serial = serial();
        f.issued = issued;
        f.validUntil = until;
        f.nomorSurat = nomor;
        f.holderName = name;
        f.nikTag = *nikTag(version, office, f.serial, nik);
        f.documentHash = documentHash(letter);
        return f;
    };
    const auto fields
        = [&](quint8 type, const QString &office, QDate issued, QDate until, const QString &nomor, const QString &name, const QString &nik,
              const QString &letter) { return fieldsOf(kVersionSq1, type, office, issued, until, nomor, name, nik, letter); };
    // Every valid vector names its signer (the C++ test re-signs its fields) and a NIK with the expected match.
    const auto addValidSeal = [&](const QString &name, const QString &signerName, const SignedSeal &s, const QString &nik, bool nikMatches,
                                  const QString &letter) {
        const auto parsed = SealCodec::parse(s.text);
        valid.append({name, s.text,
            QJsonObject {{QStringLiteral("fields"), sealvectors::fieldsToJson(parsed.value().fields)},
                {QStringLiteral("signer"), signerName}, {QStringLiteral("nik"), nik}, {QStringLiteral("nikMatches"), nikMatches},
                {QStringLiteral("letterText"), letter}, {QStringLiteral("canonicalText"), QString::fromUtf8(canonicalText(letter))},
                {QStringLiteral("bodyHex"), QString::fromLatin1(s.body.toHex())}}});
        return s;
    };
    const QHash<const SealSigner *, QString> signerNames {{&desa, QStringLiteral("office-desa")},
        {&desa2024, QStringLiteral("office-desa-2024")}, {&kecamatan, QStringLiteral("office-kecamatan")},
        {&collisionB, QStringLiteral("collide-b")}};
    const auto addValid = [&](const QString &name, const SealSigner &signer, const SealFields &f, const QString &nik, const QString &letter,
                              const QString &url = kVerifyUrl) {
        return addValidSeal(name, signerNames.value(&signer), must(signer.seal(f, url)), nik, true, letter);
    };
    const auto addInvalid = [&](const QString &name, const QString &text, const QString &verdict, const QString &why) {
        invalid.append({name, text, QJsonObject {{QStringLiteral("verdict"), verdict}, {QStringLiteral("why"), why}}});
    };
    const QString sktm = QStringLiteral("SKTM");

    const SealFields sktmFields = fields(*documentTypeForService(sktm), kDesa, QDate(2026, 5, 20), {},
        QStringLiteral("470/0012/3521112004/2026"), QStringLiteral("Budi Santoso"), QStringLiteral("3521110101900001"), kLetterSktm);
    const SignedSeal sktmSeal = addValid(QStringLiteral("sktm-desa"), desa, sktmFields, QStringLiteral("3521110101900001"), kLetterSktm);
    addValid(QStringLiteral("ahli-waris-kecamatan"), kecamatan,
        fields(*documentTypeForService(QStringLiteral("AHLI_WARIS")), kKecamatan, QDate(2026, 4, 2), QDate(2026, 10, 2),
            QStringLiteral("474.3/0003/352111/2026"), QStringLiteral("Ni Luh Putu De\u0301wi Sukmawati"),
            QStringLiteral("3521114507850002"), kLetterWaris),
        QStringLiteral("3521114507850002"), kLetterWaris);
    addValid(QStringLiteral("kid-collision-second-key"), collisionB,
        fields(*documentTypeForService(QStringLiteral("DOMISILI")), kOtherDesa, QDate(2026, 3, 3), {},
            QStringLiteral("470/0101/3521112005/2026"), QStringLiteral("Sri Wahyuni"), QStringLiteral("3521114101950003"), kLetterSktm),
        QStringLiteral("3521114101950003"), kLetterSktm);
    addValid(QStringLiteral("retired-key-inside-window"), desa2024,
        fields(*documentTypeForService(QStringLiteral("USAHA")), kDesa, QDate(2024, 11, 11), {}, QStringLiteral("470/0777/3521112004/2024"),
            QStringLiteral("Slamet"), QStringLiteral("3521110202800004"), kLetterSktm),
        QStringLiteral("3521110202800004"), kLetterSktm);
    addValid(QStringLiteral("longest-strings"), desa,
        fields(*documentTypeForService(QStringLiteral("LEGALISASI_WARIS")), kDesa, QDate(2026, 1, 1), QDate(2026, 12, 31),
            QString(64, QLatin1Char('N')), QString(100, QLatin1Char('A')), QStringLiteral("3521110303700005"), kLetterSktm),
        QStringLiteral("3521110303700005"), kLetterSktm);

    const QByteArray sktmBytes = sktmSeal.body + sktmSeal.signature;
    {
        QByteArray b = sktmBytes;
        b[b.size() - 20] = char(b.at(b.size() - 20) ^ 0x01);
        addInvalid(QStringLiteral("bad-signature"), SealCodec::toText(b.left(sktmSeal.body.size()), b.mid(sktmSeal.body.size())),
            QStringLiteral("TIDAK_VALID"), QStringLiteral("one bit of s flipped"));
    }
    {
        QByteArray body = sktmSeal.body;
        body.replace("Budi Santoso", "Budi Santosa");
        addInvalid(QStringLiteral("tampered-name"), SealCodec::toText(body, sktmSeal.signature), QStringLiteral("TIDAK_VALID"),
            QStringLiteral("holder name changed, signature kept"));
    }
    addInvalid(QStringLiteral("truncated"), QLatin1String(kSq1Prefix) + serverlink::base45::encode(sktmBytes.left(sktmBytes.size() - 10)),
        QStringLiteral("TIDAK_VALID"), QStringLiteral("last 10 bytes missing"));
    addInvalid(QStringLiteral("truncated-text"), sktmSeal.text.left(sktmSeal.text.size() / 2), QStringLiteral("TIDAK_VALID"),
        QStringLiteral("QR text cut in half"));
    addInvalid(QStringLiteral("trailing-byte"), QLatin1String(kSq1Prefix) + serverlink::base45::encode(sktmBytes + QByteArray(1, '\0')),
        QStringLiteral("TIDAK_VALID"), QStringLiteral("one extra byte after the signature"));
    {
        // Correctly signed, but with version 2 / algorithm 2 in the first byte.
        for (const auto &[name, first, why] : {std::tuple {QStringLiteral("wrong-version"), char(0x21), QStringLiteral("version nibble 2")},
                 std::tuple {QStringLiteral("wrong-alg"), char(0x12), QStringLiteral("algorithm nibble 2; the trust list says ES256")}}) {
            QByteArray body = sktmSeal.body;
            body[0] = first;
            addInvalid(name, QLatin1String(kSq1Prefix) + serverlink::base45::encode(body + must(desa.sign(body))),
                QStringLiteral("TIDAK_VALID"), why);
        }
    }
    const auto sealWith = [&](const SealSigner &signer, QDate issued, const QString &office) {
        SealFields f = sktmFields;
        f.issued = issued;
        f.office = office;
        f.serial = serial();
        f.nikTag = *nikTag(kVersionSq1, office, f.serial, QStringLiteral("3521110101900001"));
        return must(signer.seal(f));
    };
    addInvalid(QStringLiteral("unknown-kid"), sealWith(stranger, QDate(2026, 5, 20), kDesa).text, QStringLiteral("TIDAK_DIKENAL"),
        QStringLiteral("signed by a key that is not in the trust list"));
    addInvalid(QStringLiteral("outside-key-window"), sealWith(desa2024, QDate(2025, 2, 1), kDesa).text, QStringLiteral("TIDAK_VALID"),
        QStringLiteral("issued after the retired key's window ended (2024-12-31)"));
    addInvalid(QStringLiteral("before-key-window"), sealWith(desa, QDate(2024, 12, 31), kDesa).text, QStringLiteral("TIDAK_VALID"),
        QStringLiteral("issued the day before the key's window starts"));
    addInvalid(QStringLiteral("future-issue-date"), sealWith(desa, QDate(2026, 6, 10), kDesa).text, QStringLiteral("TIDAK_VALID"),
        QStringLiteral("issued after the verification day + 1"));
    addInvalid(QStringLiteral("wrong-office"), sealWith(desa, QDate(2026, 5, 20), kOtherDesa).text, QStringLiteral("TIDAK_VALID"),
        QStringLiteral("office field differs from the key's office"));
    addInvalid(QStringLiteral("revoked-key"), sealWith(revokedKey, QDate(2026, 5, 20), kDesa).text, QStringLiteral("DICABUT"),
        QStringLiteral("the trust list marks the signing key revoked"));
    const SignedSeal revokedSeal = sealWith(desa, QDate(2026, 5, 21), kDesa);
    addInvalid(QStringLiteral("revoked-letter"), revokedSeal.text, QStringLiteral("DICABUT"),
        QStringLiteral("its revocation id is in revocations.json"));
    QByteArray noise(170, '\0');
    for (char &c : noise)
        c = char(QRandomGenerator::system()->bounded(256));
    noise[0] = char(0x11);
    for (const auto &[name, text] :
        {std::pair {QStringLiteral("garbage-empty"), QString()}, std::pair {QStringLiteral("garbage-text"), QStringLiteral("HELLO WORLD")},
            std::pair {QStringLiteral("garbage-nik"), QStringLiteral("3521110101900001")},
            std::pair {QStringLiteral("garbage-prefix-only"), QStringLiteral("SQ1:")},
            std::pair {QStringLiteral("garbage-bad-base45"), QStringLiteral("SQ1:ab~~")},
            std::pair {QStringLiteral("garbage-lowercase-prefix"), QStringLiteral("sq1:") + sktmSeal.text.mid(4)},
            std::pair {QStringLiteral("garbage-base45-overflow"), QStringLiteral("SQ1:GGW")},
            std::pair {QStringLiteral("garbage-random-bytes"), QLatin1String(kSq1Prefix) + serverlink::base45::encode(noise)}})
        addInvalid(name, text, QStringLiteral("TIDAK_VALID"), QStringLiteral("not a seal"));

    // SQ2 (seal.md §1–§6 as changed by SQ2): the same keys and lists, the URL form, the scrypt NIK tag, low-S only.
    const QString nikSktm = QStringLiteral("3521110101900001");
    const SignedSeal sq2Seal = addValid(QStringLiteral("sq2-sktm-desa"), desa,
        fieldsOf(kVersionSq2, *documentTypeForService(sktm), kDesa, QDate(2026, 5, 20), {}, QStringLiteral("470/0012/3521112004/2026"),
            QStringLiteral("Budi Santoso"), nikSktm, kLetterSktm),
        nikSktm, kLetterSktm);
    addValid(QStringLiteral("sq2-ahli-waris-kecamatan"), kecamatan,
        fieldsOf(kVersionSq2, *documentTypeForService(QStringLiteral("AHLI_WARIS")), kKecamatan, QDate(2026, 4, 2), QDate(2026, 10, 2),
            QStringLiteral("474.3/0003/352111/2026"), QStringLiteral("Ni Luh Putu De\u0301wi Sukmawati"),
            QStringLiteral("3521114507850002"), kLetterWaris),
        QStringLiteral("3521114507850002"), kLetterWaris);
    addValid(QStringLiteral("sq2-longest-strings"), desa,
        fieldsOf(kVersionSq2, *documentTypeForService(QStringLiteral("LEGALISASI_WARIS")), kDesa, QDate(2026, 1, 1), QDate(2026, 12, 31),
            QString(64, QLatin1Char('N')), QString(100, QLatin1Char('A')), QStringLiteral("3521110303700005"), kLetterSktm),
        QStringLiteral("3521110303700005"), kLetterSktm, QStringLiteral("https://") + QString(80, QLatin1Char('v')));
    {
        // The URL is not signed: the same seal behind another page still verifies.
        SignedSeal moved = sq2Seal;
        moved.text = SealCodec::toText(sq2Seal.body, sq2Seal.signature, QStringLiteral("https://127.0.0.1:8444/v"));
        addValidSeal(QStringLiteral("sq2-other-url"), QStringLiteral("office-desa"), moved, nikSktm, true, kLetterSktm);
        // A NIK check that must fail: the seal is genuine, the typed NIK is not its holder's.
        addValidSeal(QStringLiteral("sq2-wrong-nik"), QStringLiteral("office-desa"), sq2Seal, QStringLiteral("3521110101900002"), false,
            kLetterSktm);
    }
    const QByteArray sq2Bytes = sq2Seal.body + sq2Seal.signature;
    const QString sq2Prefix = kVerifyUrl + QLatin1String(kSq2Marker);
    {
        QByteArray body = sq2Seal.body;
        body.replace("Budi Santoso", "Budi Santosa");
        addInvalid(QStringLiteral("sq2-tampered-name"), SealCodec::toText(body, sq2Seal.signature, kVerifyUrl),
            QStringLiteral("TIDAK_VALID"), QStringLiteral("holder name changed, signature kept"));
    }
    addInvalid(QStringLiteral("sq2-high-s"), SealCodec::toText(sq2Seal.body, withNegatedS(sq2Seal.signature), kVerifyUrl),
        QStringLiteral("TIDAK_VALID"), QStringLiteral("s replaced by n - s: a valid ECDSA signature, but SQ2 accepts only s <= n/2"));
    addInvalid(QStringLiteral("sq2-truncated"), sq2Prefix + serverlink::digits::encode(sq2Bytes.left(sq2Bytes.size() - 10)),
        QStringLiteral("TIDAK_VALID"), QStringLiteral("last 10 bytes missing"));
    addInvalid(QStringLiteral("sq2-truncated-text"), sq2Seal.text.left(sq2Seal.text.size() - 7), QStringLiteral("TIDAK_VALID"),
        QStringLiteral("last 7 digits cut: a length no encoding has"));
    addInvalid(QStringLiteral("sq2-trailing-byte"), sq2Prefix + serverlink::digits::encode(sq2Bytes + QByteArray(1, '\0')),
        QStringLiteral("TIDAK_VALID"), QStringLiteral("one extra byte after the signature"));
    {
        // Groups above 65535 (and a last 3-digit group above 255) are not digits(bytes) of anything.
        const QString digits = serverlink::digits::encode(sq2Bytes);
        addInvalid(QStringLiteral("sq2-bad-digits-group"), sq2Prefix + QStringLiteral("65536") + digits.mid(5),
            QStringLiteral("TIDAK_VALID"), QStringLiteral("first 5-digit group is 65536"));
        addInvalid(QStringLiteral("sq2-bad-digits-last"), sq2Prefix + digits + QStringLiteral("256"), QStringLiteral("TIDAK_VALID"),
            QStringLiteral("a final 3-digit group of 256"));
        addInvalid(QStringLiteral("sq2-bad-digits-letter"), sq2Prefix + digits.left(10) + QLatin1Char('A') + digits.mid(11),
            QStringLiteral("TIDAK_VALID"), QStringLiteral("a letter among the digits: not a seal"));
    }
    {
        const QString digits = serverlink::digits::encode(sq2Bytes);
        for (const auto &[name, url, why] :
            {
                std::tuple {QStringLiteral("sq2-url-http"), QStringLiteral("http://layanan.kec-pitu.go.id/v"), QStringLiteral("not https")},
                std::tuple {QStringLiteral("sq2-url-query"), QStringLiteral("https://layanan.kec-pitu.go.id/v?x=1"),
                    QStringLiteral("a ? in the URL")},
                std::tuple {QStringLiteral("sq2-url-too-long"), QStringLiteral("https://") + QString(81, QLatin1Char('v')),
                    QStringLiteral("81 characters after https://")},
                std::tuple {QStringLiteral("sq2-url-empty"), QStringLiteral("https://"), QStringLiteral("nothing after https://")},
            })
            addInvalid(name, url + QLatin1String(kSq2Marker) + digits, QStringLiteral("TIDAK_VALID"), why);
        addInvalid(QStringLiteral("sq2-lowercase-marker"), kVerifyUrl + QStringLiteral("#sq2") + digits, QStringLiteral("TIDAK_VALID"),
            QStringLiteral("#sq2 is not #SQ2"));
    }
    // The body's version must be the text form's: an SQ1 body behind #SQ2, an SQ2 body behind SQ1:.
    addInvalid(QStringLiteral("sq2-form-sq1-body"), sq2Prefix + serverlink::digits::encode(sktmBytes), QStringLiteral("TIDAK_VALID"),
        QStringLiteral("a genuine SQ1 body and signature in the SQ2 text form"));
    addInvalid(QStringLiteral("sq1-form-sq2-body"), QLatin1String(kSq1Prefix) + serverlink::base45::encode(sq2Bytes),
        QStringLiteral("TIDAK_VALID"), QStringLiteral("a genuine SQ2 body and signature in the SQ1 text form"));
    const auto sq2With = [&](const SealSigner &signer, QDate issued) {
        SealFields f = SealCodec::parse(sq2Seal.text).value().fields;
        f.issued = issued;
        f.serial = serial();
        f.nikTag = *nikTag(kVersionSq2, f.office, f.serial, nikSktm);
        return must(signer.seal(f, kVerifyUrl));
    };
    addInvalid(QStringLiteral("sq2-unknown-kid"), sq2With(stranger, QDate(2026, 5, 20)).text, QStringLiteral("TIDAK_DIKENAL"),
        QStringLiteral("signed by a key that is not in the trust list"));
    addInvalid(QStringLiteral("sq2-revoked-key"), sq2With(revokedKey, QDate(2026, 5, 20)).text, QStringLiteral("DICABUT"),
        QStringLiteral("the trust list marks the signing key revoked"));
    const SignedSeal sq2Revoked = sq2With(desa, QDate(2026, 5, 22));
    addInvalid(QStringLiteral("sq2-revoked-letter"), sq2Revoked.text, QStringLiteral("DICABUT"),
        QStringLiteral("its revocation id is in revocations.json"));
    addInvalid(QStringLiteral("sq2-outside-key-window"), sq2With(desa2024, QDate(2025, 2, 1)).text, QStringLiteral("TIDAK_VALID"),
        QStringLiteral("issued after the retired key's window ended (2024-12-31)"));

    RevocationList revocations;
    revocations.sequence = 1;
    revocations.issuedAt = kRevocationIssued;
    for (const SignedSeal *withdrawn : {&revokedSeal, &sq2Revoked}) {
        const auto parsedRevoked = SealCodec::parse(withdrawn->text);
        revocations.revoked.insert(*revocationId(parsedRevoked.value().fields.office, parsedRevoked.value().fields.serial));
    }
    w.write(QStringLiteral("revocations.json"), must(signEnvelope(root, revocations.toPayload())));

    const auto toArray = [](const QList<Vector> &vs) {
        QJsonArray a;
        for (const Vector &v : vs) {
            QJsonObject o = v.extra;
            o.insert(QStringLiteral("name"), v.name);
            o.insert(QStringLiteral("seal"), v.seal);
            a.append(o);
        }
        return a;
    };
    const QJsonObject vectors {{QStringLiteral("format"), QStringLiteral("SQ1 and SQ2 test vectors, server-link/api/seal.md")},
        {QStringLiteral("verifyAt"), kVerifyAt.toString(Qt::ISODate)}, {QStringLiteral("maxListAgeDays"), 7},
        {QStringLiteral("rootPublicKey"), QStringLiteral("root.pub.pem")}, {QStringLiteral("trustList"), QStringLiteral("trust-list.json")},
        {QStringLiteral("revocations"), QStringLiteral("revocations.json")},
        {QStringLiteral("refusedTrustLists"),
            QJsonArray {QStringLiteral("trust-list-other-root.json"), QStringLiteral("trust-list-tampered.json")}},
        {QStringLiteral("valid"), toArray(valid)}, {QStringLiteral("invalid"), toArray(invalid)}};
    w.write(QStringLiteral("vectors.json"), QJsonDocument(vectors).toJson(QJsonDocument::Indented));
    std::printf("wrote %lld valid and %lld invalid vectors to %s (colliding kid %s)\n", qlonglong(valid.size()), qlonglong(invalid.size()),
        qPrintable(args.at(2)), collisionA.kid().toHex().constData());
    return 0;
}
