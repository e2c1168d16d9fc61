// BackendStore: a request's life after submission — its versions, fix items and look-up by status token.
#include "backendstore.h"

#include "backendstore_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace backend {

using serverlink::Stage;
using namespace detail;

namespace {

QByteArray versionBody(const RequestVersionRecord &v)
{
    QJsonArray documents;
    for (const serverlink::DocumentRef &d : v.documents)
        documents.append(d.toJsonObject());
    const QJsonObject o {{QStringLiteral("name"), v.name}, {QStringLiteral("address"), v.address}, {QStringLiteral("purpose"), v.purpose},
        {QStringLiteral("phone"), v.phone}, {QStringLiteral("fields"), v.fields}, {QStringLiteral("documents"), documents}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

RequestVersionRecord readVersion(const QSqlQuery &q)
{
    RequestVersionRecord v;
    v.registrationNumber = q.value(0).toString();
    v.version = q.value(1).toInt();
    v.kioskId = q.value(2).toString();
    v.actor = q.value(3).toString();
    const QJsonObject body = QJsonDocument::fromJson(q.value(4).toByteArray()).object();
    v.name = body.value(QStringLiteral("name")).toString();
    v.address = body.value(QStringLiteral("address")).toString();
    v.purpose = body.value(QStringLiteral("purpose")).toString();
    v.phone = body.value(QStringLiteral("phone")).toString();
    v.fields = body.value(QStringLiteral("fields")).toObject();
    for (const QJsonValue &d : body.value(QStringLiteral("documents")).toArray())
        if (const auto ref = serverlink::DocumentRef::fromJsonObject(d.toObject()))
            v.documents.append(*ref);
    v.submittedAt = parseTimestamp(q.value(5));
    v.receivedAt = parseTimestamp(q.value(6));
    return v;
}

const QString kVersionColumns = QStringLiteral("registration_number, version, kiosk_id, actor, body_json, submitted_at, received_at");

} // namespace

namespace detail {

bool insertRequestVersion(
    QSqlDatabase &db, const RequestVersionRecord &v, const QString &idempotencyKey, const QString &bodySha256, QSqlError *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO request_versions (registration_number, version, kiosk_id, idempotency_key, body_sha256,"
                             " actor, body_json, submitted_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &value : QVariantList {v.registrationNumber, v.version, v.kioskId, idempotencyKey, bodySha256, v.actor,
             QString::fromUtf8(versionBody(v)), timestamp(v.submittedAt), timestamp(v.receivedAt)})
        q.addBindValue(value);
    return exec(q, error);
}

bool insertFixItems(
    QSqlDatabase &db, qint64 sequence, const QString &registrationNumber, const QList<serverlink::FixItem> &fixes, QSqlError *error)
{
    for (int i = 0; i < fixes.size(); ++i) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO request_fixes (event_sequence, position, registration_number, target, reason)"
                                 " VALUES (?, ?, ?, ?, ?)"));
        for (const QVariant &value : QVariantList {sequence, i, registrationNumber, fixes.at(i).target, fixes.at(i).reason})
            q.addBindValue(value);
        if (!exec(q, error))
            return false;
    }
    return true;
}

} // namespace detail

Result<RequestRecord> BackendStore::requestByStatusToken(const QString &statusTokenHash)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlError err;
    const auto found = selectRequestWhere(conn.value(), QStringLiteral("status_token_hash = ?"), {statusTokenHash}, &err);
    if (err.isValid())
        return databaseError(QStringLiteral("mencari permohonan dari tiket"), err);
    if (!found || statusTokenHash.isEmpty())
        return Error {ErrorCode::NotFound, QStringLiteral("Tidak ada permohonan untuk tiket ini.")};
    return *found;
}

Result<QList<RequestVersionRecord>> BackendStore::requestVersions(const QString &registrationNumber)
{
    return readAll<RequestVersionRecord>(connection(),
        QStringLiteral("SELECT %1 FROM request_versions WHERE registration_number = ? ORDER BY version").arg(kVersionColumns),
        QStringLiteral("membaca versi permohonan"), readVersion, {registrationNumber});
}

Result<QList<serverlink::FixItem>> BackendStore::fixItems(const QString &registrationNumber)
{
    return readAll<serverlink::FixItem>(connection(),
        QStringLiteral("SELECT target, reason FROM request_fixes WHERE registration_number = ? AND event_sequence ="
                       " (SELECT MAX(sequence) FROM events WHERE registration_number = ? AND stage = ?) ORDER BY position"),
        QStringLiteral("membaca butir perbaikan"),
        [](const QSqlQuery &q) {
            return serverlink::FixItem {q.value(0).toString(), q.value(1).toString()};
        },
        {registrationNumber, registrationNumber, serverlink::stageToWire(Stage::NeedsFix)});
}

