#include "../tools/exchangerecorder.h"
#include "../tools/testbackend.h"
#include "apiserver.h"
#include "backend.h"
#include "complaints.h"
#include "crypto.h"
#include "documentupload.h"
#include "kioskregistry.h"
#include "staffaccounts.h"
#include "workflowfixture.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

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

serverlink::DeskEvent deskEvent(const QString &id, serverlink::DeskEventKind kind, const QString &actor, int counter)
{
    serverlink::DeskEvent e;
    e.id = id;
    e.kind = kind;
    e.at = QDateTime(QDate(2026, 11, 23), QTime(3, 15), Qt::UTC);
    e.actor = actor;
    e.registrationNumber = QStringLiteral("REG-API-7");
    e.queueLabel = QStringLiteral("B-002");
    e.counter = counter;
    return e;
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
        if (method == QLatin1String("PUT"))
            args << QStringLiteral("--data-binary") << QStringLiteral("@-");
        // curl -X HEAD would wait for a body that never comes.
        if (method == QLatin1String("HEAD")) {
            const qsizetype x = args.indexOf(QStringLiteral("-X"));
            args.remove(x, 2);
            args.insert(x, QStringLiteral("-I"));
        }
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
        m_server->setDocuments(m_backend->documents.get());
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
        // The kiosks count working days with the holidays the catalog brings (the built-in list here).
        const auto served = serverlink::Catalog::fromJson(full.body);
        QVERIFY(served);
        QCOMPARE(served->holidays, serverlink::WorkingCalendar::builtIn().holidays());
    }

    void catalogCarriesTheKecamatanHolidays()
    {
        // A kecamatan keeps its own list in DIR/hari-libur.txt: every kiosk receives it with the catalog.
        const QString dir = m_dir.filePath(QStringLiteral("libur"));
        QVERIFY(QDir().mkpath(dir));
        QFile list(QDir(dir).filePath(QStringLiteral("hari-libur.txt")));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write("# Kabupaten Ngawi\n2026-12-24 Cuti bersama Natal\n2026-12-25 Natal\n2026-12-29 Hari Jadi Kabupaten\n");
        list.close();
        const auto opened = backend::openBackend(dir);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        const auto served = serverlink::Catalog::fromJson(opened.value()->catalog.bytes());
        QVERIFY(served);
        QCOMPARE(served->holidays.size(), 3);
        QCOMPARE(serverlink::WorkingCalendar(served->holidays).addWorkingDays(QDate(2026, 12, 28), 1), QDate(2026, 12, 30));
        QVERIFY(opened.value()->catalog.etag() != m_backend->catalog.etag());
        // A list the kiosks could not read stops the backend with the line to fix.
        QVERIFY(list.open(QIODevice::WriteOnly | QIODevice::Truncate));
        list.write("2026-12-24 Cuti bersama Natal\n29-12-2026 Hari Jadi\n");
        list.close();
        const auto refused = backend::openBackend(dir);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QLatin1String("baris 2")), qPrintable(refused.error().message));
    }

    void staffCredentialsOfOwnDesaWithEtag()
    {
        StaffAccounts staff(*m_backend->store, m_backend->offices, 1000);
        DesaOffice other = m_backend->offices.desa(QStringLiteral("3521112004")).value();
        other.code = QStringLiteral("3521112005");
        QVERIFY(m_backend->offices.save(other, QStringLiteral("uji")));
        QVERIFY(staff.add(QStringLiteral("3521112004"), QStringLiteral("siti"), QStringLiteral("Siti Aminah")));
        QVERIFY(staff.add(other.code, QStringLiteral("budi"), QStringLiteral("Budi Santoso")));
        QVERIFY(staff.setPin(QStringLiteral("siti"), QStringLiteral("4829"), QStringLiteral("4829")));
        QVERIFY(staff.setPin(QStringLiteral("budi"), QStringLiteral("4829"), QStringLiteral("4829")));
        // The kiosk's certificate names desa 3521112004: it gets Siti, never Budi of the other desa.
        const Reply full = call(QStringLiteral("GET"), QStringLiteral("/api/v1/staff-credentials"));
        QCOMPARE(full.status, 200);
        const auto list = serverlink::StaffCredentials::fromJson(full.body);
        QVERIFY(list);
        QCOMPARE(list->staff.size(), 1);
        QCOMPARE(list->staff.first().username, QStringLiteral("siti"));
        QVERIFY(!list->staff.first().allowsPinOnly());
        static const QRegularExpression etagLine(QStringLiteral("ETag: (\"[0-9a-f]{64}\")"), QRegularExpression::CaseInsensitiveOption);
        const QString etag = etagLine.match(QString::fromLatin1(full.headers)).captured(1);
        QVERIFY(!etag.isEmpty());
        const Reply same
            = call(QStringLiteral("GET"), QStringLiteral("/api/v1/staff-credentials"), {}, {QStringLiteral("If-None-Match: ") + etag});
        QCOMPARE(same.status, 304);
        QVERIFY(same.body.isEmpty());
        // A change (deactivation) makes a new list and a new ETag.
        QVERIFY(staff.deactivate(QStringLiteral("siti")));
        const Reply changed
            = call(QStringLiteral("GET"), QStringLiteral("/api/v1/staff-credentials"), {}, {QStringLiteral("If-None-Match: ") + etag});
        QCOMPARE(changed.status, 200);
        QVERIFY(serverlink::StaffCredentials::fromJson(changed.body)->staff.isEmpty());
        // Without the kiosk certificate: nothing.
        QCOMPARE(call(QStringLiteral("GET"), QStringLiteral("/api/v1/staff-credentials"), {}, {}, false).status, 403);
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

    void surveyProfileAndSuggestionStored()
    {
        serverlink::SurveyResponse survey;
        survey.id = QStringLiteral("7d2f3c1e-survey-profile-1");
        survey.serviceCode = QStringLiteral("SKTM");
        survey.answers = {4, 4, 3, 4, 3, 4, 4, 3, 3};
        survey.at = QDateTime(QDate(2026, 11, 24), QTime(9, 0), Qt::UTC);
        survey.profile = {{QStringLiteral("age"), QStringLiteral("30_39")}, {QStringLiteral("gender"), QStringLiteral("female")},
            {QStringLiteral("education"), QStringLiteral("sma")}, {QStringLiteral("occupation"), QStringLiteral("petani")}};
        survey.suggestion = QStringLiteral("Ruang tunggu perlu kipas angin.");
        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/surveys"), survey.toJson()).status, 201);
        const auto stored = m_backend->store->surveyResponses({}, {});
        QVERIFY(stored);
        const auto it = std::find_if(stored->cbegin(), stored->cend(), [&](const SurveyRecord &r) { return r.id == survey.id; });
        QVERIFY(it != stored->cend());
        QCOMPARE(it->profile, survey.profile);
        QCOMPARE(it->suggestion, survey.suggestion);
        // A profile answer the survey does not offer, or a suggestion over the cap, is refused as a whole.
        survey.id = QStringLiteral("7d2f3c1e-survey-profile-2");
        survey.profile.insert(QStringLiteral("age"), QStringLiteral("17"));
        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/surveys"), survey.toJson()).status, 400);
        survey.profile.insert(QStringLiteral("age"), QStringLiteral("60_plus"));
        survey.suggestion = QString(serverlink::SurveyResponse::kMaxSuggestionLength + 1, QLatin1Char('x'));
        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/surveys"), survey.toJson()).status, 400);
    }

    void complaintFiledOnceAnsweredAndReadWithItsToken()
    {
        const QString token = QStringLiteral("c2xpcC10b2tlbi1mb3ItdGVzdHM");
        serverlink::ComplaintBody complaint;
        complaint.id = QStringLiteral("5b1c7a2e-complaint-0001");
        complaint.number = QStringLiteral("PGD-7K2M9-QX4TB");
        complaint.tokenSha256 = QString::fromLatin1(serverlink::crypto::sha256(token.toUtf8()).toHex());
        complaint.category = QStringLiteral("petugas");
        complaint.text = QStringLiteral("Petugas loket datang terlambat dua hari berturut-turut.");
        complaint.phone = QStringLiteral("081234567890");
        complaint.at = QDateTime(QDate(2026, 11, 24), QTime(3, 0), Qt::UTC);
        const QString key = QStringLiteral("Idempotency-Key: %1").arg(complaint.id);
        const QString path = QStringLiteral("/api/v1/complaints");
        const Reply first = call(QStringLiteral("POST"), path, complaint.toJson(), {key});
        QCOMPARE(first.status, 201);
        QCOMPARE(call(QStringLiteral("POST"), path, complaint.toJson(), {key}).status, 200);
        // The same key with another body, a key that is not the body's id, a malformed body.
        serverlink::ComplaintBody other = complaint;
        other.text = QStringLiteral("Lain");
        QCOMPARE(call(QStringLiteral("POST"), path, other.toJson(), {key}).status, 409);
        QCOMPARE(
            call(QStringLiteral("POST"), path, complaint.toJson(), {QStringLiteral("Idempotency-Key: lain-lain-lain-lain")}).status, 400);
        other.id = QStringLiteral("5b1c7a2e-complaint-0002");
        other.category = QStringLiteral("cuaca");
        QCOMPARE(call(QStringLiteral("POST"), path, other.toJson(), {QStringLiteral("Idempotency-Key: %1").arg(other.id)}).status, 400);
        const auto stored = m_backend->store->complaints();
        QVERIFY(stored);
        QCOMPARE(int(stored->size()), 1);
        QCOMPARE(stored->first().phone, QStringLiteral("+6281234567890"));
        QVERIFY(stored->first().nik.isEmpty());

        // Read back with the slip's token (header); a wrong token is the same 404 as an unknown number.
        const QString one = path + QLatin1Char('/') + complaint.number;
        const Reply read = call(QStringLiteral("GET"), one, {}, {QStringLiteral("X-Complaint-Token: %1").arg(token)});
        QCOMPARE(read.status, 200);
        auto view = serverlink::ComplaintView::fromJson(read.body);
        QVERIFY(view);
        QCOMPARE(view->status, serverlink::ComplaintStatus::New);
        QVERIFY(view->answer.isEmpty());
        QVERIFY(!read.body.contains("Petugas loket"));
        QCOMPARE(call(QStringLiteral("GET"), one, {}, {QStringLiteral("X-Complaint-Token: salah")}).status, 404);
        QCOMPARE(
            call(QStringLiteral("GET"), path + QStringLiteral("/PGD-00000-00000"), {}, {QStringLiteral("X-Complaint-Token: %1").arg(token)})
                .status,
            404);

        // The kasi pelayanan of the kecamatan answers: the kiosk reads it, the phone gets it by SMS once.
        const auto desa = m_backend->offices.desa(stored->first().desaCode);
        QVERIFY(desa);
        Complaints complaints(*m_backend->store, m_backend->offices);
        const QList<Capacity> kasi {{Role::KasiPelayanan, desa->kecamatanCode, {}}};
        const QList<Capacity> otherSekdes {{Role::SekretarisDesa, QStringLiteral("9999999999"), {}}};
        QCOMPARE(
            complaints.followUp(otherSekdes, QStringLiteral("x"), complaint.number, serverlink::ComplaintStatus::Done, QStringLiteral("a"))
                .error()
                .code,
            ErrorCode::Forbidden);
        QCOMPARE(complaints.followUp(kasi, QStringLiteral("Kasi"), complaint.number, serverlink::ComplaintStatus::Done, {}).error().code,
            ErrorCode::ReasonRequired);
        const QString answer = QStringLiteral("Petugas sudah kami tegur; jam buka loket 08.00 WIB.");
        QVERIFY(complaints.followUp(kasi, QStringLiteral("Kasi"), complaint.number, serverlink::ComplaintStatus::Done, answer));
        QVERIFY(complaints.followUp(kasi, QStringLiteral("Kasi"), complaint.number, serverlink::ComplaintStatus::Done, answer));
        view = serverlink::ComplaintView::fromJson(
            call(QStringLiteral("GET"), one, {}, {QStringLiteral("X-Complaint-Token: %1").arg(token)}).body);
        QVERIFY(view);
        QCOMPARE(view->status, serverlink::ComplaintStatus::Done);
        QCOMPARE(view->answer, answer);
        QVERIFY(view->answeredAt.isValid());
        const auto sms = m_backend->store->notifications();
        QVERIFY(sms);
        const auto answered = std::count_if(
            sms->cbegin(), sms->cend(), [](const NotificationRecord &n) { return n.kind == NotificationKind::ComplaintAnswered; });
        QCOMPARE(answered, 1);
        const auto row = std::find_if(
            sms->cbegin(), sms->cend(), [](const NotificationRecord &n) { return n.kind == NotificationKind::ComplaintAnswered; });
        QCOMPARE(row->recipient, QStringLiteral("+6281234567890"));
        QVERIFY(row->message.contains(complaint.number) && row->message.size() <= 160);
    }

    void submitCarriesQueueLabel()
    {
        serverlink::SubmitRequest s = *serverlink::SubmitRequest::fromJson(submitBody(QStringLiteral("REG-API-8")));
        // Without a queue number the body is byte for byte what kiosks sent before the field existed.
        QVERIFY(!s.toJson().contains("queueLabel"));
        QCOMPARE(s.toJson(), submitBody(QStringLiteral("REG-API-8")));
        s.queueLabel = QStringLiteral("A-007");
        QCOMPARE(submit(s.toJson(), QStringLiteral("idem-key-0000000010")).status, 201);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-API-8")).value().queueLabel, QStringLiteral("A-007"));
        QCOMPARE(submit(submitBody(QStringLiteral("REG-API-6")), QStringLiteral("idem-key-0000000011")).status, 201);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-API-6")).value().queueLabel, QString());
        s.queueLabel = QStringLiteral("A-00000000000000007");
        s.registrationNumber = QStringLiteral("REG-API-5");
        QCOMPARE(submit(s.toJson(), QStringLiteral("idem-key-0000000012")).status, 400);
    }

    // The heartbeat's answer lists the calling kiosk's open alerts only; acknowledging one is idempotent, another
    // kiosk's is refused, an unknown one not found; afterwards the answer no longer lists it (openapi_contract checks all).
    void alertsListedAndAcknowledged()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto raise = [&](const QString &kioskId) {
            const auto changes = m_backend->store->reconcileAlerts(kioskId, QStringLiteral("3521112004"),
                {{QStringLiteral("paper_out"), QStringLiteral("printer tiket"), QStringLiteral("SMS")}}, {QStringLiteral("paper_out")}, {},
                QStringLiteral("352111/teknisi"), now);
            return changes && changes.value().raised.size() == 1 ? changes.value().raised.first().id : qint64(0);
        };
        const qint64 own = raise(QStringLiteral("KIOSK-0001"));
        const qint64 other = raise(QStringLiteral("KIOSK-0002"));
        QVERIFY(own > 0 && other > 0);
        serverlink::Heartbeat beat;
        beat.sentAt = now;
        beat.appVersion = QStringLiteral("uji");
        // Still out of paper (the alert stays open), the scanner working (no other alert is raised).
        beat.devices.paper = serverlink::HealthState::Out;
        beat.devices.scanner = serverlink::HealthState::Ready;
        Reply answer = call(QStringLiteral("POST"), QStringLiteral("/api/v1/heartbeat"), beat.toJson());
        QCOMPARE(answer.status, 200);
        auto listed = serverlink::HeartbeatAnswer::fromJson(answer.body);
        QVERIFY(listed && listed->alerts);
        QStringList ids;
        for (const serverlink::FleetAlert &a : *listed->alerts)
            ids << QString::number(a.id);
        QCOMPARE(ids, QStringList {QString::number(own)});
        QCOMPARE(listed->alerts->first().text, QStringLiteral("Kertas printer habis: printer tiket"));

        const QString path = QStringLiteral("/api/v1/alerts/%1/acknowledge");
        const QByteArray body = serverlink::AlertAcknowledgement {QStringLiteral("tono"), now}.toJson();
        const Reply first = call(QStringLiteral("POST"), path.arg(own), body);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value(QStringLiteral("alreadyAcknowledged")).toBool(), false);
        QCOMPARE(first.json().value(QStringLiteral("acknowledgedBy")).toString(), QStringLiteral("teknisi:tono (anjungan KIOSK-0001)"));
        const Reply again = call(QStringLiteral("POST"), path.arg(own), body);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(QStringLiteral("alreadyAcknowledged")).toBool(), true);
        QCOMPARE(call(QStringLiteral("POST"), path.arg(other), body).status, 403);
        QCOMPARE(call(QStringLiteral("POST"), path.arg(other + 100), body).status, 404);
        QCOMPARE(call(QStringLiteral("POST"), path.arg(own), QByteArray(R"({"technician":"a b"})")).status, 400);
        QVERIFY(m_backend->store->kioskAlert(other).value()->acknowledgedAt.isNull());

        answer = call(QStringLiteral("POST"), QStringLiteral("/api/v1/heartbeat"), beat.toJson());
        listed = serverlink::HeartbeatAnswer::fromJson(answer.body);
        QVERIFY(listed && listed->alerts);
        QVERIFY(listed->alerts->isEmpty());
    }

    void deskEventsStoredExactlyOnce()
    {
        serverlink::DeskEventBatch batch;
        batch.events = {deskEvent(QStringLiteral("0b6c1f1e-5d7e-4c55-9a36-0f7d3c1b2a10"), serverlink::DeskEventKind::LetterHandedOver,
                            QStringLiteral("sri"), 2),
            deskEvent(
                QStringLiteral("2f9a3c44-8e1b-4f0a-b7d2-5a6e9c0d1e23"), serverlink::DeskEventKind::QueueCalled, QStringLiteral("budi"), 1)};
        const Reply first = call(QStringLiteral("POST"), QStringLiteral("/api/v1/desk-events"), batch.toJson());
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value(QStringLiteral("received")).toInt(), 2);
        QCOMPARE(first.json().value(QStringLiteral("stored")).toInt(), 2);
        // The kiosk retries (its answer was lost): nothing changes, and a batch mixing old and new stores only the new.
        const Reply retry = call(QStringLiteral("POST"), QStringLiteral("/api/v1/desk-events"), batch.toJson());
        QCOMPARE(retry.status, 200);
        QCOMPARE(retry.json().value(QStringLiteral("stored")).toInt(), 0);
        batch.events.append(deskEvent(
            QStringLiteral("5e0c7a9b-0a1b-4c2d-8e3f-405162738495"), serverlink::DeskEventKind::QueueServed, QStringLiteral("budi"), 1));
        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/desk-events"), batch.toJson())
                     .json()
                     .value(QStringLiteral("stored"))
                     .toInt(),
            1);

        const auto stored = m_backend->store->deskEvents(
            QDateTime(QDate(2026, 11, 23), QTime(0, 0), Qt::UTC), QDateTime(QDate(2026, 11, 24), QTime(0, 0), Qt::UTC));
        QVERIFY(stored);
        QCOMPARE(stored.value().size(), 3);
        for (const DeskEventRecord &r : stored.value()) {
            // Kiosk and desa come from the certificate, never from the body.
            QCOMPARE(r.kioskId, QStringLiteral("KIOSK-0001"));
            QCOMPARE(r.desaCode, QStringLiteral("3521112004"));
        }
        const DeskEventRecord &handover = stored.value().constFirst().event.kind == serverlink::DeskEventKind::LetterHandedOver
            ? stored.value().constFirst()
            : stored.value().at(1);
        QCOMPARE(handover.event.kind, serverlink::DeskEventKind::LetterHandedOver);
        QCOMPARE(handover.event.actor, QStringLiteral("sri"));
        QCOMPARE(handover.event.counter, 2);
        QCOMPARE(handover.event.registrationNumber, QStringLiteral("REG-API-7"));
        QCOMPARE(handover.event.queueLabel, QStringLiteral("B-002"));
    }

    /// Issues and registers "kiosk2", KIOSK-0002 of desa 3521112005, from the same kiosk CA.
    void addKioskOfAnotherDesa()
    {
        const QString cert = m_pki + QStringLiteral("/kiosk2");
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                cert + QStringLiteral(".key"), QStringLiteral("-subj"), QStringLiteral("/O=Anjungan Desa Demo/OU=3521112005/CN=KIOSK-0002"),
                QStringLiteral("-out"), cert + QStringLiteral(".csr")});
        QVERIFY(openssl.waitForFinished(20000) && openssl.exitCode() == 0);
        QFile ext(cert + QStringLiteral(".ext"));
        QVERIFY(ext.open(QIODevice::WriteOnly) && ext.write("extendedKeyUsage=clientAuth\n") > 0);
        ext.close();
        openssl.start(QStringLiteral("openssl"),
            {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), cert + QStringLiteral(".csr"), QStringLiteral("-CA"),
                m_pki + QStringLiteral("/kiosk-ca.crt"), QStringLiteral("-CAkey"), m_pki + QStringLiteral("/kiosk-ca.key"),
                QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-extfile"),
                ext.fileName(), QStringLiteral("-out"), cert + QStringLiteral(".crt")});
        QVERIFY(openssl.waitForFinished(20000) && openssl.exitCode() == 0);
        QFile pem(cert + QStringLiteral(".crt"));
        QVERIFY(pem.open(QIODevice::ReadOnly));
        QVERIFY(KioskRegistry(*m_backend->store).registerCertificate(pem.readAll()));
    }

    void deskEventsScopedToTheKiosksDesa()
    {
        // A second kiosk of another desa, its certificate from the same kiosk CA, sends an event with the same id.
        addKioskOfAnotherDesa();
        if (QTest::currentTestFailed())
            return;

        serverlink::DeskEventBatch batch;
        batch.events = {deskEvent(
            QStringLiteral("0b6c1f1e-5d7e-4c55-9a36-0f7d3c1b2a10"), serverlink::DeskEventKind::LetterHandedOver, QStringLiteral("sri"), 1)};
        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/desk-events"), batch.toJson()).status, 200);
        const Reply other
            = call(QStringLiteral("POST"), QStringLiteral("/api/v1/desk-events"), batch.toJson(), {}, true, QStringLiteral("kiosk2"));
        QCOMPARE(other.status, 200);
        QCOMPARE(other.json().value(QStringLiteral("stored")).toInt(), 1);

        const QDateTime from(QDate(2026, 11, 23), QTime(0, 0), Qt::UTC), to = from.addDays(1);
        const auto pitu = m_backend->store->deskEvents(from, to, QStringLiteral("3521112004"));
        const auto other_desa = m_backend->store->deskEvents(from, to, QStringLiteral("3521112005"));
        QVERIFY(pitu && other_desa);
        QCOMPARE(pitu.value().size(), 1);
        QCOMPARE(pitu.value().constFirst().kioskId, QStringLiteral("KIOSK-0001"));
        QCOMPARE(other_desa.value().size(), 1);
        QCOMPARE(other_desa.value().constFirst().kioskId, QStringLiteral("KIOSK-0002"));
        QCOMPARE(m_backend->store->deskEvents(from, to).value().size(), 2);
    }

    void documentUploadResumesOnceAndRefuses()
    {
        QByteArray page(150000, Qt::Uninitialized);
        for (qsizetype i = 0; i < page.size(); ++i)
            page[i] = char((i * 7919) >> 3);
        const QByteArray wrong = QByteArray("not the page the request named");
        serverlink::DocumentRef ref;
        ref.requirement = 0;
        ref.requirementText = QStringLiteral("Fotokopi KTP");
        ref.pageId = QStringLiteral("0123456789abcdef0123456789abcdef");
        ref.sha256 = QString::fromLatin1(serverlink::crypto::sha256(page).toHex());
        ref.size = page.size();
        serverlink::DocumentRef other = ref;
        other.requirement = 1;
        other.pageId = QStringLiteral("fedcba9876543210fedcba9876543210");
        other.size = wrong.size();
        auto submit = serverlink::SubmitRequest::fromJson(submitBody(QStringLiteral("REG-DOC-1")));
        QVERIFY(submit);
        submit->documents = {ref, other};
        QCOMPARE(this->submit(submit->toJson(), QStringLiteral("idem-key-doc-00001")).status, 201);

        const QString path = QStringLiteral("/api/v1/requests/REG-DOC-1/documents/") + ref.pageId;
        const auto put = [&](qint64 start, const QByteArray &chunk, qint64 total, const QStringList &extra = {}) {
            return call(QStringLiteral("PUT"), path, chunk,
                QStringList {QStringLiteral("Content-Type: application/octet-stream"),
                    QStringLiteral("Content-Range: %1")
                        .arg(QString::fromLatin1(serverlink::ContentRange::of(start, chunk.size(), total).toHeader()))}
                    + extra);
        };
        const auto offsetOf = [](const Reply &r) {
            for (const QByteArray &line : r.headers.split('\n'))
                if (line.toLower().startsWith("upload-offset:"))
                    return line.mid(14).trimmed().toLongLong();
            return qint64(-1);
        };

        const Reply fresh = call(QStringLiteral("GET"), path);
        QCOMPARE(fresh.status, 200);
        QCOMPARE(serverlink::UploadState::fromJson(fresh.body)->offset, 0);
        const Reply first = put(0, page.left(65536), page.size());
        QCOMPARE(first.status, 200);
        QCOMPARE(offsetOf(first), 65536);
        QCOMPARE(serverlink::UploadState::fromJson(first.body)->complete, false);

        // The same chunk again (its answer was lost): nothing written, the offset held comes back.
        const Reply again = put(0, page.left(65536), page.size());
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json().value(QStringLiteral("error")).toString(), QStringLiteral("offset_mismatch"));
        QCOMPARE(offsetOf(again), 65536);
        QCOMPARE(offsetOf(call(QStringLiteral("HEAD"), path)), 65536);

        // Refusals change nothing.
        QCOMPARE(call(QStringLiteral("PUT"), path, page.mid(65536, 100),
                     {QStringLiteral("Content-Type: application/octet-stream"), QStringLiteral("Content-Range: bytes 65536-/150000")})
                     .status,
            400);
        QCOMPARE(call(QStringLiteral("PUT"), path, page.mid(65536, 100),
                     {QStringLiteral("Content-Type: application/octet-stream"), QStringLiteral("Content-Range: bytes 65536-65735/150000")})
                     .status,
            400);
        QCOMPARE(put(65536, page.mid(65536, 300), page.size()).status, 200);
        QCOMPARE(put(0, QByteArray(70 * 1024, 'x'), page.size()).status, 413);
        QCOMPARE(put(65836, page.mid(65836, 1000), page.size(), {QStringLiteral("Transfer-Encoding: chunked")}).status, 411);
        QCOMPARE(call(QStringLiteral("PUT"), path, page.mid(65836, 10),
                     {QStringLiteral("Content-Type: text/plain"), QStringLiteral("Content-Range: bytes 65836-65845/150000")})
                     .status,
            415);
        QCOMPARE(put(65836, page.mid(65836, 1000), page.size() + 1).json().value(QStringLiteral("error")).toString(),
            QStringLiteral("size_mismatch"));
        QCOMPARE(call(QStringLiteral("PUT"), QStringLiteral("/api/v1/requests/REG-DOC-1/documents/00000000000000000000000000000000"),
                     page.left(10),
                     {QStringLiteral("Content-Type: application/octet-stream"), QStringLiteral("Content-Range: bytes 0-9/150000")})
                     .status,
            404);
        addKioskOfAnotherDesa();
        QCOMPARE(call(QStringLiteral("GET"), path, {}, {}, true, QStringLiteral("kiosk2")).status, 404);
        QCOMPARE(call(QStringLiteral("PUT"), path, page.mid(65836, 10),
                     {QStringLiteral("Content-Type: application/octet-stream"), QStringLiteral("Content-Range: bytes 65836-65845/150000")},
                     true, QStringLiteral("kiosk2"))
                     .status,
            404);
        QCOMPARE(offsetOf(call(QStringLiteral("HEAD"), path)), 65836);

        // The rest, then the page is whole, byte-identical, 0600 in a 0700 folder.
        qint64 offset = 65836;
        Reply last;
        while (offset < page.size()) {
            last = put(offset, page.mid(offset, 65536), page.size());
            QCOMPARE(last.status, 200);
            offset = offsetOf(last);
        }
        QCOMPARE(serverlink::UploadState::fromJson(last.body)->complete, true);
        const QString stored = m_dir.filePath(QStringLiteral("data/documents/REG-DOC-1/") + ref.pageId);
        QFile file(stored);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), page);
        QCOMPARE(file.permissions() & 0x0077, QFileDevice::Permissions());
        QCOMPARE(QFileInfo(QFileInfo(stored).absolutePath()).permissions() & 0x0077, QFileDevice::Permissions());
        QVERIFY(!QFile::exists(stored + QStringLiteral(".part")));
        QCOMPARE(put(0, page.left(100), page.size()).status, 409);
        QVERIFY(m_backend->store->document(ref.pageId).value().completedAt.isValid());

        // A page whose bytes do not match its SHA-256 is thrown away: the kiosk starts it again from 0.
        const QString otherPath = QStringLiteral("/api/v1/requests/REG-DOC-1/documents/") + other.pageId;
        const Reply mismatch = call(QStringLiteral("PUT"), otherPath, wrong,
            {QStringLiteral("Content-Type: application/octet-stream"),
                QStringLiteral("Content-Range: %1")
                    .arg(QString::fromLatin1(serverlink::ContentRange::of(0, wrong.size(), wrong.size()).toHeader()))});
        QCOMPARE(mismatch.status, 422);
        QCOMPARE(mismatch.json().value(QStringLiteral("error")).toString(), QStringLiteral("checksum_mismatch"));
        QCOMPARE(offsetOf(mismatch), 0);
        const auto discarded = m_backend->store->document(other.pageId);
        QCOMPARE(discarded.value().restarts, 1);
        QVERIFY(!discarded.value().completedAt.isValid());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("data/documents/REG-DOC-1/") + other.pageId + QStringLiteral(".part"))));
    }

    void deskEventsMalformedRefused()
    {
        const auto storedCount = [this] {
            return m_backend->store
                ->deskEvents(QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC), QDateTime(QDate(2100, 1, 1), QTime(0, 0), Qt::UTC))
                .value()
                .size();
        };
        serverlink::DeskEventBatch good;
        good.events = {deskEvent(QStringLiteral("7c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5"), serverlink::DeskEventKind::QueueTaken, {}, 0)};
        QJsonObject bad = good.events.constFirst().toJsonObject();
        bad.insert(QStringLiteral("kind"), QStringLiteral("queue.teleported"));
        // One bad event refuses the whole batch: the good one before it is not stored either.
        const QByteArray mixed
            = QJsonDocument(QJsonObject {{QStringLiteral("events"), QJsonArray {good.events.constFirst().toJsonObject(), bad}}})
                  .toJson(QJsonDocument::Compact);
        for (const QByteArray &body : {mixed, QByteArray("{\"events\":[]}"), QByteArray("[1,2]"), QByteArray("not json"),
                 QByteArray("{\"events\":[{\"id\":\"short\",\"kind\":\"queue.taken\",\"at\":\"2026-11-23T01:00:00Z\"}]}")}) {
            const Reply reply = call(QStringLiteral("POST"), QStringLiteral("/api/v1/desk-events"), body);
            QCOMPARE(reply.status, 400);
            QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_body"));
            QVERIFY(!reply.json().value(QStringLiteral("message")).toString().isEmpty());
        }
        QCOMPARE(storedCount(), 0);
        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/desk-events"), good.toJson(), {}, false).status, 403);
        QCOMPARE(storedCount(), 0);
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
