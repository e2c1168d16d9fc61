#include "../tools/exchangerecorder.h"
#include "../tools/testbackend.h"
#include "apiserver.h"
#include "backend.h"
#include "kioskregistry.h"
#include "requestlife.h"
#include "workflowfixture.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdlib>

using namespace backend;
using serverlink::Stage;

namespace {

const QString kNik = QStringLiteral("3521114506800002");
const QString kToken = QStringLiteral("tiket-status-rahasia-0123456789");
const QString kDesa = QStringLiteral("3521112004");

struct Reply {
    int status = 0;
    QByteArray body;
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

serverlink::SubmitRequest submitOf(const QString &reg)
{
    serverlink::SubmitRequest s;
    s.registrationNumber = reg;
    s.serviceCode = QStringLiteral("SKTM");
    s.nik = kNik;
    s.name = QStringLiteral("Siti Aminah");
    s.address = QStringLiteral("Dusun Krajan RT 01 RW 02, Pitu");
    s.purpose = QStringLiteral("Pendaftaran BPJS PBI");
    s.phone = QStringLiteral("+6281234567890");
    s.fields
        = QJsonObject {{QStringLiteral("pekerjaan"), QStringLiteral("Petani")}, {QStringLiteral("penghasilan"), QStringLiteral("900000")}};
    s.submittedAt = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
    s.statusTokenHash = requestlife::statusTokenHash(kToken);
    serverlink::DocumentRef page;
    page.requirement = 0;
    page.requirementText = QStringLiteral("Fotokopi KTP");
    // Page ids are unique across requests: a page named by two requests is refused.
    page.pageId = QString::fromLatin1(QCryptographicHash::hash(reg.toUtf8(), QCryptographicHash::Md5).toHex());
    page.sha256 = QString(64, QLatin1Char('b'));
    page.size = 1000;
    s.documents = {page};
    return s;
}

serverlink::RequestRevision revisionOf(const QString &reg, int baseVersion, const serverlink::RequestProof &proof)
{
    const serverlink::SubmitRequest s = submitOf(reg);
    serverlink::RequestRevision r;
    r.registrationNumber = reg;
    r.baseVersion = baseVersion;
    r.name = s.name;
    r.address = s.address;
    r.purpose = s.purpose;
    r.phone = s.phone;
    r.fields = s.fields;
    r.fields.insert(QStringLiteral("pekerjaan"), QStringLiteral("Buruh tani"));
    serverlink::DocumentRef page = s.documents.first();
    page.pageId = QString::fromLatin1(QCryptographicHash::hash(reg.toUtf8() + "-fix", QCryptographicHash::Md5).toHex());
    r.documents = {page};
    r.proof = proof;
    r.submittedAt = QDateTime(QDate(2026, 11, 24), QTime(9, 0), Qt::UTC);
    return r;
}

serverlink::CancelBody cancelOf(const QString &reg, const serverlink::RequestProof &proof, const QString &reason = {})
{
    return serverlink::CancelBody {reg, reason, proof, QDateTime(QDate(2026, 11, 24), QTime(10, 0), Qt::UTC)};
}

} // namespace

/// A request's life after submission over the real /api/v1 (mutual TLS, curl): look-up from any kiosk of the
/// kecamatan, return with fix items, revision, cancel.
class TestRequestLife : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pki;
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<ApiServer> m_server;
    quint16 m_port = 0;

