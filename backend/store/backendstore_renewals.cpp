// BackendStore: renewals of kiosk client certificates, the chain of replacements (docs/decisions/0025).
#include "backendstore_p.h"

namespace backend {

using namespace detail;

namespace {

const QString kRenewalColumns = QStringLiteral("kiosk_id, old_serial, old_fingerprint, new_serial, new_fingerprint, new_not_after,"
                                               " csr_sha256, certificate_pem, renewed_at, grace_until, first_used_at");

KioskRenewalRecord readRenewal(const QSqlQuery &q)
{
    return KioskRenewalRecord {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
        q.value(4).toString(), parseTimestamp(q.value(5)), q.value(6).toString(), q.value(7).toString().toLatin1(),
        parseTimestamp(q.value(8)), parseTimestamp(q.value(9)), parseTimestamp(q.value(10))};
}

} // namespace

Result<RenewalOutcome> BackendStore::completeRenewal(const KioskRenewalRecord &r, const QString &expectedCurrentFingerprint)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<RenewalOutcome> {
        // The conditional UPDATE is the race check: of two renewals from the same certificate, one wins.
        QSqlQuery swap(db);
        swap.prepare(QStringLiteral("UPDATE kiosks SET cert_serial = ?, cert_fingerprint = ?, cert_not_after = ?"
                                    " WHERE kiosk_id = ? AND cert_fingerprint = ? AND status = 'active'"));
        for (const QVariant &v :
            QVariantList {r.newSerial, r.newFingerprint, timestamp(r.newNotAfter), r.kioskId, expectedCurrentFingerprint})
            swap.addBindValue(v);
        if (!swap.exec())
            return databaseError(QStringLiteral("mengganti sertifikat anjungan"), swap.lastError());
        if (swap.numRowsAffected() != 1)
            return RenewalOutcome::CurrentChanged;
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO kiosk_renewals (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)").arg(kRenewalColumns));
        for (const QVariant &v :
            QVariantList {r.kioskId, r.oldSerial, r.oldFingerprint, r.newSerial, r.newFingerprint, timestamp(r.newNotAfter), r.csrSha256,
                QString::fromLatin1(r.certificatePem), timestamp(r.renewedAt), timestamp(r.graceUntil)})
            insert.addBindValue(v);
        if (!insert.exec())
            return databaseError(QStringLiteral("mencatat pembaruan sertifikat"), insert.lastError());
        return RenewalOutcome::Renewed;
    });
}

Result<std::optional<KioskRenewalRecord>> BackendStore::renewalTo(const QString &newFingerprint)
{
    return readOne<KioskRenewalRecord>(connection(),
        QStringLiteral("SELECT %1 FROM kiosk_renewals WHERE new_fingerprint = ?").arg(kRenewalColumns), {newFingerprint},
        QStringLiteral("membaca pembaruan sertifikat"), readRenewal);
}

Result<std::optional<KioskRenewalRecord>> BackendStore::renewal(const QString &oldFingerprint, const QString &newFingerprint)
{
    return readOne<KioskRenewalRecord>(connection(),
        QStringLiteral("SELECT %1 FROM kiosk_renewals WHERE new_fingerprint = ? AND old_fingerprint = ?").arg(kRenewalColumns),
        {newFingerprint, oldFingerprint}, QStringLiteral("membaca pembaruan sertifikat"), readRenewal);
}

Status BackendStore::markRenewalUsed(const QString &newFingerprint, const QDateTime &at)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE kiosk_renewals SET first_used_at = ? WHERE new_fingerprint = ? AND first_used_at IS NULL"));
    q.addBindValue(timestamp(at));
    q.addBindValue(newFingerprint);
    if (!q.exec())
        return databaseError(QStringLiteral("mencatat pemakaian sertifikat baru"), q.lastError());
    return Done {};
}

Result<QList<KioskRenewalRecord>> BackendStore::renewals(const QString &kioskId)
{
    return readAll<KioskRenewalRecord>(connection(),
        QStringLiteral("SELECT %1 FROM kiosk_renewals WHERE kiosk_id = ? ORDER BY renewed_at, new_serial").arg(kRenewalColumns),
        QStringLiteral("membaca riwayat sertifikat anjungan"), readRenewal, {kioskId});
}

} // namespace backend
