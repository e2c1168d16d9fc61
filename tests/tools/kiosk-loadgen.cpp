// kiosk-loadgen: submits citizen requests through the kiosk's own path (OutboxRepository::enqueue in
// one transaction, then the ticket to the ticket printer, see kiosk::issueTicket) and runs the real
// SyncService until the outbox is empty. Used by the crash-consistency test, which SIGKILLs it at
// random moments and starts it again on the same data folder; also a field tool to load a test backend.
//
//   kiosk-loadgen --config anjungan.conf --total N [--pause-ms MS]
//
// Prints "ISSUED <registration number> <job id>" once the ticket printer accepted a ticket,
// "TOTAL <n>" once the store holds N requests and "DRAINED" when the backend has all of them.
#include "config.h"
#include "outbox.h"
#include "printer.h"
#include "printjobtracker.h"
#include "store.h"
#include "syncservice.h"
#include "ticketissuer.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

#include <cstdio>

namespace {

int requestCount(const kiosk::KioskStore &store)
{
    QSqlQuery q(store.connection());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM requests")) && q.next() ? q.value(0).toInt() : -1;
}

void say(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    // The ticket is drawn with QPainter and fonts, as on the kiosk (QT_QPA_PLATFORM=offscreen without a display).
    QGuiApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Mengirim permohonan uji lewat jalur anjungan yang sama."));
    cli.addHelpOption();
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("Kiosk configuration file."), QStringLiteral("file"));
    const QCommandLineOption totalOption(QStringLiteral("total"), QStringLiteral("Requests the store should hold."), QStringLiteral("n"));
    const QCommandLineOption pauseOption(
        QStringLiteral("pause-ms"), QStringLiteral("Pause between submissions."), QStringLiteral("ms"), QStringLiteral("0"));
    cli.addOptions({configOption, totalOption, pauseOption});
    cli.process(app);

    const auto config = kiosk::KioskConfig::load(cli.value(configOption));
    if (!config) {
        std::fprintf(stderr, "kiosk-loadgen: %s\n", qPrintable(config.error().message));
        return 2;
    }
    kiosk::KioskStore store;
    const auto key = kiosk::loadOrCreateDeviceKey(config->deviceKeyPath(), config->formerDeviceKeyPath());
    const kiosk::Status opened = key ? store.open(config->databasePath()) : kiosk::Status(key.error());
    if (!opened) {
        std::fprintf(stderr, "kiosk-loadgen: %s\n", qPrintable(opened.error().message));
        return 2;
    }
    QString error;
    auto printer = devices::createPrinter(config->ticketPrinter, config->cupsServer, &error);
    if (!printer) {
        std::fprintf(stderr, "kiosk-loadgen: %s\n", qPrintable(error));
        return 2;
    }
    kiosk::OutboxRepository outbox(store, *key);
    // The kiosk's print service: tickets are submitted and followed on its own thread.
    devices::PrintJobTracker print;
    print.addPrinter(QStringLiteral("ticket"), std::move(printer));
    print.start();
    QHash<int, QByteArray> ticketJobs; // print job → registration number
    QObject::connect(&print, &devices::PrintJobTracker::jobAccepted, &app, [&](int id, int printerJobId) {
        if (const QByteArray reg = ticketJobs.take(id); !reg.isEmpty())
            say("ISSUED " + reg + ' ' + QByteArray::number(printerJobId));
    });
    QObject::connect(&print, &devices::PrintJobTracker::jobRefused, &app, [&](int id, const QString &) {
        if (const QByteArray reg = ticketJobs.value(id); !reg.isEmpty())
            say("UNPRINTED " + reg);
    });
    const int total = cli.value(totalOption).toInt();

    QThread syncThread;
    kiosk::SyncSettings settings;
    settings.intervalMs = config->syncIntervalMs;
    settings.heartbeatIntervalMs = config->heartbeatIntervalMs;
    settings.appVersion = QStringLiteral("loadgen");
    settings.dataDir = config->dataDir;
    settings.link.proxy = config->proxy;
    settings.link.maxParallel = config->maxParallel;
    auto *sync = new kiosk::SyncService(
        store, *key, config->serverUrl, {config->caFile, config->clientCert, config->clientKey}, config->lettersDir(), settings);
    sync->moveToThread(&syncThread);
    QObject::connect(&syncThread, &QThread::started, sync, &kiosk::SyncService::start);
    QObject::connect(&syncThread, &QThread::finished, sync, &QObject::deleteLater);
    bool submitting = true;
    QObject::connect(sync, &kiosk::SyncService::synced, &app, [&](int depth, const QString &) {
        if (!submitting && depth == 0) {
            say("DRAINED");
            QCoreApplication::quit();
        }
    });
    syncThread.start();

    // The same request a citizen fills in for an SKTM; the NIK is a valid test NIK.
    const kiosk::NewRequest request {QStringLiteral("SKTM"), QStringLiteral("3521115205010021"), QStringLiteral("Siti Aminah"),
        QStringLiteral("Dusun Krajan RT 01/RW 02"), QStringLiteral("Uji beban"), QString(), QJsonObject {}};
    QTimer submit;
    submit.setInterval(cli.value(pauseOption).toInt());
    QObject::connect(&submit, &QTimer::timeout, &app, [&] {
        const int have = requestCount(store);
        if (have < 0 || have >= total) {
            submit.stop();
            submitting = false;
            say("TOTAL " + QByteArray::number(have));
            QMetaObject::invokeMethod(sync, &kiosk::SyncService::syncNow, Qt::QueuedConnection);
            return;
        }
        const auto issued = kiosk::issueTicket(outbox, request, {config->officeName, config->officeHours, config->holidays},
            kiosk::serviceNamedByCode(QStringLiteral("SKTM")), print);
        if (!issued) {
            std::fprintf(stderr, "kiosk-loadgen: %s\n", qPrintable(issued.error().message));
            return;
        }
        ticketJobs.insert(issued->printJob, issued->queued.registrationNumber.toLatin1());
    });
    submit.start();

    const int rc = app.exec();
    sync->abortNetwork();
    syncThread.quit();
    syncThread.wait();
    return rc;
}
