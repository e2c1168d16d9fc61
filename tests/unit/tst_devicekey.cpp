// The device key that seals personal data at rest (#17 L5, M8): made whole and once even when processes start
// together, tightened when found readable by others, kept apart from the data folder (an old key there is moved).
#include "config.h"
#include "logcapture.h"
#include "store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <latch>
#include <sys/stat.h>
#include <thread>

class TestDeviceKey : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    static int modeOf(const QString &path)
    {
        struct stat st {
        };
        return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
    }

private Q_SLOTS:
    void startingTogetherMakesOneKey()
    {
        // Several processes (threads here) starting at once on a fresh unit: each gets the same whole key.
        for (int round = 0; round < 25; ++round) {
            const QString path = m_dir.filePath(QStringLiteral("race-%1/device.key").arg(round));
            constexpr int kStarters = 8;
            std::latch start(kStarters);
            std::vector<kiosk::Result<QByteArray>> keys(kStarters, kiosk::Error {kiosk::ErrorCode::Io, {}});
            std::vector<std::thread> starters;
            for (int i = 0; i < kStarters; ++i)
                starters.emplace_back([&, i] {
                    start.arrive_and_wait();
                    keys[size_t(i)] = kiosk::loadOrCreateDeviceKey(path);
                });
            for (std::thread &t : starters)
                t.join();
            for (const auto &key : keys) {
                QVERIFY2(key, qPrintable(key ? QString() : key.error().message));
                QCOMPARE(key->size(), 32);
                QCOMPARE(*key, *keys.front());
            }
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), *keys.front());
            QCOMPARE(modeOf(path), 0600);
            // Nothing half-made is left beside it.
            QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files), QStringList {QStringLiteral("device.key")});
        }
    }

    void looseModeIsTightenedAndLogged()
    {
        const QString path = m_dir.filePath(QStringLiteral("loose/device.key"));
        const auto made = kiosk::loadOrCreateDeviceKey(path);
        QVERIFY(made);
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        LogCapture log;
        const auto loaded = kiosk::loadOrCreateDeviceKey(path);
        QVERIFY(loaded);
        QCOMPARE(*loaded, *made);
        QCOMPARE(modeOf(path), 0600);
        QVERIFY2(log.text().contains(QStringLiteral("644")) && log.text().contains(QStringLiteral("0600")), qPrintable(log.text()));
    }

    void damagedKeyIsRefused()
    {
        const QString path = m_dir.filePath(QStringLiteral("damaged/device.key"));
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("kurang");
        file.close();
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0600) == 0);
        const auto loaded = kiosk::loadOrCreateDeviceKey(path);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, kiosk::ErrorCode::Io);
    }

    void keyLivesApartFromTheDataFolder()
    {
        // An earlier version's key beside the database moves to the configuration's folder, unchanged.
        const QDir unit(m_dir.filePath(QStringLiteral("unit")));
        QVERIFY(unit.mkpath(QStringLiteral("etc")) && unit.mkpath(QStringLiteral("data")));
        QFile conf(unit.filePath(QStringLiteral("etc/anjungan.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("[kiosk]\nid = KIOS-1\ndataDir = ../data\n[server]\nurl = https://backend.invalid/api/v1\ncaFile = ca.pem\n");
        conf.close();
        const auto config = kiosk::KioskConfig::load(conf.fileName());
        QVERIFY(config);
        QCOMPARE(config->deviceKeyPath(), unit.filePath(QStringLiteral("etc/device.key")));
        QCOMPARE(QDir::cleanPath(config->formerDeviceKeyPath()), unit.filePath(QStringLiteral("data/device.key")));
        const auto old = kiosk::loadOrCreateDeviceKey(config->formerDeviceKeyPath());
        QVERIFY(old);
        const auto moved = kiosk::loadOrCreateDeviceKey(config->deviceKeyPath(), config->formerDeviceKeyPath());
        QVERIFY(moved);
        QCOMPARE(*moved, *old);
        QVERIFY(!QFile::exists(config->formerDeviceKeyPath()));
        QCOMPARE(modeOf(config->deviceKeyPath()), 0600);
        // `[kiosk] deviceKey` names another place.
        QVERIFY(conf.open(QIODevice::WriteOnly | QIODevice::Truncate));
        conf.write("[kiosk]\nid = KIOS-1\ndataDir = ../data\ndeviceKey = /run/kunci/device.key\n[server]\n"
                   "url = https://backend.invalid/api/v1\ncaFile = ca.pem\n");
        conf.close();
        QCOMPARE(kiosk::KioskConfig::load(conf.fileName())->deviceKeyPath(), QStringLiteral("/run/kunci/device.key"));
    }
};

QTEST_GUILESS_MAIN(TestDeviceKey)
#include "tst_devicekey.moc"
