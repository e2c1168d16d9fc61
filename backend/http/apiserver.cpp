#include "apiserver.h"

#include "backendstore.h"
#include "complaints.h"
#include "connectionguard.h"
#include "crypto.h"
#include "documentarchive.h"
#include "documentupload.h"
#include "fleetalerts.h"
#include "kioskca.h"
#include "kioskregistry.h"
#include "requestlife.h"
#include "sealservice.h"
#include "servicecatalog.h"
#include "staffaccounts.h"
#include "workflow.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <httplib.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <optional>
#include <thread>

Q_LOGGING_CATEGORY(lcApi, "backend.api")

namespace backend {

namespace {

constexpr int kMinKeyLength = 16;
constexpr int kMaxKeyLength = 64;
constexpr int kDefaultLimit = 200;
constexpr int kMaxLimit = 500;
constexpr size_t kKeepAliveMaxRequests = 1000; // requests on one kiosk connection before it is renewed
const char *const kJson = "application/json";
const char *const kDocumentPath = R"(/api/v1/requests/([^/]+)/documents/([0-9a-f]{32}))";

/// Who is calling, from the verified client certificate and the kiosk registry.
struct Peer {
    QString kioskId; // CN
    QString desaCode; // OU, equal to the registry's desa
};

std::optional<QString> subjectEntry(X509_NAME *name, int nid)
{
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0)
        return std::nullopt;
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0)
        return std::nullopt;
    QString value = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return value;
}

std::optional<PresentedCertificate> presentedCertificate(const httplib::Request &req)
{
    // The handshake requests a client certificate but lets /enroll through without one, so
    // every other route checks here that one was presented and verified against the kiosk CA.
    // An expired one passes the handshake (acceptExpiredKioskCertificate) only to be told to re-enrol.
    if (!req.ssl)
        return std::nullopt;
    const long verified = SSL_get_verify_result(req.ssl);
    if (verified != X509_V_OK && verified != X509_V_ERR_CERT_HAS_EXPIRED)
        return std::nullopt;
    X509 *certificate = SSL_get0_peer_certificate(req.ssl);
    if (!certificate)
        return std::nullopt;
    X509_NAME *subject = X509_get_subject_name(certificate);
    const auto cn = subjectEntry(subject, NID_commonName);
    const auto ou = subjectEntry(subject, NID_organizationalUnitName);
    if (!cn || !ou || cn->isEmpty() || ou->isEmpty())
        return std::nullopt;
    const int length = i2d_X509(certificate, nullptr);
    if (length <= 0)
        return std::nullopt;
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_X509(certificate, &out);
    return PresentedCertificate {*cn, *ou, KioskCa::fingerprintOfDer(der), der, verified == X509_V_ERR_CERT_HAS_EXPIRED};
}

/// Lets a kiosk certificate that is only expired through the handshake, so the kiosk gets an answer it can
/// show ("daftar ulang dengan kode baru") instead of a TLS failure; every other fault still ends the handshake.
int acceptExpiredKioskCertificate(int ok, X509_STORE_CTX *ctx)
{
    if (!ok && X509_STORE_CTX_get_error_depth(ctx) == 0 && X509_STORE_CTX_get_error(ctx) == X509_V_ERR_CERT_HAS_EXPIRED)
        return 1;
    return ok;
}

void sendBody(httplib::Response &res, int status, const QByteArray &json)
{
    res.status = status;
    res.set_content(json.toStdString(), kJson);
}

void sendJson(httplib::Response &res, int status, const QJsonObject &body)
{
    sendBody(res, status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void sendError(httplib::Response &res, int status, const QString &code, const QString &message)
{
    sendJson(res, status, QJsonObject {{QStringLiteral("error"), code}, {QStringLiteral("message"), message}});
}

QJsonObject accepted(const RequestRecord &r)
{
    return {{QStringLiteral("registrationNumber"), r.registrationNumber}, {QStringLiteral("stage"), serverlink::stageToWire(r.stage)}};
}

QString header(const httplib::Request &req, const char *name)
{
    return QString::fromStdString(req.get_header_value(name));
}

std::optional<qint64> queryInteger(const httplib::Request &req, const char *name, qint64 fallback, qint64 min, qint64 max)
{
    if (!req.has_param(name))
        return fallback;
    bool ok = false;
    const qint64 value = QString::fromStdString(req.get_param_value(name)).toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

bool isDigits(const QString &s)
{
    return std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); });
}

} // namespace

struct ApiServer::Impl {
    BackendStore &store;
    const ServiceCatalog &catalog;
    Workflow &workflow;
    SealService *seals;
    std::unique_ptr<KioskRegistry> registry;
    std::unique_ptr<httplib::SSLServer> server;
    std::thread thread;
    ExchangeObserver observer;
    RequestLife life;
    DocumentArchive *documents = nullptr;
    FleetAlertPolicy fleetPolicy;
    ConnectionLimits limits {};
    std::unique_ptr<ConnectionGuard> guard {}; // outlives the server's threads: ~ApiServer stops them first

