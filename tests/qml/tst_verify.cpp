// "Verifikasi Surat" from the welcome screen: a scanned SQ2 seal (the URL a phone's camera opens) and a scanned
// SQ1 seal both read ASLI with their fields, and the officer's typed-NIK check answers after its scrypt, off the
// GUI thread, with the screen busy meanwhile. The seals are signed with the committed test keys of
// tests/data/seal; the lists are re-signed by the committed root as of now, so their age never decides.
#include "kioskharness.h"
#include "sealsigner.h"
#include "sealverifier.h"
#include "store.h"
#include "trustcache.h"
#include "trustlist.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace serverlink::seal;

namespace {

const QString kNik = QStringLiteral("3521110101900001");
const QString kUrl = QStringLiteral("https://layanan.kec-pitu.go.id/v");

QByteArray readSealData(const QString &name)
{
    QFile f(qEnvironmentVariable("KIOSK_SOURCE_DIR") + QStringLiteral("/tests/data/seal/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

SealSigner committedKey(const QString &name)
{
    return SealSigner::fromPrivatePem(readSealData(name + QStringLiteral(".key.pem"))).value();
}

} // namespace

class TestVerify : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    kiosk::KioskStore m_listStore;
    std::unique_ptr<kiosk::TrustCache> m_cache;
    std::unique_ptr<kiosk::SealVerifier> m_verifier;
    std::unique_ptr<KioskHarness> h;

    /// Empties the NIK box (as the on-screen keyboard's backspace would) and types `nik` into it.
    bool typeNik(const QString &nik)
    {
        QQuickItem *box = h->waitFor(QStringLiteral("holderNik"));
        return box && box->setProperty("text", QString()) && h->type(QStringLiteral("holderNik"), nik);
    }

    /// Checks `nik` on the verify screen; the answer's text once the check is done.
    QString checkNik(const QString &nik)
    {
        if (!typeNik(nik) || !h->tap(QStringLiteral("checkNik")))
            return QStringLiteral("<tap failed>");
        if (!QTest::qWaitFor([this] { return h->find(QStringLiteral("nikMatch")) != nullptr; }, 20000))
            return QStringLiteral("<no answer>");
        return h->find(QStringLiteral("nikMatch"))->property("text").toString();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_listStore.open(m_dir.filePath(QStringLiteral("lists.sqlite"))));
        const QByteArray rootSpki = spkiFromPublicKey(readSealData(QStringLiteral("root.pub.pem"))).value();
        m_cache = std::make_unique<kiosk::TrustCache>(m_listStore, rootSpki);
        const SealSigner root = committedKey(QStringLiteral("root"));
        TrustList trust = TrustList::fromSigned(readSealData(QStringLiteral("trust-list.json")), rootSpki).value();
        trust.sequence += 1;
        trust.issuedAt = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
        RevocationList revocations {1, trust.issuedAt, {}};
        QVERIFY(m_cache->store(kiosk::TrustCache::Kind::TrustList, signEnvelope(root, trust.toPayload()).value(), QStringLiteral("\"t\"")));
        QVERIFY(m_cache->store(
            kiosk::TrustCache::Kind::Revocations, signEnvelope(root, revocations.toPayload()).value(), QStringLiteral("\"r\"")));
        m_verifier = std::make_unique<kiosk::SealVerifier>(*m_cache, 7);
        h = std::make_unique<KioskHarness>(
            60000, 75000, 180000, QString(), kiosk::QueueBook::Settings {}, nullptr, std::nullopt, m_verifier.get());
        QVERIFY(h->load());
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
    }
    void cleanup()
    {
        h.reset();
        m_verifier.reset();
        m_cache.reset();
    }

    void scannedSq2SealFromWelcome()
    {
        SealFields f;
        f.version = kVersionSq2;
        f.documentType = *documentTypeForService(QStringLiteral("SKTM"));
        f.office = QStringLiteral("3521112004");
        f.serial = 0x51a2b3c4;
        f.issued = QDate::currentDate();
        f.nomorSurat = QStringLiteral("470/0012/3521112004/2026");
        f.holderName = QStringLiteral("Budi Santoso");
        f.nikTag = *nikTag(kVersionSq2, f.office, f.serial, kNik);
        f.documentHash = documentHash(QStringLiteral("surat"));
        const QString seal = committedKey(QStringLiteral("office-desa")).seal(f, kUrl).value().text;
        QVERIFY(seal.startsWith(kUrl + QStringLiteral("#SQ2")));

        h->scan(seal);
        QVERIFY(h->waitForScreen(QStringLiteral("verify")));
        QTRY_COMPARE(h->find(QStringLiteral("verdictLabel"))->property("text").toString(), QStringLiteral("ASLI"));
        QStringList shown;
        for (QQuickItem *t : h->visibleTexts())
            shown << t->property("text").toString();
        QVERIFY2(shown.contains(QStringLiteral("Budi Santoso")), qPrintable(shown.join(QLatin1Char('|'))));
        QVERIFY(shown.contains(QStringLiteral("Desa Pitu")));

        QCOMPARE(checkNik(QStringLiteral("3521110101900002")), QStringLiteral("NIK TIDAK cocok dengan surat ini."));
        // Busy while scrypt runs, on the pool's thread: the GUI thread still paints and takes taps.
        QVERIFY(typeNik(kNik));
        QVERIFY(h->tap(QStringLiteral("checkNik")));
        QVERIFY(h->areas->verification.nikChecking());
        QVERIFY(h->find(QStringLiteral("nikChecking")));
        QTRY_VERIFY_WITH_TIMEOUT(!h->areas->verification.nikChecking(), 20000);
        QCOMPARE(h->find(QStringLiteral("nikMatch"))->property("text").toString(), QStringLiteral("NIK cocok dengan surat ini."));
    }

    void scannedSq1SealStillVerifies()
    {
        const QJsonArray valid
            = QJsonDocument::fromJson(readSealData(QStringLiteral("vectors.json"))).object().value(QStringLiteral("valid")).toArray();
        QJsonObject sq1;
        for (const QJsonValue &v : valid)
            if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("sktm-desa"))
                sq1 = v.toObject();
        QVERIFY(sq1.value(QStringLiteral("seal")).toString().startsWith(QStringLiteral("SQ1:")));
        h->scan(sq1.value(QStringLiteral("seal")).toString());
        QVERIFY(h->waitForScreen(QStringLiteral("verify")));
        QTRY_COMPARE(h->find(QStringLiteral("verdictLabel"))->property("text").toString(), QStringLiteral("ASLI"));
        QCOMPARE(checkNik(sq1.value(QStringLiteral("nik")).toString()), QStringLiteral("NIK cocok dengan surat ini."));
    }

    void otherUrlIsNotASeal()
    {
        // A URL without the seal (a ticket's status page, any web address) is not verified.
        h->scan(QStringLiteral("https://layanan.kec-pitu.go.id/status?reg=PITU-7Q2K-9XMF"));
        QTest::qWait(300);
        QCOMPARE(h->screen(), QStringLiteral("welcome"));
        QVERIFY(!h->areas->verification.verdict().known);
    }
};

QTEST_MAIN(TestVerify)
#include "tst_verify.moc"
