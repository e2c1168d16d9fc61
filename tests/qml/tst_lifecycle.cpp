// A request's life across kiosks, on the real kecamatan-backend process over mutual TLS: kiosk A submits; an
// officer returns it on the console with a field item and a page item; on kiosk B (the UI, driven from its welcome
// screen) the citizen opens it with the ticket QR, fixes the field and sends; the backend holds version 2; the
// officers approve; kiosk B shows READY with every step. The citizen cancels before an officer acted, not after;
// a revision crosses a network cut and a restart of the sync and arrives once.
#include "../tools/faultproxy.h"
#include "../tools/testbackend.h"
#include "../tools/threadspy.h"
#include "kioskharness.h"
#include "livelink.h"
#include "syncservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

using serverlink::Stage;

namespace {
const QString kNik = QStringLiteral("3521115205010021");
const QString kDesa = QStringLiteral("3521112004");

/// A kiosk's sync service on its own thread, as the app runs it; one round at a time.
class SyncRunner
{
public:
    SyncRunner(const kiosk::KioskStore &store, const QByteArray &key, quint16 port, const QString &pki, const QString &letters)
    {
        kiosk::SyncSettings settings;
        settings.intervalMs = 3600000;
        settings.heartbeatIntervalMs = 0;
        settings.link.connectTimeoutMs = 2000;
        settings.link.requestTimeoutMs = 4000;
        sync = new kiosk::SyncService(store, key, QStringLiteral("https://localhost:%1/api/v1").arg(port),
            {pki + QStringLiteral("/ca.crt"), pki + QStringLiteral("/kiosk.crt"), pki + QStringLiteral("/kiosk.key")}, letters, settings);
        sync->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, sync, &QObject::deleteLater);
        thread.start();
    }
    ~SyncRunner()
    {
        sync->abortNetwork();
        thread.quit();
        thread.wait();
    }
    /// One round; the problem it reported (empty when none), or "timeout".
    QString round()
    {
        ThreadSpy spy(sync, &kiosk::SyncService::synced);
        QMetaObject::invokeMethod(sync, &kiosk::SyncService::syncNow, Qt::QueuedConnection);
        return spy.wait(60000) ? spy.takeFirst().at(1).toString() : QStringLiteral("timeout");
    }

    QThread thread;
    kiosk::SyncService *sync = nullptr;
};
} // namespace

