// Seals end to end inside one process: the backend signs (SQ2) and prints a letter, the PDF is
// rasterised (pdftoppm) and the QR decoded with ZXing, the kiosk's trust cache takes the
// lists signed by the list signer the offline root certified, and the kiosk's SealVerifier gives ASLI, then DICABUT after revocation.
#include "backend.h"
#include "backendrequest.h"
#include "barcode.h"
#include "sealsigner.h"
#include "sealverification.h"
#include "store.h"
#include "trustcache.h"
#include "trustlist.h"
#include "workflowfixture.h"

#include "sealverifier.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/stat.h>

using namespace backend;

namespace {

const QString kDesa = QStringLiteral("3521112004");
const QString kNik = QStringLiteral("3521114506800002");

using testsupport::makeRequest;

/// A file's bytes (empty when it cannot be read).
QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Page 1 of a PDF as an image, through poppler's pdftoppm.
QImage rasterise(const QString &pdf, const QString &outDir)
{
    QProcess p;
    const QString prefix = QDir(outDir).filePath(QStringLiteral("page"));
    p.start(QStringLiteral("pdftoppm"),
        {QStringLiteral("-r"), QStringLiteral("200"), QStringLiteral("-png"), QStringLiteral("-singlefile"), QStringLiteral("-gray"), pdf,
            prefix});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QImage(prefix + QStringLiteral(".png"));
}

} // namespace

