// Certificate renewal (issue #15 item 3) on real peers: the backend's kiosk API in its own process over
// real mutual TLS (recording-backend, so every exchange is checked against openapi.yaml), the kiosk's own
// CertificateRenewal, SyncService and kioskctl. Certificates near expiry or already expired are issued here
// with the test PKI's kiosk CA and registered like any pre-issued certificate.
#include "backendstore.h"
#include "kioskca.h"
#include "linkclient.h"
#include "outbox.h"
#include "renewal.h"
#include "store.h"
#include "syncservice.h"
#include "testbackend.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {

const QString kDesa = QStringLiteral("3521112004");

using serverlink::CertificateRenewal;
using serverlink::CertificateState;
using testsupport::binary;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestRenewal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_backend;
    quint16 m_port = 0;

    QString path(const QString &rel) const { return m_dir.filePath(rel); }
    static QString exchangeRecord() { return binary(QStringLiteral("openapi-exchanges/tst_renewal.jsonl")); }
    QString baseUrl() const { return QStringLiteral("https://localhost:%1/api/v1").arg(m_port); }

    QByteArray backendCommand(const QStringList &args)
    {
        return testsupport::runBackendCommand(path(QStringLiteral("backend")), args).value_or(QByteArray());
    }

    CertificateRenewal::Paths files(const QString &name) const
    {
        QDir().mkpath(path(name));
        return {path(QStringLiteral("pki/ca.crt")), path(name + QStringLiteral("/client.crt")), path(name + QStringLiteral("/client.key"))};
    }

    std::unique_ptr<serverlink::LinkClient> clientFor(const CertificateRenewal::Paths &p, serverlink::LinkOptions options = {}) const
    {
        return std::make_unique<serverlink::LinkClient>(baseUrl(), serverlink::TlsPolicy {p.caFile, p.certificateFile, p.keyFile}, options);
    }

    /// A key and a certificate from the test PKI's kiosk CA valid for `validityDays` (0: it expires at once),
    /// registered with the backend as the kiosk's current one.
    bool issue(const QString &name, const QString &kioskId, int validityDays)
    {
        const auto ca = backend::KioskCa::load(path(QStringLiteral("pki/kiosk-ca.crt")), path(QStringLiteral("pki/kiosk-ca.key")));
        const auto keyAndCsr = serverlink::KioskEnrollment::generateKeyAndCsr(kioskId);
        if (!ca || !keyAndCsr)
            return false;
        const auto certificate = ca.value().sign(keyAndCsr->csrPem, kioskId, kDesa, validityDays);
        const auto p = files(name);
        if (!certificate || !writeAll(p.certificateFile, certificate.value().pem)
            || !serverlink::KioskEnrollment::writePrivateFile(p.keyFile, keyAndCsr->privateKeyPem))
            return false;
        return !backendCommand({QStringLiteral("kiosk"), QStringLiteral("register"), QStringLiteral("--cert"), p.certificateFile})
                    .isEmpty();
    }

    /// A copy of a kiosk's current files, to try the old identity after a renewal.
    CertificateRenewal::Paths keepCopy(const QString &from, const QString &to)
    {
        const auto a = files(from);
        const auto b = files(to);
        QFile::copy(a.certificateFile, b.certificateFile);
        QFile::copy(a.keyFile, b.keyFile);
        return b;
    }

    static QString errorOf(const serverlink::LinkResponse &r)
    {
        return QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toString();
    }

    QString serialOf(const QString &certificateFile)
    {
        const auto c = backend::KioskCa::inspect(readAll(certificateFile));
        return c ? c.value().serialHex : QString();
    }

    int kioskctl(const QString &config, const QStringList &args, QByteArray *out)
    {
        QProcess p;
        p.start(binary(QStringLiteral("kiosk/ctl/kioskctl")), QStringList {QStringLiteral("--config"), config} << args);
        if (!p.waitForFinished(60000))
            return -1;
        *out = p.readAllStandardOutput() + p.readAllStandardError();
        return p.exitCode();
    }

    QString writeCtlConfig(const QString &name, const QString &kioskId)
    {
        const QString file = path(name + QStringLiteral("/anjungan.conf"));
        writeAll(file,
            QStringLiteral("[kiosk]\nid=%1\ndesaCode=%2\ndataDir=data\n[server]\nurl=%3\ncaFile=../pki/ca.crt\n"
                           "clientCert=client.crt\nclientKey=client.key\n[printers]\ncupsServer=127.0.0.1:9\n")
                .arg(kioskId, kDesa, baseUrl())
                .toUtf8());
        return file;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(QFileInfo(exchangeRecord()).absolutePath()));
        QFile::remove(exchangeRecord());
        QVERIFY(testsupport::makePki(path(QStringLiteral("pki"))));
        m_port = quint16(
            testsupport::startRecordingBackend(m_backend, path(QStringLiteral("backend")), path(QStringLiteral("pki")), exchangeRecord(),
                QStringLiteral("127.0.0.1:0"), {QStringLiteral("--client-ca-key"), path(QStringLiteral("pki/kiosk-ca.key"))}));
        QVERIFY(m_port > 0);
    }

    void cleanupTestCase()
    {
        m_backend.terminate();
        m_backend.waitForFinished(10000);
    }

    void nearExpiryRenewsAndTheOldOneIsRefused()
    {
        QVERIFY(issue(QStringLiteral("near"), QStringLiteral("KIOSK-NEAR"), 10));
        const auto p = files(QStringLiteral("near"));
        QCOMPARE(CertificateRenewal::state(p.certificateFile, 30), CertificateState::RenewalDue);
        QCOMPARE(CertificateRenewal::state(p.certificateFile, 5), CertificateState::Valid);
        const auto old = keepCopy(QStringLiteral("near"), QStringLiteral("near-old"));
        const QString oldSerial = serialOf(p.certificateFile);

        auto client = clientFor(p);
        QVERIFY(client->get(QStringLiteral("/catalog")).ok());
        const auto renewed = CertificateRenewal::renew(*client, p);
        QVERIFY2(renewed.ok(), renewed ? "" : qPrintable(renewed.error().message));
        QCOMPARE(renewed.value().kioskId, QStringLiteral("KIOSK-NEAR"));
        QCOMPARE(renewed.value().desaCode, kDesa);
        QVERIFY(renewed.value().notAfter > QDateTime::currentDateTimeUtc().addDays(700));
        QCOMPARE(serialOf(p.certificateFile), renewed.value().serial);
        QVERIFY(renewed.value().serial != oldSerial);
        QVERIFY(readAll(p.keyFile) != readAll(old.keyFile)); // a new key pair, made on the kiosk
        QCOMPARE(QFile::permissions(p.keyFile) & 0x0077, QFileDevice::Permissions());
        QVERIFY(!QFile::exists(CertificateRenewal::pendingKeyFile(p)));
        QVERIFY(!QFile::exists(CertificateRenewal::pendingCsrFile(p)));
        QCOMPARE(CertificateRenewal::state(p.certificateFile, 30), CertificateState::Valid);

        // The next request uses the new identity; from then on the old certificate is refused.
        client->resetConnections();
        QVERIFY(client->get(QStringLiteral("/catalog")).ok());
        const auto refused = clientFor(old)->get(QStringLiteral("/catalog"));
        QCOMPARE(refused.status, 403L);
        QCOMPARE(errorOf(refused), QStringLiteral("certificate_replaced"));
        QCOMPARE(errorOf(clientFor(old)->post(QStringLiteral("/renew"), "{\"csr\":\"x\"}")), QStringLiteral("certificate_replaced"));

        // The registry keeps the chain: old serial → new serial, when, and that the new one is in use.
        const QByteArray chain = backendCommand({QStringLiteral("kiosk"), QStringLiteral("chain"), QStringLiteral("KIOSK-NEAR")});
        QVERIFY2(chain.contains((oldSerial + QStringLiteral(" -> ") + renewed.value().serial).toUtf8()), chain.constData());
        QVERIFY2(chain.contains("dipakai "), chain.constData());
        QVERIFY2(backendCommand({QStringLiteral("kiosk"), QStringLiteral("list")}).contains(renewed.value().serial.toUtf8()), "list");
    }

    void renewalNeedsANewKey()
    {
        QVERIFY(issue(QStringLiteral("same"), QStringLiteral("KIOSK-SAME"), 10));
        const auto p = files(QStringLiteral("same"));
        // A CSR for the key the kiosk already has is refused: renewal means a new key pair.
        QProcess req;
        req.start(QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), p.keyFile, QStringLiteral("-subj"),
                QStringLiteral("/CN=KIOSK-SAME")});
        QVERIFY(req.waitForFinished(60000) && req.exitCode() == 0);
        const auto r = clientFor(p)->post(QStringLiteral("/renew"),
            QJsonDocument(QJsonObject {{QStringLiteral("csr"), QString::fromLatin1(req.readAllStandardOutput())}}).toJson());
        QCOMPARE(r.status, 400L);
        QCOMPARE(errorOf(r), QStringLiteral("csr_key_reused"));
        const auto noCertificate = serverlink::LinkClient(baseUrl(), {p.caFile, {}, {}}).post(QStringLiteral("/renew"), "{\"csr\":\"x\"}");
        QCOMPARE(noCertificate.status, 403L);
        QCOMPARE(errorOf(noCertificate), QStringLiteral("client_certificate_required"));
    }

    void lostAnswerRetryGetsAWorkingCertificate()
    {
        QVERIFY(issue(QStringLiteral("lost"), QStringLiteral("KIOSK-LOST"), 10));
        const auto p = files(QStringLiteral("lost"));
        const auto old = keepCopy(QStringLiteral("lost"), QStringLiteral("lost-old"));
        const QString oldSerial = serialOf(p.certificateFile);
        // The backend issues, but the answer never reaches the kiosk: the response is cut after its first bytes.
        serverlink::LinkOptions tiny;
        tiny.maxResponseBytes = 16;
        const auto lost = CertificateRenewal::renew(*clientFor(p, tiny), p);
        QVERIFY(!lost);
        QCOMPARE(lost.error().kind, serverlink::EnrollmentFailure::Kind::Network);
        QCOMPARE(serialOf(p.certificateFile), oldSerial); // nothing replaced
        QVERIFY(QFile::exists(CertificateRenewal::pendingKeyFile(p)));
        const QByteArray issued = backendCommand({QStringLiteral("kiosk"), QStringLiteral("chain"), QStringLiteral("KIOSK-LOST")});
        QCOMPARE(issued.count('\n'), 1);
        QVERIFY2(issued.contains("belum dipakai"), issued.constData());

        // Meanwhile the old certificate still works (grace: the new one was never used).
        QVERIFY(clientFor(old)->get(QStringLiteral("/catalog")).ok());

        // The retry sends the same CSR and gets the same certificate again, not a refusal and not a second one.
        const auto retried = CertificateRenewal::renew(*clientFor(p), p);
        QVERIFY2(retried.ok(), retried ? "" : qPrintable(retried.error().message));
        QVERIFY2(issued.contains(retried.value().serial.toUtf8()), issued.constData());
        QVERIFY(clientFor(p)->get(QStringLiteral("/catalog")).ok());
        QCOMPARE(errorOf(clientFor(old)->get(QStringLiteral("/catalog"))), QStringLiteral("certificate_replaced"));
        const QByteArray chain = backendCommand({QStringLiteral("kiosk"), QStringLiteral("chain"), QStringLiteral("KIOSK-LOST")});
        QCOMPARE(chain.count('\n'), 1);
        QVERIFY2(chain.contains("dipakai "), chain.constData());
    }

    void lostAnswerAndLostKeyStillRenews()
    {
        QVERIFY(issue(QStringLiteral("gone"), QStringLiteral("KIOSK-GONE"), 10));
        const auto p = files(QStringLiteral("gone"));
        serverlink::LinkOptions tiny;
        tiny.maxResponseBytes = 16;
        QVERIFY(!CertificateRenewal::renew(*clientFor(p, tiny), p));
        // The kiosk lost its pending key too (e.g. a disk restored from backup): a new CSR over the old
        // certificate still gets a certificate, which replaces the one never used.
        QFile::remove(CertificateRenewal::pendingKeyFile(p));
        QFile::remove(CertificateRenewal::pendingCsrFile(p));
        const auto renewed = CertificateRenewal::renew(*clientFor(p), p);
        QVERIFY2(renewed.ok(), renewed ? "" : qPrintable(renewed.error().message));
        QVERIFY(clientFor(p)->get(QStringLiteral("/catalog")).ok());
        const QByteArray chain = backendCommand({QStringLiteral("kiosk"), QStringLiteral("chain"), QStringLiteral("KIOSK-GONE")});
        QCOMPARE(chain.count('\n'), 2);
    }

    void expiredCertificateIsToldToReenrol()
    {
        QVERIFY(issue(QStringLiteral("expired"), QStringLiteral("KIOSK-EXP"), 0));
        const auto p = files(QStringLiteral("expired"));
        QTest::qWait(1500);
        QCOMPARE(CertificateRenewal::state(p.certificateFile, 30), CertificateState::Expired);
        QVERIFY(CertificateRenewal::stateMessage(CertificateState::Expired)
                    .startsWith(QStringLiteral("Sertifikat kedaluwarsa: daftar ulang dengan kode baru")));
        // The backend answers (no TLS failure the kiosk cannot explain): re-enrol.
        const auto r = clientFor(p)->get(QStringLiteral("/catalog"));
        QCOMPARE(r.status, 403L);
        QCOMPARE(errorOf(r), QStringLiteral("certificate_expired"));
        QVERIFY2(r.body.contains("daftar ulang dengan kode baru"), r.body.constData());
        const auto renewed = CertificateRenewal::renew(*clientFor(p), p);
        QVERIFY(!renewed);
        QCOMPARE(renewed.error().errorCode, QStringLiteral("certificate_expired"));
        // The heartbeat still gets through and carries the state to the fleet.
        serverlink::Heartbeat beat;
        beat.sentAt = QDateTime::currentDateTimeUtc();
        beat.appVersion = QStringLiteral("test");
        beat.certificateState = CertificateRenewal::stateToWire(CertificateState::Expired);
        QVERIFY(clientFor(p)->post(QStringLiteral("/heartbeat"), beat.toJson()).ok());
        auto store = backend::BackendStore::open(path(QStringLiteral("backend/backend.sqlite")));
        QVERIFY(store);
        const auto beats = store.value()->latestHeartbeats();
        QVERIFY(beats);
        bool seen = false;
        for (const auto &h : beats.value())
            seen = seen || (h.kioskId == QLatin1String("KIOSK-EXP") && h.certificateState == QLatin1String("expired"));
        QVERIFY(seen);

        // The technician's shell says the same.
        const QString config = writeCtlConfig(QStringLiteral("expired"), QStringLiteral("KIOSK-EXP"));
        QByteArray out;
        kioskctl(config, {QStringLiteral("status")}, &out);
        QVERIFY2(out.contains("Sertifikat kedaluwarsa: daftar ulang dengan kode baru"), out.constData());
        QCOMPARE(kioskctl(config, {QStringLiteral("renew")}, &out), 2);
        QVERIFY2(out.contains("Sertifikat kedaluwarsa: daftar ulang dengan kode baru"), out.constData());
    }

    void crashMidSwapLeavesAWorkingPair()
    {
        const auto ca = backend::KioskCa::load(path(QStringLiteral("pki/kiosk-ca.crt")), path(QStringLiteral("pki/kiosk-ca.key")));
        QVERIFY(ca);
        const auto make = [&ca](const QString &certificateFile, const QString &keyFile) {
            const auto k = serverlink::KioskEnrollment::generateKeyAndCsr(QStringLiteral("KIOSK-SWAP"));
            const auto c = ca.value().sign(k->csrPem, QStringLiteral("KIOSK-SWAP"), kDesa);
            return writeAll(certificateFile, c.value().pem) && serverlink::KioskEnrollment::writePrivateFile(keyFile, k->privateKeyPem);
        };
        const auto p = files(QStringLiteral("swap"));
        // Each crash point of the swap: answer saved (nothing renamed), certificate renamed, both renamed.
        for (int renamed = 0; renamed <= 2; ++renamed) {
            QVERIFY(make(p.certificateFile, p.keyFile));
            QVERIFY(make(CertificateRenewal::pendingCertificateFile(p), CertificateRenewal::pendingKeyFile(p)));
            writeAll(CertificateRenewal::pendingCsrFile(p), "csr");
            const QByteArray newCertificate = readAll(CertificateRenewal::pendingCertificateFile(p));
            if (renamed >= 1)
                QVERIFY(
                    QFile::remove(p.certificateFile) && QFile::rename(CertificateRenewal::pendingCertificateFile(p), p.certificateFile));
            if (renamed >= 2)
                QVERIFY(QFile::remove(p.keyFile) && QFile::rename(CertificateRenewal::pendingKeyFile(p), p.keyFile));
            QVERIFY2(CertificateRenewal::recover(p), qPrintable(QString::number(renamed)));
            QCOMPARE(readAll(p.certificateFile), newCertificate);
            QVERIFY(!QFile::exists(CertificateRenewal::pendingKeyFile(p)));
            QVERIFY(!QFile::exists(CertificateRenewal::pendingCertificateFile(p)));
            QVERIFY(!QFile::exists(CertificateRenewal::pendingCsrFile(p)));
        }
        // Crashed after the new key was saved, before the request: the old pair stays, the pending key is kept for the retry.
        QVERIFY(make(p.certificateFile, p.keyFile));
        const QByteArray oldCertificate = readAll(p.certificateFile);
        QVERIFY(make(path(QStringLiteral("swap/unused.crt")), CertificateRenewal::pendingKeyFile(p)));
        writeAll(CertificateRenewal::pendingCsrFile(p), "csr");
        QVERIFY(CertificateRenewal::recover(p));
        QCOMPARE(readAll(p.certificateFile), oldCertificate);
        QVERIFY(QFile::exists(CertificateRenewal::pendingKeyFile(p)));
    }

    void kioskctlRenews()
    {
        QVERIFY(issue(QStringLiteral("ctl"), QStringLiteral("KIOSK-CTLR"), 20));
        const QString config = writeCtlConfig(QStringLiteral("ctl"), QStringLiteral("KIOSK-CTLR"));
        QByteArray out;
        kioskctl(config, {QStringLiteral("status")}, &out);
        QVERIFY2(out.contains("Sertifikat segera habis"), out.constData());
        QCOMPARE(kioskctl(config, {QStringLiteral("renew")}, &out), 0);
        QVERIFY2(out.contains("Berhasil: sertifikat baru"), out.constData());
        const auto p = files(QStringLiteral("ctl"));
        QCOMPARE(CertificateRenewal::state(p.certificateFile, 30), CertificateState::Valid);
        QVERIFY(clientFor(p)->get(QStringLiteral("/catalog")).ok());
        kioskctl(config, {QStringLiteral("status")}, &out);
        QVERIFY2(!out.contains("Sertifikat segera habis"), out.constData());
    }

    void syncServiceRenewsBeforeExpiry()
    {
        QVERIFY(issue(QStringLiteral("sync"), QStringLiteral("KIOSK-SYNC"), 10));
        const auto p = files(QStringLiteral("sync"));
        const auto old = keepCopy(QStringLiteral("sync"), QStringLiteral("sync-old"));
        kiosk::KioskStore store;
        QVERIFY(store.open(path(QStringLiteral("sync/kiosk.sqlite"))));
        kiosk::SyncSettings settings;
        settings.intervalMs = 3600000;
        settings.heartbeatIntervalMs = 0;
        settings.dataDir = path(QStringLiteral("sync"));
        settings.renewBeforeDays = 30;
        kiosk::SyncService sync(store, QByteArray(32, 'k'), baseUrl(), {p.caFile, p.certificateFile, p.keyFile},
            path(QStringLiteral("sync/letters")), settings);
        sync.syncNow();
        QCOMPARE(sync.certificatesRenewed(), 1);
        QCOMPARE(sync.certificateState(), CertificateState::Valid);
        // The rest of the round went out with the new identity: the old one is refused now.
        QCOMPARE(errorOf(clientFor(old)->get(QStringLiteral("/catalog"))), QStringLiteral("certificate_replaced"));
        QString problem = QStringLiteral("none yet");
        connect(&sync, &kiosk::SyncService::synced, this, [&problem](int, const QString &p) { problem = p; });
        sync.syncNow();
        QCOMPARE(sync.certificatesRenewed(), 1);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // A technician renews with kioskctl while the kiosk runs, and the new certificate is used at once:
        // the kiosk's next round drops its kept connections instead of presenting the replaced certificate.
        QVERIFY(CertificateRenewal::renew(*clientFor(p), p));
        QVERIFY(clientFor(p)->get(QStringLiteral("/catalog")).ok());
        problem = QStringLiteral("none yet");
        sync.syncNow();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(sync.certificatesRenewed(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRenewal)
#include "tst_renewal.moc"
