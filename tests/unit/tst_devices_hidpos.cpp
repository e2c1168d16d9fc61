#include "hidposreportparser.h"
#include "hidposscanner.h"
#include "scanner.h"

#include <QTest>

using namespace devices;
using Status = HidPosFeedResult::Status;

/// HidPosReportParser on hand-made and generated decoded-data reports, and the `usb:` URI scheme.
class TestHidPos : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void singleReport()
    {
        HidPosReportParser parser;
        QByteArray report(64, '\0');
        report[0] = 0x02;
        report[1] = 16;
        report.replace(2, 3, "]Q1");
        report.replace(5, 16, "3201014501900001");
        const HidPosFeedResult result = parser.feed(report);
        QCOMPARE(result.status, Status::Complete);
        QCOMPARE(result.scan.data, QByteArray("3201014501900001"));
        QCOMPARE(result.scan.symbology, QStringLiteral("]Q1"));
        QVERIFY(!parser.hasPartialScan());
    }

    void continuationAcrossReports_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("reportSize");
        QTest::newRow("exactly one full report") << 58 << 64;
        QTest::newRow("two reports") << 100 << 64;
        QTest::newRow("five reports") << 280 << 64;
        QTest::newRow("short 16-byte reports") << 77 << 16;
        QTest::newRow("4 KB in 64-byte reports") << 4096 << 64;
    }
    void continuationAcrossReports()
    {
        QFETCH(int, size);
        QFETCH(int, reportSize);
        QByteArray data;
        for (int i = 0; i < size; ++i)
            data.append(char('A' + i % 26));
        const QList<QByteArray> reports = HidPosReportParser::reportsFor(data, QStringLiteral("]L2"), 0x02, reportSize);
        QCOMPARE(reports.size(), (size + reportSize - 7) / (reportSize - 6));
        HidPosReportParser parser;
        for (qsizetype i = 0; i + 1 < reports.size(); ++i) {
            QCOMPARE(parser.feed(reports.at(i), i).status, Status::Incomplete);
            QVERIFY(parser.hasPartialScan());
        }
        const HidPosFeedResult last = parser.feed(reports.last(), reports.size());
        QCOMPARE(last.status, Status::Complete);
        QCOMPARE(last.scan.data, data);
        QCOMPARE(last.scan.symbology, QStringLiteral("]L2"));
    }

    void otherReportsAreIgnored()
    {
        HidPosReportParser parser;
        QCOMPARE(parser.feed(QByteArray()).status, Status::Ignored);
        QByteArray status(64, '\0');
        status[0] = 0x04;
        QCOMPARE(parser.feed(status).status, Status::Ignored);
        // An all-zero decoded-data report (some scanners send one after each scan) is not a scan.
        QByteArray idle(64, '\0');
        idle[0] = 0x02;
        QCOMPARE(parser.feed(idle).status, Status::Ignored);
        // A parser for another report id.
        HidPosReportParser other(0x06);
        QCOMPARE(other.feed(HidPosReportParser::reportsFor("X", QStringLiteral("]E0")).first()).status, Status::Ignored);
    }

    void malformedReports_data()
    {
        QTest::addColumn<QByteArray>("report");
        QByteArray lengthTooLong(64, '\0');
        lengthTooLong[0] = 0x02;
        lengthTooLong[1] = char(59);
        QTest::newRow("length beyond report") << lengthTooLong;
        QTest::newRow("header only") << QByteArray("\x02\x01]Q1", 5);
        QTest::newRow("two bytes") << QByteArray("\x02\x05", 2);
    }
    void malformedReports()
    {
        QFETCH(QByteArray, report);
        HidPosReportParser parser;
        // A partial scan before the bad report is dropped with it.
        QCOMPARE(
            parser.feed(HidPosReportParser::reportsFor(QByteArray(100, 'x'), QStringLiteral("]Q1")).first()).status, Status::Incomplete);
        const HidPosFeedResult result = parser.feed(report);
        QCOMPARE(result.status, Status::Malformed);
        QVERIFY(!result.error.isEmpty());
        QVERIFY(!parser.hasPartialScan());
        // The next scan parses normally.
        QCOMPARE(parser.feed(HidPosReportParser::reportsFor("OK", QStringLiteral("]Q1")).first()).status, Status::Complete);
    }

    void symbologyChangeMidScanIsMalformed()
    {
        HidPosReportParser parser;
        const auto first = HidPosReportParser::reportsFor(QByteArray(100, 'a'), QStringLiteral("]Q1"));
        const auto second = HidPosReportParser::reportsFor(QByteArray(10, 'b'), QStringLiteral("]C0"));
        QCOMPARE(parser.feed(first.at(0)).status, Status::Incomplete);
        QCOMPARE(parser.feed(second.at(0)).status, Status::Malformed);
    }

    void oversizedScanIsMalformed()
    {
        HidPosReportParser parser;
        const auto reports = HidPosReportParser::reportsFor(QByteArray(HidPosReportParser::kMaxScanBytes + 1, 'z'), QStringLiteral("]Q1"));
        HidPosFeedResult result;
        for (const QByteArray &report : reports) {
            result = parser.feed(report);
            if (result.status == Status::Malformed)
                break;
        }
        QCOMPARE(result.status, Status::Malformed);
        QVERIFY(!parser.hasPartialScan());
    }

    void staleContinuationStartsOver()
    {
        HidPosReportParser parser;
        const auto lost = HidPosReportParser::reportsFor(QByteArray(100, 'L'), QStringLiteral("]Q1"));
        QCOMPARE(parser.feed(lost.at(0), 1000).status, Status::Incomplete);
        // The rest never came; a new scan much later is delivered on its own.
        const HidPosFeedResult next = parser.feed(
            HidPosReportParser::reportsFor("NEW", QStringLiteral("]C0")).first(), 1000 + HidPosReportParser::kContinuationTimeoutMs + 1);
        QCOMPARE(next.status, Status::Complete);
        QCOMPARE(next.scan.data, QByteArray("NEW"));
    }

    void nonPrintableSymbologyIsEmpty()
    {
        HidPosReportParser parser;
        const HidPosFeedResult result = parser.feed(HidPosReportParser::reportsFor("1234", QString()).first());
        QCOMPARE(result.status, Status::Complete);
        QVERIFY(result.scan.symbology.isEmpty());
    }

    void usbUris_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<bool>("valid");
        QTest::newRow("honeywell") << QStringLiteral("usb:0c2e:0b61") << true;
        QTest::newRow("upper case") << QStringLiteral("usb:05E0:1200") << true;
        QTest::newRow("missing pid") << QStringLiteral("usb:0c2e") << false;
        QTest::newRow("not hex") << QStringLiteral("usb:zzzz:0001") << false;
        QTest::newRow("too long") << QStringLiteral("usb:10c2e:0001") << false;
        QTest::newRow("extra part") << QStringLiteral("usb:0c2e:0b61:1") << false;
    }
    void usbUris()
    {
        QFETCH(QString, uri);
        QFETCH(bool, valid);
        QString error;
        auto scanner = createScanner(uri, &error);
        QCOMPARE(bool(scanner), valid);
        QCOMPARE(error.isEmpty(), valid);
        if (valid)
            QCOMPARE(scanner->uri(), uri.toLower());
        else
            QVERIFY(error.contains(QLatin1String("usb:VID:PID")));
    }
};

QTEST_GUILESS_MAIN(TestHidPos)
#include "tst_devices_hidpos.moc"
