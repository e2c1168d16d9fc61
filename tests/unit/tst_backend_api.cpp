#include "../tools/exchangerecorder.h"
#include "../tools/testbackend.h"
#include "apiserver.h"
#include "backend.h"
#include "kioskregistry.h"
#include "workflowfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include "linkclient.h"
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdlib>

using namespace backend;

namespace {

/// What curl saw: exit code, HTTP status, headers and body.
struct Reply {
    int curlExit = -1;
    int status = 0;
    QByteArray headers;
    QByteArray body;

    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QByteArray submitBody(const QString &reg, const QString &name = QStringLiteral("Siti Aminah"))
{
    serverlink::SubmitRequest s;
    s.registrationNumber = reg;
    s.serviceCode = QStringLiteral("SKTM");
    s.nik = QStringLiteral("3521114506800002");
    s.name = name;
    s.address = QStringLiteral("Dusun Krajan RT 01 RW 02, Pitu");
    s.purpose = QStringLiteral("Pendaftaran BPJS PBI");
    s.fields = QJsonObject {{QStringLiteral("pekerjaan"), QStringLiteral("Petani")}};
    s.submittedAt = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
    return s.toJson();
}

} // namespace

/// The /api/v1 server over real mutual TLS, driven by the curl command line.
class TestBackendApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pki;
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<ApiServer> m_server;
    quint16 m_port = 0;
    QString m_record; // this test function's recorded exchanges (ctest openapi_contract)

    Reply call(const QString &method, const QString &path, const QByteArray &body = {}, const QStringList &headers = {},
        bool clientCertificate = true, const QString &certName = QStringLiteral("kiosk"))
    {
        QStringList args {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("4"), QStringLiteral("-X"), method,
            QStringLiteral("--cacert"), m_pki + QStringLiteral("/ca.crt"), QStringLiteral("-D"),
            m_dir.filePath(QStringLiteral("headers.txt")), QStringLiteral("-w"), QStringLiteral("\n%{http_code}")};
        if (clientCertificate)
            args << QStringLiteral("--cert") << QStringLiteral("%1/%2.crt").arg(m_pki, certName) << QStringLiteral("--key")
                 << QStringLiteral("%1/%2.key").arg(m_pki, certName);
        for (const QString &h : headers)
            args << QStringLiteral("-H") << h;
        if (method == QLatin1String("POST"))
            args << QStringLiteral("-H") << QStringLiteral("Content-Type: application/json") << QStringLiteral("--data-binary")
                 << QStringLiteral("@-");
        args << QStringLiteral("https://localhost:%1%2").arg(m_port).arg(path);
        QFile::remove(m_dir.filePath(QStringLiteral("headers.txt")));
        QProcess curl;
        curl.start(QStringLiteral("curl"), args);
        curl.write(body);
        curl.closeWriteChannel();
        Reply reply;
        if (!curl.waitForFinished(5000))
            return reply;
        reply.curlExit = curl.exitCode();
        const QByteArray out = curl.readAllStandardOutput();
        const qsizetype split = out.lastIndexOf('\n');
        reply.body = out.left(split);
        reply.status = out.mid(split + 1).toInt();
        QFile h(m_dir.filePath(QStringLiteral("headers.txt")));
        if (h.open(QIODevice::ReadOnly))
            reply.headers = h.readAll();
        return reply;
    }

