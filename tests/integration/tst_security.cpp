// Attacks on the kiosk ↔ backend link, on real peers: the backend's kiosk API in its own process over
// real TLS (recording-backend, which also records every exchange for the OpenAPI contract test), the
// kiosk's own enrollment and link client, and a rogue TLS server built here with OpenSSL.
#include "backendstore.h"
#include "enrollment.h"
#include "kioskregistry.h"
#include "linkclient.h"
#include "protocol.h"
#include "renewal.h"
#include "testbackend.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <atomic>
#include <mutex>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace {

constexpr int kSkip = 77;
const QString kDesaA = QStringLiteral("3521112004");
const QString kDesaB = QStringLiteral("3521112099");

using testsupport::binary;

/// A TLS server with a certificate from a foreign CA. It records every decrypted byte a client
/// sends, so a test can prove that a kiosk refusing the certificate sent nothing after the handshake.
class RogueTlsServer
{
public:
    ~RogueTlsServer() { stop(); }

    bool start(const QString &certificate, const QString &key)
    {
        m_ctx = SSL_CTX_new(TLS_server_method());
        if (!m_ctx || SSL_CTX_use_certificate_chain_file(m_ctx, QFile::encodeName(certificate).constData()) != 1
            || SSL_CTX_use_PrivateKey_file(m_ctx, QFile::encodeName(key).constData(), SSL_FILETYPE_PEM) != 1)
            return false;
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        if (m_listener < 0 || ::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0
            || ::listen(m_listener, 8) != 0 || ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return false;
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serve(); });
        return true;
    }

    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        if (m_listener >= 0)
            ::close(m_listener);
        m_listener = -1;
        if (m_ctx)
            SSL_CTX_free(m_ctx);
        m_ctx = nullptr;
    }

    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] int connections() const { return m_connections; }
    [[nodiscard]] int failedHandshakes() const { return m_failedHandshakes; }
    [[nodiscard]] QByteArray received() const
    {
        std::lock_guard lock(m_mutex);
        return m_received;
    }
    void reset()
    {
        std::lock_guard lock(m_mutex);
        m_received.clear();
        m_connections = 0;
        m_failedHandshakes = 0;
    }

private:
    void serve()
    {
        while (!m_stop) {
            pollfd p {m_listener, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0)
                continue;
            const int fd = ::accept(m_listener, nullptr, nullptr);
            if (fd < 0)
                continue;
            ++m_connections;
            timeval timeout {3, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
            SSL *ssl = SSL_new(m_ctx);
            SSL_set_fd(ssl, fd);
            if (SSL_accept(ssl) != 1) {
                ++m_failedHandshakes;
            } else {
                // Read what the client sends (headers and body), then answer so it can finish.
                QByteArray request;
                char buffer[4096];
                int n = 0;
                while ((n = SSL_read(ssl, buffer, sizeof(buffer))) > 0) {
                    request.append(buffer, n);
                    const qsizetype end = request.indexOf("\r\n\r\n");
                    if (end < 0)
                        continue;
                    const qsizetype lengthAt = request.toLower().indexOf("content-length:");
                    const qsizetype bodyLength
                        = lengthAt < 0 ? 0 : request.mid(lengthAt + 15, request.indexOf('\r', lengthAt) - lengthAt - 15).trimmed().toInt();
                    if (request.size() >= end + 4 + bodyLength)
                        break;
                }
                {
                    std::lock_guard lock(m_mutex);
                    m_received += request;
                }
                const char reply[]
                    = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
                SSL_write(ssl, reply, int(sizeof(reply) - 1));
                SSL_shutdown(ssl);
            }
            SSL_free(ssl);
            ::close(fd);
            ERR_clear_error();
        }
    }

    SSL_CTX *m_ctx = nullptr;
    int m_listener = -1;
    quint16 m_port = 0;
    std::thread m_thread;
    std::atomic<bool> m_stop {false};
    std::atomic<int> m_connections {0};
    std::atomic<int> m_failedHandshakes {0};
    mutable std::mutex m_mutex;
    QByteArray m_received;
};

