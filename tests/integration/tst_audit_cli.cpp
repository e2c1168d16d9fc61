// Issue #17 M9 on the command line: what `kecamatan-backend` does to officers, kiosks and seal keys leaves one entry
// in the append-only audit log, naming the system user and "lokal" as its source.
#include "backendstore.h"
#include "testbackend.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

using namespace backend;

namespace {

const QString kDesa = QStringLiteral("3521112004");

} // namespace

class TestAuditCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    /// The audit log as the backend wrote it, newest first.
    QList<AuditRecord> audit() const
    {
        auto store = BackendStore::open(QDir(dataDir()).filePath(QStringLiteral("backend.sqlite")));
        return store ? store.value()->auditLog(100).value() : QList<AuditRecord>();
    }

    /// Runs one command and checks that it added exactly one entry with `action` and `subject`; `output` gets its stdout.
    void expectOneEntry(
        const QStringList &args, const QByteArray &input, const QString &action, const QString &subject, QByteArray *output = nullptr)
    {
        const qsizetype before = audit().size();
        const auto out = testsupport::runBackendCommand(dataDir(), args, input);
        QVERIFY2(out, qPrintable(args.join(QLatin1Char(' '))));
        if (output)
            *output = *out;
        const QList<AuditRecord> after = audit();
        QCOMPARE(after.size(), before + 1);
        QCOMPARE(after.first().action, action);
        QCOMPARE(after.first().subject, subject);
        QCOMPARE(after.first().source, QStringLiteral("lokal"));
        QCOMPARE(after.first().actor, QStringLiteral("cli:") + expectedUser());
    }

    static QString expectedUser()
    {
        const QString sudoUser = qEnvironmentVariable("SUDO_USER");
        if (!sudoUser.isEmpty())
            return sudoUser;
        const passwd *pw = getpwuid(geteuid());
        return pw ? QString::fromLocal8Bit(pw->pw_name) : QString();
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed: no test PKI for the kiosk certificate");
        QVERIFY(m_dir.isValid());
        QVERIFY(testsupport::makePki(m_dir.filePath(QStringLiteral("pki"))));
        QVERIFY(testsupport::registerTestKiosk(dataDir(), m_dir.filePath(QStringLiteral("pki"))));
    }

    void officerKioskAndKeyCommandsAreAudited()
    {
        expectOneEntry({QStringLiteral("officer"), QStringLiteral("add"), QStringLiteral("--username"), QStringLiteral("kades-cli"),
                           QStringLiteral("--role"), QStringLiteral("kepala_desa"), QStringLiteral("--office"), kDesa},
            "kades-cli-sandi-panjang\n", QStringLiteral("petugas.tambah"), QStringLiteral("kades-cli"));
        QByteArray code;
        expectOneEntry({QStringLiteral("enroll-code"), QStringLiteral("create"), QStringLiteral("--desa"), kDesa, QStringLiteral("--kiosk"),
                           QStringLiteral("KIOSK-BARU")},
            {}, QStringLiteral("anjungan.kode"), QStringLiteral("KIOSK-BARU"), &code);
        // The one-time code is a secret until used: it never reaches the log.
        code = code.trimmed();
        QVERIFY(!code.isEmpty());
        QVERIFY(!audit().first().detail.contains(QString::fromLatin1(code)));
        expectOneEntry(
            {QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--office"), kDesa}, {}, QStringLiteral("kunci.buat"), kDesa);
        expectOneEntry({QStringLiteral("keys"), QStringLiteral("rotate"), QStringLiteral("--office"), kDesa, QStringLiteral("--from"),
                           QDate::currentDate().addDays(1).toString(Qt::ISODate)},
            {}, QStringLiteral("kunci.ganti"), kDesa);
        // A compromised key revoked (M4) is administration too.
        const auto keys = BackendStore::open(QDir(dataDir()).filePath(QStringLiteral("backend.sqlite"))).value()->signingKeys().value();
        QVERIFY(!keys.isEmpty());
        expectOneEntry({QStringLiteral("keys"), QStringLiteral("revoke"), keys.first().keyId.left(8), QStringLiteral("--reason"),
                           QStringLiteral("laptop kantor dicuri")},
            {}, QStringLiteral("kunci.cabut"), keys.first().office);
        QVERIFY(audit().first().detail.contains(QStringLiteral("laptop kantor dicuri")));
        const auto kiosks = BackendStore::open(QDir(dataDir()).filePath(QStringLiteral("backend.sqlite"))).value()->kiosks().value();
        QVERIFY(!kiosks.isEmpty());
        expectOneEntry({QStringLiteral("kiosk"), QStringLiteral("revoke"), kiosks.first().kioskId}, {}, QStringLiteral("anjungan.cabut"),
            kiosks.first().kioskId);
    }
};

QTEST_GUILESS_MAIN(TestAuditCli)
#include "tst_audit_cli.moc"
