// Status without a kiosk and bulk verification (#18 items 4–5) through the real kecamatan-backend process over real
// TLS (curl): the status page and its JSON tell the stage and a masked name, with the ticket's token or the NIK also
// the history and what to bring, never a note or the NIK; unknown and malformed numbers look alike; an SMS in Gammu's
// inbox folder is answered exactly once through the outbox, across re-scans and restarts; seals are verified in bulk
// with the backend's own lists; every limit answers 429 with Retry-After.
#include "backendrequest.h"
#include "backendstore.h"
#include "consolecurl.h"
#include "requestlife.h"
#include "testbackend.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using namespace backend;
using serverlink::Stage;

namespace {

const QString kDesa = QStringLiteral("3521112004");
const QString kOpen = QStringLiteral("7K3QM-X9P2D"); // returned to the citizen with a fix item and a note
const QString kSealed = QStringLiteral("9G5VB-T3M7E"); // approved: READY with a sealed letter
const QString kToken = QStringLiteral("tiket-token-0123456789a");
const QString kNik = QStringLiteral("3521114506800002");
const QString kNote = QStringLiteral("Catatan petugas: KK difotokopi ulang");

/// What curl saw, with the body as JSON.
struct Reply : testsupport::CurlReply {
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QStringList keysOf(const QJsonObject &o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

} // namespace

class TestPublicStatus : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_backend;
    quint16 m_console = 0;
    std::unique_ptr<BackendStore> m_store;

    QString path(const QString &rel) const { return m_dir.filePath(rel); }
    QString dataDir() const { return path(QStringLiteral("backend")); }
    QString inbox() const { return path(QStringLiteral("gammu/inbox")); }
    QString iniFile() const { return path(QStringLiteral("backend.ini")); }

    bool writeIni(const QString &publik)
    {
        QFile ini(iniFile());
        if (!ini.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        ini.write(QStringLiteral("[sms]\ntransport=off\n[sms_masuk]\ninbox=%1\nscan_interval_ms=100\n[publik]\n%2\n")
                      .arg(inbox(), publik)
                      .toUtf8());
        return true;
    }

    bool start()
    {
        m_backend.setProcessChannelMode(QProcess::SeparateChannels);
        m_backend.setStandardErrorFile(path(QStringLiteral("backend.log")), QIODevice::Append);
        m_console = testsupport::startBackendWithConsole(
            m_backend, dataDir(), path(QStringLiteral("pki")), {QStringLiteral("--notify-config"), iniFile()})
                        .second;
        return m_console != 0;
    }
    void kill()
    {
        m_backend.kill();
        m_backend.waitForFinished(10000);
    }

    Reply call(const QString &method, const QString &target, const QList<QPair<QString, QString>> &headers = {},
        const QByteArray &body = {}, const QStringList &form = {})
    {
        testsupport::CurlRequest request {method, target, {}, form, headers, {}};
        if (!body.isNull()) {
            QFile f(path(QStringLiteral("body.json")));
            if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
                f.write(body);
            request.bodyFile = f.fileName();
        }
        return Reply {testsupport::curl(m_console, path(QStringLiteral("pki/ca.crt")), path(QStringLiteral("headers.txt")), request)};
    }
    Reply status(const QString &number, const QList<QPair<QString, QString>> &headers = {})
    {
        return call(QStringLiteral("GET"), QStringLiteral("/api/public/v1/status/") + QString::fromLatin1(QUrl::toPercentEncoding(number)),
            headers);
    }
    Reply verify(const QStringList &seals)
    {
        return call(QStringLiteral("POST"), QStringLiteral("/api/public/v1/verify"), {},
            QJsonDocument(QJsonArray::fromStringList(seals)).toJson(QJsonDocument::Compact));
    }

    QList<NotificationRecord> statusAnswers()
    {
        QList<NotificationRecord> answers;
        const auto all = m_store->notifications();
        if (all)
            for (const NotificationRecord &n : all.value())
                if (n.kind == NotificationKind::StatusAnswer)
                    answers.append(n);
        return answers;
    }
    bool putSms(const QString &name, const QByteArray &bytes)
    {
        QFile f(QDir(inbox()).filePath(name));
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()
            || QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty()) {
            std::printf("SKIP: openssl or curl is not installed (test PKI, HTTPS client)\n");
            std::exit(77);
        }
        QVERIFY(testsupport::makePki(path(QStringLiteral("pki"))));
        QVERIFY(QDir().mkpath(dataDir()));
        QVERIFY(QDir().mkpath(inbox()));
        QVERIFY(writeIni(QStringLiteral("status_burst=1000\nseal_burst=100000")));
        auto store = BackendStore::open(QDir(dataDir()).filePath(QStringLiteral("backend.sqlite")));
        QVERIFY(store);
        m_store = std::move(store.value());
        for (const QString &reg : {kOpen, kSealed}) {
            NewRequest n = testsupport::makeRequest(reg, QStringLiteral("DOMISILI"), serverlink::ServiceLevel::Desa);
            n.submit.statusTokenHash = requestlife::statusTokenHash(kToken);
            QVERIFY(m_store->insertRequest(n));
        }
        Transition fix {Stage::Received, Stage::NeedsFix, QStringLiteral("Sri"), QStringLiteral("desa_front_office"), kNote, std::nullopt,
            std::nullopt};
        fix.fixes = {serverlink::FixItem {QStringLiteral("document:1"), QStringLiteral("Buram, foto ulang")}};
        QVERIFY(m_store->applyTransition(kOpen, fix));
        QVERIFY(testsupport::installOfflineRootByCli(dataDir(), path(QStringLiteral("root"))));
        QVERIFY(testsupport::approveAsOfficers(dataDir(), kSealed, kDesa));
        QVERIFY(start());
    }
    void cleanupTestCase()
    {
        kill();
        m_store.reset();
    }

