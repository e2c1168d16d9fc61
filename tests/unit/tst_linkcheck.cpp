// Technician mode's link check against the real backend process over mutual TLS: every step passes with the
// pinned CA and the registered kiosk certificate; a CA that did not issue the server's certificate fails at TLS.
#include "linkprobe.h"
#include "testbackend.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestLinkCheck : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QProcess m_backend;
    int m_port = 0;

    QString path(const QString &rel) const { return m_dir.filePath(rel); }
    QString url() const { return QStringLiteral("https://127.0.0.1:%1/api/v1").arg(m_port); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!testsupport::makePki(path(QStringLiteral("pki"))))
            QSKIP("scripts/make-test-pki failed (openssl missing?)");
        testsupport::dieWithTest(m_backend);
        m_port = testsupport::startBackend(m_backend, path(QStringLiteral("backend")), path(QStringLiteral("pki")));
        QVERIFY2(m_port > 0, m_backend.readAllStandardError().right(2000).constData());
        QVERIFY(testsupport::registerTestKiosk(path(QStringLiteral("backend")), path(QStringLiteral("pki"))));
    }
    void cleanupTestCase()
    {
        m_backend.terminate();
        m_backend.waitForFinished(10000);
    }

    void everyStepPasses()
    {
        const kiosk::LinkCheck check = kiosk::checkLink(
            url(), {path(QStringLiteral("pki/ca.crt")), path(QStringLiteral("pki/kiosk.crt")), path(QStringLiteral("pki/kiosk.key"))});
        QCOMPARE(check.failedAt, kiosk::LinkCheck::Step::Done);
        QVERIFY2(check.lines.size() == 4, qPrintable(check.lines.join(QLatin1Char('\n'))));
        QVERIFY(check.lines.at(1).startsWith(QStringLiteral("TCP: 127.0.0.1 port %1 tersambung").arg(m_port)));
        QVERIFY(check.lines.at(2).startsWith(QStringLiteral("TLS: berhasil")));
        QVERIFY2(check.lines.at(3).contains(QRegularExpression(QStringLiteral("^Selisih jam dengan server: -?[0-9]+ detik$"))),
            qPrintable(check.lines.at(3)));
        QVERIFY(std::abs(check.clockSkewSeconds) < 60);
    }
    void foreignCaFailsAtTls()
    {
        // The kiosk's own certificate is no CA of the server's: the pin does not match.
        const kiosk::LinkCheck check = kiosk::checkLink(
            url(), {path(QStringLiteral("pki/kiosk.crt")), path(QStringLiteral("pki/kiosk.crt")), path(QStringLiteral("pki/kiosk.key"))});
        QCOMPARE(check.failedAt, kiosk::LinkCheck::Step::Tls);
        QVERIFY(check.lines.last().startsWith(QStringLiteral("TLS: gagal")));
    }
};

QTEST_GUILESS_MAIN(TestLinkCheck)
#include "tst_linkcheck.moc"