    void routes();
    void observe(const httplib::Request &req, const httplib::Response &res) const;
    /// Wraps a handler so it only runs for the current certificate of a registered, active kiosk.
    /// `allowExpired`: an expired but current certificate gets through too (the heartbeat reports it to the fleet).
    template<typename Handler> httplib::Server::Handler withPeer(Handler handler, bool allowExpired = false);
    void postEnroll(const httplib::Request &req, httplib::Response &res) const;
    /// POST /renew: a new certificate for the calling kiosk's new key (docs/decisions/0025-certificate-renewal.md).
    void postRenew(const httplib::Request &req, httplib::Response &res) const;
    void getCatalog(const httplib::Request &req, httplib::Response &res) const;
    void getSignedList(bool trustList, const httplib::Request &req, httplib::Response &res) const;
    void getStaffCredentials(const Peer &peer, const httplib::Request &req, httplib::Response &res) const;
    void postRequest(const Peer &peer, const httplib::Request &req, httplib::Response &res) const;
    void postSurvey(const Peer &peer, const httplib::Request &req, httplib::Response &res) const;
    void postComplaint(const Peer &peer, const httplib::Request &req, httplib::Response &res) const;
    void getComplaint(const Peer &peer, const QString &number, const httplib::Request &req, httplib::Response &res) const;
    void getChanges(const Peer &peer, const httplib::Request &req, httplib::Response &res) const;
    void getLetter(const Peer &peer, const QString &registrationNumber, httplib::Response &res) const;
    void postHandover(const Peer &peer, const QString &registrationNumber, const httplib::Request &req, httplib::Response &res) const;
    void postHeartbeat(const Peer &peer, const httplib::Request &req, httplib::Response &res) const;
    void postDeskEvents(const Peer &peer, const httplib::Request &req, httplib::Response &res) const;
    /// POST /alerts/{id}/acknowledge: a technician on the kiosk handled one of its own fleet alerts.
    void postAlertAcknowledge(const Peer &peer, qint64 alertId, const httplib::Request &req, httplib::Response &res) const;
    void getRequestView(const Peer &peer, const QString &registrationNumber, const httplib::Request &req, httplib::Response &res);
    void getTicket(const Peer &peer, const httplib::Request &req, httplib::Response &res);
    void postRevision(const Peer &peer, const QString &registrationNumber, const httplib::Request &req, httplib::Response &res);
    void postCancel(const Peer &peer, const QString &registrationNumber, const httplib::Request &req, httplib::Response &res);
    /// Resumable page upload: one chunk at the offset held (docs/decisions/0016-document-upload.md).
    void putDocument(const Peer &peer, const QString &registrationNumber, const QString &pageId, const httplib::Request &req,
        httplib::Response &res) const;
    /// How much of a page the backend holds (GET, and HEAD without the body).
    void getDocumentState(const Peer &peer, const QString &registrationNumber, const QString &pageId, const httplib::Request &req,
        httplib::Response &res) const;
};

template<typename Handler> httplib::Server::Handler ApiServer::Impl::withPeer(Handler handler, bool allowExpired)
{
    return [this, handler, allowExpired](const httplib::Request &req, httplib::Response &res) {
        const auto presented = presentedCertificate(req);
        if (!presented) {
            sendError(res, 403, QStringLiteral("client_certificate_required"),
                QStringLiteral("Sertifikat anjungan wajib untuk alamat ini. Daftarkan anjungan dengan 'kioskctl enroll --code KODE'."));
            return;
        }
        const auto kiosk
            = registry->authenticate(presented->kioskId, presented->desaCode, presented->fingerprint, presented->expired && !allowExpired);
        if (!kiosk) {
            qCWarning(lcApi).noquote() << "refused kiosk" << presented->kioskId << req.method.c_str() << req.path.c_str() << "("
                                       << kiosk.error().errorCode << ")";
            sendError(res, kiosk.error().httpStatus, kiosk.error().errorCode, kiosk.error().message);
            return;
        }
        handler(Peer {kiosk.value().kioskId, kiosk.value().desaCode}, req, res);
    };
}

void ApiServer::Impl::routes()
{
    server->Post("/api/v1/enroll", [this](const httplib::Request &req, httplib::Response &res) { postEnroll(req, res); });
    server->Post("/api/v1/renew", [this](const httplib::Request &req, httplib::Response &res) { postRenew(req, res); });
    server->Get(
        "/api/v1/catalog", withPeer([this](const Peer &, const httplib::Request &req, httplib::Response &res) { getCatalog(req, res); }));
    server->Get("/api/v1/trust-list",
        withPeer([this](const Peer &, const httplib::Request &req, httplib::Response &res) { getSignedList(true, req, res); }));
    server->Get("/api/v1/revocations",
        withPeer([this](const Peer &, const httplib::Request &req, httplib::Response &res) { getSignedList(false, req, res); }));
    server->Get("/api/v1/staff-credentials",
        withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) { getStaffCredentials(peer, req, res); }));
    server->Post("/api/v1/requests",
        withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) { postRequest(peer, req, res); }));
    server->Post("/api/v1/surveys",
        withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) { postSurvey(peer, req, res); }));
    server->Post("/api/v1/complaints",
        withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) { postComplaint(peer, req, res); }));
    server->Get(R"(/api/v1/complaints/([^/]+))", withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) {
        getComplaint(peer, QString::fromStdString(req.matches[1].str()), req, res);
    }));
    server->Get("/api/v1/changes",
        withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) { getChanges(peer, req, res); }));
    server->Get(R"(/api/v1/letters/([^/]+))", withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) {
        getLetter(peer, QString::fromStdString(req.matches[1].str()), res);
    }));
    server->Post(
        R"(/api/v1/requests/([^/]+)/handover)", withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) {
            postHandover(peer, QString::fromStdString(req.matches[1].str()), req, res);
        }));
    server->Get(R"(/api/v1/requests/([^/]+))", withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) {
        getRequestView(peer, QString::fromStdString(req.matches[1].str()), req, res);
    }));
    server->Get("/api/v1/ticket",
        withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) { getTicket(peer, req, res); }));
    server->Post(
        R"(/api/v1/requests/([^/]+)/revisions)", withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) {
            postRevision(peer, QString::fromStdString(req.matches[1].str()), req, res);
        }));
    server->Post(
        R"(/api/v1/requests/([^/]+)/cancel)", withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) {
            postCancel(peer, QString::fromStdString(req.matches[1].str()), req, res);
        }));
    server->Post("/api/v1/heartbeat",
        withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) { postHeartbeat(peer, req, res); }, true));
    server->Post(R"(/api/v1/alerts/([0-9]{1,18})/acknowledge)",
        withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) {
            postAlertAcknowledge(peer, QString::fromStdString(req.matches[1].str()).toLongLong(), req, res);
        }));
    server->Post("/api/v1/desk-events",
        withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) { postDeskEvents(peer, req, res); }));
    server->Put(kDocumentPath, withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) {
        putDocument(peer, QString::fromStdString(req.matches[1].str()), QString::fromStdString(req.matches[2].str()), req, res);
    }));
    // cpp-httplib answers HEAD with the GET handler, without the body.
    server->Get(kDocumentPath, withPeer([this](const Peer &peer, const httplib::Request &req, httplib::Response &res) {
        getDocumentState(peer, QString::fromStdString(req.matches[1].str()), QString::fromStdString(req.matches[2].str()), req, res);
    }));
    server->set_error_handler([](const httplib::Request &, httplib::Response &res) {
        if (!res.body.empty())
            return;
        if (res.status == 413)
            sendError(res, 413, QStringLiteral("payload_too_large"),
                QStringLiteral("Isi permintaan lebih dari %1 byte.").arg(serverlink::kMaxBodyBytes));
        else if (res.status == 404)
            sendError(res, 404, QStringLiteral("not_found"), QStringLiteral("Alamat tidak dikenal."));
        else
            sendError(res, res.status, QStringLiteral("http_%1").arg(res.status), QStringLiteral("Permintaan gagal."));
    });
    server->set_exception_handler([](const httplib::Request &req, httplib::Response &res, std::exception_ptr) {
        qCWarning(lcApi) << "internal error on" << req.method.c_str() << req.path.c_str();
        sendError(res, 500, QStringLiteral("internal"), QStringLiteral("Kesalahan internal server."));
    });
}

