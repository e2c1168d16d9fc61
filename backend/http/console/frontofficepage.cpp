#include "frontofficepage.h"

#include "console/consoleserver.h"
#include "console/html.h"
#include "masking.h"
#include "offices.h"
#include "queuereport.h"
#include "servicecatalog.h"

#include <QHash>
#include <QTimeZone>
#include <algorithm>

namespace backend {

namespace {

using console::html::cell;
using console::html::escape;
using console::html::table;

constexpr int kWibOffsetSeconds = 7 * 3600;

QString clock(const QDateTime &t)
{
    return t.toTimeZone(QTimeZone(kWibOffsetSeconds)).toString(QStringLiteral("HH:mm"));
}

ConsolePageReply failed(const Error &error)
{
    ConsolePageReply reply;
    reply.status = 500;
    reply.bodyHtml = QStringLiteral("<p class=\"galat\">Data loket tidak dapat dibaca: %1</p>").arg(escape(error.message));
    return reply;
}

/// The desa this officer may look at, in code order.
QList<DesaOffice> visibleDesa(const QList<Capacity> &capacities, const OfficeDirectory &offices)
{
    QList<DesaOffice> out;
    for (const DesaOffice &d : offices.all())
        if (frontoffice::seesDesa(capacities, offices, d.code))
            out.append(d);
    return out;
}

ConsolePageReply renderPage(
    BackendStore &store, const ServiceCatalog &catalog, const OfficeDirectory &offices, const ConsolePageRequest &request)
{
    ConsolePageReply reply;
    const QList<DesaOffice> desas = visibleDesa(request.capacities, offices);
    if (desas.isEmpty()) {
        reply.bodyHtml = QStringLiteral("<p class=\"kosong\">Tidak ada desa di wilayah Anda.</p>");
        return reply;
    }
    QString code = request.query.value(QStringLiteral("desa")).trimmed();
    if (code.isEmpty())
        code = desas.constFirst().code;
    const auto chosen = std::find_if(desas.cbegin(), desas.cend(), [&](const DesaOffice &d) { return d.code == code; });
    if (chosen == desas.cend()) {
        reply.status = 403;
        reply.bodyHtml = QStringLiteral("<p class=\"galat\">Desa %1 bukan wilayah Anda.</p>").arg(escape(code));
        return reply;
    }
    QDate day = frontoffice::wibToday();
    if (const QString asked = request.query.value(QStringLiteral("tanggal")).trimmed(); !asked.isEmpty()) {
        day = QDate::fromString(asked, Qt::ISODate);
        if (!day.isValid()) {
            reply.status = 400;
            reply.bodyHtml = QStringLiteral("<p class=\"galat\">Tanggal tidak sah: tulis sebagai TTTT-BB-HH.</p>");
            return reply;
        }
    }
    const auto [dayStart, dayEnd] = frontoffice::wibDay(day);

    const auto requests = store.requests();
    if (!requests)
        return failed(requests.error());
    const auto stepStarts = store.stepStarts();
    if (!stepStarts)
        return failed(stepStarts.error());
    const auto events = store.deskEvents(dayStart, dayEnd, code);
    if (!events)
        return failed(events.error());
    const auto serviceName = [&](const QString &service) {
        const auto s = catalog.service(service);
        return s ? s->name : service;
    };

    QString body;
    reply.title = QStringLiteral("Loket %1").arg(chosen->name);
    if (desas.size() > 1) {
        QString options;
        for (const DesaOffice &d : desas)
            options += QStringLiteral("<option value=\"%1\"%2>%3 (%1)</option>")
                           .arg(d.code, d.code == code ? QStringLiteral(" selected") : QString(), escape(d.name));
        body += QStringLiteral("<form method=\"get\" action=\"/loket\" class=\"aksi\"><label>Desa <select name=\"desa\">%1</select></label>"
                               " <button type=\"submit\">Tampilkan</button></form>")
                    .arg(options);
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<RequestRecord> ready;
    for (const RequestRecord &r : requests.value())
        if (r.desaCode == code && r.stage == serverlink::Stage::Ready)
            ready.append(r);
    const auto readySince = [&](const RequestRecord &r) { return stepStarts.value().value(r.registrationNumber, r.receivedAt); };
    std::stable_sort(
        ready.begin(), ready.end(), [&](const RequestRecord &a, const RequestRecord &b) { return readySince(a) < readySince(b); });
    QStringList rows;
    for (const RequestRecord &r : std::as_const(ready))
        rows << cell(r.registrationNumber) + cell(serviceName(r.serviceCode)) + cell(serverlink::masking::name(r.name))
                + cell(r.queueLabel.isEmpty() ? QStringLiteral("–") : r.queueLabel) + cell(console::html::wibTime(readySince(r)))
                + cell(queuereport::formatAge(readySince(r).secsTo(now)), QStringLiteral("umur"));
    body += QStringLiteral("<section id=\"siap\"><h2>Surat siap dicetak dan diserahkan (%1)</h2>").arg(ready.size())
        + table({QStringLiteral("Nomor registrasi"), QStringLiteral("Layanan"), QStringLiteral("Nama"), QStringLiteral("Nomor antrean"),
                    QStringLiteral("Siap sejak"), QStringLiteral("Umur")},
            rows, QStringLiteral("Tidak ada surat yang menunggu diserahkan."))
        + QStringLiteral("</section>");

    // The loket that served each request's number, from the kiosks' journal (the latest call wins).
    QHash<QString, int> servedAt;
    for (const DeskEventRecord &e : events.value())
        if ((e.event.kind == serverlink::DeskEventKind::QueueServed || e.event.kind == serverlink::DeskEventKind::QueueCalled)
            && !e.event.registrationNumber.isEmpty() && e.event.counter > 0)
            servedAt.insert(e.event.registrationNumber, e.event.counter);
    rows.clear();
    for (const RequestRecord &r : requests.value())
        if (r.desaCode == code && r.receivedAt >= dayStart && r.receivedAt < dayEnd)
            rows << cell(r.queueLabel.isEmpty() ? QStringLiteral("–") : r.queueLabel)
                    + cell(servedAt.contains(r.registrationNumber) ? QString::number(servedAt.value(r.registrationNumber))
                                                                   : QStringLiteral("–"))
                    + cell(r.registrationNumber) + cell(serviceName(r.serviceCode)) + cell(serverlink::masking::name(r.name))
                    + cell(serverlink::stageLabelId(r.stage)) + cell(clock(r.receivedAt));
    const QString dayText = day.toString(QStringLiteral("dd-MM-yyyy"));
    body += QStringLiteral("<section id=\"hari-ini\"><h2>Permohonan %1</h2>").arg(dayText)
        + table({QStringLiteral("Nomor antrean"), QStringLiteral("Loket"), QStringLiteral("Nomor registrasi"), QStringLiteral("Layanan"),
                    QStringLiteral("Nama"), QStringLiteral("Tahap"), QStringLiteral("Diterima")},
            rows, QStringLiteral("Belum ada permohonan pada hari ini."))
        + QStringLiteral("</section>");

    // The actor is a front-office staff account (staff card) of this desa, or an officer's username.
    QHash<QString, QString> staffNames;
    if (const auto officers = store.officers())
        for (const OfficerRecord &o : officers.value())
            staffNames.insert(o.username, QStringLiteral("%1 (%2)").arg(o.displayName, o.username));
    if (const auto staff = store.staffAccounts(code))
        for (const StaffAccountRecord &s : staff.value())
            staffNames.insert(s.username, QStringLiteral("%1 (%2)").arg(s.name, s.username));
    rows.clear();
    for (const DeskEventRecord &e : events.value())
        if (e.event.kind == serverlink::DeskEventKind::LetterHandedOver)
            rows << cell(clock(e.event.at)) + cell(e.event.registrationNumber)
                    + cell(e.event.actor.isEmpty() ? QStringLiteral("–") : staffNames.value(e.event.actor, e.event.actor))
                    + cell(e.event.counter > 0 ? QString::number(e.event.counter) : QStringLiteral("–")) + cell(e.kioskId);
    body += QStringLiteral("<section id=\"penyerahan\"><h2>Penyerahan surat %1</h2>").arg(dayText)
        + table({QStringLiteral("Waktu"), QStringLiteral("Nomor registrasi"), QStringLiteral("Diserahkan oleh"), QStringLiteral("Loket"),
                    QStringLiteral("Anjungan")},
            rows, QStringLiteral("Belum ada surat yang diserahkan pada hari ini."))
        + QStringLiteral("</section>");

    body += QStringLiteral("<section id=\"antrean\"><h2>Laporan antrean %1</h2>").arg(dayText)
        + frontoffice::queueReportTable(events.value(), offices, false) + QStringLiteral("</section>");
    reply.bodyHtml = body;
    return reply;
}

} // namespace

namespace frontoffice {

bool seesDesa(const QList<Capacity> &capacities, const OfficeDirectory &offices, const QString &desaCode)
{
    for (const Capacity &c : capacities) {
        if (c.role == Role::SuperAdmin)
            return true;
        if (isDesaRole(c.role)) {
            if (c.office == desaCode)
                return true;
            continue;
        }
        const auto desa = offices.desa(desaCode);
        if ((desa ? desa->kecamatanCode : desaCode.left(6)) == c.office)
            return true;
    }
    return false;
}

QPair<QDateTime, QDateTime> wibDay(const QDate &day)
{
    const QTimeZone wib(kWibOffsetSeconds);
    return {QDateTime(day, QTime(0, 0), wib).toUTC(), QDateTime(day.addDays(1), QTime(0, 0), wib).toUTC()};
}

QDate wibToday()
{
    return QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(kWibOffsetSeconds)).date();
}

QString queueReportTable(const QList<DeskEventRecord> &events, const OfficeDirectory &offices, bool withDesa)
{
    QStringList rows;
    for (const LoketQueueFigures &f : queuereport::compute(events)) {
        QString row;
        if (withDesa) {
            const auto desa = offices.desa(f.desaCode);
            row += cell(desa ? desa->name : f.desaCode);
        }
        row += cell(f.counter > 0 ? QString::number(f.counter) : QStringLiteral("–")) + cell(QString::number(f.served))
            + cell(QString::number(f.skipped)) + cell(queuereport::formatDuration(f.medianWaitSeconds))
            + cell(queuereport::formatDuration(f.medianServiceSeconds));
        rows << row;
    }
    QStringList headers {QStringLiteral("Loket"), QStringLiteral("Dilayani"), QStringLiteral("Dilewati"),
        QStringLiteral("Median tunggu (ambil → dipanggil)"), QStringLiteral("Median layanan (dipanggil → selesai)")};
    if (withDesa)
        headers.prepend(QStringLiteral("Desa"));
    return table(headers, rows, QStringLiteral("Belum ada antrean yang dipanggil pada hari ini."));
}

} // namespace frontoffice

void addFrontOfficePages(ConsoleServer &console, BackendStore &store, const ServiceCatalog &catalog, const OfficeDirectory &offices)
{
    const QList<Role> roles {Role::DesaFrontOffice, Role::SekretarisDesa, Role::KepalaDesa, Role::AdminKecamatan, Role::SuperAdmin};
    console.addPage(QStringLiteral("/loket"), QStringLiteral("Loket desa"), roles,
        [&store, &catalog, &offices](const ConsolePageRequest &request) { return renderPage(store, catalog, offices, request); });
}

} // namespace backend