QByteArray submitBody(const QString &reg)
{
    serverlink::SubmitRequest s;
    s.registrationNumber = reg;
    s.serviceCode = QStringLiteral("SKTM");
    s.nik = QStringLiteral("3521114506800002");
    s.name = QStringLiteral("Siti Aminah");
    s.address = QStringLiteral("Dusun Krajan RT 01 RW 02, Pitu");
    s.purpose = QStringLiteral("Pendaftaran BPJS PBI");
    s.fields = QJsonObject {{QStringLiteral("pekerjaan"), QStringLiteral("Petani")}};
    s.submittedAt = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
    return s.toJson();
}

} // namespace

class TestSecurity : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_backend;
    quint16 m_port = 0;
    RogueTlsServer m_rogue;
    int m_refused = 0; // attacks the link refused, as it should
    int m_accepted = 0; // legitimate calls that went through

    QString path(const QString &rel) const { return m_dir.filePath(rel); }
    static QString exchangeRecord() { return binary(QStringLiteral("openapi-exchanges/tst_security.jsonl")); }
    QString baseUrl() const { return QStringLiteral("https://localhost:%1/api/v1").arg(m_port); }

    QByteArray backendCommand(const QStringList &args, int *exitCode = nullptr)
    {
        QProcess p;
        p.start(binary(QStringLiteral("backend/kecamatan-backend")),
            QStringList(args) << QStringLiteral("--data") << path(QStringLiteral("backend")));
        if (!p.waitForFinished(60000))
            return {};
        if (exitCode)
            *exitCode = p.exitCode();
        if (p.exitCode() != 0)
            qWarning().noquote() << "kecamatan-backend" << args.join(QLatin1Char(' ')) << "failed:" << p.readAllStandardError();
        return p.readAllStandardOutput();
    }

    QString createCode(const QString &desa, const QString &kiosk)
    {
        return QString::fromLatin1(backendCommand(
            {QStringLiteral("enroll-code"), QStringLiteral("create"), QStringLiteral("--desa"), desa, QStringLiteral("--kiosk"), kiosk})
                                       .trimmed());
    }

    /// A code made directly in the backend's database (for desa codes outside the office table,
    /// and codes whose lifetime already ended); the running backend reads the same file.
    QString codeFromStore(const QString &desa, const QString &kiosk, const QDateTime &createdAt, std::chrono::seconds lifetime)
    {
        auto store = backend::BackendStore::open(path(QStringLiteral("backend/backend.sqlite")));
        if (!store)
            return {};
        const auto code = backend::KioskRegistry(*store.value()).createCode(desa, kiosk, lifetime, createdAt);
        return code ? code.value().code : QString();
    }

    serverlink::KioskEnrollment::Paths kioskFiles(const QString &name) const
    {
        QDir().mkpath(path(name));
        return {path(QStringLiteral("pki/ca.crt")), path(name + QStringLiteral("/client.crt")), path(name + QStringLiteral("/client.key"))};
    }

    std::unique_ptr<serverlink::LinkClient> clientFor(const QString &name) const
    {
        const auto files = kioskFiles(name);
        return std::make_unique<serverlink::LinkClient>(
            baseUrl(), serverlink::TlsPolicy {files.caFile, files.certificateFile, files.keyFile});
    }

    bool enroll(const QString &name, const QString &code)
    {
        const auto done = serverlink::KioskEnrollment::enroll(baseUrl(), code, kioskFiles(name));
        if (!done)
            qWarning().noquote() << "enrollment of" << name << "failed:" << done.error().message;
        return done.ok();
    }

    void expectRefused(const serverlink::LinkResponse &r, long status, const QString &error)
    {
        QCOMPARE(r.status, status);
        QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toString(), error);
        ++m_refused;
    }

    void expectEnrollmentRefused(const QString &name, const QString &code, const QString &error)
    {
        const auto done = serverlink::KioskEnrollment::enroll(baseUrl(), code, kioskFiles(name));
        QVERIFY(!done);
        QCOMPARE(done.error().kind, serverlink::EnrollmentFailure::Kind::Refused);
        QCOMPARE(done.error().errorCode, error);
        QVERIFY(!done.error().message.isEmpty());
        ++m_refused;
    }

    /// POST /enroll with a hand-made body (no client certificate), as an attacker would.
    serverlink::LinkResponse rawEnroll(const QString &code, const QByteArray &csr)
    {
        serverlink::LinkClient client(baseUrl(), {path(QStringLiteral("pki/ca.crt")), {}, {}});
        return client.post(QStringLiteral("/enroll"),
            QJsonDocument(QJsonObject {{QStringLiteral("code"), code}, {QStringLiteral("csr"), QString::fromLatin1(csr)}}).toJson());
    }

    QByteArray opensslCsr(const QStringList &keyArgs, const QString &name)
    {
        const QString key = path(name + QStringLiteral(".key"));
        QProcess gen;
        gen.start(QStringLiteral("openssl"), QStringList {QStringLiteral("genpkey")} << keyArgs << QStringLiteral("-out") << key);
        if (!gen.waitForFinished(60000) || gen.exitCode() != 0)
            return {};
        QProcess req;
        req.start(QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), key, QStringLiteral("-subj"), QStringLiteral("/CN=x")});
        return req.waitForFinished(60000) && req.exitCode() == 0 ? req.readAllStandardOutput() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Every exchange is checked against server-link/api/openapi.yaml by ctest openapi_contract.
        QVERIFY(QDir().mkpath(QFileInfo(exchangeRecord()).absolutePath()));
        QFile::remove(exchangeRecord());
        QVERIFY(testsupport::makePki(path(QStringLiteral("pki"))));
        m_port = quint16(
            testsupport::startRecordingBackend(m_backend, path(QStringLiteral("backend")), path(QStringLiteral("pki")), exchangeRecord(),
                QStringLiteral("127.0.0.1:0"), {QStringLiteral("--client-ca-key"), path(QStringLiteral("pki/kiosk-ca.key"))}));
        QVERIFY(m_port > 0);
        QVERIFY(m_rogue.start(path(QStringLiteral("pki/rogue-server.crt")), path(QStringLiteral("pki/rogue-server.key"))));
    }

    void cleanupTestCase()
    {
        m_rogue.stop();
        m_backend.terminate();
        m_backend.waitForFinished(10000);
        std::printf("tst_security: %d attacks refused, %d legitimate calls accepted\n", m_refused, m_accepted);
    }

    void enrolledKioskIsNamedByTheCode()
    {
        const QString code = createCode(kDesaA, QStringLiteral("KIOSK-A"));
        QCOMPARE(code.size(), 19); // XXXX-XXXX-XXXX-XXXX
        // The CSR asks for another name; the certificate carries the code's kiosk id and desa.
        const auto done
            = serverlink::KioskEnrollment::enroll(baseUrl(), code, kioskFiles(QStringLiteral("a")), QStringLiteral("KIOSK-EVIL"));
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        QCOMPARE(done.value().kioskId, QStringLiteral("KIOSK-A"));
        QCOMPARE(done.value().desaCode, kDesaA);
        QCOMPARE(QFile::permissions(kioskFiles(QStringLiteral("a")).keyFile),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        QProcess x509;
        x509.start(QStringLiteral("openssl"),
            {QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-subject"), QStringLiteral("-ext"),
                QStringLiteral("extendedKeyUsage,basicConstraints"), QStringLiteral("-in"),
                kioskFiles(QStringLiteral("a")).certificateFile});
        QVERIFY(x509.waitForFinished(30000));
        const QByteArray text = x509.readAllStandardOutput();
        QVERIFY2(text.contains("OU = 3521112004") && text.contains("CN = KIOSK-A"), text.constData());
        QVERIFY2(text.contains("TLS Web Client Authentication") && !text.contains("Server Authentication"), text.constData());
        QVERIFY2(text.contains("CA:FALSE"), text.constData());

        const auto catalog = clientFor(QStringLiteral("a"))->get(QStringLiteral("/catalog"));
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorText));
        ++m_accepted;
        const QByteArray list = backendCommand({QStringLiteral("kiosk"), QStringLiteral("list")});
        QVERIFY2(list.contains("KIOSK-A\t3521112004\tactive"), list.constData());
    }

    void kioskctlEnrolls()
    {
        // The technician's tool: writes key and certificate where the kiosk configuration points.
        QDir().mkpath(path(QStringLiteral("ctl")));
        QFile config(path(QStringLiteral("ctl/anjungan.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("[kiosk]\nid=KIOSK-CTL\ndesaCode=%1\ndataDir=data\n[server]\nurl=%2\ncaFile=../pki/ca.crt\n"
                                    "clientCert=tls/client.crt\nclientKey=tls/client.key\n[printers]\ncupsServer=127.0.0.1:9\n")
                         .arg(kDesaA, baseUrl())
                         .toUtf8());
        config.close();
        QDir().mkpath(path(QStringLiteral("ctl/tls")));
        auto kioskctl = [&](const QStringList &args, QByteArray *out) {
            QProcess p;
            p.start(binary(QStringLiteral("kiosk/ctl/kioskctl")), QStringList {QStringLiteral("--config"), config.fileName()} << args);
            if (!p.waitForFinished(60000))
                return -1;
            *out = p.readAllStandardOutput() + p.readAllStandardError();
            return p.exitCode();
        };
        QByteArray out;
        QCOMPARE(kioskctl({QStringLiteral("enroll"), QStringLiteral("--code"), QStringLiteral("ZZZZ-ZZZZ-ZZZZ-ZZZZ")}, &out), 2);
        QVERIFY2(out.contains("Pendaftaran gagal: Kode pendaftaran tidak dikenal"), out.constData());
        ++m_refused;
        QVERIFY(!QFile::exists(path(QStringLiteral("ctl/tls/client.key"))));
        const QString code = createCode(kDesaA, QStringLiteral("KIOSK-CTL"));
        QCOMPARE(kioskctl({QStringLiteral("enroll"), QStringLiteral("--code"), code.toLower()}, &out), 0);
        QVERIFY2(out.contains("Berhasil: anjungan terdaftar sebagai KIOSK-CTL untuk desa 3521112004"), out.constData());
        QCOMPARE(QFile::permissions(path(QStringLiteral("ctl/tls/client.key"))),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        serverlink::LinkClient client(baseUrl(),
            {path(QStringLiteral("pki/ca.crt")), path(QStringLiteral("ctl/tls/client.crt")), path(QStringLiteral("ctl/tls/client.key"))});
        QVERIFY(client.get(QStringLiteral("/catalog")).ok());
        ++m_accepted;
        // The technician sees which identity the kiosk holds and until when (printers are not set up here).
        kioskctl({QStringLiteral("status")}, &out);
        QVERIFY2(out.contains("Sertifikat\tKIOSK-CTL desa 3521112004, berlaku sampai"), out.constData());
    }

    void codeIsSingleUseAndExpires()
    {
        const QString code = createCode(kDesaA, QStringLiteral("KIOSK-C"));
        QVERIFY(enroll(QStringLiteral("c"), code));
        ++m_accepted;
        expectEnrollmentRefused(QStringLiteral("c2"), code, QStringLiteral("enrollment_code_used"));
        const QString expired
            = codeFromStore(kDesaA, QStringLiteral("KIOSK-X"), QDateTime::currentDateTimeUtc().addSecs(-7200), std::chrono::hours(1));
        QVERIFY(!expired.isEmpty());
        expectEnrollmentRefused(QStringLiteral("x"), expired, QStringLiteral("enrollment_code_expired"));
        expectEnrollmentRefused(QStringLiteral("x"), QStringLiteral("ABCD-EFGH-JKMN-PQRS"), QStringLiteral("enrollment_code_invalid"));
        expectEnrollmentRefused(QStringLiteral("x"), QStringLiteral("short"), QStringLiteral("enrollment_code_invalid"));
        // The refused attempts wrote nothing.
        QVERIFY(!QFile::exists(kioskFiles(QStringLiteral("x")).keyFile));
        QVERIFY(!QFile::exists(kioskFiles(QStringLiteral("c2")).certificateFile));
    }

    void badCsrsAreRefusedAndKeepTheCode()
    {
        const QString code = createCode(kDesaA, QStringLiteral("KIOSK-D"));
        expectRefused(rawEnroll(code, "garbage"), 400, QStringLiteral("invalid_csr"));
        expectRefused(rawEnroll(code, QByteArray(20000, 'A')), 400, QStringLiteral("invalid_csr"));
        const QByteArray p384 = opensslCsr(
            {QStringLiteral("-algorithm"), QStringLiteral("EC"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-384")},
            QStringLiteral("p384"));
        QVERIFY(p384.startsWith("-----BEGIN CERTIFICATE REQUEST"));
        expectRefused(rawEnroll(code, p384), 400, QStringLiteral("csr_key_type"));
        const QByteArray rsa = opensslCsr(
            {QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"), QStringLiteral("rsa_keygen_bits:2048")},
            QStringLiteral("rsa"));
        QVERIFY(!rsa.isEmpty());
        expectRefused(rawEnroll(code, rsa), 400, QStringLiteral("csr_key_type"));
        // A CSR whose self-signature does not match its key (proof of possession fails).
        const auto a = serverlink::KioskEnrollment::generateKeyAndCsr(QStringLiteral("x"));
        QVERIFY(a);
        QByteArray der = QByteArray::fromBase64(QByteArray(a->csrPem)
                                                    .replace("-----BEGIN CERTIFICATE REQUEST-----", "")
                                                    .replace("-----END CERTIFICATE REQUEST-----", "")
                                                    .replace("\n", ""));
        der[der.size() - 5] = char(der[der.size() - 5] ^ 0x01);
        const QByteArray tampered = "-----BEGIN CERTIFICATE REQUEST-----\n" + der.toBase64() + "\n-----END CERTIFICATE REQUEST-----\n";
        const auto badSignature = rawEnroll(code, tampered);
        QCOMPARE(badSignature.status, 400L);
        ++m_refused;
        expectRefused(rawEnroll(code, {}), 400, QStringLiteral("invalid_csr"));
        serverlink::LinkClient client(baseUrl(), {path(QStringLiteral("pki/ca.crt")), {}, {}});
        expectRefused(client.post(QStringLiteral("/enroll"), "[1,2"), 400, QStringLiteral("invalid_body"));
        // None of these used the code up.
        QVERIFY(enroll(QStringLiteral("d"), code));
        ++m_accepted;
    }

    void noOrForeignClientCertificateRefused()
    {
        serverlink::LinkClient anonymous(baseUrl(), {path(QStringLiteral("pki/ca.crt")), {}, {}});
        for (const QString &route : {QStringLiteral("/catalog"), QStringLiteral("/changes"), QStringLiteral("/trust-list")})
            expectRefused(anonymous.get(route), 403, QStringLiteral("client_certificate_required"));
        expectRefused(anonymous.post(QStringLiteral("/requests"), submitBody(QStringLiteral("REG-ANON-1")),
                          {{"Idempotency-Key", "anon-key-00000000001"}}),
            403, QStringLiteral("client_certificate_required"));
        // A certificate from another CA never completes the handshake.
        serverlink::LinkClient foreign(baseUrl(),
            {path(QStringLiteral("pki/ca.crt")), path(QStringLiteral("pki/rogue-server.crt")),
                path(QStringLiteral("pki/rogue-server.key"))});
        const auto r = foreign.get(QStringLiteral("/catalog"));
        QVERIFY(r.error == serverlink::LinkError::Tls || r.error == serverlink::LinkError::Network);
        QCOMPARE(r.status, 0L);
        ++m_refused;
        // The pre-issued certificate is signed by the kiosk CA but was never registered.
        serverlink::LinkClient unregistered(
            baseUrl(), {path(QStringLiteral("pki/ca.crt")), path(QStringLiteral("pki/kiosk.crt")), path(QStringLiteral("pki/kiosk.key"))});
        expectRefused(unregistered.get(QStringLiteral("/catalog")), 403, QStringLiteral("kiosk_unknown"));
        int exitCode = -1;
        backendCommand(
            {QStringLiteral("kiosk"), QStringLiteral("register"), QStringLiteral("--cert"), path(QStringLiteral("pki/kiosk.crt"))},
            &exitCode);
        QCOMPARE(exitCode, 0);
        QVERIFY(unregistered.get(QStringLiteral("/catalog")).ok());
        ++m_accepted;
    }

    void revokedKioskRefused()
    {
        QVERIFY(enroll(QStringLiteral("r"), createCode(kDesaA, QStringLiteral("KIOSK-R"))));
        auto client = clientFor(QStringLiteral("r"));
        QVERIFY(client->get(QStringLiteral("/catalog")).ok());
        ++m_accepted;
        int exitCode = -1;
        backendCommand({QStringLiteral("kiosk"), QStringLiteral("revoke"), QStringLiteral("KIOSK-R")}, &exitCode);
        QCOMPARE(exitCode, 0);
        // Refused at once, even on the connection the kiosk already had open.
        expectRefused(client->get(QStringLiteral("/catalog")), 403, QStringLiteral("kiosk_revoked"));
        expectRefused(client->post(QStringLiteral("/requests"), submitBody(QStringLiteral("REG-REVOKED-1")),
                          {{"Idempotency-Key", "revoked-key-000000001"}}),
            403, QStringLiteral("kiosk_revoked"));
        expectRefused(clientFor(QStringLiteral("r"))->get(QStringLiteral("/changes")), 403, QStringLiteral("kiosk_revoked"));
        backendCommand({QStringLiteral("kiosk"), QStringLiteral("revoke"), QStringLiteral("KIOSK-NOPE")}, &exitCode);
        QCOMPARE(exitCode, 1);
    }

    void reEnrollmentReplacesTheCertificate()
    {
        QVERIFY(enroll(QStringLiteral("e1"), createCode(kDesaA, QStringLiteral("KIOSK-E"))));
        auto old = clientFor(QStringLiteral("e1"));
        QVERIFY(old->get(QStringLiteral("/catalog")).ok());
        QVERIFY(enroll(QStringLiteral("e2"), createCode(kDesaA, QStringLiteral("KIOSK-E"))));
        QVERIFY(clientFor(QStringLiteral("e2"))->get(QStringLiteral("/catalog")).ok());
        m_accepted += 2;
        expectRefused(old->get(QStringLiteral("/catalog")), 403, QStringLiteral("certificate_replaced"));
        expectRefused(clientFor(QStringLiteral("e1"))->get(QStringLiteral("/changes")), 403, QStringLiteral("certificate_replaced"));
    }

    void reEnrollmentThatCannotInstallKeepsTheKiosksKey()
    {
        // Re-enrolment from technician mode: the certificate cannot be put in place (here its path is a folder;
        // on a unit, a power cut or a full disk). The key the kiosk works with must not be replaced by the new one.
        const QString name = QStringLiteral("e3");
        QVERIFY(enroll(name, createCode(kDesaA, QStringLiteral("KIOSK-G"))));
        ++m_accepted;
        const auto files = kioskFiles(name);
        QFile keyFile(files.keyFile);
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const QByteArray workingKey = keyFile.readAll();
        keyFile.close();
        QVERIFY(QFile::remove(files.certificateFile));
        QVERIFY(QDir().mkpath(files.certificateFile + QStringLiteral("/blocked")));

        const auto done = serverlink::KioskEnrollment::enroll(baseUrl(), createCode(kDesaA, QStringLiteral("KIOSK-G")), files);
        QVERIFY(!done);
        QCOMPARE(done.error().kind, serverlink::EnrollmentFailure::Kind::Io);
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        QCOMPARE(keyFile.readAll(), workingKey);
        keyFile.close();

        // Once the path is free again, the waiting pair is what a restart installs: key and certificate belong together.
        QVERIFY(QDir(files.certificateFile).removeRecursively());
        QVERIFY(serverlink::CertificateRenewal::recover(files));
        QVERIFY(clientFor(name)->get(QStringLiteral("/catalog")).ok());
        ++m_accepted;
    }

    void desaIsolation()
    {
        // Kiosk A in desa A (enrolled above), kiosk B in desa B.
        const QString codeB = codeFromStore(kDesaB, QStringLiteral("KIOSK-B"), QDateTime::currentDateTimeUtc(), std::chrono::hours(1));
        QVERIFY(enroll(QStringLiteral("b"), codeB));
        auto a = clientFor(QStringLiteral("a"));
        auto b = clientFor(QStringLiteral("b"));
        QCOMPARE(
            a->post(QStringLiteral("/requests"), submitBody(QStringLiteral("REG-DESA-A1")), {{"Idempotency-Key", "desa-a-key-000000001"}})
                .status,
            201L);
        QVERIFY(testsupport::approveAsOfficers(path(QStringLiteral("backend")), QStringLiteral("REG-DESA-A1"), kDesaA));
        QVERIFY(a->get(QStringLiteral("/letters/REG-DESA-A1")).ok());
        m_accepted += 2;

        // B cannot read A's changes, letter or act on A's request.
        const auto changes = b->get(QStringLiteral("/changes?cursor=0&limit=500"));
        QVERIFY(changes.ok());
        QVERIFY2(!changes.body.contains("REG-DESA-A1"), changes.body.constData());
        ++m_refused;
        expectRefused(b->get(QStringLiteral("/letters/REG-DESA-A1")), 404, QStringLiteral("not_found"));
        expectRefused(b->post(QStringLiteral("/requests/REG-DESA-A1/handover"), {}), 404, QStringLiteral("not_found"));
        // B cannot overwrite A's request with its own submission of the same number.
        expectRefused(
            b->post(QStringLiteral("/requests"), submitBody(QStringLiteral("REG-DESA-A1")), {{"Idempotency-Key", "desa-b-key-000000001"}}),
            409, QStringLiteral("registration_taken"));
        // Whatever B submits is B's desa: the desa comes from the registry, never from the body.
        QByteArray forged = submitBody(QStringLiteral("REG-DESA-B1"));
        forged.replace("{", QByteArray("{\"desaCode\":\"") + kDesaA.toLatin1() + "\",");
        const auto submitted = b->post(QStringLiteral("/requests"), forged, {{"Idempotency-Key", "desa-b-key-000000002"}});
        QVERIFY(submitted.status == 201 || submitted.status == 400);
        QCOMPARE(
            b->post(QStringLiteral("/requests"), submitBody(QStringLiteral("REG-DESA-B2")), {{"Idempotency-Key", "desa-b-key-000000003"}})
                .status,
            201L);
        ++m_accepted;
        const QJsonArray all = QJsonDocument::fromJson(backendCommand({QStringLiteral("list"), QStringLiteral("--json")})).array();
        for (const QJsonValue &v : all) {
            const QJsonObject r = v.toObject();
            const QString reg = r.value(QStringLiteral("registrationNumber")).toString();
            if (reg.startsWith(QLatin1String("REG-DESA-B")))
                QCOMPARE(r.value(QStringLiteral("desaCode")).toString(), kDesaB);
            if (reg == QLatin1String("REG-DESA-A1")) {
                QCOMPARE(r.value(QStringLiteral("kioskId")).toString(), QStringLiteral("KIOSK-A"));
                QCOMPARE(r.value(QStringLiteral("stage")).toString(), QStringLiteral("READY"));
            }
        }
        ++m_refused;
        // A still sees its own request; B's changes show only B's.
        QVERIFY(a->get(QStringLiteral("/changes?cursor=0")).body.contains("REG-DESA-A1"));
        const auto bChanges = b->get(QStringLiteral("/changes?cursor=0"));
        QVERIFY(bChanges.body.contains("REG-DESA-B2") && !bChanges.body.contains("REG-DESA-A1"));
    }

    void rogueServerGetsNoBody()
    {
        const QString rogueUrl = QStringLiteral("https://localhost:%1/api/v1").arg(m_rogue.port());
        m_rogue.reset();
        // Enrollment against a server that is not from the deployment CA: refused before the code leaves.
        const auto enrolled
            = serverlink::KioskEnrollment::enroll(rogueUrl, QStringLiteral("SECR-ETCO-DE00-0000"), kioskFiles(QStringLiteral("rogue")));
        QVERIFY(!enrolled);
        QCOMPARE(enrolled.error().kind, serverlink::EnrollmentFailure::Kind::Tls);
        // A request with a citizen's data, from an enrolled kiosk.
        serverlink::LinkClient kiosk(rogueUrl,
            {path(QStringLiteral("pki/ca.crt")), kioskFiles(QStringLiteral("a")).certificateFile, kioskFiles(QStringLiteral("a")).keyFile});
        const auto r = kiosk.post(
            QStringLiteral("/requests"), submitBody(QStringLiteral("REG-ROGUE-1")), {{"Idempotency-Key", "rogue-key-0000000001"}});
        QCOMPARE(r.error, serverlink::LinkError::Tls);
        // The rogue server's thread notes the broken handshake a moment after the client gave up.
        QTRY_COMPARE(m_rogue.failedHandshakes(), 2); // the kiosk did connect, and broke off in the handshake…
        QCOMPARE(m_rogue.connections(), 2);
        QCOMPARE(m_rogue.received().size(), 0); // so not one byte of a request reached the rogue server
        m_refused += 2;
        QVERIFY(!QFile::exists(kioskFiles(QStringLiteral("rogue")).keyFile));

        // Control: a client that trusts the foreign CA does send its body — the recorder works.
        serverlink::LinkClient trusting(rogueUrl, {path(QStringLiteral("pki/other-ca.crt")), {}, {}});
        const auto control = trusting.post(QStringLiteral("/requests"), submitBody(QStringLiteral("REG-ROGUE-2")));
        QCOMPARE(control.status, 400L);
        QVERIFY(m_rogue.received().contains("REG-ROGUE-2"));
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
        std::fprintf(stderr, "SKIP: openssl (the command line tool) is not installed; scripts/make-test-pki needs it.\n");
        return kSkip;
    }
    TestSecurity test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_security.moc"
