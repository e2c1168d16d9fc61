// Issue #17 M1 and M3 on the real `kecamatan-backend serve` process (kiosk API and officer console over real TLS,
// curl as the browser and the kiosk): a double click on "teruskan" never signs without the passphrase, and
// everything `serve` writes into its data folder is readable by its own user only.
#include "backendstore.h"
#include "crypto.h"
#include "protocol.h"
#include "testbackend.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

const QString kDesa = QStringLiteral("3521112004");
const QString kSuperAdmin = QStringLiteral("superadmin");
const QString kSuperAdminPassword = QStringLiteral("superadmin-sandi-panjang");

/// What curl saw: HTTP status and body.
struct Reply {
    int status = 0;
    QByteArray body;
};

/// The permission bits of `path` (not following a symbolic link); -1 when it does not exist.
int modeOf(const QString &path)
{
    struct stat st {
    };
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace

class TestBackendHardening : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pki;
    QProcess m_backend;
    quint16 m_port = 0;
    quint16 m_consolePort = 0;

    [[nodiscard]] QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    [[nodiscard]] QStringList tlsArgs() const
    {
        return {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("60"), QStringLiteral("--cacert"),
            m_pki + QStringLiteral("/ca.crt")};
    }

    static Reply run(const QStringList &args, const QByteArray &input = {})
    {
        QProcess curl;
        curl.start(QStringLiteral("curl"), args);
        curl.write(input);
        curl.closeWriteChannel();
        Reply reply;
        if (!curl.waitForFinished(90000))
            return reply;
        const QByteArray out = curl.readAllStandardOutput();
        const qsizetype split = out.lastIndexOf('\n');
        reply.body = out.left(split);
        reply.status = out.mid(split + 1).toInt();
        return reply;
    }

    /// The kiosk API with the test kiosk's client certificate.
    Reply kiosk(const QString &method, const QString &path, const QByteArray &body, const QStringList &headers)
    {
        QStringList args = tlsArgs()
            + QStringList {QStringLiteral("-X"), method, QStringLiteral("--cert"), m_pki + QStringLiteral("/kiosk.crt"),
                QStringLiteral("--key"), m_pki + QStringLiteral("/kiosk.key"), QStringLiteral("-w"), QStringLiteral("\n%{http_code}"),
                QStringLiteral("--data-binary"), QStringLiteral("@-")};
        for (const QString &h : headers)
            args << QStringLiteral("-H") << h;
        args << QStringLiteral("https://localhost:%1%2").arg(m_port).arg(path);
        return run(args, body);
    }

    /// The officer console with a cookie jar.
    Reply console(const QString &jar, const QString &method, const QString &path, const QStringList &form = {})
    {
        QStringList args = tlsArgs()
            + QStringList {QStringLiteral("-X"), method, QStringLiteral("-c"), jar, QStringLiteral("-b"), jar, QStringLiteral("-w"),
                QStringLiteral("\n%{http_code}")};
        for (const QString &field : form)
            args << QStringLiteral("--data-urlencode") << field;
        args << QStringLiteral("https://localhost:%1%2").arg(m_consolePort).arg(path);
        return run(args);
    }

    /// `copies` identical POSTs of one session started together (one curl, parallel connections): a double click.
    QList<int> consoleTogether(const QString &jar, const QString &path, const QStringList &form, int copies)
    {
        QStringList args = tlsArgs()
            + QStringList {QStringLiteral("-Z"), QStringLiteral("--parallel-immediate"), QStringLiteral("-b"), jar, QStringLiteral("-w"),
                QStringLiteral("%{http_code}\n")};
        for (const QString &field : form)
            args << QStringLiteral("--data-urlencode") << field;
        for (int i = 0; i < copies; ++i)
            args << QStringLiteral("-o") << QStringLiteral("/dev/null")
                 << QStringLiteral("https://localhost:%1%2").arg(m_consolePort).arg(path);
        QProcess curl;
        curl.start(QStringLiteral("curl"), args);
        QList<int> statuses;
        if (!curl.waitForFinished(90000))
            return statuses;
        for (const QByteArray &line : curl.readAllStandardOutput().split('\n'))
            if (!line.trimmed().isEmpty())
                statuses.append(line.trimmed().toInt());
        return statuses;
    }

    static QString csrfOf(const QByteArray &html)
    {
        static const QRegularExpression token(QStringLiteral("name=\"csrf\" value=\"([^\"]+)\""));
        return token.match(QString::fromUtf8(html)).captured(1);
    }

    /// Logs in with a fresh cookie jar; the jar and the session's CSRF token (empty when the login failed).
    std::pair<QString, QString> login(const QString &user, const QString &password)
    {
        const QString jar = m_dir.filePath(QStringLiteral("jar-%1-%2").arg(user).arg(QDateTime::currentMSecsSinceEpoch()));
        const Reply form = console(jar, QStringLiteral("GET"), QStringLiteral("/masuk"));
        console(jar, QStringLiteral("POST"), QStringLiteral("/masuk"),
            {QStringLiteral("csrf=") + csrfOf(form.body), QStringLiteral("username=") + user, QStringLiteral("password=") + password});
        return {jar, csrfOf(console(jar, QStringLiteral("GET"), QStringLiteral("/")).body)};
    }

    /// Submits a SKTM request of the test kiosk's desa, naming `documents` as its pages.
    int submit(const QString &reg, const QList<serverlink::DocumentRef> &documents = {})
    {
        serverlink::SubmitRequest s;
        s.registrationNumber = reg;
        s.serviceCode = QStringLiteral("SKTM");
        s.nik = QStringLiteral("3521114506800002");
        s.name = QStringLiteral("Siti Aminah");
        s.address = QStringLiteral("Dusun Krajan RT 01 RW 02, Pitu");
        s.purpose = QStringLiteral("Pendaftaran BPJS PBI");
        s.fields = QJsonObject {{QStringLiteral("pekerjaan"), QStringLiteral("Petani")}};
        s.submittedAt = QDateTime::currentDateTimeUtc();
        s.documents = documents;
        return kiosk(QStringLiteral("POST"), QStringLiteral("/api/v1/requests"), s.toJson(),
            {QStringLiteral("Content-Type: application/json"), QStringLiteral("Idempotency-Key: idem-%1-000000000").arg(reg)})
            .status;
    }

    /// The approve form with every requirement ticked (no service has sixteen) and, when given, the passphrase.
    static QStringList approveForm(const QString &csrf, const QString &passphrase = {})
    {
        QStringList form {QStringLiteral("aksi=setujui"), QStringLiteral("csrf=") + csrf};
        for (int i = 0; i < 16; ++i)
            form << QStringLiteral("syarat=%1").arg(i);
        if (!passphrase.isEmpty())
            form << QStringLiteral("passphrase=") + passphrase;
        return form;
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()
            || QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
            QSKIP("openssl or curl is not installed: no test PKI, no console or kiosk client");
        QVERIFY(m_dir.isValid());
        m_pki = m_dir.filePath(QStringLiteral("pki"));
        QVERIFY(testsupport::makePki(m_pki));
        QVERIFY(testsupport::registerTestKiosk(dataDir(), m_pki));
        QVERIFY(testsupport::addStepOfficers(dataDir(), kDesa));
        QVERIFY(testsupport::runBackendCommand(dataDir(),
            {QStringLiteral("officer"), QStringLiteral("add"), QStringLiteral("--username"), kSuperAdmin, QStringLiteral("--role"),
                QStringLiteral("super_admin"), QStringLiteral("--office"), QStringLiteral("*")},
            kSuperAdminPassword.toUtf8() + '\n'));
        // A data folder as an older version (or a loose umask) left it: world-readable folder, database and letter.
        QVERIFY(QDir(dataDir()).mkpath(QStringLiteral("letters")));
        QFile old(dataDir() + QStringLiteral("/letters/LAMA-1.pdf"));
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("%PDF-1.4 surat lama");
        old.close();
        for (const auto &[path, mode] : {std::pair {dataDir(), 0755}, std::pair {dataDir() + QStringLiteral("/letters"), 0755},
                 std::pair {dataDir() + QStringLiteral("/letters/LAMA-1.pdf"), 0644},
                 std::pair {dataDir() + QStringLiteral("/backend.sqlite"), 0644}})
            QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(mode)), 0);

        m_backend.setProcessChannelMode(QProcess::SeparateChannels);
        m_backend.setStandardErrorFile(m_dir.filePath(QStringLiteral("serve.log")));
        const auto [api, console] = testsupport::startBackendWithConsole(m_backend, dataDir(), m_pki);
        QVERIFY2(api > 0, "kecamatan-backend serve did not start");
        m_port = api;
        m_consolePort = console;
    }

    void cleanupTestCase()
    {
        m_backend.terminate();
        m_backend.waitForFinished(10000);
    }

    // M1: the super admin may both forward and sign; a double click on "Berkas lengkap — teruskan" (no passphrase in
    // the form) must forward once and never go on to sign. Repeated, because it is a race.
    void doubleApproveNeverSignsWithoutPassphrase()
    {
        constexpr int kRounds = 20;
        constexpr int kClicks = 3;
        const auto [jar, csrf] = login(kSuperAdmin, kSuperAdminPassword);
        QVERIFY(!csrf.isEmpty());
        for (int i = 0; i < kRounds; ++i)
            QCOMPARE(submit(QStringLiteral("REG-M1-%1").arg(i)), 201);
        for (int i = 0; i < kRounds; ++i) {
            const QList<int> statuses
                = consoleTogether(jar, QStringLiteral("/permohonan/REG-M1-%1/aksi").arg(i), approveForm(csrf), kClicks);
            QCOMPARE(statuses.size(), kClicks);
            // One click forwards (303); the others find the request moved on (409) or, later, at a signing stage (403).
            QCOMPARE(statuses.count(303), 1);
            for (int status : statuses)
                QVERIFY2(status == 303 || status == 409 || status == 403, qPrintable(QString::number(status)));
        }
        auto store = backend::BackendStore::open(dataDir() + QStringLiteral("/backend.sqlite"));
        QVERIFY(store);
        int signedWithoutPassphrase = 0;
        for (int i = 0; i < kRounds; ++i) {
            const QString reg = QStringLiteral("REG-M1-%1").arg(i);
            const auto events = store.value()->events(reg);
            QVERIFY(events);
            const auto reached = [&](serverlink::Stage stage) {
                return std::count_if(
                    events.value().cbegin(), events.value().cend(), [stage](const backend::EventRecord &e) { return e.stage == stage; });
            };
            if (reached(serverlink::Stage::DesaSigned) > 0)
                ++signedWithoutPassphrase;
            QCOMPARE(reached(serverlink::Stage::DesaReview), 1);
            QCOMPARE(store.value()->request(reg).value().stage, serverlink::Stage::DesaReview);
        }
        QCOMPARE(signedWithoutPassphrase, 0);
    }

    // M3: after `serve` has stored a requirement page and written a signed letter, the data folder and everything in
    // it is the backend user's alone, also what an older version left world-readable (tightened at start, logged).
    void dataFolderIsPrivate()
    {
        QByteArray page(20000, Qt::Uninitialized);
        for (qsizetype i = 0; i < page.size(); ++i)
            page[i] = char((i * 7919) >> 3);
        serverlink::DocumentRef ref;
        ref.requirement = 0;
        ref.requirementText = QStringLiteral("Fotokopi KTP");
        ref.pageId = QStringLiteral("0123456789abcdef0123456789abcdef");
        ref.sha256 = QString::fromLatin1(serverlink::crypto::sha256(page).toHex());
        ref.size = page.size();
        const QString reg = QStringLiteral("REG-M3-1");
        QCOMPARE(submit(reg, {ref}), 201);
        const Reply put = kiosk(QStringLiteral("PUT"), QStringLiteral("/api/v1/requests/%1/documents/%2").arg(reg, ref.pageId), page,
            {QStringLiteral("Content-Type: application/octet-stream"),
                QStringLiteral("Content-Range: bytes 0-%1/%2").arg(page.size() - 1).arg(page.size())});
        QCOMPARE(put.status, 200);

        const QString action = QStringLiteral("/permohonan/%1/aksi").arg(reg);
        const QString fo = QStringLiteral("fo-") + kDesa, kades = QStringLiteral("kades-") + kDesa;
        const auto [foJar, foCsrf] = login(fo, fo + QStringLiteral("-sandi-panjang"));
        QCOMPARE(console(foJar, QStringLiteral("POST"), action, approveForm(foCsrf)).status, 303);
        const auto [kadesJar, kadesCsrf] = login(kades, kades + QStringLiteral("-sandi-panjang"));
        QCOMPARE(console(kadesJar, QStringLiteral("POST"), action, approveForm(kadesCsrf, kades + QStringLiteral("-sandi-panjang"))).status,
            303);

        const QString data = dataDir();
        QFile log(m_dir.filePath(QStringLiteral("serve.log")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY2(log.readAll().contains("diperketat"), "serve says that it tightened the old modes");
        QCOMPARE(modeOf(data), 0700);
        for (const QString &file : {QStringLiteral("backend.sqlite"), QStringLiteral("backend.sqlite-wal"),
                 QStringLiteral("backend.sqlite-shm"), QStringLiteral("letters/LAMA-1.pdf"), QStringLiteral("letters/%1.pdf").arg(reg)})
            QVERIFY2(modeOf(data + QLatin1Char('/') + file) == 0600, qPrintable(file));
        // Every page, key and folder: nothing for group or others.
        QStringList seen;
        QDirIterator it(data, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            seen.append(QDir(data).relativeFilePath(path));
            const int mode = modeOf(path);
            QVERIFY2((mode & 077) == 0, qPrintable(QStringLiteral("%1 has mode %2").arg(path).arg(mode, 4, 8, QLatin1Char('0'))));
            if (it.fileInfo().isDir())
                QVERIFY2(mode == 0700, qPrintable(path));
        }
        const auto named = [&seen](const QString &folder) {
            return std::any_of(seen.cbegin(), seen.cend(), [&folder](const QString &p) { return p.startsWith(folder + QLatin1Char('/')); });
        };
        QVERIFY2(named(QStringLiteral("documents")), qPrintable(seen.join(QLatin1Char(' '))));
        QVERIFY2(named(QStringLiteral("keys")), qPrintable(seen.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestBackendHardening)
#include "tst_backend_hardening.moc"
