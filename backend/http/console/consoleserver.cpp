#include "consoleserver.h"

#include "backendstore.h"
#include "crypto.h"
#include "html.h"
#include "letterrenderer.h"
#include "notifications.h"
#include "offices.h"
#include "servicecatalog.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUrl>
#include <atomic>
#include <chrono>
#include <httplib.h>
#include <mutex>
#include <openssl/ssl.h>
#include <thread>

Q_LOGGING_CATEGORY(lcConsole, "backend.console")

namespace backend {

using namespace console;
using serverlink::ServiceLevel;
using serverlink::Stage;

namespace {

const char *const kSessionCookie = "__Host-sid";
const char *const kLoginCookie = "__Host-login";
constexpr int kDefaultSlaDays = 3;
constexpr int kMaxFormBytes = 64 * 1024;
constexpr int kWibOffsetSeconds = 7 * 3600;

const QList<Role> kSigners {Role::KepalaDesa, Role::Camat, Role::SuperAdmin};
const QList<Role> kAdmins {Role::AdminKecamatan, Role::SuperAdmin};

/// What the console needs to know about a service beyond ServiceInfo: requirements, field labels, SLA.
struct ServiceDetails {
    QString name;
    int slaDays = kDefaultSlaDays;
    QStringList requirements;
    QList<QPair<QString, QString>> fields;
};

QHash<QString, ServiceDetails> parseCatalog(const QByteArray &json)
{
    QHash<QString, ServiceDetails> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).object().value(QStringLiteral("services")).toArray()) {
        const QJsonObject s = v.toObject();
        ServiceDetails d;
        d.name = s.value(QStringLiteral("name")).toString();
        // A service's own SLA when the catalog has one, else its announced duration, else the default.
        const int sla = s.value(QStringLiteral("slaDays")).toInt(s.value(QStringLiteral("estimatedDays")).toInt(0));
        d.slaDays = sla > 0 ? sla : kDefaultSlaDays;
        for (const QJsonValue &r : s.value(QStringLiteral("requirements")).toArray())
            d.requirements.append(r.toString());
        for (const QJsonValue &f : s.value(QStringLiteral("fields")).toArray())
            d.fields.append({f[QStringLiteral("key")].toString(), f[QStringLiteral("label")].toString()});
        out.insert(s.value(QStringLiteral("code")).toString(), d);
    }
    return out;
}

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

QMultiMap<QString, QString> queryOf(const httplib::Request &req)
{
    QMultiMap<QString, QString> query;
    for (const auto &[key, value] : req.params)
        query.insert(QString::fromStdString(key), QString::fromStdString(value));
    return query;
}

QString cookie(const httplib::Request &req, const char *name)
{
    const QString header = QString::fromStdString(req.get_header_value("Cookie"));
    const QString prefix = QString::fromLatin1(name) + QLatin1Char('=');
    for (const QString &part : header.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString trimmed = part.trimmed();
        if (trimmed.startsWith(prefix))
            return trimmed.mid(prefix.size());
    }
    return {};
}

