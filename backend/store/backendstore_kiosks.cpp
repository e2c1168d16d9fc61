// BackendStore: the kiosk registry and one-time enrollment codes (schema version 4).
#include "backendstore_p.h"

namespace backend {

using namespace detail;

namespace {

const QString kKioskColumns
    = QStringLiteral("kiosk_id, desa_code, cert_serial, cert_fingerprint, cert_not_after, status, enrolled_at, revoked_at");

QVariant nullableStamp(const QDateTime &t)
{
    return t.isValid() ? QVariant(timestamp(t)) : QVariant(QMetaType(QMetaType::QString));
}

KioskRecord readKiosk(const QSqlQuery &q)
{
    return KioskRecord {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
        parseTimestamp(q.value(4)), q.value(5).toString(), parseTimestamp(q.value(6)), parseTimestamp(q.value(7))};
}

/// Insert-or-replace of one kiosk row, in portable SQL (PostgreSQL has ON CONFLICT too).
bool upsertKiosk(QSqlDatabase &db, const KioskRecord &k, QSqlError *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO kiosks (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                             " ON CONFLICT (kiosk_id) DO UPDATE SET desa_code = excluded.desa_code, cert_serial = excluded.cert_serial,"
                             " cert_fingerprint = excluded.cert_fingerprint, cert_not_after = excluded.cert_not_after,"
                             " status = excluded.status, enrolled_at = excluded.enrolled_at, revoked_at = excluded.revoked_at")
                  .arg(kKioskColumns));
    for (const QVariant &v : QVariantList {k.kioskId, k.desaCode, k.certSerial, k.certFingerprint, timestamp(k.certNotAfter), k.status,
             timestamp(k.enrolledAt), nullableStamp(k.revokedAt)})
        q.addBindValue(v);
    if (q.exec())
        return true;
    *error = q.lastError();
    return false;
}

} // namespace

Status BackendStore::insertEnrollmentCode(const EnrollmentCodeRecord &code)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("INSERT INTO enrollment_codes (code_hash, kiosk_id, desa_code, created_at, expires_at, used_at)"
                             " VALUES (?, ?, ?, ?, ?, NULL)"));
    for (const QVariant &v :
        QVariantList {code.codeHash, code.kioskId, code.desaCode, timestamp(code.createdAt), timestamp(code.expiresAt)})
        q.addBindValue(v);
    if (!q.exec())
        return databaseError(QStringLiteral("menyimpan kode pendaftaran"), q.lastError());
    return Done {};
}

Result<std::optional<EnrollmentCodeRecord>> BackendStore::enrollmentCode(const QString &codeHash)
{
    return readOne<EnrollmentCodeRecord>(connection(),
        QStringLiteral("SELECT code_hash, kiosk_id, desa_code, created_at, expires_at, used_at FROM enrollment_codes WHERE code_hash = ?"),
        {codeHash}, QStringLiteral("membaca kode pendaftaran"), [](const QSqlQuery &q) {
            return EnrollmentCodeRecord {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), parseTimestamp(q.value(3)),
                parseTimestamp(q.value(4)), parseTimestamp(q.value(5))};
        });
}

Result<EnrollmentOutcome> BackendStore::completeEnrollment(const QString &codeHash, const KioskRecord &kiosk, const QDateTime &now)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    if (!db.transaction())
        return databaseError(QStringLiteral("memulai transaksi"), db.lastError());
    // The conditional UPDATE is the single-use check: of two kiosks racing with one code, one wins.
    // It is also the transaction's first statement, so the write lock is taken before anything is read.
    QSqlQuery use(db);
    use.prepare(QStringLiteral("UPDATE enrollment_codes SET used_at = ?"
                               " WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? AND kiosk_id = ? AND desa_code = ?"));
    for (const QVariant &v : QVariantList {timestamp(now), codeHash, timestamp(now), kiosk.kioskId, kiosk.desaCode})
        use.addBindValue(v);
    if (!use.exec()) {
        const QSqlError e = use.lastError();
        db.rollback();
        return databaseError(QStringLiteral("memakai kode pendaftaran"), e);
    }
    if (use.numRowsAffected() != 1) {
        db.rollback();
        const auto code = enrollmentCode(codeHash);
        if (!code)
            return code.error();
        if (!code.value() || code.value()->kioskId != kiosk.kioskId || code.value()->desaCode != kiosk.desaCode)
            return EnrollmentOutcome::CodeUnknown;
        return code.value()->usedAt.isValid() ? EnrollmentOutcome::CodeUsed : EnrollmentOutcome::CodeExpired;
    }
    QSqlError error;
    if (!upsertKiosk(db, kiosk, &error)) {
        db.rollback();
        return databaseError(QStringLiteral("menyimpan anjungan"), error);
    }
    if (!db.commit()) {
        const QSqlError e = db.lastError();
        db.rollback();
        return databaseError(QStringLiteral("menyimpan pendaftaran"), e);
    }
    return EnrollmentOutcome::Enrolled;
}

Status BackendStore::saveKiosk(const KioskRecord &kiosk)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    QSqlError error;
    if (!upsertKiosk(db, kiosk, &error))
        return databaseError(QStringLiteral("menyimpan anjungan"), error);
    return Done {};
}

Result<std::optional<KioskRecord>> BackendStore::kiosk(const QString &kioskId)
{
    return readOne<KioskRecord>(connection(), QStringLiteral("SELECT %1 FROM kiosks WHERE kiosk_id = ?").arg(kKioskColumns), {kioskId},
        QStringLiteral("membaca anjungan"), readKiosk);
}

Result<QList<KioskRecord>> BackendStore::kiosks()
{
    return readAll<KioskRecord>(connection(), QStringLiteral("SELECT %1 FROM kiosks ORDER BY desa_code, kiosk_id").arg(kKioskColumns),
        QStringLiteral("membaca daftar anjungan"), readKiosk);
}

Result<bool> BackendStore::revokeKiosk(const QString &kioskId, const QDateTime &at)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE kiosks SET status = 'revoked', revoked_at = COALESCE(revoked_at, ?) WHERE kiosk_id = ?"));
    q.addBindValue(timestamp(at));
    q.addBindValue(kioskId);
    if (!q.exec())
        return databaseError(QStringLiteral("mencabut anjungan"), q.lastError());
    return q.numRowsAffected() > 0;
}

} // namespace backend