void ApiServer::Impl::postEnroll(const httplib::Request &req, httplib::Response &res) const
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(req.body));
    const QJsonObject body = doc.object();
    const QJsonValue code = body.value(QStringLiteral("code"));
    const QJsonValue csr = body.value(QStringLiteral("csr"));
    if (!doc.isObject() || !code.isString() || !csr.isString())
        return sendError(res, 400, QStringLiteral("invalid_body"), QStringLiteral("Isi harus JSON {\"code\": \"...\", \"csr\": \"PEM\"}."));
    const auto issued = registry->enroll(code.toString(), csr.toString().toUtf8());
    if (!issued) {
        qCWarning(lcApi).noquote() << "enrollment refused:" << issued.error().errorCode;
        return sendError(res, issued.error().httpStatus, issued.error().errorCode, issued.error().message);
    }
    const KioskCertificate &c = issued.value();
    qCInfo(lcApi).noquote() << "enrolled kiosk" << c.kioskId << "of desa" << c.desaCode << "serial" << c.serialHex;
    sendJson(res, 201,
        {{QStringLiteral("kioskId"), c.kioskId}, {QStringLiteral("desaCode"), c.desaCode},
            {QStringLiteral("certificate"), QString::fromLatin1(c.pem)}, {QStringLiteral("serial"), c.serialHex},
            {QStringLiteral("notAfter"), c.notAfter.toString(Qt::ISODate)}});
}

void ApiServer::Impl::postRenew(const httplib::Request &req, httplib::Response &res) const
{
    const auto presented = presentedCertificate(req);
    if (!presented)
        return sendError(res, 403, QStringLiteral("client_certificate_required"),
            QStringLiteral("Pembaruan sertifikat memerlukan sertifikat anjungan yang masih berlaku."));
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(req.body));
    const QJsonValue csr = doc.object().value(QStringLiteral("csr"));
    if (!doc.isObject() || !csr.isString())
        return sendError(res, 400, QStringLiteral("invalid_body"), QStringLiteral("Isi harus JSON {\"csr\": \"PEM\"}."));
    const auto renewed = registry->renew(*presented, csr.toString().toUtf8());
    if (!renewed) {
        qCWarning(lcApi).noquote() << "renewal refused for" << presented->kioskId << ":" << renewed.error().errorCode;
        return sendError(res, renewed.error().httpStatus, renewed.error().errorCode, renewed.error().message);
    }
    const KioskCertificate &c = renewed.value().certificate;
    qCInfo(lcApi).noquote() << (renewed.value().replayed ? "renewal answered again for" : "renewed certificate of") << c.kioskId << "serial"
                            << c.serialHex;
    sendJson(res, renewed.value().replayed ? 200 : 201,
        {{QStringLiteral("kioskId"), c.kioskId}, {QStringLiteral("desaCode"), c.desaCode},
            {QStringLiteral("certificate"), QString::fromLatin1(c.pem)}, {QStringLiteral("serial"), c.serialHex},
            {QStringLiteral("notAfter"), c.notAfter.toString(Qt::ISODate)}});
}

void ApiServer::Impl::observe(const httplib::Request &req, const httplib::Response &res) const
{
    const auto pairsOf = [](const auto &all) {
        QList<QPair<QString, QString>> pairs;
        for (const auto &[name, value] : all)
            pairs.append({QString::fromStdString(name), QString::fromStdString(value)});
        return pairs;
    };
    observer(ApiExchange {QString::fromStdString(req.method), QString::fromStdString(req.path), pairsOf(req.params), pairsOf(req.headers),
        QByteArray::fromStdString(req.body), res.status, pairsOf(res.headers), QByteArray::fromStdString(res.body)});
}

void ApiServer::Impl::getCatalog(const httplib::Request &req, httplib::Response &res) const
{
    res.set_header("ETag", catalog.etag().toStdString());
    if (etagMatches(header(req, "If-None-Match"), catalog.etag())) {
        res.status = 304;
        return;
    }
    res.status = 200;
    res.set_content(catalog.bytes().toStdString(), kJson);
}

void ApiServer::Impl::getSignedList(bool trustList, const httplib::Request &req, httplib::Response &res) const
{
    if (!seals)
        return sendError(res, 404, QStringLiteral("not_found"), QStringLiteral("Server ini tidak menerbitkan segel surat."));
    const auto list = trustList ? seals->trustList() : seals->revocationList();
    if (!list) {
        qCWarning(lcApi).noquote() << "signed list:" << list.error().message;
        return sendError(res, 500, QStringLiteral("internal"), QStringLiteral("Daftar bertanda tangan tidak dapat dibuat."));
    }
    const QString etag = listEtag(list.value());
    res.set_header("ETag", etag.toStdString());
    res.set_header("Cache-Control", "no-cache");
    if (etagMatches(header(req, "If-None-Match"), etag)) {
        res.status = 304;
        return;
    }
    res.status = 200;
    res.set_content(list.value().envelope.toStdString(), kJson);
}

void ApiServer::Impl::getStaffCredentials(const Peer &peer, const httplib::Request &req, httplib::Response &res) const
{
    const auto credentials = staffCredentials(store, peer.desaCode);
    if (!credentials) {
        qCWarning(lcApi).noquote() << "staff credentials:" << credentials.error().message;
        return sendError(res, 500, QStringLiteral("internal"), QStringLiteral("Daftar petugas tidak dapat dibaca."));
    }
    const QByteArray body = credentials.value().toJson();
    const QString etag = QStringLiteral("\"%1\"").arg(QString::fromLatin1(serverlink::crypto::sha256(body).toHex()));
    res.set_header("ETag", etag.toStdString());
    res.set_header("Cache-Control", "no-store");
    for (const QString &tag : header(req, "If-None-Match").split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (tag.trimmed() == etag) {
            res.status = 304;
            return;
        }
    }
    res.status = 200;
    res.set_content(body.toStdString(), kJson);
}

