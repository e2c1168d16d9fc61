#include "complaintpages.h"

#include "backendstore.h"
#include "complaints.h"
#include "console/consoleserver.h"
#include "console/html.h"
#include "masking.h"
#include "offices.h"

#include <QLoggingCategory>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcConsole)

namespace backend {

using namespace console;
using serverlink::ComplaintStatus;

namespace {

const QList<Role> kComplaintHandlers {Role::KasiPelayanan, Role::Camat, Role::AdminKecamatan, Role::SekretarisDesa, Role::SuperAdmin};
const QString kPath = QStringLiteral("/pengaduan");
constexpr ComplaintStatus kStatuses[] = {ComplaintStatus::New, ComplaintStatus::InProgress, ComplaintStatus::Done};

QString statusCell(ComplaintStatus status)
{
    return html::cell(serverlink::complaintStatusLabelId(status),
        status == ComplaintStatus::Done      ? QStringLiteral("sla-ok")
            : status == ComplaintStatus::New ? QStringLiteral("sla-late")
                                             : QString());
}

struct ComplaintPages {
    ConsoleServer &console;
    BackendStore &store;
    const OfficeDirectory &offices;

    [[nodiscard]] QString desaName(const QString &code) const
    {
        const auto desa = offices.desa(code);
        return desa ? desa->name : code;
    }
    void listPage(const ConsoleRequest &req, ConsoleResponse &res);
    void detailPage(const ConsoleRequest &req, ConsoleResponse &res, const QString &error = {});
    void followUp(const ConsoleRequest &req, ConsoleResponse &res);
};

void ComplaintPages::listPage(const ConsoleRequest &req, ConsoleResponse &res)
{
    const auto all = store.complaints();
    if (!all)
        return console.sendError(req, res, 500, all.error().message);
    const auto wanted = serverlink::complaintStatusFromWire(req.param(QStringLiteral("status")));
    QString filter = QStringLiteral("<form method=\"get\" action=\"%1\" class=\"aksi\"><label>Status <select name=\"status\">"
                                    "<option value=\"\">Semua</option>")
                         .arg(kPath);
    for (ComplaintStatus s : kStatuses)
        filter += QStringLiteral("<option value=\"%1\"%2>%3</option>")
                      .arg(serverlink::complaintStatusToWire(s), wanted == s ? QStringLiteral(" selected") : QString(),
                          html::escape(serverlink::complaintStatusLabelId(s)));
    filter += QStringLiteral("</select></label> <button type=\"submit\">Tampilkan</button></form>");
    QStringList rows;
    for (const ComplaintRecord &c : all.value()) {
        if (!handlesComplaintsOf(req.capacities, offices, c.desaCode) || (wanted && c.status != *wanted))
            continue;
        rows.append(QStringLiteral("<td>%1</td>").arg(html::link(kPath + QLatin1Char('/') + c.number, c.number))
            + html::cell(html::wibTime(c.filedAt)) + html::cell(desaName(c.desaCode))
            + html::cell(serverlink::complaintCategoryLabel(c.category))
            + html::cell(c.text.left(80) + (c.text.size() > 80 ? QStringLiteral("…") : QString()))
            + html::cell(c.nik.isEmpty() ? QStringLiteral("tanpa NIK") : serverlink::masking::nik(c.nik)) + statusCell(c.status));
    }
    const QString body = QStringLiteral("<p>Pengaduan warga dari anjungan desa. Buka satu pengaduan untuk menindaklanjuti: ubah statusnya "
                                        "dan tulis jawaban. Warga membaca jawaban dengan memindai slip pengaduannya di anjungan mana pun "
                                        "di kecamatan ini; bila warga meninggalkan nomor HP, jawaban juga dikirim lewat SMS.</p>")
        + filter
        + html::table({QStringLiteral("Nomor"), QStringLiteral("Masuk"), QStringLiteral("Desa"), QStringLiteral("Kategori"),
                          QStringLiteral("Isi"), QStringLiteral("Pelapor"), QStringLiteral("Status")},
            rows, QStringLiteral("Tidak ada pengaduan."));
    console.sendPage(req, res, kPath, QStringLiteral("Pengaduan"), body);
}

void ComplaintPages::detailPage(const ConsoleRequest &req, ConsoleResponse &res, const QString &error)
{
    const auto c = store.complaint(req.captured);
    if (!c)
        return console.sendError(req, res, c.error().code == ErrorCode::NotFound ? 404 : 500, c.error().message);
    if (!handlesComplaintsOf(req.capacities, offices, c.value().desaCode))
        return console.sendError(req, res, 403, QStringLiteral("Pengaduan dari desa %1 tidak Anda tangani.").arg(c.value().desaCode));
    const ComplaintRecord &r = c.value();
    QString options;
    for (ComplaintStatus s : kStatuses)
        options += QStringLiteral("<option value=\"%1\"%2>%3</option>")
                       .arg(serverlink::complaintStatusToWire(s), r.status == s ? QStringLiteral(" selected") : QString(),
                           html::escape(serverlink::complaintStatusLabelId(s)));
    const QString answer = error.isEmpty() ? r.answer : req.form.value(QStringLiteral("jawaban"));
    const QString body
        = QStringLiteral("<dl id=\"pengaduan\"><dt>Nomor</dt><dd>%1</dd><dt>Masuk</dt><dd>%2</dd><dt>Desa</dt><dd>%3</dd>"
                         "<dt>Kategori</dt><dd>%4</dd><dt>Pelapor</dt><dd>%5</dd><dt>SMS jawaban</dt><dd>%6</dd>"
                         "<dt>Status</dt><dd id=\"status\">%7</dd><dt>Ditindaklanjuti</dt><dd>%8</dd></dl>"
                         "<h2>Isi pengaduan</h2><p class=\"isi\" id=\"isi\">%9</p>")
              .arg(html::escape(r.number), html::escape(html::wibTime(r.filedAt)), html::escape(desaName(r.desaCode)),
                  html::escape(serverlink::complaintCategoryLabel(r.category)),
                  html::escape(r.nik.isEmpty() ? QStringLiteral("tanpa NIK (anonim)")
                                               : QStringLiteral("NIK %1").arg(serverlink::masking::nik(r.nik))),
                  html::escape(
                      r.phone.isEmpty() ? QStringLiteral("tidak ada nomor HP") : QStringLiteral("ke %1").arg(smstext::maskPhone(r.phone))),
                  html::escape(serverlink::complaintStatusLabelId(r.status)),
                  html::escape(
                      r.updatedBy.isEmpty() ? QStringLiteral("-") : QStringLiteral("%1, %2").arg(r.updatedBy, html::wibTime(r.updatedAt))))
              .arg(html::escape(r.text))
        + QStringLiteral("<h2>Tindak lanjut</h2><form method=\"post\" action=\"%1/%2\" class=\"aksi\" id=\"tindak-lanjut\">%3"
                         "<label>Status <select name=\"status\">%4</select></label>"
                         "<label>Jawaban untuk warga (paling banyak %5 karakter) <textarea name=\"jawaban\" rows=\"5\" maxlength=\"%5\">%6"
                         "</textarea></label><button type=\"submit\">Simpan</button></form><p>%7</p>")
              .arg(kPath, html::escape(r.number), html::csrfField(req.session.csrfToken), options)
              .arg(Complaints::kMaxAnswerLength)
              .arg(html::escape(answer), html::link(kPath, QStringLiteral("Kembali ke daftar pengaduan")));
    console.sendPage(req, res, kPath, QStringLiteral("Pengaduan %1").arg(r.number), body, error);
}

void ComplaintPages::followUp(const ConsoleRequest &req, ConsoleResponse &res)
{
    const auto status = serverlink::complaintStatusFromWire(req.form.value(QStringLiteral("status")));
    if (!status)
        return detailPage(req, res, QStringLiteral("Pilih status Baru, Diproses atau Selesai."));
    Complaints complaints(store, offices);
    const QString actor = req.officer.displayName.isEmpty() ? req.officer.username : req.officer.displayName;
    const auto done = complaints.followUp(req.capacities, actor, req.captured, *status, req.form.value(QStringLiteral("jawaban")));
    if (!done) {
        if (done.error().code == ErrorCode::Forbidden)
            return console.sendError(req, res, 403, done.error().message);
        if (done.error().code == ErrorCode::NotFound)
            return console.sendError(req, res, 404, done.error().message);
        return detailPage(req, res, done.error().message);
    }
    qCInfo(lcConsole).noquote() << "officer id" << req.officer.id << "set complaint" << req.captured << "to"
                                << serverlink::complaintStatusToWire(*status);
    ConsoleServer::redirect(res, kPath + QLatin1Char('/') + req.captured + QStringLiteral("?pesan=pengaduan"));
}

} // namespace

void addComplaintPages(ConsoleServer &console, BackendStore &store, const OfficeDirectory &offices)
{
    auto pages = std::make_shared<ComplaintPages>(ComplaintPages {console, store, offices});
    console.addFlashText(QStringLiteral("pengaduan"), QStringLiteral("Tindak lanjut pengaduan disimpan."));
    const QString one = kPath + QStringLiteral("/(PGD-[0-9A-Z]{5}-[0-9A-Z]{5})");
    console.addRoute(QStringLiteral("GET"), kPath, kComplaintHandlers, QStringLiteral("Pengaduan"),
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->listPage(req, res); });
    console.addRoute(QStringLiteral("GET"), one, kComplaintHandlers, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->detailPage(req, res); });
    console.addRoute(QStringLiteral("POST"), one, kComplaintHandlers, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->followUp(req, res); });
}

} // namespace backend