    Reply submit(const QByteArray &body, const QString &key)
    {
        return call(QStringLiteral("POST"), QStringLiteral("/api/v1/requests"), body, {QStringLiteral("Idempotency-Key: %1").arg(key)});
    }

private slots:
    void initTestCase()
    {
        // A missing peer tool means SKIP (exit 77), never a pass.
        if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty()
            || QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            qWarning("curl or openssl not installed");
            std::exit(77);
        }
        QVERIFY(m_dir.isValid());
        m_pki = m_dir.filePath(QStringLiteral("pki"));
        QVERIFY(testsupport::makePki(m_pki));
    }

    void init()
    {
        m_backend = testsupport::freshBackend(m_dir.filePath(QStringLiteral("data")));
        QVERIFY(m_backend);
        // The pre-issued test certificate is the kiosk's registered one (as `kecamatan-backend kiosk register` does).
        QFile certificate(m_pki + QStringLiteral("/kiosk.crt"));
        QVERIFY(certificate.open(QIODevice::ReadOnly));
        const auto registered = KioskRegistry(*m_backend->store).registerCertificate(certificate.readAll());
        QVERIFY2(registered, registered ? "" : qPrintable(registered.error().message));
        m_server = std::make_unique<ApiServer>(*m_backend->store, m_backend->catalog, *m_backend->workflow, m_backend->seals.get());
        // Every exchange is checked against server-link/api/openapi.yaml by ctest openapi_contract.
        const QString exchanges = qEnvironmentVariable("KIOSK_BINARY_DIR") + QStringLiteral("/openapi-exchanges");
        QVERIFY(QDir().mkpath(exchanges));
        m_record = QStringLiteral("%1/tst_backend_api.%2.jsonl").arg(exchanges, QLatin1String(QTest::currentTestFunction()));
        QFile::remove(m_record);
        m_server->setExchangeObserver(testsupport::jsonlRecorder(m_record));
        const auto port = m_server->start(QStringLiteral("127.0.0.1"), 0,
            TlsFiles {
                m_pki + QStringLiteral("/server.crt"), m_pki + QStringLiteral("/server.key"), m_pki + QStringLiteral("/kiosk-ca.crt")});
        QVERIFY2(port, port ? "" : qPrintable(port.error().message));
        m_port = port.value();
    }

    void cleanup()
    {
        m_server.reset();
        m_backend.reset();
    }

    void submitTwiceSameKey()
    {
        const QByteArray body = submitBody(QStringLiteral("REG-API-1"));
        const Reply first = submit(body, QStringLiteral("idem-key-0000000001"));
        QCOMPARE(first.status, 201);
        QCOMPARE(first.json().value(QStringLiteral("registrationNumber")).toString(), QStringLiteral("REG-API-1"));
        QCOMPARE(first.json().value(QStringLiteral("stage")).toString(), QStringLiteral("RECEIVED"));
        const Reply second = submit(body, QStringLiteral("idem-key-0000000001"));
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json().value(QStringLiteral("registrationNumber")).toString(), QStringLiteral("REG-API-1"));
        const auto all = m_backend->store->requests();
        QVERIFY(all);
        QCOMPARE(all.value().size(), 1);
        QCOMPARE(all.value().first().kioskId, QStringLiteral("KIOSK-0001"));
        QCOMPARE(all.value().first().desaCode, QStringLiteral("3521112004"));

        QCOMPARE(submit(body, QStringLiteral("short")).status, 400);
        const Reply badService = submit(QByteArray(body).replace("\"SKTM\"", "\"NOPE\""), QStringLiteral("idem-key-0000000009"));
        QCOMPARE(badService.status, 400);
        QCOMPARE(badService.json().value(QStringLiteral("error")).toString(), QStringLiteral("unknown_service"));
        const Reply badNik
            = submit(QByteArray(body).replace("3521114506800002", "35211145068000AB"), QStringLiteral("idem-key-0000000008"));
        QCOMPARE(badNik.status, 400);
        QCOMPARE(submit(QByteArray(70 * 1024, ' '), QStringLiteral("idem-key-0000000007")).status, 413);
    }

    void withoutClientCertificate()
    {
        // The handshake lets a kiosk without a certificate through (for /enroll only); every kiosk route refuses it.
        const Reply reply = call(QStringLiteral("GET"), QStringLiteral("/api/v1/catalog"), {}, {}, false);
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("client_certificate_required"));
    }

    void otherCaClientRefused()
    {
        // A certificate from another CA (here the foreign CA's server certificate) never reaches a handler.
        const Reply reply = call(QStringLiteral("GET"), QStringLiteral("/api/v1/catalog"), {}, {}, true, QStringLiteral("rogue-server"));
        QVERIFY(reply.curlExit != 0);
        QCOMPARE(reply.status, 0);
    }

    void differentBodyConflict()
    {
        QCOMPARE(submit(submitBody(QStringLiteral("REG-API-2")), QStringLiteral("idem-key-0000000002")).status, 201);
        const Reply changed
            = submit(submitBody(QStringLiteral("REG-API-2"), QStringLiteral("Siti Aminah Rahayu")), QStringLiteral("idem-key-0000000002"));
        QCOMPARE(changed.status, 409);
        QCOMPARE(changed.json().value(QStringLiteral("error")).toString(), QStringLiteral("idempotency_conflict"));
        const Reply clash = submit(submitBody(QStringLiteral("REG-API-2")), QStringLiteral("idem-key-0000000003"));
        QCOMPARE(clash.status, 409);
        QCOMPARE(clash.json().value(QStringLiteral("error")).toString(), QStringLiteral("registration_taken"));
        QCOMPARE(m_backend->store->requests().value().size(), 1);
    }

    void changesShowReceived()
    {
        QCOMPARE(submit(submitBody(QStringLiteral("REG-API-3")), QStringLiteral("idem-key-0000000004")).status, 201);
        const Reply reply = call(QStringLiteral("GET"), QStringLiteral("/api/v1/changes?cursor=0&limit=50"));
        QCOMPARE(reply.status, 200);
        const QJsonArray changes = reply.json().value(QStringLiteral("changes")).toArray();
        QCOMPARE(changes.size(), 1);
        const auto change = serverlink::StatusChange::fromJsonObject(changes.at(0).toObject());
        QVERIFY(change);
        QCOMPARE(change->registrationNumber, QStringLiteral("REG-API-3"));
        QCOMPARE(change->stage, serverlink::Stage::Received);
        QCOMPARE(reply.json().value(QStringLiteral("cursor")).toInteger(), change->sequence);

        const Reply after = call(QStringLiteral("GET"), QStringLiteral("/api/v1/changes?cursor=%1").arg(change->sequence));
        QCOMPARE(after.status, 200);
        QVERIFY(after.json().value(QStringLiteral("changes")).toArray().isEmpty());
        QCOMPARE(call(QStringLiteral("GET"), QStringLiteral("/api/v1/changes?limit=0")).status, 400);
    }

    void catalogEtag()
    {
        const Reply full = call(QStringLiteral("GET"), QStringLiteral("/api/v1/catalog"));
        QCOMPARE(full.status, 200);
        QCOMPARE(full.body, m_backend->catalog.bytes());
        QVERIFY(full.headers.contains(("ETag: " + m_backend->catalog.etag()).toUtf8()));
        const Reply same = call(QStringLiteral("GET"), QStringLiteral("/api/v1/catalog"), {},
            {QStringLiteral("If-None-Match: %1").arg(m_backend->catalog.etag())});
        QCOMPARE(same.status, 304);
        QVERIFY(same.body.isEmpty());
    }

    void recorderWritesTheSelftestFormat()
    {
        // The contract self-test's hand-written violations only mean something in the format the recorder writes.
        QCOMPARE(submit(submitBody(QStringLiteral("REG-API-9")), QStringLiteral("idem-key-0000000009")).status, 201);
        const auto firstLine = [](const QString &file) {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? f.readLine() : QByteArray();
        };
        // The server records after the answer has left, so the line may come just after curl returns.
        QTRY_VERIFY(firstLine(m_record).endsWith('\n'));
        const QJsonObject line = QJsonDocument::fromJson(firstLine(m_record)).object();
        const QJsonObject sample
            = QJsonDocument::fromJson(firstLine(testsupport::source(QStringLiteral("tests/tools/openapi/selftest/violations.jsonl"))))
                  .object();
        QVERIFY(!sample.isEmpty());
        QCOMPARE(line.keys(), sample.keys());
        QCOMPARE(line.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(line.value(QStringLiteral("path")).toString(), QStringLiteral("/api/v1/requests"));
        QCOMPARE(line.value(QStringLiteral("status")).toInt(), 201);
        QCOMPARE(line.value(QStringLiteral("requestHeaders")).toObject().value(QStringLiteral("idempotency-key")).toString(),
            QStringLiteral("idem-key-0000000009"));
        QVERIFY(QJsonDocument::fromJson(line.value(QStringLiteral("requestBody")).toString().toUtf8()).isObject());
        QVERIFY(QJsonDocument::fromJson(line.value(QStringLiteral("responseBody")).toString().toUtf8()).isObject());
        // Recorded exchanges hold citizen data: only the owner may read them.
        QVERIFY(!(QFile::permissions(m_record) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    }

    void letterAndHandover()
    {
        QCOMPARE(submit(submitBody(QStringLiteral("REG-API-4")), QStringLiteral("idem-key-0000000005")).status, 201);
        QCOMPARE(call(QStringLiteral("GET"), QStringLiteral("/api/v1/letters/REG-API-4")).status, 404);
        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/requests/REG-API-4/handover")).status, 409);
        QVERIFY(testsupport::approveToReady(*m_backend->workflow, *m_backend->store, m_backend->offices, QStringLiteral("REG-API-4")));

        const Reply letter = call(QStringLiteral("GET"), QStringLiteral("/api/v1/letters/REG-API-4"));
        QCOMPARE(letter.status, 200);
        QVERIFY(letter.body.startsWith("%PDF"));
        const QByteArray sha = QCryptographicHash::hash(letter.body, QCryptographicHash::Sha256).toHex();
        QVERIFY2(letter.headers.toLower().contains("x-content-sha256: " + sha), letter.headers.constData());

        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/requests/REG-API-4/handover")).status, 200);
        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/requests/REG-API-4/handover")).status, 200);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-API-4")).value().stage, serverlink::Stage::HandedOver);
        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/requests/REG-NOPE/handover")).status, 404);
        // A kiosk from before the handover dialog: recorded, with no actor and no collector.
        const auto old = m_backend->store->handover(QStringLiteral("REG-API-4"));
        QVERIFY(old && old.value());
        QVERIFY(old.value()->actor.isEmpty());
        QVERIFY(old.value()->collectorKind.isEmpty());
    }

    void handoverBodyIsStored()
    {
        QCOMPARE(submit(submitBody(QStringLiteral("REG-API-H")), QStringLiteral("idem-key-00000000H1")).status, 201);
        QVERIFY(testsupport::approveToReady(*m_backend->workflow, *m_backend->store, m_backend->offices, QStringLiteral("REG-API-H")));
        const QString path = QStringLiteral("/api/v1/requests/REG-API-H/handover");
        serverlink::HandoverBody body {QStringLiteral("siti.petugas"), QDateTime(QDate(2026, 12, 7), QTime(2, 30), Qt::UTC),
            serverlink::CollectorKind::Holder, QStringLiteral("Siti Aminah"), QStringLiteral("3521110101800003"), {}};
        // Malformed bodies change nothing: not an object → 400, bad fields → 422, a holder with another NIK → 422.
        QCOMPARE(call(QStringLiteral("POST"), path, "not json").status, 400);
        QCOMPARE(call(QStringLiteral("POST"), path, "[]").status, 400);
        QCOMPARE(call(QStringLiteral("POST"), path, R"({"actor":"siti"})").status, 422);
        QCOMPARE(call(QStringLiteral("POST"), path, QByteArray(body.toJson()).replace("holder", "courier")).status, 422);
        QCOMPARE(call(QStringLiteral("POST"), path, body.toJson()).status, 422);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-API-H")).value().stage, serverlink::Stage::Ready);
        QVERIFY(!m_backend->store->handover(QStringLiteral("REG-API-H")).value());

        body.kind = serverlink::CollectorKind::Representative;
        body.name = QStringLiteral("Budi Santoso");
        body.relationship = QStringLiteral("anak");
        QCOMPARE(call(QStringLiteral("POST"), path, body.toJson()).status, 200);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-API-H")).value().stage, serverlink::Stage::HandedOver);
        const auto stored = m_backend->store->handover(QStringLiteral("REG-API-H"));
        QVERIFY(stored && stored.value());
        const HandoverRecord &h = *stored.value();
        QCOMPARE(h.actor, QStringLiteral("siti.petugas"));
        QCOMPARE(h.at, body.at);
        QCOMPARE(h.collectorKind, QStringLiteral("representative"));
        QCOMPARE(h.collectorName, QStringLiteral("Budi Santoso"));
        QCOMPARE(h.collectorNik, QStringLiteral("3521110101800003"));
        QCOMPARE(h.relationship, QStringLiteral("anak"));
        QVERIFY(!h.kioskId.isEmpty());
        // The history names the staff member, not only the kiosk.
        const auto events = m_backend->store->events(QStringLiteral("REG-API-H"));
        QVERIFY(events);
        QVERIFY(events.value().last().actor.startsWith(QStringLiteral("siti.petugas")));
        // Repeating it is harmless and keeps the first record.
        body.name = QStringLiteral("Orang Lain");
        QCOMPARE(call(QStringLiteral("POST"), path, body.toJson()).status, 200);
        QCOMPARE(m_backend->store->handover(QStringLiteral("REG-API-H")).value()->collectorName, QStringLiteral("Budi Santoso"));
    }

    void surveyStoredOnce()
    {
        serverlink::SurveyResponse survey;
        survey.id = QStringLiteral("7d2f3c1e-survey-0001");
        survey.serviceCode = QStringLiteral("SKTM");
        survey.answers = {4, 3, 4, 4, 3, 4, 4, 2, 3};
        survey.at = QDateTime(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC);
        const auto counted = m_backend->store->surveyCount();
        QVERIFY2(counted.ok(), counted.ok() ? "" : qPrintable(counted.error().message));
        const int before = counted.value();
        const Reply first = call(QStringLiteral("POST"), QStringLiteral("/api/v1/surveys"), survey.toJson());
        QCOMPARE(first.status, 201);
        const Reply again = call(QStringLiteral("POST"), QStringLiteral("/api/v1/surveys"), survey.toJson());
        QCOMPARE(again.status, 200);
        QCOMPARE(m_backend->store->surveyCount().value(), before + 1);
        survey.answers[0] = 5; // outside the 1–4 scale
        survey.id = QStringLiteral("7d2f3c1e-survey-0002");
        const Reply bad = call(QStringLiteral("POST"), QStringLiteral("/api/v1/surveys"), survey.toJson());
        QCOMPARE(bad.status, 400);
        QCOMPARE(m_backend->store->surveyCount().value(), before + 1);
    }

    void kioskClientKeepsWorkingAcrossReconnects()
    {
        // The kiosk's own client: one handle, connection reuse, TLS session resumption when the
        // server closes a kept-alive connection. Every request must succeed (regression: the server
        // answered a resumed session with an "internal error" alert).
        serverlink::LinkClient client(QStringLiteral("https://localhost:%1/api/v1").arg(m_port),
            {m_pki + QStringLiteral("/ca.crt"), m_pki + QStringLiteral("/kiosk.crt"), m_pki + QStringLiteral("/kiosk.key")});
        for (int i = 0; i < 30; ++i) {
            const auto r = client.get(QStringLiteral("/catalog"));
            QVERIFY2(r.ok(), qPrintable(QStringLiteral("request %1: %2").arg(i).arg(r.errorText)));
        }
    }
};

QTEST_MAIN(TestBackendApi)
#include "tst_backend_api.moc"