void ApiServer::Impl::postRequest(const Peer &peer, const httplib::Request &req, httplib::Response &res) const
{
    const QString key = header(req, "Idempotency-Key");
    if (key.size() < kMinKeyLength || key.size() > kMaxKeyLength)
        return sendError(res, 400, QStringLiteral("idempotency_key"),
            QStringLiteral("Header Idempotency-Key wajib, %1–%2 karakter.").arg(kMinKeyLength).arg(kMaxKeyLength));
    if (req.body.size() > std::size_t(serverlink::kMaxBodyBytes))
        return sendError(res, 413, QStringLiteral("payload_too_large"),
            QStringLiteral("Isi permintaan lebih dari %1 byte.").arg(serverlink::kMaxBodyBytes));
    const QByteArray body = QByteArray::fromStdString(req.body);
    QString why;
    const auto submit = serverlink::SubmitRequest::fromJson(body, &why);
    if (!submit)
        return sendError(res, 400, QStringLiteral("invalid_body"), why);
    if (!isDigits(submit->nik))
        return sendError(res, 400, QStringLiteral("invalid_nik"), QStringLiteral("NIK harus 16 angka."));
    if (!lifecycle::isValidRegistrationNumber(submit->registrationNumber))
        return sendError(res, 400, QStringLiteral("invalid_registration_number"),
            QStringLiteral("Nomor registrasi hanya boleh berisi huruf, angka dan '-' (maksimal 64)."));
    const auto service = catalog.service(submit->serviceCode);
    if (!service)
        return sendError(
            res, 400, QStringLiteral("unknown_service"), QStringLiteral("Layanan '%1' tidak ada di katalog.").arg(submit->serviceCode));

    const NewRequest request {
        peer.kioskId, peer.desaCode, key, QString::fromLatin1(serverlink::crypto::sha256(body).toHex()), service->level, *submit};
    const auto stored = store.insertRequest(request);
    if (!stored) {
        switch (stored.error().code) {
        case ErrorCode::IdempotencyConflict:
            return sendError(res, 409, QStringLiteral("idempotency_conflict"), stored.error().message);
        case ErrorCode::RegistrationTaken:
            return sendError(res, 409, QStringLiteral("registration_taken"), stored.error().message);
        case ErrorCode::InvalidData:
            return sendError(res, 422, QStringLiteral("invalid_documents"), stored.error().message);
        default:
            qCWarning(lcApi) << "storing" << submit->registrationNumber << "failed:" << stored.error().message;
            return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Permohonan belum dapat disimpan."));
        }
    }
    const bool created = stored.value().outcome == InsertOutcome::Created;
    qCInfo(lcApi).noquote() << (created ? "stored" : "replayed") << submit->registrationNumber << "from" << peer.kioskId;
    sendJson(res, created ? 201 : 200, accepted(stored.value().record));
}

void ApiServer::Impl::postSurvey(const Peer &peer, const httplib::Request &req, httplib::Response &res) const
{
    QString why;
    const auto survey = serverlink::SurveyResponse::fromJson(QByteArray::fromStdString(req.body), &why);
    if (!survey)
        return sendError(res, 400, QStringLiteral("invalid_body"), why);
    const auto stored = store.insertSurvey(peer.kioskId, peer.desaCode, *survey);
    if (!stored) {
        qCWarning(lcApi) << "storing a survey from" << peer.kioskId << "failed:" << stored.error().message;
        return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Survei belum dapat disimpan."));
    }
    QJsonObject o;
    o.insert(QStringLiteral("id"), survey->id);
    sendJson(res, stored.value() ? 201 : 200, o);
}

void ApiServer::Impl::postComplaint(const Peer &peer, const httplib::Request &req, httplib::Response &res) const
{
    QString why;
    const QByteArray body = QByteArray::fromStdString(req.body);
    const auto complaint = serverlink::ComplaintBody::fromJson(body, &why);
    if (!complaint)
        return sendError(res, 400, QStringLiteral("invalid_body"), why);
    if (header(req, "Idempotency-Key") != complaint->id)
        return sendError(
            res, 400, QStringLiteral("idempotency_key"), QStringLiteral("Header Idempotency-Key harus sama dengan id pengaduan."));
    Complaints complaints(store, workflow.offices());
    const auto stored = complaints.file(peer.kioskId, peer.desaCode, body, *complaint);
    if (!stored) {
        switch (stored.error().code) {
        case ErrorCode::IdempotencyConflict:
            return sendError(res, 409, QStringLiteral("idempotency_conflict"), stored.error().message);
        case ErrorCode::RegistrationTaken:
            return sendError(res, 409, QStringLiteral("number_taken"), stored.error().message);
        default:
            qCWarning(lcApi) << "storing a complaint from" << peer.kioskId << "failed:" << stored.error().message;
            return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Pengaduan belum dapat disimpan."));
        }
    }
    const bool created = stored.value().first == InsertOutcome::Created;
    qCInfo(lcApi).noquote() << (created ? "stored complaint" : "replayed complaint") << complaint->number << "from" << peer.kioskId;
    QJsonObject o;
    o.insert(QStringLiteral("number"), stored.value().second.number);
    o.insert(QStringLiteral("status"), serverlink::complaintStatusToWire(stored.value().second.status));
    sendJson(res, created ? 201 : 200, o);
}

void ApiServer::Impl::getComplaint(const Peer &peer, const QString &number, const httplib::Request &req, httplib::Response &res) const
{
    Complaints complaints(store, workflow.offices());
    // The slip's token travels in a header, never in the URL (URLs end up in logs).
    const auto view = complaints.view(peer.desaCode, number, header(req, "X-Complaint-Token"));
    if (!view) {
        switch (view.error().code) {
        case ErrorCode::NotFound:
            return sendError(res, 404, QStringLiteral("not_found"), view.error().message);
        case ErrorCode::Forbidden:
            return sendError(res, 403, QStringLiteral("other_kecamatan"), view.error().message);
        default:
            qCWarning(lcApi) << "reading complaint" << number << "failed:" << view.error().message;
            return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Pengaduan belum dapat dibaca."));
        }
    }
    res.set_header("Cache-Control", "no-store");
    sendBody(res, 200, view.value().toJson());
}