QString randomToken()
{
    return QString::fromLatin1(
        serverlink::crypto::randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString hashToken(const QString &token)
{
    return QString::fromLatin1(serverlink::crypto::sha256(token.toLatin1()).toHex());
}

bool sameToken(const QString &a, const QString &b)
{
    if (a.isEmpty() || a.size() != b.size())
        return false;
    unsigned diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= unsigned(a.at(i).unicode() ^ b.at(i).unicode());
    return diff == 0;
}

QString wib(const QDateTime &t)
{
    return t.isValid() ? t.toOffsetFromUtc(kWibOffsetSeconds).toString(QStringLiteral("dd-MM-yyyy HH:mm")) + QStringLiteral(" WIB")
                       : QStringLiteral("-");
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

QString actionWire(OfficerAction a)
{
    switch (a) {
    case OfficerAction::Approve:
        return QStringLiteral("setujui");
    case OfficerAction::Return:
        return QStringLiteral("kembalikan");
    case OfficerAction::Reject:
        return QStringLiteral("tolak");
    case OfficerAction::HandOver:
        return QStringLiteral("serahkan");
    }
    return {};
}

std::optional<OfficerAction> actionFromWire(const QString &wire)
{
    for (OfficerAction a : {OfficerAction::Approve, OfficerAction::Return, OfficerAction::Reject, OfficerAction::HandOver})
        if (actionWire(a) == wire)
            return a;
    return std::nullopt;
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

void sendHtml(httplib::Response &res, int status, const QString &document)
{
    res.status = status;
    res.set_content(document.toStdString(), "text/html; charset=utf-8");
}

void redirect(httplib::Response &res, const QString &to)
{
    res.status = 303;
    res.set_header("Location", to.toStdString());
}

/// Fixed texts for the ?pesan= code after a redirect (never echo free text from the URL).
QString flashText(const QString &code)
{
    static const QHash<QString, QString> texts {
        {QStringLiteral("setujui"), QStringLiteral("Permohonan diteruskan ke tahap berikutnya.")},
        {QStringLiteral("kembalikan"), QStringLiteral("Permohonan dikembalikan untuk diperbaiki; pemohon akan diberi tahu.")},
        {QStringLiteral("tolak"), QStringLiteral("Permohonan ditolak; pemohon akan diberi tahu alasannya.")},
        {QStringLiteral("serahkan"), QStringLiteral("Penyerahan surat dicatat.")},
        {QStringLiteral("petugas"), QStringLiteral("Data petugas disimpan.")},
        {QStringLiteral("cuti"), QStringLiteral("Data cuti dan pengganti disimpan.")},
        {QStringLiteral("desa"), QStringLiteral("Data desa disimpan; surat berikutnya memakai data ini.")},
        {QStringLiteral("keluar"), QStringLiteral("Anda sudah keluar.")},
        {QStringLiteral("habis"), QStringLiteral("Sesi Anda berakhir karena lama tidak aktif. Silakan masuk lagi.")},
    };
    return texts.value(code);
}

} // namespace

/// A logged-in request: the session row, the officer and the roles they act in today.
struct ConsoleSession {
    SessionRecord record;
    OfficerRecord officer;
    QList<Capacity> capacities;
    QMultiMap<QString, QString> form; // POST body
};

struct ConsoleServer::Impl {
    using Handler = std::function<void(ConsoleSession &, const httplib::Request &, httplib::Response &)>;

    /// One entry of the route table: method, path pattern, who may use it, navigation entry.
    struct Route {
        QString method;
        QString pattern;
        QList<Role> roles; // empty: every logged-in officer
        QString navTitle; // non-empty: shown in the navigation bar
        Handler handler;
    };

    BackendStore &store;
    const ServiceCatalog &catalog;
    OfficeDirectory &offices; // the console edits the desa master data through it
    Workflow &workflow;
    QHash<QString, ServiceDetails> services;
    QList<Route> routeTable;
    std::unique_ptr<httplib::SSLServer> server;
    std::thread thread;
    std::atomic<bool> listening {false};
    // Steps render and seal letters (QPdfWriter); one officer action at a time keeps that simple and safe.
    std::mutex actionMutex;

    Impl(BackendStore &s, const ServiceCatalog &c, OfficeDirectory &o, Workflow &w)
        : store(s)
        , catalog(c)
        , offices(o)
        , workflow(w)
        , services(parseCatalog(c.bytes()))
    { }

    void buildRoutes();
    void install();
    std::optional<ConsoleSession> currentSession(const httplib::Request &req, bool *expired);
    bool mayUse(const ConsoleSession &s, const Route &route) const;
    QString render(const ConsoleSession &s, const QString &path, const QString &title, const QString &body, const QString &message = {},
        bool error = false) const;
    void sendError(ConsoleSession &s, httplib::Response &res, int status, const QString &message) const;
    /// Sends a page: with `error`, status 400 and the error shown; otherwise 200 and the flash message
    /// of the redirect that led here (?pesan=…), if any.
    void sendPage(const ConsoleSession &s, const httplib::Request &req, httplib::Response &res, const QString &path, const QString &title,
        const QString &body, const QString &error = {}) const;

    // Pages.
    void loginPage(const httplib::Request &req, httplib::Response &res, const QString &message = {}, int status = 200);
    void login(const httplib::Request &req, httplib::Response &res);
    void logout(ConsoleSession &s, httplib::Response &res);
    void inbox(ConsoleSession &s, const httplib::Request &req, httplib::Response &res);
    void detail(ConsoleSession &s, const QString &reg, const httplib::Request &req, httplib::Response &res);
    void letter(ConsoleSession &s, const QString &reg, httplib::Response &res);
    void act(ConsoleSession &s, const QString &reg, httplib::Response &res);
    void bulkSignPage(ConsoleSession &s, const httplib::Request &req, httplib::Response &res);
    void bulkSign(ConsoleSession &s, httplib::Response &res);
    void search(ConsoleSession &s, const httplib::Request &req, httplib::Response &res);
    void officersPage(ConsoleSession &s, const httplib::Request &req, httplib::Response &res, const QString &error = {});
    void addOfficer(ConsoleSession &s, httplib::Response &res);
    void updateOfficer(ConsoleSession &s, qint64 id, httplib::Response &res);
    void leavePage(ConsoleSession &s, const httplib::Request &req, httplib::Response &res, const QString &error = {});
    void addLeave(ConsoleSession &s, httplib::Response &res);
    void cancelLeave(ConsoleSession &s, qint64 id, httplib::Response &res);
    void desaPage(ConsoleSession &s, const httplib::Request &req, httplib::Response &res, const QString &error = {});
    void addDesa(ConsoleSession &s, httplib::Response &res);
    void updateDesa(ConsoleSession &s, const QString &code, httplib::Response &res);
    void saveDesa(ConsoleSession &s, const DesaOffice &desa, httplib::Response &res);

    // Helpers.
    QList<RequestRecord> visibleRequests(const ConsoleSession &s) const;
    QString requestRow(const RequestRecord &r, bool withAge) const;
    std::optional<QString> checkPassphrase(ConsoleSession &s, const QString &passphrase);
    bool managesOffice(const ConsoleSession &s, const QString &office) const;
};

bool ConsoleServer::Impl::mayUse(const ConsoleSession &s, const Route &route) const
{
    if (route.roles.isEmpty())
        return true;
    return std::any_of(s.capacities.cbegin(), s.capacities.cend(), [&](const Capacity &c) { return route.roles.contains(c.role); });
}

void ConsoleServer::Impl::sendPage(const ConsoleSession &s, const httplib::Request &req, httplib::Response &res, const QString &path,
    const QString &title, const QString &body, const QString &error) const
{
    if (!error.isEmpty()) {
        sendHtml(res, 400, render(s, path, title, body, error, true));
        return;
    }
    const QString flash = req.has_param("pesan") ? flashText(QString::fromStdString(req.get_param_value("pesan"))) : QString();
    sendHtml(res, 200, render(s, path, title, body, flash));
}

QString ConsoleServer::Impl::render(
    const ConsoleSession &s, const QString &path, const QString &title, const QString &body, const QString &message, bool error) const
{
    html::Chrome chrome;
    chrome.title = title;
    chrome.officerName = s.officer.displayName;
    QStringList roles;
    for (const Capacity &c : s.capacities)
        roles.append(c.onBehalfOf.isEmpty() ? roleLabel(c.role) : QStringLiteral("%1 (a.n. %2)").arg(roleLabel(c.role), c.onBehalfOf));
    chrome.roleText = roles.isEmpty() ? QStringLiteral("sedang cuti") : roles.join(QStringLiteral(", "));
    chrome.csrfToken = s.record.csrfToken;
    chrome.currentPath = path;
    chrome.message = message;
    chrome.messageIsError = error;
    for (const Route &r : routeTable)
        if (!r.navTitle.isEmpty() && mayUse(s, r))
            chrome.nav.append({r.pattern, r.navTitle});
    return html::page(chrome, body);
}

void ConsoleServer::Impl::sendError(ConsoleSession &s, httplib::Response &res, int status, const QString &message) const
{
    sendHtml(res, status,
        render(s, {}, QStringLiteral("Tidak dapat diproses"),
            QStringLiteral("<p>%1</p>").arg(html::link(QStringLiteral("/"), QStringLiteral("Kembali ke kotak masuk"))), message, true));
}

std::optional<ConsoleSession> ConsoleServer::Impl::currentSession(const httplib::Request &req, bool *expired)
{
    *expired = false;
    const QString raw = cookie(req, kSessionCookie);
    if (raw.isEmpty())
        return std::nullopt;
    const QString idHash = hashToken(raw);
    const auto found = store.session(idHash);
    if (!found || !found.value())
        return std::nullopt;
    ConsoleSession s;
    s.record = *found.value();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (s.record.lastSeen.secsTo(now) > kIdleMinutes * 60) {
        (void)store.deleteSession(idHash);
        *expired = true;
        return std::nullopt;
    }
    const auto officer = store.officer(s.record.officerId);
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

void ConsoleServer::Impl::install()
{
    for (const Route &route : std::as_const(routeTable)) {
        const Handler handler = route.handler;
        const bool post = route.method == QLatin1String("POST");
        auto wrapped = [this, route, post](const httplib::Request &req, httplib::Response &res) {
            setSecurityHeaders(res);
            bool expired = false;
            auto session = currentSession(req, &expired);
            if (!session) {
                if (post)
                    return sendHtml(res, 403,
                        html::page({QStringLiteral("Ditolak"), {}, {}, {}, {}, {},
                                       QStringLiteral("Sesi tidak ada atau sudah berakhir. Silakan masuk lagi."), true},
                            QStringLiteral("<p><a href=\"/masuk\">Masuk</a></p>")));
                return redirect(res, expired ? QStringLiteral("/masuk?pesan=habis") : QStringLiteral("/masuk"));
            }
            if (post) {
                if (req.body.size() > std::size_t(kMaxFormBytes))
                    return sendError(*session, res, 413, QStringLiteral("Isian formulir terlalu besar."));
                session->form = parseForm(req.body);
                // Every POST carries the session's CSRF token; a missing or wrong one is refused before anything runs.
                if (!sameToken(session->form.value(QStringLiteral("csrf")), session->record.csrfToken)) {
                    qCWarning(lcConsole) << "CSRF token missing or wrong on" << req.path.c_str();
                    return sendError(*session, res, 403,
                        QStringLiteral("Formulir ini tidak sah atau sudah kedaluwarsa. Muat ulang halaman lalu coba lagi."));
                }
            }
            if (!mayUse(*session, route))
                return sendError(*session, res, 403, QStringLiteral("Peran Anda tidak berwenang membuka halaman ini."));
            route.handler(*session, req, res);
        };
        const std::string pattern = route.pattern.toStdString();
        if (post)
            server->Post(pattern, wrapped);
        else
            server->Get(pattern, wrapped);
    }
    server->Get("/masuk", [this](const httplib::Request &req, httplib::Response &res) {
        setSecurityHeaders(res);
        loginPage(req, res);
    });
    server->Post("/masuk", [this](const httplib::Request &req, httplib::Response &res) {
        setSecurityHeaders(res);
        login(req, res);
    });
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

// ---------------------------------------------------------------- login

void ConsoleServer::Impl::loginPage(const httplib::Request &req, httplib::Response &res, const QString &message, int status)
{
    const QString token = randomToken();
    // Login CSRF: the form's token must equal this cookie (double submit), so other sites cannot log someone in.
    res.set_header("Set-Cookie",
        QStringLiteral("%1=%2; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=1800")
            .arg(QLatin1String(kLoginCookie), token)
            .toStdString());
    const QString info
        = message.isEmpty() && req.has_param("pesan") ? flashText(QString::fromStdString(req.get_param_value("pesan"))) : QString();
    const QString username = req.has_param("u") ? QString::fromStdString(req.get_param_value("u")) : QString();
    html::Chrome chrome;
    chrome.title = QStringLiteral("Masuk");
    chrome.message = message.isEmpty() ? info : message;
    chrome.messageIsError = !message.isEmpty();
    sendHtml(res, status,
        html::page(chrome,
            QStringLiteral(
                "<form method=\"post\" action=\"/masuk\" class=\"login\">%1"
                "<label>Nama pengguna <input type=\"text\" name=\"username\" value=\"%2\" autocomplete=\"username\" "
                "required autofocus></label>"
                "<label>Kata sandi <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>"
                "<button type=\"submit\">Masuk</button></form>")
                .arg(html::csrfField(token), html::escape(username))));
}

void ConsoleServer::Impl::login(const httplib::Request &req, httplib::Response &res)
{
    const auto form = parseForm(req.body);
    if (req.body.size() > std::size_t(kMaxFormBytes) || !sameToken(form.value(QStringLiteral("csrf")), cookie(req, kLoginCookie)))
        return loginPage(req, res, QStringLiteral("Formulir masuk kedaluwarsa. Silakan coba lagi."), 403);
    const QString username = form.value(QStringLiteral("username")).trimmed();
    const QString password = form.value(QStringLiteral("password"));
    const QString wrong = QStringLiteral("Nama pengguna atau kata sandi salah. Setelah 5 kali salah, akun dikunci sementara.");
    const auto officer = store.officerByUsername(username);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!officer) {
        // Same work as a real check, so response time does not tell which usernames exist.
        (void)serverlink::crypto::verifySecret(
            password, serverlink::crypto::hashSecret(QStringLiteral("-"), serverlink::crypto::kPinIterations));
        return loginPage(req, res, wrong, 401);
    }
    if (officer.value().lockedUntil.isValid() && officer.value().lockedUntil > now)
        return loginPage(req, res,
            QStringLiteral("Akun dikunci sementara karena terlalu banyak percobaan salah. Coba lagi dalam %1 detik.")
                .arg(now.secsTo(officer.value().lockedUntil) + 1),
            429);
    const bool ok = officer.value().active && serverlink::crypto::verifySecret(password, officer.value().passwordHash);
    const auto recorded = store.recordLoginAttempt(officer.value().id, ok, now);
    if (!ok) {
        qCInfo(lcConsole) << "failed console login for officer id" << officer.value().id;
        if (!officer.value().active)
            return loginPage(req, res, QStringLiteral("Akun ini tidak aktif. Hubungi admin kecamatan."), 403);
        return loginPage(req, res, wrong, 401);
    }
    if (!recorded)
        return loginPage(req, res, QStringLiteral("Masuk belum dapat dicatat. Coba lagi sebentar lagi."), 500);
    const QString raw = randomToken();
    const SessionRecord session {hashToken(raw), officer.value().id, randomToken(), now, now};
    if (auto stored = store.insertSession(session); !stored)
        return loginPage(req, res, QStringLiteral("Sesi belum dapat dibuat. Coba lagi sebentar lagi."), 500);
    qCInfo(lcConsole) << "console login by officer id" << officer.value().id;
    res.set_header("Set-Cookie",
        QStringLiteral("%1=%2; Path=/; Secure; HttpOnly; SameSite=Strict").arg(QLatin1String(kSessionCookie), raw).toStdString());
    redirect(res, QStringLiteral("/"));
}

void ConsoleServer::Impl::logout(ConsoleSession &s, httplib::Response &res)
{
    (void)store.deleteSession(s.record.idHash);
    res.set_header("Set-Cookie",
        QStringLiteral("%1=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0").arg(QLatin1String(kSessionCookie)).toStdString());
    redirect(res, QStringLiteral("/masuk?pesan=keluar"));
}

std::optional<QString> ConsoleServer::Impl::checkPassphrase(ConsoleSession &s, const QString &passphrase)
{
    // The signing passphrase is the officer's own password, entered again (docs/decisions/0005); failures count toward lockout.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto fresh = store.officer(s.officer.id);
    if (!fresh)
        return fresh.error().message;
    if (fresh.value().lockedUntil.isValid() && fresh.value().lockedUntil > now)
        return QStringLiteral("Akun dikunci sementara karena terlalu banyak percobaan salah. Coba lagi dalam %1 detik.")
            .arg(now.secsTo(fresh.value().lockedUntil) + 1);
    const bool ok = serverlink::crypto::verifySecret(passphrase, fresh.value().passwordHash);
    (void)store.recordLoginAttempt(s.officer.id, ok, now);
    if (!ok)
        return QStringLiteral("Kata sandi penandatanganan salah. Surat belum ditandatangani.");
    return std::nullopt;
}

// ---------------------------------------------------------------- requests

QList<RequestRecord> ConsoleServer::Impl::visibleRequests(const ConsoleSession &s) const
{
    QList<RequestRecord> list;
    const auto all = store.requests();
    if (!all)
        return list;
    for (const RequestRecord &r : all.value())
        if (workflow.inScope(s.capacities, r))
            list.append(r);
    return list;
}

QString ConsoleServer::Impl::requestRow(const RequestRecord &r, bool withAge) const
{
    const ServiceDetails service = services.value(r.serviceCode);
    QString row = QStringLiteral("<td>%1</td>")
                      .arg(html::link(QStringLiteral("/permohonan/") + html::urlEncode(r.registrationNumber), r.registrationNumber))
        + html::cell(r.name) + html::cell(service.name.isEmpty() ? r.serviceCode : service.name)
        + html::cell(r.level == ServiceLevel::Desa ? QStringLiteral("Desa") : QStringLiteral("Kecamatan"))
        + html::cell(serverlink::stageLabelId(r.stage));
    if (withAge) {
        const qint64 age = r.receivedAt.secsTo(QDateTime::currentDateTimeUtc());
        const qint64 sla = qint64(service.slaDays) * 86400;
        const QString cls = age >= sla ? QStringLiteral("sla-late")
            : age * 2 >= sla           ? QStringLiteral("sla-warn")
                                       : QStringLiteral("sla-ok");
        const QString status = age >= sla ? QStringLiteral("lewat batas")
            : age * 2 >= sla              ? QStringLiteral("mendekati batas")
                                          : QStringLiteral("dalam batas");
        row += html::cell(ageText(age), cls) + html::cell(QStringLiteral("%1 hari — %2").arg(service.slaDays).arg(status), cls);
    }
    return row;
}

void ConsoleServer::Impl::inbox(ConsoleSession &s, const httplib::Request &req, httplib::Response &res)
{
    QList<RequestRecord> waiting;
    QList<RequestRecord> watching; // not this officer's step, but they may still return or reject it
    for (const RequestRecord &r : visibleRequests(s)) {
        const QList<OfficerAction> actions = workflow.allowedActions(s.capacities, r);
        if (actions.contains(OfficerAction::Approve))
            waiting.append(r);
        else if (actions.contains(OfficerAction::Return) || actions.contains(OfficerAction::Reject))
            watching.append(r);
    }
    const auto oldestFirst = [](const RequestRecord &a, const RequestRecord &b) { return a.receivedAt < b.receivedAt; };
    std::sort(waiting.begin(), waiting.end(), oldestFirst);
    std::sort(watching.begin(), watching.end(), oldestFirst);
    QStringList rows;
    for (const RequestRecord &r : waiting)
        rows.append(requestRow(r, true));
    QStringList watchRows;
    for (const RequestRecord &r : watching)
        watchRows.append(requestRow(r, true));
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
    sendPage(s, req, res, QStringLiteral("/"), QStringLiteral("Kotak masuk"), body);
}

void ConsoleServer::Impl::detail(ConsoleSession &s, const QString &reg, const httplib::Request &req, httplib::Response &res)
{
    const auto found = store.request(reg);
    if (!found || !workflow.inScope(s.capacities, found.value()))
        return sendError(s, res, 404, QStringLiteral("Permohonan %1 tidak ditemukan di wilayah kerja Anda.").arg(reg));
    const RequestRecord r = found.value();
    const ServiceDetails service = services.value(r.serviceCode);
    const QString base = QStringLiteral("/permohonan/") + html::urlEncode(r.registrationNumber);

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
        html::cell(QStringLiteral("Diterima")) + html::cell(wib(r.receivedAt)),
    };
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

    const QList<OfficerAction> actions = workflow.allowedActions(s.capacities, r);
    const bool documentCheck = actions.contains(OfficerAction::Approve) && (r.stage == Stage::Received || r.stage == Stage::NeedsFix);
    body += QStringLiteral("<h2>Persyaratan</h2>");
    if (service.requirements.isEmpty())
        body += QStringLiteral("<p class=\"kosong\">Layanan ini tidak memiliki daftar persyaratan.</p>");

    // Actions: each its own plain form; the approve form carries the checklist or the signing passphrase.
    QString forms;
    const QString csrf = html::csrfField(s.record.csrfToken);
    for (OfficerAction a : actions) {
        const QString wire = actionWire(a);
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
        for (const QString &req : service.requirements)
            body += QStringLiteral("<li>%1</li>").arg(html::escape(req));
        body += QStringLiteral("</ul>");
    } else if (documentCheck) {
        body += QStringLiteral("<p>Centang setiap persyaratan yang sudah diperiksa pada formulir di bawah.</p>");
    }
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

    QStringList history;
    const auto events = store.events(r.registrationNumber);
    if (events)
        for (const EventRecord &e : events.value()) {
            const auto role = roleFromWire(e.role);
            history.append(html::cell(wib(e.at)) + html::cell(serverlink::stageLabelId(e.stage)) + html::cell(e.actor)
                + html::cell(role ? roleLabel(*role) : e.role) + html::cell(e.note));
        }
    body += QStringLiteral("<h2>Riwayat</h2>")
        + html::table(
            {QStringLiteral("Waktu"), QStringLiteral("Tahap"), QStringLiteral("Oleh"), QStringLiteral("Peran"), QStringLiteral("Catatan")},
            history, QStringLiteral("Belum ada riwayat."));
    sendPage(s, req, res, {}, QStringLiteral("Permohonan %1").arg(r.registrationNumber), body);
}

void ConsoleServer::Impl::letter(ConsoleSession &s, const QString &reg, httplib::Response &res)
{
    const auto found = store.request(reg);
    if (!found || !workflow.inScope(s.capacities, found.value()))
        return sendError(s, res, 404, QStringLiteral("Permohonan %1 tidak ditemukan di wilayah kerja Anda.").arg(reg));
    QByteArray pdf;
    if (!found.value().letterPath.isEmpty()) {
        QFile file(found.value().letterPath);
        if (!file.open(QIODevice::ReadOnly))
            return sendError(s, res, 500, QStringLiteral("Berkas surat tidak dapat dibaca. Hubungi teknisi."));
        pdf = file.readAll();
    } else {
        std::lock_guard lock(actionMutex);
        const auto preview = workflow.previewLetter(found.value());
        if (!preview)
            return sendError(s, res, 500, preview.error().message);
        pdf = preview.value();
    }
    res.status = 200;
    res.set_header("Content-Disposition", QStringLiteral("inline; filename=\"%1.pdf\"").arg(reg).toStdString());
    res.set_content(pdf.toStdString(), "application/pdf");
}

void ConsoleServer::Impl::act(ConsoleSession &s, const QString &reg, httplib::Response &res)
{
    const auto action = actionFromWire(s.form.value(QStringLiteral("aksi")));
    if (!action)
        return sendError(s, res, 400, QStringLiteral("Tindakan tidak dikenal."));
    const auto found = store.request(reg);
    if (!found || !workflow.inScope(s.capacities, found.value()))
        return sendError(s, res, 404, QStringLiteral("Permohonan %1 tidak ditemukan di wilayah kerja Anda.").arg(reg));
    const RequestRecord r = found.value();
    QString note = s.form.value(QStringLiteral("catatan")).trimmed();
    if (*action == OfficerAction::Approve && workflow.allowedActions(s.capacities, r).contains(OfficerAction::Approve)) {
        if (r.stage == Stage::Received || r.stage == Stage::NeedsFix) {
            const QStringList requirements = services.value(r.serviceCode).requirements;
            const QStringList ticked = s.form.values(QStringLiteral("syarat"));
            for (int i = 0; i < requirements.size(); ++i)
                if (!ticked.contains(QString::number(i)))
                    return sendError(s, res, 400,
                        QStringLiteral("Persyaratan \"%1\" belum dicentang. Periksa berkas pemohon atau kembalikan permohonan.")
                            .arg(requirements.at(i)));
            const QString checked = QStringLiteral("Berkas diperiksa petugas desa; persyaratan lengkap (%1/%1)").arg(requirements.size());
            note = note.isEmpty() ? checked : checked + QStringLiteral(". ") + note;
        }
        if (roles::isSigning(r.level, r.stage))
            if (const auto refused = checkPassphrase(s, s.form.value(QStringLiteral("passphrase"))))
                return sendError(s, res, 403, *refused);
    }
    std::lock_guard lock(actionMutex);
    const auto done = workflow.act(reg, s.officer, *action, note);
    if (!done) {
        const int status = done.error().code == ErrorCode::Forbidden ? 403
            : done.error().code == ErrorCode::ReasonRequired         ? 400
            : done.error().code == ErrorCode::TransitionNotAllowed   ? 409
                                                                     : 500;
        return sendError(s, res, status, done.error().message);
    }
    qCInfo(lcConsole).noquote() << "officer id" << s.officer.id << actionWire(*action) << reg << "->"
                                << serverlink::stageToWire(done.value().stage);
    redirect(res, QStringLiteral("/permohonan/%1?pesan=%2").arg(html::urlEncode(reg), actionWire(*action)));
}

void ConsoleServer::Impl::bulkSignPage(ConsoleSession &s, const httplib::Request &req, httplib::Response &res)
{
    QStringList rows;
    for (const RequestRecord &r : visibleRequests(s))
        if (roles::isSigning(r.level, r.stage) && workflow.allowedActions(s.capacities, r).contains(OfficerAction::Approve))
            rows.append(QStringLiteral("<td><input type=\"checkbox\" name=\"reg\" value=\"%1\" aria-label=\"Pilih %1\" checked></td>")
                            .arg(html::escape(r.registrationNumber))
                + requestRow(r, true));
    QString body;
    if (rows.isEmpty()) {
        body = QStringLiteral("<p class=\"kosong\">Tidak ada surat yang menunggu tanda tangan Anda.</p>");
    } else {
        body = QStringLiteral("<form method=\"post\" action=\"/tanda-tangan\" class=\"aksi\">%1%2"
                              "<label>Kata sandi penandatanganan (kata sandi Anda) <input type=\"password\" name=\"passphrase\" "
                              "autocomplete=\"current-password\" required></label>"
                              "<button type=\"submit\">Tandatangani yang dipilih</button></form>")
                   .arg(html::csrfField(s.record.csrfToken),
                       html::table({QStringLiteral("Pilih"), QStringLiteral("No. registrasi"), QStringLiteral("Nama pemohon"),
                                       QStringLiteral("Layanan"), QStringLiteral("Tingkat"), QStringLiteral("Tahap"),
                                       QStringLiteral("Umur"), QStringLiteral("Batas waktu")},
                           rows, {}));
    }
    const QString flash = req.has_param("ditandatangani")
        ? QStringLiteral("%1 surat ditandatangani.").arg(QString::fromStdString(req.get_param_value("ditandatangani")).toInt())
        : QString();
    sendHtml(res, 200, render(s, QStringLiteral("/tanda-tangan"), QStringLiteral("Tanda tangan massal"), body, flash));
}

void ConsoleServer::Impl::bulkSign(ConsoleSession &s, httplib::Response &res)
{
    const QStringList regs = s.form.values(QStringLiteral("reg"));
    if (regs.isEmpty())
        return sendError(s, res, 400, QStringLiteral("Pilih minimal satu permohonan untuk ditandatangani."));
    if (const auto refused = checkPassphrase(s, s.form.value(QStringLiteral("passphrase"))))
        return sendError(s, res, 403, *refused);
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
        const auto done = workflow.act(reg, s.officer, OfficerAction::Approve, {});
        if (done)
            ++signedCount;
        else
            failures.append(QStringLiteral("%1: %2").arg(reg, done.error().message));
    }
    if (!failures.isEmpty())
        return sendError(s, res, signedCount > 0 ? 200 : 403,
            QStringLiteral("%1 surat ditandatangani; yang gagal: %2").arg(signedCount).arg(failures.join(QStringLiteral("; "))));
    redirect(res, QStringLiteral("/tanda-tangan?ditandatangani=%1").arg(signedCount));
}

void ConsoleServer::Impl::search(ConsoleSession &s, const httplib::Request &req, httplib::Response &res)
{
    const QString q = req.has_param("q") ? QString::fromStdString(req.get_param_value("q")).trimmed() : QString();
    QString body
        = QStringLiteral("<form method=\"get\" action=\"/cari\"><label>Nomor registrasi atau nama pemohon "
                         "<input type=\"text\" name=\"q\" value=\"%1\" required></label><button type=\"submit\">Cari</button></form>")
              .arg(html::escape(q));
    if (!q.isEmpty()) {
        QStringList rows;
        for (const RequestRecord &r : visibleRequests(s))
            if (r.registrationNumber.contains(q, Qt::CaseInsensitive) || r.name.contains(q, Qt::CaseInsensitive))
                rows.append(requestRow(r, false));
        body += html::table({QStringLiteral("No. registrasi"), QStringLiteral("Nama pemohon"), QStringLiteral("Layanan"),
                                QStringLiteral("Tingkat"), QStringLiteral("Tahap")},
            rows, QStringLiteral("Tidak ada permohonan yang cocok di wilayah kerja Anda."));
    }
    sendHtml(res, 200, render(s, QStringLiteral("/cari"), QStringLiteral("Cari permohonan"), body));
}

// ---------------------------------------------------------------- administration

bool ConsoleServer::Impl::managesOffice(const ConsoleSession &s, const QString &office) const
{
    for (const Capacity &c : s.capacities) {
        if (c.role == Role::SuperAdmin)
            return true;
        if (c.role != Role::AdminKecamatan)
            continue;
        if (office == c.office)
            return true;
        const auto desa = offices.desa(office);
        if (desa && desa->kecamatanCode == c.office)
            return true;
    }
    return false;
}

namespace {

const QString kInvalidPhone
    = QStringLiteral("Nomor HP tidak valid. Tulis nomor ponsel Indonesia, mis. 0812-3456-7890 atau +62 812 3456 7890, "
                     "atau kosongkan.");

/// An officer's phone as typed in a form: empty (none), a valid number in +62… form, or nullopt when invalid.
std::optional<QString> officerPhone(const QString &typed)
{
    if (typed.trimmed().isEmpty())
        return QString();
    return serverlink::normalizePhone(typed.trimmed());
}

} // namespace

void ConsoleServer::Impl::officersPage(ConsoleSession &s, const httplib::Request &req, httplib::Response &res, const QString &error)
{
    const auto all = store.officers();
    if (!all)
        return sendError(s, res, 500, all.error().message);
    QStringList rows;
    const QString csrf = html::csrfField(s.record.csrfToken);
    for (const OfficerRecord &o : all.value()) {
        if (!managesOffice(s, o.office))
            continue;
        const bool locked = o.lockedUntil.isValid() && o.lockedUntil > QDateTime::currentDateTimeUtc();
        rows.append(html::cell(o.username) + html::cell(o.displayName) + html::cell(roleLabel(o.role)) + html::cell(o.office)
            + html::cell(o.phone.isEmpty() ? QStringLiteral("—") : smstext::maskPhone(o.phone))
            + html::cell(
                o.active ? (locked ? QStringLiteral("aktif, terkunci sementara") : QStringLiteral("aktif")) : QStringLiteral("nonaktif"))
            + QStringLiteral(
                "<td><form method=\"post\" action=\"/admin/petugas/%1\">%2"
                "<input type=\"hidden\" name=\"aktif\" value=\"%3\"><button type=\"submit\" class=\"netral\">%4</button></form>"
                "<form method=\"post\" action=\"/admin/petugas/%1\">%2<label>Kata sandi baru <input type=\"password\" "
                "name=\"password\" autocomplete=\"new-password\" minlength=\"10\" required></label>"
                "<button type=\"submit\" class=\"netral\">Ganti kata sandi</button></form>"
                "<form method=\"post\" action=\"/admin/petugas/%1\">%2<label>Nomor HP (kosongkan untuk menghapus) "
                "<input type=\"tel\" name=\"phone\" value=\"%5\" autocomplete=\"off\"></label>"
                "<button type=\"submit\" class=\"netral\">Simpan nomor HP</button></form></td>")
                  .arg(o.id)
                  .arg(csrf, o.active ? QStringLiteral("0") : QStringLiteral("1"),
                      o.active ? QStringLiteral("Nonaktifkan") : QStringLiteral("Aktifkan"), html::escape(o.phone)));
    }
    QString roleOptions;
    for (Role r : allRoles())
        if (r != Role::SuperAdmin || managesOffice(s, QStringLiteral("*")))
            roleOptions += QStringLiteral("<option value=\"%1\">%2</option>").arg(roleToWire(r), html::escape(roleLabel(r)));
    const QString body
        = html::table({QStringLiteral("Nama pengguna"), QStringLiteral("Nama"), QStringLiteral("Peran"), QStringLiteral("Kantor"),
                          QStringLiteral("Nomor HP"), QStringLiteral("Status"), QStringLiteral("Ubah")},
              rows, QStringLiteral("Belum ada petugas."))
        + QStringLiteral(
            "<h2>Tambah petugas</h2><form method=\"post\" action=\"/admin/petugas\" class=\"aksi\">%1"
            "<label>Nama pengguna <input type=\"text\" name=\"username\" required pattern=\"[a-z0-9._-]{3,32}\"></label>"
            "<label>Nama lengkap <input type=\"text\" name=\"name\" required></label>"
            "<label>Peran <select name=\"role\">%2</select></label>"
            "<label>Kode kantor (desa 10 angka, kecamatan 6 angka) <input type=\"text\" name=\"office\" required></label>"
            "<label>Nomor HP untuk pengingat SMS (boleh kosong) <input type=\"tel\" name=\"phone\" autocomplete=\"off\"></label>"
            "<label>Kata sandi awal (minimal 10 karakter) <input type=\"password\" name=\"password\" minlength=\"10\" "
            "autocomplete=\"new-password\" required></label><button type=\"submit\">Tambah</button></form>")
              .arg(csrf, roleOptions);
    sendPage(s, req, res, QStringLiteral("/admin/petugas"), QStringLiteral("Petugas"), body, error);
}

void ConsoleServer::Impl::addOfficer(ConsoleSession &s, httplib::Response &res)
{
    const httplib::Request none;
    OfficerRecord o;
    o.username = s.form.value(QStringLiteral("username")).trimmed().toLower();
    o.displayName = s.form.value(QStringLiteral("name")).trimmed();
    o.office = s.form.value(QStringLiteral("office")).trimmed();
    const auto role = roleFromWire(s.form.value(QStringLiteral("role")));
    const QString password = s.form.value(QStringLiteral("password"));
    static const QRegularExpression usernamePattern(QStringLiteral("^[a-z0-9._-]{3,32}$"));
    if (!usernamePattern.match(o.username).hasMatch() || o.displayName.isEmpty() || !role)
        return officersPage(s, none, res, QStringLiteral("Isi nama pengguna (3–32 huruf kecil/angka), nama lengkap dan peran."));
    if (password.size() < 10)
        return officersPage(s, none, res, QStringLiteral("Kata sandi minimal 10 karakter."));
    const auto phone = officerPhone(s.form.value(QStringLiteral("phone")));
    if (!phone)
        return officersPage(s, none, res, kInvalidPhone);
    o.phone = *phone;
    o.role = *role;
    if (o.role == Role::SuperAdmin)
        o.office = QStringLiteral("*");
    if (auto known = checkOffice(o.role, o.office, offices); !known)
        return officersPage(s, none, res, known.error().message);
    if (!managesOffice(s, o.office))
        return officersPage(s, none, res, QStringLiteral("Anda hanya dapat menambah petugas di wilayah kecamatan Anda."));
    o.passwordHash = serverlink::crypto::hashSecret(password);
    const auto id = store.insertOfficer(o);
    if (!id)
        return officersPage(s, none, res, id.error().message);
    redirect(res, QStringLiteral("/admin/petugas?pesan=petugas"));
}

void ConsoleServer::Impl::updateOfficer(ConsoleSession &s, qint64 id, httplib::Response &res)
{
    const httplib::Request none;
    auto o = store.officer(id);
    if (!o || !managesOffice(s, o.value().office))
        return sendError(s, res, 404, QStringLiteral("Petugas tidak ditemukan di wilayah Anda."));
    if (s.form.contains(QStringLiteral("phone"))) {
        const auto phone = officerPhone(s.form.value(QStringLiteral("phone")));
        if (!phone)
            return officersPage(s, none, res, kInvalidPhone);
        o.value().phone = *phone;
        if (auto done = store.updateOfficer(o.value()); !done)
            return sendError(s, res, 500, done.error().message);
        // The number is PII: the log says whose number changed, never the number.
        qCInfo(lcConsole) << "officer id" << s.officer.id << "set the phone number of officer id" << id;
        return redirect(res, QStringLiteral("/admin/petugas?pesan=petugas"));
    }
    if (s.form.contains(QStringLiteral("password"))) {
        const QString password = s.form.value(QStringLiteral("password"));
        if (password.size() < 10)
            return officersPage(s, none, res, QStringLiteral("Kata sandi minimal 10 karakter."));
        if (auto done = store.setOfficerPassword(id, serverlink::crypto::hashSecret(password)); !done)
            return sendError(s, res, 500, done.error().message);
    }
    if (s.form.contains(QStringLiteral("aktif"))) {
        if (id == s.officer.id)
            return officersPage(s, none, res, QStringLiteral("Anda tidak dapat menonaktifkan akun Anda sendiri."));
        o.value().active = s.form.value(QStringLiteral("aktif")) == QLatin1String("1");
        if (auto done = store.updateOfficer(o.value()); !done)
            return sendError(s, res, 500, done.error().message);
    }
    // A changed password or a deactivated account ends the officer's sessions.
    (void)store.deleteSessionsOf(id);
    redirect(res, QStringLiteral("/admin/petugas?pesan=petugas"));
}

void ConsoleServer::Impl::leavePage(ConsoleSession &s, const httplib::Request &req, httplib::Response &res, const QString &error)
{
    const auto all = store.officers();
    const auto leaves = store.delegations();
    if (!all || !leaves)
        return sendError(s, res, 500, (!all ? all.error() : leaves.error()).message);
    QHash<qint64, OfficerRecord> byId;
    QString options;
    for (const OfficerRecord &o : all.value()) {
        byId.insert(o.id, o);
        if (managesOffice(s, o.office) && o.active)
            options += QStringLiteral("<option value=\"%1\">%2 — %3 (%4)</option>")
                           .arg(o.id)
                           .arg(html::escape(o.displayName), html::escape(roleLabel(o.role)), html::escape(o.office));
    }
    const QString csrf = html::csrfField(s.record.csrfToken);
    QStringList rows;
    for (const DelegationRecord &d : leaves.value()) {
        const OfficerRecord absent = byId.value(d.officerId);
        if (!managesOffice(s, absent.office))
            continue;
        const QString state = !d.cancelledAt.isNull() ? QStringLiteral("dibatalkan")
            : d.coversDay(QDate::currentDate())       ? QStringLiteral("berlaku")
            : d.ends < QDate::currentDate()           ? QStringLiteral("selesai")
                                                      : QStringLiteral("terjadwal");
        rows.append(html::cell(absent.displayName) + html::cell(byId.value(d.delegateId).displayName)
            + html::cell(QStringLiteral("%1 s.d. %2")
                             .arg(d.starts.toString(QStringLiteral("dd-MM-yyyy")), d.ends.toString(QStringLiteral("dd-MM-yyyy"))))
            + html::cell(d.reason) + html::cell(state)
            + (d.cancelledAt.isNull() ? QStringLiteral("<td><form method=\"post\" action=\"/admin/cuti/%1/batal\">%2"
                                                       "<button type=\"submit\" class=\"netral\">Batalkan</button></form></td>")
                                            .arg(d.id)
                                            .arg(csrf)
                                      : QStringLiteral("<td></td>")));
    }
    const QString body = html::table({QStringLiteral("Petugas cuti"), QStringLiteral("Pengganti"), QStringLiteral("Tanggal"),
                                         QStringLiteral("Alasan"), QStringLiteral("Status"), QStringLiteral("")},
                             rows, QStringLiteral("Belum ada cuti tercatat."))
        + QStringLiteral("<h2>Catat cuti dan pengganti</h2><form method=\"post\" action=\"/admin/cuti\" class=\"aksi\">%1"
                         "<label>Petugas yang cuti <select name=\"petugas\">%2</select></label>"
                         "<label>Pengganti (dari kantor yang sama) <select name=\"pengganti\">%2</select></label>"
                         "<label>Mulai <input type=\"date\" name=\"mulai\" required></label>"
                         "<label>Sampai dengan <input type=\"date\" name=\"sampai\" required></label>"
                         "<label>Alasan <input type=\"text\" name=\"alasan\" required></label>"
                         "<button type=\"submit\">Simpan</button></form>")
              .arg(csrf, options);
    sendPage(s, req, res, QStringLiteral("/admin/cuti"), QStringLiteral("Cuti dan pengganti"), body, error);
}

void ConsoleServer::Impl::addLeave(ConsoleSession &s, httplib::Response &res)
{
    const httplib::Request none;
    DelegationRecord d;
    d.officerId = s.form.value(QStringLiteral("petugas")).toLongLong();
    d.delegateId = s.form.value(QStringLiteral("pengganti")).toLongLong();
    d.starts = QDate::fromString(s.form.value(QStringLiteral("mulai")), Qt::ISODate);
    d.ends = QDate::fromString(s.form.value(QStringLiteral("sampai")), Qt::ISODate);
    d.reason = s.form.value(QStringLiteral("alasan")).trimmed();
    d.createdBy = s.officer.username;
    const auto absent = store.officer(d.officerId);
    const auto delegate = store.officer(d.delegateId);
    if (!absent || !delegate || !managesOffice(s, absent.value().office))
        return leavePage(s, none, res, QStringLiteral("Pilih petugas dan pengganti dari wilayah Anda."));
    if (d.officerId == d.delegateId)
        return leavePage(s, none, res, QStringLiteral("Pengganti harus petugas lain."));
    if (delegate.value().office != absent.value().office)
        return leavePage(s, none, res, QStringLiteral("Pengganti harus dari kantor yang sama (mis. sekretaris desa untuk kepala desa)."));
    if (!d.starts.isValid() || !d.ends.isValid() || d.ends < d.starts || d.reason.isEmpty())
        return leavePage(s, none, res, QStringLiteral("Isi tanggal mulai, tanggal selesai (tidak sebelum mulai) dan alasan."));
    if (auto id = store.insertDelegation(d); !id)
        return sendError(s, res, 500, id.error().message);
    redirect(res, QStringLiteral("/admin/cuti?pesan=cuti"));
}

void ConsoleServer::Impl::cancelLeave(ConsoleSession &s, qint64 id, httplib::Response &res)
{
    const auto leaves = store.delegations();
    if (!leaves)
        return sendError(s, res, 500, leaves.error().message);
    for (const DelegationRecord &d : leaves.value()) {
        if (d.id != id)
            continue;
        const auto absent = store.officer(d.officerId);
        if (!absent || !managesOffice(s, absent.value().office))
            break;
        if (auto done = store.cancelDelegation(id, QDateTime::currentDateTimeUtc()); !done)
            return sendError(s, res, 500, done.error().message);
        return redirect(res, QStringLiteral("/admin/cuti?pesan=cuti"));
    }
    sendError(s, res, 404, QStringLiteral("Data cuti tidak ditemukan di wilayah Anda."));
}

namespace {

const QString kDefaultNomorFormat = QStringLiteral("{klasifikasi}/{nomor:3}/{kodeSurat}/{tahun}");

/// The inputs of a desa form (the fields the admin kecamatan edits), filled with `d`.
QString desaFields(const DesaOffice &d)
{
    const auto input = [](const QString &label, const QString &name, const QString &value, bool required) {
        return QStringLiteral("<label>%1 <input type=\"text\" name=\"%2\" value=\"%3\"%4></label>")
            .arg(html::escape(label), name, html::escape(value), required ? QStringLiteral(" required") : QString());
    };
    return input(QStringLiteral("Nama desa (kop surat)"), QStringLiteral("nama"), d.name, true)
        + input(QStringLiteral("Nama tempat pada tanggal surat"), QStringLiteral("tempat"), d.place, true)
        + input(QStringLiteral("Alamat kantor desa"), QStringLiteral("alamat"), d.address, false)
        + input(QStringLiteral("Nama kepala desa (penanda tangan)"), QStringLiteral("kepala_desa"), d.kepalaDesa, true)
        + input(QStringLiteral("Format nomor surat ({klasifikasi}, {nomor} atau {nomor:N}, {kodeSurat}, {kode}, {tahun})"),
            QStringLiteral("format_nomor"), d.nomorFormat, true)
        + input(QStringLiteral("Kode surat desa (mis. 404.604.04)"), QStringLiteral("kode_surat"), d.kodeSurat, false);
}

/// Takes the edited desa fields from a posted form.
void applyDesaForm(const QMultiMap<QString, QString> &form, DesaOffice &d)
{
    d.name = form.value(QStringLiteral("nama")).trimmed();
    d.place = form.value(QStringLiteral("tempat")).trimmed();
    d.address = form.value(QStringLiteral("alamat")).trimmed();
    d.kepalaDesa = form.value(QStringLiteral("kepala_desa")).trimmed();
    d.nomorFormat = form.value(QStringLiteral("format_nomor")).trimmed();
    d.kodeSurat = form.value(QStringLiteral("kode_surat")).trimmed();
}

} // namespace

void ConsoleServer::Impl::desaPage(ConsoleSession &s, const httplib::Request &req, httplib::Response &res, const QString &error)
{
    const QString csrf = html::csrfField(s.record.csrfToken);
    QString body = QStringLiteral("<p>Data induk desa dipakai untuk kop surat, penanda tangan dan nomor surat. Perubahan berlaku "
                                  "untuk surat berikutnya; surat yang sudah ditandatangani tidak berubah.</p>");
    int shown = 0;
    for (const DesaOffice &d : offices.all()) {
        if (!managesOffice(s, d.code))
            continue;
        ++shown;
        body += QStringLiteral("<section id=\"desa-%1\"><h2>%2 (%1)</h2><p>Kecamatan %3 (%4), camat %5</p>"
                               "<form method=\"post\" action=\"/admin/desa/%1\" class=\"aksi\">%6%7"
                               "<button type=\"submit\">Simpan perubahan</button></form></section>")
                    .arg(d.code, html::escape(d.name), html::escape(d.kecamatan), d.kecamatanCode, html::escape(d.camat), csrf,
                        desaFields(d));
    }
    if (shown == 0)
        body += QStringLiteral("<p class=\"kosong\">Belum ada desa di wilayah Anda.</p>");
    DesaOffice fresh;
    fresh.nomorFormat = kDefaultNomorFormat;
    body += QStringLiteral("<h2>Tambah desa</h2><form method=\"post\" action=\"/admin/desa\" class=\"aksi\">%1"
                           "<label>Kode desa (10 angka; 6 angka pertama adalah kode kecamatan) <input type=\"text\" name=\"kode\" "
                           "required pattern=\"[0-9]{10}\"></label>%2<button type=\"submit\">Tambah desa</button></form>")
                .arg(csrf, desaFields(fresh));

    QStringList history;
    if (const auto audit = store.auditLog(200))
        for (const AuditRecord &a : audit.value())
            if (managesOffice(s, a.subject) && history.size() < 20)
                history.append(html::cell(wib(a.at)) + html::cell(a.actor)
                    + html::cell(a.action == QLatin1String("desa.tambah") ? QStringLiteral("tambah") : QStringLiteral("ubah"))
                    + html::cell(a.subject) + html::cell(a.detail));
    body += QStringLiteral("<h2>Riwayat perubahan</h2>")
        + html::table({QStringLiteral("Waktu"), QStringLiteral("Oleh"), QStringLiteral("Tindakan"), QStringLiteral("Desa"),
                          QStringLiteral("Perubahan")},
            history, QStringLiteral("Belum ada perubahan tercatat."));
    sendPage(s, req, res, QStringLiteral("/admin/desa"), QStringLiteral("Data desa"), body, error);
}

void ConsoleServer::Impl::updateDesa(ConsoleSession &s, const QString &code, httplib::Response &res)
{
    auto desa = offices.desa(code);
    if (!desa)
        return sendError(s, res, 404, QStringLiteral("Desa %1 tidak ada di data induk.").arg(code));
    if (!managesOffice(s, code))
        return sendError(s, res, 403,
            QStringLiteral("Desa %1 bukan wilayah kecamatan Anda; datanya hanya dapat diubah oleh admin kecamatannya.").arg(code));
    applyDesaForm(s.form, *desa);
    saveDesa(s, *desa, res);
}

void ConsoleServer::Impl::addDesa(ConsoleSession &s, httplib::Response &res)
{
    const httplib::Request none;
    static const QRegularExpression desaCode(QStringLiteral("^\\d{10}$"));
    const QString code = s.form.value(QStringLiteral("kode")).trimmed();
    if (!desaCode.match(code).hasMatch())
        return desaPage(s, none, res, QStringLiteral("Kode desa harus 10 angka; 6 angka pertama adalah kode kecamatan."));
    if (const auto existing = offices.desa(code))
        return desaPage(s, none, res, QStringLiteral("Kode desa %1 sudah terdaftar untuk %2.").arg(code, existing->name));
    if (!managesOffice(s, code.left(6)))
        return sendError(s, res, 403,
            QStringLiteral("Kode desa %1 tidak berada di kecamatan Anda: 6 angka pertama kode desa harus kode kecamatan Anda.").arg(code));
    // A new desa belongs to a kecamatan already in the master data and takes over its names, camat and kecamatan letter codes.
    const auto kecamatan = offices.anyInKecamatan(code.left(6));
    if (!kecamatan)
        return desaPage(s, none, res,
            QStringLiteral("Kecamatan %1 belum ada di data induk; desa hanya dapat ditambahkan di kecamatan yang sudah terdaftar.")
                .arg(code.left(6)));
    DesaOffice desa = *kecamatan;
    desa.code = code;
    applyDesaForm(s.form, desa);
    saveDesa(s, desa, res);
}

void ConsoleServer::Impl::saveDesa(ConsoleSession &s, const DesaOffice &desa, httplib::Response &res)
{
    const auto changed = offices.save(desa, s.officer.username);
    if (!changed) {
        if (changed.error().code == ErrorCode::InvalidData)
            return desaPage(s, httplib::Request(), res, changed.error().message);
        return sendError(s, res, 500, changed.error().message);
    }
    // Field names only: the values (names of officials) stay in the audit log, out of the backend log.
    qCInfo(lcConsole).noquote() << "officer id" << s.officer.id << "saved desa" << desa.code
                                << "changed:" << (changed.value().isEmpty() ? QStringLiteral("-") : changed.value().join(QLatin1Char(',')));
    redirect(res, QStringLiteral("/admin/desa?pesan=desa"));
}

// ---------------------------------------------------------------- routes

void ConsoleServer::Impl::buildRoutes()
{
    // The first group of the route pattern: a registration number or a desa code.
    const auto captured = [](const httplib::Request &req) { return QString::fromStdString(req.matches[1].str()); };
    const auto idOf = [](const httplib::Request &req) { return QString::fromStdString(req.matches[1].str()).toLongLong(); };
    QList<Route> routes {
        {QStringLiteral("GET"), QStringLiteral("/"), {}, QStringLiteral("Kotak masuk"),
            [this](ConsoleSession &s, const httplib::Request &req, httplib::Response &res) { inbox(s, req, res); }},
        {QStringLiteral("GET"), QStringLiteral("/tanda-tangan"), kSigners, QStringLiteral("Tanda tangan massal"),
            [this](ConsoleSession &s, const httplib::Request &req, httplib::Response &res) { bulkSignPage(s, req, res); }},
        {QStringLiteral("POST"), QStringLiteral("/tanda-tangan"), kSigners, {},
            [this](ConsoleSession &s, const httplib::Request &, httplib::Response &res) { bulkSign(s, res); }},
        {QStringLiteral("GET"), QStringLiteral("/cari"), {}, QStringLiteral("Cari"),
            [this](ConsoleSession &s, const httplib::Request &req, httplib::Response &res) { search(s, req, res); }},
        {QStringLiteral("GET"), QStringLiteral("/admin/petugas"), kAdmins, QStringLiteral("Petugas"),
            [this](ConsoleSession &s, const httplib::Request &req, httplib::Response &res) { officersPage(s, req, res); }},
        {QStringLiteral("POST"), QStringLiteral("/admin/petugas"), kAdmins, {},
            [this](ConsoleSession &s, const httplib::Request &, httplib::Response &res) { addOfficer(s, res); }},
        {QStringLiteral("POST"), QStringLiteral(R"(/admin/petugas/(\d+))"), kAdmins, {},
            [this, idOf](ConsoleSession &s, const httplib::Request &req, httplib::Response &res) { updateOfficer(s, idOf(req), res); }},
        {QStringLiteral("GET"), QStringLiteral("/admin/cuti"), kAdmins, QStringLiteral("Cuti & pengganti"),
            [this](ConsoleSession &s, const httplib::Request &req, httplib::Response &res) { leavePage(s, req, res); }},
        {QStringLiteral("POST"), QStringLiteral("/admin/cuti"), kAdmins, {},
            [this](ConsoleSession &s, const httplib::Request &, httplib::Response &res) { addLeave(s, res); }},
        {QStringLiteral("POST"), QStringLiteral(R"(/admin/cuti/(\d+)/batal)"), kAdmins, {},
            [this, idOf](ConsoleSession &s, const httplib::Request &req, httplib::Response &res) { cancelLeave(s, idOf(req), res); }},
        {QStringLiteral("GET"), QStringLiteral("/admin/desa"), kAdmins, QStringLiteral("Data desa"),
            [this](ConsoleSession &s, const httplib::Request &req, httplib::Response &res) { desaPage(s, req, res); }},
        {QStringLiteral("POST"), QStringLiteral("/admin/desa"), kAdmins, {},
            [this](ConsoleSession &s, const httplib::Request &, httplib::Response &res) { addDesa(s, res); }},
        {QStringLiteral("POST"), QStringLiteral(R"(/admin/desa/(\d{10}))"), kAdmins, {},
            [this, captured](
                ConsoleSession &s, const httplib::Request &req, httplib::Response &res) { updateDesa(s, captured(req), res); }},
        {QStringLiteral("GET"), QStringLiteral(R"(/permohonan/([A-Za-z0-9-]{1,64}))"), {}, {},
            [this, captured](
                ConsoleSession &s, const httplib::Request &req, httplib::Response &res) { detail(s, captured(req), req, res); }},
        {QStringLiteral("GET"), QStringLiteral(R"(/permohonan/([A-Za-z0-9-]{1,64})/surat\.pdf)"), {}, {},
            [this, captured](ConsoleSession &s, const httplib::Request &req, httplib::Response &res) { letter(s, captured(req), res); }},
        {QStringLiteral("POST"), QStringLiteral(R"(/permohonan/([A-Za-z0-9-]{1,64})/aksi)"), {}, {},
            [this, captured](ConsoleSession &s, const httplib::Request &req, httplib::Response &res) { act(s, captured(req), res); }},
        {QStringLiteral("POST"), QStringLiteral("/keluar"), {}, {},
            [this](ConsoleSession &s, const httplib::Request &, httplib::Response &res) { logout(s, res); }},
    };
    // Pages added with addPage() follow the built-in ones in the navigation bar.
    routes.append(routeTable);
    routeTable = routes;
}

ConsoleServer::ConsoleServer(BackendStore &store, const ServiceCatalog &catalog, OfficeDirectory &offices, Workflow &workflow)
    : d(new Impl(store, catalog, offices, workflow))
{ }

ConsoleServer::~ConsoleServer()
{
    stop();
}

void ConsoleServer::addPage(const QString &path, const QString &navTitle, const QList<Role> &roles, PageRenderer render)
{
    d->routeTable.append({QStringLiteral("GET"), path, roles, navTitle,
        [this, path, navTitle, render](ConsoleSession &s, const httplib::Request &req, httplib::Response &res) {
            const ConsolePageReply reply = render(ConsolePageRequest {s.officer, s.capacities, queryOf(req)});
            if (!reply.contentType.isEmpty()) {
                res.status = reply.status;
                if (!reply.downloadName.isEmpty())
                    res.set_header(
                        "Content-Disposition", QStringLiteral("attachment; filename=\"%1\"").arg(reply.downloadName).toStdString());
                res.set_content(reply.bytes.toStdString(), reply.contentType.toStdString());
                return;
            }
            sendHtml(res, reply.status, d->render(s, path, reply.title.isEmpty() ? navTitle : reply.title, reply.bodyHtml));
        }});
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
    d->server->set_payload_max_length(kMaxFormBytes);
    d->buildRoutes();
    d->install();
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
