#include "../tools/consolecurl.h"
#include "../tools/testbackend.h"
#include "backend.h"
#include "console/consolepages.h"
#include "console/consoleserver.h"
#include "console/html.h"
#include "console/verifypage.h"
#include "crypto.h"
#include "logcapture.h"
#include "masking.h"
#include "notifications.h"
#include "officeraccounts.h"
#include "requestlife.h"
#include "workflowfixture.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdlib>
#include <vector>

using namespace backend;
using serverlink::Stage;

namespace {

const QString kDesa = QStringLiteral("3521112004");
const QString kOtherKecamatanDesa = QStringLiteral("3522010001");

using Reply = testsupport::CurlReply;

} // namespace

/// The officer console over real HTTPS without a browser (curl with a cookie jar): sessions,
/// CSRF, role checks, escaping, lockout. The browser run is tests/e2e (console_e2e).
class TestConsole : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pki;
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<ConsoleServer> m_console;
    quint16 m_port = 0;

    /// One request with curl; `source` binds the client to that local address (127.0.0.2: another browser's address);
    /// `requestHeaders` as "Name: value".
    Reply call(const QString &jar, const QString &method, const QString &path, const QStringList &form = {}, const QString &source = {},
        const QStringList &requestHeaders = {})
    {
        QList<QPair<QString, QString>> headers;
        for (const QString &header : requestHeaders)
            headers.append({header.section(QLatin1Char(':'), 0, 0).trimmed(), header.section(QLatin1Char(':'), 1).trimmed()});
        return testsupport::curl(m_port, m_pki + QStringLiteral("/ca.crt"), m_dir.filePath(QStringLiteral("headers.txt")),
            testsupport::CurlRequest {method, path, jar, form, headers, {}, source});
    }

    static QString csrfOf(const QByteArray &html)
    {
        static const QRegularExpression token(QStringLiteral("name=\"csrf\" value=\"([^\"]+)\""));
        return token.match(QString::fromUtf8(html)).captured(1);
    }

    /// Logs in with a fresh cookie jar (from `source`, see call()); returns the jar path and the session's CSRF token.
    std::pair<QString, QString> login(
        const QString &user, const QString &password, int *status = nullptr, const QString &source = {}, QByteArray *answer = nullptr)
    {
        static int logins = 0;
        const QString jar = m_dir.filePath(QStringLiteral("jar-%1-%2").arg(user).arg(++logins));
        const Reply form = call(jar, QStringLiteral("GET"), QStringLiteral("/masuk"), {}, source);
        const Reply done = call(jar, QStringLiteral("POST"), QStringLiteral("/masuk"),
            {QStringLiteral("csrf=") + csrfOf(form.body), QStringLiteral("username=") + user, QStringLiteral("password=") + password},
            source);
        if (status)
            *status = done.status;
        if (answer)
            *answer = done.body;
        const Reply inbox = call(jar, QStringLiteral("GET"), QStringLiteral("/"), {}, source);
        return {jar, csrfOf(inbox.body)};
    }

    /// The message of a page (the login form's answer), without the per-request CSRF token.
    static QString messageOf(const QByteArray &html)
    {
        static const QRegularExpression message(QStringLiteral("<p class=\"(?:pesan|galat)[^\"]*\"[^>]*>([^<]*)</p>"));
        return message.match(QString::fromUtf8(html)).captured(1);
    }

    /// A connection to the test's database beside the store's, for what the store offers no method for.
    template<typename Work> void withDatabase(Work work)
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("direct"));
            db.setDatabaseName(m_dir.filePath(QStringLiteral("data/backend.sqlite")));
            QVERIFY(db.open());
            work(db);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    }

    void addOfficer(const QString &user, Role role, const QString &office)
    {
        OfficerRecord o;
        o.username = user;
        o.displayName = QStringLiteral("Petugas <%1>").arg(user);
        o.role = role;
        o.office = office;
        o.passwordHash = serverlink::crypto::hashSecret(QStringLiteral("sandi-%1-panjang").arg(user));
        QVERIFY(m_backend->store->insertOfficer(o));
    }

    void submit(const QString &reg, const QString &name)
    {
        NewRequest n;
        n.kioskId = QStringLiteral("KIOSK-0001");
        n.desaCode = kDesa;
        n.idempotencyKey = QStringLiteral("key-%1-0000000000").arg(reg);
        n.submit.registrationNumber = reg;
        n.submit.serviceCode = QStringLiteral("DOMISILI");
        n.submit.nik = QStringLiteral("3521114506800002");
        n.submit.name = name;
        n.submit.address = QStringLiteral("Dusun Krajan");
        n.submit.purpose = QStringLiteral("Uji");
        n.submit.submittedAt = QDateTime::currentDateTimeUtc();
        n.bodySha256 = reg;
        QVERIFY(m_backend->store->insertRequest(n));
    }

    /// The front office checks the documents, the kepala desa signs: both through the console.
    void forwardAndSign(const QString &reg)
    {
        const QString action = QStringLiteral("/permohonan/%1/aksi").arg(reg);
        const auto [foJar, foCsrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        QStringList ticked {QStringLiteral("aksi=setujui"), QStringLiteral("csrf=") + foCsrf};
        for (int i = 0; i < 10; ++i)
            ticked << QStringLiteral("syarat=%1").arg(i);
        QCOMPARE(call(foJar, QStringLiteral("POST"), action, ticked).status, 303);
        const auto [kadesJar, kadesCsrf] = login(QStringLiteral("kades"), QStringLiteral("sandi-kades-panjang"));
        QCOMPARE(
            call(kadesJar, QStringLiteral("POST"), action,
                {QStringLiteral("aksi=setujui"), QStringLiteral("csrf=") + kadesCsrf, QStringLiteral("passphrase=sandi-kades-panjang")})
                .status,
            303);
    }

    /// The form fields of the desa edit form with the kepala desa and nomor format given.
    static QStringList desaForm(const QString &csrf, const QString &kepalaDesa, const QString &nomorFormat)
    {
        return {QStringLiteral("csrf=") + csrf, QStringLiteral("nama=Desa Pitu"), QStringLiteral("tempat=Pitu"),
            QStringLiteral("alamat=Jalan Raya Pitu No. 1, Pitu, Ngawi 63253"), QStringLiteral("kepala_desa=") + kepalaDesa,
            QStringLiteral("format_nomor=") + nomorFormat, QStringLiteral("kode_surat=404.604.04")};
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
        m_backend = testsupport::freshBackend(m_dir.filePath(QStringLiteral("data")));
        QVERIFY(m_backend);
        // The verification page carries the root's key and the lists need a list signer: the offline root's ceremony.
        QVERIFY(!testsupport::installOfflineRoot(*m_backend->seals, m_dir.filePath(QStringLiteral("root"))).isEmpty());
        // A desa of another kecamatan, which the admin kecamatan of Pitu may not edit.
        DesaOffice jati = m_backend->offices.desa(kDesa).value();
        jati.code = kOtherKecamatanDesa;
        jati.kecamatanCode = QStringLiteral("352201");
        jati.name = QStringLiteral("Desa Jati");
        jati.kecamatan = QStringLiteral("Widodaren");
        jati.kepalaDesa = QStringLiteral("Kades Jati");
        QVERIFY(m_backend->offices.save(jati, QStringLiteral("penyiapan")));
        addOfficer(QStringLiteral("fo"), Role::DesaFrontOffice, kDesa);
        addOfficer(QStringLiteral("kades"), Role::KepalaDesa, kDesa);
        addOfficer(QStringLiteral("camat"), Role::Camat, QStringLiteral("352111"));
        addOfficer(QStringLiteral("admin"), Role::AdminKecamatan, QStringLiteral("352111"));
        addOfficer(QStringLiteral("sekloket"), Role::SekretarisDesa, kDesa);
        addOfficer(QStringLiteral("sekjati"), Role::SekretarisDesa, kOtherKecamatanDesa);
        m_console = std::make_unique<ConsoleServer>(*m_backend->store, *m_backend->workflow);
        addConsolePages(
            *m_console, *m_backend->store, m_backend->catalog, m_backend->offices, *m_backend->workflow, 1000, m_backend->documents.get());
        m_console->addPage(QStringLiteral("/contoh"), QStringLiteral("Contoh"), {Role::Camat}, [](const ConsolePageRequest &r) {
            ConsolePageReply reply;
            reply.bodyHtml = QStringLiteral("<p id=\"contoh\">%1</p>").arg(console::html::escape(r.query.value(QStringLiteral("x"))));
            return reply;
        });
        addVerifyPage(*m_console, *m_backend->seals);
        const auto port = m_console->start(
            QStringLiteral("127.0.0.1"), 0, m_pki + QStringLiteral("/server.crt"), m_pki + QStringLiteral("/server.key"));
        QVERIFY2(port, port ? "" : qPrintable(port.error().message));
        m_port = port.value();
    }

    void cleanupTestCase()
    {
        m_console.reset();
        m_backend.reset();
    }

    void escapeEverything()
    {
        QCOMPARE(console::html::escape(QStringLiteral("<a href=\"x\">'&'</a>")),
            QStringLiteral("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"));
    }

    void loginSessionAndCookie()
    {
        const QString jar = m_dir.filePath(QStringLiteral("jar-anon"));
        const Reply anonymous = call(jar, QStringLiteral("GET"), QStringLiteral("/"));
        QCOMPARE(anonymous.status, 303);
        QVERIFY(anonymous.headers.contains("Location: /masuk"));

        const Reply form = call(jar, QStringLiteral("GET"), QStringLiteral("/masuk"));
        const Reply done = call(jar, QStringLiteral("POST"), QStringLiteral("/masuk"),
            {QStringLiteral("csrf=") + csrfOf(form.body), QStringLiteral("username=fo"), QStringLiteral("password=sandi-fo-panjang")});
        QCOMPARE(done.status, 303);
        static const QRegularExpression cookie(
            QStringLiteral("Set-Cookie: __Host-sid=([A-Za-z0-9_-]+); Path=/; Secure; HttpOnly; SameSite=Strict"));
        const auto match = cookie.match(QString::fromLatin1(done.headers));
        QVERIFY2(match.hasMatch(), done.headers.constData());
        const QString raw = match.captured(1);
        QVERIFY(raw.size() >= 43);
        // Only the hash is stored.
        const auto byRaw = m_backend->store->session(raw);
        QVERIFY(byRaw && !byRaw.value());
        const auto byHash = m_backend->store->session(QString::fromLatin1(serverlink::crypto::sha256(raw.toLatin1()).toHex()));
        QVERIFY(byHash && byHash.value());

        const Reply inbox = call(jar, QStringLiteral("GET"), QStringLiteral("/"));
        QCOMPARE(inbox.status, 200);
        QVERIFY(inbox.headers.contains("Content-Security-Policy: default-src 'none'"));
        // The display name is escaped in the page chrome.
        QVERIFY(inbox.body.contains("Petugas &lt;fo&gt;"));

        // Idle expiry: a session last seen long ago is gone.
        QVERIFY(m_backend->store->touchSession(
            byHash.value()->idHash, QDateTime::currentDateTimeUtc().addSecs(-(ConsoleServer::kIdleMinutes * 60 + 5))));
        const Reply expired = call(jar, QStringLiteral("GET"), QStringLiteral("/"));
        QCOMPARE(expired.status, 303);
        QVERIFY(expired.headers.contains("Location: /masuk?pesan=habis"));
        QVERIFY(!m_backend->store->session(byHash.value()->idHash).value());
    }

    void loginWithoutCsrfRefused()
    {
        const QString jar = m_dir.filePath(QStringLiteral("jar-nocsrf"));
        const Reply done = call(jar, QStringLiteral("POST"), QStringLiteral("/masuk"),
            {QStringLiteral("username=fo"), QStringLiteral("password=sandi-fo-panjang")});
        QCOMPARE(done.status, 403);
        QVERIFY(!done.headers.contains("__Host-sid="));
    }

    void csrfAndRoleRefusals()
    {
        submit(QStringLiteral("REG-C-1"), QStringLiteral("Sri <i>Rahayu</i>"));
        const auto [jar, csrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        QVERIFY(!csrf.isEmpty());
        const QString action = QStringLiteral("/permohonan/REG-C-1/aksi");
        QCOMPARE(call(jar, QStringLiteral("POST"), action, {QStringLiteral("aksi=tolak"), QStringLiteral("catatan=x")}).status, 403);
        QCOMPARE(call(jar, QStringLiteral("POST"), action,
                     {QStringLiteral("aksi=tolak"), QStringLiteral("catatan=x"), QStringLiteral("csrf=salah")})
                     .status,
            403);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-C-1")).value().stage, Stage::Received);

        const Reply detail = call(jar, QStringLiteral("GET"), QStringLiteral("/permohonan/REG-C-1"));
        QCOMPARE(detail.status, 200);
        QVERIFY(detail.body.contains("Sri &lt;i&gt;Rahayu&lt;/i&gt;"));
        QVERIFY(!detail.body.contains("<i>Rahayu"));

        // Approving without ticking the requirements is refused; ticking them all forwards.
        QCOMPARE(call(jar, QStringLiteral("POST"), action, {QStringLiteral("aksi=setujui"), QStringLiteral("csrf=") + csrf}).status, 400);
        QStringList ticked {QStringLiteral("aksi=setujui"), QStringLiteral("csrf=") + csrf};
        for (int i = 0; i < 10; ++i)
            ticked << QStringLiteral("syarat=%1").arg(i);
        QCOMPARE(call(jar, QStringLiteral("POST"), action, ticked).status, 303);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-C-1")).value().stage, Stage::DesaReview);

        // The front office cannot sign, open the signer page, or the camat's page.
        QCOMPARE(call(jar, QStringLiteral("POST"), action,
                     {QStringLiteral("aksi=setujui"), QStringLiteral("csrf=") + csrf, QStringLiteral("passphrase=sandi-fo-panjang")})
                     .status,
            403);
        QCOMPARE(call(jar, QStringLiteral("GET"), QStringLiteral("/tanda-tangan")).status, 403);
        QCOMPARE(call(jar, QStringLiteral("GET"), QStringLiteral("/contoh")).status, 403);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-C-1")).value().stage, Stage::DesaReview);

        // The kepala desa signs only with the right passphrase.
        const auto [kadesJar, kadesCsrf] = login(QStringLiteral("kades"), QStringLiteral("sandi-kades-panjang"));
        QCOMPARE(call(kadesJar, QStringLiteral("POST"), action,
                     {QStringLiteral("aksi=setujui"), QStringLiteral("csrf=") + kadesCsrf, QStringLiteral("passphrase=salah")})
                     .status,
            403);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-C-1")).value().stage, Stage::DesaReview);
        QCOMPARE(
            call(kadesJar, QStringLiteral("POST"), action,
                {QStringLiteral("aksi=setujui"), QStringLiteral("csrf=") + kadesCsrf, QStringLiteral("passphrase=sandi-kades-panjang")})
                .status,
            303);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-C-1")).value().stage, Stage::Ready);
        const Reply pdf = call(kadesJar, QStringLiteral("GET"), QStringLiteral("/permohonan/REG-C-1/surat.pdf"));
        QCOMPARE(pdf.status, 200);
        QVERIFY(pdf.body.startsWith("%PDF"));
    }

    void adminEditsDesaMasterData()
    {
        submit(QStringLiteral("REG-D-1"), QStringLiteral("Sri Rahayu"));
        const auto [jar, csrf] = login(QStringLiteral("admin"), QStringLiteral("sandi-admin-panjang"));
        QVERIFY(!csrf.isEmpty());
        const Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/admin/desa"));
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("action=\"/admin/desa/3521112004\""));
        QVERIFY(!page.body.contains("action=\"/admin/desa/3522010001\""));

        const QString newFormat = QStringLiteral("{klasifikasi}/DS/{nomor:4}/{kodeSurat}/{tahun}");
        const Reply saved = call(jar, QStringLiteral("POST"), QStringLiteral("/admin/desa/") + kDesa,
            desaForm(csrf, QStringLiteral("Hj. Siti <Rahmawati>"), newFormat));
        QCOMPARE(saved.status, 303);
        QVERIFY(saved.headers.contains("Location: /admin/desa?pesan=desa"));
        QCOMPARE(m_backend->offices.desa(kDesa)->kepalaDesa, QStringLiteral("Hj. Siti <Rahmawati>"));
        const auto audit = m_backend->store->auditLog(1).value();
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first().actor, QStringLiteral("admin"));
        QCOMPARE(audit.first().subject, kDesa);
        const Reply after = call(jar, QStringLiteral("GET"), QStringLiteral("/admin/desa?pesan=desa"));
        QVERIFY(after.body.contains("Data desa disimpan"));
        QVERIFY(after.body.contains("value=\"Hj. Siti &lt;Rahmawati&gt;\""));

        // The next letter: the preview names the new kepala desa; the signed letter too, numbered in the new format.
        // The desa's front office looks: the admin kecamatan does not see citizens' letters (decision 0033).
        const auto [foJar, foCsrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        const Reply preview = call(foJar, QStringLiteral("GET"), QStringLiteral("/permohonan/REG-D-1"));
        QCOMPARE(preview.status, 200);
        QVERIFY(preview.body.contains("Hj. Siti &lt;Rahmawati&gt;"));
        forwardAndSign(QStringLiteral("REG-D-1"));
        const RequestRecord signedLetter = m_backend->store->request(QStringLiteral("REG-D-1")).value();
        QCOMPARE(signedLetter.stage, Stage::Ready);
        QVERIFY2(QRegularExpression(QStringLiteral("^470/DS/\\d{4}/404\\.604\\.04/%1$").arg(QDate::currentDate().year()))
                     .match(signedLetter.nomorSurat)
                     .hasMatch(),
            qPrintable(signedLetter.nomorSurat));
        QCOMPARE(signedLetter.signer.name, QStringLiteral("Hj. Siti <Rahmawati>"));
        if (!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
            QProcess text;
            text.start(QStringLiteral("pdftotext"), {signedLetter.letterPath, QStringLiteral("-")});
            QVERIFY(text.waitForFinished(20000));
            const QString printed = QString::fromUtf8(text.readAllStandardOutput());
            QVERIFY2(printed.contains(QStringLiteral("Hj. Siti <Rahmawati>")), qPrintable(printed));
            QVERIFY(printed.contains(signedLetter.nomorSurat));
        }
    }

    void desaEditsRefused()
    {
        const DesaOffice before = m_backend->offices.desa(kDesa).value();
        const DesaOffice otherBefore = m_backend->offices.desa(kOtherKecamatanDesa).value();
        const int audited = m_backend->store->auditLog(100).value().size();
        const auto unchanged = [&] {
            return m_backend->offices.desa(kDesa)->kepalaDesa == before.kepalaDesa
                && m_backend->offices.desa(kDesa)->nomorFormat == before.nomorFormat
                && m_backend->offices.desa(kOtherKecamatanDesa)->kepalaDesa == otherBefore.kepalaDesa
                && m_backend->store->desaOffices().value().size() == 2 && m_backend->store->auditLog(100).value().size() == audited;
        };
        const auto [jar, csrf] = login(QStringLiteral("admin"), QStringLiteral("sandi-admin-panjang"));
        QVERIFY(!csrf.isEmpty());

        // A desa of another kecamatan.
        const Reply foreign = call(jar, QStringLiteral("POST"), QStringLiteral("/admin/desa/") + kOtherKecamatanDesa,
            desaForm(csrf, QStringLiteral("Penyusup"), before.nomorFormat));
        QCOMPARE(foreign.status, 403);
        QVERIFY(unchanged());
        // A nomor format without {nomor}: every letter would get the same number.
        const Reply invalid = call(jar, QStringLiteral("POST"), QStringLiteral("/admin/desa/") + kDesa,
            desaForm(csrf, QStringLiteral("Kades Baru"), QStringLiteral("470/{kode}/{tahun}")));
        QCOMPARE(invalid.status, 400);
        QVERIFY(invalid.body.contains("harus memuat {nomor}"));
        QVERIFY(unchanged());
        // Without the CSRF token.
        QStringList noCsrf = desaForm(csrf, QStringLiteral("Kades Baru"), before.nomorFormat);
        noCsrf.removeFirst();
        QCOMPARE(call(jar, QStringLiteral("POST"), QStringLiteral("/admin/desa/") + kDesa, noCsrf).status, 403);
        QVERIFY(unchanged());
        // Adding a desa outside the admin's kecamatan.
        QStringList foreignNew = desaForm(csrf, QStringLiteral("Kades Baru"), before.nomorFormat);
        foreignNew << QStringLiteral("kode=3522010002");
        QCOMPARE(call(jar, QStringLiteral("POST"), QStringLiteral("/admin/desa"), foreignNew).status, 403);
        QVERIFY(unchanged());

        // The desa front office may neither open nor post the page.
        const auto [foJar, foCsrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        QCOMPARE(call(foJar, QStringLiteral("GET"), QStringLiteral("/admin/desa")).status, 403);
        QCOMPARE(call(foJar, QStringLiteral("POST"), QStringLiteral("/admin/desa/") + kDesa,
                     desaForm(foCsrf, QStringLiteral("Kades Baru"), before.nomorFormat))
                     .status,
            403);
        QVERIFY(unchanged());
    }

    void adminAddsDesaOfOwnKecamatan()
    {
        const auto [jar, csrf] = login(QStringLiteral("admin"), QStringLiteral("sandi-admin-panjang"));
        QStringList form = desaForm(csrf, QStringLiteral("Kades Kedung"), QStringLiteral("{klasifikasi}/{nomor:3}/{kodeSurat}/{tahun}"));
        form << QStringLiteral("kode=3521112010");
        form.replace(1, QStringLiteral("nama=Desa Kedung"));
        QCOMPARE(call(jar, QStringLiteral("POST"), QStringLiteral("/admin/desa"), form).status, 303);
        const auto kedung = m_backend->offices.desa(QStringLiteral("3521112010"));
        QVERIFY(kedung);
        QCOMPARE(kedung->name, QStringLiteral("Desa Kedung"));
        QCOMPARE(kedung->kecamatanCode, QStringLiteral("352111"));
        QCOMPARE(kedung->camat, m_backend->offices.desa(kDesa)->camat);
        QCOMPARE(m_backend->store->auditLog(1).value().first().action, QStringLiteral("desa.tambah"));
        // Officers can now be bound to it, and the same code cannot be added twice.
        QVERIFY(checkOffice(Role::KepalaDesa, QStringLiteral("3521112010"), m_backend->offices));
        QCOMPARE(call(jar, QStringLiteral("POST"), QStringLiteral("/admin/desa"), form).status, 400);
    }

    void officerPhoneNumbers()
    {
        const auto [jar, csrf] = login(QStringLiteral("admin"), QStringLiteral("sandi-admin-panjang"));
        LogCapture log;
        const auto addForm = [&csrf](const QString &user, const QString &phone) {
            return QStringList {QStringLiteral("csrf=") + csrf, QStringLiteral("username=") + user, QStringLiteral("name=Sekdes Pitu"),
                QStringLiteral("role=sekretaris_desa"), QStringLiteral("office=") + kDesa, QStringLiteral("password=sandi-panjang-sekali"),
                QStringLiteral("phone=") + phone};
        };
        // Added with a number as people write it: stored as +62…
        QCOMPARE(call(jar, QStringLiteral("POST"), QStringLiteral("/admin/petugas"),
                     addForm(QStringLiteral("sekdes"), QStringLiteral("0812-3456-7890")))
                     .status,
            303);
        QCOMPARE(m_backend->store->officerByUsername(QStringLiteral("sekdes")).value().phone, QStringLiteral("+6281234567890"));
        // An invalid number: 400 with a sentence, nobody added.
        const Reply invalidAdd = call(
            jar, QStringLiteral("POST"), QStringLiteral("/admin/petugas"), addForm(QStringLiteral("sekdes2"), QStringLiteral("12345")));
        QCOMPARE(invalidAdd.status, 400);
        QVERIFY(invalidAdd.body.contains("Nomor HP tidak valid"));
        QVERIFY(!m_backend->store->officerByUsername(QStringLiteral("sekdes2")));

        const OfficerRecord kades = m_backend->store->officerByUsername(QStringLiteral("kades")).value();
        const QString path = QStringLiteral("/admin/petugas/%1").arg(kades.id);
        const auto phoneOf = [this] { return m_backend->store->officerByUsername(QStringLiteral("kades")).value().phone; };
        const Reply invalid = call(jar, QStringLiteral("POST"), path, {QStringLiteral("csrf=") + csrf, QStringLiteral("phone=0812-ABCD")});
        QCOMPARE(invalid.status, 400);
        QVERIFY(invalid.body.contains("Nomor HP tidak valid"));
        QCOMPARE(phoneOf(), kades.phone);
        // Without the CSRF token, or as an officer who does not manage officers: refused, unchanged.
        QCOMPARE(call(jar, QStringLiteral("POST"), path, {QStringLiteral("phone=081311112222")}).status, 403);
        const auto [foJar, foCsrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        QCOMPARE(call(foJar, QStringLiteral("POST"), path, {QStringLiteral("csrf=") + foCsrf, QStringLiteral("phone=081311112222")}).status,
            403);
        QCOMPARE(phoneOf(), kades.phone);

        QCOMPARE(
            call(jar, QStringLiteral("POST"), path, {QStringLiteral("csrf=") + csrf, QStringLiteral("phone=+62 813 1111 2222")}).status,
            303);
        QCOMPARE(phoneOf(), QStringLiteral("+6281311112222"));
        // The list shows the number masked.
        const Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/admin/petugas"));
        QVERIFY(page.body.contains(smstext::maskPhone(QStringLiteral("+6281311112222")).toUtf8()));
        // Emptied: no number any more.
        QCOMPARE(call(jar, QStringLiteral("POST"), path, {QStringLiteral("csrf=") + csrf, QStringLiteral("phone=")}).status, 303);
        QVERIFY(phoneOf().isEmpty());
        // The numbers never reach the log in clear.
        for (const char *digits : {"81234567890", "81311112222"})
            QVERIFY2(!log.text().contains(QLatin1String(digits)), qPrintable(log.text()));
    }

    // #17 M4: the admin sees a revoked seal key with when and why; other officers do not see the page.
    void sealKeysPageShowsRevocation()
    {
        const auto key = m_backend->seals->createKey(kDesa, {}, QDate::currentDate());
        QVERIFY(key);
        QVERIFY(m_backend->seals->revokeKey(key.value().keyId.left(8), QStringLiteral("kunci <bocor>")));
        const auto [jar, csrf] = login(QStringLiteral("admin"), QStringLiteral("sandi-admin-panjang"));
        const Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/admin/kunci"));
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains(key.value().keyId.left(8).toUtf8()));
        QVERIFY(page.body.contains("DICABUT"));
        QVERIFY(page.body.contains("kunci &lt;bocor&gt;"));
        const auto [foJar, foCsrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        QCOMPARE(call(foJar, QStringLiteral("GET"), QStringLiteral("/admin/kunci")).status, 403);
    }

    void handoverShownOnTheRequestPage()
    {
        submit(QStringLiteral("REG-CON-H1"), QStringLiteral("Siti Aminah"));
        forwardAndSign(QStringLiteral("REG-CON-H1"));
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-CON-H1")).value().stage, serverlink::Stage::Ready);
        const serverlink::HandoverBody body {QStringLiteral("dewi<b>"), QDateTime(QDate(2026, 12, 7), QTime(2, 30), Qt::UTC),
            serverlink::CollectorKind::Representative, QStringLiteral("Budi Santoso"), QStringLiteral("3521110101800003"),
            QStringLiteral("orang_tua")};
        QVERIFY(m_backend->workflow->handOver(QStringLiteral("REG-CON-H1"), kDesa, QStringLiteral("KIOSK-0001"), body));
        const auto [jar, csrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        QVERIFY(!csrf.isEmpty());
        const Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/permohonan/REG-CON-H1"));
        QCOMPARE(page.status, 200);
        static const QRegularExpression sentence(QStringLiteral("<p id=\"penyerahan\">([^<]*)</p>"));
        const QString shown = sentence.match(QString::fromUtf8(page.body)).captured(1);
        QVERIFY2(shown.startsWith(QStringLiteral("Diserahkan oleh dewi&lt;b&gt; (anjungan KIOSK-0001) kepada Budi Santoso (orang tua, NIK "
                                                 "3521********0003) pada ")),
            qPrintable(shown));
        QVERIFY(shown.contains(QStringLiteral("2026")));
        QVERIFY(!page.body.contains("3521110101800003"));
    }

    void requirementPagesBesideTheChecklist()
    {
        // A DOMISILI request (KTP, KK, pengantar RT/RW): the KTP page arrived, the KK page is half-way, the pengantar was skipped.
        QImage photo(800, 600, QImage::Format_RGB32);
        photo.fill(QColor(200, 190, 170));
        QByteArray jpeg;
        QBuffer buffer(&jpeg);
        QVERIFY(buffer.open(QIODevice::WriteOnly) && photo.save(&buffer, "JPEG", 85));
        const QByteArray half(4000, 'k');
        const auto ref = [](int requirement, const QString &text, const QString &pageId, const QByteArray &bytes) {
            serverlink::DocumentRef r;
            r.requirement = requirement;
            r.requirementText = text;
            r.pageId = pageId;
            r.sha256 = QString::fromLatin1(serverlink::crypto::sha256(bytes).toHex());
            r.size = bytes.size();
            return r;
        };
        const QString ktp(32, QLatin1Char('a'));
        const QString kk(32, QLatin1Char('b'));
        NewRequest n;
        n.kioskId = QStringLiteral("KIOSK-0001");
        n.desaCode = kDesa;
        n.idempotencyKey = QStringLiteral("key-REG-CON-D1-0000000000");
        n.submit.registrationNumber = QStringLiteral("REG-CON-D1");
        n.submit.serviceCode = QStringLiteral("DOMISILI");
        n.submit.nik = QStringLiteral("3521114506800002");
        n.submit.name = QStringLiteral("Siti Aminah");
        n.submit.address = QStringLiteral("Dusun Krajan");
        n.submit.purpose = QStringLiteral("Uji");
        n.submit.submittedAt = QDateTime::currentDateTimeUtc();
        n.submit.documents
            = {ref(0, QStringLiteral("Fotokopi KTP"), ktp, jpeg), ref(1, QStringLiteral("Fotokopi Kartu Keluarga"), kk, half)};
        n.bodySha256 = n.submit.registrationNumber;
        QVERIFY(m_backend->store->insertRequest(n));
        const auto ktpPage = m_backend->documents->page(kDesa, n.submit.registrationNumber, ktp);
        QVERIFY(ktpPage);
        QCOMPARE(m_backend->documents->receive(ktpPage.value(), serverlink::ContentRange::of(0, jpeg.size(), jpeg.size()), jpeg)->kind,
            ChunkOutcome::Kind::Completed);
        const auto kkPage = m_backend->documents->page(kDesa, n.submit.registrationNumber, kk);
        QVERIFY(kkPage);
        QCOMPARE(m_backend->documents->receive(kkPage.value(), serverlink::ContentRange::of(0, 2000, half.size()), half.left(2000))->kind,
            ChunkOutcome::Kind::Stored);

        const QString base = QStringLiteral("/permohonan/REG-CON-D1");
        const auto [jar, csrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        QVERIFY(!csrf.isEmpty());
        const Reply detail = call(jar, QStringLiteral("GET"), base);
        QCOMPARE(detail.status, 200);
        const QString html = QString::fromUtf8(detail.body);
        static const QRegularExpression item(QStringLiteral("<li data-syarat=\"(\\d)\"><strong>([^<]*)</strong> (.*?)</li>"));
        QStringList shown;
        for (auto it = item.globalMatch(html); it.hasNext();) {
            const auto m = it.next();
            shown.append(m.captured(1) + QLatin1Char(' ') + m.captured(2));
            const QString pages = m.captured(3);
            if (m.captured(1) == QLatin1String("0")) {
                QVERIFY2(pages.contains(QStringLiteral("<img src=\"%1/halaman/%2?ukuran=kecil\"").arg(base, ktp)), qPrintable(pages));
                QVERIFY2(pages.contains(QStringLiteral("href=\"%1/kembalikan?target=document:0\">Tidak terbaca</a>").arg(base)),
                    qPrintable(pages));
            } else if (m.captured(1) == QLatin1String("1")) {
                QVERIFY2(pages.contains(QStringLiteral("sedang dikirim (50 %)")), qPrintable(pages));
                QVERIFY(!pages.contains(QStringLiteral("Tidak terbaca")));
            } else {
                QVERIFY2(pages.contains(QStringLiteral("dilewati — bawa aslinya")), qPrintable(pages));
            }
        }
        QCOMPARE(shown,
            QStringList({QStringLiteral("0 Fotokopi KTP"), QStringLiteral("1 Fotokopi Kartu Keluarga"),
                QStringLiteral("2 Surat pengantar RT/RW")}));

        // Full size and thumbnail for whoever may see the request, never cached; nothing for a page still uploading.
        const Reply full = call(jar, QStringLiteral("GET"), base + QStringLiteral("/halaman/") + ktp);
        QCOMPARE(full.status, 200);
        QCOMPARE(full.body, jpeg);
        QVERIFY(full.headers.toLower().contains("content-type: image/jpeg"));
        QVERIFY(full.headers.toLower().contains("cache-control: no-store"));
        const Reply thumbnail
            = call(jar, QStringLiteral("GET"), base + QStringLiteral("/halaman/") + ktp + QStringLiteral("?ukuran=kecil"));
        QCOMPARE(thumbnail.status, 200);
        const QImage small = QImage::fromData(thumbnail.body);
        QCOMPARE(small.width(), 320);
        QCOMPARE(call(jar, QStringLiteral("GET"), base + QStringLiteral("/halaman/") + kk).status, 404);
        const auto [kadesJar, kadesCsrf] = login(QStringLiteral("kades"), QStringLiteral("sandi-kades-panjang"));
        QCOMPARE(call(kadesJar, QStringLiteral("GET"), base + QStringLiteral("/halaman/") + ktp).body, jpeg);

        // Another kecamatan's officer and a visitor without a session see neither the request nor its pages.
        const auto [otherJar, otherCsrf] = login(QStringLiteral("sekjati"), QStringLiteral("sandi-sekjati-panjang"));
        QVERIFY(!otherCsrf.isEmpty());
        QCOMPARE(call(otherJar, QStringLiteral("GET"), base).status, 404);
        const Reply refused = call(otherJar, QStringLiteral("GET"), base + QStringLiteral("/halaman/") + ktp);
        QCOMPARE(refused.status, 404);
        QVERIFY(!refused.body.contains(jpeg.left(64)));
        const Reply anonymous
            = call(m_dir.filePath(QStringLiteral("jar-nobody")), QStringLiteral("GET"), base + QStringLiteral("/halaman/") + ktp);
        QVERIFY(anonymous.status != 200);
        QVERIFY(!anonymous.body.contains(jpeg.left(64)));
    }

    void addedPageAndEscapedQuery()
    {
        const auto [jar, csrf] = login(QStringLiteral("camat"), QStringLiteral("sandi-camat-panjang"));
        QVERIFY(!csrf.isEmpty());
        const Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/contoh?x=%3Cscript%3E"));
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("<p id=\"contoh\">&lt;script&gt;</p>"));
        QVERIFY(page.body.contains("<a href=\"/contoh\" aria-current=\"page\">Contoh</a>"));
    }

    /// The public verification page and the signed lists on the console listener: no session, the root key in the
    /// page, the page's own CSP replacing the console's, ETag and 304 for the lists (docs/decisions/0029).
    void verificationPageWithoutSession()
    {
        const QString jar = m_dir.filePath(QStringLiteral("jar-verify"));
        const Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/v"));
        QCOMPARE(page.status, 200);
        QByteArray root;
        for (const QByteArray &line : m_backend->seals->rootPublicKeyPem().value().split('\n'))
            if (!line.startsWith("-----"))
                root += line.trimmed();
        QVERIFY(page.body.contains("<meta name=\"anjungan-root\" content=\"" + root + "\">"));
        QVERIFY(!page.body.contains("@ROOT_SPKI@"));
        const QByteArray headers = page.headers.toLower();
        QCOMPARE(headers.count("content-security-policy:"), 1);
        QVERIFY(headers.contains("script-src 'self'") && !headers.contains("unsafe-inline") && headers.contains("default-src 'none'"));
        QVERIFY(headers.contains("cache-control: no-cache") && !headers.contains("no-store"));
        static const QRegularExpression etagHeader(QStringLiteral("(?i)etag: (\"[0-9a-f]{64}\")"));
        const QString pageTag = etagHeader.match(QString::fromLatin1(page.headers)).captured(1);
        QVERIFY2(!pageTag.isEmpty(), page.headers.constData());
        QCOMPARE(call(jar, QStringLiteral("GET"), QStringLiteral("/v"), {}, {}, {QStringLiteral("If-None-Match: ") + pageTag}).status, 304);
        const Reply worker = call(jar, QStringLiteral("GET"), QStringLiteral("/v/sw.js"));
        QCOMPARE(worker.status, 200);
        QVERIFY(worker.headers.toLower().contains("service-worker-allowed: /v"));
        for (const QString &path : {QStringLiteral("/v/verify.js"), QStringLiteral("/v/verify.css"), QStringLiteral("/v/lib/scrypt.js"),
                 QStringLiteral("/v/lib/jsQR.js")}) {
            const Reply file = call(jar, QStringLiteral("GET"), path);
            QVERIFY2(file.status == 200 && file.body.size() > 1000, qPrintable(path));
        }
        for (const QString &path : {QStringLiteral("/api/v1/trust-list"), QStringLiteral("/api/v1/revocations")}) {
            const Reply list = call(jar, QStringLiteral("GET"), path);
            QCOMPARE(list.status, 200);
            QVERIFY(list.body.contains("\"payload\"") && list.body.contains("\"signature\""));
            const QString etag = etagHeader.match(QString::fromLatin1(list.headers)).captured(1);
            QVERIFY2(!etag.isEmpty(), list.headers.constData());
            QCOMPARE(call(jar, QStringLiteral("GET"), path, {}, {}, {QStringLiteral("If-None-Match: ") + etag}).status, 304);
        }
    }

    void monitoringPage()
    {
        // One kiosk heard of just now, two survey answers (all 4s and all 3s: NRR 3.5 each → IKM 87.50, B).
        KioskHeartbeat beat;
        beat.kioskId = QStringLiteral("KIOSK-0001");
        beat.desaCode = kDesa;
        beat.lastSeen = QDateTime::currentDateTimeUtc();
        beat.sentAt = beat.lastSeen;
        beat.printerState = QStringLiteral("paper-out");
        beat.paperState = QStringLiteral("out");
        beat.scannerState = QStringLiteral("ready");
        beat.letterPrinterState = QStringLiteral("ready");
        beat.outboxDepth = 3;
        beat.version = QStringLiteral("1.0.0");
        QVERIFY(m_backend->store->recordHeartbeat(beat));
        for (int score : {4, 3}) {
            serverlink::SurveyResponse survey;
            survey.id = QStringLiteral("survei-%1").arg(score);
            survey.serviceCode = QStringLiteral("SKTM");
            survey.answers = QList<int>(9, score);
            survey.at = QDateTime::currentDateTimeUtc();
            QVERIFY(m_backend->store->insertSurvey(QStringLiteral("KIOSK-0001"), kDesa, survey));
        }

        const auto [jar, csrf] = login(QStringLiteral("camat"), QStringLiteral("sandi-camat-panjang"));
        QVERIFY(!csrf.isEmpty());
        const Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan"));
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("<a href=\"/pemantauan\" aria-current=\"page\">Pemantauan</a>"));
        for (const char *part : {"Permohonan per tahap", "Waktu layanan", "Melewati batas waktu", "Kesehatan anjungan", "KIOSK-0001",
                 "paper-out", "2 responden", "IKM <strong>87.50</strong>", "mutu pelayanan <strong>B</strong>"})
            QVERIFY2(page.body.contains(part), part);

        const Reply fleet = call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan.csv?tabel=armada"));
        QCOMPARE(fleet.status, 200);
        QVERIFY(fleet.headers.contains("text/csv"));
        QVERIFY(fleet.headers.contains("attachment"));
        QVERIFY(fleet.body.contains("KIOSK-0001,3521112004"));
        const Reply ikm = call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan.csv?tabel=ikm"));
        QCOMPARE(ikm.status, 200);
        QVERIFY(ikm.body.contains("87.50"));
        QCOMPARE(call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan.csv?tabel=rahasia")).status, 404);
        QCOMPARE(call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan?dari=kemarin")).status, 400);

        // Desa officers do not see the kecamatan's monitoring.
        const auto [kadesJar, kadesCsrf] = login(QStringLiteral("kades"), QStringLiteral("sandi-kades-panjang"));
        QVERIFY(!kadesCsrf.isEmpty());
        QCOMPARE(call(kadesJar, QStringLiteral("GET"), QStringLiteral("/pemantauan")).status, 403);
    }

    void staffCardsPage()
    {
        const QString page = QStringLiteral("/petugas-loket");
        const auto [jar, csrf] = login(QStringLiteral("sekloket"), QStringLiteral("sandi-sekloket-panjang"));
        const Reply list = call(jar, QStringLiteral("GET"), page);
        QCOMPARE(list.status, 200);
        // The sekretaris desa sees their own desa only.
        QVERIFY(list.body.contains(kDesa.toUtf8()));
        QVERIFY(!list.body.contains(kOtherKecamatanDesa.toUtf8()));
        // Add without CSRF: refused; with it: added.
        const QStringList add {
            QStringLiteral("desa=") + kDesa, QStringLiteral("username=siti.loket"), QStringLiteral("nama=Siti <Aminah>")};
        QCOMPARE(call(jar, QStringLiteral("POST"), page, add).status, 403);
        QCOMPARE(call(jar, QStringLiteral("POST"), page, add + QStringList {QStringLiteral("csrf=") + csrf}).status, 303);
        const Reply listed = call(jar, QStringLiteral("GET"), page);
        QVERIFY(listed.body.contains("siti.loket"));
        QVERIFY(listed.body.contains("Siti &lt;Aminah&gt;"));
        // A bad username is refused with the rule.
        const Reply bad = call(jar, QStringLiteral("POST"), page,
            {QStringLiteral("csrf=") + csrf, QStringLiteral("desa=") + kDesa, QStringLiteral("username=A B"), QStringLiteral("nama=X")});
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.body.contains("3–32 huruf kecil"));
        // The PIN typed twice differently: nothing changes.
        const QString staffPath = page + QStringLiteral("/siti.loket");
        const Reply mismatch = call(jar, QStringLiteral("POST"), staffPath,
            {QStringLiteral("csrf=") + csrf, QStringLiteral("aksi=pin"), QStringLiteral("pin=4829"), QStringLiteral("pin2=4828")});
        QCOMPARE(mismatch.status, 400);
        QVERIFY(mismatch.body.contains("tidak sama"));
        QVERIFY(m_backend->store->staffAccount(QStringLiteral("siti.loket")).value().cardLookup.isEmpty());
        // Set the PIN: the printable card with its QR as inline SVG, name and desa.
        const Reply card = call(jar, QStringLiteral("POST"), staffPath,
            {QStringLiteral("csrf=") + csrf, QStringLiteral("aksi=pin"), QStringLiteral("pin=4829"), QStringLiteral("pin2=4829")});
        QCOMPARE(card.status, 200);
        QVERIFY(card.body.contains("class=\"kartu\""));
        QVERIFY(card.body.contains("<svg"));
        QVERIFY(card.body.contains("Siti &lt;Aminah&gt;"));
        const QString firstLookup = m_backend->store->staffAccount(QStringLiteral("siti.loket")).value().cardLookup;
        QVERIFY(!firstLookup.isEmpty());
        // A new card with a wrong PIN is refused; with the PIN in force the old card stops working.
        QCOMPARE(call(jar, QStringLiteral("POST"), staffPath,
                     {QStringLiteral("csrf=") + csrf, QStringLiteral("aksi=kartu"), QStringLiteral("pin=1111")})
                     .status,
            400);
        QCOMPARE(call(jar, QStringLiteral("POST"), staffPath,
                     {QStringLiteral("csrf=") + csrf, QStringLiteral("aksi=kartu"), QStringLiteral("pin=4829")})
                     .status,
            200);
        QVERIFY(m_backend->store->staffAccount(QStringLiteral("siti.loket")).value().cardLookup != firstLookup);
        QCOMPARE(
            call(jar, QStringLiteral("POST"), staffPath, {QStringLiteral("csrf=") + csrf, QStringLiteral("aksi=tanpa-kartu")}).status, 303);
        QVERIFY(m_backend->store->staffAccount(QStringLiteral("siti.loket")).value().allowWithoutCard);
        // Another kecamatan's sekretaris desa cannot touch this desa's staff; a front-office officer has no page at all.
        const auto [otherJar, otherCsrf] = login(QStringLiteral("sekjati"), QStringLiteral("sandi-sekjati-panjang"));
        QCOMPARE(call(otherJar, QStringLiteral("POST"), staffPath, {QStringLiteral("csrf=") + otherCsrf, QStringLiteral("aksi=nonaktif")})
                     .status,
            403);
        QCOMPARE(call(otherJar, QStringLiteral("POST"), page,
                     {QStringLiteral("csrf=") + otherCsrf, QStringLiteral("desa=") + kDesa, QStringLiteral("username=budi"),
                         QStringLiteral("nama=Budi")})
                     .status,
            403);
        const auto [foJar, foCsrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        QCOMPARE(call(foJar, QStringLiteral("GET"), page).status, 403);
        // The admin kecamatan manages it too and deactivates.
        const auto [adminJar, adminCsrf] = login(QStringLiteral("admin"), QStringLiteral("sandi-admin-panjang"));
        QCOMPARE(call(adminJar, QStringLiteral("POST"), staffPath, {QStringLiteral("csrf=") + adminCsrf, QStringLiteral("aksi=nonaktif")})
                     .status,
            303);
        QVERIFY(!m_backend->store->staffAccount(QStringLiteral("siti.loket")).value().active);
    }

    void returnFormWithFixItems()
    {
        submit(QStringLiteral("REG-CON-F1"), QStringLiteral("Siti Aminah"));
        const QString path = QStringLiteral("/permohonan/REG-CON-F1/kembalikan");
        const auto [jar, csrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        QVERIFY(!csrf.isEmpty());
        // The request page links to the form; a page's "Tidak terbaca" link preselects that page.
        QVERIFY(call(jar, QStringLiteral("GET"), QStringLiteral("/permohonan/REG-CON-F1")).body.contains(path.toUtf8()));
        const Reply form = call(jar, QStringLiteral("GET"), path + QStringLiteral("?target=document:1"));
        QCOMPARE(form.status, 200);
        QVERIFY(form.body.contains("value=\"document:1\" id=\"butir-document-1\" checked"));
        QVERIFY(form.body.contains("value=\"field:lamaTinggal\" id=\"butir-field-lamaTinggal\">"));
        QVERIFY(!form.body.contains("id=\"butir-document-0\" checked"));

        QCOMPARE(
            call(jar, QStringLiteral("POST"), path, {QStringLiteral("butir=field:name"), QStringLiteral("alasan:field:name=x")}).status,
            403);
        const Reply empty = call(jar, QStringLiteral("POST"), path, {QStringLiteral("csrf=") + csrf});
        QCOMPARE(empty.status, 400);
        QVERIFY(empty.body.contains("Pilih paling sedikit satu"));
        const Reply noReason = call(jar, QStringLiteral("POST"), path,
            {QStringLiteral("csrf=") + csrf, QStringLiteral("butir=field:name"), QStringLiteral("alasan:field:name=Nama sesuai KTP"),
                QStringLiteral("butir=document:1")});
        QCOMPARE(noReason.status, 400);
        // What the officer typed stays in the form.
        QVERIFY(noReason.body.contains("value=\"Nama sesuai KTP\""));
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-CON-F1")).value().stage, Stage::Received);

        const Reply done = call(jar, QStringLiteral("POST"), path,
            {QStringLiteral("csrf=") + csrf, QStringLiteral("butir=field:name"),
                QStringLiteral("alasan:field:name=Tulis nama <b>sesuai</b> KTP"), QStringLiteral("butir=document:1"),
                QStringLiteral("alasan:document:1=KK tidak terbaca")});
        QCOMPARE(done.status, 303);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-CON-F1")).value().stage, Stage::NeedsFix);
        const auto fixes = m_backend->store->fixItems(QStringLiteral("REG-CON-F1")).value();
        QCOMPARE(fixes.size(), 2);
        QCOMPARE(fixes.at(0), (serverlink::FixItem {QStringLiteral("field:name"), QStringLiteral("Tulis nama <b>sesuai</b> KTP")}));
        QCOMPARE(fixes.at(1), (serverlink::FixItem {QStringLiteral("document:1"), QStringLiteral("KK tidak terbaca")}));
        QCOMPARE(m_backend->store->events(QStringLiteral("REG-CON-F1")).value().constLast().note,
            QStringLiteral("Nama: Tulis nama <b>sesuai</b> KTP; Fotokopi Kartu Keluarga: KK tidak terbaca"));
        const Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/permohonan/REG-CON-F1"));
        QVERIFY(page.body.contains("<section id=\"butir-perbaikan\">"));
        QVERIFY(page.body.contains("Tulis nama &lt;b&gt;sesuai&lt;/b&gt; KTP"));
        // Nothing to return any more until the citizen's revision arrives.
        QCOMPARE(call(jar, QStringLiteral("GET"), path).status, 409);
        QCOMPARE(call(jar, QStringLiteral("POST"), path,
                     {QStringLiteral("csrf=") + csrf, QStringLiteral("butir="), QStringLiteral("alasan:=Lagi")})
                     .status,
            409);
    }

    void revisionDiffShown()
    {
        StaffAccountRecord staff;
        staff.desaCode = kDesa;
        staff.username = QStringLiteral("rina");
        staff.name = QStringLiteral("Rina Wati");
        staff.iterations = 1;
        staff.createdAt = staff.updatedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_backend->store->insertStaffAccount(staff));
        NewRequest n;
        n.kioskId = QStringLiteral("KIOSK-0001");
        n.desaCode = kDesa;
        n.idempotencyKey = QStringLiteral("key-REG-CON-V1-000000");
        n.bodySha256 = QStringLiteral("v1");
        n.submit.registrationNumber = QStringLiteral("REG-CON-V1");
        n.submit.serviceCode = QStringLiteral("DOMISILI");
        n.submit.nik = QStringLiteral("3521114506800002");
        n.submit.name = QStringLiteral("Siti Aminah");
        n.submit.address = QStringLiteral("Dusun Krajan");
        n.submit.purpose = QStringLiteral("Uji");
        n.submit.fields = QJsonObject {{QStringLiteral("lamaTinggal"), QStringLiteral("2 tahun")}};
        n.submit.submittedAt = QDateTime::currentDateTimeUtc();
        n.submit.enteredBy = QStringLiteral("rina");
        serverlink::DocumentRef page {
            1, QStringLiteral("Fotokopi Kartu Keluarga"), QString(32, QLatin1Char('1')), QString(64, QLatin1Char('2')), 100};
        n.submit.documents = {page};
        QVERIFY(m_backend->store->insertRequest(n));
        const auto officer = m_backend->store->officerByUsername(QStringLiteral("fo"));
        QVERIFY(officer);
        QVERIFY(m_backend->workflow->returnForFixes(QStringLiteral("REG-CON-V1"), officer.value(),
            {{QStringLiteral("field:address"), QStringLiteral("Lengkapi RT/RW")},
                {QStringLiteral("document:1"), QStringLiteral("Buram")}}));

        serverlink::RequestRevision revision;
        revision.registrationNumber = QStringLiteral("REG-CON-V1");
        revision.name = n.submit.name;
        revision.address = QStringLiteral("Dusun Krajan RT 01 RW 02");
        revision.purpose = n.submit.purpose;
        revision.fields = QJsonObject {
            {QStringLiteral("lamaTinggal"), QStringLiteral("2 tahun")}, {QStringLiteral("alamatAsal"), QStringLiteral("Ngawi")}};
        page.pageId = QString(32, QLatin1Char('3'));
        revision.documents = {page};
        revision.proof.nik = n.submit.nik;
        revision.submittedAt = QDateTime::currentDateTimeUtc();
        RequestLife life(*m_backend->store, m_backend->catalog, m_backend->offices);
        const auto revised
            = life.revise({QStringLiteral("KIOSK-0001"), kDesa}, QStringLiteral("revision-REG-CON-V1"), QStringLiteral("r2"), revision);
        QVERIFY2(revised, revised ? "" : qPrintable(revised.error().message));

        const auto [jar, csrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        const Reply detail = call(jar, QStringLiteral("GET"), QStringLiteral("/permohonan/REG-CON-V1"));
        QCOMPARE(detail.status, 200);
        const QString body = QString::fromUtf8(detail.body);
        QVERIFY(body.contains(QStringLiteral("dimasukkan oleh petugas Rina Wati")));
        static const QRegularExpression section(
            QStringLiteral("<section id=\"perubahan\">(.*?)</section>"), QRegularExpression::DotMatchesEverythingOption);
        const QString diff = section.match(body).captured(1);
        QVERIFY2(diff.contains(QStringLiteral("<td>Alamat</td><td>Isian</td><td>Dusun Krajan</td><td>Dusun Krajan RT 01 RW 02</td>")),
            qPrintable(diff));
        QVERIFY2(
            diff.contains(QStringLiteral("<td>Alamat asal (jika pindahan)</td><td>Isian</td><td>—</td><td>Ngawi</td>")), qPrintable(diff));
        QVERIFY2(diff.contains(QStringLiteral(
                     "<td>Fotokopi Kartu Keluarga</td><td>Halaman diganti</td><td>1 halaman</td><td>1 halaman (1 baru)</td>")),
            qPrintable(diff));
        QVERIFY(!diff.contains(QStringLiteral("lamaTinggal")) && !diff.contains(QStringLiteral("Lama tinggal")));
        QVERIFY(body.contains(QStringLiteral("Diperbaiki (versi 2)")));
        // Back at the front office's check: the officer approves the revised request.
        QStringList ticked {QStringLiteral("aksi=setujui"), QStringLiteral("csrf=") + csrf};
        for (int i = 0; i < 3; ++i)
            ticked << QStringLiteral("syarat=%1").arg(i);
        QCOMPARE(call(jar, QStringLiteral("POST"), QStringLiteral("/permohonan/REG-CON-V1/aksi"), ticked).status, 303);
        QCOMPARE(m_backend->store->request(QStringLiteral("REG-CON-V1")).value().stage, Stage::DesaReview);
    }

    void complaintsPage()
    {
        // Two complaints: one from a desa of this kecamatan (with a phone), one from the other kecamatan's desa.
        const auto file = [&](const QString &number, const QString &desa, const QString &phone) {
            serverlink::ComplaintBody c;
            c.id = QStringLiteral("id-%1-000000").arg(number);
            c.number = number;
            c.tokenSha256 = QString(64, QLatin1Char('a'));
            c.category = QStringLiteral("pelayanan");
            c.text = QStringLiteral("Surat <b>lama</b> sekali, %1").arg(number);
            c.phone = phone;
            c.at = QDateTime::currentDateTimeUtc();
            QVERIFY(m_backend->store->insertComplaint(QStringLiteral("KIOSK-0001"), desa, number, c));
        };
        file(QStringLiteral("PGD-AAAAA-11111"), kDesa, QStringLiteral("+6281234567890"));
        file(QStringLiteral("PGD-BBBBB-22222"), kOtherKecamatanDesa, {});

        // The camat sees the kecamatan's complaints only, escaped.
        const auto [jar, csrf] = login(QStringLiteral("camat"), QStringLiteral("sandi-camat-panjang"));
        const Reply list = call(jar, QStringLiteral("GET"), QStringLiteral("/pengaduan"));
        QCOMPARE(list.status, 200);
        QVERIFY(list.body.contains("PGD-AAAAA-11111"));
        QVERIFY(!list.body.contains("PGD-BBBBB-22222"));
        QVERIFY(list.body.contains("Surat &lt;b&gt;lama&lt;/b&gt;"));
        QVERIFY(list.body.contains("Baru"));
        const QString one = QStringLiteral("/pengaduan/PGD-AAAAA-11111");
        QCOMPARE(call(jar, QStringLiteral("GET"), one).status, 200);
        QCOMPARE(call(jar, QStringLiteral("GET"), QStringLiteral("/pengaduan/PGD-BBBBB-22222")).status, 403);

        // Without CSRF: refused. Done without an answer: explained, nothing changes. Then answered and done.
        const QStringList done {QStringLiteral("status=DONE"), QStringLiteral("jawaban=Loket kedua dibuka mulai Senin.")};
        QCOMPARE(call(jar, QStringLiteral("POST"), one, done).status, 403);
        const Reply empty = call(jar, QStringLiteral("POST"), one, {QStringLiteral("csrf=") + csrf, QStringLiteral("status=DONE")});
        QCOMPARE(empty.status, 400);
        QVERIFY(empty.body.contains("Tulis jawaban"));
        const Reply progress
            = call(jar, QStringLiteral("POST"), one, {QStringLiteral("csrf=") + csrf, QStringLiteral("status=IN_PROGRESS")});
        QVERIFY2(progress.status == 303, progress.body.mid(progress.body.indexOf("<main"), 300).constData());
        QCOMPARE(m_backend->store->complaint(QStringLiteral("PGD-AAAAA-11111")).value().status, serverlink::ComplaintStatus::InProgress);
        QCOMPARE(call(jar, QStringLiteral("POST"), one, done + QStringList {QStringLiteral("csrf=") + csrf}).status, 303);
        const auto answered = m_backend->store->complaint(QStringLiteral("PGD-AAAAA-11111"));
        QCOMPARE(answered.value().status, serverlink::ComplaintStatus::Done);
        QCOMPARE(answered.value().answer, QStringLiteral("Loket kedua dibuka mulai Senin."));
        QCOMPARE(answered.value().updatedBy, QStringLiteral("Petugas <camat>"));
        const Reply shown = call(jar, QStringLiteral("GET"), one + QStringLiteral("?pesan=pengaduan"));
        QVERIFY(shown.body.contains("Tindak lanjut pengaduan disimpan"));
        QVERIFY(shown.body.contains("Selesai"));
        const auto sms = m_backend->store->notifications();
        QVERIFY(std::any_of(sms->cbegin(), sms->cend(), [](const NotificationRecord &n) {
            return n.kind == NotificationKind::ComplaintAnswered && n.message.contains(QStringLiteral("PGD-AAAAA-11111"));
        }));

        // The sekretaris desa of the desa sees it; the other kecamatan's does not; a kepala desa has no page.
        const auto [sekJar, sekCsrf] = login(QStringLiteral("sekloket"), QStringLiteral("sandi-sekloket-panjang"));
        QVERIFY(call(sekJar, QStringLiteral("GET"), QStringLiteral("/pengaduan")).body.contains("PGD-AAAAA-11111"));
        const auto [jatiJar, jatiCsrf] = login(QStringLiteral("sekjati"), QStringLiteral("sandi-sekjati-panjang"));
        const Reply jati = call(jatiJar, QStringLiteral("GET"), QStringLiteral("/pengaduan"));
        QVERIFY(!jati.body.contains("PGD-AAAAA-11111"));
        QVERIFY(jati.body.contains("PGD-BBBBB-22222"));
        QCOMPARE(call(jatiJar, QStringLiteral("POST"), one, done + QStringList {QStringLiteral("csrf=") + jatiCsrf}).status, 403);
        const auto [kadesJar, kadesCsrf] = login(QStringLiteral("kades"), QStringLiteral("sandi-kades-panjang"));
        QCOMPARE(call(kadesJar, QStringLiteral("GET"), QStringLiteral("/pengaduan")).status, 403);
    }

    void monitoringShowsRespondentProfileAndSuggestions()
    {
        serverlink::SurveyResponse survey;
        survey.id = QStringLiteral("survei-profil-1");
        survey.answers = QList<int>(9, 4);
        survey.at = QDateTime::currentDateTimeUtc();
        survey.profile = {{QStringLiteral("gender"), QStringLiteral("female")}, {QStringLiteral("occupation"), QStringLiteral("petani")}};
        survey.suggestion = QStringLiteral("Tambah <kursi> tunggu");
        QVERIFY(m_backend->store->insertSurvey(QStringLiteral("KIOSK-0001"), kDesa, survey));
        survey.id = QStringLiteral("survei-profil-2");
        survey.profile = {{QStringLiteral("gender"), QStringLiteral("female")}};
        survey.suggestion.clear();
        QVERIFY(m_backend->store->insertSurvey(QStringLiteral("KIOSK-0001"), kDesa, survey));
        const auto [jar, csrf] = login(QStringLiteral("camat"), QStringLiteral("sandi-camat-panjang"));
        const Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan"));
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("Profil responden"));
        QVERIFY(page.body.contains("<td id=\"profil-gender-female\">2</td>"));
        QVERIFY(page.body.contains("<td id=\"profil-occupation-petani\">1</td>"));
        QVERIFY(page.body.contains("<td id=\"profil-age-60_plus\">0</td>"));
        QVERIFY(page.body.contains("Tambah &lt;kursi&gt; tunggu"));
    }

    // A period's days are WIB days: an answer given at 00:30 WIB on 10 March (9 March, 17:30 UTC) counts for 10 March.
    void monitoringPeriodIsInWibDays()
    {
        serverlink::SurveyResponse survey;
        survey.id = QStringLiteral("survei-lewat-tengah-malam");
        survey.answers = QList<int>(9, 4);
        survey.at = QDateTime(QDate(2026, 3, 9), QTime(17, 30), Qt::UTC);
        QVERIFY(m_backend->store->insertSurvey(QStringLiteral("KIOSK-0001"), kDesa, survey));
        const auto [jar, csrf] = login(QStringLiteral("camat"), QStringLiteral("sandi-camat-panjang"));
        const Reply tenth = call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan?dari=2026-03-10&sampai=2026-03-10"));
        QCOMPARE(tenth.status, 200);
        QVERIFY(tenth.body.contains("1 responden"));
        const Reply ninth = call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan?dari=2026-03-09&sampai=2026-03-09"));
        QVERIFY(!ninth.body.contains("1 responden"));
    }

    // #17 M2: monitoring shows an officer only the desas of their office: each camat their own kecamatan's registration
    // numbers, kiosks and survey answers, on the page and in every CSV; the super admin sees every desa.
    void monitoringScopedByOffice()
    {
        addOfficer(QStringLiteral("camatjati"), Role::Camat, QStringLiteral("352201"));
        addOfficer(QStringLiteral("pusat"), Role::SuperAdmin, QStringLiteral("*"));
        struct Desa {
            QString code;
            QString reg;
            QString kioskId;
            QString suggestion;
            int score;
        };
        const QList<Desa> desas {
            {kDesa, QStringLiteral("REG-PITU-LAMA"), QStringLiteral("KIOSK-PITU-9"), QStringLiteral("Saran dari Pitu"), 4},
            {kOtherKecamatanDesa, QStringLiteral("REG-JATI-LAMA"), QStringLiteral("KIOSK-JATI-9"), QStringLiteral("Saran dari Jati"), 1}};
        for (const Desa &d : desas) {
            NewRequest n;
            n.kioskId = d.kioskId;
            n.desaCode = d.code;
            n.idempotencyKey = QStringLiteral("key-%1-0000000000").arg(d.reg);
            n.submit.registrationNumber = d.reg;
            n.submit.serviceCode = QStringLiteral("DOMISILI");
            n.submit.nik = QStringLiteral("3521114506800002");
            n.submit.name = QStringLiteral("Warga %1").arg(d.code);
            n.submit.address = QStringLiteral("Dusun Krajan");
            n.submit.purpose = QStringLiteral("Uji");
            n.submit.submittedAt = QDateTime::currentDateTimeUtc();
            n.bodySha256 = d.reg;
            QVERIFY(m_backend->store->insertRequest(n));
            KioskHeartbeat beat;
            beat.kioskId = d.kioskId;
            beat.desaCode = d.code;
            beat.lastSeen = QDateTime::currentDateTimeUtc();
            beat.sentAt = beat.lastSeen;
            for (QString *state : {&beat.printerState, &beat.paperState, &beat.scannerState, &beat.letterPrinterState})
                *state = QStringLiteral("ready");
            beat.version = QStringLiteral("1.0.0");
            QVERIFY(m_backend->store->recordHeartbeat(beat));
            serverlink::SurveyResponse survey;
            survey.id = QStringLiteral("survei-%1").arg(d.reg);
            survey.answers = QList<int>(9, d.score);
            survey.suggestion = d.suggestion;
            survey.at = QDateTime::currentDateTimeUtc();
            QVERIFY(m_backend->store->insertSurvey(d.kioskId, d.code, survey));
        }
        {
            // Both requests have waited since January: each is an SLA breach with its registration number.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("backdate"));
            db.setDatabaseName(m_dir.filePath(QStringLiteral("data/backend.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(
                q.exec(QStringLiteral("UPDATE events SET at = '2026-01-05T01:00:00.000Z' WHERE registration_number LIKE 'REG-%-LAMA'")));
            QCOMPARE(q.numRowsAffected(), 2);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("backdate"));

        const auto check = [this, &desas](const QString &user, const QList<bool> &seesDesa) {
            const auto [jar, csrf] = login(user, QStringLiteral("sandi-%1-panjang").arg(user));
            QVERIFY(!csrf.isEmpty());
            const Reply page = call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan"));
            QCOMPARE(page.status, 200);
            const QByteArray sla = call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan.csv?tabel=sla")).body;
            const QByteArray fleet = call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan.csv?tabel=armada")).body;
            const QByteArray stages = call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan.csv?tabel=tahap")).body;
            for (int i = 0; i < desas.size(); ++i) {
                const Desa &d = desas.at(i);
                const QString what = QStringLiteral("%1 sees desa %2: %3").arg(user, d.code).arg(seesDesa.at(i));
                for (const QString &part : {d.reg, d.kioskId, d.suggestion})
                    QVERIFY2(
                        page.body.contains(part.toUtf8()) == seesDesa.at(i), qPrintable(what + QStringLiteral(" (page: ") + part + ')'));
                QVERIFY2(sla.contains(d.reg.toUtf8()) == seesDesa.at(i), qPrintable(what + QStringLiteral(" (sla.csv)")));
                QVERIFY2(fleet.contains(d.kioskId.toUtf8()) == seesDesa.at(i), qPrintable(what + QStringLiteral(" (armada.csv)")));
                QVERIFY2(stages.contains(d.code.toUtf8() + ',') == seesDesa.at(i), qPrintable(what + QStringLiteral(" (tahap.csv)")));
            }
        };
        check(QStringLiteral("camat"), {true, false});
        check(QStringLiteral("camatjati"), {false, true});
        check(QStringLiteral("pusat"), {true, true});
        // The survey results of Jati alone: one respondent, all answers 1, IKM 25.
        const auto [jar, csrf] = login(QStringLiteral("camatjati"), QStringLiteral("sandi-camatjati-panjang"));
        const QByteArray ikm = call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan.csv?tabel=ikm")).body;
        QVERIFY2(ikm.contains("responden,1\r\n") && ikm.contains("IKM,25.00"), ikm.constData());
    }

    void lockoutAfterFiveFailures()
    {
        for (int i = 0; i < 5; ++i) {
            int status = 0;
            login(QStringLiteral("camat"), QStringLiteral("salah-%1").arg(i), &status);
            QCOMPARE(status, 401);
        }
        int status = 0;
        const auto [jar, csrf] = login(QStringLiteral("camat"), QStringLiteral("sandi-camat-panjang"), &status);
        QCOMPARE(status, 429);
        QVERIFY(csrf.isEmpty());
        // Locked for the address that guessed, not for the camat: from another address the right password works.
        const auto [otherJar, otherCsrf]
            = login(QStringLiteral("camat"), QStringLiteral("sandi-camat-panjang"), &status, QStringLiteral("127.0.0.2"));
        QCOMPARE(status, 303);
        QVERIFY(!otherCsrf.isEmpty());
        QVERIFY(!accounts::isLocked(m_backend->store->officerByUsername(QStringLiteral("camat")).value(), QDateTime::currentDateTimeUtc()));
        // A new password set by the admin lifts the lock of the guessing address too.
        const auto [adminJar, adminCsrf] = login(QStringLiteral("admin"), QStringLiteral("sandi-admin-panjang"));
        const qint64 camatId = m_backend->store->officerByUsername(QStringLiteral("camat")).value().id;
        QCOMPARE(call(adminJar, QStringLiteral("POST"), QStringLiteral("/admin/petugas/%1").arg(camatId),
                     {QStringLiteral("csrf=") + adminCsrf, QStringLiteral("password=sandi-camat-baru"),
                         QStringLiteral("sandi_saat_ini=sandi-admin-panjang")})
                     .status,
            303);
        login(QStringLiteral("camat"), QStringLiteral("sandi-camat-baru"), &status);
        QCOMPARE(status, 303);
    }

    void parallelGuessesStopAtTheLimit()
    {
        // Twelve wrong guesses at once from one address: the limit is decided before each password hash, so exactly
        // five are checked (401) and the rest refused unchecked (429).
        const QString jar = m_dir.filePath(QStringLiteral("jar-parallel"));
        const QString token = csrfOf(call(jar, QStringLiteral("GET"), QStringLiteral("/masuk")).body);
        std::vector<std::unique_ptr<QProcess>> guesses;
        for (int i = 0; i < 12; ++i) {
            auto curl = std::make_unique<QProcess>();
            curl->start(QStringLiteral("curl"),
                {QStringLiteral("-sS"), QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                    QStringLiteral("%{http_code}"), QStringLiteral("--max-time"), QStringLiteral("120"), QStringLiteral("--cacert"),
                    m_pki + QStringLiteral("/ca.crt"), QStringLiteral("-b"), jar, QStringLiteral("--data-urlencode"),
                    QStringLiteral("csrf=") + token, QStringLiteral("--data-urlencode"), QStringLiteral("username=kades"),
                    QStringLiteral("--data-urlencode"), QStringLiteral("password=tebakan-%1").arg(i),
                    QStringLiteral("https://localhost:%1/masuk").arg(m_port)});
            guesses.push_back(std::move(curl));
        }
        QMap<QByteArray, int> statuses;
        for (const auto &curl : guesses) {
            QVERIFY(curl->waitForFinished(150000));
            ++statuses[curl->readAllStandardOutput()];
        }
        QCOMPARE(statuses.value("401"), lockout::kFreeFailures);
        QCOMPARE(statuses.value("429"), 12 - lockout::kFreeFailures);
    }

    void unknownUserAnsweredLikeWrongPassword()
    {
        addOfficer(QStringLiteral("pensiun"), Role::KepalaDesa, kDesa);
        OfficerRecord retired = m_backend->store->officerByUsername(QStringLiteral("pensiun")).value();
        retired.active = false;
        QVERIFY(m_backend->store->updateOfficer(retired));
        // An unknown name, a known one with a wrong password and a deactivated one with a wrong password: one answer.
        QByteArray unknown;
        QByteArray wrong;
        QByteArray inactive;
        int status = 0;
        login(QStringLiteral("tidak-ada"), QStringLiteral("sandi-apa-saja"), &status, {}, &unknown);
        QCOMPARE(status, 401);
        login(QStringLiteral("fo"), QStringLiteral("sandi-apa-saja"), &status, {}, &wrong);
        QCOMPARE(status, 401);
        login(QStringLiteral("pensiun"), QStringLiteral("sandi-apa-saja"), &status, {}, &inactive);
        QCOMPARE(status, 401);
        QVERIFY(!messageOf(unknown).isEmpty());
        QCOMPARE(messageOf(wrong), messageOf(unknown));
        QCOMPARE(messageOf(inactive), messageOf(unknown));
        // Only the right password learns that the account is deactivated.
        login(QStringLiteral("pensiun"), QStringLiteral("sandi-pensiun-panjang"), &status);
        QCOMPARE(status, 403);

        // The same work: an unknown name is checked against a hash of the same cost. Interleaved, median of five each;
        // a generous bound, since the machine may be busy (the old code spent two hashes on an unknown name).
        QList<qint64> unknownMs;
        QList<qint64> wrongMs;
        for (int i = 0; i < 5; ++i) {
            const QString source = QStringLiteral("10.0.0.%1").arg(i);
            QElapsedTimer t;
            t.start();
            QCOMPARE(accounts::login(*m_backend->store, QStringLiteral("tidak-ada-%1").arg(i), QStringLiteral("x"), source,
                         QDateTime::currentDateTimeUtc())
                         .error()
                         .code,
                ErrorCode::AuthenticationFailed);
            unknownMs.append(t.restart());
            QCOMPARE(
                accounts::login(*m_backend->store, QStringLiteral("kades"), QStringLiteral("x"), source, QDateTime::currentDateTimeUtc())
                    .error()
                    .code,
                ErrorCode::AuthenticationFailed);
            wrongMs.append(t.elapsed());
        }
        std::sort(unknownMs.begin(), unknownMs.end());
        std::sort(wrongMs.begin(), wrongMs.end());
        qInfo("median login time: unknown name %lld ms, wrong password %lld ms", unknownMs.at(2), wrongMs.at(2));
        QVERIFY2(unknownMs.at(2) * 2 < wrongMs.at(2) * 3 && wrongMs.at(2) * 2 < unknownMs.at(2) * 3,
            qPrintable(QStringLiteral("%1 ms against %2 ms").arg(unknownMs.at(2)).arg(wrongMs.at(2))));
    }

    void sessionEndsAfterTwelveHours()
    {
        const auto [jar, csrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        QCOMPARE(call(jar, QStringLiteral("GET"), QStringLiteral("/")).status, 200);
        // Busy all the time (last seen now) but opened thirteen hours ago.
        withDatabase([](QSqlDatabase &db) {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE officer_sessions SET created_at = '%1'")
                               .arg(QDateTime::currentDateTimeUtc().addSecs(-13 * 3600).toString(Qt::ISODateWithMs))));
        });
        const Reply expired = call(jar, QStringLiteral("GET"), QStringLiteral("/"));
        QCOMPARE(expired.status, 303);
        QVERIFY(expired.headers.contains("Location: /masuk?pesan=habis"));
    }

    void passwordChangeNeedsCurrentPassword()
    {
        const auto [jar, csrf] = login(QStringLiteral("admin"), QStringLiteral("sandi-admin-panjang"));
        const OfficerRecord kades = m_backend->store->officerByUsername(QStringLiteral("kades")).value();
        const QString path = QStringLiteral("/admin/petugas/%1").arg(kades.id);
        const auto hashOf = [this] { return m_backend->store->officerByUsername(QStringLiteral("kades")).value().passwordHash; };
        // Without the current password, or with a wrong one: refused, unchanged.
        QCOMPARE(
            call(jar, QStringLiteral("POST"), path, {QStringLiteral("csrf=") + csrf, QStringLiteral("password=sandi-baru-kades-1")}).status,
            400);
        const Reply wrong = call(jar, QStringLiteral("POST"), path,
            {QStringLiteral("csrf=") + csrf, QStringLiteral("password=sandi-baru-kades-1"), QStringLiteral("sandi_saat_ini=salah-sekali")});
        QCOMPARE(wrong.status, 400);
        QVERIFY(wrong.body.contains("Kata sandi Anda saat ini salah"));
        QCOMPARE(hashOf(), kades.passwordHash);
        QCOMPARE(call(jar, QStringLiteral("POST"), path,
                     {QStringLiteral("csrf=") + csrf, QStringLiteral("password=sandi-baru-kades-1"),
                         QStringLiteral("sandi_saat_ini=sandi-admin-panjang")})
                     .status,
            303);
        QVERIFY(serverlink::crypto::verifySecret(QStringLiteral("sandi-baru-kades-1"), hashOf()));
    }

    void auditLogOfOfficerAdministration()
    {
        addOfficer(QStringLiteral("root"), Role::SuperAdmin, QStringLiteral("*"));
        const auto [jar, csrf] = login(QStringLiteral("admin"), QStringLiteral("sandi-admin-panjang"));
        const auto admin = m_backend->store->officerByUsername(QStringLiteral("admin")).value();
        const auto kades = m_backend->store->officerByUsername(QStringLiteral("kades")).value();
        const auto camat = m_backend->store->officerByUsername(QStringLiteral("camat")).value();
        const QString kadesPath = QStringLiteral("/admin/petugas/%1").arg(kades.id);
        const QString today = QDate::currentDate().toString(Qt::ISODate);
        const qsizetype initial = m_backend->store->auditLog(1000).value().size();
        // Each administrative step leaves exactly one entry: who, what, for whom, from where.
        const auto step = [&](const QString &path, const QStringList &form, const QString &action, const QString &subject) {
            const int before = m_backend->store->auditLog(1000).value().size();
            QCOMPARE(call(jar, QStringLiteral("POST"), path, QStringList(form) << QStringLiteral("csrf=") + csrf).status, 303);
            const QList<AuditRecord> after = m_backend->store->auditLog(1000).value();
            QCOMPARE(after.size(), before + 1);
            QCOMPARE(after.first().actor, QStringLiteral("admin"));
            QCOMPARE(after.first().action, action);
            QCOMPARE(after.first().subject, subject);
            QCOMPARE(after.first().source, QStringLiteral("127.0.0.1"));
            QVERIFY(qAbs(after.first().at.secsTo(QDateTime::currentDateTimeUtc())) < 120);
        };
        step(QStringLiteral("/admin/petugas"),
            {QStringLiteral("username=sekdes-baru"), QStringLiteral("name=Sekdes Baru"), QStringLiteral("role=sekretaris_desa"),
                QStringLiteral("office=") + kDesa, QStringLiteral("password=sandi-sekdes-baru")},
            QStringLiteral("petugas.tambah"), QStringLiteral("sekdes-baru"));
        step(kadesPath, {QStringLiteral("password=sandi-kades-baru"), QStringLiteral("sandi_saat_ini=sandi-admin-panjang")},
            QStringLiteral("petugas.sandi"), QStringLiteral("kades"));
        step(kadesPath, {QStringLiteral("phone=0812-3456-7890")}, QStringLiteral("petugas.hp"), QStringLiteral("kades"));
        step(kadesPath, {QStringLiteral("aktif=0")}, QStringLiteral("petugas.nonaktif"), QStringLiteral("kades"));
        step(kadesPath, {QStringLiteral("aktif=1")}, QStringLiteral("petugas.aktif"), QStringLiteral("kades"));
        // The admin makes themselves the camat's delegate: a signer's role handed to oneself is named as such.
        step(QStringLiteral("/admin/cuti"),
            {QStringLiteral("petugas=%1").arg(camat.id), QStringLiteral("pengganti=%1").arg(admin.id), QStringLiteral("mulai=") + today,
                QStringLiteral("sampai=") + today, QStringLiteral("alasan=Dinas luar")},
            QStringLiteral("cuti.tambah"), QStringLiteral("camat"));
        QVERIFY(m_backend->store->auditLog(1).value().first().detail.contains(QStringLiteral("pencatat sendiri")));
        const qint64 leaveId = m_backend->store->delegations().value().constLast().id;
        step(QStringLiteral("/admin/cuti/%1/batal").arg(leaveId), {}, QStringLiteral("cuti.batal"), QStringLiteral("camat"));
        step(QStringLiteral("/petugas-loket"),
            {QStringLiteral("desa=") + kDesa, QStringLiteral("username=loket-baru"), QStringLiteral("nama=Loket Baru")},
            QStringLiteral("loket.tambah"), QStringLiteral("loket-baru"));
        step(QStringLiteral("/petugas-loket/loket-baru"), {QStringLiteral("aksi=nonaktif")}, QStringLiteral("loket.nonaktif"),
            QStringLiteral("loket-baru"));

        // Append-only: the database refuses to change or delete an entry.
        withDatabase([](QSqlDatabase &db) {
            QSqlQuery q(db);
            QVERIFY(!q.exec(QStringLiteral("UPDATE audit_log SET actor = 'orang-lain'")));
            QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log")));
        });
        QCOMPARE(m_backend->store->auditLog(1000).value().size(), initial + 9);

        // Shown to super admins only, filtered by day and officer.
        QCOMPARE(call(jar, QStringLiteral("GET"), QStringLiteral("/admin/audit")).status, 403);
        const auto [camatJar, camatCsrf] = login(QStringLiteral("camat"), QStringLiteral("sandi-camat-panjang"));
        QCOMPARE(call(camatJar, QStringLiteral("GET"), QStringLiteral("/admin/audit")).status, 403);
        const auto [rootJar, rootCsrf] = login(QStringLiteral("root"), QStringLiteral("sandi-root-panjang"));
        // The filter's days are the kecamatan's (WIB, UTC+7).
        const QString wibToday = QDateTime::currentDateTimeUtc().addSecs(7 * 3600).date().toString(Qt::ISODate);
        const Reply page
            = call(rootJar, QStringLiteral("GET"), QStringLiteral("/admin/audit?dari=%1&sampai=%1&petugas=admin").arg(wibToday));
        QCOMPARE(page.status, 200);
        for (const char *text : {"Tambah petugas", "Ganti kata sandi petugas", "Catat cuti dan pengganti", "127.0.0.1", "sekdes-baru"})
            QVERIFY2(page.body.contains(text), text);
        QVERIFY(call(rootJar, QStringLiteral("GET"), QStringLiteral("/")).body.contains("href=\"/admin/audit\""));
        const Reply nobody = call(rootJar, QStringLiteral("GET"), QStringLiteral("/admin/audit?petugas=camat"));
        QVERIFY(nobody.body.contains("Belum ada catatan pada periode ini."));
        const Reply future = call(rootJar, QStringLiteral("GET"), QStringLiteral("/admin/audit?dari=2099-01-01"));
        QVERIFY(future.body.contains("Belum ada catatan pada periode ini."));
        QCOMPARE(call(rootJar, QStringLiteral("GET"), QStringLiteral("/admin/audit?dari=kemarin")).status, 400);
    }

    void kecamatanSeesDesaLevelRequestsMasked()
    {
        addOfficer(QStringLiteral("kecfo"), Role::KecamatanFrontOffice, QStringLiteral("352111"));
        submit(QStringLiteral("REG-MASK-1"), QStringLiteral("Siti Aminah"));
        const auto [jar, csrf] = login(QStringLiteral("kecfo"), QStringLiteral("sandi-kecfo-panjang"));
        // A desa-level request: the kecamatan sees that it exists and where it stands, not whose it is.
        const Reply detail = call(jar, QStringLiteral("GET"), QStringLiteral("/permohonan/REG-MASK-1"));
        QCOMPARE(detail.status, 200);
        QVERIFY(detail.body.contains("data-stage=\"RECEIVED\""));
        QVERIFY(detail.body.contains(serverlink::masking::name(QStringLiteral("Siti Aminah")).toUtf8()));
        QVERIFY(detail.body.contains(serverlink::masking::nik(QStringLiteral("3521114506800002")).toUtf8()));
        for (const char *personal : {"Siti Aminah", "3521114506800002", "Dusun Krajan"})
            QVERIFY2(!detail.body.contains(personal), personal);
        QCOMPARE(call(jar, QStringLiteral("GET"), QStringLiteral("/permohonan/REG-MASK-1/surat.pdf")).status, 403);
        // Searching by the name finds nothing; by the number, the masked row.
        QVERIFY(!call(jar, QStringLiteral("GET"), QStringLiteral("/cari?q=Aminah")).body.contains("REG-MASK-1"));
        const Reply byNumber = call(jar, QStringLiteral("GET"), QStringLiteral("/cari?q=REG-MASK-1"));
        QVERIFY(byNumber.body.contains("REG-MASK-1") && !byNumber.body.contains("Siti Aminah"));
        // The desa's own officers see everything.
        const auto [foJar, foCsrf] = login(QStringLiteral("fo"), QStringLiteral("sandi-fo-panjang"));
        const Reply full = call(foJar, QStringLiteral("GET"), QStringLiteral("/permohonan/REG-MASK-1"));
        for (const char *personal : {"Siti Aminah", "3521114506800002", "Dusun Krajan"})
            QVERIFY2(full.body.contains(personal), personal);
    }

    void csvCellsNeverRunAsFormulas()
    {
        // A kiosk's appVersion lands in the fleet CSV: it must not start a formula in the officer's spreadsheet.
        addOfficer(QStringLiteral("camatcsv"), Role::Camat, QStringLiteral("352111"));
        KioskHeartbeat beat;
        beat.kioskId = QStringLiteral("KIOSK-CSV-1");
        beat.desaCode = kDesa;
        beat.lastSeen = QDateTime::currentDateTimeUtc();
        beat.sentAt = beat.lastSeen;
        for (QString *state : {&beat.printerState, &beat.paperState, &beat.scannerState, &beat.letterPrinterState})
            *state = QStringLiteral("ready");
        beat.version = QStringLiteral("=HYPERLINK(\"http://contoh.invalid\",\"klik\")");
        QVERIFY(m_backend->store->recordHeartbeat(beat));
        const auto [jar, csrf] = login(QStringLiteral("camatcsv"), QStringLiteral("sandi-camatcsv-panjang"));
        const QByteArray fleet = call(jar, QStringLiteral("GET"), QStringLiteral("/pemantauan.csv?tabel=armada")).body;
        QVERIFY2(fleet.contains("KIOSK-CSV-1"), fleet.constData());
        QVERIFY2(fleet.contains(",\"'=HYPERLINK("), fleet.constData());
        QVERIFY(!fleet.contains(",=HYPERLINK(") && !fleet.contains(",\"=HYPERLINK("));
    }
};

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
