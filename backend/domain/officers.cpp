#include "officers.h"

#include <algorithm>

namespace backend {

QList<Role> allRoles()
{
    return {Role::DesaFrontOffice, Role::SekretarisDesa, Role::KepalaDesa, Role::KecamatanFrontOffice, Role::KasiPelayanan, Role::Camat,
        Role::AdminKecamatan, Role::Teknisi, Role::SuperAdmin};
}

QString roleToWire(Role role)
{
    switch (role) {
    case Role::DesaFrontOffice:
        return QStringLiteral("desa_front_office");
    case Role::SekretarisDesa:
        return QStringLiteral("sekretaris_desa");
    case Role::KepalaDesa:
        return QStringLiteral("kepala_desa");
    case Role::KecamatanFrontOffice:
        return QStringLiteral("kecamatan_front_office");
    case Role::KasiPelayanan:
        return QStringLiteral("kasi_pelayanan");
    case Role::Camat:
        return QStringLiteral("camat");
    case Role::AdminKecamatan:
        return QStringLiteral("admin_kecamatan");
    case Role::Teknisi:
        return QStringLiteral("teknisi");
    case Role::SuperAdmin:
        return QStringLiteral("super_admin");
    }
    return {};
}

std::optional<Role> roleFromWire(const QString &wire)
{
    for (Role r : allRoles())
        if (roleToWire(r) == wire)
            return r;
    return std::nullopt;
}

QString roleLabel(Role role)
{
    switch (role) {
    case Role::DesaFrontOffice:
        return QStringLiteral("Petugas Pelayanan Desa");
    case Role::SekretarisDesa:
        return QStringLiteral("Sekretaris Desa");
    case Role::KepalaDesa:
        return QStringLiteral("Kepala Desa");
    case Role::KecamatanFrontOffice:
        return QStringLiteral("Petugas Pelayanan Kecamatan");
    case Role::KasiPelayanan:
        return QStringLiteral("Kasi Pelayanan");
    case Role::Camat:
        return QStringLiteral("Camat");
    case Role::AdminKecamatan:
        return QStringLiteral("Admin Kecamatan");
    case Role::Teknisi:
        return QStringLiteral("Teknisi");
    case Role::SuperAdmin:
        return QStringLiteral("Super Admin");
    }
    return {};
}

bool isDesaRole(Role role)
{
    return role == Role::DesaFrontOffice || role == Role::SekretarisDesa || role == Role::KepalaDesa;
}

Status checkOffice(Role role, const QString &office, const OfficeDirectory &offices)
{
    if (role == Role::SuperAdmin)
        return office == QLatin1String("*") ? Status(Done {})
                                            : Status(Error {ErrorCode::UnknownOffice, QStringLiteral("Super admin memakai kantor '*'.")});
    if (isDesaRole(role)) {
        if (offices.desa(office))
            return Done {};
        return Error {
            ErrorCode::UnknownOffice, QStringLiteral("Kode desa %1 tidak ada di tabel kantor. Periksa kode desa (10 angka).").arg(office)};
    }
    if (offices.anyInKecamatan(office))
        return Done {};
    return Error {ErrorCode::UnknownOffice,
        QStringLiteral("Kode kecamatan %1 tidak ada di tabel kantor. Periksa kode kecamatan (6 angka).").arg(office)};
}

namespace lockout {

int delaySeconds(int failures, int freeFailures)
{
    if (failures < freeFailures)
        return 0;
    const int doublings = std::min(failures - freeFailures, 16);
    return std::min(kBaseDelaySeconds << doublings, kMaxDelaySeconds);
}

QList<ThrottleRule> loginRules()
{
    // An office shares one address behind its router: the source allows many more failures than one user there.
    return {
        {Scope::Source, 20, 3600},
        {Scope::UserAtSource, kFreeFailures, 24 * 3600},
        {Scope::User, 10, 24 * 3600},
    };
}

QList<ThrottleKey> loginKeys(const QString &username, const QString &source)
{
    const QString user = username.trimmed().toLower();
    QList<ThrottleKey> keys;
    for (const ThrottleRule &rule : loginRules()) {
        switch (rule.scope) {
        case Scope::Source:
            keys.append({QStringLiteral("source:") + source, rule});
            break;
        case Scope::UserAtSource:
            keys.append({QStringLiteral("user-at-source:%1@%2").arg(user, source), rule});
            break;
        case Scope::User:
            keys.append({QStringLiteral("user:") + user, rule});
            break;
        }
    }
    return keys;
}

} // namespace lockout

} // namespace backend
