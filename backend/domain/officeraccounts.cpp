#include "officeraccounts.h"

#include "backendstore.h"
#include "crypto.h"
#include "protocol.h"

#include <QRegularExpression>

namespace backend {

namespace accounts {

bool isValidUsername(const QString &username)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9._-]{3,32}$"));
    return pattern.match(username).hasMatch();
}

Status checkPassword(const QString &password)
{
    if (password.size() < kMinPasswordLength)
        return Error {ErrorCode::InvalidData, QStringLiteral("Kata sandi minimal %1 karakter.").arg(kMinPasswordLength)};
    return Done {};
}

bool isLocked(const OfficerRecord &officer, const QDateTime &now)
{
    return officer.lockedUntil.isValid() && officer.lockedUntil > now;
}

QString lockedMessage(const OfficerRecord &officer, const QDateTime &now)
{
    return QStringLiteral("Akun dikunci sementara karena terlalu banyak percobaan salah. Coba lagi dalam %1 detik.")
        .arg(now.secsTo(officer.lockedUntil) + 1);
}

Status reauthenticate(BackendStore &store, qint64 officerId, const QString &password, const QDateTime &now)
{
    const auto fresh = store.officer(officerId);
    if (!fresh)
        return fresh.error();
    if (isLocked(fresh.value(), now))
        return Error {ErrorCode::AuthenticationFailed, lockedMessage(fresh.value(), now)};
    const bool ok = serverlink::crypto::verifySecret(password, fresh.value().passwordHash);
    (void)store.recordLoginAttempt(officerId, ok, now);
    if (!ok)
        return Error {ErrorCode::AuthenticationFailed, QStringLiteral("Kata sandi penandatanganan salah. Surat belum ditandatangani.")};
    return Done {};
}

} // namespace accounts

Result<QString> officerPhone(const QString &typed)
{
    if (typed.trimmed().isEmpty())
        return QString();
    if (const auto phone = serverlink::normalizePhone(typed.trimmed()))
        return *phone;
    return Error {ErrorCode::InvalidData,
        QStringLiteral("Nomor HP tidak valid. Tulis nomor ponsel Indonesia, mis. 0812-3456-7890 atau +62 812 3456 7890, "
                       "atau kosongkan.")};
}

Result<OfficerRecord> prepareOfficer(const NewOfficer &input, const OfficeDirectory &offices)
{
    OfficerRecord o;
    o.username = input.username.trimmed().toLower();
    o.displayName = input.displayName.trimmed();
    o.office = input.office.trimmed();
    const auto role = roleFromWire(input.role);
    if (!accounts::isValidUsername(o.username) || o.displayName.isEmpty() || !role)
        return Error {ErrorCode::InvalidData, QStringLiteral("Isi nama pengguna (3–32 huruf kecil/angka), nama lengkap dan peran.")};
    if (auto strong = accounts::checkPassword(input.password); !strong)
        return strong.error();
    const auto phone = officerPhone(input.phone);
    if (!phone)
        return phone.error();
    o.phone = phone.value();
    o.role = *role;
    if (o.role == Role::SuperAdmin)
        o.office = QStringLiteral("*");
    if (auto known = checkOffice(o.role, o.office, offices); !known)
        return known.error();
    o.passwordHash = serverlink::crypto::hashSecret(input.password);
    return o;
}

} // namespace backend
