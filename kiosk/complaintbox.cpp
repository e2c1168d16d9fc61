#include "complaintbox.h"

#include "crypto.h"
#include "store.h"

#include <QSqlQuery>
#include <QUuid>

namespace kiosk {

namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// "PGD-" and 10 characters of Crockford base32 from 50 random bits, shown as XXXXX-XXXXX.
QString newComplaintNumber()
{
    const QByteArray r = serverlink::crypto::randomBytes(8);
    quint64 bits = 0;
    for (char c : r)
        bits = (bits << 8) | quint8(c);
    QString out = QStringLiteral("PGD-");
    for (int i = 0; i < 10; ++i) {
        if (i == 5)
            out += QLatin1Char('-');
        out += QLatin1Char(kCrockford[bits & 31]);
        bits >>= 5;
    }
    return out;
}

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

QString FiledComplaint::qrPayload() const
{
    return serverlink::complaintqr::encode(number, token);
}

ComplaintBox::ComplaintBox(const KioskStore &store, QByteArray deviceKey, Clock clock)
    : m_store(store)
    , m_key(std::move(deviceKey))
    , m_clock(std::move(clock))
{ }

Result<FiledComplaint> ComplaintBox::file(const NewComplaint &complaint)
{
    FiledComplaint filed;
    filed.number = newComplaintNumber();
    filed.token
        = QString::fromLatin1(serverlink::crypto::randomBytes(16).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    filed.category = complaint.category;
    filed.filedAt = m_clock().toUTC();
    serverlink::ComplaintBody body;
    body.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    body.number = filed.number;
    body.tokenSha256 = QString::fromLatin1(serverlink::crypto::sha256(filed.token.toUtf8()).toHex());
    body.category = complaint.category;
    body.text = complaint.text.trimmed();
    body.nik = complaint.nik;
    body.phone = complaint.phone;
    body.at = filed.filedAt;
    // The backend's own check, before anything is stored: a complaint it would refuse is never committed.
    const QByteArray json = body.toJson();
    QString why;
    if (!serverlink::ComplaintBody::fromJson(json, &why))
        return Error {ErrorCode::InvalidData, why};
    const QByteArray sealed = serverlink::crypto::aeadSeal(m_key, json, filed.number.toUtf8());
    const auto written = m_store.write(QStringLiteral("pengaduan"),
        QStringLiteral("INSERT INTO complaints (number, id, category, body_sealed, created_at) VALUES (?, ?, ?, ?, ?)"),
        {filed.number, body.id, body.category, sealed, iso(filed.filedAt)});
    if (!written)
        return written.error();
    return filed;
}

QList<serverlink::ComplaintBody> ComplaintBox::due(int limit) const
{
    QList<serverlink::ComplaintBody> out;
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT number, body_sealed FROM complaints WHERE delivered_at IS NULL AND parked_reason IS NULL"
                             " AND body_sealed IS NOT NULL ORDER BY created_at, number LIMIT ?"));
    q.addBindValue(limit);
    q.exec();
    while (q.next()) {
        const auto opened = serverlink::crypto::aeadOpen(m_key, q.value(1).toByteArray(), q.value(0).toString().toUtf8());
        if (!opened)
            continue;
        if (auto body = serverlink::ComplaintBody::fromJson(*opened))
            out.append(*body);
    }
    return out;
}

Status ComplaintBox::markDelivered(const QString &number)
{
    const auto written = m_store.write(QStringLiteral("pengaduan terkirim"),
        QStringLiteral("UPDATE complaints SET delivered_at = ?, body_sealed = NULL WHERE number = ?"), {iso(m_clock()), number});
    if (!written)
        return written.error();
    return Done {};
}

Status ComplaintBox::park(const QString &number, const QString &reason)
{
    const auto written = m_store.write(
        QStringLiteral("pengaduan ditolak"), QStringLiteral("UPDATE complaints SET parked_reason = ? WHERE number = ?"), {reason, number});
    if (!written)
        return written.error();
    return Done {};
}

int ComplaintBox::pending() const
{
    QSqlQuery q(m_store.connection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM complaints WHERE delivered_at IS NULL AND parked_reason IS NULL")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

} // namespace kiosk
