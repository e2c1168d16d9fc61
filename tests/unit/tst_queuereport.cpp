// The daily queue report's rules (backend/domain/queuereport.h) against a day written out by hand, and who
// may see a desa's front office figures.
#include "console/frontofficepage.h"
#include "offices.h"
#include "queuereport.h"

#include <QRandomGenerator>
#include <QtTest>
#include <algorithm>

using namespace backend;
using serverlink::DeskEventKind;

namespace {

const QString kPitu = QStringLiteral("3521112004");
const QString kSumber = QStringLiteral("3521112005");

DeskEventRecord ev(const QString &desa, const QString &kiosk, DeskEventKind kind, const QString &label, int counter, const QString &hhmmss)
{
    DeskEventRecord r;
    r.kioskId = kiosk;
    r.desaCode = desa;
    r.event.id = QStringLiteral("%1-%2-%3-%4").arg(kiosk, label, serverlink::DeskEvent::kindToWire(kind), hhmmss);
    r.event.kind = kind;
    r.event.queueLabel = label;
    r.event.counter = counter;
    r.event.at = QDateTime(QDate(2026, 12, 7), QTime::fromString(hhmmss, QStringLiteral("HH:mm:ss")), Qt::UTC);
    return r;
}

/// One morning at two desa, with the durations worked out by hand in the comments.
QList<DeskEventRecord> morning()
{
    using K = DeskEventKind;
    return {
        // Pitu, kiosk K1. A-001: wait 08:00→08:05 = 300 s at loket 1; served 08:05→08:12 = 420 s at loket 1.
        ev(kPitu, QStringLiteral("K1"), K::QueueTaken, QStringLiteral("A-001"), 0, QStringLiteral("08:00:00")),
        ev(kPitu, QStringLiteral("K1"), K::QueueCalled, QStringLiteral("A-001"), 1, QStringLiteral("08:05:00")),
        ev(kPitu, QStringLiteral("K1"), K::QueueServed, QStringLiteral("A-001"), 1, QStringLiteral("08:12:00")),
        // wait 150 s at loket 2; the recall is the same call: service 08:03:30→08:09:30 = 360 s.
        ev(kPitu, QStringLiteral("K1"), K::QueueTaken, QStringLiteral("A-002"), 0, QStringLiteral("08:01:00")),
        ev(kPitu, QStringLiteral("K1"), K::QueueCalled, QStringLiteral("A-002"), 2, QStringLiteral("08:03:30")),
        ev(kPitu, QStringLiteral("K1"), K::QueueRecalled, QStringLiteral("A-002"), 2, QStringLiteral("08:04:30")),
        ev(kPitu, QStringLiteral("K1"), K::QueueServed, QStringLiteral("A-002"), 2, QStringLiteral("08:09:30")),
        // wait 630 s at loket 1 (first call), skipped there, re-queued, called anew at loket 2: service 240 s there.
        ev(kPitu, QStringLiteral("K1"), K::QueueTaken, QStringLiteral("A-003"), 0, QStringLiteral("08:02:00")),
        ev(kPitu, QStringLiteral("K1"), K::QueueCalled, QStringLiteral("A-003"), 1, QStringLiteral("08:12:30")),
        ev(kPitu, QStringLiteral("K1"), K::QueueSkipped, QStringLiteral("A-003"), 1, QStringLiteral("08:15:30")),
        ev(kPitu, QStringLiteral("K1"), K::QueueRequeued, QStringLiteral("A-003"), 0, QStringLiteral("08:25:30")),
        ev(kPitu, QStringLiteral("K1"), K::QueueCalled, QStringLiteral("A-003"), 2, QStringLiteral("08:30:00")),
        ev(kPitu, QStringLiteral("K1"), K::QueueServed, QStringLiteral("A-003"), 2, QStringLiteral("08:34:00")),
        // B-001: wait 340 s at loket 1, transferred, called at loket 2 08:20, served 08:25 = 300 s at loket 2.
        ev(kPitu, QStringLiteral("K1"), K::QueueTaken, QStringLiteral("B-001"), 0, QStringLiteral("08:10:00")),
        ev(kPitu, QStringLiteral("K1"), K::QueueCalled, QStringLiteral("B-001"), 1, QStringLiteral("08:15:40")),
        ev(kPitu, QStringLiteral("K1"), K::QueueTransferred, QStringLiteral("B-001"), 1, QStringLiteral("08:16:00")),
        ev(kPitu, QStringLiteral("K1"), K::QueueCalled, QStringLiteral("B-001"), 2, QStringLiteral("08:20:00")),
        ev(kPitu, QStringLiteral("K1"), K::QueueServed, QStringLiteral("B-001"), 2, QStringLiteral("08:25:00")),
        // C-001: wait 1200 s at loket 1, skipped, never back.
        ev(kPitu, QStringLiteral("K1"), K::QueueTaken, QStringLiteral("C-001"), 0, QStringLiteral("08:20:00")),
        ev(kPitu, QStringLiteral("K1"), K::QueueCalled, QStringLiteral("C-001"), 1, QStringLiteral("08:40:00")),
        ev(kPitu, QStringLiteral("K1"), K::QueueSkipped, QStringLiteral("C-001"), 1, QStringLiteral("08:45:00")),
        // the kiosk clock went back, called before taken: no wait sample; service 09:59→10:05 = 360 s at loket 2.
        ev(kPitu, QStringLiteral("K1"), K::QueueTaken, QStringLiteral("A-004"), 0, QStringLiteral("10:00:00")),
        ev(kPitu, QStringLiteral("K1"), K::QueueCalled, QStringLiteral("A-004"), 2, QStringLiteral("09:59:00")),
        ev(kPitu, QStringLiteral("K1"), K::QueueServed, QStringLiteral("A-004"), 2, QStringLiteral("10:05:00")),
        // A handover names no queue number: it counts nowhere.
        ev(kPitu, QStringLiteral("K1"), K::LetterHandedOver, QString(), 3, QStringLiteral("09:00:00")),
        // Pitu, kiosk K2: its own A-001 (labels are per kiosk). Wait 60 s, service 120 s, loket 1.
        ev(kPitu, QStringLiteral("K2"), K::QueueTaken, QStringLiteral("A-001"), 0, QStringLiteral("09:00:00")),
        ev(kPitu, QStringLiteral("K2"), K::QueueCalled, QStringLiteral("A-001"), 1, QStringLiteral("09:01:00")),
        ev(kPitu, QStringLiteral("K2"), K::QueueServed, QStringLiteral("A-001"), 1, QStringLiteral("09:03:00")),
        // Sumber, kiosk K3: wait 120 s, service 480 s, loket 1.
        ev(kSumber, QStringLiteral("K3"), K::QueueTaken, QStringLiteral("A-001"), 0, QStringLiteral("08:00:00")),
        ev(kSumber, QStringLiteral("K3"), K::QueueCalled, QStringLiteral("A-001"), 1, QStringLiteral("08:02:00")),
        ev(kSumber, QStringLiteral("K3"), K::QueueServed, QStringLiteral("A-001"), 1, QStringLiteral("08:10:00")),
    };
}

} // namespace

