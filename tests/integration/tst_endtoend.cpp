// One citizen request travels kiosk → backend → printed letter, on real peers:
// the kecamatan-backend process over mutual TLS, a private cupsd, and the anjungan
// executable driven headlessly by its autopilot.
#include "barcode.h"
#include "crypto.h"
#include "escpos.h"
#include "testbackend.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr int kSkip = 77;
const QString kNik = QStringLiteral("3521115205010021");
const QString kPin = QStringLiteral("135790");

using testsupport::binary;
using testsupport::source;

QByteArray runOk(const QString &program, const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
    int timeoutMs = 120000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qWarning().noquote() << program << args.join(QLatin1Char(' ')) << "failed:" << p.exitCode() << p.readAllStandardError().right(3000);
    return p.exitCode() == 0 && p.exitStatus() == QProcess::NormalExit ? p.readAllStandardOutput() : QByteArray("<failed>");
}

QStringList jobFiles(const QString &dir)
{
    QStringList out;
    for (const QString &f : QDir(dir).entryList({QStringLiteral("job-*.bin")}, QDir::Files, QDir::Name))
        out.append(QDir(dir).filePath(f));
    return out;
}
} // namespace

class TestEndToEnd : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_backend;
    QString m_cupsServer;
    QString m_staffCard; // the front-office staff card issued by the backend CLI (its QR payload)
    int m_port = 0;

    QString path(const QString &rel) const { return m_dir.filePath(rel); }

    bool startBackend()
    {
        m_backend.setProcessChannelMode(QProcess::SeparateChannels);
        m_port = testsupport::startRecordingBackend(m_backend, path(QStringLiteral("backend")), path(QStringLiteral("pki")),
            binary(QStringLiteral("openapi-exchanges/tst_endtoend.jsonl")), QStringLiteral("127.0.0.1:%1").arg(m_port));
        if (m_port == 0)
            qWarning() << "backend stderr:" << m_backend.readAllStandardError().right(3000);
        return m_port > 0;
    }

    void stopBackend()
    {
        m_backend.terminate();
        m_backend.waitForFinished(10000);
    }

    // Runs one scripted kiosk visit; the kiosk exits when the script ends.
    bool runKiosk(const QString &script, const QMap<QString, QString> &vars)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (auto it = vars.begin(); it != vars.end(); ++it)
            env.insert(it.key(), it.value());
        const QByteArray out = runOk(binary(QStringLiteral("kiosk/app/anjungan")),
            {QStringLiteral("--config"), path(QStringLiteral("kiosk/anjungan.conf")), QStringLiteral("--autopilot"),
                source(QStringLiteral("scripts/demo-session/") + script), QStringLiteral("--out"), path(QStringLiteral("out"))},
            env, 180000);
        return out != "<failed>";
    }

    QJsonArray backendRequests()
    {
        return QJsonDocument::fromJson(
            runOk(binary(QStringLiteral("backend/kecamatan-backend")),
                {QStringLiteral("list"), QStringLiteral("--data"), path(QStringLiteral("backend")), QStringLiteral("--json")}))
            .array();
    }

    void writeKioskConfig()
    {
        QDir().mkpath(path(QStringLiteral("kiosk")));
        QFile f(path(QStringLiteral("kiosk/anjungan.conf")));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QStringLiteral("[kiosk]\nid=KIOSK-0001\ndesaCode=3521112004\nofficeName=Kantor Desa Pitu\ndataDir=data\nscanners=wedge:\n"
                               "[server]\nurl=https://127.0.0.1:%1/api/v1\ncaFile=../pki/ca.crt\nclientCert=../pki/kiosk.crt\n"
                               "clientKey=../pki/kiosk.key\nsyncIntervalMs=500\n"
                               "[printers]\ncupsServer=%2\nticket=cups:ticket\nletter=cups:letter\n"
                               "[seal]\nrootPublicKey=../trust/root.pub.pem\n"
                               "[staff]\nidleMinutes=3\n"
                               // Offscreen has one screen: the calling display opens on it, as in scripts/demo.
                               "[display]\nscreen=0\n"
                               // The document camera plays generated frames of a sheet held still, as in scripts/demo.
                               "[documents]\nsource=file:%3\n")
                    .arg(m_port)
                    .arg(m_cupsServer, path(QStringLiteral("kiosk/document-frames")))
                    .toUtf8());
        QVERIFY(runOk(binary(QStringLiteral("tests/document-frames")), {path(QStringLiteral("kiosk/document-frames"))}) != "<failed>");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Every exchange between the kiosk and the backend is checked against the contract (ctest openapi_contract).
        QVERIFY(QDir().mkpath(binary(QStringLiteral("openapi-exchanges"))));
        QFile::remove(binary(QStringLiteral("openapi-exchanges/tst_endtoend.jsonl")));
        QVERIFY(runOk(source(QStringLiteral("scripts/make-test-pki")), {path(QStringLiteral("pki"))}) != "<failed>");
        const QByteArray cups
            = runOk(source(QStringLiteral("scripts/private-cupsd")), {QStringLiteral("start"), path(QStringLiteral("cups"))});
        QVERIFY2(cups.startsWith("CUPS_SERVER="), cups.constData());
        m_cupsServer = QString::fromLatin1(cups.mid(12).trimmed());
        QVERIFY(startBackend());
        QVERIFY(testsupport::registerTestKiosk(path(QStringLiteral("backend")), path(QStringLiteral("pki"))));
        // A front-office staff member with a card and PIN, as the console's "Petugas loket" page makes one.
        const QString backendBinary = binary(QStringLiteral("backend/kecamatan-backend"));
        QVERIFY(runOk(backendBinary,
                    {QStringLiteral("staff"), QStringLiteral("add"), QStringLiteral("--data"), path(QStringLiteral("backend")),
                        QStringLiteral("--desa"), QStringLiteral("3521112004"), QStringLiteral("--username"), QStringLiteral("siti"),
                        QStringLiteral("--name"), QStringLiteral("Siti Aminah")})
            != "<failed>");
        QProcess pin;
        pin.start(backendBinary,
            {QStringLiteral("staff"), QStringLiteral("pin"), QStringLiteral("--data"), path(QStringLiteral("backend")),
                QStringLiteral("--staff-pin-iterations"), QStringLiteral("1000"), QStringLiteral("siti")});
        pin.write((kPin + QLatin1Char('\n') + kPin + QLatin1Char('\n')).toUtf8());
        pin.closeWriteChannel();
        QVERIFY(pin.waitForFinished(60000) && pin.exitCode() == 0);
        m_staffCard = QString::fromLatin1(pin.readAllStandardOutput().trimmed());
        QVERIFY2(m_staffCard.startsWith(QLatin1String("ADSTAFF1:")), qPrintable(m_staffCard));
        // The offline root certifies the backend's list signer (seal.md §7.3), and every kiosk pins the root key.
        QVERIFY(testsupport::installOfflineRootByCli(path(QStringLiteral("backend")), path(QString())));
        QVERIFY(runOk(backendBinary,
                    {QStringLiteral("trust-list"), QStringLiteral("export"), QStringLiteral("--out"), path(QStringLiteral("trust")),
                        QStringLiteral("--data"), path(QStringLiteral("backend"))})
            != "<failed>");
        writeKioskConfig();
    }

    void cleanupTestCase()
    {
        stopBackend();
        if (!m_cupsServer.isEmpty())
            runOk(source(QStringLiteral("scripts/private-cupsd")), {QStringLiteral("stop"), path(QStringLiteral("cups"))});
    }

    void requestTravelsFromKioskToPrintedLetter()
    {
        // 1. A citizen's visit: NIK by wedge scan, SKTM form, ticket, delivery.
        QVERIFY(runKiosk(QStringLiteral("1-request.json"), {{QStringLiteral("DEMO_NIK"), kNik}}));
        QFile captured(path(QStringLiteral("out/captured.env")));
        QVERIFY(captured.open(QIODevice::ReadOnly));
        const QString reg = QString::fromUtf8(captured.readAll()).section(QLatin1Char('='), 1).trimmed();
        QVERIFY(!reg.isEmpty());

        QJsonArray requests = backendRequests();
        QCOMPARE(requests.size(), 1);
        // The visitor's survey answers were relayed too (waiting on the survey sync, which follows the outbox).
        QByteArray surveys;
        QDeadlineTimer surveyDeadline(20000);
        do {
            surveys = runOk(binary(QStringLiteral("backend/kecamatan-backend")),
                {QStringLiteral("surveys"), QStringLiteral("--data"), path(QStringLiteral("backend"))});
        } while (!surveys.startsWith("1 ") && !surveyDeadline.hasExpired() && (QTest::qWait(200), true));
        QVERIFY2(surveys.startsWith("1 survey"), surveys.constData());
        QCOMPARE(requests.at(0).toObject().value(QStringLiteral("registrationNumber")).toString(), reg);

        // 2. The printed ticket's QR decodes to the status token the kiosk stored (as a hash).
        const QStringList tickets = jobFiles(path(QStringLiteral("cups/output/ticket")));
        QCOMPARE(tickets.size(), 1);
        QFile ticketFile(tickets.first());
        QVERIFY(ticketFile.open(QIODevice::ReadOnly));
        const QImage ticket = devices::escpos::rasterToImage(ticketFile.readAll());
        QVERIFY(!ticket.isNull());
        const auto qr = devices::barcode::decode(ticket);
        QVERIFY(qr);
        QVERIFY(qr->startsWith(QStringLiteral("ADT1:")));
        const QByteArray tokenHash = serverlink::crypto::sha256(qr->mid(5).toLatin1());
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("e2e-kiosk"));
            db.setDatabaseName(path(QStringLiteral("kiosk/data/kiosk.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT registration_number, delivered_at FROM requests WHERE status_token_hash = ?"));
            q.addBindValue(tokenHash);
            QVERIFY(q.exec() && q.next());
            QCOMPARE(q.value(0).toString(), reg);
            QVERIFY(!q.value(1).isNull());
            // 3. Simulate a crash between the backend's commit and the kiosk's own record:
            //    the kiosk must resend with the same idempotency key after a restart.
            QVERIFY(q.exec(QStringLiteral("UPDATE requests SET delivered_at = NULL, stage = 'QUEUED'")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("e2e-kiosk"));
        // The backend restarts too; the kiosk finds it on the same port.
        stopBackend();
        QVERIFY(startBackend());

        QFile::remove(path(QStringLiteral("out/captured.env")));
        const QString resend = QStringLiteral(R"({"steps":[{"expect":"SyncStatus.outboxDepth","equals":"0","timeoutMs":30000}]})");
        QFile script(path(QStringLiteral("resend.json")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(resend.toUtf8());
        script.close();
        QVERIFY(runOk(binary(QStringLiteral("kiosk/app/anjungan")),
                    {QStringLiteral("--config"), path(QStringLiteral("kiosk/anjungan.conf")), QStringLiteral("--autopilot"),
                        script.fileName(), QStringLiteral("--out"), path(QStringLiteral("out"))})
            != "<failed>");
        requests = backendRequests();
        QCOMPARE(requests.size(), 1); // exactly once

        // 4. The desa front office checks the documents and the kepala desa signs (act --as); staff print the letter once READY.
        QVERIFY(testsupport::approveAsOfficers(path(QStringLiteral("backend")), reg, QStringLiteral("3521112004")));
        QVERIFY(runKiosk(QStringLiteral("2-status-and-print.json"),
            {{QStringLiteral("REG"), reg}, {QStringLiteral("TICKET_QR"), *qr}, {QStringLiteral("STAFF_PIN"), kPin},
                {QStringLiteral("STAFF_CARD"), m_staffCard}, {QStringLiteral("DEMO_NIK"), kNik}}));

        const QStringList letters = jobFiles(path(QStringLiteral("cups/output/letter")));
        QCOMPARE(letters.size(), 1);
        QFile letterFile(letters.first());
        QVERIFY(letterFile.open(QIODevice::ReadOnly));
        const QByteArray pdf = letterFile.readAll();
        QVERIFY(pdf.startsWith("%PDF-"));
        requests = backendRequests();
        const QJsonObject record = requests.at(0).toObject();
        // Staff recorded the handover at the kiosk; the backend heard of it.
        QCOMPARE(record.value(QStringLiteral("stage")).toString(), QStringLiteral("HANDED_OVER"));
        {
            // Who handed it over and to whom: the staff member, the holder (KTP scanned at the desk).
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("e2e-backend"));
            db.setDatabaseName(path(QStringLiteral("backend/backend.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(
                QStringLiteral("SELECT actor, collector_kind, collector_name FROM handovers WHERE registration_number = '%1'").arg(reg)));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("siti"));
            QCOMPARE(q.value(1).toString(), QStringLiteral("holder"));
            QCOMPARE(q.value(2).toString(), QStringLiteral("Siti Aminah"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("e2e-backend"));
        // The receipt came out of the ticket printer.
        bool receiptPrinted = false;
        for (const QString &job : jobFiles(path(QStringLiteral("cups/output/ticket")))) {
            QFile slip(job);
            receiptPrinted = receiptPrinted || (slip.open(QIODevice::ReadOnly) && slip.readAll().contains("TANDA TERIMA PENYERAHAN SURAT"));
        }
        QVERIFY(receiptPrinted);
        // The printed bytes are the letter the backend signed.
        QCOMPARE(QString::fromLatin1(serverlink::crypto::sha256(pdf).toHex()), record.value(QStringLiteral("letterSha256")).toString());
        const QByteArray text = runOk(QStringLiteral("pdftotext"), {letters.first(), QStringLiteral("-")});
        QVERIFY2(text.contains("Siti Aminah"), text.left(500).constData());
        QVERIFY(text.contains(kNik.toLatin1()));

        // 5. The printed letter's QR seal, read back from the printed PDF, verifies offline: ASLI.
        QVERIFY(runOk(QStringLiteral("pdftoppm"),
                    {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("150"), QStringLiteral("-singlefile"), letters.first(),
                        path(QStringLiteral("letter-scan"))})
            != "<failed>");
        const auto seal = devices::barcode::decode(QImage(path(QStringLiteral("letter-scan.png"))));
        QVERIFY(seal);
        QVERIFY(seal->contains(QStringLiteral("#SQ2")));
        QVERIFY(runKiosk(QStringLiteral("3-verify.json"), {{QStringLiteral("SEAL"), *seal}}));

        // 6. Revoked at the backend: after the kiosk's next sync the same seal reads DICABUT.
        QVERIFY(runOk(binary(QStringLiteral("backend/kecamatan-backend")),
                    {QStringLiteral("revoke"), QStringLiteral("--data"), path(QStringLiteral("backend")), reg, QStringLiteral("--reason"),
                        QStringLiteral("Uji pencabutan")})
            != "<failed>");
        QVERIFY(runKiosk(QStringLiteral("4-verify-revoked.json"), {{QStringLiteral("SEAL"), *seal}}));
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (!QFile::exists(QStringLiteral("/usr/sbin/cupsd")) || !QFile::exists(QStringLiteral("/usr/bin/pdftotext"))) {
        fprintf(stderr,
            "SKIP: cupsd (cups-daemon) or pdftotext (poppler-utils) is not installed; "
            "the end-to-end test needs its real peers. Run scripts/setup-deps.\n");
        return kSkip;
    }
    TestEndToEnd test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_endtoend.moc"
