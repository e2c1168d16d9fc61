#pragma once

#include "offices.h"
#include "result.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace backend {

/// The officer roles of DESIGN.md §8; each officer has exactly one, bound to one office.
enum class Role {
    DesaFrontOffice,
    SekretarisDesa,
    KepalaDesa,
    KecamatanFrontOffice,
    KasiPelayanan,
    Camat,
    AdminKecamatan,
    Teknisi, // keeps the kiosks of a kecamatan running: fleet page, alerts by SMS
    SuperAdmin,
};

/// Every role, in the order the console lists them.
[[nodiscard]] QList<Role> allRoles();
/// Stable name stored in the database and typed on the command line ("kepala_desa").
[[nodiscard]] QString roleToWire(Role role);
[[nodiscard]] std::optional<Role> roleFromWire(const QString &wire);
/// Name shown to officers ("Kepala Desa").
[[nodiscard]] QString roleLabel(Role role);
/// Desa roles are bound to a desa code (10 digits); the others to the kecamatan code (6 digits).
[[nodiscard]] bool isDesaRole(Role role);

/// A desa role needs a desa of the office table, a kecamatan role its kecamatan, super admin "*".
[[nodiscard]] Status checkOffice(Role role, const QString &office, const OfficeDirectory &offices);

/// One officer account. The password is only ever stored as a PBKDF2 string (crypto::hashSecret).
struct OfficerRecord {
    qint64 id = 0;
    QString username;
    QString displayName;
    Role role = Role::DesaFrontOffice;
    QString office; // desa code for desa roles, kecamatan code otherwise, "*" for super admin
    QString passwordHash;
    int failedLogins = 0;
    QDateTime lockedUntil; // null: not locked
    bool active = true;
    QDateTime createdAt;
    QString phone; // +62… (serverlink::normalizePhone) for SLA reminders; empty when none. PII: logs mask it.
};

/// Leave of an officer with the colleague who acts in their place (sekdes signs for the kades).
struct DelegationRecord {
    qint64 id = 0;
    qint64 officerId = 0;
    qint64 delegateId = 0;
    QDate starts;
    QDate ends; // inclusive
    QString reason;
    QString createdBy;
    QDateTime createdAt;
    QDateTime cancelledAt; // null while in force

    [[nodiscard]] bool coversDay(const QDate &day) const { return cancelledAt.isNull() && day >= starts && day <= ends; }
};

/// A console login: the cookie holds a random id, the database only its SHA-256.
struct SessionRecord {
    QString idHash; // hex
    qint64 officerId = 0;
    QString csrfToken;
    QDateTime createdAt;
    QDateTime lastSeen;
};

/// Login lockout policy: five free failures, then a delay that doubles with each further one.
namespace lockout {
inline constexpr int kFreeFailures = 5;
inline constexpr int kBaseDelaySeconds = 30;
inline constexpr int kMaxDelaySeconds = 3600;
/// Seconds an account stays locked after its `failures`-th consecutive failure (0 below the threshold).
[[nodiscard]] int delaySeconds(int failures, int freeFailures = kFreeFailures);

/// What one failed-login counter counts (docs/decisions/0033).
enum class Scope {
    Source, // every user name tried from one address: guessing and CPU from one place
    UserAtSource, // one user name from one address: the officer's own typing mistakes
    User, // one user name from anywhere, counting each address once: guessing from many places
};

/// One counter's policy: failures before the first delay, and how long a counter remembers failures.
struct ThrottleRule {
    Scope scope;
    int freeFailures;
    int windowSeconds;
};

/// The counters a console login passes, each keyed by its scope.
struct ThrottleKey {
    QString key;
    ThrottleRule rule;
};

/// The login counters, checked in this order before the password hash is computed.
[[nodiscard]] QList<ThrottleRule> loginRules();
/// The counters of a login as `username` from `source` (an IP address): one per rule of loginRules().
[[nodiscard]] QList<ThrottleKey> loginKeys(const QString &username, const QString &source);
} // namespace lockout

} // namespace backend
