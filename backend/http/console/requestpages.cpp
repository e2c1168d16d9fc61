#include "requestpages.h"

#include "backendstore.h"
#include "console/consoleauth.h"
#include "console/consoleserver.h"
#include "console/fixpages.h"
#include "console/html.h"
#include "documentarchive.h"
#include "letterrenderer.h"
#include "masking.h"
#include "servicecatalog.h"
#include "sla.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <memory>
#include <mutex>

Q_DECLARE_LOGGING_CATEGORY(lcConsole)

namespace backend {

using namespace console;
using serverlink::ServiceLevel;

namespace {
// "Diserahkan oleh siti (kiosk-pitu-1) kepada Budi Santoso (anak, NIK 3521********0003) pada …", HTML-escaped.
QString handoverSentence(const HandoverRecord &h)
{
    const QString by
        = h.actor.isEmpty() ? QStringLiteral("anjungan %1").arg(h.kioskId) : QStringLiteral("%1 (anjungan %2)").arg(h.actor, h.kioskId);
    QString to;
    if (h.collectorKind == QLatin1String("holder"))
        to = QStringLiteral("%1 (pemohon sendiri)").arg(h.collectorName);
    else if (h.collectorKind == QLatin1String("representative"))
        to = QStringLiteral("%1 (%2, NIK %3)")
                 .arg(h.collectorName, serverlink::collectorRelationshipLabel(h.relationship).toLower(),
                     serverlink::masking::nik(h.collectorNik));
    else
        to = QStringLiteral("pemohon (pengambil tidak dicatat anjungan)");
    return html::escape(QStringLiteral("Diserahkan oleh %1 kepada %2 pada ").arg(by, to)) + html::wibTime(h.at);
}

const QList<Role> kSigners {Role::KepalaDesa, Role::Camat, Role::SuperAdmin};

/// What the console needs to know about a service beyond ServiceInfo: requirements, field labels.
struct ServiceDetails {
    QString name;
    QStringList requirements;
    QList<QPair<QString, QString>> fields;
};

QHash<QString, ServiceDetails> serviceDetails(const serverlink::Catalog &catalog)
{
    QHash<QString, ServiceDetails> out;
    for (const serverlink::CatalogService &s : catalog.services)
        out.insert(s.code, {s.name, s.requirements, s.fieldLabels()});
    return out;
}

QString ageText(qint64 seconds)
{
    const qint64 days = seconds / 86400;
    const qint64 hours = (seconds % 86400) / 3600;
    if (days > 0)
        return QStringLiteral("%1 hari %2 jam").arg(days).arg(hours);
    if (hours > 0)
        return QStringLiteral("%1 jam").arg(hours);
    return QStringLiteral("%1 menit").arg(std::max<qint64>(seconds / 60, 0));
}

/// The pages of one request's life: inbox, detail, letter, the officer's step, bulk signing and search.
struct RequestPages {
    ConsoleServer &console;
    BackendStore &store;
    Workflow &workflow;
    const ServiceCatalog &catalog;
    DocumentArchive *documents; // null: no page uploads on this server
    QHash<QString, ServiceDetails> services;
    QHash<QString, int> stepDays; // sla::daysByService
    // Steps render and seal letters (QPdfWriter); one officer action at a time keeps that simple and safe.
    std::mutex actionMutex;

