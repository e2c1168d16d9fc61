// The first-boot screen's network settings: what is refused, the spool file both sides read, and the files
// anjungan-netapply writes for systemd-networkd and wpa_supplicant.
#include "networksettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using netapply::NetworkSettings;

namespace {
NetworkSettings staticWired(const QString &address, const QString &gateway, const QStringList &dns)
{
    NetworkSettings s;
    s.addressing = NetworkSettings::Addressing::Static;
    s.address = address;
    s.gateway = gateway;
    s.dns = dns;
    return s;
}
} // namespace

class TestNetworkSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void staticAddressRules_data()
    {
        // An independent table: what a technician might type, and whether the kiosk may apply it.
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("gateway");
        QTest::addColumn<QString>("dns");
        QTest::addColumn<bool>("valid");
        QTest::newRow("typical") << "192.168.1.20/24"
                                 << "192.168.1.1"
                                 << "192.168.1.1" << true;
        QTest::newRow("three dns") << "10.0.5.7/16"
                                   << "10.0.0.1"
                                   << "8.8.8.8 1.1.1.1 9.9.9.9" << true;
        QTest::newRow("ipv6") << "2001:db8::20/64"
                              << "2001:db8::1"
                              << "2001:4860:4860::8888" << true;
        QTest::newRow("no prefix") << "192.168.1.20"
                                   << "192.168.1.1"
                                   << "8.8.8.8" << false;
        QTest::newRow("prefix 33") << "192.168.1.20/33"
                                   << "192.168.1.1"
                                   << "8.8.8.8" << false;
        QTest::newRow("prefix 31") << "192.168.1.20/31"
                                   << "192.168.1.21"
                                   << "8.8.8.8" << false;
        QTest::newRow("prefix text") << "192.168.1.20/2a"
                                     << "192.168.1.1"
                                     << "8.8.8.8" << false;
        QTest::newRow("network address") << "192.168.1.0/24"
                                         << "192.168.1.1"
                                         << "8.8.8.8" << false;
        QTest::newRow("broadcast address") << "192.168.1.255/24"
                                           << "192.168.1.1"
                                           << "8.8.8.8" << false;
        QTest::newRow("octet 256") << "192.168.1.256/24"
                                   << "192.168.1.1"
                                   << "8.8.8.8" << false;
        QTest::newRow("loopback") << "127.0.0.5/8"
                                  << "127.0.0.1"
                                  << "8.8.8.8" << false;
        QTest::newRow("multicast") << "224.0.0.5/24"
                                   << "224.0.0.1"
                                   << "8.8.8.8" << false;
        QTest::newRow("zero address") << "0.0.0.0/24"
                                      << "0.0.0.1"
                                      << "8.8.8.8" << false;
        QTest::newRow("gateway elsewhere") << "192.168.1.20/24"
                                           << "192.168.2.1"
                                           << "8.8.8.8" << false;
        QTest::newRow("gateway is us") << "192.168.1.20/24"
                                       << "192.168.1.20"
                                       << "8.8.8.8" << false;
        QTest::newRow("gateway ipv6 for ipv4") << "192.168.1.20/24"
                                               << "2001:db8::1"
                                               << "8.8.8.8" << false;
        QTest::newRow("gateway name") << "192.168.1.20/24"
                                      << "router"
                                      << "8.8.8.8" << false;
        QTest::newRow("no dns") << "192.168.1.20/24"
                                << "192.168.1.1"
                                << "" << false;
        QTest::newRow("four dns") << "192.168.1.20/24"
                                  << "192.168.1.1"
                                  << "1.1.1.1 8.8.8.8 9.9.9.9 8.8.4.4" << false;
        QTest::newRow("dns name") << "192.168.1.20/24"
                                  << "192.168.1.1"
                                  << "dns.google" << false;
        QTest::newRow("newline in address") << "192.168.1.20/24\nDNS=6.6.6.6"
                                            << "192.168.1.1"
                                            << "8.8.8.8" << false;
        QTest::newRow("space in address") << " 192.168.1.20/24"
                                          << "192.168.1.1"
                                          << "8.8.8.8" << false;
        QTest::newRow("scoped ipv6") << "fe80::20%eth0/64"
                                     << "fe80::1"
                                     << "8.8.8.8" << false;
    }
    void staticAddressRules()
    {
        QFETCH(QString, address);
        QFETCH(QString, gateway);
        QFETCH(QString, dns);
        QFETCH(bool, valid);
        const NetworkSettings s = staticWired(address, gateway, dns.split(QLatin1Char(' '), Qt::SkipEmptyParts));
        QCOMPARE(s.problem().isEmpty(), valid);
        // Whatever the screen lets through survives the spool: root accepts exactly what the kiosk accepted.
        QString error;
        const auto parsed = NetworkSettings::fromSpool(s.toSpool(), &error);
        QCOMPARE(parsed.has_value(), valid);
        QCOMPARE(error.isEmpty(), valid);
    }

    void dhcpTakesNoAddresses()
    {
        NetworkSettings s;
        QVERIFY(s.problem().isEmpty());
        s.dns = {QStringLiteral("8.8.8.8")};
        QVERIFY(!s.problem().isEmpty());
    }

    void wifiRules()
    {
        NetworkSettings s;
        s.uplink = NetworkSettings::Uplink::Wifi;
        s.ssid = QStringLiteral("Balai Desa");
        QVERIFY2(!s.problem().isEmpty(), "a Wi-Fi uplink needs its key");
        s.psk = NetworkSettings::derivePsk(s.ssid, QStringLiteral("rahasia-desa-1"));
        QVERIFY2(s.problem().isEmpty(), qPrintable(s.problem()));
        s.ssid = QString(33, QLatin1Char('x'));
        QVERIFY(!s.problem().isEmpty());
        s.ssid = QStringLiteral("a\nb");
        QVERIFY(!s.problem().isEmpty());
        s.ssid.clear();
        QVERIFY(!s.problem().isEmpty());
        // A passphrase outside 8–63 printable ASCII gives no key.
        QVERIFY(NetworkSettings::derivePsk(QStringLiteral("x"), QStringLiteral("pendek")).isEmpty());
        QVERIFY(NetworkSettings::derivePsk(QStringLiteral("x"), QString(64, QLatin1Char('a'))).isEmpty());
        QVERIFY(NetworkSettings::derivePsk(QStringLiteral("x"), QStringLiteral("kata\tsandi")).isEmpty());
        // A wired uplink carries no Wi-Fi secrets.
        NetworkSettings wired;
        wired.psk = QString(64, QLatin1Char('a'));
        QVERIFY(!wired.problem().isEmpty());
    }

    void pskIsTheStandardDerivation()
    {
        // IEEE 802.11i-2004, annex H.4.1, test vector 1.
        QCOMPARE(NetworkSettings::derivePsk(QStringLiteral("IEEE"), QStringLiteral("password")),
            QStringLiteral("f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e"));
    }

    void spoolRefusesGarbage_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("unknown key") << QByteArray("uplink=wired\naddressing=dhcp\nExecStart=/bin/sh\n");
        QTest::newRow("unknown mode") << QByteArray("uplink=wired\naddressing=manual\n");
        QTest::newRow("duplicate key") << QByteArray("uplink=wired\naddressing=dhcp\naddressing=dhcp\n");
        QTest::newRow("carriage return") << QByteArray("uplink=wired\r\naddressing=dhcp\r\n");
        QTest::newRow("no equals") << QByteArray("uplink wired\naddressing=dhcp\n");
        QTest::newRow("invalid utf-8") << QByteArray("uplink=wifi\naddressing=dhcp\nssid=\xff\xfe\npsk=") + QByteArray(64, 'a') + '\n';
        QTest::newRow("short psk") << QByteArray("uplink=wifi\naddressing=dhcp\nssid=Desa\npsk=abcd\n");
        QTest::newRow("oversized") << QByteArray("uplink=wired\naddressing=dhcp\n") + QByteArray(5000, '#');
        QTest::newRow("static without gateway") << QByteArray("uplink=wired\naddressing=static\naddress=10.0.0.5/24\ndns=10.0.0.1\n");
    }
    void spoolRefusesGarbage()
    {
        QFETCH(QByteArray, text);
        QString error;
        QVERIFY(!NetworkSettings::fromSpool(text, &error));
        QVERIFY(!error.isEmpty());
    }

    void networkFileOfDhcp()
    {
        const NetworkSettings s;
        QVERIFY(s.networkFile().contains("[Match]\nType=ether\n\n[Network]\nDHCP=yes\n"));
        QVERIFY(s.wpaSupplicantConfig().isEmpty());
    }

    void networkFileOfStaticAddress()
    {
        const NetworkSettings s = staticWired(
            QStringLiteral("192.168.1.20/24"), QStringLiteral("192.168.1.1"), {QStringLiteral("8.8.8.8"), QStringLiteral("1.1.1.1")});
        const QByteArray text = s.networkFile();
        QVERIFY(
            text.contains("[Match]\nType=ether\n\n[Network]\nAddress=192.168.1.20/24\nGateway=192.168.1.1\nDNS=8.8.8.8\nDNS=1.1.1.1\n"));
        QVERIFY(!text.contains("DHCP"));
    }

    void wifiFilesKeepNoPassphrase()
    {
        NetworkSettings s;
        s.uplink = NetworkSettings::Uplink::Wifi;
        s.ssid = QStringLiteral("Desa \"Pitu\" 2");
        s.psk = NetworkSettings::derivePsk(s.ssid, QStringLiteral("kata sandi desa"));
        QVERIFY(s.networkFile().contains("Type=wlan\n"));
        const QByteArray wpa = s.wpaSupplicantConfig();
        // The name in hex: quotes in it cannot end the value early.
        QVERIFY2(wpa.contains("\tssid=" + QByteArray("Desa \"Pitu\" 2").toHex() + '\n'), wpa.constData());
        QVERIFY(wpa.contains("\tpsk=" + s.psk.toLatin1() + '\n'));
        QVERIFY(wpa.contains("key_mgmt=WPA-PSK"));
        QVERIFY(!wpa.contains("kata sandi desa"));
        QVERIFY(!s.toSpool().contains("kata sandi desa"));
        const auto back = NetworkSettings::fromSpool(s.toSpool(), nullptr);
        QVERIFY(back);
        QCOMPARE(back->ssid, s.ssid);
        QCOMPARE(back->psk, s.psk);
    }

    void helperAppliesValidSettingsAndKeepsThemOnGarbage()
    {
        // The root helper as the image runs it, on folders of the test's own and without restarting anything.
        const QString helper = QDir(qEnvironmentVariable("KIOSK_BINARY_DIR")).filePath(QStringLiteral("netapply/anjungan-netapply"));
        if (!QFileInfo::exists(helper))
            QSKIP("anjungan-netapply is not built");
        QTemporaryDir dir;
        const QString spool = dir.filePath(QStringLiteral("network/settings.conf"));
        const QString network = dir.filePath(QStringLiteral("run/10-anjungan-uplink.network"));
        QDir().mkpath(dir.filePath(QStringLiteral("network")));
        // A null `settings` runs the helper without a spool file.
        const auto run = [&](const QByteArray &settings) {
            QFile file(spool);
            if (!settings.isNull() && (!file.open(QIODevice::WriteOnly) || file.write(settings) != settings.size()))
                return -1;
            file.close();
            QProcess p;
            p.start(helper,
                {QStringLiteral("--spool"), spool, QStringLiteral("--network-dir"), dir.filePath(QStringLiteral("run")),
                    QStringLiteral("--wpa-config"), dir.filePath(QStringLiteral("run/wpa.conf")), QStringLiteral("--no-reload")});
            return p.waitForFinished(30000) ? p.exitCode() : -1;
        };
        const auto read = [](const QString &path) {
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        const NetworkSettings good = staticWired(QStringLiteral("10.1.2.3/24"), QStringLiteral("10.1.2.1"), {QStringLiteral("10.1.2.1")});
        QCOMPARE(run(good.toSpool()), 0);
        QCOMPARE(read(network), good.networkFile());
        QCOMPARE(read(dir.filePath(QStringLiteral("network/result"))), QByteArray("ok\n"));
        QCOMPARE(run("uplink=wired\naddressing=dhcp\n[Network]\nExecStart=/bin/sh\n"), 1);
        QCOMPARE(read(network), good.networkFile());
        QVERIFY(read(dir.filePath(QStringLiteral("network/result"))).startsWith("refused: "));
        // No settings: the image's defaults apply again.
        QVERIFY(QFile::remove(spool));
        QCOMPARE(run(QByteArray()), 0);
        QVERIFY(!QFile::exists(network));
    }
};

QTEST_GUILESS_MAIN(TestNetworkSettings)
#include "tst_networksettings.moc"
