// BackendStore members for officers, leave/delegation, console sessions and login throttling.
#include "backendstore_p.h"

namespace backend {

using namespace detail;

namespace {

const QString kOfficerColumns
    = QStringLiteral("id, username, display_name, role, office, password_hash, failed_logins, locked_until, active, created_at, phone");
const QString kDelegationColumns
    = QStringLiteral("id, officer_id, delegate_id, starts, ends, reason, created_by, created_at, cancelled_at");

OfficerRecord readOfficer(const QSqlQuery &q)
{
    OfficerRecord o;
    o.id = q.value(0).toLongLong();
    o.username = q.value(1).toString();
    o.displayName = q.value(2).toString();
    o.role = roleFromWire(q.value(3).toString()).value_or(Role::DesaFrontOffice);
    o.office = q.value(4).toString();
    o.passwordHash = q.value(5).toString();
    o.failedLogins = q.value(6).toInt();
    o.lockedUntil = parseTimestamp(q.value(7));
    o.active = q.value(8).toInt() != 0;
    o.createdAt = parseTimestamp(q.value(9));
    o.phone = q.value(10).toString();
    return o;
}

DelegationRecord readDelegation(const QSqlQuery &q)
{
    return DelegationRecord {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
        QDate::fromString(q.value(3).toString(), Qt::ISODate), QDate::fromString(q.value(4).toString(), Qt::ISODate), q.value(5).toString(),
        q.value(6).toString(), parseTimestamp(q.value(7)), parseTimestamp(q.value(8))};
}

/// Inserts a row whose id is the next free one, in a write transaction of its own.
Result<qint64> insertInOwnTransaction(
    const Result<QSqlDatabase> &conn, const QString &table, const QString &insertSql, const QVariantList &values)
{
    return inWriteTransaction(conn, [&](QSqlDatabase &db) { return insertWithNextId(db, table, insertSql, values); });
}

} // namespace

Result<qint64> BackendStore::insertOfficer(const OfficerRecord &o)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    if (auto existing = officerByUsername(o.username); existing)
        return Error {ErrorCode::RegistrationTaken, QStringLiteral("Nama pengguna '%1' sudah dipakai. Pilih nama lain.").arg(o.username)};
    return insertInOwnTransaction(conn, QStringLiteral("officers"),
        QStringLiteral("INSERT INTO officers (%1) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?)").arg(kOfficerColumns),
        {o.username, o.displayName, roleToWire(o.role), o.office, o.passwordHash, o.active ? 1 : 0,
            timestamp(o.createdAt.isValid() ? o.createdAt : QDateTime::currentDateTimeUtc()), textOrNull(o.phone)});
}

Result<OfficerRecord> BackendStore::officer(qint64 id)
{
    return readExisting<OfficerRecord>(connection(), QStringLiteral("SELECT %1 FROM officers WHERE id = ?").arg(kOfficerColumns), {id},
        QStringLiteral("membaca petugas"), QStringLiteral("Petugas tidak ditemukan."), readOfficer);
}

Result<OfficerRecord> BackendStore::officerByUsername(const QString &username)
{
    return readExisting<OfficerRecord>(connection(), QStringLiteral("SELECT %1 FROM officers WHERE username = ?").arg(kOfficerColumns),
        {username}, QStringLiteral("membaca petugas"), QStringLiteral("Petugas '%1' tidak ditemukan.").arg(username), readOfficer);
}

Result<QList<OfficerRecord>> BackendStore::officers()
{
    return readAll<OfficerRecord>(connection(),
        QStringLiteral("SELECT %1 FROM officers ORDER BY office, role, username").arg(kOfficerColumns),
        QStringLiteral("membaca daftar petugas"), readOfficer);
}

Status BackendStore::updateOfficer(const OfficerRecord &o)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE officers SET display_name = ?, role = ?, office = ?, active = ?, phone = ? WHERE id = ?"));
    for (const QVariant &v : QVariantList {o.displayName, roleToWire(o.role), o.office, o.active ? 1 : 0, textOrNull(o.phone), o.id})
        q.addBindValue(v);
    if (!q.exec())
        return databaseError(QStringLiteral("memperbarui petugas"), q.lastError());
    if (q.numRowsAffected() != 1)
        return Error {ErrorCode::NotFound, QStringLiteral("Petugas tidak ditemukan.")};
    return Done {};
}

Status BackendStore::setOfficerPassword(qint64 id, const QString &passwordHash)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE officers SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?"));
    q.addBindValue(passwordHash);
    q.addBindValue(id);
    if (!q.exec())
        return databaseError(QStringLiteral("menyimpan kata sandi"), q.lastError());
    if (q.numRowsAffected() != 1)
        return Error {ErrorCode::NotFound, QStringLiteral("Petugas tidak ditemukan.")};
    return Done {};
}

