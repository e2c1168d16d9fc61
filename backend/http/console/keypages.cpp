#include "keypages.h"

#include "backendstore.h"
#include "console/consolepages.h"
#include "console/consoleserver.h"
#include "console/html.h"
#include "offices.h"

namespace backend {

using namespace console;

namespace {

const QList<Role> kAdmins {Role::AdminKecamatan, Role::SuperAdmin};

QString statusLabel(const SigningKeyRecord &k)
{
    if (k.status == QLatin1String("revoked"))
        return QStringLiteral("DICABUT %1: %2").arg(k.revokedAt.toString(QStringLiteral("dd-MM-yyyy HH:mm")), k.revokeReason);
    return k.status == QLatin1String("active") ? QStringLiteral("aktif") : QStringLiteral("pensiun");
}

} // namespace

void addKeyPages(ConsoleServer &console, BackendStore &store, const OfficeDirectory &offices)
{
    console.addRoute(QStringLiteral("GET"), QStringLiteral("/admin/kunci"), kAdmins, QStringLiteral("Kunci segel"),
        [&console, &store, &offices](const ConsoleRequest &req, ConsoleResponse &res) {
            const auto keys = store.signingKeys();
            if (!keys)
                return console.sendError(req, res, 500, keys.error().message);
            QStringList rows;
            for (const SigningKeyRecord &k : keys.value()) {
                // A kecamatan's own key has the office code "<kode kecamatan>0000".
                const bool kecamatanKey = k.office.endsWith(QStringLiteral("0000"));
                if (!managesOffice(req.capacities, offices, kecamatanKey ? k.office.left(6) : k.office))
                    continue;
                const bool revoked = k.status == QLatin1String("revoked");
                rows.append(html::cell(k.keyId.left(8)) + html::cell(k.office) + html::cell(k.officeName) + html::cell(k.signer)
                    + html::cell(k.validFrom.toString(QStringLiteral("dd-MM-yyyy")))
                    + html::cell(k.validUntil.isNull() ? QStringLiteral("—") : k.validUntil.toString(QStringLiteral("dd-MM-yyyy")))
                    + html::cell(statusLabel(k), revoked ? QStringLiteral("bahaya") : QString()));
            }
            const QString body = QStringLiteral("<p>Kunci penandatangan segel surat. Kunci yang bocor dicabut di server dengan "
                                                "<code>kecamatan-backend keys revoke KID --reason ALASAN</code>; setiap surat yang "
                                                "ditandatanganinya tampil DICABUT di anjungan setelah sinkron berikutnya.</p>")
                + html::table(
                    {QStringLiteral("KID"), QStringLiteral("Kantor"), QStringLiteral("Nama kantor"), QStringLiteral("Penandatangan"),
                        QStringLiteral("Berlaku dari"), QStringLiteral("Berlaku sampai"), QStringLiteral("Status")},
                    rows, QStringLiteral("Belum ada kunci segel."));
            console.sendPage(req, res, QStringLiteral("/admin/kunci"), QStringLiteral("Kunci segel"), body);
        });
}

} // namespace backend