    Reply call(const QString &method, const QString &path, const QByteArray &body = {}, const QStringList &headers = {})
    {
        QStringList args {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("4"), QStringLiteral("-X"), method,
            QStringLiteral("--cacert"), m_pki + QStringLiteral("/ca.crt"), QStringLiteral("-w"), QStringLiteral("\n%{http_code}"),
            QStringLiteral("--cert"), m_pki + QStringLiteral("/kiosk.crt"), QStringLiteral("--key"), m_pki + QStringLiteral("/kiosk.key")};
        for (const QString &h : headers)
            args << QStringLiteral("-H") << h;
        if (method == QLatin1String("POST"))
            args << QStringLiteral("-H") << QStringLiteral("Content-Type: application/json") << QStringLiteral("--data-binary")
                 << QStringLiteral("@-");
        args << QStringLiteral("https://localhost:%1%2").arg(m_port).arg(path);
        QProcess curl;
        curl.start(QStringLiteral("curl"), args);
        curl.write(body);
        curl.closeWriteChannel();
        Reply reply;
        if (!curl.waitForFinished(5000))
            return reply;
        const QByteArray out = curl.readAllStandardOutput();
        const qsizetype split = out.lastIndexOf('\n');
        reply.body = out.left(split);
        reply.status = out.mid(split + 1).toInt();
        return reply;
    }

    Reply lookUp(const QString &reg, const QStringList &headers = {})
    {
        return call(QStringLiteral("GET"), QStringLiteral("/api/v1/requests/") + reg, {}, headers);
    }

    Reply revise(const serverlink::RequestRevision &r, const QString &key)
    {
        return call(QStringLiteral("POST"), QStringLiteral("/api/v1/requests/%1/revisions").arg(r.registrationNumber), r.toJson(),
            {QStringLiteral("Idempotency-Key: ") + key});
    }

    Reply cancel(const serverlink::CancelBody &c, const QString &key = QStringLiteral("cancel-key-000000001"))
    {
        return call(QStringLiteral("POST"), QStringLiteral("/api/v1/requests/%1/cancel").arg(c.registrationNumber), c.toJson(),
            {QStringLiteral("Idempotency-Key: ") + key});
    }

    void submit(const QString &reg)
    {
        const Reply r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/requests"), submitOf(reg).toJson(),
            {QStringLiteral("Idempotency-Key: submit-") + reg.leftJustified(12, QLatin1Char('0'))});
        QCOMPARE(r.status, 201);
    }

    /// A request of another kiosk and desa, stored as its kiosk would have delivered it.
    void storeForeign(const QString &reg, const QString &desa)
    {
        NewRequest n {QStringLiteral("KIOSK-") + desa, desa, QStringLiteral("foreign-key-") + reg, QStringLiteral("0"),
            serverlink::ServiceLevel::Desa, submitOf(reg)};
        QVERIFY(m_backend->store->insertRequest(n));
    }

    Result<RequestRecord> returnWithFixes(const QString &reg)
    {
        const auto current = m_backend->store->request(reg);
        if (!current)
            return current.error();
        const auto officer
            = testsupport::officerFor(*m_backend->store, m_backend->offices, current.value(), OfficerAction::Return, QStringLiteral("Sri"));
        if (!officer)
            return officer.error();
        return m_backend->workflow->returnForFixes(reg, officer.value(),
            {serverlink::FixItem {QStringLiteral("field:pekerjaan"), QStringLiteral("Tulis pekerjaan sesuai KTP")},
                serverlink::FixItem {QStringLiteral("document:0"), QStringLiteral("Foto KTP buram")}});
    }

    void addStaff(const QString &username, const QString &desa, bool active = true)
    {
        StaffAccountRecord staff;
        staff.desaCode = desa;
        staff.username = username;
        staff.name = QStringLiteral("Petugas ") + username;
        staff.iterations = 1;
        staff.active = active;
        staff.createdAt = staff.updatedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_backend->store->insertStaffAccount(staff));
    }

