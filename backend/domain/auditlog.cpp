#include "auditlog.h"

#include "backendstore.h"

#include <QLoggingCategory>
#include <pwd.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcAudit, "backend.audit")

namespace backend::audit {

QList<ActionLabel> actions()
{
    return {
        {"petugas.tambah", "Tambah petugas"},
        {"petugas.sandi", "Ganti kata sandi petugas"},
        {"petugas.aktif", "Aktifkan petugas"},
        {"petugas.nonaktif", "Nonaktifkan petugas"},
        {"petugas.hp", "Ubah nomor HP petugas"},
        {"cuti.tambah", "Catat cuti dan pengganti"},
        {"cuti.batal", "Batalkan cuti"},
        {"loket.tambah", "Tambah petugas loket"},
        {"loket.pin", "Atur PIN dan kartu petugas loket"},
        {"loket.kartu", "Terbitkan kartu petugas loket"},
        {"loket.tanpa-kartu", "Izinkan petugas loket masuk tanpa kartu"},
        {"loket.wajib-kartu", "Wajibkan kartu petugas loket"},
        {"loket.nonaktif", "Nonaktifkan petugas loket"},
        {"anjungan.kode", "Buat kode pendaftaran anjungan"},
        {"anjungan.cabut", "Cabut sertifikat anjungan"},
        {"kunci.buat", "Buat kunci segel kantor"},
        {"kunci.ganti", "Ganti (rotasi) kunci segel kantor"},
        {"kunci.cabut", "Cabut kunci segel kantor"},
        {"desa.tambah", "Tambah desa"},
        {"desa.ubah", "Ubah data desa"},
    };
}

QString actionLabel(const QString &action)
{
    for (const ActionLabel &a : actions())
        if (action == QLatin1String(a.action))
            return QString::fromUtf8(a.label);
    return action;
}

Actor commandLine()
{
    // sudo keeps the person's own name in SUDO_USER; otherwise the account that runs the command.
    QString user = qEnvironmentVariable("SUDO_USER");
    if (user.isEmpty())
        if (const passwd *pw = getpwuid(geteuid()))
            user = QString::fromLocal8Bit(pw->pw_name);
    return {QStringLiteral("cli:") + user, QStringLiteral("lokal")};
}

Status record(BackendStore &store, const Actor &actor, const QString &action, const QString &subject, const QString &detail)
{
    const auto id = store.appendAudit(AuditRecord {0, {}, actor.name, action, subject, detail, actor.source});
    if (!id) {
        qCWarning(lcAudit) << "audit entry" << action << "for" << subject << "not written:" << id.error().message;
        return id.error();
    }
    return Done {};
}

} // namespace backend::audit
