#include "cupsprinter.h"
#include "escpos.h"
#include "printer.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace devices;

namespace {

QString privateCupsd()
{
    return QDir(qEnvironmentVariable("KIOSK_SOURCE_DIR", QStringLiteral(KIOSK_TEST_SOURCE_DIR)))
        .filePath(QStringLiteral("scripts/private-cupsd"));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray onePagePdf()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QSizeF(215, 330), QPageSize::Millimeter, QStringLiteral("F4")));
        writer.setCreator(QStringLiteral("tst_devices_cups"));
        QPainter painter(&writer);
        painter.drawText(QRect(0, 0, 4000, 400), QStringLiteral("Halaman uji printer surat"));
    }
    return buffer.data();
}

} // namespace

/// Printing through a private cupsd on a free loopback port; every job lands in DIR/output/<queue>/job-<id>.bin.
class TestCups : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QProcess start;
        start.start(privateCupsd(), {QStringLiteral("start"), m_dir.path()});
        QVERIFY(start.waitForFinished(60000));
        QVERIFY2(start.exitStatus() == QProcess::NormalExit && start.exitCode() == 0, start.readAllStandardError().constData());
        const QString line = QString::fromUtf8(start.readAllStandardOutput()).trimmed();
        QVERIFY2(line.startsWith(QLatin1String("CUPS_SERVER=127.0.0.1:")), qPrintable(line));
        m_server = line.section(QLatin1Char('='), 1);
        QCOMPARE(QString::fromUtf8(readFile(m_dir.filePath(QStringLiteral("cups-server")))).trimmed(), line);
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("cupsd.pid"))));
    }
    void cleanupTestCase()
    {
        if (m_server.isEmpty())
            return;
        QProcess stop;
        stop.start(privateCupsd(), {QStringLiteral("stop"), m_dir.path()});
        QVERIFY(stop.waitForFinished(30000));
        QCOMPARE(stop.exitCode(), 0);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("cupsd.pid"))));
    }

    void ticketJobLandsUnchanged()
    {
        QImage ticket(576, 300, QImage::Format_RGB32);
        ticket.fill(Qt::white);
        {
            QPainter painter(&ticket);
            painter.fillRect(20, 20, 200, 100, Qt::black);
        }
        const QByteArray job = escpos::ticketJob(ticket);
        QString error;
        auto printer = createPrinter(QStringLiteral("cups:ticket"), m_server, &error);
        QVERIFY2(printer, qPrintable(error));
        const PrintSubmission submission = printer->submit(job, QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Tiket uji"));
        QVERIFY2(submission.accepted, qPrintable(submission.error));
        QVERIFY(submission.jobId > 0);
        const QString out = outputPath(QStringLiteral("ticket"), submission.jobId);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(out), 30000);
        QCOMPARE(readFile(out), job);
    }

    void letterPdfLandsUnchanged()
    {
        const QByteArray pdf = onePagePdf();
        QVERIFY(pdf.startsWith("%PDF-"));
        auto printer = createPrinter(QStringLiteral("cups:letter"), m_server);
        QVERIFY(printer);
        // Two jobs on one connection: ids differ and both land.
        const PrintSubmission first = printer->submit(pdf, QStringLiteral("application/pdf"), QStringLiteral("Surat uji 1"));
        QVERIFY2(first.accepted, qPrintable(first.error));
        const PrintSubmission second = printer->submit(pdf, QStringLiteral("application/pdf"), QStringLiteral("Surat uji 2"));
        QVERIFY2(second.accepted, qPrintable(second.error));
        QVERIFY(second.jobId != first.jobId);
        for (const int id : {first.jobId, second.jobId}) {
            const QString out = outputPath(QStringLiteral("letter"), id);
            QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(out), 30000);
            QCOMPARE(readFile(out), pdf);
        }
    }

    void readyQueueSaysReady()
    {
        auto printer = createPrinter(QStringLiteral("cups:ticket"), m_server);
        QVERIFY(printer);
        const QString state = printer->describeState();
        QVERIFY2(state.contains(QStringLiteral("siap")), qPrintable(state));

        // A queue a technician disabled reports that it stopped.
        QProcess disable;
        disable.start(QStringLiteral("cupsdisable"), {QStringLiteral("-h"), m_server, QStringLiteral("ticket")});
        QVERIFY(disable.waitForFinished(30000));
        QCOMPARE(disable.exitCode(), 0);
        const QString stopped = printer->describeState();
        QVERIFY2(stopped.contains(QStringLiteral("berhenti")) && stopped.contains(QStringLiteral("dijeda")), qPrintable(stopped));
    }

    void unknownQueue()
    {
        auto printer = createPrinter(QStringLiteral("cups:tidakada"), m_server);
        QVERIFY(printer);
        const PrintSubmission submission = printer->submit("x", QStringLiteral("application/vnd.cups-raw"), QStringLiteral("x"));
        QVERIFY(!submission.accepted);
        QVERIFY2(submission.error.contains(QStringLiteral("tidak ditemukan")), qPrintable(submission.error));
        const QString state = printer->describeState();
        QVERIFY2(state.contains(QStringLiteral("tidak ditemukan")), qPrintable(state));
    }

    void unreachableServer()
    {
        // Port 1 (tcpmux) is never served on a kiosk or a test machine: the connection is refused.
        const QString server = QStringLiteral("127.0.0.1:1");
        auto printer = createPrinter(QStringLiteral("cups:ticket"), server);
        QVERIFY(printer);
        const PrintSubmission submission = printer->submit("x", QStringLiteral("application/vnd.cups-raw"), QStringLiteral("x"));
        QVERIFY(!submission.accepted);
        QVERIFY2(submission.error.contains(QStringLiteral("tidak dapat dihubungi")), qPrintable(submission.error));
        QVERIFY(printer->describeState().contains(QStringLiteral("tidak dapat dihubungi")));
    }

    void stateReasonsAreTranslated_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QStringList>("reasons");
        QTest::addColumn<bool>("accepting");
        QTest::addColumn<QString>("expected");
        QTest::newRow("idle") << 3 << QStringList {QStringLiteral("none")} << true << QStringLiteral("Printer \"q\": siap.");
        QTest::newRow("printing") << 4 << QStringList {} << true << QStringLiteral("Printer \"q\": sedang mencetak.");
        QTest::newRow("paper-out") << 5 << QStringList {QStringLiteral("media-empty-error"), QStringLiteral("media-needed")} << true
                                   << QStringLiteral("Printer \"q\": berhenti (kertas habis).");
        QTest::newRow("several")
            << 5 << QStringList {QStringLiteral("cover-open-report"), QStringLiteral("media-jam"), QStringLiteral("offline-report")}
            << false << QStringLiteral("Printer \"q\": berhenti (tutup terbuka, kertas macet, offline, tidak menerima pekerjaan cetak).");
        QTest::newRow("warnings") << 3 << QStringList {QStringLiteral("media-low-warning"), QStringLiteral("toner-low-report")} << true
                                  << QStringLiteral("Printer \"q\": siap (kertas hampir habis, toner hampir habis).");
        QTest::newRow("door") << 5 << QStringList {QStringLiteral("door-open")} << true
                              << QStringLiteral("Printer \"q\": berhenti (tutup terbuka).");
    }
    void stateReasonsAreTranslated()
    {
        QFETCH(int, state);
        QFETCH(QStringList, reasons);
        QFETCH(bool, accepting);
        QFETCH(QString, expected);
        QCOMPARE(CupsPrinter::describe(QStringLiteral("q"), state, reasons, accepting), expected);
    }

    void unknownScheme()
    {
        QString error;
        QVERIFY(!createPrinter(QStringLiteral("usb://foo"), m_server, &error));
        QVERIFY(error.contains(QStringLiteral("tidak dikenal")));
        QVERIFY(!createPrinter(QStringLiteral("cups:"), m_server));
    }

private:
    QString outputPath(const QString &queue, int jobId) const
    {
        return m_dir.filePath(QStringLiteral("output/%1/job-%2.bin").arg(queue).arg(jobId));
    }

    QTemporaryDir m_dir;
    QString m_server;
};

int main(int argc, char **argv)
{
    // Without the real peer the test is skipped (exit 77), never passed.
    for (const char *tool : {"/usr/sbin/cupsd"}) {
        if (!QFileInfo::exists(QString::fromLatin1(tool))) {
            std::printf("SKIP: %s is missing (install cups-daemon)\n", tool);
            return 77;
        }
    }
    for (const char *tool : {"lpstat", "cupsdisable", "bash"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()
            && QStandardPaths::findExecutable(QString::fromLatin1(tool), {QStringLiteral("/usr/sbin")}).isEmpty()) {
            std::printf("SKIP: %s is missing (install cups-client)\n", tool);
            return 77;
        }
    }
    QGuiApplication app(argc, argv);
    TestCups test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_devices_cups.moc"
