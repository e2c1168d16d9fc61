#include "staffaccounts.h"

#include "crypto.h"
#include "officeraccounts.h"
#include "offices.h"

#include <algorithm>

namespace backend {

namespace staffcard = serverlink::staffcard;

bool managesStaffOf(const QList<Capacity> &capacities, const OfficeDirectory &offices, const QString &desaCode)
{
    const auto desa = offices.desa(desaCode);
    for (const Capacity &c : capacities) {
        if (c.role == Role::SuperAdmin)
            return true;
        if (c.role == Role::AdminKecamatan && desa && desa->kecamatanCode == c.office)
            return true;
        if (c.role == Role::SekretarisDesa && c.office == desaCode && c.onBehalfOf.isEmpty())
            return true;
    }
    return false;
}

StaffAccounts::StaffAccounts(BackendStore &store, const OfficeDirectory &offices, int iterations)
    : m_store(store)
    , m_offices(offices)
    , m_iterations(std::clamp(iterations, staffcard::kMinIterations, staffcard::kMaxIterations))
{ }

Result<StaffAccountRecord> StaffAccounts::add(const QString &desaCode, const QString &username, const QString &name, const QString &role)
{
    StaffAccountRecord s;
    if (!role.trimmed().isEmpty())
        s.role = role.trimmed().toLower();
    if (s.role != QLatin1String(serverlink::StaffCredential::kRoleStaff)
        && s.role != QLatin1String(serverlink::StaffCredential::kRoleTechnician))
        return Error {ErrorCode::InvalidData,
            QStringLiteral("Peran harus '%1' atau '%2'.")
                .arg(QLatin1String(serverlink::StaffCredential::kRoleStaff), QLatin1String(serverlink::StaffCredential::kRoleTechnician))};
    s.desaCode = desaCode.trimmed();
    s.username = username.trimmed().toLower();
    s.name = name.simplified();
    if (!accounts::isValidUsername(s.username))
        return Error {ErrorCode::InvalidData, QStringLiteral("Nama pengguna harus 3–32 huruf kecil, angka, '.', '_' atau '-'.")};
    if (s.name.isEmpty() || s.name.size() > 100)
        return Error {ErrorCode::InvalidData, QStringLiteral("Nama lengkap wajib diisi, paling banyak 100 karakter.")};
    if (!m_offices.desa(s.desaCode))
        return Error {ErrorCode::UnknownOffice, QStringLiteral("Desa %1 tidak ada di data induk.").arg(s.desaCode)};
    s.iterations = m_iterations;
    const auto id = m_store.insertStaffAccount(s);
    if (!id)
        return id.error();
    s.id = id.value();
    return s;
}

Result<StaffAccountRecord> StaffAccounts::active(const QString &username) const
{
    auto staff = m_store.staffAccount(username.trimmed().toLower());
    if (!staff)
        return staff.error();
    if (!staff.value().active)
        return Error {ErrorCode::InvalidData, QStringLiteral("Petugas '%1' sudah dinonaktifkan.").arg(staff.value().username)};
    return staff;
}

Result<QString> StaffAccounts::newCard(StaffAccountRecord staff, const QString &pin)
{
    const QByteArray secret = staffcard::newSecret();
    staff.iterations = m_iterations;
    staff.cardLookup = staffcard::cardLookup(secret);
    staff.cardSalt = serverlink::crypto::randomBytes(staffcard::kSaltBytes);
    staff.cardVerifier = staffcard::cardVerifier(pin, staff.cardSalt, secret, staff.iterations);
    staff.pinSalt = serverlink::crypto::randomBytes(staffcard::kSaltBytes);
    staff.pinVerifier = staffcard::pinVerifier(pin, staff.pinSalt, staff.iterations);
    if (const Status saved = m_store.updateStaffAccount(staff); !saved)
        return saved.error();
    return staffcard::payload(secret);
}

Result<QString> StaffAccounts::setPin(const QString &username, const QString &pin, const QString &repeat)
{
    const auto staff = active(username);
    if (!staff)
        return staff.error();
    if (!staffcard::isValidPin(pin))
        return Error {ErrorCode::InvalidData, QStringLiteral("PIN harus 4–6 angka.")};
    if (pin != repeat)
        return Error {ErrorCode::InvalidData, QStringLiteral("Kedua PIN tidak sama. Ketik PIN yang sama dua kali.")};
    return newCard(staff.value(), pin);
}

Result<QString> StaffAccounts::issueCard(const QString &username, const QString &pin)
{
    const auto staff = active(username);
    if (!staff)
        return staff.error();
    const StaffAccountRecord &s = staff.value();
    if (s.pinVerifier.isEmpty())
        return Error {ErrorCode::InvalidData,
            QStringLiteral("Petugas '%1' belum punya PIN. Atur PIN dulu; kartu dicetak sesudahnya.").arg(s.username)};
    if (!serverlink::crypto::sameBytes(staffcard::pinVerifier(pin, s.pinSalt, s.iterations), s.pinVerifier))
        return Error {ErrorCode::AuthenticationFailed, QStringLiteral("PIN salah. Kartu baru dibuat dengan PIN yang sekarang berlaku.")};
    return newCard(s, pin);
}

Status StaffAccounts::allowWithoutCard(const QString &username, bool allowed)
{
    auto staff = active(username);
    if (!staff)
        return staff.error();
    staff.value().allowWithoutCard = allowed;
    return m_store.updateStaffAccount(staff.value());
}

Status StaffAccounts::deactivate(const QString &username)
{
    auto staff = m_store.staffAccount(username.trimmed().toLower());
    if (!staff)
        return staff.error();
    staff.value().active = false;
    return m_store.updateStaffAccount(staff.value());
}

Result<QList<StaffAccountRecord>> StaffAccounts::list(const QString &desaCode) const
{
    return m_store.staffAccounts(desaCode);
}

Result<serverlink::StaffCredentials> staffCredentials(BackendStore &store, const QString &desaCode)
{
    const auto all = store.staffAccounts(desaCode);
    if (!all)
        return all.error();
    serverlink::StaffCredentials out;
    for (const StaffAccountRecord &s : all.value()) {
        if (!s.active || s.cardLookup.isEmpty() || out.staff.size() >= serverlink::StaffCredentials::kMaxStaff)
            continue;
        serverlink::StaffCredential c {s.username, s.name, s.cardLookup, s.cardSalt, s.cardVerifier, {}, {}, s.iterations, s.role};
        if (s.allowWithoutCard) {
            c.pinSalt = s.pinSalt;
            c.pinVerifier = s.pinVerifier;
        }
        out.staff.append(c);
    }
    return out;
}

} // namespace backend
