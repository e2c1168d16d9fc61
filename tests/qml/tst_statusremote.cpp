// The status screen asks the backend about a request of another kiosk of the kecamatan: a typed number shows
// the stage and the masked name, the NIK or the ticket QR the officer's note; offline or slow is said, never a
// hang; the citizen cancels with proof. The backend is a scripted HTTPS peer (answers built with the protocol's
// own types) over real mutual TLS; tst_lifecycle runs the same paths against the real backend process.
#include "../tools/scriptedpeer.h"
#include "../tools/testbackend.h"
#include "kioskharness.h"
#include "livelink.h"

#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

using serverlink::Stage;

namespace {
const QString kNik = QStringLiteral("3521115205010021");
const QString kReg = QStringLiteral("7KQ2M-X9D4P");
const QString kToken = QStringLiteral("qVd2kNf0sLw8mXc1ZtYbRg");

serverlink::RequestView view(Stage stage, bool detailed)
{
    serverlink::RequestView v;
    v.registrationNumber = kReg;
    v.serviceCode = QStringLiteral("SKTM");
    v.stage = stage;
    v.stageAt = QDateTime(QDate(2026, 12, 3), QTime(9, 30), Qt::UTC);
    v.maskedName = QStringLiteral("S*** A*****");
    v.timeline = {{Stage::Received, QDateTime(QDate(2026, 12, 2), QTime(8, 0), Qt::UTC), {}, {}},
        {stage, v.stageAt, detailed ? QStringLiteral("Penghasilan tidak sesuai") : QString(), QStringLiteral("desa_front_office")}};
    v.detailed = detailed;
    if (detailed) {
        v.note = QStringLiteral("Penghasilan tidak sesuai");
        v.fixes = {{serverlink::FixItem::fieldTarget(QStringLiteral("penghasilan")), QStringLiteral("Tulis penghasilan per bulan")},
            {serverlink::FixItem::documentTarget(0), QStringLiteral("Foto KTP buram")}};
        v.citizenMayCancel = stage == Stage::Received;
        v.version = 1;
        v.name = QStringLiteral("Siti Aminah");
        v.address = QStringLiteral("Dusun Krajan RT 01/RW 02");
        v.purpose = QStringLiteral("Keringanan biaya sekolah");
        v.fields = QJsonObject {{QStringLiteral("pekerjaan"), QStringLiteral("Buruh tani")},
            {QStringLiteral("penghasilan"), QStringLiteral("9")}, {QStringLiteral("jumlahTanggungan"), QStringLiteral("3")},
            {QStringLiteral("peruntukan"), QStringLiteral("Keringanan biaya sekolah")}};
    }
    return v;
}
} // namespace

