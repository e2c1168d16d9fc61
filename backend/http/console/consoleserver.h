#pragma once

#include "connectionlimits.h"
#include "officers.h"
#include "result.h"
#include "workflow.h"

#include <QByteArray>
#include <QList>
#include <QMultiMap>
#include <QPair>
#include <QString>
#include <functional>
#include <memory>

namespace backend {

class BackendStore;

/// What a page renderer gets: the logged-in officer, the roles they act in today, the query string.
struct ConsolePageRequest {
    OfficerRecord officer;
    QList<Capacity> capacities;
    QMultiMap<QString, QString> query;
};

/// What a page renderer returns: HTML placed inside the console layout, or other bytes (e.g. CSV) as they are.
struct ConsolePageReply {
    int status = 200;
    QString title; // empty: the navigation title
    QString bodyHtml; // used when contentType is empty
    QByteArray bytes; // used when contentType is set
    QString contentType; // e.g. "text/csv; charset=utf-8"
    QString downloadName; // sets Content-Disposition: attachment
};

/// One request as a route handler sees it: the session (on officer routes), the query, the posted form.
struct ConsoleRequest {
    SessionRecord session; // empty on public routes (login)
    OfficerRecord officer;
    QList<Capacity> capacities;
    QMultiMap<QString, QString> query; // as cpp-httplib parses it (on a POST it holds the form fields too)
    QMultiMap<QString, QString> form; // the POST body (application/x-www-form-urlencoded)
    QString captured; // the first group of the route pattern (a registration number, a desa code, an id)
    QString cookieHeader;
    QString source; // the connection's remote address, as cpp-httplib reports it (audit log, login throttle, rate limits)
    QMultiMap<QString, QString> headers; // request headers, names in lower case
    QByteArray body; // the raw body of a POST on a public route (JSON APIs parse it themselves)
    qsizetype bodySize = 0;

    /// The first value of a query parameter, empty when absent.
    [[nodiscard]] QString param(const QString &key) const;
    /// The value of a cookie, empty when absent.
    [[nodiscard]] QString cookie(const QString &name) const;
    /// The first value of a request header (any case), empty when absent.
    [[nodiscard]] QString header(const QString &name) const;
};

/// What a route handler answers: status, headers in order (a header named here replaces the console's default of
/// that name, e.g. a page's own Content-Security-Policy), body and its type.
struct ConsoleResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray contentType;

    void setHeader(const QByteArray &name, const QByteArray &value) { headers.append({name, value}); }
    void setContent(const QByteArray &bytes, const QByteArray &type)
    {
        body = bytes;
        contentType = type;
    }
};

/// The officer console's router: server-rendered HTML over HTTPS (server certificate, no client
/// certificate), a route table, sessions in the database, a CSRF token on every POST, a role check on
/// every route and the security headers. Page modules (consolepages.h) register their routes on it.
class ConsoleServer
{
public:
    using PageRenderer = std::function<ConsolePageReply(const ConsolePageRequest &)>;
    using Handler = std::function<void(const ConsoleRequest &, ConsoleResponse &)>;

    ConsoleServer(BackendStore &store, Workflow &workflow);
    ~ConsoleServer();
    ConsoleServer(const ConsoleServer &) = delete;
    ConsoleServer &operator=(const ConsoleServer &) = delete;

    /// Adds a route for logged-in officers ("GET" or "POST"; the pattern is a regular expression whose first
    /// group becomes ConsoleRequest::captured); empty `roles`: every officer. A non-empty `navTitle` puts
    /// the route in the navigation bar, in the order routes are added. Call before start().
    void addRoute(const QString &method, const QString &pattern, const QList<Role> &roles, const QString &navTitle, Handler handler);
    /// Adds a route that needs no session (the login form); it still gets the security headers.
    void addPublicRoute(const QString &method, const QString &pattern, Handler handler);
    /// Lets POSTs to `pathPattern` (a regular expression over the whole path) carry up to `maxBytes`, judged by their
    /// headers before the body is read; without, a public POST is held to kMaxFormBytes. Call before start().
    void addBodyLimit(const QString &pathPattern, qint64 maxBytes);
    /// Adds a GET page (path like "/monitoring") with a navigation entry for `roles`; call before start().
    void addPage(const QString &path, const QString &navTitle, const QList<Role> &roles, PageRenderer render);
    /// Names the fixed text shown for ?pesan=`code` after a redirect (never free text from the URL).
    void addFlashText(const QString &code, const QString &text);
    [[nodiscard]] QString flashText(const QString &code) const;

    /// The whole console page around `body`: title, officer, roles, navigation, message, CSRF token.
    [[nodiscard]] QString render(const ConsoleRequest &req, const QString &path, const QString &title, const QString &body,
        const QString &message = {}, bool error = false) const;
    /// Sends a page: with `error`, status 400 and the error shown; otherwise 200 and the flash message
    /// of the redirect that led here (?pesan=…), if any.
    void sendPage(const ConsoleRequest &req, ConsoleResponse &res, const QString &path, const QString &title, const QString &body,
        const QString &error = {}) const;
    /// Sends an error page with `status` and a link back to the inbox.
    void sendError(const ConsoleRequest &req, ConsoleResponse &res, int status, const QString &message) const;
    static void sendHtml(ConsoleResponse &res, int status, const QString &document);
    /// 303 See Other to `to`.
    static void redirect(ConsoleResponse &res, const QString &to);

    /// Opens a session for `officerId` and sets its cookie on `res`; false when it could not be stored.
    [[nodiscard]] bool openSession(qint64 officerId, ConsoleResponse &res);
    /// Ends the session of `req` and clears its cookie.
    void closeSession(const ConsoleRequest &req, ConsoleResponse &res);

    /// 256 random bits, base64url.
    [[nodiscard]] static QString randomToken();
    /// Compares two tokens in constant time; an empty one never matches.
    [[nodiscard]] static bool sameToken(const QString &a, const QString &b);

    /// Workers, queue, connections per peer and timeouts for senders (defaults without); call before start().
    void setConnectionLimits(const ConnectionLimits &limits);
    /// Binds (port 0 picks a free one) and serves on a background thread; returns the port.
    [[nodiscard]] Result<quint16> start(const QString &host, quint16 port, const QString &certificateFile, const QString &privateKeyFile);
    void stop();

    /// Sessions end after this long without a request.
    static constexpr int kIdleMinutes = 30;
    /// Sessions end this long after the login, however busy.
    static constexpr int kMaxSessionHours = 12;
    /// A posted form larger than this is refused.
    static constexpr int kMaxFormBytes = 64 * 1024;
    /// The login form (user name, password, token) is refused above this, before anyone is known.
    static constexpr int kMaxLoginFormBytes = 4 * 1024;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace backend
