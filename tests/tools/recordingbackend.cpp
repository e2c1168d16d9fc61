// recording-backend: the kiosk API of `kecamatan-backend serve` with the OpenAPI contract test's
// recorder installed (tests/tools/exchangerecorder.h). Test-only: the product has no way to record
// exchanges, which hold citizen data. Integration tests that spawn a real backend process use it.
//   recording-backend --record FILE --data DIR --listen HOST:PORT --cert F --key F --client-ca F [--client-ca-key F]
// Prints "LISTENING <port>" when it serves; stops on SIGTERM or SIGINT.
#include "apiserver.h"
#include "backend.h"
#include "exchangerecorder.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QTextStream>
#include <csignal>
#include <cstdio>
#include <pthread.h>
#include <thread>

using namespace backend;

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "recording-backend: " << message << '\n';
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    for (const char *name : {"record", "data", "listen", "cert", "key", "client-ca", "client-ca-key"})
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(name), QStringLiteral("VALUE")));
    parser.process(app);
    const QString dataDir = parser.value(QStringLiteral("data"));
    const QString listen = parser.value(QStringLiteral("listen"));
    const int colon = listen.lastIndexOf(QLatin1Char(':'));
    if (parser.value(QStringLiteral("record")).isEmpty() || dataDir.isEmpty() || colon <= 0)
        return fail(QStringLiteral("--record FILE, --data DIR and --listen HOST:PORT are required."));

    // The objects `kecamatan-backend serve` builds for its kiosk API, on the same data folder.
    auto opened = openBackend(dataDir);
    if (!opened)
        return fail(opened.error().message);
    Backend &b = *opened.value();

    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    ApiServer server(*b.store, b.catalog, *b.workflow, b.seals.get());
    server.setDocuments(b.documents.get());
    server.setExchangeObserver(testsupport::jsonlRecorder(parser.value(QStringLiteral("record"))));
    const auto port = server.start(listen.left(colon), quint16(listen.mid(colon + 1).toUInt()),
        TlsFiles {parser.value(QStringLiteral("cert")), parser.value(QStringLiteral("key")), parser.value(QStringLiteral("client-ca")),
            parser.value(QStringLiteral("client-ca-key"))});
    if (!port)
        return fail(port.error().message);
    std::thread signalWaiter([&app, stopSignals] {
        int signal = 0;
        sigwait(&stopSignals, &signal);
        QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
    });
    std::printf("LISTENING %u\n", unsigned(port.value()));
    std::fflush(stdout);
    const int code = app.exec();
    server.stop();
    signalWaiter.join();
    return code;
}
