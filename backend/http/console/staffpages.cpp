#include "staffpages.h"

#include "auditlog.h"
#include "backendstore.h"
#include "console/consoleserver.h"
#include "console/html.h"
#include "offices.h"
#include "qrcode.h"
#include "staffaccounts.h"

#include <QLoggingCategory>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcConsole)

namespace backend {

using namespace console;

namespace {

const QList<Role> kStaffManagers {Role::SekretarisDesa, Role::AdminKecamatan, Role::SuperAdmin};
const QString kPath = QStringLiteral("/petugas-loket");

/// The QR of a card payload as inline SVG (a CSP without inline styles allows it: attributes only).
QString qrSvg(const QString &payload)
{
    const auto qr = serverlink::QrCode::encode(payload);
    if (!qr)
        return {};
    const int quiet = 4;
    const int side = qr->size + 2 * quiet;
    QString path;
    for (int y = 0; y < qr->size; ++y)
        for (int x = 0; x < qr->size; ++x)
            if (qr->dark(x, y))
                path += QStringLiteral("M%1 %2h1v1h-1z").arg(x + quiet).arg(y + quiet);
    return QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %1 %1\" width=\"30mm\" height=\"30mm\" "
                          "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR kartu petugas\">"
                          "<rect width=\"%1\" height=\"%1\" fill=\"#fff\"/><path fill=\"#000\" d=\"%2\"/></svg>")
        .arg(side)
        .arg(path);
}

struct StaffPages {
    ConsoleServer &console;
    BackendStore &store;
    const OfficeDirectory &offices;
    int iterations;

