#pragma once

#include "officers.h"
#include "offices.h"
#include "result.h"

#include <QDateTime>
#include <QString>

namespace backend {

class BackendStore;

/// The rules of officer accounts shared by the console and the CLI: username pattern, password policy, lockout.
namespace accounts {
/// Passwords guard signatures: at least this many characters.
inline constexpr int kMinPasswordLength = 10;
/// 3–32 characters of a–z, 0–9, '.', '_' or '-'.
[[nodiscard]] bool isValidUsername(const QString &username);
/// InvalidData when `password` is shorter than kMinPasswordLength.
[[nodiscard]] Status checkPassword(const QString &password);
/// Whether failed attempts lock the account at `now`.
[[nodiscard]] bool isLocked(const OfficerRecord &officer, const QDateTime &now);
/// "Akun dikunci sementara … Coba lagi dalam N detik." for a locked account.
[[nodiscard]] QString lockedMessage(const OfficerRecord &officer, const QDateTime &now);
/// The officer's password entered again before a step (docs/decisions/0005): refused while locked, and
/// every attempt counts toward the lockout, decided before the hash is computed. AuthenticationFailed with
/// the lock's sentence or `wrongMessage` (empty: the one for a signature).
[[nodiscard]] Status reauthenticate(
    BackendStore &store, qint64 officerId, const QString &password, const QDateTime &now, const QString &wrongMessage = {});
/// A console login as `username` from the IP address `source` (docs/decisions/0033): the counters of
/// lockout::loginKeys are claimed before the password hash is computed, an unknown user name costs the
/// same hash and gets the same answer as a wrong password. Throttled (with the wait) while a counter is
/// locked, AuthenticationFailed for a wrong name or password, Forbidden for a deactivated account whose
/// password was right.
[[nodiscard]] Result<OfficerRecord> login(
    BackendStore &store, const QString &username, const QString &password, const QString &source, const QDateTime &now);
/// The answer to a wrong user name or password.
[[nodiscard]] QString wrongLoginMessage();
} // namespace accounts

/// A new officer account as typed in the console's form or on the command line.
struct NewOfficer {
    QString username;
    QString displayName;
    QString role; // wire name, e.g. "kepala_desa"
    QString office; // desa code, kecamatan code; super admin always "*"
    QString phone; // as typed; empty for none
    QString password;
};

/// Checks a new account against the rules and returns the record to insert (password hashed, username
/// lower-cased); InvalidData, UnknownOffice or a phone error name what to correct.
[[nodiscard]] Result<OfficerRecord> prepareOfficer(const NewOfficer &input, const OfficeDirectory &offices);
/// An officer's phone as typed: empty (none), a valid number in +62… form, or InvalidData.
[[nodiscard]] Result<QString> officerPhone(const QString &typed);

} // namespace backend