Result<OfficerRecord> BackendStore::recordLoginAttempt(qint64 id, bool success, const QDateTime &now)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    if (success) {
        q.prepare(QStringLiteral("UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE id = ?"));
        q.addBindValue(id);
    } else {
        // One statement counts up, so concurrent failures are never lost; the lock follows below.
        q.prepare(QStringLiteral("UPDATE officers SET failed_logins = failed_logins + 1 WHERE id = ?"));
        q.addBindValue(id);
    }
    if (!q.exec())
        return databaseError(QStringLiteral("mencatat percobaan masuk"), q.lastError());
    q.finish();
    auto updated = officer(id);
    if (!updated || success)
        return updated;
    const int delay = lockout::delaySeconds(updated.value().failedLogins);
    if (delay == 0)
        return updated;
    QSqlQuery lock(conn.value());
    lock.prepare(QStringLiteral("UPDATE officers SET locked_until = ? WHERE id = ?"));
    lock.addBindValue(timestamp(now.addSecs(delay)));
    lock.addBindValue(id);
    if (!lock.exec())
        return databaseError(QStringLiteral("mengunci akun"), lock.lastError());
    lock.finish();
    return officer(id);
}

Result<std::optional<QDateTime>> BackendStore::claimReauthentication(qint64 id, const QDateTime &now)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<std::optional<QDateTime>> {
        QSqlQuery read(db);
        read.prepare(QStringLiteral("SELECT failed_logins, locked_until FROM officers WHERE id = ?"));
        read.addBindValue(id);
        if (!read.exec())
            return databaseError(QStringLiteral("membaca percobaan masuk"), read.lastError());
        if (!read.next())
            return Error {ErrorCode::NotFound, QStringLiteral("Petugas tidak ditemukan.")};
        const int failures = read.value(0).toInt() + 1;
        const QDateTime lockedUntil = parseTimestamp(read.value(1));
        read.finish();
        if (lockedUntil.isValid() && lockedUntil > now)
            return std::optional<QDateTime>(lockedUntil);
        const int delay = lockout::delaySeconds(failures);
        QSqlQuery count(db);
        count.prepare(QStringLiteral("UPDATE officers SET failed_logins = ?, locked_until = ? WHERE id = ?"));
        count.addBindValue(failures);
        count.addBindValue(delay > 0 ? QVariant(timestamp(now.addSecs(delay))) : QVariant(QMetaType(QMetaType::QString)));
        count.addBindValue(id);
        if (!count.exec())
            return databaseError(QStringLiteral("mencatat percobaan masuk"), count.lastError());
        return std::optional<QDateTime>();
    });
}

Result<std::optional<QDateTime>> BackendStore::claimLoginAttempt(const QList<lockout::ThrottleKey> &keys, const QDateTime &now)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<std::optional<QDateTime>> {
        QList<int> failures; // within each key's window, before this attempt
        QDateTime lockedUntil;
        for (const lockout::ThrottleKey &k : keys) {
            QSqlQuery read(db);
            read.prepare(QStringLiteral("SELECT failures, last_failure, locked_until FROM login_throttle WHERE scope = ?"));
            read.addBindValue(k.key);
            if (!read.exec())
                return databaseError(QStringLiteral("membaca percobaan masuk"), read.lastError());
            const bool recent = read.next() && parseTimestamp(read.value(1)).secsTo(now) < k.rule.windowSeconds;
            failures.append(recent ? read.value(0).toInt() : 0);
            const QDateTime locked = recent ? parseTimestamp(read.value(2)) : QDateTime();
            if (locked.isValid() && locked > now && (!lockedUntil.isValid() || locked > lockedUntil))
                lockedUntil = locked;
        }
        if (lockedUntil.isValid())
            return std::optional<QDateTime>(lockedUntil);
        // The user's counter counts each address once: failures from one address alone never lock the account.
        bool newAddress = true;
        for (qsizetype i = 0; i < keys.size(); ++i)
            if (keys.at(i).rule.scope == lockout::Scope::UserAtSource)
                newAddress = failures.at(i) == 0;
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const lockout::ThrottleKey &k = keys.at(i);
            if (k.rule.scope == lockout::Scope::User && !newAddress)
                continue;
            const int counted = failures.at(i) + 1;
            const int delay = lockout::delaySeconds(counted, k.rule.freeFailures);
            QSqlQuery write(db);
            write.prepare(QStringLiteral("INSERT INTO login_throttle (scope, failures, last_failure, locked_until) VALUES (?, ?, ?, ?) "
                                         "ON CONFLICT (scope) DO UPDATE SET failures = excluded.failures, "
                                         "last_failure = excluded.last_failure, locked_until = excluded.locked_until"));
            write.addBindValue(k.key);
            write.addBindValue(counted);
            write.addBindValue(timestamp(now));
            write.addBindValue(delay > 0 ? QVariant(timestamp(now.addSecs(delay))) : QVariant(QMetaType(QMetaType::QString)));
            if (!write.exec())
                return databaseError(QStringLiteral("mencatat percobaan masuk"), write.lastError());
        }
        return std::optional<QDateTime>();
    });
}

