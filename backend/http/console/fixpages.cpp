#include "fixpages.h"

#include "backendstore.h"
#include "console/consoleauth.h"
#include "console/consoleserver.h"
#include "console/html.h"
#include "requestlife.h"
#include "servicecatalog.h"
#include "workflow.h"

#include <QLoggingCategory>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcConsole)

namespace backend {

using namespace console;

namespace {

/// Every target an officer may ask to fix: the request as a whole, its own fields, the service's fields and pages.
QStringList fixTargets(const ServiceInfo &service)
{
    QStringList targets {QString()};
    for (const char *key : {"name", "address", "purpose", "phone"})
        targets.append(serverlink::FixItem::fieldTarget(QLatin1String(key)));
    for (const auto &[key, label] : service.fieldLabels)
        targets.append(serverlink::FixItem::fieldTarget(key));
    for (int i = 0; i < service.requirements.size(); ++i)
        targets.append(serverlink::FixItem::documentTarget(i));
    return targets;
}

/// The form's element id for a target: "butir-umum", "butir-field-pekerjaan", "butir-document-0".
QString targetId(const QString &target)
{
    return target.isEmpty() ? QStringLiteral("butir-umum")
                            : QStringLiteral("butir-") + QString(target).replace(QLatin1Char(':'), QLatin1Char('-'));
}

struct FixPages {
    ConsoleServer &console;
    BackendStore &store;
    const ServiceCatalog &catalog;
    Workflow &workflow;

    /// The request if the officer may return it now; otherwise the error page was sent.
    std::optional<RequestRecord> returnable(const ConsoleRequest &req, const QString &reg, ConsoleResponse &res) const;
    void form(const ConsoleRequest &req, const QString &reg, ConsoleResponse &res, const QMultiMap<QString, QString> &entered = {},
        const QString &error = {}) const;
    void submit(const ConsoleRequest &req, const QString &reg, ConsoleResponse &res) const;
};

std::optional<RequestRecord> FixPages::returnable(const ConsoleRequest &req, const QString &reg, ConsoleResponse &res) const
{
    const auto found = store.request(reg);
    if (!found || !workflow.inScope(req.capacities, found.value())) {
        console.sendError(req, res, 404, QStringLiteral("Permohonan %1 tidak ditemukan di wilayah kerja Anda.").arg(reg));
        return std::nullopt;
    }
    if (!workflow.allowedActions(req.capacities, found.value()).contains(OfficerAction::Return)) {
        console.sendError(req, res, 409,
            QStringLiteral("Permohonan %1 sedang pada tahap '%2'; Anda tidak dapat mengembalikannya sekarang.")
                .arg(reg, serverlink::stageLabelId(found.value().stage)));
        return std::nullopt;
    }
    return found.value();
}

void FixPages::form(const ConsoleRequest &req, const QString &reg, ConsoleResponse &res, const QMultiMap<QString, QString> &entered,
    const QString &error) const
{
    const auto request = returnable(req, reg, res);
    if (!request)
        return;
    const auto service = catalog.service(request->serviceCode);
    if (!service)
        return console.sendError(req, res, 500, QStringLiteral("Layanan %1 tidak ada di katalog.").arg(request->serviceCode));
    const QString base = QStringLiteral("/permohonan/") + html::urlEncode(reg);
    const QString preselected = req.param(QStringLiteral("target"));
    const QStringList chosen = entered.values(QStringLiteral("butir"));
    QStringList rows;
    for (const QString &target : fixTargets(*service)) {
        const QString id = targetId(target);
        const bool checked = entered.isEmpty() ? target == preselected && !preselected.isEmpty() : chosen.contains(target);
        const QString kind = target.isEmpty()               ? QStringLiteral("Umum")
            : target.startsWith(QLatin1String("document:")) ? QStringLiteral("Halaman persyaratan")
                                                            : QStringLiteral("Isian");
        rows.append(QStringLiteral("<td><input type=\"checkbox\" name=\"butir\" value=\"%1\" id=\"%2\"%3></td>"
                                   "<td><label for=\"%2\">%4</label></td>")
                        .arg(html::escape(target), id, checked ? QStringLiteral(" checked") : QString(),
                            html::escape(requestlife::targetLabel(*service, target)))
            + html::cell(kind)
            + QStringLiteral("<td><input type=\"text\" name=\"alasan:%1\" id=\"%2-alasan\" maxlength=\"%3\" value=\"%4\" "
                             "aria-label=\"Alasan untuk %5\"></td>")
                  .arg(html::escape(target), id)
                  .arg(serverlink::kMaxFieldLength)
                  .arg(html::escape(entered.value(QStringLiteral("alasan:") + target)),
                      html::escape(requestlife::targetLabel(*service, target))));
    }
    const QString body
        = QStringLiteral("<p>Pilih apa yang harus diperbaiki pemohon dan tulis alasannya. Pemohon membaca alasan ini di anjungan, "
                         "di samping isian atau halaman yang bersangkutan, dan menerima SMS.</p>"
                         "<form method=\"post\" action=\"%1/kembalikan\" class=\"aksi\" id=\"form-kembalikan\">%2%3"
                         "<button type=\"submit\" class=\"netral\">Kembalikan untuk diperbaiki</button></form><p>%4</p>")
              .arg(base, html::csrfField(req.session.csrfToken),
                  html::table(
                      {QStringLiteral("Pilih"), QStringLiteral("Bagian"), QStringLiteral("Jenis"), QStringLiteral("Alasan")}, rows, {}),
                  html::link(base, QStringLiteral("Kembali ke permohonan")));
    console.sendPage(req, res, {}, QStringLiteral("Kembalikan permohonan %1").arg(reg), body, error);
}

void FixPages::submit(const ConsoleRequest &req, const QString &reg, ConsoleResponse &res) const
{
    if (!returnable(req, reg, res))
        return;
    // QMultiMap::values lists the newest first; prepending keeps the form's (catalog) order.
    QList<serverlink::FixItem> fixes;
    for (const QString &target : req.form.values(QStringLiteral("butir")))
        fixes.prepend(serverlink::FixItem {target, req.form.value(QStringLiteral("alasan:") + target).trimmed()});
    const auto done = workflow.returnForFixes(reg, req.officer, fixes);
    if (!done) {
        if (done.error().code == ErrorCode::InvalidData)
            return form(req, reg, res, req.form, done.error().message);
        const int status = done.error().code == ErrorCode::Forbidden ? 403
            : done.error().code == ErrorCode::TransitionNotAllowed   ? 409
                                                                     : 500;
        return console.sendError(req, res, status, done.error().message);
    }
    qCInfo(lcConsole).noquote() << "officer id" << req.officer.id << "returned" << reg << "with" << fixes.size() << "fix items";
    ConsoleServer::redirect(res, QStringLiteral("/permohonan/%1?pesan=kembalikan").arg(html::urlEncode(reg)));
}

QString versionActor(BackendStore &store, const QString &actor)
{
    if (actor == QLatin1String("pemohon"))
        return QStringLiteral("pemohon");
    const auto staff = store.staffAccount(actor);
    return QStringLiteral("petugas %1").arg(staff ? staff.value().name : actor);
}

} // namespace

void addFixPages(ConsoleServer &console, BackendStore &store, const ServiceCatalog &catalog, Workflow &workflow)
{
    auto pages = std::make_shared<FixPages>(FixPages {console, store, catalog, workflow});
    const QString route = QStringLiteral("/permohonan/([A-Za-z0-9-]{1,64})/kembalikan");
    console.addRoute(QStringLiteral("GET"), route, {}, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->form(req, req.captured, res); });
    console.addRoute(QStringLiteral("POST"), route, {}, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->submit(req, req.captured, res); });
}