class TestSealLetter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Backend> m_backend;
    int m_counter = 0;

    RequestRecord approved(const QString &service = QStringLiteral("SKTM"), serverlink::ServiceLevel level = serverlink::ServiceLevel::Desa)
    {
        const QString reg = QStringLiteral("PITU-SEAL-%1").arg(++m_counter);
        if (!m_backend->store->insertRequest(makeRequest(reg, service, level)))
            return {};
        const auto done = testsupport::approveToReady(*m_backend->workflow, *m_backend->store, m_backend->offices, reg);
        if (!done)
            qWarning().noquote() << done.error().message;
        return done ? done.value() : RequestRecord {};
    }
    QByteArray m_rootSpki;
    QByteArray rootSpki() const { return m_rootSpki; }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString name = QLatin1String(QTest::currentTestFunction());
        m_backend = testsupport::freshBackend(m_dir.filePath(name));
        QVERIFY(m_backend);
        // The root lives outside the data folder; the backend signs lists with the key it certified.
        QVERIFY(QDir(m_dir.filePath(name + QStringLiteral("-root"))).removeRecursively());
        m_rootSpki = testsupport::installOfflineRoot(*m_backend->seals, m_dir.filePath(name + QStringLiteral("-root")));
        QVERIFY(!m_rootSpki.isEmpty());
    }
    void cleanup() { m_backend.reset(); }

    void printedQrVerifiesThenRevoked()
    {
        const RequestRecord r = approved();
        QCOMPARE(r.stage, serverlink::Stage::Ready);
        const auto seal = m_backend->store->seal(r.registrationNumber);
        QVERIFY(seal);
        // SQ2: the page any phone's camera opens, then the seal in the fragment; a two-segment QR of version ≤ 11 at M.
        QVERIFY(seal.value().sealText.startsWith(m_backend->seals->verifyUrl() + QStringLiteral("#SQ2")));
        QCOMPARE(serverlink::seal::SealCodec::textVersion(seal.value().sealText), serverlink::seal::kVersionSq2);
        QVERIFY(serverlink::seal::qrCodeFor(seal.value().sealText)->version <= 11);
        QCOMPARE(seal.value().canonicalText.toUtf8(), serverlink::seal::canonicalText(seal.value().canonicalText));

        const QImage page = rasterise(r.letterPath, m_dir.path());
        QVERIFY2(!page.isNull(), "pdftoppm failed");
        const auto scanned = devices::barcode::decode(page);
        QVERIFY2(scanned.has_value(), "no QR found on the printed letter");
        QCOMPARE(*scanned, seal.value().sealText);

        const auto trust = serverlink::seal::TrustList::fromSigned(m_backend->seals->trustList().value().envelope, rootSpki());
        QVERIFY(trust);
        const auto revocations
            = serverlink::seal::RevocationList::fromSigned(m_backend->seals->revocationList().value().envelope, rootSpki());
        QVERIFY(revocations);
        const auto v = serverlink::seal::SealVerifier(trust.value(), revocations.value()).verify(*scanned);
        QVERIFY2(v.verdict == serverlink::seal::Verdict::Asli, qPrintable(v.reason));
        QCOMPARE(v.fields->nomorSurat, r.nomorSurat);
        QCOMPARE(v.fields->holderName, r.name);
        QCOMPARE(v.fields->office, kDesa);
        QCOMPARE(QString::fromLatin1(v.fields->documentHash.toHex()), seal.value().documentHash);
        QVERIFY(serverlink::seal::SealVerifier::nikMatches(*v.fields, kNik));

        QVERIFY(m_backend->seals->revokeLetter(r.registrationNumber, QStringLiteral("salah data")));
        const auto after = serverlink::seal::RevocationList::fromSigned(m_backend->seals->revocationList().value().envelope, rootSpki());
        QVERIFY(after.value().sequence > revocations.value().sequence);
        QCOMPARE(serverlink::seal::SealVerifier(trust.value(), after.value()).verify(*scanned).verdict, serverlink::seal::Verdict::Dicabut);
    }

    void kecamatanLetterUsesKecamatanKey()
    {
        const RequestRecord r = approved(QStringLiteral("AHLI_WARIS"), serverlink::ServiceLevel::Kecamatan);
        QCOMPARE(r.stage, serverlink::Stage::Ready);
        const auto parsed = serverlink::seal::SealCodec::parse(m_backend->store->seal(r.registrationNumber).value().sealText);
        QCOMPARE(parsed.value().fields.office, QStringLiteral("3521110000"));
        QCOMPARE(parsed.value().fields.documentType, *serverlink::seal::documentTypeForService(QStringLiteral("AHLI_WARIS")));
    }

    void keysCreateRotateAndFileMode()
    {
        QVERIFY(m_backend->seals->createKey(kDesa, {}, QDate::currentDate()));
        QVERIFY(!m_backend->seals->createKey(kDesa, {}, QDate::currentDate())); // an open active key exists: rotate instead
        const RequestRecord before = approved();
        const QString oldSeal = m_backend->store->seal(before.registrationNumber).value().sealText;
        const auto rotated = m_backend->seals->rotateKey(kDesa, QDate::currentDate());
        QVERIFY(rotated);
        const RequestRecord after = approved();
        const QString newSeal = m_backend->store->seal(after.registrationNumber).value().sealText;
        QCOMPARE(m_backend->store->seal(after.registrationNumber).value().keyId, rotated.value().keyId);

        const auto keys = m_backend->seals->keys().value();
        QCOMPARE(keys.size(), 2);
        QCOMPARE(keys.at(0).status, QStringLiteral("retired"));
        QCOMPARE(keys.at(0).validUntil, QDate::currentDate());
        for (const auto &k : keys) {
            struct stat st {
            };
            QCOMPARE(::stat(QFile::encodeName(k.keyFile).constData(), &st), 0);
            QCOMPARE(int(st.st_mode & 0777), 0600);
        }
        const auto trust = serverlink::seal::TrustList::fromSigned(m_backend->seals->trustList().value().envelope, rootSpki()).value();
        const auto revocations
            = serverlink::seal::RevocationList::fromSigned(m_backend->seals->revocationList().value().envelope, rootSpki()).value();
        const serverlink::seal::SealVerifier verifier(trust, revocations);
        QCOMPARE(verifier.verify(oldSeal).verdict, serverlink::seal::Verdict::Asli);
        QCOMPARE(verifier.verify(newSeal).verdict, serverlink::seal::Verdict::Asli);
        QVERIFY(serverlink::seal::SealCodec::parse(oldSeal).value().fields.kid
            != serverlink::seal::SealCodec::parse(newSeal).value().fields.kid);
    }

    void publicUrlFromSettings()
    {
        // [verifikasi] publicUrl of DIR/notifications.ini goes into every new seal's QR.
        const QString dataDir = m_dir.filePath(QStringLiteral("verifikasi"));
        m_backend.reset();
        QVERIFY(QDir(dataDir).removeRecursively() && QDir().mkpath(dataDir));
        const auto writeIni = [&](const QByteArray &text) {
            QFile ini(QDir(dataDir).filePath(QStringLiteral("notifications.ini")));
            return ini.open(QIODevice::WriteOnly | QIODevice::Truncate) && ini.write(text) == text.size();
        };
        QVERIFY(writeIni("[verifikasi]\npublicUrl = http://layanan.kec-pitu.go.id/v\n"));
        const auto refused = openBackend(dataDir);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("publicUrl")));
        QVERIFY(writeIni("[verifikasi]\npublicUrl = https://layanan.kec-pitu.go.id/v\n"));
        auto opened = openBackend(dataDir);
        QVERIFY(opened);
        m_backend = std::move(opened.value());
        const RequestRecord r = approved();
        QVERIFY(m_backend->store->seal(r.registrationNumber)
                    .value()
                    .sealText.startsWith(QStringLiteral("https://layanan.kec-pitu.go.id/v#SQ2")));
        QFile pdf(r.letterPath);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.readAll().contains("<anjungan:seal>https://layanan.kec-pitu.go.id/v#SQ2"));
    }

    void listsResignedOnlyWhenChanged()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto first = m_backend->seals->trustList(now).value();
        const auto again = m_backend->seals->trustList(now.addSecs(60)).value();
        QCOMPARE(listEtag(again), listEtag(first));
        const auto nextDay = m_backend->seals->trustList(now.addDays(1).addSecs(1)).value();
        QVERIFY(listEtag(nextDay) != listEtag(first));
        QCOMPARE(nextDay.sequence, first.sequence + 1);
        QVERIFY(m_backend->seals->createKey(kDesa, {}, QDate::currentDate()));
        QCOMPARE(m_backend->seals->trustList(now.addDays(1).addSecs(2)).value().sequence, nextDay.sequence + 1);
    }

    void kioskCacheAndVerifier()
    {
        const RequestRecord r = approved();
        const QString sealText = m_backend->store->seal(r.registrationNumber).value().sealText;
        const QString kioskDb = m_dir.filePath(QStringLiteral("kiosk.sqlite"));
        const QByteArray trustEnvelope = m_backend->seals->trustList().value().envelope;
        const QByteArray revocationsEnvelope = m_backend->seals->revocationList().value().envelope;
        {
            kiosk::KioskStore store;
            QVERIFY(store.open(kioskDb));
            const kiosk::TrustCache cache(store, rootSpki());
            const kiosk::SealVerifier verifier(cache, 7);
            QCOMPARE(verifier.verify(sealText).status, kiosk::SealVerdict::Unknown);
            QCOMPARE(cache.store(kiosk::TrustCache::Kind::TrustList, trustEnvelope, QStringLiteral("\"t1\"")).value(), true);
            QCOMPARE(cache.store(kiosk::TrustCache::Kind::TrustList, trustEnvelope, QStringLiteral("\"t1\"")).value(), false);
            QCOMPARE(cache.store(kiosk::TrustCache::Kind::Revocations, revocationsEnvelope, QStringLiteral("\"r1\"")).value(), true);
            QCOMPARE(cache.etag(kiosk::TrustCache::Kind::TrustList), QStringLiteral("\"t1\""));

            // A list signed by another root never replaces the cached one.
            const auto otherRoot
                = serverlink::seal::SealSigner::fromPrivatePem(serverlink::seal::generateKeyPair().value().privatePem).value();
            const auto forged = serverlink::seal::signEnvelope(
                otherRoot, serverlink::seal::RevocationList {99, QDateTime::currentDateTimeUtc(), {}}.toPayload());
            QVERIFY(!cache.store(kiosk::TrustCache::Kind::Revocations, forged.value(), QStringLiteral("\"x\"")));
            QCOMPARE(cache.etag(kiosk::TrustCache::Kind::Revocations), QStringLiteral("\"r1\""));

            const kiosk::SealVerdict v = verifier.verify(sealText);
            QCOMPARE(v.status, kiosk::SealVerdict::Genuine);
            QCOMPARE(v.word(), QStringLiteral("ASLI"));
            QCOMPARE(v.nomor, r.nomorSurat);
            QCOMPARE(v.nama, QStringLiteral("Siti Aminah"));
            QCOMPARE(v.jenis, QStringLiteral("Surat Keterangan Tidak Mampu"));
            QCOMPARE(v.kantor, QStringLiteral("Desa Pitu"));
            QCOMPARE(v.penandatangan, QStringLiteral("Kepala Desa Pitu"));
            QVERIFY(!v.statusPer.isEmpty());
            QVERIFY(verifier.checkNik(sealText, kNik));
            QVERIFY(!verifier.checkNik(sealText, QStringLiteral("3521114506800003")));
            QCOMPARE(verifier.verify(QStringLiteral("3521114506800002")).status, kiosk::SealVerdict::Invalid);

            const kiosk::LetterCheck good = verifier.verifyLetter(fileBytes(r.letterPath), r.letterSha256);
            QVERIFY2(good.ok, qPrintable(good.problem));
            const kiosk::LetterCheck wrongHash = verifier.verifyLetter(fileBytes(r.letterPath), QString(64, QLatin1Char('0')));
            QVERIFY(!wrongHash.ok);
            QVERIFY(wrongHash.problem.contains(QStringLiteral("hash")));
        }
        QVERIFY(m_backend->seals->revokeLetter(r.registrationNumber, QStringLiteral("dicabut")));
        {
            // A second instance on the same file (a restart) has the cache; the newer list replaces it.
            kiosk::KioskStore store;
            QVERIFY(store.open(kioskDb));
            const kiosk::TrustCache cache(store, rootSpki());
            const kiosk::SealVerifier verifier(cache, 7);
            QCOMPARE(verifier.verify(sealText).status, kiosk::SealVerdict::Genuine);
            QCOMPARE(cache
                         .store(kiosk::TrustCache::Kind::Revocations, m_backend->seals->revocationList().value().envelope,
                             QStringLiteral("\"r2\""))
                         .value(),
                true);
            QCOMPARE(verifier.verify(sealText).status, kiosk::SealVerdict::Revoked);
            // Replaying the older list is refused: a revocation cannot be undone by a replay.
            QVERIFY(!cache.store(kiosk::TrustCache::Kind::Revocations, revocationsEnvelope, QStringLiteral("\"r1\"")));
            const kiosk::LetterCheck revoked = verifier.verifyLetter(fileBytes(r.letterPath), r.letterSha256);
            QVERIFY(!revoked.ok);
            QVERIFY(revoked.problem.contains(QStringLiteral("DICABUT")));
        }
    }
};

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    // The printed-QR test needs poppler's pdftoppm; without it the run is a SKIP, not a pass.
    if (QStandardPaths::findExecutable(QStringLiteral("pdftoppm")).isEmpty()) {
        std::fputs("SKIP: pdftoppm (poppler-utils) is not installed\n", stderr);
        return 77;
    }
    TestSealLetter test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_seal_letter.moc"