Status BackendStore::refundLoginAttempt(const QList<lockout::ThrottleKey> &keys)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Status {
        for (const lockout::ThrottleKey &k : keys) {
            QSqlQuery q(db);
            if (k.rule.scope == lockout::Scope::UserAtSource) {
                q.prepare(QStringLiteral("DELETE FROM login_throttle WHERE scope = ?"));
                q.addBindValue(k.key);
            } else if (k.rule.scope == lockout::Scope::Source) {
                // The claim counted this attempt; a right password is no failure, but the address's earlier ones stand.
                q.prepare(QStringLiteral("UPDATE login_throttle SET failures = failures - 1, "
                                         "locked_until = CASE WHEN failures - 1 < ? THEN NULL ELSE locked_until END "
                                         "WHERE scope = ? AND failures > 0"));
                q.addBindValue(k.rule.freeFailures);
                q.addBindValue(k.key);
            } else {
                continue;
            }
            if (!q.exec())
                return databaseError(QStringLiteral("mencatat percobaan masuk"), q.lastError());
        }
        return Done {};
    });
}

Status BackendStore::clearLoginFailures(const QString &username)
{
    QString escaped = username;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    const auto deleted = select(connection(), QStringLiteral("DELETE FROM login_throttle WHERE scope = ? OR scope LIKE ? ESCAPE '\\'"),
        {QStringLiteral("user:") + username, QStringLiteral("user-at-source:%1@%").arg(escaped)},
        QStringLiteral("menghapus catatan percobaan masuk"));
    if (!deleted)
        return deleted.error();
    return Done {};
}

Result<qint64> BackendStore::insertDelegation(const DelegationRecord &d)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    return insertInOwnTransaction(conn, QStringLiteral("delegations"),
        QStringLiteral("INSERT INTO delegations (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)").arg(kDelegationColumns),
        {d.officerId, d.delegateId, d.starts.toString(Qt::ISODate), d.ends.toString(Qt::ISODate), d.reason, d.createdBy,
            timestamp(d.createdAt.isValid() ? d.createdAt : QDateTime::currentDateTimeUtc())});
}

Result<QList<DelegationRecord>> BackendStore::delegations()
{
    return readAll<DelegationRecord>(connection(), QStringLiteral("SELECT %1 FROM delegations ORDER BY starts, id").arg(kDelegationColumns),
        QStringLiteral("membaca daftar cuti"), readDelegation);
}

Status BackendStore::cancelDelegation(qint64 id, const QDateTime &at)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE delegations SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL"));
    q.addBindValue(timestamp(at));
    q.addBindValue(id);
    if (!q.exec())
        return databaseError(QStringLiteral("membatalkan cuti"), q.lastError());
    return Done {};
}

Status BackendStore::insertSession(const SessionRecord &s)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(
        QStringLiteral("INSERT INTO officer_sessions (id_hash, officer_id, csrf_token, created_at, last_seen) VALUES (?, ?, ?, ?, ?)"));
    for (const QVariant &v : QVariantList {s.idHash, s.officerId, s.csrfToken, timestamp(s.createdAt), timestamp(s.lastSeen)})
        q.addBindValue(v);
    if (!q.exec())
        return databaseError(QStringLiteral("menyimpan sesi"), q.lastError());
    return Done {};
}

Result<std::optional<SessionRecord>> BackendStore::session(const QString &idHash)
{
    return readOne<SessionRecord>(connection(),
        QStringLiteral("SELECT id_hash, officer_id, csrf_token, created_at, last_seen FROM officer_sessions WHERE id_hash = ?"), {idHash},
        QStringLiteral("membaca sesi"), [](const QSqlQuery &q) {
            return SessionRecord {q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toString(), parseTimestamp(q.value(3)),
                parseTimestamp(q.value(4))};
        });
}

Status BackendStore::touchSession(const QString &idHash, const QDateTime &at)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE officer_sessions SET last_seen = ? WHERE id_hash = ?"));
    q.addBindValue(timestamp(at));
    q.addBindValue(idHash);
    if (!q.exec())
        return databaseError(QStringLiteral("memperbarui sesi"), q.lastError());
    return Done {};
}

Status BackendStore::deleteSession(const QString &idHash)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("DELETE FROM officer_sessions WHERE id_hash = ?"));
    q.addBindValue(idHash);
    if (!q.exec())
        return databaseError(QStringLiteral("mengakhiri sesi"), q.lastError());
    return Done {};
}

Status BackendStore::deleteSessionsOf(qint64 officerId)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("DELETE FROM officer_sessions WHERE officer_id = ?"));
    q.addBindValue(officerId);
    if (!q.exec())
        return databaseError(QStringLiteral("mengakhiri sesi"), q.lastError());
    return Done {};
}

} // namespace backend
