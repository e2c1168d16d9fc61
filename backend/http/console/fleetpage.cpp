#include "fleetpage.h"

#include "backendstore.h"
#include "console/consoleserver.h"
#include "console/html.h"
#include "fleetalerts.h"
#include "offices.h"

#include <QLoggingCategory>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcConsole)

namespace backend {

using namespace console;

namespace {

const QList<Role> kFleetKeepers {Role::Teknisi, Role::KasiPelayanan, Role::Camat, Role::AdminKecamatan, Role::SuperAdmin};
const QString kPath = QStringLiteral("/armada");

QString alertLabel(const QString &wire)
{
    const auto kind = fleetalerts::kindFromWire(wire);
    return kind ? fleetalerts::kindLabel(*kind) : wire;
}

QString scannersText(const KioskHeartbeat &k)
{
    if (k.scanners.isEmpty())
        return k.scannerState;
    QStringList parts;
    for (const serverlink::ScannerReport &s : k.scanners)
        parts.append(QStringLiteral("%1: %2").arg(s.uri, serverlink::healthStateToWire(s.state)));
    return parts.join(QStringLiteral("; "));
}

/// Each printer's raw reasons in plain Indonesian ("tiket: kertas hampir habis"); "-" when the kiosk reports none.
QString printerReasonsText(const KioskHeartbeat &k)
{
    QStringList parts;
    for (const serverlink::PrinterReport &p : k.printers) {
        QStringList words;
        for (const QString &reason : p.reasons)
            if (const QString text = serverlink::printerReasonText(reason); !words.contains(text))
                words.append(text);
        if (p.printerState == 0)
            words.prepend(QStringLiteral("tidak dapat ditanya"));
        const QString role = p.role == QLatin1String("ticket") ? QStringLiteral("tiket")
            : p.role == QLatin1String("letter")                ? QStringLiteral("surat")
                                                               : p.role;
        parts.append(
            QStringLiteral("%1: %2").arg(role, words.isEmpty() ? QStringLiteral("tidak ada masalah") : words.join(QStringLiteral(", "))));
    }
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(QStringLiteral("; "));
}

struct FleetPages {
    ConsoleServer &console;
    BackendStore &store;
    const OfficeDirectory &offices;

    [[nodiscard]] bool sees(const ConsoleRequest &req, const QString &desaCode) const
    {
        return fleetalerts::looksAfterKiosksOf(req.capacities, offices, desaCode);
    }