    QList<RequestRecord> visibleRequests(const ConsoleRequest &req) const;
    /// The SLA clock of every request (sla::clocks); empty when the store cannot be read.
    QHash<QString, sla::StepClock> clocks() const;
    /// With `clocks`, the row shows the current step's age and SLA state; the name is masked unless the
    /// officer needs it (Workflow::seesPersonalData).
    QString requestRow(const ConsoleRequest &req, const RequestRecord &r, const QHash<QString, sla::StepClock> *clocks = nullptr) const;
    void inbox(const ConsoleRequest &req, ConsoleResponse &res);
    void detail(const ConsoleRequest &req, const QString &reg, ConsoleResponse &res);
    /// The request page for an officer who does not need its personal data: masked name and NIK, nothing else personal.
    void maskedDetail(const ConsoleRequest &req, const RequestRecord &r, const ServiceDetails &service, ConsoleResponse &res);
    void letter(const ConsoleRequest &req, const QString &reg, ConsoleResponse &res);
    /// Beside each requirement its pages (thumbnail, full size, "Tidak terbaca"), the upload's progress, or
    /// "dilewati — bawa aslinya"; empty when the request names no pages.
    QString requirementPages(const RequestRecord &r, const ServiceDetails &service, bool mayReturn) const;
    /// One page (`path` is "REG/halaman/PAGE"), full size or with ?ukuran=kecil as a thumbnail.
    void page(const ConsoleRequest &req, const QString &path, ConsoleResponse &res);
    void act(const ConsoleRequest &req, const QString &reg, ConsoleResponse &res);
    void bulkSignPage(const ConsoleRequest &req, ConsoleResponse &res);
    void bulkSign(const ConsoleRequest &req, ConsoleResponse &res);
    void search(const ConsoleRequest &req, ConsoleResponse &res);
};

QList<RequestRecord> RequestPages::visibleRequests(const ConsoleRequest &req) const
{
    QList<RequestRecord> list;
    const auto all = store.requests();
    if (!all)
        return list;
    for (const RequestRecord &r : all.value())
        if (workflow.inScope(req.capacities, r))
            list.append(r);
    return list;
}

QHash<QString, sla::StepClock> RequestPages::clocks() const
{
    const auto measured = sla::clocks(store, catalog, QDateTime::currentDateTimeUtc());
    return measured ? measured.value() : QHash<QString, sla::StepClock>();
}

QString RequestPages::requestRow(const ConsoleRequest &req, const RequestRecord &r, const QHash<QString, sla::StepClock> *clocks) const
{
    const ServiceDetails service = services.value(r.serviceCode);
    QString row = QStringLiteral("<td>%1</td>")
                      .arg(html::link(QStringLiteral("/permohonan/") + html::urlEncode(r.registrationNumber), r.registrationNumber))
        + html::cell(workflow.seesPersonalData(req.capacities, r) ? r.name : serverlink::masking::name(r.name))
        + html::cell(service.name.isEmpty() ? r.serviceCode : service.name)
        + html::cell(r.level == ServiceLevel::Desa ? QStringLiteral("Desa") : QStringLiteral("Kecamatan"))
        + html::cell(serverlink::stageLabelId(r.stage));
    if (clocks) {
        // The one SLA clock (docs/decisions/0009): the current step against the service's days per step; a request
        // whose step has no clock (waiting for the citizen's fix) is measured from its arrival.
        const sla::StepClock clock = clocks->contains(r.registrationNumber)
            ? clocks->value(r.registrationNumber)
            : sla::measure(r.receivedAt, stepDays.value(r.serviceCode, sla::kDefaultStepDays), QDateTime::currentDateTimeUtc());
        const QString cls = clock.state == sla::State::Late ? QStringLiteral("sla-late")
            : clock.state == sla::State::Near               ? QStringLiteral("sla-warn")
                                                            : QStringLiteral("sla-ok");
        const QString status = clock.state == sla::State::Late ? QStringLiteral("lewat batas")
            : clock.state == sla::State::Near                  ? QStringLiteral("mendekati batas")
                                                               : QStringLiteral("dalam batas");
        row += html::cell(ageText(clock.ageSeconds), cls) + html::cell(QStringLiteral("%1 hari — %2").arg(clock.days).arg(status), cls);
    }
    return row;
}

void RequestPages::inbox(const ConsoleRequest &req, ConsoleResponse &res)
{
    QList<RequestRecord> waiting;
    QList<RequestRecord> watching; // not this officer's step, but they may still return or reject it
    for (const RequestRecord &r : visibleRequests(req)) {
        const QList<OfficerAction> actions = workflow.allowedActions(req.capacities, r);
        if (actions.contains(OfficerAction::Approve))
            waiting.append(r);
        else if (actions.contains(OfficerAction::Return) || actions.contains(OfficerAction::Reject))
            watching.append(r);
    }
    const auto oldestFirst = [](const RequestRecord &a, const RequestRecord &b) { return a.receivedAt < b.receivedAt; };
    std::sort(waiting.begin(), waiting.end(), oldestFirst);
    std::sort(watching.begin(), watching.end(), oldestFirst);
    const QHash<QString, sla::StepClock> measured = clocks();
    QStringList rows;
    for (const RequestRecord &r : waiting)
        rows.append(requestRow(req, r, &measured));
    QStringList watchRows;
    for (const RequestRecord &r : watching)
        watchRows.append(requestRow(req, r, &measured));
    QString body = QStringLiteral("<p>Permohonan yang menunggu langkah Anda, yang terlama di atas. Warna menunjukkan umur "
                                  "permohonan terhadap batas waktu layanan (SLA).</p>")
        + QStringLiteral("<section id=\"menunggu\">%1</section>")
              .arg(html::table(
                  {QStringLiteral("No. registrasi"), QStringLiteral("Nama pemohon"), QStringLiteral("Layanan"), QStringLiteral("Tingkat"),
                      QStringLiteral("Tahap"), QStringLiteral("Umur"), QStringLiteral("Batas waktu")},
                  rows, QStringLiteral("Tidak ada permohonan yang menunggu Anda.")));
    if (!watchRows.isEmpty())
        body += QStringLiteral("<h2>Menunggu petugas lain — dapat Anda kembalikan atau tolak</h2>")
            + html::table({QStringLiteral("No. registrasi"), QStringLiteral("Nama pemohon"), QStringLiteral("Layanan"),
                              QStringLiteral("Tingkat"), QStringLiteral("Tahap"), QStringLiteral("Umur"), QStringLiteral("Batas waktu")},
                watchRows, {});
    console.sendPage(req, res, QStringLiteral("/"), QStringLiteral("Kotak masuk"), body);
}

void RequestPages::maskedDetail(const ConsoleRequest &req, const RequestRecord &r, const ServiceDetails &service, ConsoleResponse &res)
{
    const QStringList data {
        html::cell(QStringLiteral("Nomor registrasi")) + html::cell(r.registrationNumber),
        html::cell(QStringLiteral("Layanan")) + html::cell(service.name.isEmpty() ? r.serviceCode : service.name),
        html::cell(QStringLiteral("Tahap"))
            + QStringLiteral("<td id=\"tahap\" data-stage=\"%1\">%2</td>")
                  .arg(serverlink::stageToWire(r.stage), html::escape(serverlink::stageLabelId(r.stage))),
        html::cell(QStringLiteral("Nama")) + html::cell(serverlink::masking::name(r.name)),
        html::cell(QStringLiteral("NIK")) + html::cell(serverlink::masking::nik(r.nik)),
        html::cell(QStringLiteral("Diterima")) + html::cell(html::wibTime(r.receivedAt)),
    };
    const QString body = QStringLiteral("<h2>Data permohonan</h2>")
        + html::table({QStringLiteral("Isian"), QStringLiteral("Nilai")}, data, {})
        + QStringLiteral("<p id=\"disamarkan\">Data pribadi pemohon (alamat, isian, berkas dan surat) hanya terbuka bagi petugas "
                         "yang menanganinya: petugas desa, dan petugas kecamatan setelah permohonan tingkat kecamatan "
                         "ditandatangani kepala desa.</p>");
    console.sendPage(req, res, QStringLiteral("/permohonan/") + html::urlEncode(r.registrationNumber),
        QStringLiteral("Permohonan %1").arg(r.registrationNumber), body);
}

void RequestPages::detail(const ConsoleRequest &req, const QString &reg, ConsoleResponse &res)
{
    const auto found = store.request(reg);
    if (!found || !workflow.inScope(req.capacities, found.value()))
        return console.sendError(req, res, 404, QStringLiteral("Permohonan %1 tidak ditemukan di wilayah kerja Anda.").arg(reg));
    const RequestRecord r = found.value();
    const ServiceDetails service = services.value(r.serviceCode);
    const QString base = QStringLiteral("/permohonan/") + html::urlEncode(r.registrationNumber);
    if (!workflow.seesPersonalData(req.capacities, r))
        return maskedDetail(req, r, service, res);

    QStringList data {
        html::cell(QStringLiteral("Nomor registrasi")) + html::cell(r.registrationNumber),
        html::cell(QStringLiteral("Layanan")) + html::cell(service.name.isEmpty() ? r.serviceCode : service.name),
        html::cell(QStringLiteral("Tahap"))
            + QStringLiteral("<td id=\"tahap\" data-stage=\"%1\">%2</td>")
                  .arg(serverlink::stageToWire(r.stage), html::escape(serverlink::stageLabelId(r.stage))),
        html::cell(QStringLiteral("Nama")) + html::cell(r.name),
        html::cell(QStringLiteral("NIK")) + html::cell(r.nik),
        html::cell(QStringLiteral("Alamat")) + html::cell(r.address),
        html::cell(QStringLiteral("Keperluan")) + html::cell(r.purpose),
        html::cell(QStringLiteral("Diterima")) + html::cell(html::wibTime(r.receivedAt)),
    };
    if (!r.queueLabel.isEmpty())
        data.append(html::cell(QStringLiteral("Nomor antrean")) + html::cell(r.queueLabel));
    for (const auto &[key, label] : service.fields) {
        const QJsonValue v = r.fields.value(key);
        if (!v.isUndefined() && !v.isNull())
            data.append(html::cell(label)
                + html::cell(v.isString()
                        ? v.toString()
                        : QString::fromUtf8(QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1)));
    }
    if (!r.nomorSurat.isEmpty())
        data.append(html::cell(QStringLiteral("Nomor surat")) + html::cell(r.nomorSurat));
    QString body = QStringLiteral("<h2>Data permohonan</h2>") + html::table({QStringLiteral("Isian"), QStringLiteral("Nilai")}, data, {});
    body += requestLifeSection(store, catalog, r);

    const QList<OfficerAction> actions = workflow.allowedActions(req.capacities, r);
    const bool documentCheck = actions.contains(OfficerAction::Approve) && isDocumentCheck(r.stage, OfficerAction::Approve);
    body += QStringLiteral("<h2>Persyaratan</h2>");
    body += requirementPages(r, service, actions.contains(OfficerAction::Return));
    if (service.requirements.isEmpty())
        body += QStringLiteral("<p class=\"kosong\">Layanan ini tidak memiliki daftar persyaratan.</p>");

    // Actions: each its own plain form; the approve form carries the checklist or the signing passphrase.
    QString forms;
    const QString csrf = html::csrfField(req.session.csrfToken);
    for (OfficerAction a : actions) {
        const QString wire = officerActionToWire(a);
        QString fields;
        QString button = html::escape(actionLabel(a));
        QString buttonClass;
        if (a == OfficerAction::Approve) {
            if (documentCheck) {
                for (int i = 0; i < service.requirements.size(); ++i)
                    fields += QStringLiteral("<label><input type=\"checkbox\" name=\"syarat\" value=\"%1\" required> %2</label>")
                                  .arg(i)
                                  .arg(html::escape(service.requirements.at(i)));
                button = QStringLiteral("Berkas lengkap — teruskan");
            }
            if (roles::isSigning(r.level, r.stage)) {
                fields += QStringLiteral("<label>Kata sandi penandatanganan (kata sandi Anda) <input type=\"password\" name=\"passphrase\" "
                                         "autocomplete=\"current-password\" required></label>");
                button = QStringLiteral("Tandatangani surat");
            }
            fields += QStringLiteral("<label>Catatan (boleh kosong) <textarea name=\"catatan\"></textarea></label>");
        } else if (a == OfficerAction::Return || a == OfficerAction::Reject) {
            fields += QStringLiteral("<label>Alasan (wajib, akan dibaca pemohon) <textarea name=\"catatan\" required></textarea></label>");
            buttonClass = a == OfficerAction::Reject ? QStringLiteral(" class=\"bahaya\"") : QStringLiteral(" class=\"netral\"");
        }
        forms += QStringLiteral("<form method=\"post\" action=\"%1/aksi\" class=\"aksi\" id=\"aksi-%2\">%3"
                                "<input type=\"hidden\" name=\"aksi\" value=\"%2\">%4<button type=\"submit\"%5>%6</button></form>")
                     .arg(base, wire, csrf, fields, buttonClass, button);
    }
    if (!documentCheck && !service.requirements.isEmpty()) {
        body += QStringLiteral("<ul>");
        for (const QString &requirement : service.requirements)
            body += QStringLiteral("<li>%1</li>").arg(html::escape(requirement));
        body += QStringLiteral("</ul>");
    } else if (documentCheck) {
        body += QStringLiteral("<p>Centang setiap persyaratan yang sudah diperiksa pada formulir di bawah.</p>");
    }
    if (actions.contains(OfficerAction::Return))
        forms += QStringLiteral("<p>%1</p>")
                     .arg(html::link(base + QStringLiteral("/kembalikan"),
                         QStringLiteral("Kembalikan dengan butir perbaikan (isian atau halaman tertentu)")));
    body += QStringLiteral("<h2>Tindakan</h2>")
        + (forms.isEmpty() ? QStringLiteral("<p class=\"kosong\">Tidak ada langkah untuk Anda pada tahap ini.</p>") : forms);

    body += QStringLiteral("<h2>Surat</h2><p>%1</p><iframe src=\"%2/surat.pdf\" title=\"Pratinjau surat\"></iframe>")
                .arg(html::link(base + QStringLiteral("/surat.pdf"),
                         r.letterPath.isEmpty() ? QStringLiteral("Buka pratinjau surat (PDF, belum ditandatangani)")
                                                : QStringLiteral("Buka surat bertanda tangan (PDF)")),
                    base);
    const auto content = workflow.composeLetter(r);
    if (content) {
        QStringList lines;
        for (const LetterLine &line : letterLines(content.value()))
            lines.append(line.text);
        body += QStringLiteral("<details open><summary>%1</summary><pre class=\"surat\">%2</pre></details>")
                    .arg(r.letterPath.isEmpty()
                            ? QStringLiteral("Isi surat sebagai teks (pratinjau: nomor surat dan tanda tangan diberikan saat "
                                             "ditandatangani)")
                            : QStringLiteral("Isi surat sebagai teks"),
                        html::escape(lines.join(QLatin1Char('\n'))));
    }

    if (const auto handed = store.handover(r.registrationNumber); handed && handed.value())
        body += QStringLiteral("<h2>Penyerahan</h2><p id=\"penyerahan\">%1</p>").arg(handoverSentence(*handed.value()));

    QStringList history;
    const auto events = store.events(r.registrationNumber);
    if (events)
        for (const EventRecord &e : events.value()) {
            const auto role = roleFromWire(e.role);
            history.append(html::cell(html::wibTime(e.at)) + html::cell(serverlink::stageLabelId(e.stage)) + html::cell(e.actor)
                + html::cell(role ? roleLabel(*role) : e.role) + html::cell(e.note));
        }
    body += QStringLiteral("<h2>Riwayat</h2>")
        + html::table(
            {QStringLiteral("Waktu"), QStringLiteral("Tahap"), QStringLiteral("Oleh"), QStringLiteral("Peran"), QStringLiteral("Catatan")},
            history, QStringLiteral("Belum ada riwayat."));
    console.sendPage(req, res, {}, QStringLiteral("Permohonan %1").arg(r.registrationNumber), body);
}

QString RequestPages::requirementPages(const RequestRecord &r, const ServiceDetails &service, bool mayReturn) const
{
    const auto pages = documents ? store.documents(r.registrationNumber) : Result<QList<DocumentRecord>>(QList<DocumentRecord>());
    if (!pages)
        return QStringLiteral("<p class=\"kosong\">Halaman persyaratan tidak dapat dibaca. Hubungi teknisi.</p>");
    if (pages.value().isEmpty())
        return {};
    // Requirements of the catalog first, then any a page names that the catalog no longer lists.
    QStringList names = service.requirements;
    for (const DocumentRecord &d : pages.value())
        while (d.ref.requirement >= names.size())
            names.append(d.ref.requirement == names.size() ? d.ref.requirementText : QString());
    const QString base = QStringLiteral("/permohonan/") + html::urlEncode(r.registrationNumber);
    QString items;
    for (int i = 0; i < names.size(); ++i) {
        QString shown;
        int number = 0;
        for (const DocumentRecord &d : pages.value()) {
            if (d.ref.requirement != i)
                continue;
            ++number;
            const QString alt = QStringLiteral("Halaman %1: %2").arg(number).arg(names.at(i));
            if (!d.completedAt.isValid()) {
                const qint64 percent = d.ref.size > 0 ? d.receivedBytes * 100 / d.ref.size : 0;
                shown += QStringLiteral("<span class=\"dikirim\" data-halaman=\"%1\">%2</span>")
                             .arg(d.ref.pageId, html::escape(QStringLiteral("%1 sedang dikirim (%2 %)").arg(alt).arg(percent)));
                continue;
            }
            const QString href = base + QStringLiteral("/halaman/") + d.ref.pageId;
            const QString picture = d.ref.contentType.startsWith(QLatin1String("image/"))
                ? QStringLiteral("<img src=\"%1?ukuran=kecil\" alt=\"%2\" width=\"160\">").arg(href, html::escape(alt))
                : html::escape(alt);
            shown += QStringLiteral("<figure class=\"halaman\" data-halaman=\"%1\"><a href=\"%2\" target=\"_blank\">%3</a>")
                         .arg(d.ref.pageId, href, picture);
            if (d.version > 1)
                shown += QStringLiteral("<figcaption>perbaikan ke-%1</figcaption>").arg(d.version - 1);
            if (mayReturn)
                shown += html::link(base + QStringLiteral("/kembalikan?target=document:%1").arg(i), QStringLiteral("Tidak terbaca"));
            shown += QStringLiteral("</figure>");
        }
        if (number == 0 && names.at(i).isEmpty())
            continue;
        if (number == 0)
            shown = QStringLiteral("<span class=\"dilewati\">dilewati — bawa aslinya</span>");
        items += QStringLiteral("<li data-syarat=\"%1\"><strong>%2</strong> %3</li>").arg(i).arg(html::escape(names.at(i)), shown);
    }
    return QStringLiteral("<ul id=\"berkas\" class=\"berkas\">%1</ul>").arg(items);
}

void RequestPages::page(const ConsoleRequest &req, const QString &path, ConsoleResponse &res)
{
    const QString reg = path.section(QLatin1Char('/'), 0, 0);
    const QString pageId = path.section(QLatin1Char('/'), 2, 2);
    const auto found = store.request(reg);
    if (!found || !workflow.inScope(req.capacities, found.value()) || !documents)
        return console.sendError(req, res, 404, QStringLiteral("Permohonan %1 tidak ditemukan di wilayah kerja Anda.").arg(reg));
    if (!workflow.seesPersonalData(req.capacities, found.value()))
        return console.sendError(req, res, 403, QStringLiteral("Berkas pemohon hanya terbuka bagi petugas yang menangani permohonan ini."));
    const auto record = documents->page(found.value().desaCode, reg, pageId);
    const auto bytes = record ? documents->read(record.value()) : Result<QByteArray>(record.error());
    if (!bytes)
        return console.sendError(req, res, 404, QStringLiteral("Halaman ini belum lengkap diterima atau tidak ada."));
    QByteArray body = bytes.value();
    QByteArray type = record.value().ref.contentType.toLatin1();
    if (req.param(QStringLiteral("ukuran")) == QLatin1String("kecil") && type.startsWith("image/")) {
        QImage image;
        if (image.loadFromData(bytes.value())) {
            QBuffer out(&body);
            body.clear();
            out.open(QIODevice::WriteOnly);
            image.scaledToWidth(std::min(image.width(), 320), Qt::SmoothTransformation).save(&out, "JPEG", 80);
            type = "image/jpeg";
        }
    }
    // Personal data: the console answers everything with Cache-Control: no-store (setSecurityHeaders).
    res.status = 200;
    res.setHeader("Content-Disposition", QStringLiteral("inline; filename=\"%1\"").arg(pageId).toUtf8());
    res.setContent(body, type);
}

void RequestPages::letter(const ConsoleRequest &req, const QString &reg, ConsoleResponse &res)
{
    const auto found = store.request(reg);
    if (!found || !workflow.inScope(req.capacities, found.value()))
        return console.sendError(req, res, 404, QStringLiteral("Permohonan %1 tidak ditemukan di wilayah kerja Anda.").arg(reg));
    if (!workflow.seesPersonalData(req.capacities, found.value()))
        return console.sendError(req, res, 403, QStringLiteral("Surat pemohon hanya terbuka bagi petugas yang menangani permohonan ini."));
    QByteArray pdf;
    if (!found.value().letterPath.isEmpty()) {
        QFile file(found.value().letterPath);
        if (!file.open(QIODevice::ReadOnly))
            return console.sendError(req, res, 500, QStringLiteral("Berkas surat tidak dapat dibaca. Hubungi teknisi."));
        pdf = file.readAll();
    } else {
        std::lock_guard lock(actionMutex);
        const auto preview = workflow.previewLetter(found.value());
        if (!preview)
            return console.sendError(req, res, 500, preview.error().message);
        pdf = preview.value();
    }
    res.status = 200;
    res.setHeader("Content-Disposition", QStringLiteral("inline; filename=\"%1.pdf\"").arg(reg).toUtf8());
    res.setContent(pdf, "application/pdf");
}

void RequestPages::act(const ConsoleRequest &req, const QString &reg, ConsoleResponse &res)
{
    const auto action = officerActionFromWire(req.form.value(QStringLiteral("aksi")));
    if (!action)
        return console.sendError(req, res, 400, QStringLiteral("Tindakan tidak dikenal."));
    const auto found = store.request(reg);
    if (!found || !workflow.inScope(req.capacities, found.value()))
        return console.sendError(req, res, 404, QStringLiteral("Permohonan %1 tidak ditemukan di wilayah kerja Anda.").arg(reg));
    const RequestRecord r = found.value();
    const QString note = req.form.value(QStringLiteral("catatan")).trimmed();
    // The ticked requirements (their positions); Workflow::act refuses the document check without all of them.
    QList<int> ticked;
    for (const QString &value : req.form.values(QStringLiteral("syarat")))
        ticked.append(value.toInt());
    if (*action == OfficerAction::Approve && workflow.allowedActions(req.capacities, r).contains(OfficerAction::Approve)) {
        if (roles::isSigning(r.level, r.stage))
            if (const auto refused = checkSigningPassphrase(store, req.officer, req.form.value(QStringLiteral("passphrase"))))
                return console.sendError(req, res, 403, *refused);
    }
    std::lock_guard lock(actionMutex);
    // The step applies only at the stage the passphrase decision above was made for (a double click must not sign).
    const auto done = workflow.act(reg, req.officer, *action, note, ticked, r.stage);
    if (!done) {
        const ErrorCode code = done.error().code;
        const int status = code == ErrorCode::Forbidden                                   ? 403
            : code == ErrorCode::ReasonRequired || code == ErrorCode::ChecklistIncomplete ? 400
            : code == ErrorCode::TransitionNotAllowed                                     ? 409
                                                                                          : 500;
        return console.sendError(req, res, status, done.error().message);
    }
    qCInfo(lcConsole).noquote() << "officer id" << req.officer.id << officerActionToWire(*action) << reg << "->"
                                << serverlink::stageToWire(done.value().stage);
    ConsoleServer::redirect(res, QStringLiteral("/permohonan/%1?pesan=%2").arg(html::urlEncode(reg), officerActionToWire(*action)));
}

void RequestPages::bulkSignPage(const ConsoleRequest &req, ConsoleResponse &res)
{
    const QHash<QString, sla::StepClock> measured = clocks();
    QStringList rows;
    for (const RequestRecord &r : visibleRequests(req))
        if (roles::isSigning(r.level, r.stage) && workflow.allowedActions(req.capacities, r).contains(OfficerAction::Approve))
            rows.append(QStringLiteral("<td><input type=\"checkbox\" name=\"reg\" value=\"%1\" aria-label=\"Pilih %1\" checked></td>")
                            .arg(html::escape(r.registrationNumber))
                + requestRow(req, r, &measured));
    QString body;
    if (rows.isEmpty()) {
        body = QStringLiteral("<p class=\"kosong\">Tidak ada surat yang menunggu tanda tangan Anda.</p>");
    } else {
        body = QStringLiteral("<form method=\"post\" action=\"/tanda-tangan\" class=\"aksi\">%1%2"
                              "<label>Kata sandi penandatanganan (kata sandi Anda) <input type=\"password\" name=\"passphrase\" "
                              "autocomplete=\"current-password\" required></label>"
                              "<button type=\"submit\">Tandatangani yang dipilih</button></form>")
                   .arg(html::csrfField(req.session.csrfToken),
                       html::table({QStringLiteral("Pilih"), QStringLiteral("No. registrasi"), QStringLiteral("Nama pemohon"),
                                       QStringLiteral("Layanan"), QStringLiteral("Tingkat"), QStringLiteral("Tahap"),
                                       QStringLiteral("Umur"), QStringLiteral("Batas waktu")},
                           rows, {}));
    }
    const QString flash = req.query.contains(QStringLiteral("ditandatangani"))
        ? QStringLiteral("%1 surat ditandatangani.").arg(req.param(QStringLiteral("ditandatangani")).toInt())
        : QString();
    ConsoleServer::sendHtml(
        res, 200, console.render(req, QStringLiteral("/tanda-tangan"), QStringLiteral("Tanda tangan massal"), body, flash));
}

void RequestPages::bulkSign(const ConsoleRequest &req, ConsoleResponse &res)
{
    const QStringList regs = req.form.values(QStringLiteral("reg"));
    if (regs.isEmpty())
        return console.sendError(req, res, 400, QStringLiteral("Pilih minimal satu permohonan untuk ditandatangani."));
    if (const auto refused = checkSigningPassphrase(store, req.officer, req.form.value(QStringLiteral("passphrase"))))
        return console.sendError(req, res, 403, *refused);
    int signedCount = 0;
    QStringList failures;
    std::lock_guard lock(actionMutex);
    for (const QString &reg : regs) {
        const auto r = store.request(reg);
        // Only signatures: a bulk form can never move a request through any other step.
        if (!r || !roles::isSigning(r.value().level, r.value().stage)) {
            failures.append(QStringLiteral("%1: bukan pada tahap tanda tangan").arg(reg));
            continue;
        }
        const auto done = workflow.act(reg, req.officer, OfficerAction::Approve, {}, {}, r.value().stage);
        if (done)
            ++signedCount;
        else
            failures.append(QStringLiteral("%1: %2").arg(reg, done.error().message));
    }
    if (!failures.isEmpty())
        return console.sendError(req, res, signedCount > 0 ? 200 : 403,
            QStringLiteral("%1 surat ditandatangani; yang gagal: %2").arg(signedCount).arg(failures.join(QStringLiteral("; "))));
    ConsoleServer::redirect(res, QStringLiteral("/tanda-tangan?ditandatangani=%1").arg(signedCount));
}

void RequestPages::search(const ConsoleRequest &req, ConsoleResponse &res)
{
    const QString q = req.query.contains(QStringLiteral("q")) ? req.param(QStringLiteral("q")).trimmed() : QString();
    QString body
        = QStringLiteral("<form method=\"get\" action=\"/cari\"><label>Nomor registrasi atau nama pemohon "
                         "<input type=\"text\" name=\"q\" value=\"%1\" required></label><button type=\"submit\">Cari</button></form>")
              .arg(html::escape(q));
    if (!q.isEmpty()) {
        QStringList rows;
        for (const RequestRecord &r : visibleRequests(req))
            // A name the officer may not see cannot be probed by searching for it either.
            if (r.registrationNumber.contains(q, Qt::CaseInsensitive)
                || (r.name.contains(q, Qt::CaseInsensitive) && workflow.seesPersonalData(req.capacities, r)))
                rows.append(requestRow(req, r));
        body += html::table({QStringLiteral("No. registrasi"), QStringLiteral("Nama pemohon"), QStringLiteral("Layanan"),
                                QStringLiteral("Tingkat"), QStringLiteral("Tahap")},
            rows, QStringLiteral("Tidak ada permohonan yang cocok di wilayah kerja Anda."));
    }
    ConsoleServer::sendHtml(res, 200, console.render(req, QStringLiteral("/cari"), QStringLiteral("Cari permohonan"), body));
}

} // namespace

void addRequestPages(
    ConsoleServer &console, BackendStore &store, const ServiceCatalog &catalog, Workflow &workflow, DocumentArchive *documents)
{
    auto pages = std::shared_ptr<RequestPages>(new RequestPages {
        console, store, workflow, catalog, documents, serviceDetails(catalog.document()), sla::daysByService(catalog), {}});
    for (const auto &[code, text] :
        {std::pair {QStringLiteral("setujui"), QStringLiteral("Permohonan diteruskan ke tahap berikutnya.")},
            std::pair {QStringLiteral("kembalikan"), QStringLiteral("Permohonan dikembalikan untuk diperbaiki; pemohon akan diberi tahu.")},
            std::pair {QStringLiteral("tolak"), QStringLiteral("Permohonan ditolak; pemohon akan diberi tahu alasannya.")},
            std::pair {QStringLiteral("serahkan"), QStringLiteral("Penyerahan surat dicatat.")}})
        console.addFlashText(code, text);
    const QString reg = QStringLiteral("/permohonan/([A-Za-z0-9-]{1,64})");
    console.addRoute(QStringLiteral("GET"), QStringLiteral("/"), {}, QStringLiteral("Kotak masuk"),
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->inbox(req, res); });
    console.addRoute(QStringLiteral("GET"), QStringLiteral("/tanda-tangan"), kSigners, QStringLiteral("Tanda tangan massal"),
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->bulkSignPage(req, res); });
    console.addRoute(QStringLiteral("POST"), QStringLiteral("/tanda-tangan"), kSigners, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->bulkSign(req, res); });
    console.addRoute(QStringLiteral("GET"), QStringLiteral("/cari"), {}, QStringLiteral("Cari"),
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->search(req, res); });
    console.addRoute(QStringLiteral("GET"), reg, {}, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->detail(req, req.captured, res); });
    console.addRoute(QStringLiteral("GET"), reg + QStringLiteral(R"(/surat\.pdf)"), {}, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->letter(req, req.captured, res); });
    // The same role checks as the request page (inScope), so a page shows to whoever may see its request.
    console.addRoute(QStringLiteral("GET"), QStringLiteral("/permohonan/([A-Za-z0-9-]{1,64}/halaman/[0-9a-f]{32})"), {}, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->page(req, req.captured, res); });
    console.addRoute(QStringLiteral("POST"), reg + QStringLiteral("/aksi"), {}, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->act(req, req.captured, res); });
}

} // namespace backend