    void statusBriefAndTheSameShapeForUnknown()
    {
        const Reply known = status(kOpen);
        QCOMPARE(known.status, 200);
        const QJsonObject o = known.json();
        QCOMPARE(o.value(QStringLiteral("found")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("registrationNumber")).toString(), kOpen);
        QCOMPARE(o.value(QStringLiteral("stage")).toString(), QStringLiteral("NEEDS_FIX"));
        QCOMPARE(o.value(QStringLiteral("maskedName")).toString(), QStringLiteral("S*** A*****"));
        QCOMPARE(o.value(QStringLiteral("detailed")).toBool(), false);
        QVERIFY(o.value(QStringLiteral("history")).toArray().isEmpty());
        for (const QString &secret :
            {QStringLiteral("Siti"), kNik, QStringLiteral("Krajan"), QStringLiteral("KK difotokopi"), QStringLiteral("Buram")})
            QVERIFY2(!known.body.contains(secret.toUtf8()), qPrintable(secret));
        // Typed the way people type it.
        QCOMPARE(status(QStringLiteral("7k3qm x9p2d")).json().value(QStringLiteral("registrationNumber")).toString(), kOpen);
        // Unknown and malformed: the same status and the same fields as a known number.
        for (const QString &other : {QStringLiteral("ZZZZZ-ZZZZZ"), QStringLiteral("<script>x</script>"), QStringLiteral("12")}) {
            const Reply r = status(other);
            QCOMPARE(r.status, known.status);
            QCOMPARE(keysOf(r.json()), keysOf(o));
            QCOMPARE(r.json().value(QStringLiteral("found")).toBool(), false);
            QVERIFY(r.json().value(QStringLiteral("maskedName")).isNull());
            QCOMPARE(r.header(QStringLiteral("Content-Type")), known.header(QStringLiteral("Content-Type")));
        }
    }

