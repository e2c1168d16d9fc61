// anjungan: the kiosk application. Builds every service once and hands them to QML.
#include "alsaaudiooutput.h"
#include "announcer.h"
#include "autopilot.h"
#include "camerascanner.h"
#include "catalogmodel.h"
#include "complaintbox.h"
#include "config.h"
#include "diagnostics.h"
#include "idlemonitor.h"
#include "keypad.h"
#include "kioskareas.h"
#include "livelink.h"
#include "outbox.h"
#include "pagesource.h"
#include "printer.h"
#include "printjobtracker.h"
#include "qmlsingletons.h"
#include "requestchanges.h"
#include "scanner.h"
#include "sealverifier.h"
#include "setupconfig.h"
#include "staffdirectory.h"
#include "stopsignals.h"
#include "store.h"
#include "syncservice.h"
#include "translations.h"
#include "trustcache.h"

#include <QCommandLineParser>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickWindow>
#include <QScreen>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtQml/qqml.h>
#include <QtQml/qqmlextensionplugin.h>

#include <systemd/sd-daemon.h>

Q_IMPORT_QML_PLUGIN(AnjunganDesaPlugin)

namespace {
constexpr auto kMainQml = "qrc:/AnjunganDesa/Main.qml";
constexpr auto kCallingDisplayQml = "qrc:/AnjunganDesa/CallingDisplay.qml";

// Instantiates every QML type of the UI module through the module import, as the app does;
// any QML warning counts as a failure. Used by --self-test and by the OS image's smoke test.
int selfTest(QQmlEngine &engine)
{
    int failures = 0, loaded = 0;
    QObject::connect(&engine, &QQmlEngine::warnings, [&failures](const QList<QQmlError> &warnings) {
        for (const QQmlError &w : warnings)
            qCritical().noquote() << "self-test: warning" << w.toString();
        failures += int(warnings.size());
    });
    QDirIterator it(QStringLiteral(":/AnjunganDesa"), {QStringLiteral("*.qml")}, QDir::Files);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString type = QFileInfo(file).completeBaseName();
        QFile source(file);
        source.open(QIODevice::ReadOnly);
        const bool singleton = source.readAll().contains("pragma Singleton");
        const QByteArray probe = singleton
            ? QStringLiteral("import QtQuick\nimport AnjunganDesa\nQtObject { property var probe: %1 }").arg(type).toUtf8()
            : QStringLiteral("import AnjunganDesa\n%1 {}").arg(type).toUtf8();
        QQmlComponent component(&engine);
        component.setData(probe, QUrl(QStringLiteral("qrc:/self-test/%1.qml").arg(type)));
        std::unique_ptr<QObject> object(component.create());
        if (!object) {
            ++failures;
            qCritical().noquote() << "self-test: FAILED" << type << component.errorString();
        } else {
            ++loaded;
        }
    }
    qInfo().noquote() << QStringLiteral("self-test: %1 QML files loaded, %2 failed").arg(loaded).arg(failures);
    return failures == 0 && loaded > 0 ? 0 : 1;
}

// The waiting room's calling display, full screen on screen `index`; null (logged) when there is no such screen.
std::unique_ptr<QQuickWindow> openCallingDisplay(QQmlEngine &engine, int index)
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    if (index < 0 || index >= screens.size()) {
        qWarning().noquote() << "calling display: no screen" << index << "(" << screens.size() << "screens connected)";
        return nullptr;
    }
    QQmlComponent component(&engine, QUrl(QString::fromLatin1(kCallingDisplayQml)));
    std::unique_ptr<QQuickWindow> window(qobject_cast<QQuickWindow *>(component.create()));
    if (!window) {
        qWarning().noquote() << "calling display:" << component.errorString();
        return nullptr;
    }
    window->setScreen(screens.at(index));
    window->setGeometry(screens.at(index)->geometry());
    window->showFullScreen();
    return window;
}

