#include "monitoringpage.h"

#include "backendstore.h"
#include "console/consoleserver.h"
#include "console/frontofficepage.h"
#include "console/html.h"
#include "monitoring.h"
#include "offices.h"
#include "queuereport.h"
#include "servicecatalog.h"

namespace backend {

namespace {

using console::html::cell;
using console::html::escape;
using console::html::table;

/// A kiosk not heard of for this long is shown as silent (heartbeats come every minute).
constexpr qint64 kSilentAfterSeconds = 10 * 60;

/// The period of the IKM and turnaround figures: ?dari=YYYY-MM-DD&sampai=YYYY-MM-DD (inclusive), default this year.
/// Days are the kecamatan's (WIB), as on the front office page: from 17:00 UTC a new day has begun there.
struct Period {
    QDate from;
    QDate to;
    bool valid = true;

    [[nodiscard]] QDateTime start() const { return frontoffice::wibDay(from).first; }
    [[nodiscard]] QDateTime end() const { return frontoffice::wibDay(to).second; }
};

Period periodOf(const QMultiMap<QString, QString> &query)
{
    const QDate today = frontoffice::wibToday();
    Period p {QDate(today.year(), 1, 1), today};
    const auto read = [&](const QString &key, QDate *into) {
        const QString v = query.value(key).trimmed();
        if (v.isEmpty())
            return;
        const QDate d = QDate::fromString(v, Qt::ISODate);
        if (d.isValid())
            *into = d;
        else
            p.valid = false;
    };
    read(QStringLiteral("dari"), &p.from);
    read(QStringLiteral("sampai"), &p.to);
    if (p.to < p.from)
        p.valid = false;
    return p;
}

QString number(double value)
{
    return QString::number(value, 'f', 1);
}

QString stageName(serverlink::Stage stage)
{
    return serverlink::stageLabelId(stage);
}

/// Fleet health as rows for HTML and CSV alike.
QList<QStringList> fleetRows(const QList<KioskHeartbeat> &beats, const QDateTime &now)
{
    QList<QStringList> rows;
    for (const KioskHeartbeat &k : beats) {
        const bool silent = k.lastSeen.secsTo(now) > kSilentAfterSeconds;
        rows.append(
            {k.kioskId, k.desaCode, k.lastSeen.toString(Qt::ISODate), silent ? QStringLiteral("tidak terdengar") : QStringLiteral("aktif"),
                k.printerState, k.paperState, k.letterPrinterState, k.scannerState, QString::number(k.outboxDepth),
                QString::number(k.parkedCount), k.freeDiskMb < 0 ? QStringLiteral("?") : QString::number(k.freeDiskMb), k.version,
                k.imageVersion.isEmpty() ? QStringLiteral("-") : k.imageVersion});
    }
    return rows;
}

const QStringList kFleetHeader {QStringLiteral("Anjungan"), QStringLiteral("Desa"), QStringLiteral("Terakhir terdengar"),
    QStringLiteral("Keadaan"), QStringLiteral("Printer tiket"), QStringLiteral("Kertas"), QStringLiteral("Printer surat"),
    QStringLiteral("Pemindai"), QStringLiteral("Antrean kirim"), QStringLiteral("Ditolak server"), QStringLiteral("Disk bebas (MB)"),
    QStringLiteral("Versi"), QStringLiteral("Versi image")};

/// The front office journal of `day` (WIB) of the desa the officer acting in `capacities` may see.
Result<QList<DeskEventRecord>> visibleQueueEvents(
    BackendStore &store, const OfficeDirectory &offices, const QList<Capacity> &capacities, const QDate &day)
{
    const auto [from, to] = frontoffice::wibDay(day);
    auto events = store.deskEvents(from, to);
    if (!events)
        return events.error();
    QList<DeskEventRecord> visible;
    for (const DeskEventRecord &e : events.value())
        if (frontoffice::seesDesa(capacities, offices, e.desaCode))
            visible.append(e);
    return visible;
}

const QStringList kQueueHeader {QStringLiteral("Kode desa"), QStringLiteral("Loket"), QStringLiteral("Dilayani"),
    QStringLiteral("Dilewati"), QStringLiteral("Sampel tunggu"), QStringLiteral("Median tunggu (detik)"), QStringLiteral("Sampel layanan"),
    QStringLiteral("Median layanan (detik)")};

QList<QStringList> queueRows(const QList<DeskEventRecord> &events)
{
    const auto seconds = [](const std::optional<qint64> &s) { return s ? QString::number(*s) : QString(); };
    QList<QStringList> rows;
    for (const LoketQueueFigures &f : queuereport::compute(events))
        rows.append(
            {f.desaCode, QString::number(f.counter), QString::number(f.served), QString::number(f.skipped), QString::number(f.waitSamples),
                seconds(f.medianWaitSeconds), QString::number(f.serviceSamples), seconds(f.medianServiceSeconds)});
    return rows;
}

/// The officer's office scope (frontoffice::seesDesa): a kecamatan's desas, one desa, or all for the super admin.
Monitoring::DesaFilter officeScope(const OfficeDirectory &offices, const QList<Capacity> &capacities)
{
    return [&offices, capacities](const QString &desaCode) { return frontoffice::seesDesa(capacities, offices, desaCode); };
}

/// The latest heartbeat of each kiosk of the desas `visible` lets through.
Result<QList<KioskHeartbeat>> visibleHeartbeats(BackendStore &store, const Monitoring::DesaFilter &visible)
{
    auto beats = store.latestHeartbeats();
    if (!beats)
        return beats.error();
    beats.value().removeIf([&visible](const KioskHeartbeat &k) { return !visible(k.desaCode); });
    return beats.value();
}

ConsolePageReply errorReply(const Error &error)
{
    ConsolePageReply reply;
    reply.status = 500;
    reply.bodyHtml = QStringLiteral("<p class=\"galat\">Data pemantauan tidak dapat dibaca: %1</p>").arg(escape(error.message));
    return reply;
}

ConsolePageReply renderPage(
    BackendStore &store, const ServiceCatalog &catalog, const OfficeDirectory &offices, const ConsolePageRequest &request)
{
    const Period period = periodOf(request.query);
    ConsolePageReply reply;
    if (!period.valid) {
        reply.status = 400;
        reply.bodyHtml = QStringLiteral("<p class=\"galat\">Periode tidak sah: tulis tanggal sebagai TTTT-BB-HH dan \"dari\" tidak "
                                        "boleh sesudah \"sampai\".</p>");
        return reply;
    }
    const Monitoring::DesaFilter visible = officeScope(offices, request.capacities);
    Monitoring monitoring(store, catalog, visible);
    const auto stages = monitoring.stageCounts();
    const auto turnaround = monitoring.turnaround(period.start(), period.end());
    const auto breaches = monitoring.slaBreaches();
    const auto ikm = monitoring.ikm(period.start(), period.end());
    const auto profile = monitoring.surveyProfile(period.start(), period.end());
    const auto beats = visibleHeartbeats(store, visible);
    if (!stages)
        return errorReply(stages.error());
    if (!turnaround)
        return errorReply(turnaround.error());
    if (!breaches)
        return errorReply(breaches.error());
    if (!ikm)
        return errorReply(ikm.error());
    if (!beats)
        return errorReply(beats.error());
    if (!profile)
        return errorReply(profile.error());

    const QString from = period.from.toString(Qt::ISODate), to = period.to.toString(Qt::ISODate);
    const auto csvLink = [&](const QString &tableName) {
        return console::html::link(
            QStringLiteral("/pemantauan.csv?tabel=%1&dari=%2&sampai=%3").arg(tableName, from, to), QStringLiteral("Unduh CSV"));
    };
    const auto desaName = [&](const QString &code) {
        if (code.isEmpty())
            return QStringLiteral("Semua desa di wilayah Anda");
        const auto desa = offices.desa(code);
        return desa ? desa->name : code;
    };
    const auto serviceName = [&](const QString &code) {
        const auto s = catalog.service(code);
        return s ? s->name : code;
    };

    QString body = QStringLiteral("<form method=\"get\" action=\"/pemantauan\" class=\"aksi\"><label>Dari <input type=\"date\" "
                                  "name=\"dari\" value=\"%1\"></label> <label>Sampai <input type=\"date\" name=\"sampai\" value=\"%2\">"
                                  "</label> <button type=\"submit\">Tampilkan</button></form>")
                       .arg(escape(from), escape(to));

    QStringList rows;
    for (const StageCount &c : stages.value())
        rows << cell(desaName(c.desaCode)) + cell(stageName(c.stage)) + cell(QString::number(c.count));
    body += QStringLiteral("<h2 id=\"tahap\">Permohonan per tahap</h2>") + csvLink(QStringLiteral("tahap"))
        + table({QStringLiteral("Desa"), QStringLiteral("Tahap"), QStringLiteral("Jumlah")}, rows, QStringLiteral("Belum ada permohonan."));

    rows.clear();
    for (const Turnaround &t : turnaround.value())
        rows << cell(serviceName(t.serviceCode)) + cell(QString::number(t.count)) + cell(number(t.medianHours)) + cell(number(t.p90Hours));
    body += QStringLiteral("<h2 id=\"waktu\">Waktu layanan (diterima → siap), jam</h2>") + csvLink(QStringLiteral("waktu"))
        + table({QStringLiteral("Layanan"), QStringLiteral("Selesai"), QStringLiteral("Median"), QStringLiteral("P90")}, rows,
            QStringLiteral("Belum ada surat yang siap pada periode ini."));

    rows.clear();
    for (const SlaBreach &s : breaches.value())
        rows << cell(s.registrationNumber) + cell(desaName(s.desaCode)) + cell(serviceName(s.serviceCode)) + cell(stageName(s.stage))
                + cell(QString::number(s.slaDays)) + cell(number(s.overdueDays), QStringLiteral("sla-late"));
    body += QStringLiteral("<h2 id=\"sla\">Melewati batas waktu layanan</h2>") + csvLink(QStringLiteral("sla"))
        + table({QStringLiteral("Nomor registrasi"), QStringLiteral("Desa"), QStringLiteral("Layanan"), QStringLiteral("Tahap"),
                    QStringLiteral("SLA (hari)"), QStringLiteral("Terlambat (hari)")},
            rows, QStringLiteral("Tidak ada permohonan yang terlambat."));

    rows.clear();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QStringList &r : fleetRows(beats.value(), now)) {
        QString html;
        for (int i = 0; i < r.size(); ++i)
            html += cell(
                r.at(i), i == 3 ? (r.at(i) == QLatin1String("aktif") ? QStringLiteral("sla-ok") : QStringLiteral("sla-late")) : QString());
        rows << html;
    }
    body += QStringLiteral("<h2 id=\"armada\">Kesehatan anjungan</h2>") + csvLink(QStringLiteral("armada"))
        + table(kFleetHeader, rows, QStringLiteral("Belum ada anjungan yang mengirim kabar."));

