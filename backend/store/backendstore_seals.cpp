// BackendStore: office signing keys, letter seals and their revocation, the signed lists served to kiosks.
#include "backendstore.h"

#include "backendstore_p.h"

#include <QSqlError>
#include <QSqlQuery>

namespace backend {

using namespace detail;

const QString detail::kSealColumns = QStringLiteral("registration_number, office, serial, key_id, issued, seal_text, document_hash,"
                                                    " canonical_text, revoked_at, revoke_reason");

SealRecord detail::readSeal(const QSqlQuery &q)
{
    return SealRecord {q.value(0).toString(), q.value(1).toString(), quint32(q.value(2).toLongLong()), q.value(3).toString(),
        QDate::fromString(q.value(4).toString(), Qt::ISODate), q.value(5).toString(), q.value(6).toString(), q.value(7).toString(),
        q.value(8).isNull() ? QDateTime() : parseTimestamp(q.value(8)), q.value(9).toString()};
}

Status BackendStore::insertSigningKey(const SigningKeyRecord &k)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("INSERT INTO signing_keys (key_id, office, office_name, signer, spki, key_file, valid_from, valid_until,"
                             " status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : QVariantList {k.keyId, k.office, k.officeName, k.signer, QString::fromLatin1(k.spki.toBase64()), k.keyFile,
             k.validFrom.toString(Qt::ISODate),
             k.validUntil.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(k.validUntil.toString(Qt::ISODate)), k.status,
             timestamp(k.createdAt)})
        q.addBindValue(v);
    if (!q.exec())
        return databaseError(QStringLiteral("menyimpan kunci penandatangan"), q.lastError());
    return Done {};
}

Result<QList<SigningKeyRecord>> BackendStore::signingKeys()
{
    return readAll<SigningKeyRecord>(connection(),
        QStringLiteral("SELECT key_id, office, office_name, signer, spki, key_file, valid_from, valid_until, status, created_at,"
                       " revoked_at, revoke_reason FROM signing_keys ORDER BY created_at, key_id"),
        QStringLiteral("membaca kunci penandatangan"), [](const QSqlQuery &q) {
            return SigningKeyRecord {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                QByteArray::fromBase64(q.value(4).toByteArray()), q.value(5).toString(),
                QDate::fromString(q.value(6).toString(), Qt::ISODate), QDate::fromString(q.value(7).toString(), Qt::ISODate),
                q.value(8).toString(), parseTimestamp(q.value(9)), q.value(10).isNull() ? QDateTime() : parseTimestamp(q.value(10)),
                q.value(11).toString()};
        });
}

Status BackendStore::revokeSigningKey(const QString &keyId, const QString &reason, const QDateTime &at)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE signing_keys SET status = 'revoked', revoked_at = ?, revoke_reason = ?,"
                             " valid_until = COALESCE(valid_until, ?) WHERE key_id = ? AND status <> 'revoked'"));
    q.addBindValue(timestamp(at));
    q.addBindValue(reason);
    q.addBindValue(at.toUTC().date().toString(Qt::ISODate));
    q.addBindValue(keyId);
    if (!q.exec())
        return databaseError(QStringLiteral("mencabut kunci penandatangan"), q.lastError());
    if (q.numRowsAffected() != 1)
        return Error {ErrorCode::NotFound, QStringLiteral("Kunci penandatangan %1 tidak ada atau sudah dicabut.").arg(keyId.left(16))};
    return Done {};
}

Status BackendStore::updateSigningKey(const QString &keyId, const QDate &validUntil, const QString &status)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE signing_keys SET valid_until = ?, status = ? WHERE key_id = ?"));
    q.addBindValue(validUntil.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(validUntil.toString(Qt::ISODate)));
    q.addBindValue(status);
    q.addBindValue(keyId);
    if (!q.exec())
        return databaseError(QStringLiteral("memperbarui kunci penandatangan"), q.lastError());
    if (q.numRowsAffected() != 1)
        return Error {ErrorCode::NotFound, QStringLiteral("Kunci penandatangan %1 tidak ditemukan.").arg(keyId)};
    return Done {};
}

Result<bool> BackendStore::serialTaken(const QString &office, quint32 serial)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("SELECT 1 FROM seals WHERE office = ? AND serial = ?"));
    q.addBindValue(office);
    q.addBindValue(qint64(serial));
    if (!q.exec())
        return databaseError(QStringLiteral("memeriksa nomor seri segel"), q.lastError());
    return q.next();
}

Result<SealRecord> BackendStore::seal(const QString &registrationNumber)
{
    return readExisting<SealRecord>(connection(), QStringLiteral("SELECT %1 FROM seals WHERE registration_number = ?").arg(kSealColumns),
        {registrationNumber}, QStringLiteral("membaca segel"),
        QStringLiteral("Permohonan %1 belum memiliki surat bersegel.").arg(registrationNumber), readSeal);
}

Result<SealRecord> BackendStore::revokeSeal(const QString &registrationNumber, const QString &reason)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE seals SET revoked_at = ?, revoke_reason = ? WHERE registration_number = ? AND revoked_at IS NULL"));
    q.addBindValue(timestamp(QDateTime::currentDateTimeUtc()));
    q.addBindValue(reason);
    q.addBindValue(registrationNumber);
    if (!q.exec())
        return databaseError(QStringLiteral("mencabut surat"), q.lastError());
    q.finish();
    return seal(registrationNumber);
}

Result<QList<SealRecord>> BackendStore::revokedSeals()
{
    return readAll<SealRecord>(connection(),
        QStringLiteral("SELECT %1 FROM seals WHERE revoked_at IS NOT NULL ORDER BY office, serial").arg(kSealColumns),
        QStringLiteral("membaca surat yang dicabut"), readSeal);
}

Result<std::optional<SignedListRecord>> BackendStore::signedList(const QString &name)
{
    return readOne<SignedListRecord>(connection(),
        QStringLiteral("SELECT name, sequence, issued_at, content_sha256, envelope FROM signed_lists WHERE name = ?"), {name},
        QStringLiteral("membaca daftar bertanda tangan"), [](const QSqlQuery &q) {
            return SignedListRecord {q.value(0).toString(), quint64(q.value(1).toLongLong()), parseTimestamp(q.value(2)),
                q.value(3).toString(), q.value(4).toByteArray()};
        });
}

Status BackendStore::saveSignedList(const SignedListRecord &list)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("INSERT INTO signed_lists (name, sequence, issued_at, content_sha256, envelope) VALUES (?, ?, ?, ?, ?)"
                             " ON CONFLICT (name) DO UPDATE SET sequence = excluded.sequence, issued_at = excluded.issued_at,"
                             " content_sha256 = excluded.content_sha256, envelope = excluded.envelope"));
    for (const QVariant &v :
        QVariantList {list.name, qint64(list.sequence), timestamp(list.issuedAt), list.contentSha256, QString::fromUtf8(list.envelope)})
        q.addBindValue(v);
    if (!q.exec())
        return databaseError(QStringLiteral("menyimpan daftar bertanda tangan"), q.lastError());
    return Done {};
}

} // namespace backend
