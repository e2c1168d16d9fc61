#include "consoleserver.h"

#include "backendstore.h"
#include "connectionguard.h"
#include "crypto.h"
#include "html.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QUrl>
#include <atomic>
#include <chrono>
#include <httplib.h>
#include <openssl/ssl.h>
#include <thread>

Q_LOGGING_CATEGORY(lcConsole, "backend.console")

namespace backend {

using namespace console;

namespace {

const char *const kSessionCookie = "__Host-sid";

/// application/x-www-form-urlencoded, as browsers send it ('+' is a space).
QMultiMap<QString, QString> parseForm(const std::string &body)
{
    QMultiMap<QString, QString> form;
    for (const QByteArray &pair : QByteArray::fromStdString(body).split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const auto decode = [](QByteArray s) { return QUrl::fromPercentEncoding(s.replace('+', ' ')); };
        form.insert(decode(pair.left(eq < 0 ? pair.size() : eq)), eq < 0 ? QString() : decode(pair.mid(eq + 1)));
    }
    return form;
}

QString hashToken(const QString &token)
{
    return QString::fromLatin1(serverlink::crypto::sha256(token.toLatin1()).toHex());
}

void setSecurityHeaders(httplib::Response &res)
{
    res.set_header("Content-Security-Policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; object-src 'self'; form-action 'self'; "
        "frame-ancestors 'self'; base-uri 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Strict-Transport-Security", "max-age=31536000");
}

/// The request as handlers see it, in Qt types (cpp-httplib stays in this file).
ConsoleRequest requestOf(const httplib::Request &req)
{
    ConsoleRequest request;
    for (const auto &[key, value] : req.params)
        request.query.insert(QString::fromStdString(key), QString::fromStdString(value));
    if (req.matches.size() > 1)
        request.captured = QString::fromStdString(req.matches[1].str());
    request.cookieHeader = QString::fromStdString(req.get_header_value("Cookie"));
    request.source = QString::fromStdString(req.remote_addr);
    for (const auto &[name, value] : req.headers)
        request.headers.insert(QString::fromStdString(name).toLower(), QString::fromStdString(value));
    request.bodySize = qsizetype(req.body.size());
    return request;
}

void apply(const ConsoleResponse &from, httplib::Response &res)
{
    res.status = from.status;
    // The handler's headers replace the defaults of the same name; several of one name (Set-Cookie) all stay.
    for (const auto &[name, value] : from.headers)
        res.headers.erase(name.toStdString());
    for (const auto &[name, value] : from.headers)
        res.set_header(name.toStdString(), value.toStdString());
    if (!from.contentType.isEmpty())
        res.set_content(from.body.toStdString(), from.contentType.toStdString());
}

} // namespace

QString ConsoleRequest::param(const QString &key) const
{
    // QMultiMap lists the values of a key newest first; cpp-httplib's get_param_value() gives the first one.
    const QStringList values = query.values(key);
    return values.isEmpty() ? QString() : values.last();
}

QString ConsoleRequest::header(const QString &name) const
{
    const QStringList values = headers.values(name.toLower());
    return values.isEmpty() ? QString() : values.last();
}

QString ConsoleRequest::cookie(const QString &name) const
{
    const QString prefix = name + QLatin1Char('=');
    for (const QString &part : cookieHeader.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString trimmed = part.trimmed();
        if (trimmed.startsWith(prefix))
            return trimmed.mid(prefix.size());
    }
    return {};
}

struct ConsoleServer::Impl {
    /// One entry of the route table: method, path pattern, who may use it, navigation entry.
    struct Route {
        QString method;
        QString pattern;
        bool needsSession = true;
        QList<Role> roles; // empty: every logged-in officer
        QString navTitle; // non-empty: shown in the navigation bar
        Handler handler;
    };

    BackendStore &store;
    Workflow &workflow;
    QList<Route> routeTable;
    QList<BodyRule> extraBodyRules; // before the general POST rule: larger bodies on named routes
    QHash<QString, QString> flashTexts;
    ConnectionLimits limits;
    std::unique_ptr<ConnectionGuard> guard; // before the server: it outlives the server's threads
    std::unique_ptr<httplib::SSLServer> server;
    std::thread thread;
    std::atomic<bool> listening {false};

    Impl(BackendStore &s, Workflow &w)
        : store(s)
        , workflow(w)
    { }

