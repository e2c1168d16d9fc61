#pragma once

#include "backend.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QString>
#include <QStringList>
#include <span>

namespace backend::cli {

/// What a subcommand gets: the parsed command line and, unless it needs no data folder, the opened backend.
struct Context {
    QGuiApplication &app;
    const QCommandLineParser &args;
    QStringList positional; // positional.at(0) is the command name
    Backend *backend = nullptr;
};

/// One subcommand of kecamatan-backend: its name, what follows it, and how many positional words it takes.
struct Command {
    const char *name;
    const char *usage;
    int minWords; // positional words including the command name
    int maxWords;
    int (*run)(Context &);
    bool needsData = true;
};

/// Every subcommand, in the order --help lists them.
[[nodiscard]] std::span<const Command> commands();
/// Declares every option of every subcommand on `parser`, with the help text built from the command table.
void addOptions(QCommandLineParser &parser);
/// Prints "kecamatan-backend: <message>" to stderr; returns the exit code 1.
int fail(const QString &message);

// The commands, defined in commands.cpp, servecommand.cpp, officercommands.cpp and staffcommands.cpp.
int serve(Context &c);
int report(Context &c);
int officer(Context &c);
int act(Context &c);
int staff(Context &c);
/// --staff-pin-iterations, or the default; -1 when given but not a whole number ≥ the minimum.
[[nodiscard]] int staffPinIterations(const QCommandLineParser &args);

} // namespace backend::cli
