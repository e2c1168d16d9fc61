// Staff at the desk withdraw a citizen's request with a reason: the cancellation is kept on the kiosk, reaches the real
// backend (kecamatan-backend over mutual TLS) exactly once with the staff member as actor, and the request ends CANCELLED.
// The request itself was entered by the same staff member for the citizen, so the backend also takes its enteredBy.
#include "kioskharness.h"
#include "livelink.h"
#include "syncservice.h"
#include "testbackend.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace {
const QString kNik = QStringLiteral("3521115205010021");
const QString kDesa = QStringLiteral("3521112004");

using testsupport::binary;
} // namespace

class TestDeskCancel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_backend;
    int m_port = 0;

    QString path(const QString &rel) const { return m_dir.filePath(rel); }
    QString url() const { return QStringLiteral("https://127.0.0.1:%1/api/v1").arg(m_port); }
    serverlink::TlsPolicy tls() const
    {
        return {path(QStringLiteral("pki/ca.crt")), path(QStringLiteral("pki/kiosk.crt")), path(QStringLiteral("pki/kiosk.key"))};
    }

    /// The backend's stage of `registration` (wire word); empty when it does not know it.
    QString backendStage(const QString &registration)
    {
        const auto listed
            = testsupport::runBackendCommand(path(QStringLiteral("backend")), {QStringLiteral("list"), QStringLiteral("--json")});
        if (!listed)
            return {};
        for (const QJsonValue &v : QJsonDocument::fromJson(*listed).array())
            if (v.toObject().value(QStringLiteral("registrationNumber")).toString() == registration)
                return v.toObject().value(QStringLiteral("stage")).toString();
        return {};
    }

    /// The exchanges the recording backend saw for `path` (method and path as sent), with their statuses.
    QList<int> exchanges(const QString &method, const QString &wantedPath)
    {
        QList<int> statuses;
        QFile f(path(QStringLiteral("exchanges.jsonl")));
        if (!f.open(QIODevice::ReadOnly))
            return statuses;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QJsonObject e = QJsonDocument::fromJson(line).object();
            if (e.value(QStringLiteral("method")).toString() == method && e.value(QStringLiteral("path")).toString().endsWith(wantedPath))
                statuses.append(e.value(QStringLiteral("status")).toInt());
        }
        return statuses;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!testsupport::makePki(path(QStringLiteral("pki"))))
            QSKIP("scripts/make-test-pki failed (openssl missing?)");
        m_backend.setProcessChannelMode(QProcess::SeparateChannels);
        m_port = testsupport::startRecordingBackend(
            m_backend, path(QStringLiteral("backend")), path(QStringLiteral("pki")), path(QStringLiteral("exchanges.jsonl")));
        QVERIFY2(m_port > 0, m_backend.readAllStandardError().right(2000).constData());
        QVERIFY(testsupport::registerTestKiosk(path(QStringLiteral("backend")), path(QStringLiteral("pki"))));
        // Siti is an active front-office staff account of the kiosk's desa at the backend too.
        QVERIFY(testsupport::runBackendCommand(path(QStringLiteral("backend")),
            {QStringLiteral("staff"), QStringLiteral("add"), QStringLiteral("--desa"), kDesa, QStringLiteral("--username"),
                QStringLiteral("siti"), QStringLiteral("--name"), QStringLiteral("Siti Aminah")}));
    }

    void cleanupTestCase()
    {
        m_backend.terminate();
        m_backend.waitForFinished(10000);
    }

    void staffCancelReachesTheBackendOnce()
    {
        kiosk::LiveLink live(url(), tls());
        KioskHarness h(60000, 75000, 180000, {}, {}, &live);
        QVERIFY(h.load());
        kiosk::SyncSettings settings;
        settings.intervalMs = 3600000;
        settings.heartbeatIntervalMs = 0;
        settings.dataDir = h.dir.path();
        // Rounds run on this thread when the test says so; the backend is another process.
        kiosk::SyncService sync(h.store, h.key, url(), tls(), h.dir.filePath(QStringLiteral("letters")), settings);

        // Staff enter an SKTM for a citizen at the desk; the backend takes it, with who entered it.
        QVERIFY(h.signInStaff());
        QVERIFY(h.tap(QStringLiteral("enterForCitizen")));
        QVERIFY(h.waitForScreen(QStringLiteral("consent")));
        QVERIFY(h.tap(QStringLiteral("citizenAgreed")));
        QVERIFY(h.tap(QStringLiteral("acceptConsent")));
        QVERIFY(h.waitForScreen(QStringLiteral("identify")));
        h.scan(kNik);
        QTRY_VERIFY(h.areas->nik.valid());
        QVERIFY(h.tap(QStringLiteral("confirmNik")));
        QVERIFY(h.waitForScreen(QStringLiteral("service")));
        QVERIFY(h.tap(QStringLiteral("service-SKTM")));
        QVERIFY(h.waitForScreen(QStringLiteral("form")));
        QVERIFY(h.type(QStringLiteral("field-name"), QStringLiteral("Mbah Kasiyem")));
        QVERIFY(h.type(QStringLiteral("field-address"), QStringLiteral("Dusun Krajan RT 01/RW 02")));
        QVERIFY(h.type(QStringLiteral("field-purpose"), QStringLiteral("Keringanan biaya berobat")));
        QVERIFY(h.type(QStringLiteral("field-pekerjaan"), QStringLiteral("Tidak bekerja")));
        QVERIFY(h.type(QStringLiteral("field-penghasilan"), QStringLiteral("300000")));
        QVERIFY(h.type(QStringLiteral("field-jumlahTanggungan"), QStringLiteral("1")));
        QVERIFY(h.tap(QStringLiteral("option-0"), h.find(QStringLiteral("field-peruntukan"))));
        QVERIFY(h.tap(QStringLiteral("toReview")));
        QVERIFY2(h.waitForScreen(QStringLiteral("review")), qPrintable(h.areas->request.formError()));
        QVERIFY(h.tap(QStringLiteral("submit")));
        QVERIFY(h.waitForScreen(QStringLiteral("done")));
        const QString reg = h.areas->request.ticket().registrationNumber;
        QVERIFY(h.tap(QStringLiteral("finish")));
        QVERIFY(h.waitForScreen(QStringLiteral("staff")));
        sync.syncNow();
        QCOMPARE(exchanges(QStringLiteral("POST"), QStringLiteral("/requests")), QList<int>({201}));
        const QString received = backendStage(reg);
        QVERIFY2(!received.isEmpty() && received != QLatin1String("CANCELLED"), qPrintable(received));

        // At the desk: the request opened by its number, withdrawn with a reason.
        QVERIFY(h.type(QStringLiteral("openRegistration"), reg));
        QVERIFY(h.tap(QStringLiteral("openRequest")));
        QTRY_VERIFY_WITH_TIMEOUT(h.areas->requestDesk.isOpen() && !h.areas->requestDesk.busy(), 15000);
        QCOMPARE(h.areas->requestDesk.registrationNumber(), reg);
        QVERIFY(h.areas->requestDesk.mayCancel());
        QVERIFY(h.type(QStringLiteral("cancelReason"), QStringLiteral("Warga membatalkan, surat tidak jadi dipakai")));
        QVERIFY(h.tap(QStringLiteral("cancelRequest")));
        QTRY_VERIFY(h.areas->requestDesk.message().contains(QStringLiteral("dicatat")));
        QVERIFY(!h.areas->requestDesk.mayCancel());
        // Tapped again: still one cancellation.
        QVERIFY(!h.areas->requestDesk.cancelRequest(QStringLiteral("sekali lagi")));
        QCOMPARE(h.changes->due().size(), 1);

        sync.syncNow();
        const QList<int> cancels = exchanges(QStringLiteral("POST"), reg + QStringLiteral("/cancel"));
        QCOMPARE(cancels.size(), 1);
        QCOMPARE(cancels.first(), 200);
        // The desk saw the backend's own view of the request (any kiosk of the kecamatan could open it so).
        QCOMPARE(exchanges(QStringLiteral("GET"), QStringLiteral("/requests/") + reg), QList<int>({200}));
        QCOMPARE(backendStage(reg), QStringLiteral("CANCELLED"));
        QVERIFY(h.changes->due().isEmpty());
        // Another round sends nothing again.
        sync.syncNow();
        QCOMPARE(exchanges(QStringLiteral("POST"), reg + QStringLiteral("/cancel")).size(), 1);
    }
};

QTEST_MAIN(TestDeskCancel)
#include "tst_deskcancel.moc"