Result<InsertResult> BackendStore::insertRevision(const NewRevision &n)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<InsertResult> {
        QSqlError err;
        const QString reg = n.version.registrationNumber;
        QSqlQuery byKey(db);
        byKey.prepare(
            QStringLiteral("SELECT registration_number, body_sha256 FROM request_versions WHERE kiosk_id = ? AND idempotency_key = ?"));
        byKey.addBindValue(n.kioskId);
        byKey.addBindValue(n.idempotencyKey);
        if (!exec(byKey, &err))
            return databaseError(QStringLiteral("mencari kunci idempotensi"), err);
        const bool seen = byKey.next();
        const QString seenNumber = seen ? byKey.value(0).toString() : QString();
        const QString seenSha256 = seen ? byKey.value(1).toString() : QString();
        byKey.finish();
        if (seen && (seenNumber != reg || seenSha256 != n.bodySha256))
            return Error {ErrorCode::IdempotencyConflict, QStringLiteral("Kunci idempotensi ini sudah dipakai untuk perbaikan lain.")};
        auto current = selectRequestWhere(db, QStringLiteral("registration_number = ?"), {reg}, &err);
        if (err.isValid())
            return databaseError(QStringLiteral("membaca permohonan"), err);
        if (!current)
            return notFound(reg);
        if (seen)
            return InsertResult {InsertOutcome::Replayed, *current};
        if (current->stage != Stage::NeedsFix)
            return Error {ErrorCode::TransitionNotAllowed,
                QStringLiteral("Permohonan %1 sedang pada tahap '%2', bukan 'Perlu diperbaiki'; perbaikan tidak dapat diterima.")
                    .arg(reg, serverlink::stageLabelId(current->stage))};
        if (current->version + 1 != n.version.version)
            return Error {ErrorCode::VersionConflict,
                QStringLiteral("Perbaikan dibuat dari versi %1, padahal permohonan %2 sudah versi %3. Buka permohonan lagi.")
                    .arg(n.version.version - 1)
                    .arg(reg)
                    .arg(current->version)};

        // A request stored before versions were kept gets its first version from what it holds now.
        QSqlQuery first(db);
        first.prepare(QStringLiteral("SELECT COUNT(*) FROM request_versions WHERE registration_number = ? AND version = 1"));
        first.addBindValue(reg);
        if (!exec(first, &err) || !first.next())
            return databaseError(QStringLiteral("membaca versi permohonan"), err);
        const bool hasFirst = first.value(0).toInt() > 0;
        first.finish();
        if (!hasFirst && current->version == 1) {
            const RequestVersionRecord original {reg, 1, current->kioskId,
                current->enteredBy.isEmpty() ? QStringLiteral("pemohon") : current->enteredBy, current->name, current->address,
                current->purpose, current->phone, current->fields, {}, current->submittedAt, current->receivedAt};
            if (!insertRequestVersion(db, original, QStringLiteral("v1:") + reg, QString(), &err))
                return databaseError(QStringLiteral("menyimpan versi permohonan"), err);
        }
        if (!insertRequestVersion(db, n.version, n.idempotencyKey, n.bodySha256, &err))
            return databaseError(QStringLiteral("menyimpan versi permohonan"), err);
        // New pages of the revision become uploadable with it (kept pages are already named).
        if (const Status pages = insertDocumentRefs(db, reg, n.version.version, n.version.documents); !pages)
            return pages.error();

        RequestRecord r = *current;
        r.name = n.version.name;
        r.address = n.version.address;
        r.purpose = n.version.purpose;
        r.phone = n.version.phone;
        r.fields = n.version.fields;
        r.version = n.version.version;
        r.stage = n.to;
        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE requests SET name = ?, address = ?, purpose = ?, phone = ?, fields_json = ?, version = ?,"
                                      " stage = ? WHERE registration_number = ? AND stage = ?"));
        for (const QVariant &value :
            QVariantList {r.name, r.address, r.purpose, textOrNull(r.phone), QJsonDocument(r.fields).toJson(QJsonDocument::Compact),
                r.version, serverlink::stageToWire(r.stage), reg, serverlink::stageToWire(Stage::NeedsFix)})
            update.addBindValue(value);
        if (!exec(update, &err))
            return databaseError(QStringLiteral("menyimpan perbaikan"), err);
        const EventRecord event {0, reg, r.desaCode, n.to, n.version.actor, n.role, n.note, n.version.receivedAt};
        if (!appendRequestEvent(db, event, &err))
            return databaseError(QStringLiteral("mencatat riwayat"), err);
        return InsertResult {InsertOutcome::Created, r};
    });
}

} // namespace backend
