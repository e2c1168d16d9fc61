// What technician mode shows and exports: personal data masked (rows of text → expected), secrets left out of the
// configuration, the bundle written whole into a new folder, the log ring bounded and masked.
#include "diagnostics.h"
#include "linkprobe.h"

#include <QDir>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

Q_LOGGING_CATEGORY(lcDiagTest, "anjungan.test")

class TestDiagnostics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void masking_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("masked");
        QTest::newRow("bare NIK") << "NIK 3521115205010021 ditolak"
                                  << "NIK 3521********0021 ditolak";
        QTest::newRow("NIK in JSON") << "{\"nik\":\"3521115205010021\"}"
                                     << "{\"nik\":\"3521********0021\"}";
        QTest::newRow("17 digits are not a NIK") << "35211152050100219"
                                                 << "35211152050100219";
        QTest::newRow("JSON name") << "{\"name\":\"Siti Aminah\",\"x\":1}"
                                   << "{\"name\":\"S*** A*****\",\"x\":1}";
        QTest::newRow("key=value name") << "nama=Budi Santoso; umur"
                                        << "nama=B*** S******; umur";
        QTest::newRow("pemohon: name") << "pemohon: Siti Aminah"
                                       << "pemohon: S*** A*****";
        QTest::newRow("registration numbers stay") << "permohonan 3521112004-2026-00017 terkirim"
                                                   << "permohonan 3521112004-2026-00017 terkirim";
        QTest::newRow("no personal data") << "sync round: 3 delivered"
                                          << "sync round: 3 delivered";
    }
    void masking()
    {
        QFETCH(QString, text);
        QFETCH(QString, masked);
        QCOMPARE(kiosk::maskPersonalData(text), masked);
    }

    void configWithoutSecrets()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("anjungan.conf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[server]\nurl = https://kecamatan.example/api/v1\nclientKey = /etc/anjungan/kiosk.key\n"
                "proxy = http://u:rahasia@10.0.0.1:3128\n[seal]\nrootPublicKey = -----BEGIN\n");
        f.close();
        const QString text = kiosk::configWithoutSecrets(path);
        QVERIFY(text.contains(QStringLiteral("url = https://kecamatan.example/api/v1")));
        QVERIFY(text.contains(QStringLiteral("clientKey = (disembunyikan)")));
        QVERIFY(text.contains(QStringLiteral("proxy = (disembunyikan)")));
        QVERIFY(!text.contains(QStringLiteral("rahasia")));
        QVERIFY(!text.contains(QStringLiteral("/etc/anjungan/kiosk.key")));
        QVERIFY(kiosk::configWithoutSecrets(dir.filePath(QStringLiteral("none"))).contains(QStringLiteral("tidak dapat dibaca")));
    }

    void bundleWrittenWholeAndMasked()
    {
        QTemporaryDir stick;
        kiosk::DiagnosticsBundle b;
        b.kioskId = QStringLiteral("KIOS/01");
        b.logLines = {QStringLiteral("NIK 3521115205010021 nama=Siti Aminah")};
        b.system = {QStringLiteral("Versi aplikasi: 1.0")};
        const auto dir = kiosk::exportDiagnostics(b, stick.path(), QDateTime(QDate(2026, 12, 7), QTime(8, 0), Qt::UTC));
        QVERIFY(dir);
        QCOMPARE(QFileInfo(dir.value()).fileName(), QStringLiteral("diagnostik-KIOS_01-20261207-080000"));
        QCOMPARE(QDir(dir.value()).entryList(QDir::Files).size(), 6);
        QFile log(QDir(dir.value()).filePath(QStringLiteral("log.txt")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QCOMPARE(log.readAll(), QByteArray("NIK 3521********0021 nama=S*** A*****\n"));
        QCOMPARE(kiosk::exportDiagnostics(b, stick.filePath(QStringLiteral("absent")), QDateTime::currentDateTimeUtc()).error().code,
            kiosk::ErrorCode::NotFound);
    }

    void logRingKeepsTheLastLinesMasked()
    {
        kiosk::LogRing::install(3);
        for (int i = 0; i < 5; ++i)
            qCInfo(lcDiagTest).noquote() << "baris" << i << "NIK 3521115205010021";
        const QStringList lines = kiosk::LogRing::lines();
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.last().contains(QStringLiteral("anjungan.test: baris 4 NIK 3521********0021")));
        QVERIFY(!lines.join(QLatin1Char('\n')).contains(QStringLiteral("3521115205010021")));
    }

    void linkCheckNamesTheFailedStep()
    {
        // Nothing listens on port 1 of this machine: the name resolves, the connection does not.
        const kiosk::LinkCheck closed = kiosk::checkLink(QStringLiteral("https://127.0.0.1:1/api/v1"), {});
        QCOMPARE(closed.failedAt, kiosk::LinkCheck::Step::Tcp);
        QCOMPARE(closed.lines.size(), 2);
        QVERIFY(closed.lines.at(0).startsWith(QStringLiteral("DNS: 127.0.0.1 → 127.0.0.1")));
        QVERIFY(closed.lines.at(1).startsWith(QStringLiteral("TCP: 127.0.0.1 port 1 tidak tersambung")));
        const kiosk::LinkCheck unnamed = kiosk::checkLink(QStringLiteral("https://backend.invalid/api/v1"), {});
        QCOMPARE(unnamed.failedAt, kiosk::LinkCheck::Step::Dns);
        QVERIFY(unnamed.lines.first().startsWith(QStringLiteral("DNS: nama backend.invalid tidak ditemukan")));
        QCOMPARE(kiosk::checkLink(QStringLiteral("bukan url"), {}).failedAt, kiosk::LinkCheck::Step::Dns);
    }
    void systemFacts()
    {
        const kiosk::SystemFacts facts = kiosk::readSystemFacts(QDir::tempPath(), QStringLiteral("1.2.3"), {});
        QVERIFY(facts.diskTotalBytes > 0);
        QVERIFY(facts.memoryTotalKb > 0);
        QVERIFY(facts.uptimeSeconds >= 0);
        const QStringList lines = facts.lines();
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.at(3), QStringLiteral("Versi aplikasi: 1.2.3"));
        QCOMPARE(lines.at(4), QStringLiteral("Versi image: bukan image anjungan"));
    }
};

QTEST_GUILESS_MAIN(TestDiagnostics)
#include "tst_diagnostics.moc"