    void tokenOrNikUnlocksHistoryAndWhatToBring()
    {
        using Header = QPair<QString, QString>;
        for (const Header &proof :
            {Header {QStringLiteral("X-Status-Token"), kToken}, Header {QStringLiteral("X-Status-Token"), QStringLiteral("ADT1:") + kToken},
                Header {QStringLiteral("X-Applicant-NIK"), kNik}}) {
            const Reply r = status(kOpen, {proof});
            const QJsonObject o = r.json();
            QVERIFY2(o.value(QStringLiteral("detailed")).toBool(), qPrintable(proof.first));
            const QJsonArray history = o.value(QStringLiteral("history")).toArray();
            QCOMPARE(history.size(), 2);
            QCOMPARE(history.at(0).toObject().value(QStringLiteral("stage")).toString(), QStringLiteral("RECEIVED"));
            QCOMPARE(history.at(1).toObject().value(QStringLiteral("stage")).toString(), QStringLiteral("NEEDS_FIX"));
            const QStringList bring = o.value(QStringLiteral("bring")).toVariant().toStringList();
            QVERIFY2(bring.size() >= 2, r.body.constData());
            // Notes, fix reasons, NIK and address still stay in the office.
            for (const QString &secret :
                {QStringLiteral("Siti"), kNik, QStringLiteral("Krajan"), QStringLiteral("KK difotokopi"), QStringLiteral("Buram")})
                QVERIFY2(!r.body.contains(secret.toUtf8()), qPrintable(secret));
        }
        // A wrong token, a partial NIK, or the right token for another request: the brief answer.
        for (const Header &proof :
            {Header {QStringLiteral("X-Status-Token"), QStringLiteral("salah")}, Header {QStringLiteral("X-Applicant-NIK"), kNik.left(15)}})
            QCOMPARE(status(kOpen, {proof}).json().value(QStringLiteral("detailed")).toBool(), false);
        QCOMPARE(status(QStringLiteral("ZZZZZ-ZZZZZ"), {{QStringLiteral("X-Status-Token"), kToken}})
                     .json()
                     .value(QStringLiteral("found"))
                     .toBool(),
            false);
    }

    void statusPageWithoutJavaScript()
    {
        const Reply empty = call(QStringLiteral("GET"), QStringLiteral("/status"));
        QCOMPARE(empty.status, 200);
        QVERIFY(empty.body.contains("name=\"nomor\""));
        QVERIFY(!empty.body.contains("<script"));
        QVERIFY(empty.body.contains("width=device-width"));
        const Reply brief = call(QStringLiteral("GET"), QStringLiteral("/status?nomor=") + kSealed.toLower());
        QCOMPARE(brief.status, 200);
        QVERIFY(brief.body.contains("S*** A*****"));
        QVERIFY(brief.body.contains(serverlink::stageLabelId(Stage::Ready).toUtf8()));
        QVERIFY(!brief.body.contains("Siti"));
        QVERIFY(!brief.body.contains("Riwayat"));
        // The NIK travels in the POST body, never in the address.
        const Reply detailed = call(
            QStringLiteral("POST"), QStringLiteral("/status"), {}, {}, {QStringLiteral("nomor=") + kSealed, QStringLiteral("nik=") + kNik});
        QCOMPARE(detailed.status, 200);
        QVERIFY(detailed.body.contains("Riwayat"));
        QVERIFY(detailed.body.contains("KTP asli"));
        QVERIFY(!detailed.body.contains(kNik.toUtf8()));
        const Reply unknown = call(QStringLiteral("GET"), QStringLiteral("/status?nomor=ZZZZZ-ZZZZZ"));
        const Reply malformed = call(QStringLiteral("GET"), QStringLiteral("/status?nomor=%3Cb%3E"));
        QCOMPARE(unknown.status, 200);
        QCOMPARE(malformed.status, 200);
        QVERIFY(unknown.body.contains("tidak ditemukan"));
        QVERIFY(malformed.body.contains("tidak ditemukan"));
        QVERIFY(!malformed.body.contains("<b>"));
    }