void ApiServer::Impl::getChanges(const Peer &peer, const httplib::Request &req, httplib::Response &res) const
{
    const auto cursor = queryInteger(req, "cursor", 0, 0, std::numeric_limits<qint64>::max());
    const auto limit = queryInteger(req, "limit", kDefaultLimit, 1, kMaxLimit);
    if (!cursor || !limit)
        return sendError(res, 400, QStringLiteral("invalid_query"), QStringLiteral("cursor harus ≥ 0 dan limit 1–%1.").arg(kMaxLimit));
    const auto changes = store.changes(peer.desaCode, *cursor, int(*limit));
    if (!changes) {
        qCWarning(lcApi) << "changes for" << peer.kioskId << "failed:" << changes.error().message;
        return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Perubahan belum dapat dibaca."));
    }
    serverlink::ChangesPage page;
    page.cursor = *cursor;
    page.changes = changes.value();
    if (!page.changes.isEmpty())
        page.cursor = page.changes.constLast().sequence;
    sendBody(res, 200, page.toJson());
}

void ApiServer::Impl::getLetter(const Peer &peer, const QString &registrationNumber, httplib::Response &res) const
{
    const auto record = store.request(registrationNumber);
    if (!record || record.value().desaCode != peer.desaCode || record.value().letterPath.isEmpty())
        return sendError(res, 404, QStringLiteral("not_found"), QStringLiteral("Belum ada surat bertanda tangan untuk permohonan ini."));
    QFile file(record.value().letterPath);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcApi) << "letter of" << registrationNumber << "unreadable:" << file.errorString();
        return sendError(res, 500, QStringLiteral("letter_missing"), QStringLiteral("Berkas surat tidak dapat dibaca."));
    }
    const QByteArray pdf = file.readAll();
    const QString sha = QString::fromLatin1(serverlink::crypto::sha256(pdf).toHex());
    if (sha != record.value().letterSha256) {
        qCWarning(lcApi) << "letter of" << registrationNumber << "does not match its recorded SHA-256";
        return sendError(res, 500, QStringLiteral("letter_corrupt"), QStringLiteral("Berkas surat rusak."));
    }
    res.status = 200;
    res.set_header("X-Content-SHA256", sha.toStdString());
    res.set_content(pdf.toStdString(), "application/pdf");
}

void ApiServer::Impl::postHandover(
    const Peer &peer, const QString &registrationNumber, const httplib::Request &req, httplib::Response &res) const
{
    // An empty body is a kiosk from before #12: still accepted, with no actor or collector.
    std::optional<serverlink::HandoverBody> handover;
    if (!req.body.empty()) {
        QString why;
        bool notAnObject = false;
        handover = serverlink::HandoverBody::fromJson(QByteArray::fromStdString(req.body), &why, &notAnObject);
        if (!handover)
            return sendError(
                res, notAnObject ? 400 : 422, notAnObject ? QStringLiteral("invalid_body") : QStringLiteral("invalid_handover"), why);
    }
    const auto done = workflow.handOver(registrationNumber, peer.desaCode, peer.kioskId, handover);
    if (done) {
        qCInfo(lcApi).noquote() << "handed over" << registrationNumber << "by" << peer.kioskId;
        return sendJson(res, 200, accepted(done.value()));
    }
    switch (done.error().code) {
    case ErrorCode::NotFound:
        return sendError(res, 404, QStringLiteral("not_found"), done.error().message);
    case ErrorCode::TransitionNotAllowed:
        return sendError(res, 409, QStringLiteral("not_ready"), done.error().message);
    case ErrorCode::InvalidData:
        return sendError(res, 422, QStringLiteral("collector_mismatch"), done.error().message);
    default:
        qCWarning(lcApi) << "handover of" << registrationNumber << "failed:" << done.error().message;
        return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Penyerahan belum dapat dicatat."));
    }
}

void ApiServer::Impl::postHeartbeat(const Peer &peer, const httplib::Request &req, httplib::Response &res) const
{
    QString why;
    const auto beat = serverlink::Heartbeat::fromJson(QByteArray::fromStdString(req.body), &why);
    if (!beat)
        return sendError(res, 400, QStringLiteral("invalid_body"), why);
    KioskHeartbeat h;
    h.kioskId = peer.kioskId;
    h.desaCode = peer.desaCode;
    h.lastSeen = QDateTime::currentDateTimeUtc();
    h.sentAt = beat->sentAt;
    h.version = beat->appVersion;
    h.imageVersion = beat->imageVersion;
    h.printerState = serverlink::healthStateToWire(beat->devices.printer);
    h.paperState = serverlink::healthStateToWire(beat->devices.paper);
    h.scannerState = serverlink::healthStateToWire(beat->devices.scanner);
    h.letterPrinterState = serverlink::healthStateToWire(beat->devices.letterPrinter);
    h.outboxDepth = beat->outboxDepth;
    h.parkedCount = beat->parkedCount;
    h.freeDiskMb = beat->freeDiskMb;
    h.scanners = beat->devices.scanners;
    h.printers = beat->devices.printers;
    h.certNotAfter = beat->certificateNotAfter;
    h.clockSkewSeconds = beat->clockSkewSeconds;
    // A kiosk from before #15 does not report its certificate: the registry knows the one it presented.
    if (!h.certNotAfter.isValid())
        if (const auto registered = store.kiosk(peer.kioskId); registered && registered.value())
            h.certNotAfter = registered.value()->certNotAfter;
    const auto previous = store.latestHeartbeat(peer.kioskId);
    h.outboxStalledSince = fleetalerts::outboxStalledSince(previous ? previous.value() : std::nullopt, h.outboxDepth, h.lastSeen);
    h.certificateState = beat->certificateState;
    if (const auto stored = store.recordHeartbeat(h); !stored) {
        qCWarning(lcApi) << "heartbeat from" << peer.kioskId << "not stored:" << stored.error().message;
        return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Heartbeat belum dapat disimpan."));
    }
    // The heartbeat is kept either way; an alert that could not be written is tried again with the next one.
    FleetAlerts alerts(store, fleetPolicy);
    if (const auto checked = alerts.onHeartbeat(h, h.lastSeen); !checked)
        qCWarning(lcApi) << "alerts of" << peer.kioskId << "not checked:" << checked.error().message;
    serverlink::HeartbeatAnswer answer;
    answer.receivedAt = h.lastSeen;
    // Its technician panel lists them; without the list the kiosk keeps the ones it had.
    if (const auto open = alerts.openAlertsOf(peer.kioskId))
        answer.alerts = open.value().mid(0, serverlink::HeartbeatAnswer::kMaxAlerts);
    else
        qCWarning(lcApi) << "open alerts of" << peer.kioskId << "not read:" << open.error().message;
    sendBody(res, 200, answer.toJson());
}

