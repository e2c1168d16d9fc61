// BackendStore: complaints (pengaduan) filed at kiosks and their follow-up.
#include "backendstore.h"
#include "backendstore_p.h"

#include <QSqlQuery>

namespace backend {

using namespace detail;

namespace {

const QString kComplaintColumns = QStringLiteral("number, kiosk_id, desa_code, category, text, nik, phone, token_sha256, filed_at,"
                                                 " received_at, status, answer, answered_at, updated_by, updated_at");

ComplaintRecord readComplaint(const QSqlQuery &q)
{
    ComplaintRecord c;
    c.number = q.value(0).toString();
    c.kioskId = q.value(1).toString();
    c.desaCode = q.value(2).toString();
    c.category = q.value(3).toString();
    c.text = q.value(4).toString();
    c.nik = q.value(5).toString();
    c.phone = q.value(6).toString();
    c.tokenSha256 = q.value(7).toString();
    c.filedAt = parseTimestamp(q.value(8));
    c.receivedAt = parseTimestamp(q.value(9));
    c.status = serverlink::complaintStatusFromWire(q.value(10).toString()).value_or(serverlink::ComplaintStatus::New);
    c.answer = q.value(11).toString();
    c.answeredAt = q.value(12).isNull() ? QDateTime() : parseTimestamp(q.value(12));
    c.updatedBy = q.value(13).toString();
    c.updatedAt = parseTimestamp(q.value(14));
    return c;
}

std::optional<ComplaintRecord> selectComplaint(QSqlDatabase &db, const QString &where, const QVariantList &binds, QSqlError *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM complaints WHERE %2").arg(kComplaintColumns, where));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!exec(q, error) || !q.next())
        return std::nullopt;
    ComplaintRecord c = readComplaint(q);
    q.finish();
    return c;
}

Error complaintNotFound(const QString &number)
{
    return {ErrorCode::NotFound, QStringLiteral("Pengaduan %1 tidak ditemukan.").arg(number)};
}

} // namespace

Result<std::pair<InsertOutcome, ComplaintRecord>> BackendStore::insertComplaint(
    const QString &kioskId, const QString &desaCode, const QString &bodySha256, const serverlink::ComplaintBody &complaint)
{
    using R = Result<std::pair<InsertOutcome, ComplaintRecord>>;
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> R {
        QSqlError err;
        QSqlQuery byKey(db);
        byKey.prepare(QStringLiteral("SELECT number, body_sha256 FROM complaints WHERE kiosk_id = ? AND idempotency_key = ?"));
        byKey.addBindValue(kioskId);
        byKey.addBindValue(complaint.id);
        if (!exec(byKey, &err))
            return databaseError(QStringLiteral("mencari kunci idempotensi pengaduan"), err);
        if (byKey.next()) {
            const QString number = byKey.value(0).toString();
            const QString sha = byKey.value(1).toString();
            byKey.finish();
            if (sha != bodySha256)
                return Error {ErrorCode::IdempotencyConflict, QStringLiteral("Kunci idempotensi ini sudah dipakai untuk pengaduan lain.")};
            const auto existing = selectComplaint(db, QStringLiteral("number = ?"), {number}, &err);
            if (!existing)
                return databaseError(QStringLiteral("membaca pengaduan"), err);
            return std::make_pair(InsertOutcome::Replayed, *existing);
        }
        byKey.finish();
        if (selectComplaint(db, QStringLiteral("number = ?"), {complaint.number}, &err))
            return Error {ErrorCode::RegistrationTaken, QStringLiteral("Nomor pengaduan %1 sudah dipakai.").arg(complaint.number)};
        if (err.isValid())
            return databaseError(QStringLiteral("mencari nomor pengaduan"), err);

        ComplaintRecord c;
        c.number = complaint.number;
        c.kioskId = kioskId;
        c.desaCode = desaCode;
        c.category = complaint.category;
        c.text = complaint.text;
        c.nik = complaint.nik;
        c.phone = complaint.phone;
        c.tokenSha256 = complaint.tokenSha256;
        c.filedAt = complaint.at.toUTC();
        c.receivedAt = QDateTime::currentDateTimeUtc();
        c.updatedAt = c.receivedAt;
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO complaints (number, kiosk_id, desa_code, idempotency_key, body_sha256, token_sha256,"
                                      " category, text, nik, phone, filed_at, received_at, status, answer, answered_at, updated_by,"
                                      " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', NULL, NULL, ?)"));
        for (const QVariant &v : QVariantList {c.number, kioskId, desaCode, complaint.id, bodySha256, c.tokenSha256, c.category, c.text,
                 textOrNull(c.nik), textOrNull(c.phone), timestamp(c.filedAt), timestamp(c.receivedAt),
                 serverlink::complaintStatusToWire(c.status), timestamp(c.updatedAt)})
            insert.addBindValue(v);
        if (!exec(insert, &err))
            return databaseError(QStringLiteral("menyimpan pengaduan"), err);
        return std::make_pair(InsertOutcome::Created, c);
    });
}

Result<ComplaintRecord> BackendStore::complaint(const QString &number)
{
    const auto found
        = readOne<ComplaintRecord>(connection(), QStringLiteral("SELECT %1 FROM complaints WHERE number = ?").arg(kComplaintColumns),
            {number}, QStringLiteral("membaca pengaduan"), readComplaint);
    if (!found)
        return found.error();
    if (!found.value())
        return complaintNotFound(number);
    return *found.value();
}

Result<QList<ComplaintRecord>> BackendStore::complaints()
{
    return readAll<ComplaintRecord>(connection(),
        QStringLiteral("SELECT %1 FROM complaints ORDER BY filed_at DESC, number").arg(kComplaintColumns),
        QStringLiteral("membaca pengaduan"), readComplaint);
}

Result<ComplaintRecord> BackendStore::updateComplaint(const QString &number, const ComplaintUpdate &update)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<ComplaintRecord> {
        QSqlError err;
        auto c = selectComplaint(db, QStringLiteral("number = ?"), {number}, &err);
        if (!c)
            return err.isValid() ? databaseError(QStringLiteral("membaca pengaduan"), err) : complaintNotFound(number);
        const QString answer = update.answer.trimmed();
        // The answer's time is when its text last changed; a status-only step keeps it.
        if (answer != c->answer)
            c->answeredAt = answer.isEmpty() ? QDateTime() : update.at.toUTC();
        c->status = update.status;
        // Never NULL in the table: an empty (null) QString would bind as NULL.
        c->answer = answer.isEmpty() ? QString(QLatin1String("")) : answer;
        c->updatedBy = update.actor;
        c->updatedAt = update.at.toUTC();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE complaints SET status = ?, answer = ?, answered_at = ?, updated_by = ?, updated_at = ?"
                                 " WHERE number = ?"));
        for (const QVariant &v : QVariantList {serverlink::complaintStatusToWire(c->status), c->answer,
                 c->answeredAt.isValid() ? QVariant(timestamp(c->answeredAt)) : QVariant(QMetaType(QMetaType::QString)), c->updatedBy,
                 timestamp(c->updatedAt), number})
            q.addBindValue(v);
        if (!exec(q, &err))
            return databaseError(QStringLiteral("menyimpan tindak lanjut pengaduan"), err);
        if (update.notification && !insertNotification(db, *update.notification, &err))
            return databaseError(QStringLiteral("mencatat SMS pengaduan"), err);
        return *c;
    });
}

} // namespace backend
