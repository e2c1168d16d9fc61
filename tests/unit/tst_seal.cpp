// SQ1 and SQ2 seals: the committed vectors both ways, tampering, kid collisions, key windows,
// revocation, the root-signed lists, SQ2's text form, scrypt NIK tag and low-S rule (server-link/api/seal.md).
#include "base45.h"
#include "crypto.h"
#include "digits.h"
#include "seal.h"
#include "sealsigner.h"
#include "sealvectorjson.h"
#include "sealverification.h"
#include "trustlist.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>
#include <functional>

using namespace serverlink::seal;

namespace {

QString dataDir()
{
    return qEnvironmentVariable("KIOSK_SOURCE_DIR") + QStringLiteral("/tests/data/seal/");
}

QByteArray readData(const QString &name)
{
    QFile f(dataDir() + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

QJsonObject vectors()
{
    return QJsonDocument::fromJson(readData(QStringLiteral("vectors.json"))).object();
}

QByteArray rootSpki()
{
    return spkiFromPublicKey(readData(QStringLiteral("root.pub.pem"))).value();
}

SealSigner signer(const QString &name)
{
    return SealSigner::fromPrivatePem(readData(name + QStringLiteral(".key.pem"))).value();
}

QDateTime verifyAt()
{
    return QDateTime::fromString(vectors().value(QStringLiteral("verifyAt")).toString(), Qt::ISODate);
}

TrustList committedTrust()
{
    return TrustList::fromSigned(readData(QStringLiteral("trust-list.json")), rootSpki()).value();
}

RevocationList committedRevocations()
{
    return RevocationList::fromSigned(readData(QStringLiteral("revocations.json")), rootSpki()).value();
}

SealVerifier committedVerifier()
{
    return SealVerifier(committedTrust(), committedRevocations(), 7);
}

QString wireVerdict(Verdict v)
{
    return verdictLabel(v).replace(QLatin1Char(' '), QLatin1Char('_'));
}

const QString kUrl = QStringLiteral("https://layanan.kec-pitu.go.id/v");

/// Whether random byte strings of 0–63 bytes come back unchanged through `encodeDecode`.
bool roundTrips(const std::function<std::optional<QByteArray>(const QByteArray &)> &encodeDecode)
{
    for (int n = 0; n < 64; ++n) {
        QByteArray data(n, '\0');
        for (char &c : data)
            c = char(QRandomGenerator::global()->bounded(256));
        if (encodeDecode(data) != data)
            return false;
    }
    return true;
}

/// The text of `bytes` (body ‖ signature) in the text form of `like` (SQ1, or SQ2 with its URL).
QString sameForm(const QString &like, const QByteArray &bytes)
{
    const qsizetype hash = like.indexOf(QStringLiteral("#SQ2"));
    return hash < 0 ? QStringLiteral("SQ1:") + serverlink::base45::encode(bytes) : like.left(hash + 4) + serverlink::digits::encode(bytes);
}

/// body ‖ signature of a well-formed seal text.
QByteArray sealBytes(const QString &text)
{
    const ParsedSeal parsed = SealCodec::parse(text).value();
    return parsed.body + parsed.signature;
}

/// A fresh trust list with one key and an empty, fresh revocation list; its seals are SQ1 unless a test sets the version.
struct Fixture {
    SealSigner key = SealSigner::fromPrivatePem(generateKeyPair().value().privatePem).value();
    TrustList trust;
    RevocationList revocations;
    QDateTime now = QDateTime(QDate(2026, 6, 1), QTime(8, 0), Qt::UTC);

    Fixture(QDate from, QDate until)
    {
        trust.issuedAt = now.addDays(-1);
        trust.keys = {TrustedKey {key.kid(), QStringLiteral("3521112004"), QStringLiteral("Desa Pitu"), QStringLiteral("Kepala Desa Pitu"),
            QStringLiteral("ES256"), key.spki(), from, until, KeyStatus::Active}};
        revocations.issuedAt = now.addDays(-1);
    }
    SealFields fields(QDate issued, quint32 serial = 42, quint8 version = kVersionSq1) const
    {
        SealFields f;
        f.version = version;
        f.documentType = 1;
        f.office = QStringLiteral("3521112004");
        f.serial = serial;
        f.issued = issued;
        f.nomorSurat = QStringLiteral("470/0001/3521112004/2026");
        f.holderName = QStringLiteral("Budi Santoso");
        f.nikTag = *nikTag(version, f.office, serial, QStringLiteral("3521110101900001"));
        f.documentHash = documentHash(QStringLiteral("surat"));
        return f;
    }
    Verdict verdictFor(const QString &text) const { return SealVerifier(trust, revocations).verify(text, now).verdict; }
};

} // namespace

class TestSeal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void base45Rfc9285()
    {
        // RFC 9285 §4.3 examples.
        QCOMPARE(serverlink::base45::encode("AB"), QStringLiteral("BB8"));
        QCOMPARE(serverlink::base45::encode("Hello!!"), QStringLiteral("%69 VD92EX0"));
        QCOMPARE(serverlink::base45::encode("base-45"), QStringLiteral("UJCLQE7W581"));
        QCOMPARE(serverlink::base45::decode(QStringLiteral("QED8WEX0")).value(), QByteArray("ietf!"));
        QCOMPARE(serverlink::base45::encode({}), QString());
        QVERIFY(roundTrips([](const QByteArray &data) { return serverlink::base45::decode(serverlink::base45::encode(data)); }));
    }

    void base45Strict()
    {
        for (const char *bad : {"GGW", "A", "ABCD", "ab", "AB~", "::::", "ZZZ"})
            QVERIFY2(!serverlink::base45::decode(QString::fromLatin1(bad)), bad);
        QVERIFY(!serverlink::base45::decode(QStringLiteral("BB\u00e9")));
        QCOMPARE(serverlink::base45::decode(QStringLiteral("FGW")).value(), QByteArray("\xff\xff", 2));
        QCOMPARE(serverlink::base45::decode(QStringLiteral("U5")).value(), QByteArray("\xff", 1)); // 30 + 5*45 = 255
        QVERIFY(!serverlink::base45::decode(QStringLiteral("U6"))); // 300 does not fit one byte
        QVERIFY(!serverlink::base45::decode(QStringLiteral("06")));
    }

    void canonicalText()
    {
        QCOMPARE(serverlink::seal::canonicalText(QStringLiteral(" a \t b \r\n\r\n  c\rd \u00a0 \n")), QByteArray("a b\nc\nd\n"));
        QCOMPARE(serverlink::seal::canonicalText(QStringLiteral("De\u0301wi")), QStringLiteral("D\u00e9wi\n").toUtf8());
        QCOMPARE(serverlink::seal::canonicalText(QString()), QByteArray());
        for (const QJsonValue &v : vectors().value(QStringLiteral("valid")).toArray()) {
            const QJsonObject o = v.toObject();
            const QString letter = o.value(QStringLiteral("letterText")).toString();
            QCOMPARE(QString::fromUtf8(serverlink::seal::canonicalText(letter)), o.value(QStringLiteral("canonicalText")).toString());
            QCOMPARE(QString::fromLatin1(documentHash(letter).toHex()),
                o.value(QStringLiteral("fields")).toObject().value(QStringLiteral("documentHash")).toString());
        }
    }

    void validVectors()
    {
        const SealVerifier verifier = committedVerifier();
        const QJsonArray valid = vectors().value(QStringLiteral("valid")).toArray();
        QVERIFY(valid.size() >= 10);
        for (const QJsonValue &v : valid) {
            const QJsonObject o = v.toObject();
            const Verification result = verifier.verify(o.value(QStringLiteral("seal")).toString(), verifyAt());
            QVERIFY2(
                result.verdict == Verdict::Asli, qPrintable(o.value(QStringLiteral("name")).toString() + QLatin1Char(' ') + result.reason));
            QCOMPARE(sealvectors::fieldsToJson(*result.fields), o.value(QStringLiteral("fields")).toObject());
            QCOMPARE(SealVerifier::nikMatches(*result.fields, o.value(QStringLiteral("nik")).toString()),
                o.value(QStringLiteral("nikMatches")).toBool());
            QCOMPARE(result.statusPer, QDateTime(QDate(2026, 5, 30), QTime(0, 0), Qt::UTC));
            QVERIFY(result.key.has_value());
        }
    }

    void invalidVectors()
    {
        const SealVerifier verifier = committedVerifier();
        const QJsonArray invalid = vectors().value(QStringLiteral("invalid")).toArray();
        QVERIFY(invalid.size() >= 35);
        for (const QJsonValue &v : invalid) {
            const QJsonObject o = v.toObject();
            const Verification result = verifier.verify(o.value(QStringLiteral("seal")).toString(), verifyAt());
            QVERIFY2(wireVerdict(result.verdict) == o.value(QStringLiteral("verdict")).toString(),
                qPrintable(o.value(QStringLiteral("name")).toString() + QStringLiteral(": ") + wireVerdict(result.verdict)
                    + QLatin1Char(' ') + result.reason));
            QVERIFY(!result.reason.isEmpty());
        }
    }

    void encodeMatchesVectors()
    {
        // The other direction: fields → body bytes equal the committed body, and a fresh
        // signature by the committed key verifies.
        const SealVerifier verifier = committedVerifier();
        for (const QJsonValue &v : vectors().value(QStringLiteral("valid")).toArray()) {
            const QJsonObject o = v.toObject();
            const SealFields f = sealvectors::fieldsFromJson(o.value(QStringLiteral("fields")).toObject());
            QCOMPARE(QString::fromLatin1(SealCodec::encodeBody(f).value().toHex()), o.value(QStringLiteral("bodyHex")).toString());
            const QString name = o.value(QStringLiteral("name")).toString();
            const QString url = SealCodec::parse(o.value(QStringLiteral("seal")).toString()).value().verifyUrl;
            const SignedSeal fresh = signer(o.value(QStringLiteral("signer")).toString()).seal(f, url).value();
            QVERIFY2(verifier.verify(fresh.text, verifyAt()).verdict == Verdict::Asli, qPrintable(name));
            QCOMPARE(SealCodec::parse(fresh.text).value().verifyUrl, url);
        }
    }

    void everyByteFlipRejected()
    {
        const SealVerifier verifier = committedVerifier();
        for (const QJsonValue &v : vectors().value(QStringLiteral("valid")).toArray()) {
            const QString text = v.toObject().value(QStringLiteral("seal")).toString();
            const QByteArray bytes = sealBytes(text);
            for (int i = 0; i < bytes.size(); ++i) {
                for (const quint8 mask : {quint8(0x01), quint8(0x80), quint8(0xff)}) {
                    QByteArray flipped = bytes;
                    flipped[i] = char(flipped.at(i) ^ mask);
                    const Verification r = verifier.verify(sameForm(text, flipped), verifyAt());
                    QVERIFY2(r.verdict != Verdict::Asli, qPrintable(QStringLiteral("byte %1 mask %2").arg(i).arg(mask)));
                }
            }
        }
    }

    void everyCharacterChangeRejected()
    {
        const SealVerifier verifier = committedVerifier();
        for (const QJsonValue &v : vectors().value(QStringLiteral("valid")).toArray()) {
            const QString text = v.toObject().value(QStringLiteral("seal")).toString();
            // SQ2's URL is not signed (changing it keeps the verdict); every character after it is.
            const qsizetype from = text.startsWith(QStringLiteral("SQ1:")) ? 0 : text.indexOf(QLatin1Char('#'));
            for (qsizetype i = from; i < text.size(); ++i) {
                QString changed = text;
                changed[i] = text.at(i) == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
                QVERIFY2(verifier.verify(changed, verifyAt()).verdict != Verdict::Asli, qPrintable(QString::number(i)));
            }
        }
    }

    void kidCollision()
    {
        const SealSigner a = signer(QStringLiteral("collide-a"));
        const SealSigner b = signer(QStringLiteral("collide-b"));
        QCOMPARE(a.kid(), b.kid());
        QVERIFY(a.spki() != b.spki());
        const TrustList trust = committedTrust();
        QCOMPARE(trust.withKid(a.kid()).size(), 2);
        const QString seal = vectors().value(QStringLiteral("valid")).toArray().at(2).toObject().value(QStringLiteral("seal")).toString();
        const auto parsed = SealCodec::parse(seal).value();
        QCOMPARE(parsed.fields.kid, a.kid());
        // Only the key that signed verifies; the verifier found it behind the other one.
        QVERIFY(!verifyEs256(a.spki(), parsed.body, parsed.signature));
        QVERIFY(verifyEs256(b.spki(), parsed.body, parsed.signature));
        const Verification r = committedVerifier().verify(seal, verifyAt());
        QCOMPARE(r.verdict, Verdict::Asli);
        QCOMPARE(r.key->spki, b.spki());
        // With only the other key of the pair trusted, the same seal is not valid.
        TrustList onlyA = trust;
        onlyA.keys.removeIf([&](const TrustedKey &k) { return k.spki == b.spki(); });
        QCOMPARE(SealVerifier(onlyA, committedRevocations()).verify(seal, verifyAt()).verdict, Verdict::TidakValid);
    }

    void keyWindow_data()
    {
        QTest::addColumn<QDate>("issued");
        QTest::addColumn<bool>("asli");
        QTest::newRow("first day") << QDate(2025, 1, 1) << true;
        QTest::newRow("last day") << QDate(2025, 12, 31) << true;
        QTest::newRow("day before") << QDate(2024, 12, 31) << false;
        QTest::newRow("day after") << QDate(2026, 1, 1) << false;
    }
    void keyWindow()
    {
        QFETCH(QDate, issued);
        QFETCH(bool, asli);
        const Fixture fx(QDate(2025, 1, 1), QDate(2025, 12, 31));
        const QString text = fx.key.seal(fx.fields(issued)).value().text;
        QCOMPARE(fx.verdictFor(text), asli ? Verdict::Asli : Verdict::TidakValid);
    }

    void revocation()
    {
        Fixture fx(QDate(2025, 1, 1), {});
        const QString kept = fx.key.seal(fx.fields(QDate(2026, 5, 1), 1000)).value().text;
        const QString withdrawn = fx.key.seal(fx.fields(QDate(2026, 5, 1), 1001)).value().text;
        fx.revocations.revoked.insert(*revocationId(QStringLiteral("3521112004"), 1001));
        QCOMPARE(fx.verdictFor(kept), Verdict::Asli);
        const Verification r = SealVerifier(fx.trust, fx.revocations).verify(withdrawn, fx.now);
        QCOMPARE(r.verdict, Verdict::Dicabut);
        QCOMPARE(r.fields->serial, 1001u);
        QVERIFY(r.reason.contains(QStringLiteral("status per 31-05-2026")));
        fx.trust.keys[0].status = KeyStatus::Revoked;
        QCOMPARE(fx.verdictFor(kept), Verdict::Dicabut);
    }

    void staleLists()
    {
        Fixture fx(QDate(2025, 1, 1), {});
        const QString text = fx.key.seal(fx.fields(QDate(2026, 5, 1))).value().text;
        fx.revocations.issuedAt = fx.now.addDays(-8);
        const Verification r = SealVerifier(fx.trust, fx.revocations, 7).verify(text, fx.now);
        QCOMPARE(r.verdict, Verdict::TidakDikenal);
        QCOMPARE(r.statusPer, fx.now.addDays(-8));
        QVERIFY(r.reason.contains(QStringLiteral("status per 24-05-2026")));
        QVERIFY(r.fields.has_value());
        // 0 does not switch the check off (#17 L11): the age is bounded to 1–30 days.
        QCOMPARE(SealVerifier(fx.trust, fx.revocations, 0).verify(text, fx.now).verdict, Verdict::TidakDikenal);
        QCOMPARE(SealVerifier(fx.trust, fx.revocations, 10).verify(text, fx.now).verdict, Verdict::Asli);
        QCOMPARE(SealVerifier(fx.trust, std::nullopt, 7).verify(text, fx.now).verdict, Verdict::TidakDikenal);
    }

    void nikCheck()
    {
        const Fixture fx(QDate(2025, 1, 1), {});
        const SealFields f = fx.fields(QDate(2026, 5, 1), 7);
        QVERIFY(SealVerifier::nikMatches(f, QStringLiteral("3521110101900001")));
        QVERIFY(SealVerifier::nikMatches(f, QStringLiteral(" 3521110101900001 ")));
        QVERIFY(!SealVerifier::nikMatches(f, QStringLiteral("3521110101900002")));
        QVERIFY(!SealVerifier::nikMatches(f, QStringLiteral("352111010190000")));
        QVERIFY(!SealVerifier::nikMatches(f, QStringLiteral("352111010190000x")));
        // Spec: SHA-256("SQ1-NIK" ‖ 35 21 11 20 04 ‖ 00 00 00 07 ‖ "3521110101900001")[0..10].
        QByteArray input("SQ1-NIK");
        input.append(QByteArray::fromHex("3521112004"));
        input.append(QByteArray::fromHex("00000007"));
        input.append("3521110101900001");
        QCOMPARE(f.nikTag, QCryptographicHash::hash(input, QCryptographicHash::Sha256).left(10));
        QCOMPARE(*revocationId(QStringLiteral("3521112004"), 7),
            QCryptographicHash::hash(QByteArray::fromHex("352111200400000007"), QCryptographicHash::Sha256).left(8));
    }

    void digitsCodec()
    {
        // seal.md §1: 2 bytes → 5 digits, a last byte → 3 digits; strict decoding.
        QCOMPARE(serverlink::digits::encode(QByteArray::fromHex("0000ffff01")), QStringLiteral("0000065535001"));
        QCOMPARE(serverlink::digits::encode(QByteArray::fromHex("1234ab")), QStringLiteral("04660171"));
        QCOMPARE(serverlink::digits::encode({}), QString());
        QCOMPARE(serverlink::digits::decode(u"0000065535255").value(), QByteArray::fromHex("0000ffffff"));
        for (const char16_t *bad : {u"65536", u"256", u"1", u"12", u"1234", u"123456", u"0000A", u"00 00", u"-0001", u"\u0661\u0662\u0663"})
            QVERIFY2(!serverlink::digits::decode(QStringView(bad)), qPrintable(QString::fromUtf16(bad)));
        QVERIFY(roundTrips([](const QByteArray &data) { return serverlink::digits::decode(serverlink::digits::encode(data)); }));
    }

    void sq2TextForm_data()
    {
        // The recognition rule of seal.md §1, as a table written from the spec.
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("version");
        const QString d = QStringLiteral("#SQ200000");
        QTest::newRow("sq2") << QStringLiteral("https://layanan.kec-pitu.go.id/v") + d << 2;
        QTest::newRow("sq2 port") << QStringLiteral("https://127.0.0.1:8444/v") + d << 2;
        QTest::newRow("sq2 whitespace") << QStringLiteral(" https://a/v") + d + QStringLiteral("\r\n") << 2;
        QTest::newRow("sq2 80 chars") << QStringLiteral("https://") + QString(80, QLatin1Char('a')) + d << 2;
        QTest::newRow("sq2 81 chars") << QStringLiteral("https://") + QString(81, QLatin1Char('a')) + d << 0;
        QTest::newRow("sq2 empty url") << QStringLiteral("https://") + d << 0;
        QTest::newRow("sq2 http") << QStringLiteral("http://a/v") + d << 0;
        QTest::newRow("sq2 query") << QStringLiteral("https://a/v?x") + d << 0;
        QTest::newRow("sq2 underscore") << QStringLiteral("https://a_b/v") + d << 0;
        QTest::newRow("sq2 lower marker") << QStringLiteral("https://a/v#sq200000") << 0;
        QTest::newRow("sq2 no digits") << QStringLiteral("https://a/v#SQ2") << 0;
        QTest::newRow("sq2 letter") << QStringLiteral("https://a/v#SQ20000A") << 0;
        QTest::newRow("sq2 length 4") << QStringLiteral("https://a/v#SQ20000") << 0;
        QTest::newRow("sq2 length 3") << QStringLiteral("https://a/v#SQ2000") << 2;
        QTest::newRow("status url") << QStringLiteral("https://layanan.kec-pitu.go.id/status?reg=PITU-7Q2K-9XMF") << 0;
        QTest::newRow("sq1") << QStringLiteral("SQ1:BB8") << 1;
        QTest::newRow("sq1 lower") << QStringLiteral("sq1:BB8") << 0;
        QTest::newRow("sq1 length") << QStringLiteral("SQ1:BB8A") << 0;
    }
    void sq2TextForm()
    {
        QFETCH(QString, text);
        QFETCH(int, version);
        QCOMPARE(int(SealCodec::textVersion(text).value_or(0)), version);
    }

    void sq2HighSRefused()
    {
        // Signers give only low-S signatures; (r, n − s) still verifies as ECDSA, but SQ2 refuses it. SQ1 is unchanged.
        Fixture fx(QDate(2025, 1, 1), {});
        for (int i = 0; i < 40; ++i)
            QVERIFY(isLowS(fx.key.sign(QByteArray::number(i)).value()));
        for (const quint8 version : {kVersionSq1, kVersionSq2}) {
            const SignedSeal s = fx.key.seal(fx.fields(QDate(2026, 5, 1), 42 + version, version), kUrl).value();
            const QByteArray high = withNegatedS(s.signature);
            QVERIFY(!isLowS(high));
            QVERIFY(verifyEs256(fx.key.spki(), s.body, high));
            QCOMPARE(fx.verdictFor(s.text), Verdict::Asli);
            QCOMPARE(fx.verdictFor(SealCodec::toText(s.body, high, kUrl)), version == kVersionSq1 ? Verdict::Asli : Verdict::TidakValid);
        }
    }

    void sq2NikTag()
    {
        // RFC 7914 §12, the N = 1024 vector, through the same OpenSSL call.
        QCOMPARE(serverlink::crypto::scrypt("password", "NaCl", 1024, 8, 16, 64).toHex(),
            QByteArray("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d836"
                       "0cbdfa2cc0640"));
        // Spec: scrypt("3521110101900001", "SQ2-NIK" ‖ 35 21 11 20 04 ‖ 00 00 00 07, N 32768, r 8, p 1, 8 bytes),
        // computed independently with Node's crypto.scryptSync.
        QCOMPARE(nikTag(kVersionSq2, QStringLiteral("3521112004"), 7, QStringLiteral("3521110101900001")).value().toHex(),
            QByteArray("024d31e2ea2e4c1d"));
        Fixture fx(QDate(2025, 1, 1), {});
        const SealFields f = fx.fields(QDate(2026, 5, 1), 7, kVersionSq2);
        QCOMPARE(f.nikTag.size(), 8);
        QVERIFY(SealVerifier::nikMatches(f, QStringLiteral("3521110101900001")));
        QVERIFY(!SealVerifier::nikMatches(f, QStringLiteral("3521110101900002")));
        // Not the SQ1 construction.
        QVERIFY(f.nikTag != nikTag(kVersionSq1, f.office, 7, QStringLiteral("3521110101900001")).value().left(8));
        QVERIFY(!nikTag(3, f.office, 7, QStringLiteral("3521110101900001")));
    }

    void sq2SignerNeedsAUrl()
    {
        Fixture fx(QDate(2025, 1, 1), {});
        const SealFields f = fx.fields(QDate(2026, 5, 1), 9, kVersionSq2);
        QVERIFY(!fx.key.seal(f));
        QVERIFY(!fx.key.seal(f, QStringLiteral("http://a/v")));
        const SignedSeal s = fx.key.seal(f, kUrl).value();
        QVERIFY(s.text.startsWith(kUrl + QStringLiteral("#SQ2")));
        QCOMPARE(SealCodec::parse(s.text).value().verifyUrl, kUrl);
        QCOMPARE(SealCodec::parse(s.text).value().fields, SealCodec::parse(s.text).value().fields);
        QCOMPARE(s.body.size(), 61 + 24 + 12);
    }

    void trustListRefused()
    {
        const QByteArray root = rootSpki();
        QVERIFY(TrustList::fromSigned(readData(QStringLiteral("trust-list.json")), root));
        QVERIFY(RevocationList::fromSigned(readData(QStringLiteral("revocations.json")), root));
        for (const QJsonValue &name : vectors().value(QStringLiteral("refusedTrustLists")).toArray()) {
            const auto refused = TrustList::fromSigned(readData(name.toString()), root);
            QVERIFY2(!refused, qPrintable(name.toString()));
            QVERIFY(!refused.error().isEmpty());
        }
        // A revocation list is not a trust list, even with a good signature.
        QVERIFY(!TrustList::fromSigned(readData(QStringLiteral("revocations.json")), root));
        // An entry whose kid is not its key's is refused, signed or not.
        const SealSigner rootKey = signer(QStringLiteral("root"));
        TrustList forged = committedTrust();
        forged.keys[0].kid = forged.keys[2].kid;
        QVERIFY(!TrustList::fromSigned(signEnvelope(rootKey, forged.toPayload()).value(), root));
        // A round trip keeps every field.
        const TrustList again = TrustList::fromSigned(signEnvelope(rootKey, committedTrust().toPayload()).value(), root).value();
        QCOMPARE(again.keys, committedTrust().keys);
        QCOMPARE(again.issuedAt, committedTrust().issuedAt);
        for (const QByteArray &junk :
            {QByteArray(), QByteArray("{"), QByteArray("[]"), QByteArray(R"({"payload":"e30=","signature":"AA=="})")})
            QVERIFY(!TrustList::fromSigned(junk, root));
    }

    void garbageNeverCrashes()
    {
        const SealVerifier verifier = committedVerifier();
        const QString valid = vectors().value(QStringLiteral("valid")).toArray().at(0).toObject().value(QStringLiteral("seal")).toString();
        const QByteArray bytes = *serverlink::base45::decode(valid.mid(4));
        auto *rng = QRandomGenerator::global();
        for (int round = 0; round < 5000; ++round) {
            QByteArray b = round % 2 ? bytes.left(rng->bounded(bytes.size() + 1)) : QByteArray(rng->bounded(300), '\0');
            for (int k = 0; k < (round % 2 ? 3 : b.size()); ++k)
                if (!b.isEmpty())
                    b[rng->bounded(b.size())] = char(rng->bounded(256));
            if (!b.isEmpty() && round % 3 == 0)
                b[0] = char(0x11);
            const Verification r = verifier.verify(QStringLiteral("SQ1:") + serverlink::base45::encode(b), verifyAt());
            QVERIFY(r.verdict != Verdict::Asli);
            QVERIFY(verifier.verify(kUrl + QStringLiteral("#SQ2") + serverlink::digits::encode(b), verifyAt()).verdict != Verdict::Asli);
            QString text(rng->bounded(80), QChar());
            for (QChar &c : text)
                c = QChar(char16_t(rng->bounded(0x80)));
            QVERIFY(verifier.verify(QStringLiteral("SQ1:") + text, verifyAt()).verdict != Verdict::Asli);
        }
    }
};

QTEST_GUILESS_MAIN(TestSeal)
#include "tst_seal.moc"
