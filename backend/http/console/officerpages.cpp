#include "officerpages.h"

#include "auditlog.h"
#include "backendstore.h"
#include "console/consolepages.h"
#include "console/consoleserver.h"
#include "console/html.h"
#include "crypto.h"
#include "notifications.h"
#include "officeraccounts.h"
#include "offices.h"

#include <QLoggingCategory>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcConsole)

namespace backend {

using namespace console;

namespace {

const QList<Role> kAdmins {Role::AdminKecamatan, Role::SuperAdmin};

/// The officer accounts an admin manages: list, add, activate, password, phone.
struct OfficerPages {
    ConsoleServer &console;
    BackendStore &store;
    const OfficeDirectory &offices;

    void officersPage(const ConsoleRequest &req, ConsoleResponse &res, const QString &error = {});
    void addOfficer(const ConsoleRequest &req, ConsoleResponse &res);
    void updateOfficer(const ConsoleRequest &req, qint64 id, ConsoleResponse &res);
};

void OfficerPages::officersPage(const ConsoleRequest &req, ConsoleResponse &res, const QString &error)
{
    const auto all = store.officers();
    if (!all)
        return console.sendError(req, res, 500, all.error().message);
    QStringList rows;
    const QString csrf = html::csrfField(req.session.csrfToken);
    for (const OfficerRecord &o : all.value()) {
        if (!managesOffice(req.capacities, offices, o.office))
            continue;
        const bool locked = accounts::isLocked(o, QDateTime::currentDateTimeUtc());
        rows.append(html::cell(o.username) + html::cell(o.displayName) + html::cell(roleLabel(o.role)) + html::cell(o.office)
            + html::cell(o.phone.isEmpty() ? QStringLiteral("—") : smstext::maskPhone(o.phone))
            + html::cell(
                o.active ? (locked ? QStringLiteral("aktif, terkunci sementara") : QStringLiteral("aktif")) : QStringLiteral("nonaktif"))
            + QStringLiteral(
                "<td><form method=\"post\" action=\"/admin/petugas/%1\">%2"
                "<input type=\"hidden\" name=\"aktif\" value=\"%3\"><button type=\"submit\" class=\"netral\">%4</button></form>"
                "<form method=\"post\" action=\"/admin/petugas/%1\">%2<label>Kata sandi baru <input type=\"password\" "
                "name=\"password\" autocomplete=\"new-password\" minlength=\"%6\" required></label>"
                "<label>Kata sandi Anda saat ini <input type=\"password\" name=\"sandi_saat_ini\" "
                "autocomplete=\"current-password\" required></label>"
                "<button type=\"submit\" class=\"netral\">Ganti kata sandi</button></form>"
                "<form method=\"post\" action=\"/admin/petugas/%1\">%2<label>Nomor HP (kosongkan untuk menghapus) "
                "<input type=\"tel\" name=\"phone\" value=\"%5\" autocomplete=\"off\"></label>"
                "<button type=\"submit\" class=\"netral\">Simpan nomor HP</button></form></td>")
                  .arg(o.id)
                  .arg(csrf, o.active ? QStringLiteral("0") : QStringLiteral("1"),
                      o.active ? QStringLiteral("Nonaktifkan") : QStringLiteral("Aktifkan"), html::escape(o.phone),
                      QString::number(accounts::kMinPasswordLength)));
    }
    QString roleOptions;
    for (Role r : allRoles())
        if (r != Role::SuperAdmin || managesOffice(req.capacities, offices, QStringLiteral("*")))
            roleOptions += QStringLiteral("<option value=\"%1\">%2</option>").arg(roleToWire(r), html::escape(roleLabel(r)));
    const QString body
        = html::table({QStringLiteral("Nama pengguna"), QStringLiteral("Nama"), QStringLiteral("Peran"), QStringLiteral("Kantor"),
                          QStringLiteral("Nomor HP"), QStringLiteral("Status"), QStringLiteral("Ubah")},
              rows, QStringLiteral("Belum ada petugas."))
        + QStringLiteral(
            "<h2>Tambah petugas</h2><form method=\"post\" action=\"/admin/petugas\" class=\"aksi\">%1"
            "<label>Nama pengguna <input type=\"text\" name=\"username\" required pattern=\"[a-z0-9._-]{3,32}\"></label>"
            "<label>Nama lengkap <input type=\"text\" name=\"name\" required></label>"
            "<label>Peran <select name=\"role\">%2</select></label>"
            "<label>Kode kantor (desa 10 angka, kecamatan 6 angka) <input type=\"text\" name=\"office\" required></label>"
            "<label>Nomor HP untuk pengingat SMS (boleh kosong) <input type=\"tel\" name=\"phone\" autocomplete=\"off\"></label>"
            "<label>Kata sandi awal (minimal %3 karakter) <input type=\"password\" name=\"password\" minlength=\"%3\" "
            "autocomplete=\"new-password\" required></label><button type=\"submit\">Tambah</button></form>")
              .arg(csrf, roleOptions, QString::number(accounts::kMinPasswordLength));
    console.sendPage(req, res, QStringLiteral("/admin/petugas"), QStringLiteral("Petugas"), body, error);
}

void OfficerPages::addOfficer(const ConsoleRequest &req, ConsoleResponse &res)
{
    const auto o = prepareOfficer(NewOfficer {req.form.value(QStringLiteral("username")), req.form.value(QStringLiteral("name")),
                                      req.form.value(QStringLiteral("role")), req.form.value(QStringLiteral("office")),
                                      req.form.value(QStringLiteral("phone")), req.form.value(QStringLiteral("password"))},
        offices);
    if (!o)
        return officersPage(req, res, o.error().message);
    if (!managesOffice(req.capacities, offices, o.value().office))
        return officersPage(req, res, QStringLiteral("Anda hanya dapat menambah petugas di wilayah kecamatan Anda."));
    const auto id = store.insertOfficer(o.value());
    if (!id)
        return officersPage(req, res, id.error().message);
    (void)audit::record(store, {req.officer.username, req.source}, QStringLiteral("petugas.tambah"), o.value().username,
        QStringLiteral("peran %1, kantor %2").arg(roleToWire(o.value().role), o.value().office));
    ConsoleServer::redirect(res, QStringLiteral("/admin/petugas?pesan=petugas"));
}

void OfficerPages::updateOfficer(const ConsoleRequest &req, qint64 id, ConsoleResponse &res)
{
    auto o = store.officer(id);
    if (!o || !managesOffice(req.capacities, offices, o.value().office))
        return console.sendError(req, res, 404, QStringLiteral("Petugas tidak ditemukan di wilayah Anda."));
    if (req.form.contains(QStringLiteral("phone"))) {
        const auto phone = officerPhone(req.form.value(QStringLiteral("phone")));
        if (!phone)
            return officersPage(req, res, phone.error().message);
        o.value().phone = phone.value();
        if (auto done = store.updateOfficer(o.value()); !done)
            return console.sendError(req, res, 500, done.error().message);
        // The number is PII: the logs say whose number changed, never the number.
        qCInfo(lcConsole) << "officer id" << req.officer.id << "set the phone number of officer id" << id;
        (void)audit::record(store, {req.officer.username, req.source}, QStringLiteral("petugas.hp"), o.value().username,
            o.value().phone.isEmpty() ? QStringLiteral("dihapus") : QStringLiteral("diganti"));
        return ConsoleServer::redirect(res, QStringLiteral("/admin/petugas?pesan=petugas"));
    }
    if (req.form.contains(QStringLiteral("password"))) {
        const QString password = req.form.value(QStringLiteral("password"));
        if (auto strong = accounts::checkPassword(password); !strong)
            return officersPage(req, res, strong.error().message);
        // A session left open is not enough to take over an account: the one changing a password proves who they are.
        if (auto verified = accounts::reauthenticate(store, req.officer.id, req.form.value(QStringLiteral("sandi_saat_ini")),
                QDateTime::currentDateTimeUtc(), QStringLiteral("Kata sandi Anda saat ini salah. Kata sandi belum diganti."));
            !verified)
            return officersPage(req, res, verified.error().message);
        if (auto done = store.setOfficerPassword(id, serverlink::crypto::hashSecret(password)); !done)
            return console.sendError(req, res, 500, done.error().message);
        (void)store.clearLoginFailures(o.value().username);
        (void)audit::record(store, {req.officer.username, req.source}, QStringLiteral("petugas.sandi"), o.value().username);
    }
    if (req.form.contains(QStringLiteral("aktif"))) {
        if (id == req.officer.id)
            return officersPage(req, res, QStringLiteral("Anda tidak dapat menonaktifkan akun Anda sendiri."));
        o.value().active = req.form.value(QStringLiteral("aktif")) == QLatin1String("1");
        if (auto done = store.updateOfficer(o.value()); !done)
            return console.sendError(req, res, 500, done.error().message);
        (void)audit::record(store, {req.officer.username, req.source},
            o.value().active ? QStringLiteral("petugas.aktif") : QStringLiteral("petugas.nonaktif"), o.value().username);
    }
    // A changed password or a deactivated account ends the officer's sessions.
    (void)store.deleteSessionsOf(id);
    ConsoleServer::redirect(res, QStringLiteral("/admin/petugas?pesan=petugas"));
}

} // namespace

void addOfficerPages(ConsoleServer &console, BackendStore &store, const OfficeDirectory &offices)
{
    auto pages = std::make_shared<OfficerPages>(OfficerPages {console, store, offices});
    console.addFlashText(QStringLiteral("petugas"), QStringLiteral("Data petugas disimpan."));
    console.addRoute(QStringLiteral("GET"), QStringLiteral("/admin/petugas"), kAdmins, QStringLiteral("Petugas"),
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->officersPage(req, res); });
    console.addRoute(QStringLiteral("POST"), QStringLiteral("/admin/petugas"), kAdmins, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->addOfficer(req, res); });
    console.addRoute(QStringLiteral("POST"), QStringLiteral(R"(/admin/petugas/(\d+))"), kAdmins, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->updateOfficer(req, req.captured.toLongLong(), res); });
}

} // namespace backend
