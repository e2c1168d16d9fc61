// The requirement pages requests name, and how far each page's upload got (DocumentArchive holds the bytes).
#include "backendstore.h"

#include "backendstore_p.h"

namespace backend {

using namespace detail;

namespace {
const QString kDocumentColumns = QStringLiteral("registration_number, version, requirement, requirement_text, page_id, sha256, size,"
                                                " content_type, received_bytes, completed_at, restarts, last_error");

DocumentRecord readDocument(const QSqlQuery &q)
{
    DocumentRecord d;
    d.registrationNumber = q.value(0).toString();
    d.version = q.value(1).toInt();
    d.ref.requirement = q.value(2).toInt();
    d.ref.requirementText = q.value(3).toString();
    d.ref.pageId = q.value(4).toString();
    d.ref.sha256 = q.value(5).toString();
    d.ref.size = q.value(6).toLongLong();
    d.ref.contentType = q.value(7).toString();
    d.receivedBytes = q.value(8).toLongLong();
    d.completedAt = q.value(9).isNull() ? QDateTime() : parseTimestamp(q.value(9));
    d.restarts = q.value(10).toInt();
    d.lastError = q.value(11).toString();
    return d;
}

Error unknownPage(const QString &pageId)
{
    return {ErrorCode::NotFound, QStringLiteral("Halaman dokumen %1 tidak disebut permohonan mana pun.").arg(pageId)};
}
} // namespace

Status detail::insertDocumentRefs(
    QSqlDatabase &db, const QString &registrationNumber, int version, const QList<serverlink::DocumentRef> &refs)
{
    const QString now = timestamp(QDateTime::currentDateTimeUtc());
    for (qsizetype i = 0; i < refs.size(); ++i) {
        const serverlink::DocumentRef &ref = refs.at(i);
        QSqlQuery owner(db);
        owner.prepare(QStringLiteral("SELECT registration_number FROM request_documents WHERE page_id = ?"));
        owner.addBindValue(ref.pageId);
        if (!owner.exec())
            return databaseError(QStringLiteral("mencari halaman dokumen"), owner.lastError());
        if (owner.next()) {
            const QString existing = owner.value(0).toString();
            owner.finish();
            // A revision keeps pages of an earlier version: they are already here.
            if (existing == registrationNumber)
                continue;
            return Error {ErrorCode::InvalidData, QStringLiteral("Halaman dokumen %1 milik permohonan lain.").arg(ref.pageId)};
        }
        owner.finish();
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO request_documents (page_id, registration_number, version, position, requirement,"
                                      " requirement_text, content_type, size, sha256, received_bytes, completed_at, restarts, last_error,"
                                      " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, 0, '', ?)"));
        for (const QVariant &v : QVariantList {ref.pageId, registrationNumber, version, int(i), ref.requirement,
                 ref.requirementText.isNull() ? QStringLiteral("") : ref.requirementText, ref.contentType, ref.size, ref.sha256, now})
            insert.addBindValue(v);
        if (!insert.exec())
            return databaseError(QStringLiteral("menyimpan halaman dokumen"), insert.lastError());
    }
    return Done {};
}

Status BackendStore::addDocumentRefs(const QString &registrationNumber, int version, const QList<serverlink::DocumentRef> &refs)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Status {
        QSqlQuery exists(db);
        exists.prepare(QStringLiteral("SELECT 1 FROM requests WHERE registration_number = ?"));
        exists.addBindValue(registrationNumber);
        if (!exists.exec())
            return databaseError(QStringLiteral("mencari permohonan"), exists.lastError());
        if (!exists.next())
            return Error {ErrorCode::NotFound, QStringLiteral("Permohonan %1 tidak ditemukan.").arg(registrationNumber)};
        exists.finish();
        return insertDocumentRefs(db, registrationNumber, version, refs);
    });
}

Result<QList<DocumentRecord>> BackendStore::documents(const QString &registrationNumber)
{
    return readAll<DocumentRecord>(connection(),
        QStringLiteral("SELECT %1 FROM request_documents WHERE registration_number = ? ORDER BY version, position").arg(kDocumentColumns),
        QStringLiteral("membaca halaman dokumen"), readDocument, {registrationNumber});
}

Result<DocumentRecord> BackendStore::document(const QString &pageId)
{
    auto one
        = readOne<DocumentRecord>(connection(), QStringLiteral("SELECT %1 FROM request_documents WHERE page_id = ?").arg(kDocumentColumns),
            {pageId}, QStringLiteral("membaca halaman dokumen"), readDocument);
    if (!one)
        return one.error();
    if (!one.value())
        return unknownPage(pageId);
    return *one.value();
}

Result<bool> BackendStore::advanceDocument(const QString &pageId, qint64 from, qint64 to)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<bool> {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE request_documents SET received_bytes = ?"
                                 " WHERE page_id = ? AND received_bytes = ? AND completed_at IS NULL"));
        q.addBindValue(to);
        q.addBindValue(pageId);
        q.addBindValue(from);
        if (!q.exec())
            return databaseError(QStringLiteral("mencatat unggahan dokumen"), q.lastError());
        return q.numRowsAffected() == 1;
    });
}

Status BackendStore::completeDocument(const QString &pageId, const QDateTime &at)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Status {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE request_documents SET received_bytes = size, completed_at = ?, last_error = ''"
                                 " WHERE page_id = ? AND completed_at IS NULL"));
        q.addBindValue(timestamp(at));
        q.addBindValue(pageId);
        if (!q.exec())
            return databaseError(QStringLiteral("menyelesaikan unggahan dokumen"), q.lastError());
        return Done {};
    });
}

Status BackendStore::restartDocument(const QString &pageId, const QString &reason)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Status {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE request_documents SET received_bytes = 0, restarts = restarts + 1, last_error = ?"
                                 " WHERE page_id = ? AND completed_at IS NULL"));
        q.addBindValue(reason);
        q.addBindValue(pageId);
        if (!q.exec())
            return databaseError(QStringLiteral("mengulang unggahan dokumen"), q.lastError());
        return Done {};
    });
}

Result<int> BackendStore::pendingDocumentCount()
{
    auto one = readOne<int>(connection(), QStringLiteral("SELECT COUNT(*) FROM request_documents WHERE completed_at IS NULL"), {},
        QStringLiteral("menghitung halaman dokumen"), [](const QSqlQuery &q) { return q.value(0).toInt(); });
    if (!one)
        return one.error();
    return one.value().value_or(0);
}

} // namespace backend
