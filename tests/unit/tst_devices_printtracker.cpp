#include "cupsprinter.h"
#include "escpos.h"
#include "printjobtracker.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace devices;

namespace {

constexpr int kTimeoutMs = 60000;

QString privateCupsd()
{
    return QDir(qEnvironmentVariable("KIOSK_SOURCE_DIR", QStringLiteral(KIOSK_TEST_SOURCE_DIR)))
        .filePath(QStringLiteral("scripts/private-cupsd"));
}

bool touch(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly);
}

} // namespace

/// PrintJobTracker against a private cupsd whose "paper" queue prints through an ippeveprinter that runs out of paper.
class TestPrintTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stateMapping_data()
    {
        QTest::addColumn<int>("printerState");
        QTest::addColumn<QStringList>("reasons");
        QTest::addColumn<bool>("accepting");
        QTest::addColumn<DeviceState>("expected");
        QTest::newRow("idle") << 3 << QStringList {QStringLiteral("none")} << true << DeviceState::Ready;
        QTest::newRow("processing") << 4 << QStringList() << true << DeviceState::Ready;
        QTest::newRow("paper out (error)") << 5 << QStringList {QStringLiteral("media-empty-error")} << true << DeviceState::PaperOut;
        QTest::newRow("paper out (warning, as cupsd relays it)")
            << 4 << QStringList {QStringLiteral("cups-waiting-for-job-completed"), QStringLiteral("media-empty-warning")} << true
            << DeviceState::PaperOut;
        QTest::newRow("media needed") << 4 << QStringList {QStringLiteral("media-needed")} << true << DeviceState::PaperOut;
        QTest::newRow("paper low") << 3 << QStringList {QStringLiteral("media-low-report")} << true << DeviceState::PaperLow;
        QTest::newRow("offline") << 3 << QStringList {QStringLiteral("offline-report")} << true << DeviceState::Offline;
        QTest::newRow("unreachable") << 0 << QStringList() << true << DeviceState::Offline;
        QTest::newRow("door open") << 5 << QStringList {QStringLiteral("door-open-error")} << true << DeviceState::DoorOpen;
        QTest::newRow("cover open") << 5 << QStringList {QStringLiteral("cover-open")} << true << DeviceState::DoorOpen;
        QTest::newRow("jam") << 5 << QStringList {QStringLiteral("media-jam-error")} << true << DeviceState::Jam;
        QTest::newRow("toner low") << 3 << QStringList {QStringLiteral("toner-low-warning")} << true << DeviceState::TonerLow;
        QTest::newRow("paper out beats toner low")
            << 5 << QStringList {QStringLiteral("toner-low-report"), QStringLiteral("media-empty-error")} << true << DeviceState::PaperOut;
        QTest::newRow("stopped") << 5 << QStringList {QStringLiteral("paused")} << true << DeviceState::Stopped;
        QTest::newRow("not accepting") << 3 << QStringList() << false << DeviceState::Stopped;
        QTest::newRow("odd state") << 9 << QStringList() << true << DeviceState::Unknown;
    }
    void stateMapping()
    {
        QFETCH(int, printerState);
        QFETCH(QStringList, reasons);
        QFETCH(bool, accepting);
        QFETCH(DeviceState, expected);
        const DeviceState state = deviceStateFor(printerState, reasons, accepting);
        QCOMPARE(state, expected);
        QCOMPARE(citizenMessage(state).isEmpty(), state == DeviceState::Ready);
        QCOMPARE(canPrint(state), state == DeviceState::Ready || state == DeviceState::PaperLow || state == DeviceState::TonerLow);
    }

    void paperOutThenRecovery()
    {
        QVERIFY(startCupsd());
        QVERIFY(touch(control(QStringLiteral("paper-out"))));
        PrintJobTracker tracker(200);
        QSignalSpy states(&tracker, &PrintJobTracker::printerStateChanged);
        QSignalSpy accepted(&tracker, &PrintJobTracker::jobAccepted);
        QSignalSpy finished(&tracker, &PrintJobTracker::jobFinished);
        tracker.addPrinter(QStringLiteral("ticket"), std::make_unique<CupsPrinter>(QStringLiteral("paper"), m_server));
        tracker.start();
        QTRY_COMPARE_WITH_TIMEOUT(tracker.state(QStringLiteral("ticket")), DeviceState::Ready, kTimeoutMs);

        const QByteArray job = escpos::ticketJob(QImage(QSize(384, 64), QImage::Format_Mono));
        const int id
            = tracker.submit(QStringLiteral("ticket"), job, QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Tiket A-001"));
        QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, kTimeoutMs);
        QCOMPARE(accepted.first().at(0).toInt(), id);
        const int printerJobId = accepted.first().at(1).toInt();
        QVERIFY(printerJobId > 0);

        // The kiosk reports paper-out while the job waits, and staff see the job with the reason.
        const auto paperOutSignal = [&states] {
            return std::find_if(states.cbegin(), states.cend(),
                [](const QList<QVariant> &args) { return args.at(1).value<DeviceState>() == DeviceState::PaperOut; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(paperOutSignal() != states.cend(), kTimeoutMs);
        QCOMPARE(tracker.state(QStringLiteral("ticket")), DeviceState::PaperOut);
        const auto paperOut = paperOutSignal();
        QCOMPARE(paperOut->at(0).toString(), QStringLiteral("ticket"));
        QCOMPARE(paperOut->at(2).toString(), QStringLiteral("Kertas habis, silakan hubungi petugas."));
        QTRY_VERIFY_WITH_TIMEOUT(!tracker.pendingJobs().isEmpty() && !tracker.pendingJobs().first().problem.isEmpty(), kTimeoutMs);
        QCOMPARE(tracker.pendingJobs().first().id, id);
        QCOMPARE(tracker.pendingJobs().first().printerJobId, printerJobId);
        QVERIFY(!tracker.pendingJobs().first().stalled);
        QVERIFY(finished.isEmpty());

        // Paper loaded: the same job completes.
        QVERIFY(QFile::remove(control(QStringLiteral("paper-out"))));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
        QCOMPARE(finished.first().at(0).toInt(), id);
        QVERIFY(finished.first().at(1).toBool());
        QVERIFY(tracker.pendingJobs().isEmpty());
        QCOMPARE(accepted.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(tracker.state(QStringLiteral("ticket")), DeviceState::Ready, kTimeoutMs);
        QCOMPARE(QDir(control(QStringLiteral("printed"))).entryList(QDir::Files).size(), 1);
    }

    void failedJobIsResubmitted()
    {
        QVERIFY(startCupsd());
        QVERIFY(touch(control(QStringLiteral("fail-next"))));
        PrintJobTracker tracker(200);
        QSignalSpy finished(&tracker, &PrintJobTracker::jobFinished);
        QSignalSpy accepted(&tracker, &PrintJobTracker::jobAccepted);
        tracker.addPrinter(QStringLiteral("letter"), std::make_unique<CupsPrinter>(QStringLiteral("paper"), m_server));
        tracker.start();

        const QByteArray document("%PDF-1.4 surat uji\n");
        const int id
            = tracker.submit(QStringLiteral("letter"), document, QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Surat 7"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
        // Accepted twice: the first submission failed at the printer, the second printed.
        QCOMPARE(accepted.size(), 2);
        QCOMPARE(accepted.at(0).at(0).toInt(), id);
        QCOMPARE(accepted.at(1).at(0).toInt(), id);
        QVERIFY(accepted.at(1).at(1).toInt() != accepted.at(0).at(1).toInt());
        QCOMPARE(finished.first().at(0).toInt(), id);
        QVERIFY(finished.first().at(1).toBool());
        const QStringList printed = QDir(control(QStringLiteral("printed"))).entryList(QDir::Files);
        QCOMPARE(printed.size(), 1);
        QFile copy(QDir(control(QStringLiteral("printed"))).filePath(printed.first()));
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), document);
    }

    void stalledJobIsShownAndReprinted()
    {
        QVERIFY(startCupsd());
        QVERIFY(touch(control(QStringLiteral("stall"))));
        PrintJobTracker tracker(200, 1500);
        QSignalSpy finished(&tracker, &PrintJobTracker::jobFinished);
        QSignalSpy accepted(&tracker, &PrintJobTracker::jobAccepted);
        tracker.addPrinter(QStringLiteral("letter"), std::make_unique<CupsPrinter>(QStringLiteral("paper"), m_server));
        tracker.start();

        const QByteArray document("%PDF-1.4 surat tertahan\n");
        const int id
            = tracker.submit(QStringLiteral("letter"), document, QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Surat 8"));
        // The printer says it is fine but the job makes no progress: staff see it as stalled.
        QTRY_VERIFY_WITH_TIMEOUT(!tracker.pendingJobs().isEmpty() && tracker.pendingJobs().first().stalled, kTimeoutMs);
        QCOMPARE(tracker.state(QStringLiteral("letter")), DeviceState::Ready);
        QVERIFY(tracker.pendingJobs().first().problem.contains(QStringLiteral("tertahan")));
        QVERIFY(finished.isEmpty());

        // Staff reprint once the printer answers again: the stalled submission is cancelled, a new one prints.
        QVERIFY(QFile::remove(control(QStringLiteral("stall"))));
        tracker.reprint(id);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
        QCOMPARE(finished.first().at(0).toInt(), id);
        QVERIFY(finished.first().at(1).toBool());
        QVERIFY(accepted.size() >= 2);
        QVERIFY(tracker.pendingJobs().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(control(QStringLiteral("printed"))).entryList(QDir::Files).isEmpty(), kTimeoutMs);
    }

    void unreachableServerIsOffline()
    {
        PrintJobTracker tracker(200);
        QSignalSpy states(&tracker, &PrintJobTracker::printerStateChanged);
        QSignalSpy refused(&tracker, &PrintJobTracker::jobRefused);
        tracker.addPrinter(
            QStringLiteral("ticket"), std::make_unique<CupsPrinter>(QStringLiteral("ticket"), QStringLiteral("127.0.0.1:1")));
        tracker.start();
        QVERIFY(states.wait(kTimeoutMs));
        QCOMPARE(states.first().at(1).value<DeviceState>(), DeviceState::Offline);
        QCOMPARE(states.first().at(2).toString(), QStringLiteral("Printer tidak terhubung, silakan hubungi petugas."));
        // A ticket for an unreachable server is refused now but kept for later, with the reason for staff.
        const int id = tracker.submit(
            QStringLiteral("ticket"), QByteArray("x"), QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Tiket B-002"));
        QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, kTimeoutMs);
        QCOMPARE(refused.first().at(0).toInt(), id);
        QVERIFY(refused.first().at(1).toString().contains(QStringLiteral("tidak dapat dihubungi")));
        QCOMPARE(tracker.pendingJobs().size(), 1);
        QCOMPARE(tracker.pendingJobs().first().printerJobId, 0);
        tracker.discard(id);
        QTRY_VERIFY(tracker.pendingJobs().isEmpty());
    }

    void cleanup()
    {
        if (m_server.isEmpty())
            return;
        QProcess::execute(privateCupsd(), {QStringLiteral("stop"), m_dir->path()});
        m_server.clear();
        m_dir.reset();
    }

private:
    bool startCupsd()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QProcess start;
        start.start(privateCupsd(), {QStringLiteral("start"), m_dir->path(), QStringLiteral("--ippeve")});
        if (!start.waitForFinished(60000) || start.exitCode() != 0) {
            qWarning("%s", start.readAllStandardError().constData());
            return false;
        }
        m_server = QString::fromUtf8(start.readAllStandardOutput()).trimmed().section(QLatin1Char('='), 1);
        return !m_server.isEmpty();
    }
    QString control(const QString &name) const { return QDir(m_dir->filePath(QStringLiteral("ippeve"))).filePath(name); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_server;
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    for (const auto tool : {"ippeveprinter", "dbus-daemon"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()
            && QStandardPaths::findExecutable(QString::fromLatin1(tool), {QStringLiteral("/usr/sbin")}).isEmpty()) {
            std::printf("SKIP: %s is not installed (packages cups-ipp-utils, dbus-daemon)\n", tool);
            return 77;
        }
    }
    if (!QFileInfo::exists(QStringLiteral("/usr/sbin/cupsd"))) {
        std::printf("SKIP: cupsd is not installed (package cups-daemon)\n");
        return 77;
    }
    TestPrintTracker test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_devices_printtracker.moc"
