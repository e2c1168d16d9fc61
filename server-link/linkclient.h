#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <memory>

namespace serverlink {

/// TLS policy for the link: the pinned deployment CA and this kiosk's client certificate.
struct TlsPolicy {
    QString caFile; // the only CA trusted for the server certificate
    QString clientCert; // PEM, issued to this kiosk
    QString clientKey; // PEM, 0600
};

/// How the link reaches the server: proxy and limits. The defaults are the production values.
struct LinkOptions {
    QString proxy; // e.g. "http://10.0.0.1:3128"; empty = direct, environment proxies ignored
    int connectTimeoutMs = 5000;
    int requestTimeoutMs = 30000;
    qint64 maxResponseBytes = 32 * 1024 * 1024;
    int maxParallel = 6; // transfers postAll() keeps in flight, each on its own reused connection (HTTP/1.1)
};

/// One request of a postAll() batch.
struct LinkRequest {
    QString path; // below the base URL, e.g. "/requests"
    QByteArray body; // JSON
    QList<QPair<QByteArray, QByteArray>> headers;
};

/// Classifies what went wrong so callers can decide to retry, park or give up.
enum class LinkError {
    None,
    Network, // DNS, connect, reset, timeout, truncated response: retry later
    Tls, // certificate not from the pinned CA, handshake refused: technician must look
    Http, // a status code arrived; see LinkResponse::status
    TooLarge, // the response exceeded the limit
    Aborted, // abort() was called (shutdown): not a failure of the request
};

struct [[nodiscard]] LinkResponse {
    LinkError error = LinkError::None;
    long status = 0; // 0: no status line arrived (also set when the transfer failed after it)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QString errorText; // for logs and technicians; never contains PII

    [[nodiscard]] QByteArray header(const QByteArray &lowerName) const;
    [[nodiscard]] bool ok() const { return error == LinkError::None && status >= 200 && status < 300; }
};

/// HTTPS client for /api/v1 on the libcurl multi interface: connections are reused between
/// requests, pinned CA, client certificate, TLS ≥ 1.2, connect timeout 5 s, request timeout 30 s.
/// get()/post()/put()/head()/postAll() block the calling thread (the sync worker thread, never the UI thread) until
/// the responses arrive; abort() may be called from any thread and ends every transfer in flight at once.
class LinkClient
{
public:
    LinkClient(QString baseUrl, TlsPolicy tls, LinkOptions options = {});
    ~LinkClient();
    LinkClient(const LinkClient &) = delete;
    LinkClient &operator=(const LinkClient &) = delete;

    LinkResponse get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    LinkResponse post(const QString &path, const QByteArray &jsonBody, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    /// PUTs `body` as it is (e.g. a chunk of a document page) with its Content-Length.
    LinkResponse put(const QString &path, const QByteArray &body, const QByteArray &contentType,
        const QList<QPair<QByteArray, QByteArray>> &headers = {});
    /// Only the status line and headers of `path` (e.g. an upload's offset).
    LinkResponse head(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    /// POSTs every request, at most LinkOptions::maxParallel at a time; the responses come back in
    /// request order. After abort(), every request not yet answered gets LinkError::Aborted.
    [[nodiscard]] QList<LinkResponse> postAll(const QList<LinkRequest> &requests);

    /// Thread-safe: ends the transfers in flight and makes every later call return LinkError::Aborted
    /// (used at shutdown), until resume().
    void abort();
    /// Closes the kept connections and forgets their TLS sessions, so the next request handshakes anew (with a
    /// renewed client certificate). Call it on the thread that makes the requests, between them.
    void resetConnections();
    /// Thread-safe: accepts requests again after abort().
    void resume();
    [[nodiscard]] bool aborted() const;

    [[nodiscard]] const LinkOptions &options() const { return m_options; }

    static constexpr qint64 kMaxResponseBytes = 32 * 1024 * 1024;

private:
    /// get() and post() are batches of one.
    QList<LinkResponse> perform(const QString &method, const QList<LinkRequest> &requests);

    QString m_baseUrl;
    TlsPolicy m_tls;
    LinkOptions m_options;
    struct Curl;
    std::unique_ptr<Curl> m_curl;
};

} // namespace serverlink
