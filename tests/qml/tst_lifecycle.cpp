// A request's life across kiosks, on the real kecamatan-backend process over mutual TLS: kiosk A submits; an
// officer returns it on the console with a field item and a page item; on kiosk B (the UI, driven from its welcome
// screen) the citizen opens it with the ticket QR, fixes the field and sends; the backend holds version 2; the
// officers approve; kiosk B shows READY with every step. The citizen cancels before an officer acted, not after;
// a revision crosses a network cut and a restart of the sync and arrives once. A page the officer named is photographed
// again in the fix (generated camera frames) and reaches the backend; staff fix a returned request at the desk.
#include "../tools/faultproxy.h"
#include "../tools/testbackend.h"
#include "../tools/threadspy.h"
#include "crypto.h"
#include "documentframes.h"
#include "documentstore.h"
#include "filepagesource.h"
#include "kioskharness.h"
#include "livelink.h"
#include "pageanalyser.h"
#include "syncservice.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
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

    /// A small JPEG page for a request taken at kiosk A.
    static QByteArray jpegPage(QRgb colour)
    {
        QImage image(320, 440, QImage::Format_RGB32);
        image.fill(colour);
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "JPEG", 80);
        return bytes;
    }

    /// Kiosk A takes a SKTM request and delivers it (with `pages`, uploaded too); its registration number and ticket token.
    std::pair<QString, QString> submitAtKioskA(const QList<kiosk::CapturedPage> &pages = {})
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
        r.documents = pages;
        const auto queued = m_outboxA->enqueue(r);
        if (!queued)
            return {};
        QString problem = m_syncA->round();
        // The pages upload once their request was accepted (the same round or the next).
        const kiosk::DocumentStore documents(m_storeA, QByteArray(32, 'a'));
        for (int round = 0; round < 3 && documents.pendingCount() > 0; ++round)
            problem = m_syncA->round();
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
        const auto [api, console] = testsupport::startBackendWithConsole(m_backend, dataDir(), m_pki);
        QVERIFY2(api > 0, "kecamatan-backend serve did not start");
        m_port = api;
        m_consolePort = console;
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
        QCOMPARE(h->areas->fix.changes(), QStringList {QStringLiteral("Penghasilan per bulan: Rp9 → Rp900.000")});
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

    // The officer named the KTP page (requirement 0): on kiosk B the citizen photographs it again in the fix ("Foto
    // ulang", generated camera frames through a file: source); the revision names the new page in place of the old one
    // and keeps the other page the backend holds; the new page uploads and the backend holds it with its hash.
    void pageIsRecapturedInTheFix()
    {
        QTemporaryDir frames;
        QVERIFY(documentframes::writeFrames(frames.path(), documentframes::holdStill(3, 5)));
        devices::FilePageSource source(frames.path());
        const auto [reg, token] = submitAtKioskA({kiosk::CapturedPage {0, QStringLiteral("Fotokopi KTP"), jpegPage(qRgb(200, 190, 180))},
            kiosk::CapturedPage {1, QStringLiteral("Fotokopi Kartu Keluarga"), jpegPage(qRgb(180, 200, 190))}});
        QVERIFY(!reg.isEmpty());
        const auto submitted = backendView(token);
        QVERIFY(submitted);
        QCOMPARE(submitted->documents.size(), 2);
        QVERIFY(returnOnConsole(reg));

        h->areas->documents.setSource(&source);
        const auto noSource = qScopeGuard([this] { h->areas->documents.setSource(nullptr); });
        scanTicket(token);
        QVERIFY(h->tap(QStringLiteral("startFix")));
        QVERIFY(h->waitForScreen(QStringLiteral("fix")));
        QVERIFY(textOf(QStringLiteral("pageNote")).contains(QStringLiteral("Foto ulang")));
        // Back from the documents screen leads to the fix, with nothing taken.
        QVERIFY(h->tap(QStringLiteral("recapture-0")));
        QVERIFY(h->waitForScreen(QStringLiteral("documents")));
        h->areas->flow.back();
        QVERIFY(h->waitForScreen(QStringLiteral("fix")));
        QCOMPARE(h->areas->documents.rows()->rowCount(), 0);
        QVERIFY(h->areas->fix.newPages().isEmpty());
        QVERIFY(h->tap(QStringLiteral("recapture-0")));
        QVERIFY(h->waitForScreen(QStringLiteral("documents")));
        // Only the KTP is asked; the other requirements are not part of this round.
        QCOMPARE(h->areas->documents.current(), 0);
        QVERIFY(h->waitFor(QStringLiteral("acceptDocument"), 15000));
        QVERIFY(h->tap(QStringLiteral("acceptDocument")));
        QVERIFY(h->waitForScreen(QStringLiteral("fix")));
        QVERIFY2(textOf(QStringLiteral("pageNote")).contains(QStringLiteral("Foto baru siap dikirim")),
            qPrintable(textOf(QStringLiteral("pageNote"))));
        const QList<kiosk::CapturedPage> newPages = h->areas->fix.newPages();
        QCOMPARE(newPages.size(), 1);
        QCOMPARE(newPages.first().requirementText, QStringLiteral("Fotokopi KTP"));
        QVERIFY(newPages.first().bytes.size() <= devices::pagecapture::kPageBudgetBytes);
        QVERIFY(h->tap(QStringLiteral("reviewFix")));
        QVERIFY(h->waitFor(QStringLiteral("fixChange")));
        QVERIFY2(h->areas->fix.changes().join(QLatin1Char('\n')).contains(QStringLiteral("halaman baru")),
            qPrintable(h->areas->fix.changes().join(QLatin1Char('\n'))));
        QVERIFY(h->tap(QStringLiteral("sendFix")));
        QVERIFY(h->waitFor(QStringLiteral("fixSent")));
        QCOMPARE(h->changes->depth(), 1);

        const kiosk::DocumentStore kept(h->store, h->key);
        const QList<kiosk::StoredPage> stored = kept.pages(reg);
        QCOMPARE(stored.size(), 1);
        QString problem = m_syncB->round();
        for (int round = 0; round < 3 && kept.pendingCount() > 0; ++round)
            problem = m_syncB->round();
        QVERIFY2(h->changes->depth() == 0 && kept.pendingCount() == 0, qPrintable(problem));

        // Version 2 names the new KTP page and the Kartu Keluarga page it already had.
        const auto fixed = backendView(token);
        QVERIFY(fixed);
        QCOMPARE(fixed->version, 2);
        QCOMPARE(fixed->documents.size(), 2);
        std::optional<serverlink::DocumentRef> ktp;
        std::optional<serverlink::DocumentRef> kk;
        for (const serverlink::DocumentRef &ref : fixed->documents)
            (ref.requirement == 0 ? ktp : kk) = ref;
        QVERIFY(ktp && kk);
        QCOMPARE(ktp->pageId, stored.first().ref.pageId);
        QVERIFY(ktp->pageId != submitted->documents.first().pageId && ktp->pageId != submitted->documents.last().pageId);
        const bool kkKept = kk->pageId == submitted->documents.first().pageId || kk->pageId == submitted->documents.last().pageId;
        QVERIFY(kkKept);
        // The backend holds the new page whole, byte for byte what the kiosk took.
        QFile page(dataDir() + QStringLiteral("/documents/%1/%2").arg(reg, ktp->pageId));
        QVERIFY2(page.open(QIODevice::ReadOnly), qPrintable(page.fileName()));
        const QByteArray bytes = page.readAll();
        QCOMPARE(QString::fromLatin1(serverlink::crypto::sha256(bytes).toHex()), ktp->sha256);
        QCOMPARE(bytes, newPages.first().bytes);
    }

    // At the desk, staff open a returned request by its number, type the citizen's NIK (the backend shows staff the
    // detailed request only with the ticket or the NIK), fix it in the same screen in their own name and are back at
    // the desk; the backend records the version as the staff member's.
    void staffFixAtTheDesk()
    {
        QVERIFY(testsupport::runBackendCommand(dataDir(),
            {QStringLiteral("staff"), QStringLiteral("add"), QStringLiteral("--desa"), kDesa, QStringLiteral("--username"),
                QStringLiteral("siti"), QStringLiteral("--name"), QStringLiteral("Siti Aminah")}));
        const auto [reg, token] = submitAtKioskA();
        QVERIFY(!reg.isEmpty());
        QVERIFY(returnOnConsole(reg));

        h->areas->flow.goHome();
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        QVERIFY2(h->signInStaff(), qPrintable(h->screen() + QLatin1Char(' ') + h->areas->flow.notice()));
        QVERIFY(h->type(QStringLiteral("openRegistration"), reg));
        QVERIFY(h->tap(QStringLiteral("openRequest")));
        QTRY_VERIFY_WITH_TIMEOUT(h->areas->requestDesk.isOpen() && !h->areas->requestDesk.busy(), 15000);
        QVERIFY(h->areas->requestDesk.mayFix());
        QVERIFY(h->areas->requestDesk.fixNeedsNik());
        // A wrong NIK gets the brief view: no fix.
        QVERIFY(h->type(QStringLiteral("fixNik"), QStringLiteral("3521115205010099")));
        QVERIFY(h->tap(QStringLiteral("fixRequest")));
        QTRY_VERIFY_WITH_TIMEOUT(h->areas->requestDesk.message().contains(QStringLiteral("NIK tidak cocok")), 15000);
        QCOMPARE(h->screen(), QStringLiteral("staff"));
        QVERIFY(h->type(QStringLiteral("fixNik"), kNik));
        QVERIFY(h->tap(QStringLiteral("fixRequest")));
        QVERIFY(h->waitForScreen(QStringLiteral("fix"), 15000));
        QCOMPARE(h->areas->flow.enteredBy(), QStringLiteral("siti"));
        QVERIFY(textOf(QStringLiteral("note-penghasilan")).contains(QStringLiteral("Tulis penghasilan per bulan")));
        // Without a document source the page item says to bring the original.
        QVERIFY(textOf(QStringLiteral("pageNote")).contains(QStringLiteral("Bawa aslinya ke kantor desa")));
        QVERIFY(!h->find(QStringLiteral("recapture-0")));
        QVERIFY(clearField(QStringLiteral("field-penghasilan")));
        QVERIFY(h->type(QStringLiteral("field-penghasilan"), QStringLiteral("750000")));
        QVERIFY(h->tap(QStringLiteral("reviewFix")));
        QVERIFY(h->waitFor(QStringLiteral("fixChange")));
        QVERIFY(h->tap(QStringLiteral("sendFix")));
        QVERIFY(h->waitFor(QStringLiteral("fixSent")));
        QVERIFY(h->tap(QStringLiteral("fixDone")));
        QVERIFY(h->waitForScreen(QStringLiteral("staff")));
        QVERIFY(h->areas->flow.enteredBy().isEmpty());
        QVERIFY(h->areas->staffLogin.desk());
        // The revision waits: no second fix of the same request from the desk meanwhile.
        QVERIFY(!h->areas->requestDesk.mayFix());
        const QString problem = m_syncB->round();
        QVERIFY2(h->changes->depth() == 0, qPrintable(problem));

        const auto fixed = backendView(token);
        QVERIFY(fixed);
        QCOMPARE(fixed->version, 2);
        QCOMPARE(fixed->fields.value(QStringLiteral("penghasilan")).toString(), QStringLiteral("750000"));
        QVERIFY(fixed->stage != Stage::NeedsFix);
        // The version is recorded as the staff member's (front office), not the citizen's.
        bool byStaff = false;
        for (const serverlink::TimelineEntry &e : fixed->timeline)
            byStaff = byStaff || (e.note.contains(QStringLiteral("versi 2")) && e.actorRole == QLatin1String("front_office"));
        QVERIFY(byStaff);

        // A ticket's QR scanned at the desk opens the detailed request: no NIK asked; home leads back to the desk.
        const auto [second, secondToken] = submitAtKioskA();
        QVERIFY(!second.isEmpty());
        QVERIFY(returnOnConsole(second));
        h->scan(kiosk::OutboxRepository::ticketQrPayload(secondToken));
        QTRY_VERIFY_WITH_TIMEOUT(h->areas->requestDesk.registrationNumber() == second && !h->areas->requestDesk.busy(), 15000);
        QVERIFY(h->areas->requestDesk.mayFix());
        QVERIFY(!h->areas->requestDesk.fixNeedsNik());
        QVERIFY(!h->find(QStringLiteral("fixNik")));
        QVERIFY(h->tap(QStringLiteral("fixRequest")));
        QVERIFY(h->waitForScreen(QStringLiteral("fix")));
        QCOMPARE(h->areas->fix.registrationNumber(), second);
        QVERIFY(h->tap(QStringLiteral("homeButton")));
        QVERIFY(h->waitForScreen(QStringLiteral("staff")));
        QVERIFY(h->areas->staffLogin.desk());
        h->areas->staffLogin.signOut();
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
