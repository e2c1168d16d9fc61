// Issue #17 M4 and M5 on the real `kecamatan-backend` process: the root is made and used only by the offline
// commands (root create, root sign), `serve` serves lists with no root private key anywhere in its data folder,
// `keys revoke` marks an office key revoked in the next trust list a kiosk fetches over mutual TLS, and an older
// installation's root key is moved out of its data folder by `root move-out`.
#include "linkclient.h"
#include "sealsigner.h"
#include "store.h"
#include "testbackend.h"
#include "trustcache.h"
#include "trustlist.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kDesa = QStringLiteral("3521112004");

} // namespace

class TestOfflineRoot : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_backend;
    int m_port = 0;

    [[nodiscard]] QString path(const QString &rel) const { return m_dir.filePath(rel); }
    [[nodiscard]] QString data() const { return path(QStringLiteral("data")); }

    [[nodiscard]] serverlink::LinkResponse get(const QString &route) const
    {
        serverlink::LinkClient client(QStringLiteral("https://127.0.0.1:%1/api/v1").arg(m_port),
            serverlink::TlsPolicy {
                path(QStringLiteral("pki/ca.crt")), path(QStringLiteral("pki/kiosk.crt")), path(QStringLiteral("pki/kiosk.key"))});
        return client.get(route);
    }

    /// The office keys of the trust list `serve` sends now, through a kiosk's trust cache pinned to the root.
    [[nodiscard]] std::optional<serverlink::seal::TrustList> fetchTrustList(const kiosk::TrustCache &cache) const
    {
        const auto response = get(QStringLiteral("/trust-list"));
        if (!response.ok()) {
            qWarning() << "GET /trust-list:" << response.status << response.body.left(300);
            return std::nullopt;
        }
        const auto stored = cache.store(kiosk::TrustCache::Kind::TrustList, response.body, QString::fromUtf8(response.header("etag")));
        if (!stored) {
            qWarning().noquote() << "trust list refused:" << stored.error().message;
            return std::nullopt;
        }
        return cache.trustList();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!testsupport::makePki(path(QStringLiteral("pki"))))
            QSKIP("scripts/make-test-pki failed (openssl missing)");
        // The ceremony of seal.md §7.3: the root on the "USB key", the backend's payload signed there, installed here.
        const QString usb = path(QStringLiteral("usb"));
        const QString payloads = path(QStringLiteral("payloads"));
        QVERIFY(testsupport::runBackendCommand(data(), {QStringLiteral("root"), QStringLiteral("create"), QStringLiteral("--out"), usb}));
        QVERIFY(testsupport::runBackendCommand(
            data(), {QStringLiteral("trust-list"), QStringLiteral("export-payload"), QStringLiteral("--out"), payloads}));
        QVERIFY(testsupport::runBackendCommand(data(),
            {QStringLiteral("root"), QStringLiteral("sign"), QStringLiteral("--key"), usb + QStringLiteral("/root.key.pem"),
                payloads + QStringLiteral("/list-signer.payload.json"), payloads + QStringLiteral("/list-signer.signed.json")}));
        const auto installed = testsupport::runBackendCommand(data(),
            {QStringLiteral("trust-list"), QStringLiteral("import-signed"), QStringLiteral("--root"), usb + QStringLiteral("/root.pub.pem"),
                payloads + QStringLiteral("/list-signer.signed.json")});
        QVERIFY(installed);
        QVERIFY2(installed->contains("Delegasi"), installed->constData());
        QVERIFY(testsupport::registerTestKiosk(data(), path(QStringLiteral("pki"))));
        m_backend.setStandardErrorFile(path(QStringLiteral("backend.log")));
        m_port = testsupport::startBackend(m_backend, data(), path(QStringLiteral("pki")));
        QVERIFY(m_port > 0);
    }

    void cleanupTestCase()
    {
        m_backend.terminate();
        m_backend.waitForFinished(10000);
    }

    void serveNeedsNoRootPrivateKey()
    {
        QFile rootPem(path(QStringLiteral("usb/root.pub.pem")));
        QVERIFY(rootPem.open(QIODevice::ReadOnly));
        const QByteArray rootSpki = serverlink::seal::spkiFromPublicKey(rootPem.readAll()).value();
        // No private key in the data folder is the root's (the office keys and the list signer are).
        int privateKeys = 0;
        for (QDirIterator it(data(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            if (!bytes.contains("PRIVATE KEY"))
                continue;
            ++privateKeys;
            const auto key = serverlink::seal::SealSigner::fromPrivatePem(bytes);
            QVERIFY(!key || key.value().spki() != rootSpki);
        }
        QVERIFY(privateKeys >= 1); // the list signer
        QVERIFY(!QFile::exists(data() + QStringLiteral("/keys/root.key.pem")));

        kiosk::KioskStore store;
        QVERIFY(store.open(path(QStringLiteral("kiosk-a.sqlite"))));
        const kiosk::TrustCache cache(store, rootSpki);
        QVERIFY(fetchTrustList(cache));
        const auto revocations = get(QStringLiteral("/revocations"));
        QCOMPARE(revocations.status, 200);
        const auto opened = serverlink::seal::openSigned(revocations.body, {rootSpki});
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        QVERIFY(opened.value().delegation.has_value());
        QFile log(path(QStringLiteral("backend.log")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY(!log.readAll().contains("kunci induk segel masih"));
    }

    void revokedKeyInTheNextTrustList()
    {
        QFile rootPem(path(QStringLiteral("usb/root.pub.pem")));
        QVERIFY(rootPem.open(QIODevice::ReadOnly));
        kiosk::KioskStore store;
        QVERIFY(store.open(path(QStringLiteral("kiosk-b.sqlite"))));
        const kiosk::TrustCache cache(store, serverlink::seal::spkiFromPublicKey(rootPem.readAll()).value());

        const auto created
            = testsupport::runBackendCommand(data(), {QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--office"), kDesa});
        QVERIFY(created);
        const QString kid = QString::fromLatin1(created->left(8));
        const auto before = fetchTrustList(cache);
        QVERIFY(before);
        const auto listed = before->withKid(QByteArray::fromHex(kid.toLatin1()));
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().status, serverlink::seal::KeyStatus::Active);

        QVERIFY(!testsupport::runBackendCommand(data(), {QStringLiteral("keys"), QStringLiteral("revoke"), kid})); // a reason is required
        const auto revoked = testsupport::runBackendCommand(
            data(), {QStringLiteral("keys"), QStringLiteral("revoke"), kid, QStringLiteral("--reason"), QStringLiteral("kunci bocor")});
        QVERIFY(revoked);
        QVERIFY2(revoked->contains("DICABUT") && revoked->contains("keys create"), revoked->constData());
        const auto keys = testsupport::runBackendCommand(data(), {QStringLiteral("keys"), QStringLiteral("list")});
        QVERIFY(keys && keys->contains("revoked") && keys->contains("kunci bocor"));

        const auto after = fetchTrustList(cache);
        QVERIFY(after);
        QVERIFY(after->sequence > before->sequence);
        QCOMPARE(after->withKid(QByteArray::fromHex(kid.toLatin1())).first().status, serverlink::seal::KeyStatus::Revoked);
    }

    // An installation from before the offline root: `root move-out` takes the key out of the data folder, says
    // where it went, and the lists keep verifying with the same pinned root.
    void legacyRootMovedOut()
    {
        const QString legacy = path(QStringLiteral("legacy"));
        QVERIFY(testsupport::runBackendCommand(legacy, {QStringLiteral("keys"), QStringLiteral("list")}));
        const auto pair = serverlink::seal::generateKeyPair();
        QVERIFY(pair);
        QFile old(legacy + QStringLiteral("/keys/root.key.pem"));
        QVERIFY(QDir().mkpath(legacy + QStringLiteral("/keys")));
        QVERIFY(old.open(QIODevice::WriteOnly) && old.write(pair.value().privatePem) == pair.value().privatePem.size());
        old.close();
        const QString usb = path(QStringLiteral("usb-legacy"));
        const auto moved
            = testsupport::runBackendCommand(legacy, {QStringLiteral("root"), QStringLiteral("move-out"), QStringLiteral("--out"), usb});
        QVERIFY(moved);
        QVERIFY2(moved->contains(QDir(usb).absoluteFilePath(QStringLiteral("root.key.pem")).toUtf8()), moved->constData());
        QVERIFY(!old.exists());
        QVERIFY(QFile::exists(usb + QStringLiteral("/root.key.pem")));
        QVERIFY(testsupport::runBackendCommand(legacy,
            {QStringLiteral("trust-list"), QStringLiteral("export"), QStringLiteral("--out"), path(QStringLiteral("legacy-trust"))}));
        QFile list(path(QStringLiteral("legacy-trust/trust-list.json")));
        QVERIFY(list.open(QIODevice::ReadOnly));
        const auto opened = serverlink::seal::openSigned(list.readAll(), {pair.value().spki});
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        QVERIFY(opened.value().delegation.has_value());
    }
};

QTEST_GUILESS_MAIN(TestOfflineRoot)
#include "tst_offline_root.moc"