    void install(ConsoleServer &console);
    std::optional<ConsoleRequest> currentSession(const httplib::Request &req, bool *expired);
    bool mayUse(const ConsoleRequest &s, const Route &route) const;
};

bool ConsoleServer::Impl::mayUse(const ConsoleRequest &s, const Route &route) const
{
    if (route.roles.isEmpty())
        return true;
    return std::any_of(s.capacities.cbegin(), s.capacities.cend(), [&](const Capacity &c) { return route.roles.contains(c.role); });
}

std::optional<ConsoleRequest> ConsoleServer::Impl::currentSession(const httplib::Request &req, bool *expired)
{
    *expired = false;
    ConsoleRequest s = requestOf(req);
    const QString raw = s.cookie(QLatin1String(kSessionCookie));
    if (raw.isEmpty())
        return std::nullopt;
    const QString idHash = hashToken(raw);
    const auto found = store.session(idHash);
    if (!found || !found.value())
        return std::nullopt;
    s.session = *found.value();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Idle or not, a session ends after kMaxSessionHours: a stolen cookie is not good for ever.
    if (s.session.lastSeen.secsTo(now) > kIdleMinutes * 60 || s.session.createdAt.secsTo(now) > kMaxSessionHours * 3600) {
        (void)store.deleteSession(idHash);
        *expired = true;
        return std::nullopt;
    }
    const auto officer = store.officer(s.session.officerId);
    if (!officer || !officer.value().active) {
        (void)store.deleteSession(idHash);
        return std::nullopt;
    }
    s.officer = officer.value();
    const auto caps = workflow.capacities(s.officer, QDate::currentDate());
    if (!caps)
        return std::nullopt;
    s.capacities = caps.value();
    (void)store.touchSession(idHash, now);
    return s;
}

void ConsoleServer::Impl::install(ConsoleServer &console)
{
    for (const Route &route : std::as_const(routeTable)) {
        const bool post = route.method == QLatin1String("POST");
        auto wrapped = [this, &console, route, post](const httplib::Request &req, httplib::Response &res) {
            setSecurityHeaders(res);
            ConsoleResponse reply;
            if (!route.needsSession) {
                ConsoleRequest request = requestOf(req);
                if (post) {
                    request.form = parseForm(req.body);
                    request.body = QByteArray::fromStdString(req.body);
                }
                route.handler(request, reply);
                return apply(reply, res);
            }
            bool expired = false;
            auto session = currentSession(req, &expired);
            if (!session) {
                if (post) {
                    sendHtml(reply, 403,
                        html::page({QStringLiteral("Ditolak"), {}, {}, {}, {}, {},
                                       QStringLiteral("Sesi tidak ada atau sudah berakhir. Silakan masuk lagi."), true},
                            QStringLiteral("<p><a href=\"/masuk\">Masuk</a></p>")));
                    return apply(reply, res);
                }
                redirect(reply, expired ? QStringLiteral("/masuk?pesan=habis") : QStringLiteral("/masuk"));
                return apply(reply, res);
            }
            if (post) {
                if (req.body.size() > std::size_t(kMaxFormBytes)) {
                    console.sendError(*session, reply, 413, QStringLiteral("Isian formulir terlalu besar."));
                    return apply(reply, res);
                }
                session->form = parseForm(req.body);
                // Every POST carries the session's CSRF token; a missing or wrong one is refused before anything runs.
                if (!sameToken(session->form.value(QStringLiteral("csrf")), session->session.csrfToken)) {
                    qCWarning(lcConsole) << "CSRF token missing or wrong on" << req.path.c_str();
                    console.sendError(*session, reply, 403,
                        QStringLiteral("Formulir ini tidak sah atau sudah kedaluwarsa. Muat ulang halaman lalu coba lagi."));
                    return apply(reply, res);
                }
            }
            if (!mayUse(*session, route)) {
                console.sendError(*session, reply, 403, QStringLiteral("Peran Anda tidak berwenang membuka halaman ini."));
                return apply(reply, res);
            }
            route.handler(*session, reply);
            apply(reply, res);
        };
        const std::string pattern = route.pattern.toStdString();
        if (post)
            server->Post(pattern, wrapped);
        else
            server->Get(pattern, wrapped);
    }
    server->Get("/gaya.css", [](const httplib::Request &, httplib::Response &res) {
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_content(html::stylesheet().toStdString(), "text/css; charset=utf-8");
    });
    server->set_error_handler([](const httplib::Request &, httplib::Response &res) {
        if (!res.body.empty())
            return;
        setSecurityHeaders(res);
        res.set_content(html::page({QStringLiteral("Halaman tidak ditemukan"), {}, {}, {}, {}, {},
                                       QStringLiteral("Alamat ini tidak ada (kode %1).").arg(res.status), true},
                            QStringLiteral("<p><a href=\"/\">Ke kotak masuk</a></p>"))
                            .toStdString(),
            "text/html; charset=utf-8");
    });
    server->set_exception_handler([](const httplib::Request &req, httplib::Response &res, std::exception_ptr) {
        qCWarning(lcConsole) << "internal error on" << req.method.c_str() << req.path.c_str();
        res.status = 500;
        res.set_content("Kesalahan internal server.", "text/plain; charset=utf-8");
    });
}

ConsoleServer::ConsoleServer(BackendStore &store, Workflow &workflow)
    : d(new Impl(store, workflow))
{ }

ConsoleServer::~ConsoleServer()
{
    stop();
}

void ConsoleServer::addRoute(
    const QString &method, const QString &pattern, const QList<Role> &roles, const QString &navTitle, Handler handler)
{
    d->routeTable.append({method, pattern, true, roles, navTitle, std::move(handler)});
}

void ConsoleServer::addPublicRoute(const QString &method, const QString &pattern, Handler handler)
{
    d->routeTable.append({method, pattern, false, {}, {}, std::move(handler)});
}

void ConsoleServer::addBodyLimit(const QString &pathPattern, qint64 maxBytes)
{
    d->extraBodyRules.append({QStringLiteral("POST"), pathPattern, maxBytes});
}

void ConsoleServer::addPage(const QString &path, const QString &navTitle, const QList<Role> &roles, PageRenderer renderer)
{
    addRoute(
        QStringLiteral("GET"), path, roles, navTitle, [this, path, navTitle, renderer](const ConsoleRequest &req, ConsoleResponse &res) {
            const ConsolePageReply reply = renderer(ConsolePageRequest {req.officer, req.capacities, req.query});
            if (!reply.contentType.isEmpty()) {
                res.status = reply.status;
                if (!reply.downloadName.isEmpty())
                    res.setHeader("Content-Disposition", QStringLiteral("attachment; filename=\"%1\"").arg(reply.downloadName).toUtf8());
                res.setContent(reply.bytes, reply.contentType.toUtf8());
                return;
            }
            sendHtml(res, reply.status, render(req, path, reply.title.isEmpty() ? navTitle : reply.title, reply.bodyHtml));
        });
}

void ConsoleServer::addFlashText(const QString &code, const QString &text)
{
    d->flashTexts.insert(code, text);
}

QString ConsoleServer::flashText(const QString &code) const
{
    return d->flashTexts.value(code);
}

QString ConsoleServer::render(
    const ConsoleRequest &req, const QString &path, const QString &title, const QString &body, const QString &message, bool error) const
{
    html::Chrome chrome;
    chrome.title = title;
    chrome.officerName = req.officer.displayName;
    QStringList roles;
    for (const Capacity &c : req.capacities)
        roles.append(c.onBehalfOf.isEmpty() ? roleLabel(c.role) : QStringLiteral("%1 (a.n. %2)").arg(roleLabel(c.role), c.onBehalfOf));
    chrome.roleText = roles.isEmpty() ? QStringLiteral("sedang cuti") : roles.join(QStringLiteral(", "));
    chrome.csrfToken = req.session.csrfToken;
    chrome.currentPath = path;
    chrome.message = message;
    chrome.messageIsError = error;
    for (const Impl::Route &r : d->routeTable)
        if (!r.navTitle.isEmpty() && d->mayUse(req, r))
            chrome.nav.append({r.pattern, r.navTitle});
    return html::page(chrome, body);
}

void ConsoleServer::sendPage(const ConsoleRequest &req, ConsoleResponse &res, const QString &path, const QString &title,
    const QString &body, const QString &error) const
{
    if (!error.isEmpty()) {
        sendHtml(res, 400, render(req, path, title, body, error, true));
        return;
    }
    const QString flash = req.query.contains(QStringLiteral("pesan")) ? flashText(req.param(QStringLiteral("pesan"))) : QString();
    sendHtml(res, 200, render(req, path, title, body, flash));
}

void ConsoleServer::sendError(const ConsoleRequest &req, ConsoleResponse &res, int status, const QString &message) const
{
    sendHtml(res, status,
        render(req, {}, QStringLiteral("Tidak dapat diproses"),
            QStringLiteral("<p>%1</p>").arg(html::link(QStringLiteral("/"), QStringLiteral("Kembali ke kotak masuk"))), message, true));
}

void ConsoleServer::sendHtml(ConsoleResponse &res, int status, const QString &document)
{
    res.status = status;
    res.setContent(document.toUtf8(), "text/html; charset=utf-8");
}

void ConsoleServer::redirect(ConsoleResponse &res, const QString &to)
{
    res.status = 303;
    res.setHeader("Location", to.toUtf8());
}

bool ConsoleServer::openSession(qint64 officerId, ConsoleResponse &res)
{
    const QString raw = randomToken();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const SessionRecord session {hashToken(raw), officerId, randomToken(), now, now};
    if (auto stored = d->store.insertSession(session); !stored)
        return false;
    res.setHeader(
        "Set-Cookie", QStringLiteral("%1=%2; Path=/; Secure; HttpOnly; SameSite=Strict").arg(QLatin1String(kSessionCookie), raw).toUtf8());
    return true;
}

void ConsoleServer::closeSession(const ConsoleRequest &req, ConsoleResponse &res)
{
    (void)d->store.deleteSession(req.session.idHash);
    res.setHeader("Set-Cookie",
        QStringLiteral("%1=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0").arg(QLatin1String(kSessionCookie)).toUtf8());
}

QString ConsoleServer::randomToken()
{
    return QString::fromLatin1(
        serverlink::crypto::randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool ConsoleServer::sameToken(const QString &a, const QString &b)
{
    if (a.isEmpty() || a.size() != b.size())
        return false;
    unsigned diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= unsigned(a.at(i).unicode() ^ b.at(i).unicode());
    return diff == 0;
}

Result<quint16> ConsoleServer::start(const QString &host, quint16 port, const QString &certificateFile, const QString &privateKeyFile)
{
    for (const QString &file : {certificateFile, privateKeyFile})
        if (!QFileInfo(file).isReadable())
            return Error {ErrorCode::Io, QStringLiteral("Berkas TLS %1 tidak dapat dibaca.").arg(file)};
    d->server = std::make_unique<httplib::SSLServer>(
        QFile::encodeName(certificateFile).constData(), QFile::encodeName(privateKeyFile).constData());
    if (!d->server->is_valid())
        return Error {ErrorCode::Io, QStringLiteral("Sertifikat atau kunci server konsol tidak valid.")};
    // Pages leave in several writes; without TCP_NODELAY each waits for the browser's delayed ACK.
    d->server->set_tcp_nodelay(true);
    SSL_CTX_set_min_proto_version(d->server->ssl_context(), TLS1_2_VERSION);
    qint64 largest = kMaxFormBytes;
    for (const BodyRule &rule : std::as_const(d->extraBodyRules))
        largest = std::max(largest, rule.maxBytes);
    d->server->set_payload_max_length(std::size_t(largest));
    // Bodies are refused by their headers before they are read (docs/decisions/0027-request-limits.md).
    d->guard = std::make_unique<ConnectionGuard>(d->limits,
        QList<BodyRule> {{QStringLiteral("POST"), QStringLiteral("/masuk"), kMaxLoginFormBytes}} + d->extraBodyRules
            + QList<BodyRule> {{QStringLiteral("POST"), {}, kMaxFormBytes}},
        [](int status, httplib::Response &res) {
            setSecurityHeaders(res);
            res.set_content(status == 411 ? "Permintaan wajib menyebut Content-Length, tanpa Transfer-Encoding."
                    : status == 413       ? "Isian formulir terlalu besar."
                                          : "Content-Length tidak sah.",
                "text/plain; charset=utf-8");
        });
    d->guard->attach(*d->server);
    d->install(*this);
    const std::string address = host.toStdString();
    const int bound = port == 0 ? d->server->bind_to_any_port(address) : (d->server->bind_to_port(address, port) ? port : -1);
    if (bound <= 0)
        return Error {ErrorCode::Io, QStringLiteral("Konsol tidak dapat mendengarkan di %1:%2.").arg(host).arg(port)};
    d->listening = true;
    d->thread = std::thread([this] {
        d->server->listen_after_bind();
        d->listening = false;
    });
    return quint16(bound);
}

void ConsoleServer::setConnectionLimits(const ConnectionLimits &limits)
{
    d->limits = limits;
}

void ConsoleServer::stop()
{
    // httplib's stop() does nothing until the listen loop runs; repeat it until the loop has ended,
    // so stopping right after start() cannot leave the thread blocked in accept().
    while (d->server && d->listening) {
        d->server->stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (d->thread.joinable())
        d->thread.join();
}

} // namespace backend
