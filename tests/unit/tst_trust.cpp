// Trust in the seal lists (#17 M4, M5, L11): a revoked office key makes its letters DICABUT on the kiosk, lists
// are signed by an online key the offline root delegated to (inside its window only), a root announces its
// successor, and the freshness of revocations survives a kiosk clock set back and maxTrustAgeDays=0.
#include "backend.h"
#include "backendrequest.h"
#include "config.h"
#include "sealsigner.h"
#include "sealverification.h"
#include "sealverifier.h"
#include "store.h"
#include "trustcache.h"
#include "trustlist.h"
#include "workflowfixture.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace serverlink::seal;

namespace {

const QString kDesa = QStringLiteral("3521112004");

SealSigner newSigner()
{
    return SealSigner::fromPrivatePem(generateKeyPair().value().privatePem).value();
}

/// The root-signed delegation envelope of `listSigner` for [from, until].
QByteArray delegate(
    const SealSigner &root, const SealSigner &listSigner, const QDateTime &from, const QDateTime &until, quint64 sequence = 1)
{
    return signEnvelope(root, ListSignerDelegation {sequence, listSigner.spki(), from, until}.toPayload()).value();
}

/// A file of tests/data/trust (the committed envelope vectors every verifier checks).
QByteArray trustData(const QString &name)
{
    QFile f(qEnvironmentVariable("KIOSK_SOURCE_DIR") + QStringLiteral("/tests/data/trust/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

/// §7.2's acceptance of a fetched envelope at `now` by a client pinning `roots`.
bool accepted(const QByteArray &envelope, const QList<QByteArray> &roots, const QDateTime &now)
{
    const auto opened = openSigned(envelope, roots);
    return opened && (!opened.value().delegation || now <= opened.value().delegation->notAfter);
}

/// A trust list of one active office key of Desa Pitu, issued at `issuedAt`.
TrustList oneKeyList(const SealSigner &office, const QDateTime &issuedAt)
{
    return TrustList {1, issuedAt,
        {TrustedKey {kidOf(office.spki()), kDesa, QStringLiteral("Desa Pitu"), QStringLiteral("Kepala Desa Pitu"), QStringLiteral("ES256"),
            office.spki(), QDate(2026, 1, 1), {}, KeyStatus::Active}}};
}

/// The QR text of a Desa Pitu letter `serial` issued on `issued`, sealed by `office`.
QString sealText(const SealSigner &office, quint32 serial, const QDate &issued)
{
    SealFields f;
    f.documentType = 1;
    f.office = kDesa;
    f.serial = serial;
    f.issued = issued;
    f.nomorSurat = QStringLiteral("470/%1/3521112004/2026").arg(serial, 4, 10, QLatin1Char('0'));
    f.holderName = QStringLiteral("Siti Aminah");
    f.nikTag = QByteArray(nikTagSize(f.version), 'x');
    f.documentHash = QByteArray(32, 'h');
    return office.seal(f, QStringLiteral("https://kecamatan.contoh.go.id/v")).value().text;
}

QByteArray revocationsAt(const QDateTime &issuedAt, quint64 sequence)
{
    return RevocationList {sequence, QDateTime::fromSecsSinceEpoch(issuedAt.toSecsSinceEpoch(), Qt::UTC), {}}.toPayload();
}

} // namespace

class TestTrust : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    /// A fresh kiosk database for one test function.
    std::unique_ptr<kiosk::KioskStore> kioskStore()
    {
        auto store = std::make_unique<kiosk::KioskStore>();
        if (!store->open(m_dir.filePath(QStringLiteral("kiosk-%1.sqlite").arg(++m_counter))))
            return nullptr;
        return store;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // M4: a letter signed by a key that is then revoked is DICABUT on the kiosk after the next trust-list sync,
    // a letter backdated inside the key's window too; the key never signs again.
    void revokedKeyMakesItsLettersDicabut()
    {
        auto backend = testsupport::freshBackend(m_dir.filePath(QStringLiteral("m4")));
        QVERIFY(backend);
        const QByteArray rootSpki = testsupport::installOfflineRoot(*backend->seals, m_dir.filePath(QStringLiteral("m4-root")));
        QVERIFY(!rootSpki.isEmpty());
        const QDate today = QDate::currentDate();
        const auto key = backend->seals->createKey(kDesa, {}, today.addDays(-30));
        QVERIFY(key);

        QVERIFY(backend->store->insertRequest(
            testsupport::makeRequest(QStringLiteral("PITU-M4-1"), QStringLiteral("SKTM"), serverlink::ServiceLevel::Desa)));
        const auto approved
            = testsupport::approveToReady(*backend->workflow, *backend->store, backend->offices, QStringLiteral("PITU-M4-1"));
        QVERIFY(approved);
        const QString current = backend->store->seal(QStringLiteral("PITU-M4-1")).value().sealText;
        // A forger holding the stolen key dates a letter inside the key's window.
        backend::LetterContent backdated;
        backdated.nomorSurat = QStringLiteral("470/0001/3521112004/2026");
        backdated.date = today.addDays(-10);
        backdated.title = QStringLiteral("SURAT KETERANGAN TIDAK MAMPU");
        const auto forged = backend->seals->sealLetter(approved.value(), kDesa, backdated);
        QVERIFY(forged);

        auto store = kioskStore();
        QVERIFY(store);
        const kiosk::TrustCache cache(*store, rootSpki);
        const kiosk::SealVerifier verifier(cache, 7);
        QVERIFY(cache.store(kiosk::TrustCache::Kind::TrustList, backend->seals->trustList().value().envelope, QStringLiteral("\"t1\"")));
        QVERIFY(
            cache.store(kiosk::TrustCache::Kind::Revocations, backend->seals->revocationList().value().envelope, QStringLiteral("\"r1\"")));
        QCOMPARE(verifier.verify(current).status, kiosk::SealVerdict::Genuine);
        QCOMPARE(verifier.verify(forged.value().sealText).status, kiosk::SealVerdict::Genuine);

        const auto revoked = backend->seals->revokeKey(key.value().keyId.left(8), QStringLiteral("kunci bocor"));
        QVERIFY2(revoked, qPrintable(revoked ? QString() : revoked.error().message));
        QCOMPARE(revoked.value().status, QStringLiteral("revoked"));
        QCOMPARE(revoked.value().revokeReason, QStringLiteral("kunci bocor"));
        QVERIFY(revoked.value().revokedAt.isValid());
        QVERIFY(!QFileInfo::exists(key.value().keyFile));
        QVERIFY(!backend->seals->revokeKey(key.value().keyId.left(8), QStringLiteral("lagi")));

        // The next sync brings the trust list with the key's status `revoked`.
        QCOMPARE(
            cache.store(kiosk::TrustCache::Kind::TrustList, backend->seals->trustList().value().envelope, QStringLiteral("\"t2\"")).value(),
            true);
        const auto listed = cache.trustList()->withKid(kidOf(key.value().spki));
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().status, KeyStatus::Revoked);
        for (const QString &text : {current, forged.value().sealText}) {
            const kiosk::SealVerdict v = verifier.verify(text);
            QCOMPARE(v.status, kiosk::SealVerdict::Revoked);
            QCOMPARE(v.word(), QStringLiteral("DICABUT"));
        }
        // The office signs nothing until it has a new key.
        backend::LetterContent next = backdated;
        next.date = today;
        QVERIFY(!backend->seals->sealLetter(approved.value(), kDesa, next));
        const auto replacement = backend->seals->createKey(kDesa, {}, today);
        QVERIFY(replacement);
        const auto resealed = backend->seals->sealLetter(approved.value(), kDesa, next);
        QVERIFY(resealed);
        QCOMPARE(resealed.value().keyId, replacement.value().keyId);
    }

    // M5: the kiosk takes a list signed by the list signer the pinned root certified while the list is inside the
    // delegation's window; an expired delegation, a key the root never certified or another root's delegation is refused.
    void delegatedListsAcceptedOnlyInsideTheWindow()
    {
        const SealSigner root = newSigner();
        const SealSigner listSigner = newSigner();
        const QDateTime now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
        const QByteArray current = delegate(root, listSigner, now.addDays(-1), now.addDays(30), 2);
        auto store = kioskStore();
        QVERIFY(store);
        const kiosk::TrustCache cache(*store, root.spki());
        const auto kind = kiosk::TrustCache::Kind::Revocations;

        const auto good = signEnvelope(listSigner, revocationsAt(now, 5), {current, {}});
        QVERIFY(good);
        QVERIFY2(cache.store(kind, good.value(), QStringLiteral("\"a\"")), "a list under the current delegation");
        QCOMPARE(cache.revocations()->sequence, quint64(5));
        QCOMPARE(openSigned(good.value(), {root.spki()}).value().delegation->spki, listSigner.spki());

        // Signed after the delegation ended (a list issued outside the window).
        const QByteArray expired = delegate(root, listSigner, now.addDays(-60), now.addDays(-30), 3);
        QVERIFY(!cache.store(kind, signEnvelope(listSigner, revocationsAt(now, 6), {expired, {}}).value(), QStringLiteral("\"b\"")));
        // Backdated into the ended window: the delegation is over, the kiosk takes nothing new under it.
        QVERIFY(!cache.store(
            kind, signEnvelope(listSigner, revocationsAt(now.addDays(-40), 7), {expired, {}}).value(), QStringLiteral("\"c\"")));
        // A key the root never certified, carrying another key's delegation.
        const SealSigner stranger = newSigner();
        QVERIFY(!cache.store(kind, signEnvelope(stranger, revocationsAt(now, 8), {current, {}}).value(), QStringLiteral("\"d\"")));
        // A delegation by another root.
        const QByteArray foreign = delegate(newSigner(), stranger, now.addDays(-1), now.addDays(30), 9);
        QVERIFY(!cache.store(kind, signEnvelope(stranger, revocationsAt(now, 9), {foreign, {}}).value(), QStringLiteral("\"e\"")));
        // The list signer cannot sign a list without its delegation (only the root signs directly).
        QVERIFY(!cache.store(kind, signEnvelope(listSigner, revocationsAt(now, 10)).value(), QStringLiteral("\"f\"")));
        // A replaced list signer (older delegation) is out once the newer delegation was seen.
        const auto older
            = signEnvelope(listSigner, revocationsAt(now, 11), {delegate(root, listSigner, now.addDays(-1), now.addDays(30), 1), {}});
        QVERIFY(!cache.store(kind, older.value(), QStringLiteral("\"g\"")));
        QCOMPARE(cache.etag(kind), QStringLiteral("\"a\""));
        // The root itself still signs directly.
        QVERIFY(cache.store(kind, signEnvelope(root, revocationsAt(now, 12)).value(), QStringLiteral("\"h\"")));
    }

    // M5: a list signed by the old root's delegate announces the next root; the kiosk then accepts lists whose
    // delegation the next root signed. Without the announcement they are refused.
    void nextRootAnnouncedByTheOldRoot()
    {
        const SealSigner oldRoot = newSigner();
        const SealSigner nextRoot = newSigner();
        const SealSigner oldSigner = newSigner();
        const SealSigner newListSigner = newSigner();
        const QDateTime now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
        const auto kind = kiosk::TrustCache::Kind::Revocations;
        const auto underNextRoot
            = signEnvelope(newListSigner, revocationsAt(now, 3), {delegate(nextRoot, newListSigner, now.addDays(-1), now.addDays(30)), {}});

        auto store = kioskStore();
        QVERIFY(store);
        const kiosk::TrustCache cache(*store, oldRoot.spki());
        QVERIFY(!cache.store(kind, underNextRoot.value(), QStringLiteral("\"x\"")));

        const QByteArray announcement = signEnvelope(oldRoot, NextRoot {nextRoot.spki()}.toPayload()).value();
        // An announcement signed by anyone else is ignored.
        const QByteArray bogus = signEnvelope(newListSigner, NextRoot {newListSigner.spki()}.toPayload()).value();
        QVERIFY(cache.store(kind,
            signEnvelope(oldSigner, revocationsAt(now, 1), {delegate(oldRoot, oldSigner, now.addDays(-1), now.addDays(30)), bogus}).value(),
            QStringLiteral("\"1\"")));
        QCOMPARE(cache.roots().size(), 1);
        QVERIFY(cache.store(kind,
            signEnvelope(oldSigner, revocationsAt(now, 2), {delegate(oldRoot, oldSigner, now.addDays(-1), now.addDays(30)), announcement})
                .value(),
            QStringLiteral("\"2\"")));
        QCOMPARE(cache.roots(), (QList<QByteArray> {oldRoot.spki(), nextRoot.spki()}));
        QVERIFY(cache.store(kind, underNextRoot.value(), QStringLiteral("\"3\"")));
        QCOMPARE(cache.revocations()->sequence, quint64(3));
    }

    // M5: the committed vectors of tests/data/trust that the Node.js verifier and the browser page follow too.
    void committedEnvelopeVectors()
    {
        const QJsonObject index = QJsonDocument::fromJson(trustData(QStringLiteral("index.json"))).object();
        const QDateTime verifyAt = QDateTime::fromString(index.value(QStringLiteral("verifyAt")).toString(), Qt::ISODate);
        const QByteArray root = spkiFromPublicKey(trustData(index.value(QStringLiteral("rootPublicKey")).toString())).value();
        const QByteArray next = spkiFromPublicKey(trustData(index.value(QStringLiteral("nextRootPublicKey")).toString())).value();
        const QJsonArray cases = index.value(QStringLiteral("cases")).toArray();
        QVERIFY(cases.size() >= 8);
        for (const QJsonValue &c : cases) {
            const QString file = c.toObject().value(QStringLiteral("file")).toString();
            QVERIFY2(
                accepted(trustData(file), {root}, verifyAt) == c.toObject().value(QStringLiteral("accepted")).toBool(), qPrintable(file));
        }
        const auto announced = openSigned(trustData(index.value(QStringLiteral("announcement")).toString()), {root});
        QVERIFY(announced);
        QCOMPARE(openNextRoot(announced.value().nextRootEnvelope, root).value().spki, next);
        QVERIFY(accepted(trustData(index.value(QStringLiteral("acceptedAfterAnnouncement")).toString()), {root, next}, verifyAt));
    }

    // M5 on the backend: lists are signed by the delegated key, never by a root key in the data folder; an imported
    // root-signed list is served as is; without a delegation in force nothing new is signed.
    void backendSignsWithTheDelegatedKeyOnly()
    {
        auto backend = testsupport::freshBackend(m_dir.filePath(QStringLiteral("m5")));
        QVERIFY(backend);
        QVERIFY(!backend->seals->trustList()); // no root, no delegation: nothing to sign with
        QVERIFY(!backend->seals->rootPublicKeyPem());
        const QString rootDir = m_dir.filePath(QStringLiteral("m5-root"));
        const QByteArray rootSpki = testsupport::installOfflineRoot(*backend->seals, rootDir);
        QVERIFY(!rootSpki.isEmpty());
        QVERIFY(!backend->seals->rootKeyOnline());
        const auto list = backend->seals->trustList();
        QVERIFY(list);
        const auto opened = openSigned(list.value().envelope, {rootSpki});
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        QVERIFY(opened.value().delegation.has_value());
        QCOMPARE(opened.value().delegation->notBefore.daysTo(opened.value().delegation->notAfter), 90);

        // The root signs a list offline; the backend serves it unchanged while its content is current.
        QVERIFY(backend->seals->createKey(kDesa, {}, QDate::currentDate()));
        const auto payloads = backend->seals->exportPayloads(30);
        QVERIFY(payloads);
        QFile rootKey(QDir(rootDir).filePath(QStringLiteral("root.key.pem")));
        QVERIFY(rootKey.open(QIODevice::ReadOnly));
        const QByteArray rootPem = rootKey.readAll();
        const auto rootSigned = backend::signWithRoot(rootPem, payloads.value().trustList);
        QVERIFY(rootSigned);
        QVERIFY(!backend::signWithRoot(rootPem, "{\"type\":\"anything\",\"version\":1}"));
        const auto imported = backend->seals->importSigned(rootSigned.value());
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
        QCOMPARE(backend->seals->trustList().value().envelope, rootSigned.value());
        QVERIFY(!openSigned(rootSigned.value(), {rootSpki}).value().delegation);
        QVERIFY(!backend->seals->importSigned(rootSigned.value())); // not newer than the installed one
        // A delegation for a key that is not this backend's list signer is refused.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto strangerDelegation
            = backend::signWithRoot(rootPem, ListSignerDelegation {9, newSigner().spki(), now, now.addDays(1)}.toPayload());
        QVERIFY(strangerDelegation);
        QVERIFY(!backend->seals->importSigned(strangerDelegation.value()));
        // A list signed by another root is refused.
        QVERIFY(!backend->seals->importSigned(signEnvelope(newSigner(), payloads.value().revocations).value()));
    }

    // Migration: an installation whose root key is in its data folder moves it out; lists keep verifying.
    void rootMovedOutOfTheDataFolder()
    {
        const QString data = m_dir.filePath(QStringLiteral("legacy"));
        auto backend = testsupport::freshBackend(data);
        QVERIFY(backend);
        // As the backend before the offline root left it: keys/root.key.pem, 0600.
        const KeyPair pair = generateKeyPair().value();
        QFile legacy(QDir(data).filePath(QStringLiteral("keys/root.key.pem")));
        QVERIFY(QDir().mkpath(QFileInfo(legacy).absolutePath()));
        QVERIFY(legacy.open(QIODevice::WriteOnly) && legacy.write(pair.privatePem) == pair.privatePem.size());
        legacy.close();
        QVERIFY(backend->seals->rootKeyOnline());
        const auto before = backend->seals->trustList();
        QVERIFY(before);
        QVERIFY(openEnvelope(before.value().envelope, pair.spki));

        const QString usb = m_dir.filePath(QStringLiteral("usb"));
        const auto moved = backend->seals->moveRootOut(usb, backend::SealService::kDelegationDays);
        QVERIFY2(moved, qPrintable(moved ? QString() : moved.error().message));
        QCOMPARE(moved.value(), QDir(usb).absoluteFilePath(QStringLiteral("root.key.pem")));
        QVERIFY(!legacy.exists());
        QVERIFY(!backend->seals->rootKeyOnline());
        QFile out(moved.value());
        QVERIFY(out.open(QIODevice::ReadOnly));
        QCOMPARE(out.readAll(), pair.privatePem);
        QCOMPARE((out.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)).toInt(), 0);
        const auto after = backend->seals->trustList(QDateTime::currentDateTimeUtc().addDays(2));
        QVERIFY(after);
        const auto opened = openSigned(after.value().envelope, {pair.spki});
        QVERIFY(opened);
        QVERIFY(opened.value().delegation.has_value());
        QCOMPARE(spkiFromPublicKey(backend->seals->rootPublicKeyPem().value()).value(), pair.spki);
    }

    // L11: a clock set back before the newest list's issuedAt is TIDAK DIKENAL "jam anjungan salah", never ASLI.
    void clockRollbackIsTidakDikenal()
    {
        const SealSigner office = newSigner();
        const QDateTime listsIssued(QDate(2026, 6, 1), QTime(6, 0), Qt::UTC);
        const TrustList trust = oneKeyList(office, listsIssued);
        const RevocationList revocations {4, listsIssued, {}};
        const QString text = sealText(office, 77, QDate(2026, 5, 20));
        const SealVerifier verifier(trust, revocations, 7);
        QCOMPARE(verifier.verify(text, listsIssued.addDays(1)).verdict, Verdict::Asli);
        // The kiosk's clock reads 25 May: earlier than the lists it holds.
        const Verification rolledBack = verifier.verify(text, QDateTime(QDate(2026, 5, 25), QTime(9, 0), Qt::UTC));
        QCOMPARE(rolledBack.verdict, Verdict::TidakDikenal);
        QVERIFY2(rolledBack.reason.contains(QStringLiteral("jam anjungan salah")), qPrintable(rolledBack.reason));
        QVERIFY(rolledBack.fields.has_value());
        QVERIFY(rolledBack.clockWrong);
        // A few minutes of skew between server and kiosk is not a rollback.
        QCOMPARE(verifier.verify(text, listsIssued.addSecs(-120)).verdict, Verdict::Asli);
    }

    // L11: maxTrustAgeDays=0 (or anything outside 1–30) never switches the freshness check off.
    void maxTrustAgeIsBounded()
    {
        const SealSigner office = newSigner();
        const QDateTime now(QDate(2026, 6, 1), QTime(8, 0), Qt::UTC);
        TrustList trust = oneKeyList(office, now.addDays(-2));
        const QString text = sealText(office, 5, QDate(2026, 5, 1));
        const RevocationList twoDaysOld {1, now.addDays(-2), {}};
        QCOMPARE(SealVerifier(trust, twoDaysOld, 0).verify(text, now).verdict, Verdict::TidakDikenal);
        QCOMPARE(SealVerifier(trust, twoDaysOld, -5).verify(text, now).verdict, Verdict::TidakDikenal);
        const RevocationList old {1, now.addDays(-40), {}};
        trust.issuedAt = now.addDays(-40);
        QCOMPARE(SealVerifier(trust, old, 365).verify(text, now).verdict, Verdict::TidakDikenal);

        for (const auto &[written, expected] : {std::pair {QStringLiteral("0"), 1}, std::pair {QStringLiteral("-3"), 1},
                 std::pair {QStringLiteral("365"), 30}, std::pair {QStringLiteral("14"), 14}}) {
            const QString path = m_dir.filePath(QStringLiteral("anjungan-%1.conf").arg(written));
            QFile conf(path);
            QVERIFY(conf.open(QIODevice::WriteOnly));
            conf.write(QStringLiteral("[kiosk]\nid=KIOSK-0001\ndesaCode=3521112004\ndataDir=data\n"
                                      "[server]\nurl=https://127.0.0.1:8443/api/v1\ncaFile=ca.crt\n[seal]\nmaxTrustAgeDays=%1\n")
                           .arg(written)
                           .toUtf8());
            conf.close();
            const auto config = kiosk::KioskConfig::load(path);
            QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
            QCOMPARE(config.value().maxTrustAgeDays, expected);
        }
    }
};

QTEST_MAIN(TestTrust)
#include "tst_trust.moc"
