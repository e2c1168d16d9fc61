// Technician mode's Perangkat panel with real device states, from the welcome screen: a HID POS scanner emulated
// by umockdev (tests/tools/emulatedhidpos.h) present, then pulled out, then back; the ticket printer an ippeveprinter
// behind a private cupsd (scripts/private-cupsd --ippeve) that runs out of paper. The panel's words follow them.
#include "cupsprinter.h"
#include "emulatedhidpos.h"
#include "hidposscanner.h"
#include "kioskharness.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QTest>

#include <cstdio>
#include <cstdlib>

namespace {

using testsupport::plainEnvironment;
using testsupport::runOk;
constexpr int kTimeoutMs = 30000;

} // namespace

class TestTechnicianDevices : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_cupsServer;
    std::unique_ptr<testsupport::EmulatedHidPosDevice> m_usb;
    std::unique_ptr<KioskHarness> h;
    std::unique_ptr<devices::HidPosScanner> m_scanner;

    QString panelText()
    {
        QQuickItem *panel = h->find(QStringLiteral("technicianDevices"));
        QStringList texts;
        if (panel)
            for (QQuickItem *t : h->visibleTexts(panel))
                texts << t->property("text").toString();
        return texts.join(QLatin1Char('\n'));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A missing peer makes the test SKIP (77), never pass.
        if (!QFile::exists(QStringLiteral("/usr/sbin/cupsd")) || !QFile::exists(QStringLiteral("/usr/sbin/ippeveprinter"))) {
            std::printf("SKIP: cupsd or ippeveprinter is not installed (cups-daemon, cups-ipp-utils)\n");
            std::exit(77);
        }
        QVERIFY(m_dir.isValid());
        const QByteArray cups = runOk(QDir(qEnvironmentVariable("KIOSK_SOURCE_DIR")).filePath(QStringLiteral("scripts/private-cupsd")),
            {QStringLiteral("start"), m_dir.filePath(QStringLiteral("cups")), QStringLiteral("--ippeve")});
        QVERIFY2(cups.startsWith("CUPS_SERVER="), cups.constData());
        m_cupsServer = QString::fromLatin1(cups.mid(12).trimmed());
        m_usb = std::make_unique<testsupport::EmulatedHidPosDevice>();
        QVERIFY2(m_usb->isValid(), qPrintable(m_usb->error()));

        h = std::make_unique<KioskHarness>();
        // The ticket printer is the ippeveprinter's queue instead of the capturing one.
        h->print->addPrinter(QStringLiteral("ticket"), std::make_unique<devices::CupsPrinter>(QStringLiteral("paper"), m_cupsServer));
        h->ticketPrinter = nullptr;
        // The USB scanner reports its state to the panel as the kiosk's composition root has it do.
        m_scanner = std::make_unique<devices::HidPosScanner>(testsupport::kVendor, testsupport::kProduct);
        const auto report
            = [this] { h->areas->devices.setDeviceState(QStringLiteral("Pemindai %1").arg(m_scanner->uri()), m_scanner->describeState()); };
        connect(m_scanner.get(), &devices::Scanner::stateChanged, this, report);
        QVERIFY2(m_scanner->start(), qPrintable(m_scanner->lastError()));
        report();
        QVERIFY(h->load());
    }

    void cleanupTestCase()
    {
        m_scanner.reset();
        h.reset();
        if (!m_cupsServer.isEmpty())
            runOk(QDir(qEnvironmentVariable("KIOSK_SOURCE_DIR")).filePath(QStringLiteral("scripts/private-cupsd")),
                {QStringLiteral("stop"), m_dir.filePath(QStringLiteral("cups"))});
    }

    void panelFollowsTheDevices()
    {
        // Welcome → staff sign-in (long press) → Teknisi → card and PIN → Perangkat.
        QQuickItem *office = h->waitFor(QStringLiteral("officeName"));
        QVERIFY(office);
        const QPoint centre = office->mapToScene(QPointF(office->width() / 2, office->height() / 2)).toPoint();
        QTest::mousePress(h->window, Qt::LeftButton, {}, centre);
        QTest::qWait(2300);
        QTest::mouseRelease(h->window, Qt::LeftButton, {}, centre);
        QVERIFY(h->waitForScreen(QStringLiteral("staffLogin")));
        QVERIFY(h->tap(QStringLiteral("technicianEntry")));
        QVERIFY(h->waitForScreen(QStringLiteral("technicianLogin")));
        h->scan(KioskHarness::kTechnicianCard);
        QTRY_COMPARE(h->areas->technician.cardHolder(), QStringLiteral("Tono Teknisi"));
        for (const QChar digit : KioskHarness::kStaffPin)
            QVERIFY(h->tap(QStringLiteral("numpad-") + digit));
        QVERIFY(h->tap(QStringLiteral("numpad-OK")));
        QVERIFY(h->waitForScreen(QStringLiteral("technician")));
        QVERIFY(h->tap(QStringLiteral("technicianTabDevices")));
        QVERIFY(h->waitFor(QStringLiteral("technicianDevices")));

        // Scanner plugged in, printer ready.
        QTRY_VERIFY_WITH_TIMEOUT(panelText().contains(QStringLiteral("pemindai USB siap")), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(panelText().contains(QStringLiteral("Printer tiket — siap")), kTimeoutMs);

        // Pulled out: the panel says so, and "terputus", not "belum terpasang".
        m_usb->unplug();
        QTRY_VERIFY_WITH_TIMEOUT(panelText().contains(QStringLiteral("pemindai USB terputus")), kTimeoutMs);
        QVERIFY(!panelText().contains(QStringLiteral("pemindai USB siap")));

        // The printer runs out of paper with a ticket in it.
        QVERIFY(QFile(m_dir.filePath(QStringLiteral("cups/ippeve/paper-out"))).open(QIODevice::WriteOnly));
        QFile ticket(m_dir.filePath(QStringLiteral("ticket.bin")));
        QVERIFY(ticket.open(QIODevice::WriteOnly) && ticket.write("TIKET A-001\n") > 0);
        ticket.close();
        QVERIFY(runOk(QStringLiteral("lp"),
                    {QStringLiteral("-h"), m_cupsServer, QStringLiteral("-d"), QStringLiteral("paper"), QStringLiteral("-o"),
                        QStringLiteral("raw"), ticket.fileName()})
            != "<failed>");
        QTRY_VERIFY_WITH_TIMEOUT(panelText().contains(QStringLiteral("Printer tiket — Kertas habis")), kTimeoutMs);

        // Both back: the words say so again.
        m_usb->plug();
        QVERIFY(QFile::remove(m_dir.filePath(QStringLiteral("cups/ippeve/paper-out"))));
        QTRY_VERIFY_WITH_TIMEOUT(panelText().contains(QStringLiteral("pemindai USB siap")), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(panelText().contains(QStringLiteral("Printer tiket — siap")), kTimeoutMs);
        QVERIFY(!panelText().contains(QStringLiteral("Kertas habis")));
    }
};

int main(int argc, char **argv)
{
    if (const auto exitCode = testsupport::reexecUnderUmockdev(argc, argv))
        return *exitCode;
    // Loaded in this process already; cupsd and ippeveprinter run without it.
    qunsetenv("LD_PRELOAD");
    QGuiApplication app(argc, argv);
    TestTechnicianDevices test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_technician_devices.moc"
