#include "verifypage.h"

#include "consoleserver.h"
#include "crypto.h"
#include "sealservice.h"

#include <QFile>
#include <QLoggingCategory>
#include <array>

Q_LOGGING_CATEGORY(lcVerifyPage, "backend.verifypage")

namespace backend {

namespace {

/// One static file of the page: its path under the console, its Qt resource, its type.
struct PageFile {
    const char *path;
    const char *resource;
    const char *contentType;
};

// The libraries come from npm through the build (backend/web/verify/vendor.cmake), the rest from backend/web/verify/.
constexpr std::array kPageFiles {
    PageFile {"/v/verify.js", ":/verify/verify.js", "text/javascript; charset=utf-8"},
    PageFile {"/v/verify.css", ":/verify/verify.css", "text/css; charset=utf-8"},
    PageFile {"/v/sw.js", ":/verify/sw.js", "text/javascript; charset=utf-8"},
    PageFile {"/v/lib/scrypt.js", ":/verify/lib/scrypt.js", "text/javascript; charset=utf-8"},
    PageFile {"/v/lib/jsQR.js", ":/verify/lib/jsQR.js", "text/javascript; charset=utf-8"},
};

// Scripts, styles, lists and the service worker from this origin only; the camera stream is a blob/mediastream.
const QByteArray kPagePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                               "media-src 'self' blob: mediastream:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const QByteArray kRootKeyPlaceholder = "@ROOT_SPKI@";

QByteArray resource(const char *name)
{
    QFile file(QString::fromLatin1(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Base64 of the SPKI DER: the PEM's body without its armour lines.
QByteArray spkiBase64(const QByteArray &pem)
{
    QByteArray body;
    for (const QByteArray &line : pem.split('\n'))
        if (!line.startsWith("-----"))
            body += line.trimmed();
    return body;
}

/// Revalidated on every load by its ETag, so a phone online downloads a file again only when it changed; the
/// service worker keeps the offline copy.
void sendPageBytes(const ConsoleRequest &req, ConsoleResponse &res, const QByteArray &bytes, const QByteArray &contentType)
{
    const QString etag = QStringLiteral("\"%1\"").arg(QString::fromLatin1(serverlink::crypto::sha256(bytes).toHex()));
    res.setHeader("Content-Security-Policy", kPagePolicy);
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("ETag", etag.toUtf8());
    if (etagMatches(req.header(QStringLiteral("If-None-Match")), etag)) {
        res.status = 304;
        return;
    }
    res.status = 200;
    res.setContent(bytes, contentType);
}

void sendText(ConsoleResponse &res, int status, const QString &text)
{
    res.status = status;
    res.setContent(text.toUtf8(), "text/plain; charset=utf-8");
}

void sendSignedList(SealService &seals, bool trustList, const ConsoleRequest &req, ConsoleResponse &res)
{
    const auto list = trustList ? seals.trustList() : seals.revocationList();
    if (!list) {
        qCWarning(lcVerifyPage).noquote() << "signed list:" << list.error().message;
        return sendText(res, 500, QStringLiteral("Daftar bertanda tangan tidak dapat dibuat."));
    }
    const QString etag = listEtag(list.value());
    res.setHeader("ETag", etag.toUtf8());
    res.setHeader("Cache-Control", "no-cache");
    if (etagMatches(req.header(QStringLiteral("If-None-Match")), etag)) {
        res.status = 304;
        return;
    }
    res.status = 200;
    res.setContent(list.value().envelope, "application/json");
}

} // namespace

void addVerifyPage(ConsoleServer &console, SealService &seals)
{
    console.addPublicRoute(QStringLiteral("GET"), QStringLiteral("/v"), [&seals](const ConsoleRequest &req, ConsoleResponse &res) {
        const auto root = seals.rootPublicKeyPem();
        if (!root) {
            qCWarning(lcVerifyPage).noquote() << "root key:" << root.error().message;
            return sendText(res, 500, QStringLiteral("Kunci induk segel tidak tersedia."));
        }
        QByteArray page = resource(":/verify/index.html");
        sendPageBytes(req, res, page.replace(kRootKeyPlaceholder, spkiBase64(root.value())), "text/html; charset=utf-8");
    });
    // A typed address with a trailing slash still reaches the page; browsers keep the #fragment across the redirect.
    console.addPublicRoute(QStringLiteral("GET"), QStringLiteral("/v/"),
        [](const ConsoleRequest &, ConsoleResponse &res) { ConsoleServer::redirect(res, QStringLiteral("/v")); });
    for (const PageFile &file : kPageFiles) {
        const bool worker = QByteArray(file.path) == "/v/sw.js";
        console.addPublicRoute(
            QStringLiteral("GET"), QString::fromLatin1(file.path), [file, worker](const ConsoleRequest &req, ConsoleResponse &res) {
                const QByteArray bytes = resource(file.resource);
                if (bytes.isEmpty())
                    return sendText(res, 404, QStringLiteral("Berkas halaman verifikasi tidak ada."));
                // The worker lives under /v/ but controls the page at /v itself.
                if (worker)
                    res.setHeader("Service-Worker-Allowed", "/v");
                sendPageBytes(req, res, bytes, file.contentType);
            });
    }
    console.addPublicRoute(QStringLiteral("GET"), QStringLiteral("/api/v1/trust-list"),
        [&seals](const ConsoleRequest &req, ConsoleResponse &res) { sendSignedList(seals, true, req, res); });
    console.addPublicRoute(QStringLiteral("GET"), QStringLiteral("/api/v1/revocations"),
        [&seals](const ConsoleRequest &req, ConsoleResponse &res) { sendSignedList(seals, false, req, res); });
}

} // namespace backend
