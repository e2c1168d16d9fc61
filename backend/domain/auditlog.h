#pragma once

#include "result.h"

#include <QList>
#include <QString>

namespace backend {

class BackendStore;

/// The audit log's vocabulary and its one writer for officer administration (docs/decisions/0033).
namespace audit {

/// Who did it and from where: the officer's username and the browser's address, or the command line's.
struct Actor {
    QString name;
    QString source;
};

/// One kind of entry: the action as stored and the sentence the console shows for it.
struct ActionLabel {
    const char *action;
    const char *label;
};

/// Every action the log knows, in the order the console's filter lists them.
[[nodiscard]] QList<ActionLabel> actions();
/// The label of `action`; the action itself when it is unknown.
[[nodiscard]] QString actionLabel(const QString &action);
/// The actor of a command-line run: "cli:<system user>" from "lokal".
[[nodiscard]] Actor commandLine();
/// Appends one entry. The action has already happened, so a failure is logged as well as returned.
Status record(BackendStore &store, const Actor &actor, const QString &action, const QString &subject, const QString &detail = {});

} // namespace audit

} // namespace backend
