// BackendStore: desa master data (the table the console edits) and the audit log (schema version 8).
#include "backendstore_p.h"
#include "offices.h"

#include <array>

namespace backend {

using namespace detail;

namespace {

const QString kDesaColumns = QStringLiteral("code, name, place, address, kecamatan, kecamatan_code, kecamatan_address, kabupaten,"
                                            " kepala_desa, camat, nomor_format, kode_surat, kecamatan_kode_surat,"
                                            " kecamatan_nomor_format");
const QString kAuditColumns = QStringLiteral("id, at, actor, action, subject, detail, source");

AuditRecord readAudit(const QSqlQuery &q)
{
    return AuditRecord {q.value(0).toLongLong(), parseTimestamp(q.value(1)), q.value(2).toString(), q.value(3).toString(),
        q.value(4).toString(), q.value(5).toString(), q.value(6).toString()};
}

/// The fields of a desa in column order, with the names the audit log uses for them.
std::array<std::pair<const char *, QString>, 14> desaFields(const DesaOffice &d)
{
    return {{{"code", d.code}, {"name", d.name}, {"place", d.place}, {"address", d.address}, {"kecamatan", d.kecamatan},
        {"kecamatanCode", d.kecamatanCode}, {"kecamatanAddress", d.kecamatanAddress}, {"kabupaten", d.kabupaten},
        {"kepalaDesa", d.kepalaDesa}, {"camat", d.camat}, {"nomorFormat", d.nomorFormat}, {"kodeSurat", d.kodeSurat},
        {"kecamatanKodeSurat", d.kecamatanKodeSurat}, {"kecamatanNomorFormat", d.kecamatanNomorFormat}}};
}

DesaOffice readDesa(const QSqlQuery &q)
{
    const auto text = [&q](int i) { return q.value(i).toString(); };
    return DesaOffice {
        text(0), text(1), text(2), text(3), text(4), text(5), text(6), text(7), text(8), text(9), text(10), text(11), text(12), text(13)};
}

/// Adds or replaces one desa row (portable upsert: ON CONFLICT works in SQLite and PostgreSQL).
Status upsertDesa(QSqlDatabase &db, const DesaOffice &d, const QString &actor, const QDateTime &at)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO desa_offices (%1, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                             " ON CONFLICT (code) DO UPDATE SET name = excluded.name, place = excluded.place,"
                             " address = excluded.address, kecamatan = excluded.kecamatan, kecamatan_code = excluded.kecamatan_code,"
                             " kecamatan_address = excluded.kecamatan_address, kabupaten = excluded.kabupaten,"
                             " kepala_desa = excluded.kepala_desa, camat = excluded.camat, nomor_format = excluded.nomor_format,"
                             " kode_surat = excluded.kode_surat, kecamatan_kode_surat = excluded.kecamatan_kode_surat,"
                             " kecamatan_nomor_format = excluded.kecamatan_nomor_format, updated_at = excluded.updated_at,"
                             " updated_by = excluded.updated_by")
                  .arg(kDesaColumns));
    // The columns are NOT NULL: an empty field is stored as '' (a null QString would bind as NULL).
    for (const auto &[name, value] : desaFields(d))
        q.addBindValue(value.isNull() ? QStringLiteral("") : value);
    q.addBindValue(timestamp(at));
    q.addBindValue(actor);
    if (!q.exec())
        return databaseError(QStringLiteral("menyimpan data desa %1").arg(d.code), q.lastError());
    return Done {};
}

} // namespace

Status detail::seedDesaOffices(QSqlDatabase &db)
{
    const auto builtIn = OfficeDirectory::builtIn();
    if (!builtIn)
        return builtIn.error();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const DesaOffice &d : builtIn.value().all())
        if (auto stored = upsertDesa(db, d, QStringLiteral("migrasi"), now); !stored)
            return stored;
    return Done {};
}