    [[nodiscard]] StaffAccounts accounts() const { return StaffAccounts(store, offices, iterations); }
    void listPage(const ConsoleRequest &req, ConsoleResponse &res, const QString &error = {});
    void add(const ConsoleRequest &req, ConsoleResponse &res);
    void act(const ConsoleRequest &req, const QString &username, ConsoleResponse &res);
    void cardPage(const ConsoleRequest &req, ConsoleResponse &res, const StaffAccountRecord &staff, const QString &payload);
};

void StaffPages::listPage(const ConsoleRequest &req, ConsoleResponse &res, const QString &error)
{
    const QString csrf = html::csrfField(req.session.csrfToken);
    QString body = QStringLiteral(
        "<p>Petugas loket masuk ke meja petugas di anjungan dengan <strong>kartu petugas</strong> (kode QR) dan PIN 4–6 angka. "
        "Anjungan menyimpan daftar ini terkunci dan memeriksanya tanpa jaringan. Setiap kali PIN diatur, kartu baru dicetak dan "
        "kartu lama tidak berlaku lagi (setelah anjungan sinkron).</p>");
    QStringList desaOptions;
    const auto all = store.staffAccounts({});
    for (const DesaOffice &d : offices.all()) {
        if (!managesStaffOf(req.capacities, offices, d.code))
            continue;
        desaOptions.append(QStringLiteral("<option value=\"%1\">%2 (%1)</option>").arg(d.code, html::escape(d.name)));
        QStringList rows;
        for (const StaffAccountRecord &s : all ? all.value() : QList<StaffAccountRecord> {}) {
            if (s.desaCode != d.code)
                continue;
            const QString action = QStringLiteral("%1/%2").arg(kPath, html::urlEncode(s.username));
            QString forms;
            if (s.active) {
                const QString form = QStringLiteral("<form method=\"post\" action=\"%1\" class=\"aksi\">%2<input type=\"hidden\" "
                                                    "name=\"aksi\" value=\"%3\">%4<button type=\"submit\"%5>%6</button></form>");
                const QString pin2
                    = QStringLiteral("<label>PIN baru (4–6 angka) <input type=\"password\" name=\"pin\" inputmode=\"numeric\" "
                                     "pattern=\"[0-9]{4,6}\" required autocomplete=\"off\"></label><label>Ulangi PIN "
                                     "<input type=\"password\" name=\"pin2\" inputmode=\"numeric\" pattern=\"[0-9]{4,6}\" "
                                     "required autocomplete=\"off\"></label>");
                const QString pin1 = QStringLiteral("<label>PIN yang berlaku <input type=\"password\" name=\"pin\" inputmode=\"numeric\" "
                                                    "pattern=\"[0-9]{4,6}\" required autocomplete=\"off\"></label>");
                forms += form.arg(action, csrf, QStringLiteral("pin"), pin2, QString(), QStringLiteral("Atur PIN dan cetak kartu"));
                if (!s.cardLookup.isEmpty())
                    forms += form.arg(
                        action, csrf, QStringLiteral("kartu"), pin1, QString(), QStringLiteral("Kartu baru (kartu lama hangus)"));
                forms += form.arg(action, csrf, s.allowWithoutCard ? QStringLiteral("wajib-kartu") : QStringLiteral("tanpa-kartu"),
                    QString(), QStringLiteral(" class=\"netral\""),
                    s.allowWithoutCard ? QStringLiteral("Wajibkan kartu") : QStringLiteral("Izinkan masuk tanpa kartu"));
                forms += form.arg(action, csrf, QStringLiteral("nonaktif"), QString(), QStringLiteral(" class=\"bahaya\""),
                    QStringLiteral("Nonaktifkan"));
            }
            rows.append(html::cell(s.username) + html::cell(s.name)
                + html::cell(!s.active           ? QStringLiteral("nonaktif")
                        : s.cardLookup.isEmpty() ? QStringLiteral("belum ada PIN/kartu")
                        : s.allowWithoutCard     ? QStringLiteral("aktif; boleh masuk tanpa kartu")
                                                 : QStringLiteral("aktif; wajib kartu"))
                + html::cell(html::wibTime(s.updatedAt)) + QStringLiteral("<td>%1</td>").arg(forms));
        }
        body += QStringLiteral("<h2>%1 (%2)</h2>").arg(html::escape(d.name), d.code)
            + html::table({QStringLiteral("Pengguna"), QStringLiteral("Nama"), QStringLiteral("Status"), QStringLiteral("Diubah"),
                              QStringLiteral("Tindakan")},
                rows, QStringLiteral("Belum ada petugas loket."));
    }
    if (desaOptions.isEmpty())
        body += QStringLiteral("<p class=\"kosong\">Tidak ada desa yang petugasnya Anda kelola.</p>");
    else
        body += QStringLiteral("<h2>Tambah petugas loket</h2><form method=\"post\" action=\"%1\" class=\"aksi\">%2"
                               "<label>Desa <select name=\"desa\">%3</select></label>"
                               "<label>Nama pengguna (3–32 huruf kecil, angka, . _ -) <input type=\"text\" name=\"username\" required "
                               "pattern=\"[a-z0-9._\\-]{3,32}\"></label>"
                               "<label>Nama lengkap <input type=\"text\" name=\"nama\" required maxlength=\"100\"></label>"
                               "<button type=\"submit\">Tambah</button></form>")
                    .arg(kPath, csrf, desaOptions.join(QString()));
    console.sendPage(req, res, kPath, QStringLiteral("Petugas loket"), body, error);
}

void StaffPages::add(const ConsoleRequest &req, ConsoleResponse &res)
{
    const QString desa = req.form.value(QStringLiteral("desa")).trimmed();
    if (!managesStaffOf(req.capacities, offices, desa))
        return console.sendError(req, res, 403, QStringLiteral("Petugas loket desa %1 tidak dapat Anda kelola.").arg(desa));
    const auto added = accounts().add(desa, req.form.value(QStringLiteral("username")), req.form.value(QStringLiteral("nama")));
    if (!added)
        return listPage(req, res, added.error().message);
    qCInfo(lcConsole).noquote() << "officer id" << req.officer.id << "added staff" << added.value().username << "of desa" << desa;
    (void)audit::record(
        store, {req.officer.username, req.source}, QStringLiteral("loket.tambah"), added.value().username, QStringLiteral("desa ") + desa);
    ConsoleServer::redirect(res, kPath + QStringLiteral("?pesan=petugas"));
}

void StaffPages::act(const ConsoleRequest &req, const QString &username, ConsoleResponse &res)
{
    const auto staff = store.staffAccount(username);
    if (!staff)
        return console.sendError(req, res, 404, staff.error().message);
    if (!managesStaffOf(req.capacities, offices, staff.value().desaCode))
        return console.sendError(
            req, res, 403, QStringLiteral("Petugas loket desa %1 tidak dapat Anda kelola.").arg(staff.value().desaCode));
    StaffAccounts a = accounts();
    const QString action = req.form.value(QStringLiteral("aksi"));
    const QString pin = req.form.value(QStringLiteral("pin"));
    qCInfo(lcConsole).noquote() << "officer id" << req.officer.id << action << "staff" << staff.value().username;
    if (action == QLatin1String("pin") || action == QLatin1String("kartu")) {
        const auto card
            = action == QLatin1String("pin") ? a.setPin(username, pin, req.form.value(QStringLiteral("pin2"))) : a.issueCard(username, pin);
        if (!card)
            return listPage(req, res, card.error().message);
        (void)audit::record(store, {req.officer.username, req.source}, QStringLiteral("loket.") + action, username);
        return cardPage(req, res, staff.value(), card.value());
    }
    Status done = Error {ErrorCode::InvalidData, QStringLiteral("Tindakan tidak dikenal.")};
    if (action == QLatin1String("tanpa-kartu") || action == QLatin1String("wajib-kartu"))
        done = a.allowWithoutCard(username, action == QLatin1String("tanpa-kartu"));
    else if (action == QLatin1String("nonaktif"))
        done = a.deactivate(username);
    if (!done)
        return listPage(req, res, done.error().message);
    (void)audit::record(store, {req.officer.username, req.source}, QStringLiteral("loket.") + action, username);
    ConsoleServer::redirect(res, kPath + QStringLiteral("?pesan=petugas"));
}

void StaffPages::cardPage(const ConsoleRequest &req, ConsoleResponse &res, const StaffAccountRecord &staff, const QString &payload)
{
    const auto desa = offices.desa(staff.desaCode);
    const QString body = QStringLiteral(
        "<p class=\"tanpa-cetak\">Cetak halaman ini sekarang (Ctrl+P) dan serahkan kartunya kepada petugas. Kartu ini hanya "
        "ditampilkan sekali: server tidak menyimpan rahasianya. Kartu lama tidak berlaku lagi setelah anjungan sinkron.</p>"
        "<div class=\"kartu\" id=\"kartu\"><div class=\"kartu-teks\"><strong>KARTU PETUGAS LOKET</strong><br>%1<br>"
        "<span>%2</span><br>Desa %3</div>%4</div>"
        "<p class=\"tanpa-cetak\">%5</p>")
                             .arg(html::escape(staff.name), html::escape(staff.username), html::escape(desa ? desa->name : staff.desaCode),
                                 qrSvg(payload), html::link(kPath, QStringLiteral("Kembali ke daftar petugas loket")));
    console.sendPage(req, res, kPath, QStringLiteral("Cetak kartu"), body);
}

} // namespace

void addStaffPages(ConsoleServer &console, BackendStore &store, const OfficeDirectory &offices, int iterations)
{
    auto pages = std::make_shared<StaffPages>(StaffPages {console, store, offices, iterations});
    console.addFlashText(
        QStringLiteral("petugas"), QStringLiteral("Perubahan petugas loket disimpan; anjungan memakainya setelah sinkron."));
    console.addRoute(QStringLiteral("GET"), kPath, kStaffManagers, QStringLiteral("Petugas loket"),
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->listPage(req, res); });
    console.addRoute(QStringLiteral("POST"), kPath, kStaffManagers, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->add(req, res); });
    console.addRoute(QStringLiteral("POST"), kPath + QStringLiteral("/([a-z0-9._-]{3,32})"), kStaffManagers, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->act(req, req.captured, res); });
}

} // namespace backend
