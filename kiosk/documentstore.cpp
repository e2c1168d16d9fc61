#include "documentstore.h"

#include "crypto.h"
#include "store.h"

#include <QSqlError>
#include <QSqlQuery>

namespace kiosk {

namespace {
QByteArray pageAad(const QString &registrationNumber, const QString &pageId)
{
    return QStringLiteral("page:%1:%2").arg(registrationNumber, pageId).toUtf8();
}

Status done(const Result<int> &written)
{
    if (!written)
        return written.error();
    return Done {};
}
} // namespace

DocumentStore::DocumentStore(const KioskStore &store, QByteArray deviceKey)
    : m_store(store)
    , m_key(std::move(deviceKey))
{ }

QList<serverlink::DocumentRef> DocumentStore::describe(const QList<CapturedPage> &pages)
{
    QList<serverlink::DocumentRef> refs;
    for (const CapturedPage &page : pages) {
        serverlink::DocumentRef ref;
        ref.requirement = page.requirement;
        ref.requirementText = page.requirementText;
        ref.pageId = QString::fromLatin1(serverlink::crypto::randomBytes(16).toHex());
        ref.sha256 = QString::fromLatin1(serverlink::crypto::sha256(page.bytes).toHex());
        ref.size = page.bytes.size();
        ref.contentType = page.contentType;
        refs.append(ref);
    }
    return refs;
}

Status DocumentStore::store(
    qint64 requestId, const QString &registrationNumber, const QList<CapturedPage> &pages, const QList<serverlink::DocumentRef> &refs) const
{
    Q_ASSERT(pages.size() == refs.size());
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    for (qsizetype i = 0; i < pages.size(); ++i) {
        const serverlink::DocumentRef &ref = refs.at(i);
        const QByteArray sealed = serverlink::crypto::aeadSeal(m_key, pages.at(i).bytes, pageAad(registrationNumber, ref.pageId));
        if (const auto written = m_store.write(QStringLiteral("halaman dokumen"),
                QStringLiteral("INSERT INTO request_documents (request_id, registration_number, page_id, requirement,"
                               " requirement_text, content_type, size, sha256, sealed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {requestId > 0 ? QVariant(requestId) : QVariant(QMetaType(QMetaType::LongLong)), registrationNumber, ref.pageId,
                    ref.requirement, ref.requirementText, ref.contentType, ref.size, ref.sha256, sealed, now});
            !written)
            return written.error();
    }
    return Done {};
}

QList<StoredPage> DocumentStore::select(const QString &where, const QVariantList &values) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT d.id, d.request_id, d.registration_number, d.page_id, d.requirement, d.requirement_text,"
                             " d.content_type, d.size, d.sha256, d.uploaded_bytes, d.delivered_at IS NOT NULL"
                             " FROM request_documents d WHERE d.purged_at IS NULL AND ")
        + where);
    for (const QVariant &v : values)
        q.addBindValue(v);
    QList<StoredPage> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        StoredPage p;
        p.id = q.value(0).toLongLong();
        p.requestId = q.value(1).toLongLong();
        p.registrationNumber = q.value(2).toString();
        p.ref.pageId = q.value(3).toString();
        p.ref.requirement = q.value(4).toInt();
        p.ref.requirementText = q.value(5).toString();
        p.ref.contentType = q.value(6).toString();
        p.ref.size = q.value(7).toLongLong();
        p.ref.sha256 = q.value(8).toString();
        p.uploadedBytes = q.value(9).toLongLong();
        p.delivered = q.value(10).toBool();
        out.append(p);
    }
    return out;
}

QList<StoredPage> DocumentStore::pages(const QString &registrationNumber) const
{
    return select(QStringLiteral("d.registration_number = ? ORDER BY d.id"), {registrationNumber});
}

QList<StoredPage> DocumentStore::uploadsDue(int limit) const
{
    return select(QStringLiteral("d.delivered_at IS NULL AND d.announced_at IS NOT NULL ORDER BY d.id LIMIT ?"), {limit});
}

Result<QByteArray> DocumentStore::read(const QString &pageId) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT registration_number, sealed FROM request_documents WHERE page_id = ? AND purged_at IS NULL"));
    q.addBindValue(pageId);
    if (!q.exec())
        return Error {ErrorCode::Database, QStringLiteral("Halaman dokumen tidak dapat dibaca: %1").arg(q.lastError().text())};
    if (!q.next())
        return Error {ErrorCode::NotFound, QStringLiteral("Halaman dokumen %1 tidak ada di anjungan ini.").arg(pageId)};
    const auto opened = serverlink::crypto::aeadOpen(m_key, q.value(1).toByteArray(), pageAad(q.value(0).toString(), pageId));
    if (!opened)
        return Error {ErrorCode::InvalidData, QStringLiteral("Halaman dokumen %1 tidak dapat dibuka dengan kunci anjungan.").arg(pageId)};
    return *opened;
}

Status DocumentStore::markAnnounced(const QStringList &pageIds) const
{
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    for (const QString &pageId : pageIds)
        if (const auto written = m_store.write(QStringLiteral("dokumen diumumkan"),
                QStringLiteral("UPDATE request_documents SET announced_at = ? WHERE page_id = ? AND announced_at IS NULL"), {now, pageId});
            !written)
            return written.error();
    return Done {};
}

Status DocumentStore::recordUploaded(const QString &pageId, qint64 bytes) const
{
    return done(m_store.write(QStringLiteral("kemajuan unggah dokumen"),
        QStringLiteral("UPDATE request_documents SET uploaded_bytes = ? WHERE page_id = ?"), {bytes, pageId}));
}

Status DocumentStore::markDelivered(const QString &pageId) const
{
    return done(m_store.write(QStringLiteral("dokumen terkirim"),
        QStringLiteral("UPDATE request_documents SET uploaded_bytes = size, delivered_at = ? WHERE page_id = ?"),
        {QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), pageId}));
}

int DocumentStore::pendingCount() const
{
    QSqlQuery q(m_store.connection());
    q.exec(QStringLiteral("SELECT COUNT(*) FROM request_documents WHERE delivered_at IS NULL AND purged_at IS NULL"));
    return q.next() ? q.value(0).toInt() : 0;
}

} // namespace kiosk