class TestQueueReport : public QObject
{
    Q_OBJECT

private slots:
    void medianRule_data()
    {
        QTest::addColumn<QList<qint64>>("seconds");
        QTest::addColumn<qint64>("expected"); // -1: none
        QTest::newRow("none") << QList<qint64> {} << qint64(-1);
        QTest::newRow("one") << QList<qint64> {5} << qint64(5);
        QTest::newRow("two, rounded down") << QList<qint64> {2, 1} << qint64(1);
        QTest::newRow("odd") << QList<qint64> {3, 1, 2} << qint64(2);
        QTest::newRow("even") << QList<qint64> {10, 1, 4, 7} << qint64(5);
        QTest::newRow("ties") << QList<qint64> {360, 240, 300, 360} << qint64(330);
    }
    void medianRule()
    {
        QFETCH(QList<qint64>, seconds);
        QFETCH(qint64, expected);
        const auto m = queuereport::median(seconds);
        QCOMPARE(m.value_or(-1), expected);
    }

    void morningPerLoket()
    {
        // desa, loket, served, skipped, wait samples, median wait, service samples, median service (by hand, see morning()).
        const QList<LoketQueueFigures> expected {
            // Waits 60, 300, 340, 630, 1200 → 340. Services 420, 120 → (120 + 420) / 2 = 270.
            {kPitu, 1, 2, 2, 5, 340, 2, 270},
            // Wait 150 only. Services 360, 240, 300, 360 → (300 + 360) / 2 = 330.
            {kPitu, 2, 4, 0, 1, 150, 4, 330},
            {kSumber, 1, 1, 0, 1, 120, 1, 480},
        };
        QList<DeskEventRecord> events = morning();
        QCOMPARE(queuereport::compute(events), expected);
        // The order the events arrive in does not matter (kiosks deliver in batches, several kiosks at once).
        std::shuffle(events.begin(), events.end(), *QRandomGenerator::global());
        QCOMPARE(queuereport::compute(events), expected);
    }