void ApiServer::Impl::postAlertAcknowledge(const Peer &peer, qint64 alertId, const httplib::Request &req, httplib::Response &res) const
{
    QString why;
    const auto ack = serverlink::AlertAcknowledgement::fromJson(QByteArray::fromStdString(req.body), &why);
    if (!ack)
        return sendError(res, 400, QStringLiteral("invalid_body"), why);
    const auto done = FleetAlerts(store, fleetPolicy).acknowledgeFromKiosk(peer.kioskId, alertId, ack->technician, ack->acknowledgedAt);
    if (!done) {
        if (done.error().code == ErrorCode::NotFound)
            return sendError(res, 404, QStringLiteral("not_found"), done.error().message);
        if (done.error().code == ErrorCode::Forbidden)
            return sendError(res, 403, QStringLiteral("not_this_kiosk"), done.error().message);
        qCWarning(lcApi) << "acknowledgement of alert" << alertId << "failed:" << done.error().message;
        return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Peringatan belum dapat dicatat selesai ditangani."));
    }
    if (done.value())
        qCInfo(lcApi).noquote() << "alert" << alertId << "acknowledged on kiosk" << peer.kioskId << "by technician" << ack->technician;
    const auto alert = store.kioskAlert(alertId);
    const bool known = alert && alert.value();
    sendJson(res, 200,
        {{QStringLiteral("id"), alertId}, {QStringLiteral("alreadyAcknowledged"), !done.value()},
            {QStringLiteral("acknowledgedBy"), known ? alert.value()->acknowledgedBy : QString()},
            {QStringLiteral("acknowledgedAt"), known ? alert.value()->acknowledgedAt.toUTC().toString(Qt::ISODate) : QString()}});
}

void ApiServer::Impl::postDeskEvents(const Peer &peer, const httplib::Request &req, httplib::Response &res) const
{
    QString why;
    const auto batch = serverlink::DeskEventBatch::fromJson(QByteArray::fromStdString(req.body), &why);
    if (!batch)
        return sendError(res, 400, QStringLiteral("invalid_body"), QStringLiteral("Catatan meja layanan tidak sah: %1").arg(why));
    // The desa is the certificate's: a kiosk can only ever write its own desa's journal.
    const auto stored = store.insertDeskEvents(peer.kioskId, peer.desaCode, batch->events);
    if (!stored) {
        qCWarning(lcApi) << "desk events from" << peer.kioskId << "not stored:" << stored.error().message;
        return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Catatan meja layanan belum dapat disimpan."));
    }
    qCInfo(lcApi).noquote() << "desk events from" << peer.kioskId << ":" << stored.value() << "new of" << batch->events.size();
    sendJson(res, 200, {{QStringLiteral("received"), int(batch->events.size())}, {QStringLiteral("stored"), stored.value()}});
}

void ApiServer::Impl::getRequestView(
    const Peer &peer, const QString &registrationNumber, const httplib::Request &req, httplib::Response &res)
{
    const auto view = life.view(
        KioskCaller {peer.kioskId, peer.desaCode}, registrationNumber, header(req, "X-Status-Token"), header(req, "X-Applicant-NIK"));
    res.set_header("Cache-Control", "no-store");
    if (view)
        return sendBody(res, 200, view.value().toJson());
    if (view.error().code == ErrorCode::NotFound)
        return sendError(res, 404, QStringLiteral("not_found"), view.error().message);
    qCWarning(lcApi) << "look-up of" << registrationNumber << "failed:" << view.error().message;
    sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Permohonan belum dapat dibaca."));
}

void ApiServer::Impl::getTicket(const Peer &peer, const httplib::Request &req, httplib::Response &res)
{
    const auto view = life.viewByToken(KioskCaller {peer.kioskId, peer.desaCode}, header(req, "X-Status-Token"));
    res.set_header("Cache-Control", "no-store");
    if (view)
        return sendBody(res, 200, view.value().toJson());
    if (view.error().code == ErrorCode::NotFound)
        return sendError(res, 404, QStringLiteral("not_found"), view.error().message);
    qCWarning(lcApi) << "ticket look-up failed:" << view.error().message;
    sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Permohonan belum dapat dibaca."));
}

namespace {

/// The status and error word of a refused revision or cancellation.
void sendLifeError(httplib::Response &res, const Error &error, const QString &what)
{
    switch (error.code) {
    case ErrorCode::NotFound:
        return sendError(res, 404, QStringLiteral("not_found"), error.message);
    case ErrorCode::Forbidden:
        return sendError(res, 403, QStringLiteral("proof_refused"), error.message);
    case ErrorCode::TransitionNotAllowed:
        return sendError(res, 409, QStringLiteral("wrong_stage"), error.message);
    case ErrorCode::VersionConflict:
        return sendError(res, 409, QStringLiteral("stale_version"), error.message);
    case ErrorCode::IdempotencyConflict:
        return sendError(res, 409, QStringLiteral("idempotency_conflict"), error.message);
    case ErrorCode::InvalidData:
        return sendError(res, 400, QStringLiteral("invalid_body"), error.message);
    default:
        qCWarning(lcApi).noquote() << what << "failed:" << error.message;
        return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Permintaan belum dapat disimpan."));
    }
}

} // namespace

void ApiServer::Impl::postRevision(const Peer &peer, const QString &registrationNumber, const httplib::Request &req, httplib::Response &res)
{
    const QString key = header(req, "Idempotency-Key");
    if (key.size() < kMinKeyLength || key.size() > kMaxKeyLength)
        return sendError(res, 400, QStringLiteral("idempotency_key"),
            QStringLiteral("Header Idempotency-Key wajib, %1–%2 karakter.").arg(kMinKeyLength).arg(kMaxKeyLength));
    const QByteArray body = QByteArray::fromStdString(req.body);
    QString why;
    const auto revision = serverlink::RequestRevision::fromJson(body, &why);
    if (!revision)
        return sendError(res, body.size() > serverlink::kMaxBodyBytes ? 413 : 400,
            body.size() > serverlink::kMaxBodyBytes ? QStringLiteral("payload_too_large") : QStringLiteral("invalid_body"), why);
    if (revision->registrationNumber != registrationNumber)
        return sendError(res, 400, QStringLiteral("invalid_body"), QStringLiteral("Nomor registrasi di isi tidak sama dengan alamat."));
    const auto stored = life.revise(
        KioskCaller {peer.kioskId, peer.desaCode}, key, QString::fromLatin1(serverlink::crypto::sha256(body).toHex()), *revision);
    if (!stored)
        return sendLifeError(res, stored.error(), QStringLiteral("revision of ") + registrationNumber);
    const bool created = stored.value().outcome == InsertOutcome::Created;
    qCInfo(lcApi).noquote() << (created ? "revised" : "replayed revision of") << registrationNumber << "from" << peer.kioskId;
    sendJson(res, created ? 201 : 200, accepted(stored.value().record));
}

