// kecamatan-backend serve (the kiosk API, the officer console, the notification sender) and report.
#include "apiserver.h"
#include "commands.h"
#include "console/consolepages.h"
#include "console/consoleserver.h"
#include "console/verifypage.h"
#include "fleetalerts.h"
#include "monitoring.h"
#include "notifications.h"
#include "public/publicpages.h"
#include "publicstatus.h"
#include "smsinbox.h"

#include <QDebug>
#include <QDir>
#include <QSaveFile>
#include <QTextStream>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <optional>
#include <pthread.h>
#include <thread>

namespace backend::cli {

namespace {

std::optional<std::pair<QString, quint16>> parseListen(const QString &listen)
{
    const int colon = listen.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = listen.mid(colon + 1).toUInt(&ok);
    if (colon <= 0 || !ok || port > 65535)
        return std::nullopt;
    return std::pair {listen.left(colon), quint16(port)};
}

} // namespace

int serve(Context &c)
{
    Backend &b = *c.backend;
    const QCommandLineParser &args = c.args;
    const auto listen = parseListen(args.value(QStringLiteral("listen")));
    if (!listen)
        return fail(QStringLiteral("--listen harus berbentuk HOST:PORT."));
    // The online service needs only the delegated list signer (seal.md §7.3); a root key left here is a risk.
    if (b.seals->rootKeyOnline())
        std::fprintf(stderr,
            "kecamatan-backend: PERINGATAN: kunci induk segel masih di folder data server; pindahkan dengan "
            "'kecamatan-backend root move-out --data DIR --out USB'.\n");
    else if (const auto d = b.seals->delegation(); !d || d->notAfter < QDateTime::currentDateTimeUtc().addDays(14))
        std::fprintf(stderr,
            "kecamatan-backend: PERINGATAN: delegasi kunci penanda tangan daftar %s; jalankan 'trust-list export-payload', "
            "'root sign' dan 'trust-list import-signed'.\n",
            d ? qPrintable(QStringLiteral("berakhir %1").arg(d->notAfter.toString(Qt::ISODate))) : "belum dipasang");
    // Block the stop signals in every thread; one thread waits for them and quits the event loop.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    // Notifications: the outbox is always filled; the INI file chooses how (and whether) SMS leave.
    const QString notifyConfig = args.isSet(QStringLiteral("notify-config"))
        ? args.value(QStringLiteral("notify-config"))
        : QDir(args.value(QStringLiteral("data"))).filePath(QStringLiteral("notifications.ini"));
    auto settings = NotificationSettings::load(notifyConfig);
    if (!settings)
        return fail(settings.error().message);
    for (const ServiceInfo &service : b.catalog.services())
        settings.value().reminders.slaDaysByService.insert(service.code, service.letter.slaDays);
    auto transport = settings.value().makeTransport();
    if (!transport)
        return fail(transport.error().message);
    NotificationSender notifier(*b.store, std::move(transport.value()), settings.value());
    notifier.start();
    // Fleet alerts: heartbeats raise and clear them; the watch raises the silent ones.
    const auto fleetPolicy = FleetAlertPolicy::load(notifyConfig);
    if (!fleetPolicy)
        return fail(fleetPolicy.error().message);
    FleetWatch fleetWatch(*b.store, fleetPolicy.value());
    fleetWatch.start();

    // The page the seals' QR opens: [verifikasi] publicUrl, else this console listener's own URL + /v.
    const auto verifyUrl = configuredVerifyUrl(notifyConfig);
    if (!verifyUrl)
        return fail(verifyUrl.error().message);

    // What each listener gives to connections before they are authenticated ([koneksi]).
    const auto limits = ConnectionLimits::load(notifyConfig);
    if (!limits)
        return fail(limits.error().message);

    // The public pages' limits; status questions by SMS from Gammu SMSD's inbox folder, read on the main thread's timer.
    const auto publicSettings = PublicSettings::load(notifyConfig);
    if (!publicSettings)
        return fail(publicSettings.error().message);
    PublicStatus publicStatus(*b.store, b.catalog);
    SmsInbox smsInbox(*b.store, publicStatus, publicSettings.value());
    const auto scanInbox = [&smsInbox, &notifier] {
        const auto answered = smsInbox.scanOnce();
        if (!answered)
            qWarning().noquote() << "SMS inbox not read:" << answered.error().message;
        else if (answered.value() > 0)
            notifier.wake();
    };
    QTimer inboxTimer;
    QObject::connect(&inboxTimer, &QTimer::timeout, scanInbox);
    if (!publicSettings.value().smsInbox.isEmpty()) {
        inboxTimer.start(publicSettings.value().smsScanIntervalMs);
        QTimer::singleShot(0, &inboxTimer, scanInbox);
    }

    ApiServer server(*b.store, b.catalog, *b.workflow, b.seals.get());
    server.setConnectionLimits(limits.value());
    server.setDocuments(b.documents.get());
    server.setFleetAlertPolicy(fleetPolicy.value());
    quint16 consolePortNumber = 0;
    const auto port = server.start(listen->first, listen->second,
        TlsFiles {args.value(QStringLiteral("cert")), args.value(QStringLiteral("key")), args.value(QStringLiteral("client-ca")),
            args.value(QStringLiteral("client-ca-key"))});
    if (!port)
        return fail(port.error().message);
    // The officer console: a second HTTPS listener with the server certificate, no client certificate.
    std::unique_ptr<ConsoleServer> console;
    if (args.isSet(QStringLiteral("console"))) {
        const auto consoleListen = parseListen(args.value(QStringLiteral("console")));
        if (!consoleListen)
            return fail(QStringLiteral("--console harus berbentuk HOST:PORT."));
        console = std::make_unique<ConsoleServer>(*b.store, *b.workflow);
        console->setConnectionLimits(limits.value());
        const int iterations = staffPinIterations(args);
        if (iterations < 0)
            return fail(QStringLiteral("--staff-pin-iterations harus bilangan bulat, paling sedikit 1000."));
        addConsolePages(*console, *b.store, b.catalog, b.offices, *b.workflow, iterations, b.documents.get());
        addPublicPages(*console, publicStatus, b.seals.get(), publicSettings.value());
        // The public verification page any phone opens from a letter's QR (docs/decisions/0029-verification-page.md).
        if (b.seals)
            addVerifyPage(*console, *b.seals);
        const auto consolePort = console->start(
            consoleListen->first, consoleListen->second, args.value(QStringLiteral("cert")), args.value(QStringLiteral("key")));
        if (!consolePort)
            return fail(consolePort.error().message);
        consolePortNumber = consolePort.value();
        if (!verifyUrl.value())
            b.seals->setVerifyUrl(consoleVerifyUrl(consoleListen->first, consolePortNumber));
    }
    if (verifyUrl.value())
        b.seals->setVerifyUrl(*verifyUrl.value());
    QGuiApplication &app = c.app;
    std::thread signalWaiter([&app, stopSignals] {
        int signal = 0;
        sigwait(&stopSignals, &signal);
        QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
    });
    std::printf("LISTENING %u\n", unsigned(port.value()));
    if (console)
        std::printf("CONSOLE %u\n", unsigned(consolePortNumber));
    std::fflush(stdout);
    const int code = app.exec();
    if (console)
        console->stop();
    server.stop();
    fleetWatch.stop();
    notifier.stop();
    signalWaiter.join();
    return code;
}

/// Monitoring figures as text, and with --csv PREFIX as four RFC 4180 files PREFIX-{tahap,waktu,sla,ikm}.csv.
int report(Context &c)
{
    Backend &b = *c.backend;
    const QCommandLineParser &args = c.args;
    const auto day = [&args](const char *name) {
        const QString v = args.value(QLatin1String(name));
        return v.isEmpty() ? QDateTime() : QDateTime(QDate::fromString(v, Qt::ISODate), QTime(0, 0));
    };
    const QDateTime from = day("from");
    const QDateTime to = args.isSet(QStringLiteral("to")) ? day("to").addDays(1) : QDateTime(); // --to is inclusive
    if ((args.isSet(QStringLiteral("from")) && !from.isValid()) || (args.isSet(QStringLiteral("to")) && !to.isValid()))
        return fail(QStringLiteral("--from dan --to harus berbentuk YYYY-MM-DD."));
    Monitoring monitoring(*b.store, b.catalog);
    const auto stages = monitoring.stageCounts();
    const auto turnaround = monitoring.turnaround(from, to);
    const auto breaches = monitoring.slaBreaches();
    const auto ikm = monitoring.ikm(from, to);
    if (!stages || !turnaround || !breaches || !ikm)
        return fail((!stages ? stages.error() : !turnaround ? turnaround.error() : !breaches ? breaches.error() : ikm.error()).message);
    QTextStream out(stdout);
    out << "Periode: " << (from.isValid() ? from.date().toString(Qt::ISODate) : QStringLiteral("awal")) << " s.d. "
        << (to.isValid() ? to.date().addDays(-1).toString(Qt::ISODate) : QStringLiteral("sekarang")) << "\n\nJumlah per tahap\n";
    for (const StageCount &s : stages.value())
        out << "  " << (s.desaCode.isEmpty() ? QStringLiteral("SEMUA     ") : s.desaCode) << "  "
            << serverlink::stageToWire(s.stage).leftJustified(18) << s.count << '\n';
    out << "\nWaktu layanan RECEIVED -> READY (jam)\n";
    for (const Turnaround &t : turnaround.value())
        out << "  " << t.serviceCode.leftJustified(28) << " n=" << t.count << "  median " << QString::number(t.medianHours, 'f', 1)
            << "  p90 " << QString::number(t.p90Hours, 'f', 1) << '\n';
    out << "\nMelewati SLA: " << breaches.value().size() << '\n';
    for (const SlaBreach &s : breaches.value())
        out << "  " << s.registrationNumber << "  " << s.serviceCode << "  " << serverlink::stageToWire(s.stage) << "  terlambat "
            << QString::number(s.overdueDays, 'f', 1) << " hari\n";
    out << "\nIKM (PermenPAN-RB 14/2017): " << ikm.value().respondents << " responden";
    if (ikm.value().respondents > 0)
        out << ", IKM " << ikm::formatHundredths(ikm.value().ikm) << ", mutu " << ikm.value().category;
    out << '\n';
    out.flush();
    if (args.isSet(QStringLiteral("csv"))) {
        QString prefix = args.value(QStringLiteral("csv"));
        if (prefix.endsWith(QLatin1String(".csv")))
            prefix.chop(4);
        for (const auto &[name, bytes] : {std::pair {QStringLiteral("tahap"), Monitoring::stageCsv(stages.value())},
                 std::pair {QStringLiteral("waktu"), Monitoring::turnaroundCsv(turnaround.value())},
                 std::pair {QStringLiteral("sla"), Monitoring::slaCsv(breaches.value())},
                 std::pair {QStringLiteral("ikm"), Monitoring::ikmCsv(ikm.value())}}) {
            QSaveFile f(QStringLiteral("%1-%2.csv").arg(prefix, name));
            if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
                return fail(QStringLiteral("%1 tidak dapat ditulis.").arg(f.fileName()));
            out << f.fileName() << '\n';
        }
    }
    return 0;
}

} // namespace backend::cli
