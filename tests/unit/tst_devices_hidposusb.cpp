// The HID POS scanner against an emulated USB device (tests/tools/emulatedhidpos.h): umockdev's testbed provides
// sysfs and the device node, and the ioctls libusb sends are answered in-process. The process re-executes itself
// under umockdev-wrapper (LD_PRELOAD) when needed.
#include "emulatedhidpos.h"
#include "hidposreportparser.h"
#include "hidposscanner.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

using namespace devices;

using namespace testsupport;

namespace {
constexpr int kTimeoutMs = 10000;
} // namespace

/// HidPosScanner reading an emulated HID POS scanner: single report, continuation, unplug and re-plug.
class TestHidPosUsb : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulated = std::make_unique<EmulatedHidPosDevice>();
        QVERIFY2(m_emulated->isValid(), qPrintable(m_emulated->error()));
        m_device = &m_emulated->device();
    }
    void cleanup()
    {
        m_scanner.reset();
        m_device = nullptr;
        m_emulated.reset();
    }

    void singleReport()
    {
        queueScan("3201014501900001", QStringLiteral("]Q1"));
        startScanner();
        QSignalSpy decoded(m_scanner.get(), &HidPosScanner::decoded);
        QSignalSpy scanned(m_scanner.get(), &Scanner::scanned);
        QVERIFY(decoded.wait(kTimeoutMs));
        QCOMPARE(decoded.first().at(0).toByteArray(), QByteArray("3201014501900001"));
        QCOMPARE(decoded.first().at(1).toString(), QStringLiteral("]Q1"));
        QCOMPARE(scanned.size(), 1);
        QCOMPARE(scanned.first().at(0).toString(), QStringLiteral("3201014501900001"));
        QCOMPARE(m_scanner->state(), Scanner::State::Ready);
        QMutexLocker lock(&m_device->mutex);
        QVERIFY(m_device->claims >= 1);
        // libusb took the interface from the kernel's usbhid driver in one step (USBDEVFS_DISCONNECT_CLAIM).
        QVERIFY(m_device->kernelDriverDetaches >= 1);
    }

    void multiReportContinuation()
    {
        QByteArray ktp;
        for (int i = 0; i < 7; ++i)
            ktp += "NIK 3201014501900001 NAMA SITI AMINAH ALAMAT JL MAWAR " + QByteArray::number(i) + '\n';
        QVERIFY(HidPosReportParser::reportsFor(ktp, QStringLiteral("]Q1")).size() > 3);
        queueScan(ktp, QStringLiteral("]Q1"));
        queueScan("ADT1:q83vEjRWeJCrze8SNFZ4kA", QStringLiteral("]Q1"));
        startScanner();
        QSignalSpy decoded(m_scanner.get(), &HidPosScanner::decoded);
        QTRY_COMPARE_WITH_TIMEOUT(decoded.size(), 2, kTimeoutMs);
        QCOMPARE(decoded.at(0).at(0).toByteArray(), ktp);
        QCOMPARE(decoded.at(1).at(0).toByteArray(), QByteArray("ADT1:q83vEjRWeJCrze8SNFZ4kA"));
    }

    void unplugAndReplug()
    {
        startScanner();
        QTRY_COMPARE_WITH_TIMEOUT(m_scanner->state(), Scanner::State::Ready, kTimeoutMs);
        QSignalSpy decoded(m_scanner.get(), &HidPosScanner::decoded);
        queueScan("first", QStringLiteral("]C0"));
        QVERIFY(decoded.wait(kTimeoutMs));

        m_emulated->unplug();
        QTRY_COMPARE_WITH_TIMEOUT(m_scanner->state(), Scanner::State::Waiting, kTimeoutMs);
        QVERIFY(m_scanner->describeState().contains(QLatin1String("terputus")));

        // Plugged in again: the same scanner object picks it up without a restart.
        m_emulated->plug();
        queueScan("second", QStringLiteral("]C0"));
        QTRY_COMPARE_WITH_TIMEOUT(decoded.size(), 2, kTimeoutMs);
        QCOMPARE(decoded.at(1).at(0).toByteArray(), QByteArray("second"));
        QCOMPARE(m_scanner->state(), Scanner::State::Ready);
    }

    void absentDeviceWaits()
    {
        m_scanner = std::make_unique<HidPosScanner>(kVendor, quint16(kProduct + 1));
        QVERIFY2(m_scanner->start(), qPrintable(m_scanner->lastError()));
        QTRY_VERIFY_WITH_TIMEOUT(m_scanner->describeState().contains(QLatin1String("belum terpasang")), kTimeoutMs);
        QCOMPARE(m_scanner->state(), Scanner::State::Waiting);
        m_scanner->stop();
        QCOMPARE(m_scanner->state(), Scanner::State::Stopped);
    }

private:
    void queueScan(const QByteArray &data, const QString &symbology)
    {
        m_emulated->queueReports(HidPosReportParser::reportsFor(data, symbology));
    }
    void startScanner()
    {
        m_scanner = std::make_unique<HidPosScanner>(kVendor, kProduct);
        QVERIFY2(m_scanner->start(), qPrintable(m_scanner->lastError()));
    }

    std::unique_ptr<EmulatedHidPosDevice> m_emulated;
    EmulatedScanner *m_device = nullptr;
    std::unique_ptr<HidPosScanner> m_scanner;
};

int main(int argc, char **argv)
{
    if (const auto exitCode = reexecUnderUmockdev(argc, argv))
        return *exitCode;
    QCoreApplication app(argc, argv);
    TestHidPosUsb test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_devices_hidposusb.moc"