class TestLifecycle : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_pki;
    QProcess m_backend;
    quint16 m_port = 0;
    quint16 m_consolePort = 0;
    // Kiosk A: where the requests are submitted (its own store, same kiosk certificate).
    kiosk::KioskStore m_storeA;
    std::unique_ptr<kiosk::OutboxRepository> m_outboxA;
    std::unique_ptr<SyncRunner> m_syncA;
    // Kiosk B: the UI the citizen uses to look up, fix and cancel.
    std::unique_ptr<kiosk::LiveLink> m_live;
    std::unique_ptr<KioskHarness> h;
    std::unique_ptr<SyncRunner> m_syncB;

    QString path(const QString &rel) const { return m_dir.filePath(rel); }
    QString dataDir() const { return path(QStringLiteral("backend")); }

    /// Kiosk A takes a SKTM request and delivers it; its registration number and ticket token.
    std::pair<QString, QString> submitAtKioskA()
    {
        kiosk::NewRequest r;
        r.serviceCode = QStringLiteral("SKTM");
        r.nik = kNik;
        r.name = QStringLiteral("Siti Aminah");
        r.address = QStringLiteral("Dusun Krajan RT 01/RW 02");
        r.purpose = QStringLiteral("Keringanan biaya sekolah");
        r.fields = QJsonObject {{QStringLiteral("pekerjaan"), QStringLiteral("Buruh tani")},
            {QStringLiteral("penghasilan"), QStringLiteral("9")}, {QStringLiteral("jumlahTanggungan"), QStringLiteral("3")},
            {QStringLiteral("peruntukan"), QStringLiteral("Keringanan biaya sekolah")}};
        const auto queued = m_outboxA->enqueue(r);
        if (!queued)
            return {};
        const QString problem = m_syncA->round();
        if (m_outboxA->depth() != 0)
            qWarning().noquote() << "kiosk A did not deliver:" << problem;
        return {queued->registrationNumber, queued->statusToken};
    }

    struct Reply {
        int status = 0;
        QByteArray body;
    };

    /// curl against the officer console (its own HTTPS port), with a cookie jar.
    Reply console(const QString &jar, const QString &method, const QString &route, const QStringList &form = {})
    {
        QStringList args {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("20"), QStringLiteral("-X"), method,
            QStringLiteral("--cacert"), m_pki + QStringLiteral("/ca.crt"), QStringLiteral("-c"), jar, QStringLiteral("-b"), jar,
            QStringLiteral("-w"), QStringLiteral("\n%{http_code}")};
        for (const QString &field : form)
            args << QStringLiteral("--data-urlencode") << field;
        args << QStringLiteral("https://localhost:%1%2").arg(m_consolePort).arg(route);
        QProcess curl;
        curl.start(QStringLiteral("curl"), args);
        Reply reply;
        if (!curl.waitForFinished(25000))
            return reply;
        const QByteArray out = curl.readAllStandardOutput();
        const qsizetype split = out.lastIndexOf('\n');
        reply.body = out.left(split);
        reply.status = out.mid(split + 1).toInt();
        return reply;
    }

    static QString csrfOf(const QByteArray &html)
    {
        static const QRegularExpression token(QStringLiteral("name=\"csrf\" value=\"([^\"]+)\""));
        return token.match(QString::fromUtf8(html)).captured(1);
    }

    /// The desa front office returns `reg` on the console: the income field and the KTP page, each with a reason.
    bool returnOnConsole(const QString &reg)
    {
        const QString user = QStringLiteral("fo-") + kDesa;
        const QString jar = path(QStringLiteral("jar-") + reg);
        const Reply loginForm = console(jar, QStringLiteral("GET"), QStringLiteral("/masuk"));
        console(jar, QStringLiteral("POST"), QStringLiteral("/masuk"),
            {QStringLiteral("csrf=") + csrfOf(loginForm.body), QStringLiteral("username=") + user,
                QStringLiteral("password=") + user + QStringLiteral("-sandi-panjang")});
        const Reply form = console(jar, QStringLiteral("GET"), QStringLiteral("/permohonan/%1/kembalikan").arg(reg));
        if (form.status != 200) {
            qWarning() << "return form:" << form.status << form.body.left(500);
            return false;
        }
        const Reply done = console(jar, QStringLiteral("POST"), QStringLiteral("/permohonan/%1/kembalikan").arg(reg),
            {QStringLiteral("csrf=") + csrfOf(form.body), QStringLiteral("butir=field:penghasilan"),
                QStringLiteral("alasan:field:penghasilan=Tulis penghasilan per bulan dalam rupiah"), QStringLiteral("butir=document:0"),
                QStringLiteral("alasan:document:0=Foto KTP buram")});
        if (done.status != 302 && done.status != 303)
            qWarning() << "return:" << done.status << done.body.left(800);
        return done.status == 302 || done.status == 303;
    }

    /// The request as the backend shows it with the ticket's token (detailed).
    std::optional<serverlink::RequestView> backendView(const QString &token)
    {
        serverlink::LinkClient client(QStringLiteral("https://localhost:%1/api/v1").arg(m_port),
            {m_pki + QStringLiteral("/ca.crt"), m_pki + QStringLiteral("/kiosk.crt"), m_pki + QStringLiteral("/kiosk.key")});
        const auto r = client.get(QStringLiteral("/ticket"), {{"X-Status-Token", token.toLatin1()}});
        if (!r.ok()) {
            qWarning() << "GET /ticket:" << r.status << r.errorText << r.body.left(300);
            return std::nullopt;
        }
        return serverlink::RequestView::fromJson(r.body);
    }

    void scanTicket(const QString &token)
    {
        h->areas->flow.goHome();
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        h->scan(kiosk::OutboxRepository::ticketQrPayload(token));
        QVERIFY(h->waitForScreen(QStringLiteral("status")));
        QTRY_VERIFY_WITH_TIMEOUT(!h->areas->status.busy() && h->areas->status.status().remote, 15000);
    }

    QString textOf(const QString &objectName)
    {
        return h->waitFor(objectName) ? h->find(objectName)->property("text").toString() : QString();
    }

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

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()
            || QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
            QSKIP("openssl or curl is not installed: no test PKI, no console client");
        QVERIFY(m_dir.isValid());
        m_pki = path(QStringLiteral("pki"));
        QVERIFY(testsupport::makePki(m_pki));
        m_backend.setProcessChannelMode(QProcess::SeparateChannels);
        m_backend.setStandardErrorFile(path(QStringLiteral("backend.log")));
        // `serve` with the officer console prints "LISTENING <port>" and "CONSOLE <port>", often in one read.
        const auto pki = [this](const char *name) { return m_pki + QLatin1Char('/') + QLatin1String(name); };
        m_backend.setProgram(testsupport::binary(QStringLiteral("backend/kecamatan-backend")));
        m_backend.setArguments({QStringLiteral("serve"), QStringLiteral("--data"), dataDir(), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:0"), QStringLiteral("--cert"), pki("server.crt"), QStringLiteral("--key"), pki("server.key"),
            QStringLiteral("--client-ca"), pki("kiosk-ca.crt"), QStringLiteral("--console"), QStringLiteral("127.0.0.1:0")});
        testsupport::dieWithTest(m_backend);
        m_backend.start();
        QByteArray out;
        QDeadlineTimer deadline(30000);
        while (!out.contains("CONSOLE ") && !deadline.hasExpired() && m_backend.state() != QProcess::NotRunning) {
            m_backend.waitForReadyRead(200);
            out += m_backend.readAllStandardOutput();
        }
        static const QRegularExpression ports(QStringLiteral("LISTENING (\\d+)\\s+CONSOLE (\\d+)"));
        const QRegularExpressionMatch match = ports.match(QString::fromLatin1(out));
        QVERIFY2(match.hasMatch(), out.constData());
        m_port = quint16(match.captured(1).toUInt());
        m_consolePort = quint16(match.captured(2).toUInt());
        QVERIFY(testsupport::registerTestKiosk(dataDir(), m_pki));
        QVERIFY(testsupport::addStepOfficers(dataDir(), kDesa));

        QVERIFY(m_storeA.open(path(QStringLiteral("kioskA/kiosk.sqlite"))));
        m_outboxA = std::make_unique<kiosk::OutboxRepository>(m_storeA, QByteArray(32, 'a'));
        m_syncA = std::make_unique<SyncRunner>(m_storeA, QByteArray(32, 'a'), m_port, m_pki, path(QStringLiteral("kioskA/letters")));

        m_live = std::make_unique<kiosk::LiveLink>(QStringLiteral("https://localhost:%1/api/v1").arg(m_port),
            serverlink::TlsPolicy {
                m_pki + QStringLiteral("/ca.crt"), m_pki + QStringLiteral("/kiosk.crt"), m_pki + QStringLiteral("/kiosk.key")});
        h = std::make_unique<KioskHarness>(60000, 75000, 180000, QString(), kiosk::QueueBook::Settings {}, m_live.get());
        QVERIFY(h->load());
        m_syncB = std::make_unique<SyncRunner>(h->store, h->key, m_port, m_pki, h->dir.filePath(QStringLiteral("letters")));
    }

    void cleanupTestCase()
    {
        m_syncB.reset();
        h.reset();
        m_live.reset();
        m_syncA.reset();
        if (m_backend.state() != QProcess::NotRunning) {
            m_backend.terminate();
            if (!m_backend.waitForFinished(10000))
                m_backend.kill();
        }
    }

    void anotherKiosksRequestByTypedNumberIsMasked()
    {
        const auto [reg, token] = submitAtKioskA();
        QVERIFY(!reg.isEmpty());
        h->areas->flow.goHome();
        QVERIFY(h->tap(QStringLiteral("openStatus")));
        QVERIFY(h->waitForScreen(QStringLiteral("status")));
        QVERIFY(h->type(QStringLiteral("registrationField"), reg));
        QVERIFY(h->tap(QStringLiteral("checkStatus")));
        QTRY_VERIFY_WITH_TIMEOUT(h->areas->status.status().found, 15000);
        QCOMPARE(h->areas->status.status().maskedName, QStringLiteral("S*** A*****"));
        QVERIFY(!h->areas->status.status().detailed);
        QVERIFY(h->waitFor(QStringLiteral("proofPanel")));
        QVERIFY(h->areas->status.timeline()->rowCount() >= 1);
        for (QQuickItem *t : h->visibleTexts())
            QVERIFY2(!t->property("text").toString().contains(QStringLiteral("Siti")), qPrintable(t->property("text").toString()));
        // The applicant's NIK opens the detailed view.
        QVERIFY(h->type(QStringLiteral("proofNikField"), kNik));
        QVERIFY(h->tap(QStringLiteral("showDetails")));
        QTRY_VERIFY_WITH_TIMEOUT(h->areas->status.status().detailed, 15000);
        QVERIFY(h->waitFor(QStringLiteral("cancelRequest")));
    }

    void needsFixRoundTrip()
    {
        const auto [reg, token] = submitAtKioskA();
        QVERIFY(!reg.isEmpty());
        QVERIFY(returnOnConsole(reg));

        // Kiosk B, from its welcome screen: the ticket's QR shows the officer's reasons.
        scanTicket(token);
        QCOMPARE(h->areas->status.status().stage, QStringLiteral("NEEDS_FIX"));
        const QString fixes = textOf(QStringLiteral("fixItems"));
        QVERIFY2(
            fixes.contains(QStringLiteral("Tulis penghasilan per bulan dalam rupiah")) && fixes.contains(QStringLiteral("Foto KTP buram")),
            qPrintable(fixes));
        QVERIFY(h->tap(QStringLiteral("startFix")));
        QVERIFY(h->waitForScreen(QStringLiteral("fix")));
        QVERIFY(textOf(QStringLiteral("note-penghasilan")).contains(QStringLiteral("Tulis penghasilan per bulan")));
        QVERIFY(textOf(QStringLiteral("pageNote")).contains(QStringLiteral("Foto KTP buram")));
        QVERIFY(clearField(QStringLiteral("field-penghasilan")));
        QVERIFY(h->type(QStringLiteral("field-penghasilan"), QStringLiteral("900000")));
        QVERIFY(h->tap(QStringLiteral("reviewFix")));
        QVERIFY(h->waitFor(QStringLiteral("fixChange")));
        QCOMPARE(h->areas->fix.changes(), QStringList {QStringLiteral("Penghasilan per bulan (Rp): 9 → 900000")});
        QVERIFY(h->tap(QStringLiteral("sendFix")));
        QVERIFY(h->waitFor(QStringLiteral("fixSent")));
        QCOMPARE(h->changes->depth(), 1);
        const QString problem = m_syncB->round();
        QVERIFY2(h->changes->depth() == 0, qPrintable(problem));

        // The backend holds version 2 with the corrected field, back with the officers.
        const auto fixed = backendView(token);
        QVERIFY(fixed);
        QCOMPARE(fixed->version, 2);
        QCOMPARE(fixed->fields.value(QStringLiteral("penghasilan")).toString(), QStringLiteral("900000"));
        QCOMPARE(fixed->fields.value(QStringLiteral("pekerjaan")).toString(), QStringLiteral("Buruh tani"));
        QVERIFY(fixed->stage != Stage::NeedsFix);

        QVERIFY(testsupport::approveAsOfficers(dataDir(), reg, kDesa));
        scanTicket(token);
        QCOMPARE(h->areas->status.status().stage, QStringLiteral("READY"));
        // Every step the backend recorded, with its date, the return among them.
        QStringList stages;
        for (int row = 0; row < h->areas->status.timeline()->rowCount(); ++row) {
            const QModelIndex i = h->areas->status.timeline()->index(row);
            stages.append(i.data(kiosk::TimelineModel::StageRole).toString());
            QVERIFY(!i.data(kiosk::TimelineModel::AtRole).toString().isEmpty());
        }
        QVERIFY2(stages.contains(QStringLiteral("NEEDS_FIX")) && stages.contains(QStringLiteral("READY")) && stages.size() >= 4,
            qPrintable(stages.join(QLatin1Char(','))));
    }

    void citizenCancelsBeforeAnOfficerActedNotAfter()
    {
        const auto [early, earlyToken] = submitAtKioskA();
        const auto [late, lateToken] = submitAtKioskA();
        QVERIFY(!early.isEmpty() && !late.isEmpty());

        scanTicket(earlyToken);
        QVERIFY(h->tap(QStringLiteral("cancelRequest")));
        QVERIFY(h->tap(QStringLiteral("confirmCancel")));
        QTRY_COMPARE(h->areas->status.status().stage, QStringLiteral("CANCELLED"));
        const QString problem = m_syncB->round();
        QVERIFY2(h->changes->depth() == 0, qPrintable(problem));
        const auto cancelled = backendView(earlyToken);
        QVERIFY(cancelled);
        QCOMPARE(cancelled->stage, Stage::Cancelled);
        scanTicket(earlyToken);
        QCOMPARE(textOf(QStringLiteral("stageLabel")), serverlink::stageLabel(Stage::Cancelled));

        // Once an officer acted, the kiosk offers no cancel; a cancel sent anyway (kiosk offline meanwhile) is refused and kept.
        QVERIFY(testsupport::runBackendCommand(dataDir(),
            {QStringLiteral("act"), QStringLiteral("--as"), QStringLiteral("fo-") + kDesa, late, QStringLiteral("setujui"),
                QStringLiteral("--checklist"), QStringLiteral("1,2,3,4,5,6,7,8")},
            (QStringLiteral("fo-") + kDesa + QStringLiteral("-sandi-panjang\n")).toUtf8()));
        scanTicket(lateToken);
        QVERIFY(h->areas->status.status().detailed);
        QVERIFY(!h->find(QStringLiteral("cancelRequest")));
        serverlink::CancelBody body;
        body.registrationNumber = late;
        body.proof.statusToken = lateToken;
        body.at = QDateTime::currentDateTimeUtc();
        QVERIFY(h->changes->enqueueCancel(body));
        m_syncB->round();
        const auto state = h->changes->latest(late);
        QVERIFY(state);
        QVERIFY(!state->delivered);
        QVERIFY(!state->parkedReason.isEmpty());
        QVERIFY(backendView(lateToken)->stage != Stage::Cancelled);
        scanTicket(lateToken);
        QVERIFY(textOf(QStringLiteral("changeNote")).contains(QStringLiteral("Pembatalan tidak diterima")));
    }

    void revisionCrossesACutAndARestartOnce()
    {
        const auto [reg, token] = submitAtKioskA();
        QVERIFY(!reg.isEmpty());
        QVERIFY(returnOnConsole(reg));
        const auto returned = backendView(token);
        QVERIFY(returned);
        serverlink::RequestRevision revision;
        revision.registrationNumber = reg;
        revision.baseVersion = returned->version;
        revision.name = returned->name;
        revision.address = returned->address;
        revision.purpose = returned->purpose;
        revision.fields = returned->fields;
        revision.fields.insert(QStringLiteral("penghasilan"), QStringLiteral("750000"));
        revision.documents = returned->documents;
        revision.proof.statusToken = token;
        revision.submittedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(h->changes->enqueueRevision(revision, {}, {}));

        // The link is cut: the revision waits, kept.
        FaultProxy proxy(QHostAddress::LocalHost, m_port);
        QVERIFY(proxy.listen());
        proxy.setPartition(FaultProxy::Partition::BlackHole);
        // Each run of the kiosk opens the store anew (as a new process would), on the same files.
        kiosk::KioskStore beforeRestart;
        QVERIFY(beforeRestart.open(h->store.path()));
        {
            SyncRunner cut(beforeRestart, h->key, proxy.port(), m_pki, h->dir.filePath(QStringLiteral("letters")));
            QVERIFY(!cut.round().isEmpty());
            QCOMPARE(h->changes->depth(), 1);
        }
        // The kiosk restarts (a new sync service on the same store); the link is back.
        proxy.setPartition(FaultProxy::Partition::None);
        QVERIFY(h->changes->retryWaitingNow());
        kiosk::KioskStore afterRestart;
        QVERIFY(afterRestart.open(h->store.path()));
        {
            SyncRunner restarted(afterRestart, h->key, proxy.port(), m_pki, h->dir.filePath(QStringLiteral("letters")));
            const QString problem = restarted.round();
            QVERIFY2(h->changes->depth() == 0, qPrintable(problem));
            restarted.round();
        }
        const auto fixed = backendView(token);
        QVERIFY(fixed);
        QCOMPARE(fixed->version, 2);
        QCOMPARE(fixed->fields.value(QStringLiteral("penghasilan")).toString(), QStringLiteral("750000"));
    }
};

QTEST_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