QString requestLifeSection(BackendStore &store, const ServiceCatalog &catalog, const RequestRecord &request)
{
    const auto service = catalog.service(request.serviceCode);
    if (!service)
        return {};
    QString out;
    if (!request.enteredBy.isEmpty())
        out += QStringLiteral("<p id=\"dimasukkan-oleh\">Permohonan ini dimasukkan oleh %1 untuk pemohon.</p>")
                   .arg(html::escape(versionActor(store, request.enteredBy)));
    if (request.stage == serverlink::Stage::NeedsFix) {
        const auto fixes = store.fixItems(request.registrationNumber);
        if (fixes && !fixes.value().isEmpty()) {
            QStringList rows;
            for (const serverlink::FixItem &fix : fixes.value())
                rows.append(html::cell(requestlife::targetLabel(*service, fix.target)) + html::cell(fix.reason));
            out += QStringLiteral("<h2>Yang harus diperbaiki pemohon</h2><section id=\"butir-perbaikan\">%1</section>")
                       .arg(html::table({QStringLiteral("Bagian"), QStringLiteral("Alasan")}, rows, {}));
        }
    }
    const auto versions = store.requestVersions(request.registrationNumber);
    if (!versions || versions.value().size() < 2)
        return out;
    QStringList history;
    for (const RequestVersionRecord &v : versions.value())
        history.append(html::cell(QString::number(v.version)) + html::cell(html::wibTime(v.receivedAt))
            + html::cell(versionActor(store, v.actor)) + html::cell(v.kioskId));
    out += QStringLiteral("<h2>Versi permohonan</h2>")
        + html::table(
            {QStringLiteral("Versi"), QStringLiteral("Diterima"), QStringLiteral("Oleh"), QStringLiteral("Anjungan")}, history, {});
    const RequestVersionRecord &latest = versions.value().constLast();
    const RequestVersionRecord &previous = versions.value().at(versions.value().size() - 2);
    QStringList rows;
    for (const VersionChange &c : requestlife::changes(*service, previous, latest)) {
        const QString what = !c.document ? QStringLiteral("Isian")
            : c.before.isEmpty()         ? QStringLiteral("Halaman ditambahkan")
            : c.after.isEmpty()          ? QStringLiteral("Halaman dihapus")
                                         : QStringLiteral("Halaman diganti");
        rows.append(html::cell(c.label) + html::cell(what) + html::cell(c.before.isEmpty() ? QStringLiteral("—") : c.before)
            + html::cell(c.after.isEmpty() ? QStringLiteral("—") : c.after));
    }
    out += QStringLiteral("<h2>Yang berubah pada versi %1 (dibanding versi %2)</h2><section id=\"perubahan\">%3</section>")
               .arg(latest.version)
               .arg(previous.version)
               .arg(html::table(
                   {QStringLiteral("Bagian"), QStringLiteral("Perubahan"), QStringLiteral("Sebelumnya"), QStringLiteral("Sekarang")}, rows,
                   QStringLiteral("Tidak ada yang berubah.")));
    return out;
}

} // namespace backend
