#include "consoleauth.h"

#include "backendstore.h"
#include "console/consoleserver.h"
#include "console/html.h"
#include "officeraccounts.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcConsole)

namespace backend {

using namespace console;

namespace {

const char *const kLoginCookie = "__Host-login";

void loginPage(ConsoleServer &console, const ConsoleRequest &req, ConsoleResponse &res, const QString &message = {}, int status = 200)
{
    const QString token = ConsoleServer::randomToken();
    // Login CSRF: the form's token must equal this cookie (double submit), so other sites cannot log someone in.
    res.setHeader("Set-Cookie",
        QStringLiteral("%1=%2; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=1800").arg(QLatin1String(kLoginCookie), token).toUtf8());
    const QString info = message.isEmpty() && req.query.contains(QStringLiteral("pesan"))
        ? console.flashText(req.param(QStringLiteral("pesan")))
        : QString();
    const QString username = req.query.contains(QStringLiteral("u")) ? req.param(QStringLiteral("u")) : QString();
    html::Chrome chrome;
    chrome.title = QStringLiteral("Masuk");
    chrome.message = message.isEmpty() ? info : message;
    chrome.messageIsError = !message.isEmpty();
    ConsoleServer::sendHtml(res, status,
        html::page(chrome,
            QStringLiteral(
                "<form method=\"post\" action=\"/masuk\" class=\"login\">%1"
                "<label>Nama pengguna <input type=\"text\" name=\"username\" value=\"%2\" autocomplete=\"username\" "
                "required autofocus></label>"
                "<label>Kata sandi <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>"
                "<button type=\"submit\">Masuk</button></form>")
                .arg(html::csrfField(token), html::escape(username))));
}

void login(ConsoleServer &console, BackendStore &store, const ConsoleRequest &req, ConsoleResponse &res)
{
    const auto &form = req.form;
    if (req.bodySize > ConsoleServer::kMaxFormBytes
        || !ConsoleServer::sameToken(form.value(QStringLiteral("csrf")), req.cookie(QLatin1String(kLoginCookie))))
        return loginPage(console, req, res, QStringLiteral("Formulir masuk kedaluwarsa. Silakan coba lagi."), 403);
    const auto officer = accounts::login(
        store, form.value(QStringLiteral("username")), form.value(QStringLiteral("password")), req.source, QDateTime::currentDateTimeUtc());
    if (!officer) {
        qCInfo(lcConsole) << "failed console login from" << req.source;
        const ErrorCode code = officer.error().code;
        const int status = code == ErrorCode::Throttled ? 429
            : code == ErrorCode::Forbidden              ? 403
            : code == ErrorCode::AuthenticationFailed   ? 401
                                                        : 500;
        return loginPage(console, req, res, officer.error().message, status);
    }
    if (!console.openSession(officer.value().id, res))
        return loginPage(console, req, res, QStringLiteral("Sesi belum dapat dibuat. Coba lagi sebentar lagi."), 500);
    qCInfo(lcConsole) << "console login by officer id" << officer.value().id;
    ConsoleServer::redirect(res, QStringLiteral("/"));
}

} // namespace

void addAuthPages(ConsoleServer &console, BackendStore &store)
{
    console.addFlashText(QStringLiteral("keluar"), QStringLiteral("Anda sudah keluar."));
    console.addFlashText(QStringLiteral("habis"),
        QStringLiteral("Sesi Anda berakhir (lama tidak aktif atau sudah %1 jam sejak masuk). Silakan masuk lagi.")
            .arg(ConsoleServer::kMaxSessionHours));
    console.addPublicRoute(QStringLiteral("GET"), QStringLiteral("/masuk"),
        [&console](const ConsoleRequest &req, ConsoleResponse &res) { loginPage(console, req, res); });
    console.addPublicRoute(QStringLiteral("POST"), QStringLiteral("/masuk"),
        [&console, &store](const ConsoleRequest &req, ConsoleResponse &res) { login(console, store, req, res); });
    console.addRoute(
        QStringLiteral("POST"), QStringLiteral("/keluar"), {}, {}, [&console](const ConsoleRequest &req, ConsoleResponse &res) {
            console.closeSession(req, res);
            ConsoleServer::redirect(res, QStringLiteral("/masuk?pesan=keluar"));
        });
}

std::optional<QString> checkSigningPassphrase(BackendStore &store, const OfficerRecord &officer, const QString &passphrase)
{
    // The signing passphrase is the officer's own password, entered again (docs/decisions/0005); failures count toward lockout.
    if (auto verified = accounts::reauthenticate(store, officer.id, passphrase, QDateTime::currentDateTimeUtc()); !verified)
        return verified.error().message;
    return std::nullopt;
}

} // namespace backend