Result<QList<DesaOffice>> BackendStore::desaOffices()
{
    return readAll<DesaOffice>(connection(), QStringLiteral("SELECT %1 FROM desa_offices ORDER BY code").arg(kDesaColumns),
        QStringLiteral("membaca data desa"), readDesa);
}

Result<QStringList> BackendStore::saveDesaOffice(const DesaOffice &office, const QString &actor, const QString &source)
{
    const auto conn = connection();
    return inWriteTransaction(conn, [&](QSqlDatabase &db) -> Result<QStringList> {
        const auto before = readOne<DesaOffice>(conn, QStringLiteral("SELECT %1 FROM desa_offices WHERE code = ?").arg(kDesaColumns),
            {office.code}, QStringLiteral("membaca data desa"), readDesa);
        if (!before)
            return before.error();
        QStringList changed;
        QStringList detail;
        const auto oldFields = before.value() ? desaFields(*before.value()) : desaFields(DesaOffice {});
        const auto newFields = desaFields(office);
        for (std::size_t i = 0; i < newFields.size(); ++i) {
            if (before.value() && oldFields.at(i).second == newFields.at(i).second)
                continue;
            changed.append(QLatin1String(newFields.at(i).first));
            detail.append(before.value() ? QStringLiteral("%1: \"%2\" → \"%3\"")
                                               .arg(QLatin1String(newFields.at(i).first), oldFields.at(i).second, newFields.at(i).second)
                                         : QStringLiteral("%1: \"%2\"").arg(QLatin1String(newFields.at(i).first), newFields.at(i).second));
        }
        if (changed.isEmpty())
            return changed;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (auto stored = upsertDesa(db, office, actor, now); !stored)
            return stored.error();
        const auto audit = insertWithNextId(db, QStringLiteral("audit_log"),
            QStringLiteral("INSERT INTO audit_log (%1) VALUES (?, ?, ?, ?, ?, ?, COALESCE(?, ''))").arg(kAuditColumns),
            {timestamp(now), actor, before.value() ? QStringLiteral("desa.ubah") : QStringLiteral("desa.tambah"), office.code,
                detail.join(QStringLiteral("; ")), source});
        if (!audit)
            return audit.error();
        return changed;
    });
}

Result<QList<AuditRecord>> BackendStore::auditLog(int limit)
{
    return readAll<AuditRecord>(connection(), QStringLiteral("SELECT %1 FROM audit_log ORDER BY id DESC LIMIT ?").arg(kAuditColumns),
        QStringLiteral("membaca log audit"), readAudit, {limit});
}

Result<QList<AuditRecord>> BackendStore::auditLog(const AuditQuery &query)
{
    QStringList where;
    QVariantList binds;
    if (query.from.isValid()) {
        where.append(QStringLiteral("at >= ?"));
        binds.append(timestamp(query.from));
    }
    if (query.to.isValid()) {
        where.append(QStringLiteral("at < ?"));
        binds.append(timestamp(query.to));
    }
    if (!query.actor.isEmpty()) {
        where.append(QStringLiteral("actor = ?"));
        binds.append(query.actor);
    }
    binds.append(query.limit);
    return readAll<AuditRecord>(connection(),
        QStringLiteral("SELECT %1 FROM audit_log %2 ORDER BY id DESC LIMIT ?")
            .arg(kAuditColumns, where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "))),
        QStringLiteral("membaca log audit"), readAudit, binds);
}

Result<qint64> BackendStore::appendAudit(const AuditRecord &entry)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) {
        return insertWithNextId(db, QStringLiteral("audit_log"),
            QStringLiteral("INSERT INTO audit_log (%1) VALUES (?, ?, ?, ?, ?, COALESCE(?, ''), COALESCE(?, ''))").arg(kAuditColumns),
            {timestamp(entry.at.isValid() ? entry.at : QDateTime::currentDateTimeUtc()), entry.actor, entry.action, entry.subject,
                entry.detail, entry.source});
    });
}

} // namespace backend
