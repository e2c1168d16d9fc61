// kioskctl offers technician mode's actions on a shell: parked requests listed, sent again or withdrawn (journaled,
// the backend told nothing), alerts listed and handled, the device list, and the diagnostics bundle written to a folder
// without the test NIK and name.
#include "alertbook.h"
#include "outbox.h"
#include "store.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QString kNik = QStringLiteral("3521115205010021");
const QString kName = QStringLiteral("Siti Aminah");
} // namespace

class TestKioskctlTechnician : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_config;
    QStringList m_parked;

    int kioskctl(const QStringList &args, QString *out = nullptr)
    {
        QProcess p;
        p.start(QDir(qEnvironmentVariable("KIOSK_BINARY_DIR")).filePath(QStringLiteral("kiosk/ctl/kioskctl")),
            QStringList {QStringLiteral("--config"), m_config} + args);
        if (!p.waitForFinished(30000))
            return -1;
        if (out)
            *out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        return p.exitCode();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_config = m_dir.filePath(QStringLiteral("anjungan.conf"));
        QFile config(m_config);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(
            QStringLiteral("[kiosk]\nid = KIOS-1\ndataDir = %1\n[server]\nurl = https://backend.invalid/api/v1\ncaFile = %1/ca.pem\n"
                           "clientKey = %1/kunci-rahasia.pem\n")
                .arg(m_dir.path())
                .toUtf8());
        config.close();
        kiosk::KioskStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("kiosk.sqlite"))));
        const auto key = kiosk::loadOrCreateDeviceKey(m_dir.filePath(QStringLiteral("device.key")));
        QVERIFY(key);
        kiosk::OutboxRepository outbox(store, *key);
        for (int i = 0; i < 2; ++i) {
            kiosk::NewRequest r;
            r.serviceCode = QStringLiteral("SKTM");
            r.nik = kNik;
            r.name = kName;
            r.address = QStringLiteral("Dusun Krajan");
            r.purpose = QStringLiteral("Berobat");
            const auto queued = outbox.enqueue(r);
            QVERIFY(queued);
            QVERIFY(outbox.recordOutcomes(
                {{queued->id, kiosk::DeliveryOutcome::Kind::Parked, {}, QStringLiteral("Ditolak server (HTTP 422)")}}));
            m_parked << queued->registrationNumber;
        }
    }

    void parkedListRetryCancel()
    {
        QString out;
        QCOMPARE(kioskctl({QStringLiteral("parked")}, &out), 0);
        QVERIFY(out.contains(m_parked.at(0)) && out.contains(m_parked.at(1)));
        QVERIFY(out.contains(QStringLiteral("Ditolak server (HTTP 422)")));
        QCOMPARE(kioskctl({QStringLiteral("parked"), QStringLiteral("retry"), m_parked.at(0)}, &out), 0);
        QCOMPARE(kioskctl({QStringLiteral("parked"), QStringLiteral("cancel"), m_parked.at(1)}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("Dibatalkan")));
        // Neither is parked any more; a second cancel is refused.
        QCOMPARE(kioskctl({QStringLiteral("parked"), QStringLiteral("cancel"), m_parked.at(1)}, &out), 1);
        QVERIFY(out.contains(QStringLiteral("tidak tertahan")));
        QCOMPARE(kioskctl({QStringLiteral("parked"), QStringLiteral("list")}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("Tidak ada permohonan yang ditahan")));
        QCOMPARE(kioskctl({QStringLiteral("parked"), QStringLiteral("delete"), m_parked.at(0)}, &out), 1);

        kiosk::KioskStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("kiosk.sqlite"))));
        kiosk::OutboxRepository outbox(store, *kiosk::loadOrCreateDeviceKey(m_dir.filePath(QStringLiteral("device.key"))));
        const QStringList journal = outbox.technicianJournal();
        QCOMPARE(journal.size(), 2);
        QVERIFY(journal.at(0).contains(QStringLiteral("batalkan  ") + m_parked.at(1)));
        QVERIFY(journal.at(0).contains(QStringLiteral("kioskctl:")));
        QCOMPARE(outbox.depth(), 1);
        QCOMPARE(outbox.dueForDelivery().size(), 1);
        QCOMPARE(outbox.dueForDelivery().first().registrationNumber, m_parked.at(0));
    }

    // `alerts`: the same list as technician mode; `ack` records it in the same store the running kiosk's sync delivers from.
    void alertsListAndAck()
    {
        {
            kiosk::KioskStore store;
            QVERIFY(store.open(m_dir.filePath(QStringLiteral("kiosk.sqlite"))));
            QVERIFY(kiosk::AlertBook(store).replaceFleetAlerts(
                {{7, QStringLiteral("disk_low"), QStringLiteral("Disk hampir penuh: 120 MB"), QDateTime::currentDateTimeUtc()}}));
        }
        QString out;
        QCOMPARE(kioskctl({QStringLiteral("alerts")}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("armada:7")));
        QVERIFY(out.contains(QStringLiteral("Disk hampir penuh: 120 MB")));
        QCOMPARE(kioskctl({QStringLiteral("alerts"), QStringLiteral("ack"), QStringLiteral("armada:7")}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("Selesai ditangani: armada:7")));
        QCOMPARE(kioskctl({QStringLiteral("alerts"), QStringLiteral("list")}, &out), 0);
        QVERIFY(!out.contains(QStringLiteral("armada:7")));
        QVERIFY(out.contains(QStringLiteral("1 peringatan selesai ditangani menunggu dikirim")));
        QCOMPARE(kioskctl({QStringLiteral("alerts"), QStringLiteral("ack"), QStringLiteral("armada:7")}, &out), 1);
        QVERIFY(out.contains(QStringLiteral("sudah ditangani")));
        QCOMPARE(kioskctl({QStringLiteral("alerts"), QStringLiteral("ack")}, &out), 1);

        kiosk::KioskStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("kiosk.sqlite"))));
        const QList<kiosk::PendingAcknowledgement> pending = kiosk::AlertBook(store).pendingAcknowledgements();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().alertId, qint64(7));
        QVERIFY(pending.first().technician.startsWith(QStringLiteral("kioskctl:")));
        kiosk::OutboxRepository outbox(store, *kiosk::loadOrCreateDeviceKey(m_dir.filePath(QStringLiteral("device.key"))));
        QVERIFY(outbox.technicianJournal().first().contains(QStringLiteral("selesai-ditangani  armada:7")));
    }

    void diagnosticsBundle()
    {
        QString out;
        QCOMPARE(kioskctl({QStringLiteral("diagnostics"), m_dir.filePath(QStringLiteral("absent"))}, &out), 1);
        QVERIFY(out.contains(QStringLiteral("Pasang flashdisk")));
        const QString stick = m_dir.filePath(QStringLiteral("flashdisk"));
        QVERIFY(QDir().mkpath(stick));
        QCOMPARE(kioskctl({QStringLiteral("diagnostics"), stick}, &out), 0);
        QString everything;
        int files = 0;
        for (QDirIterator it(stick, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            everything += QString::fromUtf8(f.readAll());
            ++files;
        }
        QCOMPARE(files, 6);
        QVERIFY(everything.contains(QStringLiteral("Versi aplikasi: ")));
        QVERIFY(everything.contains(QStringLiteral("clientKey = (disembunyikan)")));
        QVERIFY(!everything.contains(QStringLiteral("kunci-rahasia")));
        QVERIFY(!everything.contains(kNik));
        QVERIFY(!everything.contains(kName));
    }

    void deviceList()
    {
        QString out;
        QCOMPARE(kioskctl({QStringLiteral("devices")}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("Printer ")));
    }
};

QTEST_GUILESS_MAIN(TestKioskctlTechnician)
#include "tst_kioskctl_technician.moc"
