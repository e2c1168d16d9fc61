// The `file:` scanner: lines from a FIFO or a regular file become scans.
#include "filescanner.h"
#include "scanner.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace devices;

class TestFileScanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fifoLinesArriveAsWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("scans"));
        QCOMPARE(::mkfifo(path.toLocal8Bit().constData(), 0600), 0);
        auto scanner = createScanner(QStringLiteral("file:") + path);
        QVERIFY(scanner);
        QSignalSpy scans(scanner.get(), &Scanner::scanned);
        QSignalSpy changed(scanner.get(), &Scanner::stateChanged);
        QCOMPARE(scanner->state(), Scanner::State::Stopped);
        QVERIFY(scanner->start());
        QCOMPARE(scanner->state(), Scanner::State::Ready);
        QCOMPARE(changed.size(), 1);

        // Two writers, one after the other; the second line comes in two pieces and with CRLF.
        writeTo(path, "3521114505900001\n");
        QTRY_COMPARE(scans.size(), 1);
        QCOMPARE(scans.at(0).at(0).toString(), QStringLiteral("3521114505900001"));
        writeTo(path, "SQ1:ABC");
        writeTo(path, "DEF\r\n\n");
        QTRY_COMPARE(scans.size(), 2);
        QCOMPARE(scans.at(1).at(0).toString(), QStringLiteral("SQ1:ABCDEF"));
        QTest::qWait(50);
        QCOMPARE(scans.size(), 2); // the empty line is no scan
    }

    void regularFileIsReplayedThenFollowed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("scans.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("pertama\nkedua\n");
        file.close();
        FileScanner scanner(path);
        QSignalSpy scans(&scanner, &Scanner::scanned);
        QVERIFY(scanner.start());
        QCOMPARE(scans.size(), 2);
        QCOMPARE(scans.at(1).at(0).toString(), QStringLiteral("kedua"));
        QVERIFY(file.open(QIODevice::Append));
        file.write("ketiga\n");
        file.close();
        QTRY_COMPARE(scans.size(), 3);
        QCOMPARE(scans.at(2).at(0).toString(), QStringLiteral("ketiga"));
    }

    void overlongAndInvalidLinesAreBounded()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("scans.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(200 * 1024, 'A') + "\n" + QByteArray("\xff\xfe bukan utf-8\n"));
        file.close();
        FileScanner scanner(path);
        QSignalSpy scans(&scanner, &Scanner::scanned);
        QVERIFY(scanner.start());
        QCOMPARE(scans.size(), 2);
        QCOMPARE(scans.at(0).at(0).toString().size(), FileScanner::kMaxLineBytes);
        QVERIFY(scans.at(1).at(0).toString().contains(QChar::ReplacementCharacter));
    }

    void missingFileIsExplained()
    {
        FileScanner scanner(QStringLiteral("/tidak/ada/scans"));
        QVERIFY(!scanner.start());
        QCOMPARE(scanner.state(), Scanner::State::Error);
        QVERIFY(scanner.lastError().contains(QStringLiteral("tidak ada")));
        QString error;
        QVERIFY(!createScanner(QStringLiteral("file:"), &error));
        QVERIFY(!error.isEmpty());
    }

private:
    static void writeTo(const QString &fifo, const QByteArray &bytes)
    {
        const int fd = ::open(fifo.toLocal8Bit().constData(), O_WRONLY);
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, bytes.constData(), size_t(bytes.size())), ssize_t(bytes.size()));
        ::close(fd);
    }
};

QTEST_GUILESS_MAIN(TestFileScanner)
#include "tst_devices_filescanner.moc"
