#include "publicpages.h"

#include "bulkverification.h"
#include "console/consoleserver.h"
#include "console/html.h"
#include "publicstatus.h"
#include "ratelimiter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <memory>

namespace backend {

using namespace console;

namespace {

void sendJson(ConsoleResponse &res, int status, const QByteArray &json)
{
    res.status = status;
    res.setContent(json, "application/json");
}

void sendJsonError(ConsoleResponse &res, int status, const QString &code, const QString &message)
{
    sendJson(res, status,
        QJsonDocument(QJsonObject {{QStringLiteral("error"), code}, {QStringLiteral("message"), message}}).toJson(QJsonDocument::Compact));
}

/// The request's source against `limiter`; false (and a 429 with Retry-After written by `refuse`) when over its limit.
template<typename Refuse> bool admitted(RateLimiter &limiter, const ConsoleRequest &req, ConsoleResponse &res, int cost, Refuse refuse)
{
    const auto wait = limiter.take(RateLimiter::sourceOf(req.source), cost);
    if (!wait)
        return true;
    res.setHeader("Retry-After", QByteArray::number(*wait));
    refuse(*wait);
    return false;
}

/// A whole public page: Bahasa Indonesia, readable at 360 px, no script.
QString publicPage(const QString &title, const QString &body)
{
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                          "<title>%1 — Layanan Surat Kecamatan</title><link rel=\"stylesheet\" href=\"/gaya.css\"></head>"
                          "<body><header><strong>Layanan Surat</strong> Kecamatan</header><main><h1>%1</h1>%2</main></body></html>\n")
        .arg(html::escape(title), body);
}

QString statusForm(const QString &number)
{
    return QStringLiteral("<form method=\"get\" action=\"/status\"><p><label for=\"nomor\">Nomor registrasi (pada tiket)</label><br>"
                          "<input id=\"nomor\" type=\"text\" name=\"nomor\" value=\"%1\" autocomplete=\"off\" maxlength=\"32\" "
                          "placeholder=\"ABCDE-12345\" required></p><p><button type=\"submit\">Periksa status</button></p></form>")
        .arg(html::escape(number));
}

/// The detail form: NIK or ticket token go in a POST body, never in a URL (history, logs).
QString proofForm(const QString &number)
{
    return QStringLiteral("<details><summary>Lihat riwayat dan yang perlu dibawa</summary>"
                          "<form method=\"post\" action=\"/status\"><input type=\"hidden\" name=\"nomor\" value=\"%1\">"
                          "<p><label for=\"nik\">NIK pemohon (16 angka)</label><br>"
                          "<input id=\"nik\" type=\"text\" name=\"nik\" inputmode=\"numeric\" maxlength=\"16\" autocomplete=\"off\"></p>"
                          "<p><label for=\"token\">atau kode tiket (dari QR tiket)</label><br>"
                          "<input id=\"token\" type=\"text\" name=\"token\" maxlength=\"64\" autocomplete=\"off\"></p>"
                          "<p><button type=\"submit\">Tampilkan rincian</button></p></form></details>")
        .arg(html::escape(number));
}

QString statusHtml(const PublicStatusView &v)
{
    if (!v.found)
        return QStringLiteral("<p class=\"pesan galat\" role=\"alert\">%1</p>").arg(html::escape(v.advice));
    QString body = QStringLiteral("<dl><dt>Nomor registrasi</dt><dd>%1</dd><dt>Layanan</dt><dd>%2</dd><dt>Atas nama</dt><dd>%3</dd>"
                                  "<dt>Tahap</dt><dd><strong>%4</strong> (sejak %5)</dd></dl><p class=\"pesan\" role=\"status\">%6</p>")
                       .arg(html::escape(v.registrationNumber), html::escape(v.serviceName), html::escape(v.maskedName),
                           html::escape(serverlink::stageLabelId(v.stage)), html::escape(html::wibTime(v.stageAt)), html::escape(v.advice));
    if (!v.detailed)
        return body + proofForm(v.registrationNumber);
    QStringList rows;
    for (const PublicStep &s : v.history)
        rows.append(html::cell(html::wibTime(s.at)) + html::cell(serverlink::stageLabelId(s.stage)));
    body += QStringLiteral("<h2>Riwayat</h2>") + html::table({QStringLiteral("Waktu"), QStringLiteral("Tahap")}, rows, QStringLiteral("-"));
    if (!v.bring.isEmpty()) {
        body += QStringLiteral("<h2>Yang perlu dibawa ke kantor desa</h2><ul>");
        for (const QString &item : v.bring)
            body += QStringLiteral("<li>%1</li>").arg(html::escape(item));
        body += QStringLiteral("</ul>");
    }
    return body;
}

constexpr char kStatusTitle[] = "Status permohonan surat";

} // namespace

