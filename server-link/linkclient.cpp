#include "linkclient.h"

#include <atomic>
#include <curl/curl.h>
#include <mutex>

namespace serverlink {

namespace {
std::once_flag g_curlInit;

struct Sink {
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 limit = LinkClient::kMaxResponseBytes;
    bool tooLarge = false;
};

size_t writeBody(char *data, size_t size, size_t count, void *user)
{
    auto *sink = static_cast<Sink *>(user);
    const size_t n = size * count;
    if (sink->body.size() + qint64(n) > sink->limit) {
        sink->tooLarge = true;
        return 0; // aborts the transfer
    }
    sink->body.append(data, qsizetype(n));
    return n;
}

size_t writeHeader(char *data, size_t size, size_t count, void *user)
{
    auto *sink = static_cast<Sink *>(user);
    const size_t n = size * count;
    const QByteArray line = QByteArray(data, qsizetype(n)).trimmed();
    if (line.startsWith("HTTP/"))
        sink->headers.clear(); // a new response (e.g. after 100-continue)
    const int colon = line.indexOf(':');
    if (colon > 0)
        sink->headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    return n;
}
} // namespace

// One multi handle and one easy handle for the client's lifetime: the multi handle's connection
// cache keeps the TLS connection open between requests, and curl_multi_poll can be woken from
// another thread, which is how abort() interrupts a request at once.
struct LinkClient::Curl {
    CURLM *multi = nullptr;
    CURL *handle = nullptr;
    std::atomic_bool aborted {false};
};

QByteArray LinkResponse::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName)
            return h.second;
    return {};
}

LinkClient::LinkClient(QString baseUrl, TlsPolicy tls, LinkOptions options)
    : m_baseUrl(std::move(baseUrl))
    , m_tls(std::move(tls))
    , m_options(std::move(options))
    , m_curl(std::make_unique<Curl>())
{
    std::call_once(g_curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    while (m_baseUrl.endsWith(QLatin1Char('/')))
        m_baseUrl.chop(1);
    m_curl->multi = curl_multi_init();
    m_curl->handle = curl_easy_init();
}

LinkClient::~LinkClient()
{
    if (m_curl->handle)
        curl_easy_cleanup(m_curl->handle);
    if (m_curl->multi)
        curl_multi_cleanup(m_curl->multi);
}

void LinkClient::abort()
{
    m_curl->aborted = true;
    if (m_curl->multi)
        curl_multi_wakeup(m_curl->multi);
}

void LinkClient::resume()
{
    m_curl->aborted = false;
}

bool LinkClient::aborted() const
{
    return m_curl->aborted;
}

LinkResponse LinkClient::get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return perform(QStringLiteral("GET"), path, {}, headers);
}

LinkResponse LinkClient::post(const QString &path, const QByteArray &jsonBody, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    auto all = headers;
    all.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return perform(QStringLiteral("POST"), path, jsonBody, all);
}

LinkResponse LinkClient::perform(
    const QString &method, const QString &path, const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    LinkResponse r;
    if (m_curl->aborted) {
        r.error = LinkError::Aborted;
        r.errorText = QStringLiteral("%1 %2: dibatalkan").arg(method, path);
        return r;
    }
    if (!m_curl->multi || !m_curl->handle) {
        r.error = LinkError::Network;
        r.errorText = QStringLiteral("%1 %2: libcurl tidak dapat disiapkan").arg(method, path);
        return r;
    }
    CURL *c = m_curl->handle;
    curl_easy_reset(c);

    const QByteArray url = (m_baseUrl + path).toUtf8();
    const QByteArray ca = m_tls.caFile.toLocal8Bit();
    const QByteArray cert = m_tls.clientCert.toLocal8Bit();
    const QByteArray key = m_tls.clientKey.toLocal8Bit();
    const QByteArray proxy = m_options.proxy.toUtf8();
    Sink sink;
    sink.limit = m_options.maxResponseBytes;
    char errbuf[CURL_ERROR_SIZE] = {};

    curl_easy_setopt(c, CURLOPT_URL, url.constData());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    // Pin: trust only the deployment CA, not the system store.
    curl_easy_setopt(c, CURLOPT_CAINFO, ca.constData());
    curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);
    if (!cert.isEmpty()) {
        curl_easy_setopt(c, CURLOPT_SSLCERT, cert.constData());
        curl_easy_setopt(c, CURLOPT_SSLKEY, key.constData());
    }
    // An empty proxy disables proxies, including http(s)_proxy from the environment.
    curl_easy_setopt(c, CURLOPT_PROXY, proxy.constData());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, long(m_options.connectTimeoutMs));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, long(m_options.requestTimeoutMs));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &writeBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &writeHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &sink);
    if (method == QLatin1String("POST")) {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    }
    curl_slist *list = nullptr;
    QList<QByteArray> lines;
    for (const auto &h : headers)
        lines.append(h.first + ": " + h.second);
    lines.append("Expect:"); // no 100-continue round trip
    for (const auto &l : lines)
        list = curl_slist_append(list, l.constData());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);

    CURLcode rc = CURLE_OK;
    bool done = false;
    bool interrupted = false;
    if (curl_multi_add_handle(m_curl->multi, c) != CURLM_OK) {
        rc = CURLE_FAILED_INIT;
        done = true;
    }
    while (!done) {
        if (m_curl->aborted) {
            interrupted = true;
            break;
        }
        int running = 0;
        if (curl_multi_perform(m_curl->multi, &running) != CURLM_OK) {
            rc = CURLE_FAILED_INIT;
            break;
        }
        int queued = 0;
        while (CURLMsg *msg = curl_multi_info_read(m_curl->multi, &queued)) {
            if (msg->msg == CURLMSG_DONE && msg->easy_handle == c) {
                rc = msg->data.result;
                done = true;
            }
        }
        // Sleeps until a socket is ready, curl's own timer fires, or abort() wakes it.
        if (!done && curl_multi_poll(m_curl->multi, nullptr, 0, 1000, nullptr) != CURLM_OK) {
            rc = CURLE_FAILED_INIT;
            break;
        }
    }
    curl_multi_remove_handle(m_curl->multi, c);
    curl_slist_free_all(list);

    r.headers = std::move(sink.headers);
    if (interrupted) {
        r.error = LinkError::Aborted;
        r.errorText = QStringLiteral("%1 %2: dibatalkan").arg(method, path);
        return r;
    }
    // The status line may have arrived even when the transfer failed later (truncated, too large).
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    if (rc != CURLE_OK) {
        r.errorText = QStringLiteral("%1 %2: %3").arg(method, path, QString::fromLocal8Bit(errbuf[0] ? errbuf : curl_easy_strerror(rc)));
        switch (rc) {
        case CURLE_WRITE_ERROR:
            r.error = sink.tooLarge ? LinkError::TooLarge : LinkError::Network;
            break;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_ISSUER_ERROR:
            r.error = LinkError::Tls;
            break;
        default:
            r.error = LinkError::Network;
        }
        return r;
    }
    r.body = std::move(sink.body);
    if (r.status < 200 || r.status >= 300) {
        r.error = LinkError::Http;
        r.errorText = QStringLiteral("%1 %2: HTTP %3").arg(method, path).arg(r.status);
    }
    return r;
}

} // namespace serverlink
