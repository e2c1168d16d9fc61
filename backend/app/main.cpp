// kecamatan-backend: parses the command line, opens the backend and runs one command of the command table.
#include "commands.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <algorithm>
#include <sys/stat.h>

using namespace backend;

int main(int argc, char *argv[])
{
    // Everything the backend writes (database, letters, pages, keys, exports) is personal or secret: owner only.
    ::umask(077);
    // Letters are drawn with QPdfWriter, which needs a GUI application even on a headless server.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kecamatan-backend"));

    QCommandLineParser parser;
    cli::addOptions(parser);
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    const auto commands = cli::commands();
    const auto command = std::find_if(
        commands.begin(), commands.end(), [&](const cli::Command &c) { return positional.value(0) == QLatin1String(c.name); });
    if (command == commands.end() || positional.size() < command->minWords || positional.size() > command->maxWords)
        return cli::fail(QStringLiteral("Perintah tidak dikenal. Lihat --help."));
    const QString paperName = parser.value(QStringLiteral("paper")).toUpper();
    if (!paperName.isEmpty() && paperName != QLatin1String("F4") && paperName != QLatin1String("A4"))
        return cli::fail(QStringLiteral("--paper harus F4 atau A4."));
    cli::Context context {app, parser, positional};
    // kiosk-ca needs no data folder: the CA files are made before the first serve.
    std::unique_ptr<Backend> backend;
    if (command->needsData) {
        auto opened = openBackend(parser.value(QStringLiteral("data")), paperName == QLatin1String("A4") ? Paper::A4 : Paper::F4);
        if (!opened)
            return cli::fail(opened.error().message);
        backend = std::move(opened.value());
        context.backend = backend.get();
    }
    return command->run(context);
}