void addPublicPages(ConsoleServer &console, PublicStatus &status, SealService *seals, const PublicSettings &limits)
{
    auto statusLimiter = std::make_shared<RateLimiter>(limits.statusPerMinute, limits.statusBurst);
    auto sealLimiter = std::make_shared<RateLimiter>(limits.sealsPerMinute, limits.sealBurst);

    const auto page = [&status, statusLimiter](const ConsoleRequest &req, ConsoleResponse &res, bool withProof) {
        const QString number = withProof ? req.form.value(QStringLiteral("nomor")) : req.param(QStringLiteral("nomor"));
        const QString title = QString::fromUtf8(kStatusTitle);
        if (number.trimmed().isEmpty() && !withProof)
            return ConsoleServer::sendHtml(res, 200,
                publicPage(title,
                    QStringLiteral("<p>Ketik nomor registrasi dari tiket anjungan untuk melihat tahap permohonan Anda.</p>")
                        + statusForm({})));
        const bool allowed = admitted(*statusLimiter, req, res, 1, [&](int wait) {
            ConsoleServer::sendHtml(res, 429,
                publicPage(title,
                    QStringLiteral("<p class=\"pesan galat\" role=\"alert\">Terlalu banyak permintaan dari jaringan Anda. "
                                   "Coba lagi dalam %1 detik.</p>")
                            .arg(wait)
                        + statusForm(number)));
        });
        if (!allowed)
            return;
        const auto view = status.look(number, req.form.value(QStringLiteral("token")), req.form.value(QStringLiteral("nik")));
        if (!view)
            return ConsoleServer::sendHtml(res, 500,
                publicPage(title,
                    QStringLiteral("<p class=\"pesan galat\" role=\"alert\">Status tidak dapat dibaca saat ini. Coba lagi nanti.</p>")));
        ConsoleServer::sendHtml(res, 200, publicPage(title, statusForm(view.value().registrationNumber) + statusHtml(view.value())));
    };
    console.addPublicRoute(QStringLiteral("GET"), QStringLiteral("/status"),
        [page](const ConsoleRequest &req, ConsoleResponse &res) { page(req, res, false); });
    console.addPublicRoute(QStringLiteral("POST"), QStringLiteral("/status"),
        [page](const ConsoleRequest &req, ConsoleResponse &res) { page(req, res, true); });

    console.addPublicRoute(QStringLiteral("GET"), QStringLiteral("/api/public/v1/status/(.{1,128})"),
        [&status, statusLimiter](const ConsoleRequest &req, ConsoleResponse &res) {
            const bool allowed = admitted(*statusLimiter, req, res, 1, [&](int wait) {
                sendJsonError(res, 429, QStringLiteral("rate_limited"),
                    QStringLiteral("Terlalu banyak permintaan dari sumber ini; coba lagi dalam %1 detik.").arg(wait));
            });
            if (!allowed)
                return;
            const auto view
                = status.look(req.captured, req.header(QStringLiteral("X-Status-Token")), req.header(QStringLiteral("X-Applicant-NIK")));
            if (!view)
                return sendJsonError(res, 500, QStringLiteral("internal"), QStringLiteral("Status tidak dapat dibaca saat ini."));
            sendJson(res, 200, view.value().toJson());
        });

    console.addBodyLimit(QStringLiteral("/api/public/v1/verify"), bulkverification::kMaxBodyBytes);
    console.addPublicRoute(QStringLiteral("POST"), QStringLiteral("/api/public/v1/verify"),
        [seals, sealLimiter](const ConsoleRequest &req, ConsoleResponse &res) {
            const auto batch = bulkverification::parseBatch(req.body);
            if (!batch)
                return sendJsonError(res, batch.error().refusal == BatchRefusal::TooMany ? 413 : 400,
                    batch.error().refusal == BatchRefusal::TooMany ? QStringLiteral("too_many_seals") : QStringLiteral("bad_request"),
                    batch.error().message);
            const bool allowed = admitted(*sealLimiter, req, res, int(batch.value().size()), [&](int wait) {
                sendJsonError(res, 429, QStringLiteral("rate_limited"),
                    QStringLiteral("Batas pemeriksaan segel dari sumber ini tercapai; coba lagi dalam %1 detik.").arg(wait));
            });
            if (!allowed)
                return;
            if (!seals)
                return sendJsonError(
                    res, 503, QStringLiteral("verification_unavailable"), QStringLiteral("Server ini tidak memegang daftar kunci segel."));
            const auto verifier = bulkverification::currentVerifier(*seals);
            if (!verifier)
                return sendJsonError(res, 500, QStringLiteral("internal"), QStringLiteral("Daftar kunci tidak dapat dibaca saat ini."));
            sendJson(res, 200, bulkverification::verify(verifier.value(), batch.value(), QDateTime::currentDateTimeUtc()));
        });
}

} // namespace backend
