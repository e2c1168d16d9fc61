#include "leavepages.h"

#include "auditlog.h"
#include "backendstore.h"
#include "console/consolepages.h"
#include "console/consoleserver.h"
#include "console/html.h"
#include "offices.h"

#include <memory>

namespace backend {

using namespace console;

namespace {

const QList<Role> kAdmins {Role::AdminKecamatan, Role::SuperAdmin};

/// Leave and delegate signers an admin records and cancels.
struct LeavePages {
    ConsoleServer &console;
    BackendStore &store;
    const OfficeDirectory &offices;

    void leavePage(const ConsoleRequest &req, ConsoleResponse &res, const QString &error = {});
    void addLeave(const ConsoleRequest &req, ConsoleResponse &res);
    void cancelLeave(const ConsoleRequest &req, qint64 id, ConsoleResponse &res);
};

void LeavePages::leavePage(const ConsoleRequest &req, ConsoleResponse &res, const QString &error)
{
    const auto all = store.officers();
    const auto leaves = store.delegations();
    if (!all || !leaves)
        return console.sendError(req, res, 500, (!all ? all.error() : leaves.error()).message);
    QHash<qint64, OfficerRecord> byId;
    QString options;
    for (const OfficerRecord &o : all.value()) {
        byId.insert(o.id, o);
        if (managesOffice(req.capacities, offices, o.office) && o.active)
            options += QStringLiteral("<option value=\"%1\">%2 — %3 (%4)</option>")
                           .arg(o.id)
                           .arg(html::escape(o.displayName), html::escape(roleLabel(o.role)), html::escape(o.office));
    }
    const QString csrf = html::csrfField(req.session.csrfToken);
    QStringList rows;
    for (const DelegationRecord &d : leaves.value()) {
        const OfficerRecord absent = byId.value(d.officerId);
        if (!managesOffice(req.capacities, offices, absent.office))
            continue;
        const QString state = !d.cancelledAt.isNull() ? QStringLiteral("dibatalkan")
            : d.coversDay(QDate::currentDate())       ? QStringLiteral("berlaku")
            : d.ends < QDate::currentDate()           ? QStringLiteral("selesai")
                                                      : QStringLiteral("terjadwal");
        rows.append(html::cell(absent.displayName) + html::cell(byId.value(d.delegateId).displayName)
            + html::cell(QStringLiteral("%1 s.d. %2")
                             .arg(d.starts.toString(QStringLiteral("dd-MM-yyyy")), d.ends.toString(QStringLiteral("dd-MM-yyyy"))))
            + html::cell(d.reason) + html::cell(state)
            + (d.cancelledAt.isNull() ? QStringLiteral("<td><form method=\"post\" action=\"/admin/cuti/%1/batal\">%2"
                                                       "<button type=\"submit\" class=\"netral\">Batalkan</button></form></td>")
                                            .arg(d.id)
                                            .arg(csrf)
                                      : QStringLiteral("<td></td>")));
    }
    const QString body = html::table({QStringLiteral("Petugas cuti"), QStringLiteral("Pengganti"), QStringLiteral("Tanggal"),
                                         QStringLiteral("Alasan"), QStringLiteral("Status"), QStringLiteral("")},
                             rows, QStringLiteral("Belum ada cuti tercatat."))
        + QStringLiteral("<h2>Catat cuti dan pengganti</h2><form method=\"post\" action=\"/admin/cuti\" class=\"aksi\">%1"
                         "<label>Petugas yang cuti <select name=\"petugas\">%2</select></label>"
                         "<label>Pengganti (dari kantor yang sama) <select name=\"pengganti\">%2</select></label>"
                         "<label>Mulai <input type=\"date\" name=\"mulai\" required></label>"
                         "<label>Sampai dengan <input type=\"date\" name=\"sampai\" required></label>"
                         "<label>Alasan <input type=\"text\" name=\"alasan\" required></label>"
                         "<button type=\"submit\">Simpan</button></form>")
              .arg(csrf, options);
    console.sendPage(req, res, QStringLiteral("/admin/cuti"), QStringLiteral("Cuti dan pengganti"), body, error);
}

void LeavePages::addLeave(const ConsoleRequest &req, ConsoleResponse &res)
{
    DelegationRecord d;
    d.officerId = req.form.value(QStringLiteral("petugas")).toLongLong();
    d.delegateId = req.form.value(QStringLiteral("pengganti")).toLongLong();
    d.starts = QDate::fromString(req.form.value(QStringLiteral("mulai")), Qt::ISODate);
    d.ends = QDate::fromString(req.form.value(QStringLiteral("sampai")), Qt::ISODate);
    d.reason = req.form.value(QStringLiteral("alasan")).trimmed();
    d.createdBy = req.officer.username;
    const auto absent = store.officer(d.officerId);
    const auto delegate = store.officer(d.delegateId);
    if (!absent || !delegate || !managesOffice(req.capacities, offices, absent.value().office))
        return leavePage(req, res, QStringLiteral("Pilih petugas dan pengganti dari wilayah Anda."));
    if (auto valid = leave::checkDelegation(d, absent.value(), delegate.value()); !valid)
        return leavePage(req, res, valid.error().message);
    if (auto id = store.insertDelegation(d); !id)
        return console.sendError(req, res, 500, id.error().message);
    // Handing a signer's role to oneself is the step an audit must make visible.
    (void)audit::record(store, {req.officer.username, req.source}, QStringLiteral("cuti.tambah"), absent.value().username,
        QStringLiteral("%1 (%2) digantikan %3, %4 s.d. %5%6")
            .arg(absent.value().username, roleLabel(absent.value().role), delegate.value().username, d.starts.toString(Qt::ISODate),
                d.ends.toString(Qt::ISODate),
                delegate.value().id == req.officer.id ? QStringLiteral("; pengganti adalah pencatat sendiri") : QString()));
    ConsoleServer::redirect(res, QStringLiteral("/admin/cuti?pesan=cuti"));
}

void LeavePages::cancelLeave(const ConsoleRequest &req, qint64 id, ConsoleResponse &res)
{
    const auto leaves = store.delegations();
    if (!leaves)
        return console.sendError(req, res, 500, leaves.error().message);
    for (const DelegationRecord &d : leaves.value()) {
        if (d.id != id)
            continue;
        const auto absent = store.officer(d.officerId);
        if (!absent || !managesOffice(req.capacities, offices, absent.value().office))
            break;
        if (auto done = store.cancelDelegation(id, QDateTime::currentDateTimeUtc()); !done)
            return console.sendError(req, res, 500, done.error().message);
        (void)audit::record(store, {req.officer.username, req.source}, QStringLiteral("cuti.batal"), absent.value().username,
            QStringLiteral("cuti %1 s.d. %2").arg(d.starts.toString(Qt::ISODate), d.ends.toString(Qt::ISODate)));
        return ConsoleServer::redirect(res, QStringLiteral("/admin/cuti?pesan=cuti"));
    }
    console.sendError(req, res, 404, QStringLiteral("Data cuti tidak ditemukan di wilayah Anda."));
}

} // namespace

void addLeavePages(ConsoleServer &console, BackendStore &store, const OfficeDirectory &offices)
{
    auto pages = std::make_shared<LeavePages>(LeavePages {console, store, offices});
    console.addFlashText(QStringLiteral("cuti"), QStringLiteral("Data cuti dan pengganti disimpan."));
    console.addRoute(QStringLiteral("GET"), QStringLiteral("/admin/cuti"), kAdmins, QStringLiteral("Cuti & pengganti"),
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->leavePage(req, res); });
    console.addRoute(QStringLiteral("POST"), QStringLiteral("/admin/cuti"), kAdmins, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->addLeave(req, res); });
    console.addRoute(QStringLiteral("POST"), QStringLiteral(R"(/admin/cuti/(\d+)/batal)"), kAdmins, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->cancelLeave(req, req.captured.toLongLong(), res); });
}

} // namespace backend