    void loketWithoutSamples()
    {
        using K = DeskEventKind;
        // Called and skipped, nobody taken that day (the number was drawn before midnight): counts, no durations.
        const QList<DeskEventRecord> events {
            ev(kPitu, QStringLiteral("K1"), K::QueueCalled, QStringLiteral("A-099"), 4, QStringLiteral("08:00:00")),
            ev(kPitu, QStringLiteral("K1"), K::QueueSkipped, QStringLiteral("A-099"), 4, QStringLiteral("08:03:00"))};
        const QList<LoketQueueFigures> expected {{kPitu, 4, 0, 1, 0, std::nullopt, 0, std::nullopt}};
        QCOMPARE(queuereport::compute(events), expected);
        QVERIFY(queuereport::compute({}).isEmpty());
    }

    void texts_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("age");
        QTest::addColumn<QString>("duration");
        QTest::newRow("seconds") << qint64(45) << QStringLiteral("0 menit") << QStringLiteral("45 dtk");
        QTest::newRow("minutes") << qint64(270) << QStringLiteral("4 menit") << QStringLiteral("4 mnt 30 dtk");
        QTest::newRow("whole minutes") << qint64(300) << QStringLiteral("5 menit") << QStringLiteral("5 mnt");
        QTest::newRow("just under an hour") << qint64(3599) << QStringLiteral("59 menit") << QStringLiteral("59 mnt 59 dtk");
        QTest::newRow("hour") << qint64(3900) << QStringLiteral("1 jam") << QStringLiteral("1 jam 5 mnt");
        QTest::newRow("just under a day") << qint64(86399) << QStringLiteral("23 jam") << QStringLiteral("23 jam 59 mnt");
        QTest::newRow("three days") << qint64(3 * 86400 + 5) << QStringLiteral("3 hari") << QStringLiteral("72 jam 0 mnt");
        QTest::newRow("clock ahead") << qint64(-30) << QStringLiteral("0 menit") << QStringLiteral("-30 dtk");
    }
    void texts()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, age);
        QFETCH(QString, duration);
        QCOMPARE(queuereport::formatAge(seconds), age);
        QCOMPARE(queuereport::formatDuration(seconds), duration);
        QCOMPARE(queuereport::formatDuration(std::nullopt), QStringLiteral("–"));
    }

    void frontOfficeScope_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<QString>("office");
        QTest::addColumn<QString>("desa");
        QTest::addColumn<bool>("sees");
        // 3521112004 (Pitu) is in the built-in office table, kecamatan 352111; 3521112005 is not in it.
        QTest::newRow("front office, own desa") << Role::DesaFrontOffice << kPitu << kPitu << true;
        QTest::newRow("front office, other desa") << Role::DesaFrontOffice << kPitu << kSumber << false;
        QTest::newRow("kepala desa, own desa") << Role::KepalaDesa << kPitu << kPitu << true;
        QTest::newRow("sekretaris, other desa") << Role::SekretarisDesa << kSumber << kPitu << false;
        QTest::newRow("kasi, desa of the kecamatan") << Role::KasiPelayanan << QStringLiteral("352111") << kPitu << true;
        QTest::newRow("kasi, unlisted desa by its code") << Role::KasiPelayanan << QStringLiteral("352111") << kSumber << true;
        QTest::newRow("camat, other kecamatan") << Role::Camat << QStringLiteral("352112") << kPitu << false;
        QTest::newRow("admin kecamatan") << Role::AdminKecamatan << QStringLiteral("352111") << kPitu << true;
        QTest::newRow("admin, other kecamatan") << Role::AdminKecamatan << QStringLiteral("352112") << kSumber << false;
        QTest::newRow("super admin, anywhere") << Role::SuperAdmin << QStringLiteral("*") << QStringLiteral("3522012001") << true;
    }
    void frontOfficeScope()
    {
        QFETCH(Role, role);
        QFETCH(QString, office);
        QFETCH(QString, desa);
        QFETCH(bool, sees);
        const auto offices = OfficeDirectory::builtIn();
        QVERIFY(offices);
        QCOMPARE(frontoffice::seesDesa({Capacity {role, office, {}}}, offices.value(), desa), sees);
    }
};

QTEST_MAIN(TestQueueReport)
#include "tst_queuereport.moc"