    // The queue of the period's last day, of the desa this officer may see.
    const auto queueEvents = visibleQueueEvents(store, offices, request.capacities, period.to);
    if (!queueEvents)
        return errorReply(queueEvents.error());
    body += QStringLiteral("<section id=\"antrean\"><h2>Antrean desa per loket, %1</h2>")
                .arg(period.to.toString(QStringLiteral("dd-MM-yyyy")))
        + csvLink(QStringLiteral("antrean")) + frontoffice::queueReportTable(queueEvents.value(), offices, true)
        + QStringLiteral("</section>");

    const IkmResult &result = ikm.value();
    body += QStringLiteral("<h2 id=\"ikm\">Indeks Kepuasan Masyarakat (PermenPAN-RB 14/2017)</h2>") + csvLink(QStringLiteral("ikm"));
    if (result.respondents == 0) {
        body += QStringLiteral("<p class=\"kosong\">Belum ada survei pada periode ini.</p>");
    } else {
        body += QStringLiteral("<p id=\"ikm-nilai\">%1 responden · IKM <strong>%2</strong> · mutu pelayanan <strong>%3</strong></p>")
                    .arg(result.respondents)
                    .arg(escape(ikm::formatHundredths(result.ikm)), escape(QString(result.category)));
        static const QStringList unsur {QStringLiteral("Persyaratan"), QStringLiteral("Prosedur"), QStringLiteral("Waktu pelayanan"),
            QStringLiteral("Biaya/tarif"), QStringLiteral("Produk layanan"), QStringLiteral("Kompetensi pelaksana"),
            QStringLiteral("Perilaku pelaksana"), QStringLiteral("Penanganan pengaduan"), QStringLiteral("Sarana dan prasarana")};
        rows.clear();
        for (int i = 0; i < IkmResult::kUnsur; ++i)
            rows << cell(QStringLiteral("U%1 %2").arg(i + 1).arg(unsur.at(i)))
                    + cell(QString::number(result.nrr.at(size_t(i)).toDouble(), 'f', 2));
        body += table({QStringLiteral("Unsur"), QStringLiteral("Nilai rata-rata (1–4)")}, rows, QString());
    }
    const SurveyProfileSummary &summary = profile.value();
    if (summary.respondents > 0) {
        rows.clear();
        for (const SurveyProfileSummary::Count &c : summary.counts) {
            QString question;
            for (const serverlink::SurveyProfileQuestion &q : serverlink::surveyProfileQuestions())
                if (c.key == QLatin1String(q.key))
                    question = QString::fromUtf8(q.label);
            rows << QStringLiteral("<td>%1</td>").arg(escape(question)) + cell(serverlink::surveyProfileLabel(c.key, c.wire))
                    + QStringLiteral("<td id=\"profil-%1-%2\">%3</td>").arg(c.key, c.wire).arg(c.count);
        }
        body += QStringLiteral("<h3 id=\"profil\">Profil responden</h3><p>Jumlah responden yang memilih tiap jawaban; responden boleh "
                               "melewati pertanyaan profil.</p>")
            + table({QStringLiteral("Pertanyaan"), QStringLiteral("Jawaban"), QStringLiteral("Responden")}, rows, QString());
        rows.clear();
        for (const SurveyRecord &r : summary.suggestions)
            rows << cell(console::html::wibTime(r.answeredAt)) + cell(desaName(r.desaCode))
                    + cell(r.serviceCode.isEmpty() ? QStringLiteral("-") : serviceName(r.serviceCode)) + cell(r.suggestion);
        body += QStringLiteral("<h3 id=\"saran\">Saran</h3>")
            + table({QStringLiteral("Waktu"), QStringLiteral("Desa"), QStringLiteral("Layanan"), QStringLiteral("Saran")}, rows,
                QStringLiteral("Belum ada saran pada periode ini."));
    }
    reply.bodyHtml = body;
    return reply;
}

ConsolePageReply renderCsv(
    BackendStore &store, const ServiceCatalog &catalog, const OfficeDirectory &offices, const ConsolePageRequest &request)
{
    const Period period = periodOf(request.query);
    const QString name = request.query.value(QStringLiteral("tabel"));
    ConsolePageReply reply;
    if (!period.valid) {
        reply.status = 400;
        reply.bodyHtml = QStringLiteral("<p class=\"galat\">Periode tidak sah.</p>");
        return reply;
    }
    const Monitoring::DesaFilter visible = officeScope(offices, request.capacities);
    Monitoring monitoring(store, catalog, visible);
    Result<QByteArray> bytes = Error {ErrorCode::NotFound, QStringLiteral("Tabel tidak dikenal.")};
    if (name == QLatin1String("tahap")) {
        if (const auto r = monitoring.stageCounts(); r)
            bytes = Monitoring::stageCsv(r.value());
        else
            bytes = r.error();
    } else if (name == QLatin1String("waktu")) {
        if (const auto r = monitoring.turnaround(period.start(), period.end()); r)
            bytes = Monitoring::turnaroundCsv(r.value());
        else
            bytes = r.error();
    } else if (name == QLatin1String("sla")) {
        if (const auto r = monitoring.slaBreaches(); r)
            bytes = Monitoring::slaCsv(r.value());
        else
            bytes = r.error();
    } else if (name == QLatin1String("ikm")) {
        if (const auto r = monitoring.ikm(period.start(), period.end()); r)
            bytes = Monitoring::ikmCsv(r.value());
        else
            bytes = r.error();
    } else if (name == QLatin1String("antrean")) {
        if (const auto r = visibleQueueEvents(store, offices, request.capacities, period.to); r)
            bytes = csv::table(kQueueHeader, queueRows(r.value()));
        else
            bytes = r.error();
    } else if (name == QLatin1String("armada")) {
        if (const auto r = visibleHeartbeats(store, visible); r)
            bytes = csv::table(kFleetHeader, fleetRows(r.value(), QDateTime::currentDateTimeUtc()));
        else
            bytes = r.error();
    }
    if (!bytes) {
        reply.status = bytes.error().code == ErrorCode::NotFound ? 404 : 500;
        reply.bodyHtml = QStringLiteral("<p class=\"galat\">%1 Pilih tahap, waktu, sla, armada, antrean atau ikm.</p>")
                             .arg(escape(bytes.error().message));
        return reply;
    }
    reply.bytes = bytes.value();
    reply.contentType = QStringLiteral("text/csv; charset=utf-8");
    reply.downloadName
        = QStringLiteral("pemantauan-%1-%2-%3.csv").arg(name, period.from.toString(Qt::ISODate), period.to.toString(Qt::ISODate));
    return reply;
}

} // namespace

void addMonitoringPages(ConsoleServer &console, BackendStore &store, const ServiceCatalog &catalog, const OfficeDirectory &offices)
{
    const QList<Role> leadership {Role::KasiPelayanan, Role::Camat, Role::AdminKecamatan, Role::SuperAdmin};
    console.addPage(QStringLiteral("/pemantauan"), QStringLiteral("Pemantauan"), leadership,
        [&store, &catalog, &offices](const ConsolePageRequest &request) { return renderPage(store, catalog, offices, request); });
    console.addPage(QStringLiteral("/pemantauan.csv"), QString(), leadership,
        [&store, &catalog, &offices](const ConsolePageRequest &request) { return renderCsv(store, catalog, offices, request); });
}

} // namespace backend
