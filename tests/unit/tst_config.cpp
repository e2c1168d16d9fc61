// The kiosk's INI configuration: lists, defaults and bounds; the appliance image's version from os-release.
#include "config.h"
#include "logcapture.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using kiosk::KioskConfig;

class TestConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void imageVersionFromOsRelease_data()
    {
        QTest::addColumn<QByteArray>("osRelease");
        QTest::addColumn<QString>("version");
        const QByteArray debian = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n";
        QTest::newRow("a developer's Debian") << debian << QString();
        QTest::newRow("the appliance (image/build)") << debian + "IMAGE_ID=anjungan-desa\nIMAGE_VERSION=v1.4-2-gabc123\n"
                                                     << QStringLiteral("v1.4-2-gabc123");
        QTest::newRow("double-quoted") << QByteArray("IMAGE_VERSION=\"2026.12.1\"\n") << QStringLiteral("2026.12.1");
        QTest::newRow("single-quoted, no newline") << QByteArray("IMAGE_VERSION='2026.12.1'") << QStringLiteral("2026.12.1");
        QTest::newRow("another key ending in it") << QByteArray("OLD_IMAGE_VERSION=1\n") << QString();
        QTest::newRow("empty") << QByteArray() << QString();
    }

    void imageVersionFromOsRelease()
    {
        QFETCH(QByteArray, osRelease);
        QFETCH(QString, version);
        QCOMPARE(kiosk::imageVersionFromOsRelease(osRelease), version);
    }

    void scannerList_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("default") << QByteArray() << QStringList {QStringLiteral("wedge:")};
        QTest::newRow("one") << QByteArray("scanners=usb:0c2e:0b61") << QStringList {QStringLiteral("usb:0c2e:0b61")};
        // QSettings turns a comma-separated INI value into a list by itself.
        QTest::newRow("two") << QByteArray("scanners=wedge:,file:/run/anjungan/scans")
                             << QStringList {QStringLiteral("wedge:"), QStringLiteral("file:/run/anjungan/scans")};
        QTest::newRow("spaces and empty") << QByteArray("scanners=wedge: , camera:0,")
                                          << QStringList {QStringLiteral("wedge:"), QStringLiteral("camera:0")};
    }
    void scannerList()
    {
        QFETCH(QByteArray, line);
        QFETCH(QStringList, expected);
        const auto config = load(line);
        QVERIFY(config);
        QCOMPARE(config->scanners, expected);
    }

    void printStallTimeoutIsBounded()
    {
        auto config = load({});
        QVERIFY(config);
        QCOMPARE(config->printStallTimeoutSeconds, 120);
        config = load({}, "[printers]\nstallTimeoutSeconds=1\n");
        QVERIFY(config);
        QCOMPARE(config->printStallTimeoutSeconds, 5);
    }

    void maxParallelIsBounded_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("expected");
        // Each row's file differs in size: QSettings in one process may serve a same-sized file rewritten within
        // the same second from its cache.
        QTest::newRow("default") << QByteArray() << 6;
        QTest::newRow("set") << QByteArray("maxParallel=12\n") << 12;
        QTest::newRow("zero") << QByteArray("maxParallel=0\n") << 1;
        QTest::newRow("too many") << QByteArray("maxParallel=500\n") << 16;
    }

    void maxParallelIsBounded()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, expected);
        const auto config = load({}, line); // still in [server]
        QVERIFY(config);
        QCOMPARE(config->maxParallel, expected);
    }

    void queueSection_data()
    {
        QTest::addColumn<QByteArray>("section");
        QTest::addColumn<QString>("lokets"); // "1:ABC"; empty: the file is refused
        QTest::addColumn<int>("requeueMinutes");
        QTest::addColumn<QString>("keypad2");
        // Sizes differ row to row (see maxParallelIsBounded_data).
        QTest::newRow("default") << QByteArray() << QStringLiteral("1:ABC") << 5 << QString();
        QTest::newRow("unquoted semicolons") << QByteArray(
            "[queue]\ncounters = 1:A,C;2:B,C\nnoShowRequeueMinutes=7\nkeypad2=evdev:/dev/input/by-id/k\n")
                                             << QStringLiteral("1:AC 2:BC") << 7 << QStringLiteral("evdev:/dev/input/by-id/k");
        QTest::newRow("quoted") << QByteArray("[queue]\ncounters = \"1:A;2:B;3:C\"\n") << QStringLiteral("1:A 2:B 3:C") << 5 << QString();
        QTest::newRow("malformed") << QByteArray("[queue]\ncounters = 9:A\n") << QString() << 5 << QString();
    }

    void queueSection()
    {
        QFETCH(QByteArray, section);
        QFETCH(QString, lokets);
        QFETCH(int, requeueMinutes);
        QFETCH(QString, keypad2);
        const auto config = load({}, section);
        if (lokets.isEmpty()) {
            QVERIFY(!config);
            return;
        }
        QVERIFY(config);
        QStringList out;
        for (const kiosk::Loket &l : config->counters) {
            QString letters;
            for (kiosk::QueueKind k : l.kinds)
                letters += kiosk::queuerules::letter(k);
            out << QStringLiteral("%1:%2").arg(l.counter).arg(letters);
        }
        QCOMPARE(out.join(QLatin1Char(' ')), lokets);
        QCOMPARE(config->noShowRequeueMinutes, requeueMinutes);
        QCOMPARE(config->keypads.value(2), keypad2);
    }

    void voiceAndDisplay_data()
    {
        QTest::addColumn<QByteArray>("sections");
        QTest::addColumn<int>("screen");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<int>("rate");
        QTest::addColumn<int>("volume");
        QTest::addColumn<QString>("device");
        QTest::newRow("defaults") << QByteArray() << -1 << true << 140 << 100 << QString();
        QTest::newRow("set") << QByteArray("[display]\nscreen=1\n[voice]\nenabled=false\nrate=120\nvolume=70\ndevice=plughw:1,0\n") << 1
                             << false << 120 << 70 << QStringLiteral("plughw:1,0");
        QTest::newRow("out of bounds") << QByteArray("[display]\nscreen=-5\n[voice]\nrate=1000\nvolume=-3\n") << -1 << true << 300 << 0
                                       << QString();
    }
    void voiceAndDisplay()
    {
        QFETCH(QByteArray, sections);
        const auto config = load({}, sections);
        QVERIFY(config);
        QTEST(config->displayScreen, "screen");
        QTEST(config->voiceEnabled, "enabled");
        QTEST(config->voiceRate, "rate");
        QTEST(config->voiceVolume, "volume");
        QTEST(config->voiceDevice, "device");
    }

    void documentSource_data()
    {
        QTest::addColumn<QByteArray>("sections");
        QTest::addColumn<QString>("source");
        QTest::newRow("none") << QByteArray() << QString();
        QTest::newRow("camera") << QByteArray("[documents]\nsource = camera:0\n") << QStringLiteral("camera:0");
        QTest::newRow("sane, colons kept") << QByteArray("[documents]\nsource=sane:genesys:libusb:001:004\n")
                                           << QStringLiteral("sane:genesys:libusb:001:004");
        QTest::newRow("folder with a comma") << QByteArray("[documents]\nsource=file:/srv/frames,kiosk 1\n")
                                             << QStringLiteral("file:/srv/frames,kiosk 1");
    }
    void documentSource()
    {
        QFETCH(QByteArray, sections);
        const auto config = load({}, sections);
        QVERIFY(config);
        QTEST(config->documentSource, "source");
    }

    void officeHoursAndHolidays()
    {
        // Defaults: no hours printed, the built-in holiday list.
        auto config = load({});
        QVERIFY(config);
        QVERIFY(config->officeHours.isEmpty());
        QCOMPARE(config->holidays, serverlink::WorkingCalendar::builtIn());
        // The hours keep their comma; the holiday file is relative to the configuration's folder.
        QFile list(m_dir.filePath(QStringLiteral("hari-libur.txt")));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write("2026-12-29 Hari Jadi Kabupaten\n");
        list.close();
        config = load({}, "[office]\nhours=Senin–Kamis 08.00–15.00, Jumat 08.00–11.00\nholidays=hari-libur.txt\n");
        QVERIFY(config);
        QCOMPARE(config->officeHours, QStringLiteral("Senin–Kamis 08.00–15.00, Jumat 08.00–11.00"));
        QCOMPARE(config->holidays.holidays().size(), 1);
        QVERIFY(!config->holidays.isWorkingDay(QDate(2026, 12, 29)));
        // A list the kiosk cannot read is a configuration error, not a silent weekends-only calendar.
        QVERIFY(!load({}, "[office]\nholidays=tidak-ada.txt\n"));
    }

    void fileModeIsChecked()
    {
        // The file names the client key and may carry the proxy's password: everyone may read it → a warning;
        // everyone may change it (and so point the kiosk at another backend) → refused.
        QVERIFY(load({}));
        const QString path = m_dir.filePath(QStringLiteral("anjungan.conf"));
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        {
            LogCapture log;
            QVERIFY(KioskConfig::load(path));
            QVERIFY2(!log.text().contains(path), qPrintable(log.text()));
        }
        QVERIFY(QFile::setPermissions(
            path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        {
            LogCapture log;
            QVERIFY(KioskConfig::load(path));
            QVERIFY2(log.text().contains(path) && log.text().contains(QStringLiteral("chmod 640")), qPrintable(log.text()));
        }
        QVERIFY(QFile::setPermissions(
            path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther | QFileDevice::WriteOther));
        const auto refused = KioskConfig::load(path);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, kiosk::ErrorCode::InvalidData);
        QVERIFY(refused.error().message.contains(QStringLiteral("chmod 640")));
    }

private:
    /// A complete configuration with `kioskLines` in [kiosk] and `sections` after it.
    std::optional<KioskConfig> load(const QByteArray &kioskLines, const QByteArray &sections = {})
    {
        const QByteArray ini = "[kiosk]\nid=KIOSK-0001\ndesaCode=3521112004\ndataDir=data\n" + kioskLines
            + "\n[server]\nurl=https://127.0.0.1:8443/api/v1\ncaFile=ca.crt\n" + sections;
        const QString path = m_dir.filePath(QStringLiteral("anjungan.conf"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return std::nullopt;
        file.write(ini);
        file.close();
        auto config = KioskConfig::load(path);
        if (!config) {
            qWarning("%s", qPrintable(config.error().message));
            return std::nullopt;
        }
        return config.value();
    }
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
