#include "desapages.h"

#include "backendstore.h"
#include "console/consolepages.h"
#include "console/consoleserver.h"
#include "console/html.h"
#include "offices.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcConsole)

namespace backend {

using namespace console;

namespace {

const QList<Role> kAdmins {Role::AdminKecamatan, Role::SuperAdmin};

const QString kDefaultNomorFormat = QStringLiteral("{klasifikasi}/{nomor:3}/{kodeSurat}/{tahun}");

/// The inputs of a desa form (the fields the admin kecamatan edits), filled with `d`.
QString desaFields(const DesaOffice &d)
{
    const auto input = [](const QString &label, const QString &name, const QString &value, bool required) {
        return QStringLiteral("<label>%1 <input type=\"text\" name=\"%2\" value=\"%3\"%4></label>")
            .arg(html::escape(label), name, html::escape(value), required ? QStringLiteral(" required") : QString());
    };
    return input(QStringLiteral("Nama desa (kop surat)"), QStringLiteral("nama"), d.name, true)
        + input(QStringLiteral("Nama tempat pada tanggal surat"), QStringLiteral("tempat"), d.place, true)
        + input(QStringLiteral("Alamat kantor desa"), QStringLiteral("alamat"), d.address, false)
        + input(QStringLiteral("Nama kepala desa (penanda tangan)"), QStringLiteral("kepala_desa"), d.kepalaDesa, true)
        + input(QStringLiteral("Format nomor surat ({klasifikasi}, {nomor} atau {nomor:N}, {kodeSurat}, {kode}, {tahun})"),
            QStringLiteral("format_nomor"), d.nomorFormat, true)
        + input(QStringLiteral("Kode surat desa (mis. 404.604.04)"), QStringLiteral("kode_surat"), d.kodeSurat, false);
}

/// Takes the edited desa fields from a posted form.
void applyDesaForm(const QMultiMap<QString, QString> &form, DesaOffice &d)
{
    d.name = form.value(QStringLiteral("nama")).trimmed();
    d.place = form.value(QStringLiteral("tempat")).trimmed();
    d.address = form.value(QStringLiteral("alamat")).trimmed();
    d.kepalaDesa = form.value(QStringLiteral("kepala_desa")).trimmed();
    d.nomorFormat = form.value(QStringLiteral("format_nomor")).trimmed();
    d.kodeSurat = form.value(QStringLiteral("kode_surat")).trimmed();
}

/// The desa master data (kop surat, signer, nomor surat format) an admin edits and adds.
struct DesaPages {
    ConsoleServer &console;
    BackendStore &store;
    OfficeDirectory &offices;

