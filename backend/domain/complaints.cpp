#include "complaints.h"

#include "crypto.h"
#include "notifications.h"
#include "offices.h"

namespace backend {

namespace {
/// Equal in time that depends on the length only, so that the answer's timing tells nothing about the stored hash.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size() || a.isEmpty())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}
} // namespace

bool handlesComplaintsOf(const QList<Capacity> &capacities, const OfficeDirectory &offices, const QString &desaCode)
{
    const auto desa = offices.desa(desaCode);
    for (const Capacity &c : capacities) {
        if (c.role == Role::SuperAdmin)
            return true;
        if (!desa)
            continue;
        const bool kecamatanRole = c.role == Role::KasiPelayanan || c.role == Role::Camat || c.role == Role::AdminKecamatan;
        if (kecamatanRole && c.office == desa->kecamatanCode)
            return true;
        if (c.role == Role::SekretarisDesa && c.office == desa->code)
            return true;
    }
    return false;
}

serverlink::ComplaintView complaintView(const ComplaintRecord &record)
{
    return {record.number, record.category, record.status, record.answer, record.filedAt, record.answeredAt};
}

Complaints::Complaints(BackendStore &store, const OfficeDirectory &offices)
    : m_store(store)
    , m_offices(offices)
{ }

Result<std::pair<InsertOutcome, ComplaintRecord>> Complaints::file(
    const QString &kioskId, const QString &desaCode, const QByteArray &rawBody, const serverlink::ComplaintBody &body)
{
    return m_store.insertComplaint(kioskId, desaCode, QString::fromLatin1(serverlink::crypto::sha256(rawBody).toHex()), body);
}

Result<serverlink::ComplaintView> Complaints::view(const QString &askingDesa, const QString &number, const QString &token)
{
    const Error notFound {ErrorCode::NotFound, QStringLiteral("Pengaduan %1 tidak ditemukan atau kodenya tidak cocok.").arg(number)};
    const auto record = m_store.complaint(number);
    if (!record)
        return record.error().code == ErrorCode::NotFound ? notFound : record.error();
    const auto asking = m_offices.desa(askingDesa);
    const auto filed = m_offices.desa(record.value().desaCode);
    if (!asking || !filed || asking->kecamatanCode != filed->kecamatanCode)
        return Error {ErrorCode::Forbidden, QStringLiteral("Pengaduan ini dari kecamatan lain.")};
    const QByteArray presented = serverlink::crypto::sha256(token.toUtf8()).toHex();
    const QByteArray stored = record.value().tokenSha256.toLatin1();
    if (token.isEmpty() || !sameBytes(presented, stored))
        return notFound;
    return complaintView(record.value());
}

Result<ComplaintRecord> Complaints::followUp(const QList<Capacity> &capacities, const QString &actor, const QString &number,
    serverlink::ComplaintStatus status, const QString &answer, const QDateTime &now)
{
    const auto record = m_store.complaint(number);
    if (!record)
        return record.error();
    if (!handlesComplaintsOf(capacities, m_offices, record.value().desaCode))
        return Error {ErrorCode::Forbidden, QStringLiteral("Pengaduan dari desa %1 tidak Anda tangani.").arg(record.value().desaCode)};
    const QString text = answer.trimmed();
    if (text.size() > kMaxAnswerLength)
        return Error {ErrorCode::InvalidData, QStringLiteral("Jawaban paling banyak %1 karakter.").arg(kMaxAnswerLength)};
    if (status == serverlink::ComplaintStatus::Done && text.isEmpty())
        return Error {ErrorCode::ReasonRequired, QStringLiteral("Tulis jawaban sebelum menandai pengaduan selesai.")};
    ComplaintUpdate update {status, text, actor, now};
    // A new or changed answer goes to the citizen's phone, once per answer text.
    if (!record.value().phone.isEmpty() && !text.isEmpty() && text != record.value().answer) {
        NotificationRecord n;
        n.eventKey = QStringLiteral("complaint:%1:%2")
                         .arg(number, QString::fromLatin1(serverlink::crypto::sha256(text.toUtf8()).toHex().left(16)));
        n.kind = NotificationKind::ComplaintAnswered;
        n.recipientKind = QStringLiteral("citizen");
        n.recipient = record.value().phone;
        n.message = smstext::complaintAnswer(number, text);
        n.status = QStringLiteral("pending");
        n.nextAttemptAt = now;
        n.createdAt = now;
        update.notification = n;
    }
    return m_store.updateComplaint(number, update);
}

} // namespace backend