    void bulkVerdictsWithTheBackendsLists()
    {
        const auto seal = m_store->seal(kSealed);
        QVERIFY(seal);
        const QString text = seal.value().sealText;
        QVERIFY(!text.isEmpty());
        // A seal from the committed vectors is signed under another root: its key is not ours.
        // One digit of the signed body changed (SQ2: the URL before '#' is not signed, so the change goes after it).
        QString tampered = text;
        const qsizetype at = text.size() - 40;
        tampered[at] = tampered.at(at) == QLatin1Char('1') ? QLatin1Char('2') : QLatin1Char('1');
        QFile vectors(testsupport::source(QStringLiteral("tests/data/seal/vectors.json")));
        QVERIFY(vectors.open(QIODevice::ReadOnly));
        const QString foreign = QJsonDocument::fromJson(vectors.readAll())
                                    .object()
                                    .value(QStringLiteral("valid"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QStringLiteral("seal"))
                                    .toString();
        const Reply r = verify({text, tampered, foreign, QStringLiteral("bukan segel")});
        QCOMPARE(r.status, 200);
        const QJsonArray results = r.json().value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 4);
        const QStringList expected {
            QStringLiteral("ASLI"), QStringLiteral("TIDAK_VALID"), QStringLiteral("TIDAK_DIKENAL"), QStringLiteral("TIDAK_VALID")};
        for (int i = 0; i < 4; ++i)
            QCOMPARE(results.at(i).toObject().value(QStringLiteral("verdict")).toString(), expected.at(i));
        const QJsonObject letter = results.at(0).toObject().value(QStringLiteral("letter")).toObject();
        QCOMPARE(letter.value(QStringLiteral("office")).toString(), kDesa);
        QCOMPARE(letter.value(QStringLiteral("holderName")).toString(), QStringLiteral("Siti Aminah"));
        QVERIFY(!r.body.contains("nikTag"));
        QVERIFY(!r.body.contains(kNik.toUtf8()));
        QVERIFY(!r.json().value(QStringLiteral("statusPer")).toString().isEmpty());
        // Withdrawn with the backend's own command: the next answer says DICABUT.
        QVERIFY(testsupport::runBackendCommand(
            dataDir(), {QStringLiteral("revoke"), kSealed, QStringLiteral("--reason"), QStringLiteral("uji")}));
        QCOMPARE(
            verify({text}).json().value(QStringLiteral("results")).toArray().at(0).toObject().value(QStringLiteral("verdict")).toString(),
            QStringLiteral("DICABUT"));
    }

    void bulkRefusesTooManyAndMalformed()
    {
        const auto seal = m_store->seal(kSealed);
        QVERIFY(seal);
        QStringList many;
        for (int i = 0; i < 101; ++i)
            many.append(seal.value().sealText);
        const Reply tooMany = verify(many);
        QCOMPARE(tooMany.status, 413);
        QCOMPARE(tooMany.json().value(QStringLiteral("error")).toString(), QStringLiteral("too_many_seals"));
        const auto before = m_store->notifications();
        QVERIFY(before);
        for (const QByteArray &bad : {QByteArray("[\"SQ1:"), QByteArray("{\"seals\": []}"), QByteArray("[42]")}) {
            const Reply r = call(QStringLiteral("POST"), QStringLiteral("/api/public/v1/verify"), {}, bad);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("bad_request"));
        }
        // Larger than any 100 seals: refused by its headers, before the body is read.
        const Reply huge = call(QStringLiteral("POST"), QStringLiteral("/api/public/v1/verify"), {}, QByteArray(300 * 1024, ' '));
        QCOMPARE(huge.status, 413);
        // Nothing changed: the store as before, and the next well-formed batch answered.
        QCOMPARE(m_store->notifications().value().size(), before.value().size());
        QCOMPARE(verify(many.mid(0, 100)).status, 200);
    }