    void page(const ConsoleRequest &req, ConsoleResponse &res) const
    {
        const auto beats = store.latestHeartbeats();
        const auto alerts = store.kioskAlerts();
        if (!beats || !alerts)
            return console.sendError(req, res, 500, (!beats ? beats.error() : alerts.error()).message);
        QList<KioskAlertRecord> visible;
        for (const KioskAlertRecord &a : alerts.value())
            if (sees(req, a.desaCode))
                visible.append(a);
        const auto silentNow = [&visible](const QString &kioskId) {
            return std::any_of(visible.cbegin(), visible.cend(), [&kioskId](const KioskAlertRecord &a) {
                return a.kioskId == kioskId && a.kind == QLatin1String("silent") && a.clearedAt.isNull();
            });
        };

        QStringList rows;
        for (const KioskHeartbeat &k : beats.value()) {
            if (!sees(req, k.desaCode))
                continue;
            const bool silent = silentNow(k.kioskId);
            rows << html::cell(k.kioskId) + html::cell(k.desaCode) + html::cell(html::wibTime(k.lastSeen))
                    + html::cell(silent ? QStringLiteral("tidak terdengar") : QStringLiteral("aktif"),
                        silent ? QStringLiteral("sla-late") : QStringLiteral("sla-ok"))
                    + html::cell(k.printerState) + html::cell(k.paperState) + html::cell(k.letterPrinterState)
                    + html::cell(printerReasonsText(k)) + html::cell(scannersText(k)) + html::cell(QString::number(k.outboxDepth))
                    + html::cell(QString::number(k.parkedCount))
                    + html::cell(k.freeDiskMb < 0 ? QStringLiteral("?") : QString::number(k.freeDiskMb))
                    + html::cell(k.certNotAfter.isValid() ? k.certNotAfter.toUTC().date().toString(Qt::ISODate) : QStringLiteral("?"))
                    + html::cell(k.clockSkewSeconds ? QString::number(*k.clockSkewSeconds) : QStringLiteral("?")) + html::cell(k.version)
                    + html::cell(k.imageVersion.isEmpty() ? QStringLiteral("-") : k.imageVersion);
        }
        QString body = QStringLiteral("<h2 id=\"anjungan\">Anjungan</h2>")
            + html::table(
                {QStringLiteral("Anjungan"), QStringLiteral("Desa"), QStringLiteral("Terakhir terdengar"), QStringLiteral("Keadaan"),
                    QStringLiteral("Printer tiket"), QStringLiteral("Kertas"), QStringLiteral("Printer surat"),
                    QStringLiteral("Keterangan printer"), QStringLiteral("Pemindai"), QStringLiteral("Antrean kirim"),
                    QStringLiteral("Ditolak server"), QStringLiteral("Disk bebas (MB)"), QStringLiteral("Sertifikat sampai"),
                    QStringLiteral("Selisih jam (detik)"), QStringLiteral("Versi"), QStringLiteral("Versi image")},
                rows, QStringLiteral("Belum ada anjungan kecamatan ini yang mengirim kabar."));

        rows.clear();
        for (const KioskAlertRecord &a : visible) {
            if (!a.acknowledgedAt.isNull())
                continue;
            const QString button = QStringLiteral("<form method=\"post\" action=\"%1/peringatan/%2\" class=\"aksi\">%3"
                                                  "<button type=\"submit\" id=\"tangani-%2\">Selesai ditangani</button></form>")
                                       .arg(kPath)
                                       .arg(a.id)
                                       .arg(html::csrfField(req.session.csrfToken));
            rows << QStringLiteral("<td id=\"peringatan-%1\">%2</td>").arg(a.id).arg(html::escape(alertLabel(a.kind)))
                    + html::cell(a.kioskId) + html::cell(a.desaCode) + html::cell(a.detail) + html::cell(html::wibTime(a.raisedAt))
                    + html::cell(a.clearedAt.isNull() ? QStringLiteral("masih berlangsung") : html::wibTime(a.clearedAt),
                        a.clearedAt.isNull() ? QStringLiteral("sla-late") : QStringLiteral("sla-ok"))
                    + QStringLiteral("<td>%1</td>").arg(button);
        }
        body += QStringLiteral("<h2 id=\"peringatan\">Peringatan terbuka</h2>")
            + html::table({QStringLiteral("Peringatan"), QStringLiteral("Anjungan"), QStringLiteral("Desa"), QStringLiteral("Keterangan"),
                              QStringLiteral("Muncul"), QStringLiteral("Berakhir"), QString()},
                rows, QStringLiteral("Tidak ada peringatan terbuka."));

        rows.clear();
        for (const KioskAlertRecord &a : visible)
            if (!a.acknowledgedAt.isNull())
                rows << html::cell(alertLabel(a.kind)) + html::cell(a.kioskId) + html::cell(a.detail)
                        + html::cell(html::wibTime(a.raisedAt))
                        + html::cell(a.clearedAt.isNull() ? QStringLiteral("masih berlangsung") : html::wibTime(a.clearedAt))
                        + html::cell(QStringLiteral("%1, %2").arg(a.acknowledgedBy, html::wibTime(a.acknowledgedAt)));
        body += QStringLiteral("<h2 id=\"riwayat\">Sudah ditangani</h2>")
            + html::table({QStringLiteral("Peringatan"), QStringLiteral("Anjungan"), QStringLiteral("Keterangan"), QStringLiteral("Muncul"),
                              QStringLiteral("Berakhir"), QStringLiteral("Ditangani")},
                rows, QStringLiteral("Belum ada peringatan yang ditangani."));
        console.sendPage(req, res, kPath, QStringLiteral("Armada anjungan"), body);
    }

    void acknowledge(const ConsoleRequest &req, ConsoleResponse &res) const
    {
        const QString actor = req.officer.displayName.isEmpty() ? req.officer.username : req.officer.displayName;
        const auto done = FleetAlerts(store, {}).acknowledge(req.capacities, offices, req.captured.toLongLong(), actor);
        if (!done) {
            if (done.error().code == ErrorCode::Forbidden)
                return console.sendError(req, res, 403, done.error().message);
            if (done.error().code == ErrorCode::NotFound)
                return console.sendError(req, res, 404, done.error().message);
            return console.sendError(req, res, 500, done.error().message);
        }
        qCInfo(lcConsole).noquote() << "officer id" << req.officer.id << "acknowledged fleet alert" << req.captured;
        ConsoleServer::redirect(res, kPath + QStringLiteral("?pesan=peringatan"));
    }
};

} // namespace

void addFleetPages(ConsoleServer &console, BackendStore &store, const OfficeDirectory &offices)
{
    auto pages = std::make_shared<FleetPages>(FleetPages {console, store, offices});
    console.addFlashText(QStringLiteral("peringatan"), QStringLiteral("Peringatan ditandai selesai ditangani."));
    console.addRoute(QStringLiteral("GET"), kPath, kFleetKeepers, QStringLiteral("Armada"),
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->page(req, res); });
    console.addRoute(QStringLiteral("POST"), kPath + QStringLiteral("/peringatan/([0-9]{1,18})"), kFleetKeepers, {},
        [pages](const ConsoleRequest &req, ConsoleResponse &res) { pages->acknowledge(req, res); });
}

} // namespace backend
