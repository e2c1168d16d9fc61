// BackendStore members for the front-office staff accounts of the kiosks (schema version 10).
#include "backendstore_p.h"

namespace backend {

using namespace detail;

namespace {

const QString kStaffColumns
    = QStringLiteral("id, desa_code, username, name, card_lookup, card_salt, card_verifier, pin_salt, pin_verifier, "
                     "iterations, allow_without_card, active, created_at, updated_at, role");

StaffAccountRecord readStaff(const QSqlQuery &q)
{
    StaffAccountRecord s;
    s.id = q.value(0).toLongLong();
    s.desaCode = q.value(1).toString();
    s.username = q.value(2).toString();
    s.name = q.value(3).toString();
    s.cardLookup = q.value(4).toString();
    s.cardSalt = QByteArray::fromBase64(q.value(5).toString().toLatin1());
    s.cardVerifier = QByteArray::fromBase64(q.value(6).toString().toLatin1());
    s.pinSalt = QByteArray::fromBase64(q.value(7).toString().toLatin1());
    s.pinVerifier = QByteArray::fromBase64(q.value(8).toString().toLatin1());
    s.iterations = q.value(9).toInt();
    s.allowWithoutCard = q.value(10).toInt() != 0;
    s.active = q.value(11).toInt() != 0;
    s.createdAt = parseTimestamp(q.value(12));
    s.updatedAt = parseTimestamp(q.value(13));
    s.role = q.value(14).toString();
    return s;
}

QString b64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

Result<qint64> BackendStore::insertStaffAccount(const StaffAccountRecord &s)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    if (staffAccount(s.username))
        return Error {ErrorCode::RegistrationTaken, QStringLiteral("Nama pengguna '%1' sudah dipakai. Pilih nama lain.").arg(s.username)};
    const QString now = timestamp(QDateTime::currentDateTimeUtc());
    return inWriteTransaction(conn, [&](QSqlDatabase &db) {
        return insertWithNextId(db, QStringLiteral("staff_accounts"),
            QStringLiteral("INSERT INTO staff_accounts (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").arg(kStaffColumns),
            {s.desaCode, s.username, s.name, s.cardLookup, b64(s.cardSalt), b64(s.cardVerifier), b64(s.pinSalt), b64(s.pinVerifier),
                s.iterations, s.allowWithoutCard ? 1 : 0, s.active ? 1 : 0, now, now, s.role});
    });
}

Result<StaffAccountRecord> BackendStore::staffAccount(const QString &username)
{
    return readExisting<StaffAccountRecord>(connection(),
        QStringLiteral("SELECT %1 FROM staff_accounts WHERE username = ?").arg(kStaffColumns), {username},
        QStringLiteral("membaca petugas loket"), QStringLiteral("Petugas loket '%1' tidak ditemukan.").arg(username), readStaff);
}

Result<QList<StaffAccountRecord>> BackendStore::staffAccounts(const QString &desaCode)
{
    if (desaCode.isEmpty())
        return readAll<StaffAccountRecord>(connection(),
            QStringLiteral("SELECT %1 FROM staff_accounts ORDER BY desa_code, username").arg(kStaffColumns),
            QStringLiteral("membaca daftar petugas loket"), readStaff);
    return readAll<StaffAccountRecord>(connection(),
        QStringLiteral("SELECT %1 FROM staff_accounts WHERE desa_code = ? ORDER BY username").arg(kStaffColumns),
        QStringLiteral("membaca daftar petugas loket"), readStaff, {desaCode});
}

Status BackendStore::updateStaffAccount(const StaffAccountRecord &s)
{
    auto q = select(connection(),
        QStringLiteral("UPDATE staff_accounts SET name = ?, card_lookup = ?, card_salt = ?, card_verifier = ?, pin_salt = ?, "
                       "pin_verifier = ?, iterations = ?, allow_without_card = ?, active = ?, updated_at = ? WHERE id = ?"),
        {s.name, s.cardLookup, b64(s.cardSalt), b64(s.cardVerifier), b64(s.pinSalt), b64(s.pinVerifier), s.iterations,
            s.allowWithoutCard ? 1 : 0, s.active ? 1 : 0, timestamp(QDateTime::currentDateTimeUtc()), s.id},
        QStringLiteral("memperbarui petugas loket"));
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1)
        return Error {ErrorCode::NotFound, QStringLiteral("Petugas loket tidak ditemukan.")};
    return Done {};
}

} // namespace backend