    void smsAnsweredExactlyOnce()
    {
        // Gammu's default InboxFormat (unicode): UTF-16 with a byte order mark.
        QStringEncoder utf16(QStringConverter::Utf16BE);
        const QString asked = QStringLiteral("IN20261207_101500_00_+6281234567890_00.txt");
        const QByteArray askedBytes = QByteArray("\xFE\xFF") + QByteArray(utf16(QStringLiteral("status 7k3qm x9p2d")));
        QVERIFY(putSms(asked, askedBytes));
        QVERIFY(putSms(QStringLiteral("IN20261207_101501_00_+6281234567891_00.txt"), "STATUS ZZZZZ-ZZZZZ"));
        const QString chat = QStringLiteral("IN20261207_101502_00_+6281234567893_00.txt");
        QVERIFY(putSms(chat, "Halo, kantor desa buka jam berapa?"));
        QTRY_COMPARE_WITH_TIMEOUT(statusAnswers().size(), 2, 20000);
        const QList<NotificationRecord> answers = statusAnswers();
        const NotificationRecord &known = answers.at(0).registrationNumber == kOpen ? answers.at(0) : answers.at(1);
        const NotificationRecord &unknown = answers.at(0).registrationNumber == kOpen ? answers.at(1) : answers.at(0);
        QCOMPARE(known.registrationNumber, kOpen);
        QCOMPARE(known.recipient, QStringLiteral("+6281234567890"));
        QVERIFY2(known.message.contains(QStringLiteral("S*** A*****")), qPrintable(known.message));
        QVERIFY2(known.message.contains(serverlink::stageLabelId(Stage::NeedsFix)), qPrintable(known.message));
        QVERIFY(!known.message.contains(QStringLiteral("Siti")) && !known.message.contains(QStringLiteral("KK difotokopi")));
        QVERIFY(known.message.size() <= 160);
        QVERIFY2(unknown.message.contains(QStringLiteral("tidak ditemukan")), qPrintable(unknown.message));
        QVERIFY(unknown.registrationNumber.isEmpty());
        // Answered messages leave the inbox; a message that asks nothing stays for whoever else reads it.
        const QString processed = QDir(inbox()).filePath(QStringLiteral("diproses"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(QDir(processed).filePath(asked)), 20000);
        QVERIFY(!QFile::exists(QDir(inbox()).filePath(asked)));
        QVERIFY(QFile::exists(QDir(inbox()).filePath(chat)));

        // Recorded but not moved (a crash between the two): the next scan moves it and answers nothing.
        QVERIFY(putSms(asked, askedBytes));
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(QDir(inbox()).filePath(asked)), 20000);
        QCOMPARE(statusAnswers().size(), 2);
        // The same after a restart (SIGKILL, no clean shutdown).
        kill();
        QVERIFY(putSms(asked, askedBytes));
        QVERIFY(start());
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(QDir(inbox()).filePath(asked)), 20000);
        QCOMPARE(statusAnswers().size(), 2);

        // One sender gets at most five answers a day (the default); the sixth question is recorded, not answered.
        const QString sender = QStringLiteral("+6281234567892");
        for (int i = 0; i < 6; ++i)
            QVERIFY(
                putSms(QStringLiteral("IN20261207_1016%1_00_%2_00.txt").arg(i, 2, 10, QLatin1Char('0')).arg(sender), "STATUS 7K3QM-X9P2D"));
        QTRY_VERIFY_WITH_TIMEOUT(QDir(inbox()).entryList({QStringLiteral("IN*")}, QDir::Files).size() == 1, 20000);
        int toSender = 0;
        for (const NotificationRecord &n : statusAnswers())
            toSender += n.recipient == sender ? 1 : 0;
        QCOMPARE(toSender, 5);
    }

    void rateLimitAnswers429WithRetryAfter()
    {
        kill();
        QVERIFY(writeIni(QStringLiteral("status_per_minute=1\nstatus_burst=3\nseals_per_minute=1\nseal_burst=2")));
        QVERIFY(start());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(status(kOpen).status, 200);
        const Reply limited = status(kOpen);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.json().value(QStringLiteral("error")).toString(), QStringLiteral("rate_limited"));
        QVERIFY2(limited.header(QStringLiteral("Retry-After")).toInt() >= 1, limited.headers.constData());
        // The page shares the JSON's budget: no way around the limit through the other door.
        const Reply page = call(QStringLiteral("GET"), QStringLiteral("/status?nomor=") + kOpen);
        QCOMPARE(page.status, 429);
        QVERIFY(page.header(QStringLiteral("Retry-After")).toInt() >= 1);
        QVERIFY(page.body.contains("Coba lagi"));
        // Bulk verification counts seals: a batch of two empties the burst of two.
        const QString text = m_store->seal(kSealed).value().sealText;
        QCOMPARE(verify({text, text}).status, 200);
        const Reply sealsLimited = verify({text});
        QCOMPARE(sealsLimited.status, 429);
        QVERIFY(sealsLimited.header(QStringLiteral("Retry-After")).toInt() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestPublicStatus)
#include "tst_public_status.moc"
