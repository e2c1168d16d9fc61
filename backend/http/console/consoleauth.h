#pragma once

#include "officers.h"

#include <QString>
#include <optional>

namespace backend {

class BackendStore;
class ConsoleServer;

/// Adds the console's login form (GET and POST /masuk, with a double-submit CSRF cookie) and logout
/// (POST /keluar) to `console`.
void addAuthPages(ConsoleServer &console, BackendStore &store);

/// Re-authentication before signing: the officer's own password entered again (docs/decisions/0005).
/// Failures count toward the lockout. Returns the refusal to show, or nullopt when the passphrase is right.
[[nodiscard]] std::optional<QString> checkSigningPassphrase(BackendStore &store, const OfficerRecord &officer, const QString &passphrase);

} // namespace backend