class TestStatusRemote : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_pki;
    std::unique_ptr<ScriptedPeer> m_peer;
    std::unique_ptr<kiosk::LiveLink> m_live;
    std::unique_ptr<KioskHarness> h;

    void startKiosk(quint16 port, int requestTimeoutMs = kiosk::LiveLink::kRequestTimeoutMs)
    {
        serverlink::LinkOptions options;
        options.requestTimeoutMs = requestTimeoutMs;
        m_live = std::make_unique<kiosk::LiveLink>(QStringLiteral("https://localhost:%1/api/v1").arg(port),
            serverlink::TlsPolicy {
                m_pki + QStringLiteral("/ca.crt"), m_pki + QStringLiteral("/kiosk.crt"), m_pki + QStringLiteral("/kiosk.key")},
            options);
        h = std::make_unique<KioskHarness>(60000, 75000, 180000, QString(), kiosk::QueueBook::Settings {}, m_live.get());
        QVERIFY(h->load());
    }

    void typeNumber(const QString &number)
    {
        QVERIFY(h->tap(QStringLiteral("openStatus")));
        QVERIFY(h->waitForScreen(QStringLiteral("status")));
        QVERIFY(h->type(QStringLiteral("registrationField"), number));
        QVERIFY(h->tap(QStringLiteral("checkStatus")));
    }

    /// Empties the text box inside `fieldObjectName`, as holding the keyboard's backspace does.
    bool clearField(const QString &fieldObjectName)
    {
        QList<QQuickItem *> stack {h->waitFor(fieldObjectName)};
        while (!stack.isEmpty()) {
            QQuickItem *i = stack.takeFirst();
            if (!i)
                return false;
            if (i->isVisible() && i->inherits("QQuickTextInput"))
                return i->setProperty("text", QString());
            stack.append(i->childItems());
        }
        return false;
    }

    QString textOf(const QString &objectName)
    {
        return h->waitFor(objectName) ? h->find(objectName)->property("text").toString() : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed: the test PKI cannot be made");
        m_pki = m_dir.filePath(QStringLiteral("pki"));
        QVERIFY(testsupport::makePki(m_pki));
    }

    void init()
    {
        m_peer = std::make_unique<ScriptedPeer>();
        QVERIFY(m_peer->loadIdentity(m_pki + QStringLiteral("/server.crt"), m_pki + QStringLiteral("/server.key")));
        m_peer->script = [](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            const bool nik = r.headers.value("x-applicant-nik") == kNik.toLatin1();
            const bool token = r.headers.value("x-status-token") == kToken.toLatin1();
            if (r.path == "/api/v1/requests/" + kReg.toLatin1())
                return {ScriptedPeer::http(200, view(nik ? Stage::NeedsFix : Stage::DesaReview, nik).toJson())};
            if (r.path == "/api/v1/ticket" && token)
                return {ScriptedPeer::http(200, view(Stage::Received, true).toJson())};
            return {ScriptedPeer::http(404, R"({"error":"not_found","message":"Permohonan tidak ditemukan."})")};
        };
        QVERIFY(m_peer->listen(QHostAddress::LocalHost, 0));
    }

    void cleanup()
    {
        h.reset();
        m_live.reset();
        m_peer.reset();
    }

    void typedNumberShowsStageAndMaskedNameOnly()
    {
        startKiosk(m_peer->serverPort());
        typeNumber(kReg);
        QTRY_COMPARE(h->areas->status.status().stage, QStringLiteral("DESA_REVIEW"));
        QVERIFY(!h->areas->status.busy());
        QCOMPARE(textOf(QStringLiteral("stageLabel")), serverlink::stageLabel(Stage::DesaReview));
        QCOMPARE(h->areas->status.status().maskedName, QStringLiteral("S*** A*****"));
        QVERIFY(h->areas->status.status().note.isEmpty());
        QVERIFY(!h->find(QStringLiteral("stageNote")));
        QVERIFY(!h->find(QStringLiteral("cancelRequest")));
        QCOMPARE(h->areas->status.timeline()->rowCount(), 2);
        QVERIFY(h->waitFor(QStringLiteral("proofPanel")));
        const ScriptedPeer::Request asked = m_peer->seen.constLast();
        QVERIFY(!asked.headers.contains("x-applicant-nik") && !asked.headers.contains("x-status-token"));
        for (QQuickItem *t : h->visibleTexts())
            QVERIFY2(!t->property("text").toString().contains(QStringLiteral("Siti")), qPrintable(t->property("text").toString()));

        // The applicant's NIK opens the officer's note and what to fix, beside the field and the page concerned.
        QVERIFY(h->type(QStringLiteral("proofNikField"), kNik));
        QVERIFY(h->tap(QStringLiteral("showDetails")));
        QTRY_COMPARE(h->areas->status.status().stage, QStringLiteral("NEEDS_FIX"));
        QCOMPARE(m_peer->seen.constLast().headers.value("x-applicant-nik"), kNik.toLatin1());
        QVERIFY(textOf(QStringLiteral("stageNote")).contains(QStringLiteral("Penghasilan tidak sesuai")));
        const QString fixes = textOf(QStringLiteral("fixItems"));
        QVERIFY2(fixes.contains(QStringLiteral("Tulis penghasilan per bulan")) && fixes.contains(QStringLiteral("Foto KTP buram"))
                && fixes.contains(QStringLiteral("KTP")),
            qPrintable(fixes));
        QVERIFY(!h->find(QStringLiteral("proofPanel")));
    }

    void ticketQrShowsTheNoteAndCancels()
    {
        startKiosk(m_peer->serverPort());
        h->scan(kiosk::OutboxRepository::ticketQrPayload(kToken));
        QVERIFY(h->waitForScreen(QStringLiteral("status")));
        QTRY_COMPARE(h->areas->status.status().stage, QStringLiteral("RECEIVED"));
        QCOMPARE(m_peer->seen.constLast().path, QByteArray("/api/v1/ticket"));
        QCOMPARE(m_peer->seen.constLast().headers.value("x-status-token"), kToken.toLatin1());
        QVERIFY(!m_peer->seen.constLast().path.contains(kToken.toLatin1()));
        QVERIFY(h->areas->status.status().detailed);
        QVERIFY(textOf(QStringLiteral("stageNote")).contains(QStringLiteral("Penghasilan tidak sesuai")));

        // Cancelling asks first; "Tidak" keeps the request.
        QVERIFY(h->tap(QStringLiteral("cancelRequest")));
        QVERIFY(h->waitFor(QStringLiteral("cancelConfirm")));
        QVERIFY(h->tap(QStringLiteral("keepRequest")));
        QCOMPARE(h->changes->depth(), 0);
        QVERIFY(h->tap(QStringLiteral("cancelRequest")));
        QVERIFY(h->tap(QStringLiteral("confirmCancel")));
        QTRY_COMPARE(h->areas->status.status().stage, QStringLiteral("CANCELLED"));
        QCOMPARE(textOf(QStringLiteral("stageLabel")), serverlink::stageLabel(Stage::Cancelled));
        QVERIFY(h->waitFor(QStringLiteral("changeNote")));
        QVERIFY(!h->find(QStringLiteral("cancelRequest")));
        // Committed durably with the ticket's token as proof, for the sync service to deliver.
        const auto due = h->changes->due();
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.first().kind, kiosk::ChangeKind::Cancel);
        const auto body = serverlink::CancelBody::fromJson(due.first().body);
        QVERIFY(body);
        QCOMPARE(body->registrationNumber, kReg);
        QCOMPARE(body->proof.statusToken, kToken);
    }

    void returnedRequestIsFixedWithTheNik()
    {
        startKiosk(m_peer->serverPort());
        typeNumber(kReg);
        QTRY_VERIFY(h->waitFor(QStringLiteral("proofPanel")));
        QVERIFY(!h->find(QStringLiteral("startFix")));
        QVERIFY(h->type(QStringLiteral("proofNikField"), kNik));
        QVERIFY(h->tap(QStringLiteral("showDetails")));
        QTRY_COMPARE(h->areas->status.status().stage, QStringLiteral("NEEDS_FIX"));
        QVERIFY(h->tap(QStringLiteral("startFix")));
        QVERIFY(h->waitForScreen(QStringLiteral("fix")));
        // The officer's reason beside the field concerned and beside the page; other fields carry none and stay editable.
        QVERIFY(textOf(QStringLiteral("note-penghasilan")).contains(QStringLiteral("Tulis penghasilan per bulan")));
        QVERIFY(!h->find(QStringLiteral("note-pekerjaan")));
        QVERIFY(textOf(QStringLiteral("pageNote")).contains(QStringLiteral("Fotokopi KTP")));
        QCOMPARE(h->areas->fix.form()->value(QStringLiteral("name")), QStringLiteral("Siti Aminah"));
        QCOMPARE(h->areas->fix.form()->value(QStringLiteral("pekerjaan")), QStringLiteral("Buruh tani"));
        // Nothing changed yet: the review says so.
        QVERIFY(h->tap(QStringLiteral("reviewFix")));
        QVERIFY2(h->waitFor(QStringLiteral("fixError")),
            qPrintable(QStringLiteral("%1 %2 %3")
                           .arg(h->areas->fix.step())
                           .arg(h->areas->fix.error(), h->areas->fix.changes().join(QLatin1Char('|')))));
        QVERIFY(clearField(QStringLiteral("field-penghasilan")));
        QVERIFY(h->type(QStringLiteral("field-penghasilan"), QStringLiteral("900000")));
        QVERIFY(clearField(QStringLiteral("field-pekerjaan")));
        QVERIFY(h->type(QStringLiteral("field-pekerjaan"), QStringLiteral("Petani")));
        QVERIFY(h->tap(QStringLiteral("reviewFix")));
        QVERIFY(h->waitFor(QStringLiteral("sendFix")));
        QCOMPARE(h->areas->fix.changes().size(), 2);
        QVERIFY2(h->areas->fix.changes().join(QLatin1Char('|')).contains(QStringLiteral("Rp9 → Rp900.000")),
            qPrintable(h->areas->fix.changes().join(QLatin1Char('|'))));
        const int printed = int(h->ticketPrinter->documents().size());
        QVERIFY(h->tap(QStringLiteral("sendFix")));
        QVERIFY(h->waitFor(QStringLiteral("fixSent")));
        // Committed durably as version 1's revision, with the NIK as proof; the slip says it was received.
        const auto due = h->changes->due();
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.first().kind, kiosk::ChangeKind::Revision);
        const auto revision = serverlink::RequestRevision::fromJson(due.first().body);
        QVERIFY(revision);
        QCOMPARE(revision->baseVersion, 1);
        QCOMPARE(revision->proof.nik, kNik);
        QCOMPARE(revision->fields.value(QStringLiteral("penghasilan")).toString(), QStringLiteral("900000"));
        QCOMPARE(revision->fields.value(QStringLiteral("pekerjaan")).toString(), QStringLiteral("Petani"));
        QCOMPARE(revision->name, QStringLiteral("Siti Aminah"));
        QTRY_COMPARE(h->ticketPrinter->documents().size(), printed + 1);
        const QString slip = escPosText(h->ticketPrinter->documents().constLast());
        QVERIFY2(slip.contains(QStringLiteral("PERBAIKAN DITERIMA")) && slip.contains(kReg), qPrintable(slip));
        QVERIFY(h->tap(QStringLiteral("fixDone")));
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        QCOMPARE(h->areas->fix.form()->rowCount(), 0);
    }

    void unknownNumberIsSaid()
    {
        startKiosk(m_peer->serverPort());
        typeNumber(QStringLiteral("ZZZZZ-ZZZZZ"));
        QTRY_VERIFY(textOf(QStringLiteral("statusMessage")).contains(QStringLiteral("tidak ditemukan")));
        QVERIFY(!h->areas->status.status().found);
    }

    void offlineIsSaidNotHung()
    {
        // Nothing listens on this port: refused at once.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        startKiosk(port);
        typeNumber(kReg);
        QTRY_VERIFY_WITH_TIMEOUT(textOf(QStringLiteral("statusMessage")).contains(QStringLiteral("tidak dapat dihubungi")), 10000);
        QVERIFY(!h->areas->status.busy());
        QVERIFY(!h->find(QStringLiteral("statusBusy")));
    }

    void slowBackendIsSaidAndTheWipeForgetsIt()
    {
        // The backend takes the question and never answers: the screen shows progress, then says so.
        m_peer->script = [](const ScriptedPeer::Request &) -> ScriptedPeer::Reply { return {{}, false, true}; };
        startKiosk(m_peer->serverPort(), 1500);
        typeNumber(kReg);
        QTRY_VERIFY(h->find(QStringLiteral("statusBusy")));
        // The screen keeps answering taps while it asks.
        QVERIFY(h->find(QStringLiteral("checkStatus"))->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(textOf(QStringLiteral("statusMessage")).contains(QStringLiteral("tidak dapat dihubungi")), 10000);
        QVERIFY(!h->areas->status.busy());
        h->areas->flow.goHome();
        QVERIFY((h->areas->status.status() == kiosk::RequestStatusView {}));
        QCOMPARE(h->areas->status.timeline()->rowCount(), 0);
    }
};

QTEST_MAIN(TestStatusRemote)
#include "tst_statusremote.moc"