void ApiServer::Impl::postCancel(const Peer &peer, const QString &registrationNumber, const httplib::Request &req, httplib::Response &res)
{
    const QString key = header(req, "Idempotency-Key");
    if (key.size() < kMinKeyLength || key.size() > kMaxKeyLength)
        return sendError(res, 400, QStringLiteral("idempotency_key"),
            QStringLiteral("Header Idempotency-Key wajib, %1–%2 karakter.").arg(kMinKeyLength).arg(kMaxKeyLength));
    QString why;
    const auto cancel = serverlink::CancelBody::fromJson(QByteArray::fromStdString(req.body), &why);
    if (!cancel)
        return sendError(res, 400, QStringLiteral("invalid_body"), why);
    if (cancel->registrationNumber != registrationNumber)
        return sendError(res, 400, QStringLiteral("invalid_body"), QStringLiteral("Nomor registrasi di isi tidak sama dengan alamat."));
    // Cancelling twice is harmless (already cancelled: 200), so the key needs no table of its own.
    const auto done = life.cancel(KioskCaller {peer.kioskId, peer.desaCode}, *cancel);
    if (!done)
        return sendLifeError(res, done.error(), QStringLiteral("cancelling ") + registrationNumber);
    qCInfo(lcApi).noquote() << "cancelled" << registrationNumber << "from" << peer.kioskId;
    sendJson(res, 200, accepted(done.value()));
}

namespace {
void sendUploadState(httplib::Response &res, int status, const serverlink::UploadState &state)
{
    res.set_header(serverlink::kUploadOffsetHeader, std::to_string(state.offset));
    res.set_header("Cache-Control", "no-store");
    sendBody(res, status, state.toJson());
}

void sendUploadError(httplib::Response &res, int status, const QString &code, const QString &message, qint64 offset)
{
    res.set_header(serverlink::kUploadOffsetHeader, std::to_string(offset));
    res.set_header("Cache-Control", "no-store");
    sendJson(res, status, {{QStringLiteral("error"), code}, {QStringLiteral("message"), message}, {QStringLiteral("offset"), offset}});
}
} // namespace

void ApiServer::Impl::putDocument(
    const Peer &peer, const QString &registrationNumber, const QString &pageId, const httplib::Request &req, httplib::Response &res) const
{
    if (!documents)
        return sendError(res, 404, QStringLiteral("not_found"), QStringLiteral("Server ini tidak menerima halaman dokumen."));
    // Each chunk must say its length up front: a chunked body could only be checked after it was read.
    if (QByteArray::fromStdString(req.get_header_value("Transfer-Encoding")).toLower().contains("chunked"))
        return sendError(res, 411, QStringLiteral("length_required"),
            QStringLiteral("Potongan dokumen dikirim dengan Content-Length, tanpa Transfer-Encoding: chunked."));
    if (!req.has_header("Content-Length"))
        return sendError(res, 411, QStringLiteral("length_required"), QStringLiteral("Header Content-Length wajib."));
    if (req.body.size() > std::size_t(serverlink::kMaxChunkBytes))
        return sendError(res, 413, QStringLiteral("payload_too_large"),
            QStringLiteral("Potongan dokumen lebih dari %1 byte.").arg(serverlink::kMaxChunkBytes));
    if (QByteArray::fromStdString(req.get_header_value("Content-Type")) != "application/octet-stream")
        return sendError(
            res, 415, QStringLiteral("unsupported_media_type"), QStringLiteral("Potongan dokumen harus application/octet-stream."));
    const auto range = serverlink::ContentRange::parse(QByteArray::fromStdString(req.get_header_value("Content-Range")));
    if (!range || range->length() != qint64(req.body.size()))
        return sendError(res, 400, QStringLiteral("invalid_range"),
            QStringLiteral("Header Content-Range harus 'bytes awal-akhir/total' dan sama panjang dengan isinya."));
    const auto page = documents->page(peer.desaCode, registrationNumber, pageId);
    if (!page) {
        if (page.error().code == ErrorCode::NotFound)
            return sendError(res, 404, QStringLiteral("not_found"), page.error().message);
        qCWarning(lcApi) << "document" << pageId << "unreadable:" << page.error().message;
        return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Halaman dokumen belum dapat disimpan."));
    }
    const auto outcome = documents->receive(page.value(), *range, QByteArray::fromStdString(req.body));
    if (!outcome) {
        if (outcome.error().code == ErrorCode::InvalidData)
            return sendUploadError(res, 422, QStringLiteral("size_mismatch"), outcome.error().message, page.value().receivedBytes);
        qCWarning(lcApi) << "document" << pageId << "not stored:" << outcome.error().message;
        return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Halaman dokumen belum dapat disimpan."));
    }
    const ChunkOutcome &o = outcome.value();
    switch (o.kind) {
    case ChunkOutcome::Kind::OffsetMismatch:
        return sendUploadError(res, 409, QStringLiteral("offset_mismatch"),
            QStringLiteral("Server memegang %1 byte halaman ini; lanjutkan dari sana.").arg(o.state.offset), o.state.offset);
    case ChunkOutcome::Kind::Discarded:
        return sendUploadError(res, 422, QStringLiteral("checksum_mismatch"), o.reason, 0);
    case ChunkOutcome::Kind::Completed:
        qCInfo(lcApi).noquote() << "document" << pageId << "of" << registrationNumber << "complete from" << peer.kioskId;
        return sendUploadState(res, 200, o.state);
    case ChunkOutcome::Kind::Stored:
        break;
    }
    sendUploadState(res, 200, o.state);
}