private slots:
    void initTestCase()
    {
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
        QFile certificate(m_pki + QStringLiteral("/kiosk.crt"));
        QVERIFY(certificate.open(QIODevice::ReadOnly));
        QVERIFY(KioskRegistry(*m_backend->store).registerCertificate(certificate.readAll()));
        m_server = std::make_unique<ApiServer>(*m_backend->store, m_backend->catalog, *m_backend->workflow, m_backend->seals.get());
        const QString exchanges = qEnvironmentVariable("KIOSK_BINARY_DIR") + QStringLiteral("/openapi-exchanges");
        QVERIFY(QDir().mkpath(exchanges));
        const QString record = QStringLiteral("%1/tst_requestlife.%2.jsonl").arg(exchanges, QLatin1String(QTest::currentTestFunction()));
        QFile::remove(record);
        m_server->setExchangeObserver(testsupport::jsonlRecorder(record));
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

    void lookUpLevels()
    {
        submit(QStringLiteral("REG-L1"));
        const Reply brief = lookUp(QStringLiteral("REG-L1"));
        QCOMPARE(brief.status, 200);
        const auto view = serverlink::RequestView::fromJson(brief.body);
        QVERIFY(view);
        QCOMPARE(view->stage, Stage::Received);
        QVERIFY(!view->detailed);
        QCOMPARE(view->maskedName, QStringLiteral("S*** A*****"));
        QCOMPARE(view->timeline.size(), 1);
        QCOMPARE(view->timeline.first().actorRole, QStringLiteral("kiosk"));
        QVERIFY(!brief.body.contains("Siti") && !brief.body.contains("Petani") && !brief.body.contains(kNik.toUtf8()));

        for (const QString &proof : {QStringLiteral("X-Status-Token: ") + kToken, QStringLiteral("X-Applicant-NIK: ") + kNik}) {
            const auto detailed = serverlink::RequestView::fromJson(lookUp(QStringLiteral("REG-L1"), {proof}).body);
            QVERIFY2(detailed && detailed->detailed, qPrintable(proof));
            QCOMPARE(detailed->name, QStringLiteral("Siti Aminah"));
            QCOMPARE(detailed->fields.value(QStringLiteral("pekerjaan")).toString(), QStringLiteral("Petani"));
            QCOMPARE(detailed->version, 1);
            QVERIFY(detailed->citizenMayCancel);
            QCOMPARE(detailed->documents.size(), 1);
        }
        // A wrong proof gets exactly the answer of no proof: nothing tells a guess from a miss.
        for (const QString &wrong : {QStringLiteral("X-Status-Token: bukan-token"), QStringLiteral("X-Applicant-NIK: 3521114506800003")}) {
            const Reply r = lookUp(QStringLiteral("REG-L1"), {wrong});
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, brief.body);
        }

        const Reply ticket
            = call(QStringLiteral("GET"), QStringLiteral("/api/v1/ticket"), {}, {QStringLiteral("X-Status-Token: ") + kToken});
        QCOMPARE(ticket.status, 200);
        QCOMPARE(ticket.json().value(QStringLiteral("registrationNumber")).toString(), QStringLiteral("REG-L1"));
        QVERIFY(ticket.json().value(QStringLiteral("detailed")).toBool());
        QCOMPARE(call(QStringLiteral("GET"), QStringLiteral("/api/v1/ticket"), {}, {QStringLiteral("X-Status-Token: salah")}).status, 404);
        QCOMPARE(call(QStringLiteral("GET"), QStringLiteral("/api/v1/ticket")).status, 404);

        // Any kiosk of the kecamatan, not only the desa that took it; another kecamatan's is unknown.
        storeForeign(QStringLiteral("REG-TETANGGA"), QStringLiteral("3521112005"));
        storeForeign(QStringLiteral("REG-JAUH"), QStringLiteral("3522012001"));
        QCOMPARE(lookUp(QStringLiteral("REG-TETANGGA")).status, 200);
        QCOMPARE(lookUp(QStringLiteral("REG-JAUH")).status, 404);
        QCOMPARE(lookUp(QStringLiteral("REG-JAUH"), {QStringLiteral("X-Applicant-NIK: ") + kNik}).status, 404);
        QCOMPARE(lookUp(QStringLiteral("REG-TIDAK-ADA")).status, 404);
    }

    void returnedWithFixItems()
    {
        submit(QStringLiteral("REG-F1"));
        const auto returned = returnWithFixes(QStringLiteral("REG-F1"));
        QVERIFY2(returned, returned ? "" : qPrintable(returned.error().message));
        QCOMPARE(returned.value().stage, Stage::NeedsFix);
        const auto view
            = serverlink::RequestView::fromJson(lookUp(QStringLiteral("REG-F1"), {QStringLiteral("X-Applicant-NIK: ") + kNik}).body);
        QVERIFY(view);
        QCOMPARE(view->fixes.size(), 2);
        QCOMPARE(
            view->fixes.at(0), (serverlink::FixItem {QStringLiteral("field:pekerjaan"), QStringLiteral("Tulis pekerjaan sesuai KTP")}));
        QCOMPARE(view->fixes.at(1).documentRequirement(), 0);
        QVERIFY(!view->citizenMayCancel);
        QCOMPARE(view->note, QStringLiteral("Pekerjaan: Tulis pekerjaan sesuai KTP; Fotokopi KTP: Foto KTP buram"));
        // Without proof the note stays hidden.
        QVERIFY(!lookUp(QStringLiteral("REG-F1")).body.contains("KTP buram"));

        // The SMS says what to do next, within one SMS.
        const auto rows = m_backend->store->notifications();
        QVERIFY(rows);
        QCOMPARE(rows.value().size(), 1);
        const QString sms = rows.value().first().message;
        QVERIFY2(sms.size() <= 160, qPrintable(sms));
        QVERIFY2(sms.startsWith(QStringLiteral("Permohonan REG-F1 perlu diperbaiki: Pekerjaan: Tulis pekerjaan")), qPrintable(sms));
        QVERIFY2(sms.endsWith(QStringLiteral(". Perbaiki di anjungan desa dengan tiket atau nomor registrasi + NIK.")), qPrintable(sms));

        // Fix items name the service's own fields and requirements, each with a reason.
        const auto officer = testsupport::officerFor(*m_backend->store, m_backend->offices,
            m_backend->store->request(QStringLiteral("REG-F1")).value(), OfficerAction::Return, QStringLiteral("Sri"));
        submit(QStringLiteral("REG-F2"));
        for (const auto &bad :
            {QList<serverlink::FixItem> {}, QList<serverlink::FixItem> {{QStringLiteral("field:tidakada"), QStringLiteral("x")}},
                QList<serverlink::FixItem> {{QStringLiteral("document:9"), QStringLiteral("x")}},
                QList<serverlink::FixItem> {{QString(), QStringLiteral("  ")}}}) {
            const auto refused = m_backend->workflow->returnForFixes(QStringLiteral("REG-F2"), officer.value(), bad);
            QVERIFY(!refused);
            QCOMPARE(refused.error().code, ErrorCode::InvalidData);
        }
    }

    void revisionRules()
    {
        submit(QStringLiteral("REG-R1"));
        const serverlink::RequestProof byNik {{}, kNik, {}};
        // Only at NEEDS_FIX.
        const Reply early = revise(revisionOf(QStringLiteral("REG-R1"), 1, byNik), QStringLiteral("revision-key-00000001"));
        QCOMPARE(early.status, 409);
        QCOMPARE(early.json().value(QStringLiteral("error")).toString(), QStringLiteral("wrong_stage"));
        QVERIFY(returnWithFixes(QStringLiteral("REG-R1")));

        // No proof that holds.
        const Reply wrongNik = revise(
            revisionOf(QStringLiteral("REG-R1"), 1, {{}, QStringLiteral("3521114506800003"), {}}), QStringLiteral("revision-key-00000002"));
        QCOMPARE(wrongNik.status, 403);
        QCOMPARE(revise(revisionOf(QStringLiteral("REG-R1"), 1, {QStringLiteral("bukan-token"), {}, {}}),
                     QStringLiteral("revision-key-00000003"))
                     .status,
            403);
        QCOMPARE(
            revise(revisionOf(QStringLiteral("REG-R1"), 1, {{}, {}, QStringLiteral("tidak-ada")}), QStringLiteral("revision-key-00000004"))
                .status,
            403);
        // Made on a version that is not the current one.
        const Reply stale = revise(revisionOf(QStringLiteral("REG-R1"), 2, byNik), QStringLiteral("revision-key-00000005"));
        QCOMPARE(stale.status, 409);
        QCOMPARE(stale.json().value(QStringLiteral("error")).toString(), QStringLiteral("stale_version"));

        const serverlink::RequestRevision good = revisionOf(QStringLiteral("REG-R1"), 1, {kToken, {}, {}});
        const Reply accepted = revise(good, QStringLiteral("revision-key-00000006"));
        QCOMPARE(accepted.status, 201);
        // Back to the step that returned it: the desa front office's check at RECEIVED.
        QCOMPARE(accepted.json().value(QStringLiteral("stage")).toString(), QStringLiteral("RECEIVED"));
        const RequestRecord record = m_backend->store->request(QStringLiteral("REG-R1")).value();
        QCOMPARE(record.version, 2);
        QCOMPARE(record.fields.value(QStringLiteral("pekerjaan")).toString(), QStringLiteral("Buruh tani"));
        const EventRecord last = m_backend->store->events(QStringLiteral("REG-R1")).value().constLast();
        QCOMPARE(last.actor, QStringLiteral("pemohon"));
        QCOMPARE(last.note, QStringLiteral("Diperbaiki (versi 2)"));
        const auto versions = m_backend->store->requestVersions(QStringLiteral("REG-R1")).value();
        QCOMPARE(versions.size(), 2);
        QCOMPARE(versions.at(0).fields.value(QStringLiteral("pekerjaan")).toString(), QStringLiteral("Petani"));
        const auto diff = requestlife::changes(*m_backend->catalog.service(QStringLiteral("SKTM")), versions.at(0), versions.at(1));
        QCOMPARE(diff.size(), 2);
        QCOMPARE(diff.at(0).before, QStringLiteral("Petani"));
        QCOMPARE(diff.at(0).after, QStringLiteral("Buruh tani"));
        QVERIFY(diff.at(1).document);
        QCOMPARE(diff.at(1).label, QStringLiteral("Fotokopi KTP"));
        // The revision's new page can be uploaded like a request's: it is named with version 2.
        const auto pages = m_backend->store->documents(QStringLiteral("REG-R1")).value();
        QCOMPARE(pages.size(), 2);
        QCOMPARE(pages.at(1).ref.pageId, good.documents.first().pageId);
        QCOMPARE(pages.at(1).version, 2);

        // Exactly once per key: the same body again is the same answer, another body under that key a conflict.
        const Reply replay = revise(good, QStringLiteral("revision-key-00000006"));
        QCOMPARE(replay.status, 200);
        QCOMPARE(m_backend->store->requestVersions(QStringLiteral("REG-R1")).value().size(), 2);
        serverlink::RequestRevision other = good;
        other.address = QStringLiteral("Dusun Lor");
        const Reply conflict = revise(other, QStringLiteral("revision-key-00000006"));
        QCOMPARE(conflict.status, 409);
        QCOMPARE(conflict.json().value(QStringLiteral("error")).toString(), QStringLiteral("idempotency_conflict"));

        // Returned again: a revision made on version 1 is stale; staff of the desa revise for the citizen.
        QVERIFY(returnWithFixes(QStringLiteral("REG-R1")));
        QCOMPARE(revise(revisionOf(QStringLiteral("REG-R1"), 1, byNik), QStringLiteral("revision-key-00000007")).status, 409);
        addStaff(QStringLiteral("rina"), kDesa);
        addStaff(QStringLiteral("lain"), QStringLiteral("3521112005"));
        addStaff(QStringLiteral("pensiun"), kDesa, false);
        QCOMPARE(revise(revisionOf(QStringLiteral("REG-R1"), 2, {{}, {}, QStringLiteral("lain")}), QStringLiteral("revision-key-00000008"))
                     .status,
            403);
        QCOMPARE(
            revise(revisionOf(QStringLiteral("REG-R1"), 2, {{}, {}, QStringLiteral("pensiun")}), QStringLiteral("revision-key-00000009"))
                .status,
            403);
        const Reply byStaff
            = revise(revisionOf(QStringLiteral("REG-R1"), 2, {{}, {}, QStringLiteral("rina")}), QStringLiteral("revision-key-00000010"));
        QCOMPARE(byStaff.status, 201);
        QCOMPARE(m_backend->store->events(QStringLiteral("REG-R1")).value().constLast().actor, QStringLiteral("rina"));
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-R1")).value().version, 3);
    }

    void cancelRules()
    {
        const serverlink::RequestProof byToken {kToken, {}, {}};
        submit(QStringLiteral("REG-C1"));
        QCOMPARE(cancel(cancelOf(QStringLiteral("REG-C1"), {QStringLiteral("salah"), {}, {}})).status, 403);
        const Reply citizen = cancel(cancelOf(QStringLiteral("REG-C1"), byToken));
        QCOMPARE(citizen.status, 200);
        QCOMPARE(citizen.json().value(QStringLiteral("stage")).toString(), QStringLiteral("CANCELLED"));
        QCOMPARE(cancel(cancelOf(QStringLiteral("REG-C1"), byToken), QStringLiteral("cancel-key-000000002")).status, 200);
        QCOMPARE(m_backend->store->events(QStringLiteral("REG-C1")).value().size(), 2);
        // The kiosk that took it learns it from the changes feed.
        const QJsonArray changes
            = call(QStringLiteral("GET"), QStringLiteral("/api/v1/changes?cursor=0")).json().value(QStringLiteral("changes")).toArray();
        QCOMPARE(changes.last().toObject().value(QStringLiteral("stage")).toString(), QStringLiteral("CANCELLED"));

        // The citizen only before an officer acted.
        submit(QStringLiteral("REG-C2"));
        QVERIFY(testsupport::approveOnce(*m_backend->workflow, *m_backend->store, m_backend->offices, QStringLiteral("REG-C2")));
        const Reply late = cancel(cancelOf(QStringLiteral("REG-C2"), {{}, kNik, {}}));
        QCOMPARE(late.status, 409);
        // Staff any time before READY, with a reason.
        addStaff(QStringLiteral("rina"), kDesa);
        QCOMPARE(cancel(cancelOf(QStringLiteral("REG-C2"), {{}, {}, QStringLiteral("rina")})).status, 400);
        const Reply staff
            = cancel(cancelOf(QStringLiteral("REG-C2"), {{}, {}, QStringLiteral("rina")}, QStringLiteral("Pemohon pindah domisili")));
        QCOMPARE(staff.status, 200);
        const EventRecord last = m_backend->store->events(QStringLiteral("REG-C2")).value().constLast();
        QCOMPARE(last.stage, Stage::Cancelled);
        QCOMPARE(last.actor, QStringLiteral("rina"));
        QVERIFY(last.note.contains(QStringLiteral("Pemohon pindah domisili")));
        // A cancelled request leaves every inbox: no officer has a step on it, no reminder waits for it.
        const RequestRecord cancelled = m_backend->store->request(QStringLiteral("REG-C2")).value();
        for (Role role : {Role::DesaFrontOffice, Role::KepalaDesa, Role::SekretarisDesa})
            QVERIFY(m_backend->workflow->allowedActions({Capacity {role, kDesa, {}}}, cancelled).isEmpty());
        for (const WaitingRequest &w : m_backend->store->waitingRequests().value())
            QVERIFY(w.registrationNumber != QStringLiteral("REG-C2"));

        submit(QStringLiteral("REG-C3"));
        QVERIFY(testsupport::approveToReady(*m_backend->workflow, *m_backend->store, m_backend->offices, QStringLiteral("REG-C3")));
        QCOMPARE(cancel(cancelOf(QStringLiteral("REG-C3"), {{}, {}, QStringLiteral("rina")}, QStringLiteral("Salah layanan"))).status, 409);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-C3")).value().stage, Stage::Ready);
    }
};

QTEST_MAIN(TestRequestLife)
#include "tst_requestlife.moc"