    void desaPage(const ConsoleRequest &req, ConsoleResponse &res, const QString &error = {});
    void updateDesa(const ConsoleRequest &req, const QString &code, ConsoleResponse &res);
    void addDesa(const ConsoleRequest &req, ConsoleResponse &res);
    void saveDesa(const ConsoleRequest &req, const DesaOffice &desa, ConsoleResponse &res);
};

void DesaPages::desaPage(const ConsoleRequest &req, ConsoleResponse &res, const QString &error)
{
    const QString csrf = html::csrfField(req.session.csrfToken);
    QString body = QStringLiteral("<p>Data induk desa dipakai untuk kop surat, penanda tangan dan nomor surat. Perubahan berlaku "
                                  "untuk surat berikutnya; surat yang sudah ditandatangani tidak berubah.</p>");
    int shown = 0;
    for (const DesaOffice &d : offices.all()) {
        if (!managesOffice(req.capacities, offices, d.code))
            continue;
        ++shown;
        body += QStringLiteral("<section id=\"desa-%1\"><h2>%2 (%1)</h2><p>Kecamatan %3 (%4), camat %5</p>"
                               "<form method=\"post\" action=\"/admin/desa/%1\" class=\"aksi\">%6%7"
                               "<button type=\"submit\">Simpan perubahan</button></form></section>")
                    .arg(d.code, html::escape(d.name), html::escape(d.kecamatan), d.kecamatanCode, html::escape(d.camat), csrf,
                        desaFields(d));
    }
    if (shown == 0)
        body += QStringLiteral("<p class=\"kosong\">Belum ada desa di wilayah Anda.</p>");
    DesaOffice fresh;
    fresh.nomorFormat = kDefaultNomorFormat;
    body += QStringLiteral("<h2>Tambah desa</h2><form method=\"post\" action=\"/admin/desa\" class=\"aksi\">%1"
                           "<label>Kode desa (10 angka; 6 angka pertama adalah kode kecamatan) <input type=\"text\" name=\"kode\" "
                           "required pattern=\"[0-9]{10}\"></label>%2<button type=\"submit\">Tambah desa</button></form>")
                .arg(csrf, desaFields(fresh));

    QStringList history;
    if (const auto audit = store.auditLog(200))
        for (const AuditRecord &a : audit.value())
            if (a.action.startsWith(QLatin1String("desa.")) && managesOffice(req.capacities, offices, a.subject) && history.size() < 20)
                history.append(html::cell(html::wibTime(a.at)) + html::cell(a.actor)
                    + html::cell(a.action == QLatin1String("desa.tambah") ? QStringLiteral("tambah") : QStringLiteral("ubah"))
                    + html::cell(a.subject) + html::cell(a.detail));
    body += QStringLiteral("<h2>Riwayat perubahan</h2>")
        + html::table({QStringLiteral("Waktu"), QStringLiteral("Oleh"), QStringLiteral("Tindakan"), QStringLiteral("Desa"),
                          QStringLiteral("Perubahan")},
            history, QStringLiteral("Belum ada perubahan tercatat."));
    console.sendPage(req, res, QStringLiteral("/admin/desa"), QStringLiteral("Data desa"), body, error);
}

void DesaPages::updateDesa(const ConsoleRequest &req, const QString &code, ConsoleResponse &res)
{
    auto desa = offices.desa(code);
    if (!desa)
        return console.sendError(req, res, 404, QStringLiteral("Desa %1 tidak ada di data induk.").arg(code));
    if (!managesOffice(req.capacities, offices, code))
        return console.sendError(req, res, 403,
            QStringLiteral("Desa %1 bukan wilayah kecamatan Anda; datanya hanya dapat diubah oleh admin kecamatannya.").arg(code));
    applyDesaForm(req.form, *desa);
    saveDesa(req, *desa, res);
}

void DesaPages::addDesa(const ConsoleRequest &req, ConsoleResponse &res)
{
    static const QRegularExpression desaCode(QStringLiteral("^\\d{10}$"));
    const QString code = req.form.value(QStringLiteral("kode")).trimmed();
    if (!desaCode.match(code).hasMatch())
        return desaPage(req, res, QStringLiteral("Kode desa harus 10 angka; 6 angka pertama adalah kode kecamatan."));
    if (const auto existing = offices.desa(code))
        return desaPage(req, res, QStringLiteral("Kode desa %1 sudah terdaftar untuk %2.").arg(code, existing->name));
    if (!managesOffice(req.capacities, offices, code.left(6)))
        return console.sendError(req, res, 403,
            QStringLiteral("Kode desa %1 tidak berada di kecamatan Anda: 6 angka pertama kode desa harus kode kecamatan Anda.").arg(code));
    // A new desa belongs to a kecamatan already in the master data and takes over its names, camat and kecamatan letter codes.
    const auto kecamatan = offices.anyInKecamatan(code.left(6));
    if (!kecamatan)
        return desaPage(req, res,
            QStringLiteral("Kecamatan %1 belum ada di data induk; desa hanya dapat ditambahkan di kecamatan yang sudah terdaftar.")
                .arg(code.left(6)));
    DesaOffice desa = *kecamatan;
    desa.code = code;
    applyDesaForm(req.form, desa);
    saveDesa(req, desa, res);
}

void DesaPages::saveDesa(const ConsoleRequest &req, const DesaOffice &desa, ConsoleResponse &res)
{
    const auto changed = offices.save(desa, req.officer.username, req.source);
    if (!changed) {
        if (changed.error().code == ErrorCode::InvalidData)
            return desaPage(req, res, changed.error().message);
        return console.sendError(req, res, 500, changed.error().message);
    }
    // Field names only: the values (names of officials) stay in the audit log, out of the backend log.
    qCInfo(lcConsole).noquote() << "officer id" << req.officer.id << "saved desa" << desa.code
                                << "changed:" << (changed.value().isEmpty() ? QStringLiteral("-") : changed.value().join(QLatin1Char(',')));
    ConsoleServer::redirect(res, QStringLiteral("/admin/desa?pesan=desa"));
}

} // namespace

void addDesaPages(ConsoleServer &console, BackendStore &store, OfficeDirectory &offices)
{
    auto pages = std::make_shared<DesaPages>(DesaPages {console, store, offices});
    console.addFlashText(QStringLiteral("desa"), QStringLiteral("Data desa disimpan; surat berikutnya memakai data ini."));
    console.addRoute(QStringLiteral("GET"), QStringLiteral("/admin/desa"), kAdmins, QStringLiteral("Data desa"),
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->desaPage(req, res); });
    console.addRoute(QStringLiteral("POST"), QStringLiteral("/admin/desa"), kAdmins, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->addDesa(req, res); });
    console.addRoute(QStringLiteral("POST"), QStringLiteral(R"(/admin/desa/(\d{10}))"), kAdmins, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->updateDesa(req, req.captured, res); });
}

} // namespace backend