// A frozen GUI thread stops these pings, and systemd restarts the kiosk.
void startWatchdog(QObject *parent)
{
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0)
        return;
    auto *timer = new QTimer(parent);
    QObject::connect(timer, &QTimer::timeout, [] { sd_notify(0, "WATCHDOG=1"); });
    timer->start(int(usec / 2000));
}
} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_IM_MODULE", QByteArrayLiteral("qtvirtualkeyboard"));
    QGuiApplication app(argc, argv);
    // systemd stops the kiosk with SIGTERM: exit 0 through the normal shutdown, not eglfs's _exit(1).
    const kiosk::StopSignals stopSignals;
    QGuiApplication::setApplicationName(QStringLiteral("anjungan"));
    QGuiApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    // Technician mode shows the last 200 log lines, masked; journald still gets every message.
    kiosk::LogRing::install(200);

    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Anjungan Desa — anjungan mandiri kantor desa"));
    cli.addHelpOption();
    cli.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("Configuration file."), QStringLiteral("file"),
        QStringLiteral("/etc/anjungan/anjungan.conf"));
    const QCommandLineOption selfTestOption(QStringLiteral("self-test"), QStringLiteral("Load every QML file, then exit."));
    const QCommandLineOption autopilotOption(
        QStringLiteral("autopilot"), QStringLiteral("Run a scripted visit (JSON), then exit."), QStringLiteral("script"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Folder for autopilot screenshots and logs."),
        QStringLiteral("dir"), QStringLiteral("demo-out"));
    const QCommandLineOption displayOption(QStringLiteral("display"),
        QStringLiteral("Show the calling display on the second screen (or on [display] screen from the configuration)."));
    cli.addOptions({configOption, selfTestOption, autopilotOption, outOption, displayOption});
    cli.process(app);

    QTemporaryDir selfTestDir;
    std::optional<kiosk::KioskConfig> config;
    // Set while the unit is not enrolled: the first-boot screen runs instead of the citizen's screens.
    std::optional<kiosk::SetupPaths> setup;
    QString error;
    if (cli.isSet(selfTestOption)) {
        // The self-test needs no configuration: a throw-away store, no network, no devices.
        config = kiosk::KioskConfig {};
        config->kioskId = QStringLiteral("SELF-TEST");
        config->dataDir = selfTestDir.path();
    } else if (kiosk::SetupConfig::needed(cli.value(configOption))) {
        setup = kiosk::SetupConfig::paths(cli.value(configOption));
        config = kiosk::SetupConfig::provisional(*setup);
        QDir().mkpath(setup->dataDir);
        qInfo().noquote() << "not enrolled yet (" << cli.value(configOption) << "): showing the first-boot screen; data in"
                          << setup->dataDir << ", deployment CA" << setup->caFile;
    } else if (auto loaded = kiosk::KioskConfig::load(cli.value(configOption))) {
        config = loaded.value();
    } else {
        qCritical() << loaded.error();
        return 2;
    }

    kiosk::KioskStore store;
    const auto deviceKey = kiosk::loadOrCreateDeviceKey(config->deviceKeyPath(), config->formerDeviceKeyPath());
    if (const kiosk::Status opened = deviceKey ? store.open(config->databasePath()) : kiosk::Status(deviceKey.error()); !opened) {
        qCritical() << opened.error();
        return 2;
    }
    kiosk::OutboxRepository outbox(store, *deviceKey);
    kiosk::CatalogModel catalog;
    if (const auto cached = store.cachedCatalog())
        catalog.loadJson(cached->second);
    const kiosk::StaffDirectory staff(store, *deviceKey);

    // Every ticket and letter is submitted and followed to its end on the tracker's own thread.
    devices::PrintJobTracker printTracker(1000, config->printStallTimeoutSeconds * 1000);
    std::vector<std::unique_ptr<devices::Scanner>> scanners;
    if (!cli.isSet(selfTestOption) && !setup) {
        for (const auto &[role, uri] :
            {std::pair {QStringLiteral("ticket"), config->ticketPrinter}, {QStringLiteral("letter"), config->letterPrinter}}) {
            if (auto printer = devices::createPrinter(uri, config->cupsServer, &error))
                printTracker.addPrinter(role, std::move(printer));
            else
                qWarning().noquote() << role << "printer:" << error;
        }
        printTracker.start();
    }

    // The SQ1 trust list is checked against the root key pinned in the configuration.
    std::unique_ptr<kiosk::TrustCache> trust;
    std::unique_ptr<kiosk::SealVerifier> sealVerifier;
    if (!config->sealRootPublicKey.isEmpty()) {
        const auto root = kiosk::TrustCache::loadRootKey(config->sealRootPublicKey);
        if (root) {
            trust = std::make_unique<kiosk::TrustCache>(store, root.value());
            sealVerifier = std::make_unique<kiosk::SealVerifier>(*trust, config->maxTrustAgeDays);
        } else {
            qWarning().noquote() << "seal root key:" << root.error();
        }
    }

    kiosk::IdleMonitor idle(config->idleWarnSeconds * 1000, config->idleWipeSeconds * 1000);
    idle.setStaffTimeout(config->staffIdleMinutes * 60 * 1000);
    idle.watchApplication();
    serverlink::LinkOptions liveOptions;
    liveOptions.proxy = config->proxy;
    kiosk::LiveLink live(config->serverUrl, {config->caFile, config->clientCert, config->clientKey}, liveOptions);
    kiosk::RequestChanges changes(store, *deviceKey);
    kiosk::ComplaintBox complaints(store, *deviceKey);
    kiosk::KioskAreas areas({outbox, catalog, staff, idle, printTracker, config->officeName, sealVerifier.get(),
        {config->counters, config->noShowRequeueMinutes}, &live, config->officeHours, config->holidays, &changes, &complaints,
        {config->kioskId, config->dataDir, cli.value(configOption), QStringLiteral(PROJECT_VERSION), kiosk::runningImageVersion(),
            config->serverUrl, config->clientCert, config->technicianExportDir, config->caFile, config->clientKey, config->proxy,
            config->technicianStickSpool}});
    // Each area reaches QML as its own singleton (ui/qmlsingletons.h), owned here.
    kiosk::qml::Areas::areas = &areas;
    kiosk::qml::Areas::idle = &idle;
    if (setup)
        areas.firstBoot.begin(*setup, kiosk::SetupConfig::configuredServerUrl(cli.value(configOption)));
    // Enrolled (first boot, or again from technician mode): systemd (Restart=always) starts the kiosk again, now with
    // the configuration the screen wrote.
    QObject::connect(&areas.firstBoot, &kiosk::FirstBootSetup::finished, &app, [] {
        qInfo() << "enrolled: restarting to serve with the new configuration";
        QCoreApplication::exit(0);
    });

    // Each loket's numeric keypad calls for that loket ([queue] keypadN).
    std::vector<std::unique_ptr<devices::Keypad>> keypads;
    for (auto it = config->keypads.cbegin(); it != config->keypads.cend(); ++it) {
        QString error;
        auto keypad = devices::createKeypad(it.value(), &error);
        if (!keypad || !keypad->start()) {
            qWarning().noquote() << "keypad" << it.value() << ":" << (keypad ? keypad->lastError() : error);
            continue;
        }
        QObject::connect(keypad.get(), &devices::Keypad::pressed, &areas.queueDesk,
            [&areas, loket = it.key()](devices::Keypad::Action action) { areas.queueDesk.keypad(loket, action); });
        keypads.push_back(std::move(keypad));
    }

    QQmlApplicationEngine engine;
    kiosk::Translations translations(engine);
    areas.flow.setLanguageApplier([&translations](const QString &language) { translations.apply(language); });
    // The UI module's qmldir lives at qrc:/AnjunganDesa/ (Qt 6.4's default resource prefix).
    engine.addImportPath(QStringLiteral("qrc:/"));
    if (cli.isSet(selfTestOption))
        return selfTest(engine);

    for (const QString &uri : config->scanners) {
        auto scanner = devices::createScanner(uri.trimmed(), &error);
        if (!scanner || !scanner->start()) {
            qWarning().noquote() << "scanner" << uri << ":" << (scanner ? scanner->lastError() : error);
            continue;
        }
        QObject::connect(scanner.get(), &devices::Scanner::scanned, &areas,
            [&areas, s = scanner.get()](const QString &payload) { areas.handleScanFrom(s->uri(), payload); });
        // Staff and technicians see every scanner's state on the staff screen.
        const auto report = [&areas, s = scanner.get()] {
            areas.devices.setDeviceState(QStringLiteral("Pemindai %1").arg(s->uri()), s->describeState());
        };
        QObject::connect(scanner.get(), &devices::Scanner::stateChanged, &areas.devices, report);
        report();
        // Technician mode's Perangkat panel shows the (first) camera scanner's picture.
        if (auto *camera = qobject_cast<devices::CameraScanner *>(scanner.get()); camera && !areas.cameraPreview.available())
            areas.cameraPreview.setCamera(camera);
        scanners.push_back(std::move(scanner));
    }

    // Requirement documents are photographed (camera:N, file:DIR) or scanned (sane:DEVICE) after the form.
    std::unique_ptr<devices::PageSource> documentSource;
    if (!config->documentSource.isEmpty()) {
        documentSource = devices::createPageSource(config->documentSource, &error);
        if (documentSource)
            areas.documents.setSource(documentSource.get());
        else
            qWarning().noquote() << "documents:" << error;
    }

    QThread syncThread;
    syncThread.setObjectName(QStringLiteral("sync"));
    kiosk::SyncSettings syncSettings;
    syncSettings.intervalMs = config->syncIntervalMs;
    syncSettings.heartbeatIntervalMs = config->heartbeatIntervalMs;
    syncSettings.appVersion = QStringLiteral(PROJECT_VERSION);
    syncSettings.imageVersion = kiosk::runningImageVersion();
    syncSettings.dataDir = config->dataDir;
    syncSettings.link.proxy = config->proxy;
    syncSettings.link.maxParallel = config->maxParallel;
    syncSettings.renewBeforeDays = config->renewBeforeDays;
    auto *sync = new kiosk::SyncService(
        store, *deviceKey, config->serverUrl, {config->caFile, config->clientCert, config->clientKey}, config->lettersDir(), syncSettings);
    sync->setTrustCache(trust.get());
    // The heartbeat reports device health as the kiosk knows it; the sync thread reads the scanners live.
    QList<const devices::Scanner *> liveScanners;
    for (const auto &scanner : scanners)
        liveScanners.append(scanner.get());
    sync->setScanners(liveScanners);
    // A scanner plugged or unplugged is reported at once, not at the next periodic heartbeat.
    for (const auto &scanner : scanners)
        QObject::connect(scanner.get(), &devices::Scanner::stateChanged, sync, &kiosk::SyncService::deviceStateChanged);
    // Each printer's raw reasons too: paper low is reported even when a worse word hides it.
    sync->setPrintTracker(&printTracker);
    QObject::connect(&printTracker, &devices::PrintJobTracker::printerReasonsChanged, sync, &kiosk::SyncService::deviceStateChanged);
    QObject::connect(&printTracker, &devices::PrintJobTracker::printerStateChanged, sync,
        [sync](const QString &role, devices::DeviceState state, const QString &) {
            kiosk::DeviceHealth health = sync->deviceHealth();
            if (role == QLatin1String("ticket")) {
                health.printer = kiosk::printerHealth(state);
                health.paper = kiosk::paperHealth(state);
            } else {
                health.letterPrinter = kiosk::printerHealth(state);
            }
            sync->setDeviceHealth(health);
        });

    sync->moveToThread(&syncThread);
    QObject::connect(&syncThread, &QThread::started, sync, &kiosk::SyncService::start);
    QObject::connect(&syncThread, &QThread::finished, sync, &QObject::deleteLater);
    QObject::connect(&areas.sync, &kiosk::SyncStatus::deliveryWanted, sync, &kiosk::SyncService::syncNow, Qt::QueuedConnection);
    QObject::connect(sync, &kiosk::SyncService::synced, &areas.sync, &kiosk::SyncStatus::handleSynced);
    QObject::connect(sync, &kiosk::SyncService::catalogUpdated, &areas.request, &kiosk::LetterRequest::handleCatalog);
    // A unit being set up has no backend to talk to yet.
    if (!setup)
        syncThread.start();

    // Personal data leaves the kiosk `purgeDays` after the request ended for the citizen (the consent screen says so).
    const auto purge = [&outbox, days = config->purgeDays] {
        if (const auto sealed = outbox.sealClearNotes(); !sealed)
            qWarning() << "sealing notes:" << sealed.error();
        if (const auto purged = outbox.purgePersonalData(days); !purged)
            qWarning() << "purge:" << purged.error();
        else if (purged.value() > 0)
            qInfo().noquote() << "purged the personal data of" << purged.value() << "finished requests";
    };
    QTimer purgeTimer;
    QObject::connect(&purgeTimer, &QTimer::timeout, purge);
    purgeTimer.start(std::chrono::hours(1));
    purge();

    engine.load(QUrl(QString::fromLatin1(kMainQml)));
    if (engine.rootObjects().isEmpty()) {
        sync->abortNetwork();
        syncThread.quit();
        syncThread.wait();
        return 1;
    }
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());

    // The calling display and the voice follow the board; the queue feeds the board (CallBoard::showCall).
    std::unique_ptr<QQuickWindow> callingDisplay;
    if (const int screen = config->displayScreen >= 0 ? config->displayScreen : (cli.isSet(displayOption) ? 1 : -1); screen >= 0)
        callingDisplay = openCallingDisplay(engine, screen);
    std::unique_ptr<kiosk::AlsaAudioOutput> speaker;
    std::unique_ptr<kiosk::Announcer> announcer;
    if (config->voiceEnabled) {
        speaker = std::make_unique<kiosk::AlsaAudioOutput>(config->voiceDevice);
        kiosk::VoiceSettings voice;
        voice.rate = config->voiceRate;
        voice.volume = config->voiceVolume;
        announcer = std::make_unique<kiosk::Announcer>(*speaker, voice);
        QObject::connect(&areas.board, &kiosk::CallBoard::callShown, announcer.get(), &kiosk::Announcer::announce);
    }

    std::unique_ptr<kiosk::Autopilot> autopilot;
    if (cli.isSet(autopilotOption)) {
        autopilot = std::make_unique<kiosk::Autopilot>(areas.byName(), window, cli.value(autopilotOption), cli.value(outOption));
        QObject::connect(autopilot.get(), &kiosk::Autopilot::finished, &app, &QCoreApplication::exit);
        autopilot->start();
    }

    sd_notify(0, "READY=1");
    startWatchdog(&app);
    const int rc = app.exec();
    sd_notify(0, "STOPPING=1");
    // A request in flight ends now instead of holding the exit for up to its 30 s timeout.
    sync->abortNetwork();
    syncThread.quit();
    syncThread.wait();
    return rc;
}
