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

Status reauthenticate(BackendStore &store, qint64 officerId, const QString &password, const QDateTime &now, const QString &wrongMessage)
{
    const auto fresh = store.officer(officerId);
    if (!fresh)
        return fresh.error();
    // Counted before the hash is computed, so parallel attempts cannot pass the limit (docs/decisions/0033).
    const auto claimed = store.claimReauthentication(officerId, now);
    if (!claimed)
        return claimed.error();
    if (claimed.value()) {
        OfficerRecord locked = fresh.value();
        locked.lockedUntil = *claimed.value();
        return Error {ErrorCode::AuthenticationFailed, lockedMessage(locked, now)};
    }
    if (!serverlink::crypto::verifySecret(password, fresh.value().passwordHash))
        return Error {ErrorCode::AuthenticationFailed,
            wrongMessage.isEmpty() ? QStringLiteral("Kata sandi penandatanganan salah. Surat belum ditandatangani.") : wrongMessage};
    if (auto reset = store.recordLoginAttempt(officerId, true, now); !reset)
        return reset.error();
    return Done {};
}

QString wrongLoginMessage()
{
    return QStringLiteral("Nama pengguna atau kata sandi salah. Setelah 5 kali salah, akun dikunci sementara.");
}

Result<OfficerRecord> login(
    BackendStore &store, const QString &username, const QString &password, const QString &source, const QDateTime &now)
{
    const QList<lockout::ThrottleKey> keys = lockout::loginKeys(username, source);
    const auto claimed = store.claimLoginAttempt(keys, now);
    if (!claimed)
        return claimed.error();
    if (claimed.value())
        return Error {ErrorCode::Throttled,
            QStringLiteral("Terlalu banyak percobaan masuk yang salah: masuk dikunci sementara. Coba lagi dalam %1 detik.")
                .arg(now.secsTo(*claimed.value()) + 1)};
    const auto officer = store.officerByUsername(username.trimmed().toLower());
    if (!officer && officer.error().code != ErrorCode::NotFound)
        return officer.error();
    // An unknown name is checked against a hash of the same cost, so the answer time does not tell which names exist.
    static const QString unknownUserHash = serverlink::crypto::hashSecret(serverlink::crypto::randomBytes(16).toHex());
    const bool ok = serverlink::crypto::verifySecret(password, officer ? officer.value().passwordHash : unknownUserHash) && officer;
    if (!ok)
        return Error {ErrorCode::AuthenticationFailed, wrongLoginMessage()};
    if (auto refunded = store.refundLoginAttempt(keys); !refunded)
        return refunded.error();
    if (!officer.value().active)
        return Error {ErrorCode::Forbidden, QStringLiteral("Akun ini tidak aktif. Hubungi admin kecamatan.")};
    if (isLocked(officer.value(), now))
        return Error {ErrorCode::Throttled, lockedMessage(officer.value(), now)};
    return store.recordLoginAttempt(officer.value().id, true, now);
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