void ApiServer::Impl::getDocumentState(
    const Peer &peer, const QString &registrationNumber, const QString &pageId, const httplib::Request &req, httplib::Response &res) const
{
    if (!documents)
        return sendError(res, 404, QStringLiteral("not_found"), QStringLiteral("Server ini tidak menerima halaman dokumen."));
    const auto page = documents->page(peer.desaCode, registrationNumber, pageId);
    if (!page) {
        if (page.error().code == ErrorCode::NotFound)
            return sendError(res, 404, QStringLiteral("not_found"), page.error().message);
        return sendError(res, 500, QStringLiteral("storage"), QStringLiteral("Halaman dokumen belum dapat dibaca."));
    }
    const serverlink::UploadState state = DocumentArchive::stateOf(page.value());
    if (req.method == "HEAD") {
        res.status = 200;
        res.set_header(serverlink::kUploadOffsetHeader, std::to_string(state.offset));
        res.set_header("Cache-Control", "no-store");
        return;
    }
    sendUploadState(res, 200, state);
}

ApiServer::ApiServer(BackendStore &store, const ServiceCatalog &catalog, Workflow &workflow, SealService *seals)
    : d(new Impl {store, catalog, workflow, seals, std::make_unique<KioskRegistry>(store), nullptr, {}, {},
        RequestLife(store, catalog, workflow.offices())})
{ }

ApiServer::~ApiServer()
{
    stop();
}

Result<quint16> ApiServer::start(const QString &host, quint16 port, const TlsFiles &tls)
{
    for (const QString &file : {tls.certificate, tls.privateKey, tls.clientCa})
        if (!QFileInfo(file).isReadable())
            return Error {ErrorCode::Io, QStringLiteral("Berkas TLS %1 tidak dapat dibaca.").arg(file)};
    if (!tls.clientCaKey.isEmpty()) {
        auto ca = KioskCa::load(tls.clientCa, tls.clientCaKey);
        if (!ca)
            return ca.error();
        d->registry = std::make_unique<KioskRegistry>(d->store, std::move(ca.value()));
    }
    d->server = std::make_unique<httplib::SSLServer>(QFile::encodeName(tls.certificate).constData(),
        QFile::encodeName(tls.privateKey).constData(), QFile::encodeName(tls.clientCa).constData());
    if (!d->server->is_valid())
        return Error {ErrorCode::Io, QStringLiteral("Sertifikat atau kunci server tidak valid.")};
    // Headers and body leave in separate writes: without TCP_NODELAY every answer waits ~40 ms for the
    // kiosk's delayed ACK (Nagle), which caps a kiosk draining its outbox at ~25 requests per second.
    d->server->set_tcp_nodelay(true);
    // A kiosk keeps its connections for a whole sync round (its outbox drains several requests at a
    // time): cpp-httplib's default closes a connection after 5 requests, and every new one costs a full
    // mutual-TLS handshake. An idle keep-alive connection holds a worker for up to its timeout, so there
    // are enough workers for a kecamatan's fleet draining at once (ConnectionLimits), not one per core.
    d->server->set_keep_alive_max_count(kKeepAliveMaxRequests);
    SSL_CTX *ctx = d->server->ssl_context();
    // A presented client certificate must chain to the kiosk CA (checked in the handshake); a
    // missing one is allowed so a new kiosk can reach /enroll, and every other route refuses it.
    // Never below TLS 1.2.
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, &acceptExpiredKioskCertificate);
    // With client certificates, resuming a TLS session needs a session id context; without one
    // OpenSSL answers a resuming kiosk with an "internal error" alert.
    static const unsigned char kSessionContext[] = "anjungan-desa-api-v1";
    SSL_CTX_set_session_id_context(ctx, kSessionContext, sizeof(kSessionContext) - 1);
    if (SSL_CTX_load_verify_locations(ctx, QFile::encodeName(tls.clientCa).constData(), nullptr) != 1)
        return Error {ErrorCode::Io, QStringLiteral("CA anjungan %1 tidak dapat dimuat.").arg(tls.clientCa)};
    d->server->set_payload_max_length(serverlink::kMaxBodyBytes);
    // Every answer carries the time (RFC 9110 Date): a kiosk's technician mode shows its clock skew from it.
    d->server->set_post_routing_handler([](const httplib::Request &, httplib::Response &res) {
        res.set_header("Date",
            QLocale::c().toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toStdString());
    });
    d->routes();
    // Bodies are refused by their headers before they are read (docs/decisions/0027-request-limits.md):
    // a page chunk on its upload route, a JSON body on every other POST, nothing elsewhere.
    d->guard = std::make_unique<ConnectionGuard>(d->limits,
        QList<BodyRule> {{QStringLiteral("PUT"), QLatin1String(kDocumentPath), serverlink::kMaxChunkBytes},
            {QStringLiteral("POST"), {}, serverlink::kMaxBodyBytes}},
        [](int status, httplib::Response &res) {
            if (status == 411)
                return sendError(res, status, QStringLiteral("length_required"),
                    QStringLiteral("Permintaan wajib menyebut Content-Length, tanpa Transfer-Encoding."));
            if (status == 413)
                return sendError(
                    res, status, QStringLiteral("payload_too_large"), QStringLiteral("Isi permintaan melebihi batas alamat ini."));
            sendError(res, status, QStringLiteral("invalid_length"), QStringLiteral("Content-Length tidak sah."));
        });
    ConnectionGuard::AnswerLogger logger;
    if (d->observer)
        logger = [impl = d.get()](const httplib::Request &req, const httplib::Response &res) { impl->observe(req, res); };
    d->guard->attach(*d->server, std::move(logger));

    const std::string address = host.toStdString();
    const int bound = port == 0 ? d->server->bind_to_any_port(address) : (d->server->bind_to_port(address, port) ? port : -1);
    if (bound <= 0)
        return Error {ErrorCode::Io, QStringLiteral("Tidak dapat mendengarkan di %1:%2.").arg(host).arg(port)};
    d->thread = std::thread([server = d->server.get()] { server->listen_after_bind(); });
    return quint16(bound);
}

void ApiServer::setDocuments(DocumentArchive *documents)
{
    d->documents = documents;
}

void ApiServer::setFleetAlertPolicy(const FleetAlertPolicy &policy)
{
    d->fleetPolicy = policy;
}

void ApiServer::setConnectionLimits(const ConnectionLimits &limits)
{
    d->limits = limits;
}

void ApiServer::setExchangeObserver(ExchangeObserver observer)
{
    d->observer = std::move(observer);
}

void ApiServer::stop()
{
    if (d->server)
        d->server->stop();
    if (d->thread.joinable())
        d->thread.join();
}

} // namespace backend
