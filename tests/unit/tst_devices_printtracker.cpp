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
        PrintJobTracker tracker(m_server, 200);
        QSignalSpy states(&tracker, &PrintJobTracker::printerStateChanged);
        QSignalSpy finished(&tracker, &PrintJobTracker::jobFinished);
        tracker.addPrinter(QStringLiteral("ticket"), QStringLiteral("paper"));
        tracker.start();
        QTRY_COMPARE_WITH_TIMEOUT(tracker.state(QStringLiteral("ticket")), DeviceState::Ready, kTimeoutMs);

        CupsPrinter printer(QStringLiteral("paper"), m_server);
        const QByteArray job = escpos::ticketJob(QImage(QSize(384, 64), QImage::Format_Mono));
        const PrintSubmission submission = printer.submit(job, QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Tiket A-001"));
        QVERIFY2(submission.accepted, qPrintable(submission.error));
        tracker.track(
            QStringLiteral("ticket"), submission.jobId, job, QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Tiket A-001"));

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
        QCOMPARE(tracker.pendingJobs().first().jobId, submission.jobId);
        QVERIFY(finished.isEmpty());

        // Paper loaded: the same job completes.
        QVERIFY(QFile::remove(control(QStringLiteral("paper-out"))));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
        QCOMPARE(finished.first().at(0).toInt(), submission.jobId);
        QVERIFY(finished.first().at(1).toBool());
        QVERIFY(tracker.pendingJobs().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(tracker.state(QStringLiteral("ticket")), DeviceState::Ready, kTimeoutMs);
        QCOMPARE(QDir(control(QStringLiteral("printed"))).entryList(QDir::Files).size(), 1);
    }

    void failedJobIsResubmitted()
    {
        QVERIFY(startCupsd());
        QVERIFY(touch(control(QStringLiteral("fail-next"))));
        PrintJobTracker tracker(m_server, 200);
        QSignalSpy finished(&tracker, &PrintJobTracker::jobFinished);
        QSignalSpy resubmitted(&tracker, &PrintJobTracker::jobResubmitted);
        tracker.addPrinter(QStringLiteral("letter"), QStringLiteral("paper"));
        tracker.start();

        CupsPrinter printer(QStringLiteral("paper"), m_server);
        const QByteArray document("%PDF-1.4 surat uji\n");
        const PrintSubmission submission = printer.submit(document, QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Surat 7"));
        QVERIFY2(submission.accepted, qPrintable(submission.error));
        tracker.track(
            QStringLiteral("letter"), submission.jobId, document, QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Surat 7"));

        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
        QCOMPARE(resubmitted.size(), 1);
        QCOMPARE(resubmitted.first().at(0).toInt(), submission.jobId);
        QVERIFY(resubmitted.first().at(1).toInt() != submission.jobId);
        QCOMPARE(finished.first().at(0).toInt(), submission.jobId);
        QVERIFY(finished.first().at(1).toBool());
        const QStringList printed = QDir(control(QStringLiteral("printed"))).entryList(QDir::Files);
        QCOMPARE(printed.size(), 1);
        QFile copy(QDir(control(QStringLiteral("printed"))).filePath(printed.first()));
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), document);
    }

    void unreachableServerIsOffline()
    {
        PrintJobTracker tracker(QStringLiteral("127.0.0.1:1"), 200);
        QSignalSpy states(&tracker, &PrintJobTracker::printerStateChanged);
        tracker.addPrinter(QStringLiteral("ticket"), QStringLiteral("ticket"));
        tracker.start();
        QVERIFY(states.wait(kTimeoutMs));
        QCOMPARE(states.first().at(1).value<DeviceState>(), DeviceState::Offline);
        QCOMPARE(states.first().at(2).toString(), QStringLiteral("Printer tidak terhubung, silakan hubungi petugas."));
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
