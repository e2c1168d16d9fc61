#include "linkclient.h"

#include <algorithm>
#include <atomic>
#include <curl/curl.h>
#include <mutex>
#include <vector>

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

// One multi handle for the client's lifetime: its connection cache keeps the TLS connections open
// between requests, and curl_multi_poll can be woken from another thread, which is how abort()
// interrupts the transfers in flight at once. Easy handles are kept and reused as well.
struct LinkClient::Curl {
    CURLM *multi = nullptr;
    std::vector<CURL *> idle;
    std::atomic_bool aborted {false};
    std::mutex multiMutex; // abort() may wake `multi` from another thread while resetConnections() replaces it

    void open(int maxParallel)
    {
        multi = curl_multi_init();
        if (multi) {
            // HTTP/1.1 carries one transfer per connection: as many connections as transfers in flight, kept for reuse.
            const long connections = std::max(1, maxParallel);
            curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, connections);
            curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, connections);
        }
    }

    void close()
    {
        for (CURL *c : idle)
            curl_easy_cleanup(c);
        idle.clear();
        if (multi)
            curl_multi_cleanup(multi);
        multi = nullptr;
    }

    CURL *takeHandle()
    {
        if (idle.empty())
            return curl_easy_init();
        CURL *c = idle.back();
        idle.pop_back();
        curl_easy_reset(c);
        return c;
    }
};

namespace {
// One request of a batch while curl works on it; the error buffer must stay where curl was told it is.
struct Transfer {
    qsizetype index = 0;
    CURL *handle = nullptr;
    curl_slist *headers = nullptr;
    Sink sink;
    char errbuf[CURL_ERROR_SIZE] = {};
};

void setUp(
    Transfer &t, const QString &method, const QString &url, const LinkRequest &request, const TlsPolicy &tls, const LinkOptions &options)
{
    CURL *c = t.handle;
    t.sink.limit = options.maxResponseBytes;
    // curl copies string options; the POST body is used in place (the caller's request outlives the transfer).
    curl_easy_setopt(c, CURLOPT_URL, url.toUtf8().constData());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    // Pin: trust only the deployment CA, not the system store.
    curl_easy_setopt(c, CURLOPT_CAINFO, tls.caFile.toLocal8Bit().constData());
    curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);
    if (!tls.clientCert.isEmpty()) {
        curl_easy_setopt(c, CURLOPT_SSLCERT, tls.clientCert.toLocal8Bit().constData());
        curl_easy_setopt(c, CURLOPT_SSLKEY, tls.clientKey.toLocal8Bit().constData());
    }
    // An empty proxy disables proxies, including http(s)_proxy from the environment.
    curl_easy_setopt(c, CURLOPT_PROXY, options.proxy.toUtf8().constData());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, long(options.connectTimeoutMs));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, long(options.requestTimeoutMs));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, t.errbuf);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &writeBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t.sink);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &writeHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t.sink);
    curl_easy_setopt(c, CURLOPT_PRIVATE, &t);
    if (method == QLatin1String("POST") || method == QLatin1String("PUT")) {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.constData());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
        // A PUT sends its body with Content-Length like a POST: never chunked, so the server can check its size first.
        if (method == QLatin1String("PUT"))
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
    } else if (method == QLatin1String("HEAD")) {
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    }
    for (const auto &h : request.headers)
        t.headers = curl_slist_append(t.headers, QByteArray(h.first + ": " + h.second).constData());
    t.headers = curl_slist_append(t.headers, "Expect:"); // no 100-continue round trip
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, t.headers);
}

LinkResponse abortedResponse(const QString &method, const LinkRequest &request)
{
    LinkResponse r;
    r.error = LinkError::Aborted;
    r.errorText = QStringLiteral("%1 %2: dibatalkan").arg(method, request.path);
    return r;
}

LinkResponse unavailable(const QString &method, const LinkRequest &request)
{
    LinkResponse r;
    r.error = LinkError::Network;
    r.errorText = QStringLiteral("%1 %2: libcurl tidak dapat disiapkan").arg(method, request.path);
    return r;
}

LinkResponse response(Transfer &t, CURLcode rc, const QString &method, const LinkRequest &request)
{
    LinkResponse r;
    r.headers = std::move(t.sink.headers);
    // The status line may have arrived even when the transfer failed later (truncated, too large).
    if (t.handle)
        curl_easy_getinfo(t.handle, CURLINFO_RESPONSE_CODE, &r.status);
    if (rc != CURLE_OK) {
        r.errorText = QStringLiteral("%1 %2: %3")
                          .arg(method, request.path, QString::fromLocal8Bit(t.errbuf[0] ? t.errbuf : curl_easy_strerror(rc)));
        switch (rc) {
        case CURLE_WRITE_ERROR:
            r.error = t.sink.tooLarge ? LinkError::TooLarge : LinkError::Network;
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
    r.body = std::move(t.sink.body);
    if (r.status < 200 || r.status >= 300) {
        r.error = LinkError::Http;
        r.errorText = QStringLiteral("%1 %2: HTTP %3").arg(method, request.path).arg(r.status);
    }
    return r;
}
} // namespace

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
    m_curl->open(m_options.maxParallel);
}

LinkClient::~LinkClient()
{
    m_curl->close();
}

void LinkClient::abort()
{
    m_curl->aborted = true;
    std::lock_guard lock(m_curl->multiMutex);
    if (m_curl->multi)
        curl_multi_wakeup(m_curl->multi);
}

void LinkClient::resetConnections()
{
    std::lock_guard lock(m_curl->multiMutex);
    m_curl->close();
    m_curl->open(m_options.maxParallel);
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
    return perform(QStringLiteral("GET"), {LinkRequest {path, {}, headers}}).constFirst();
}

LinkResponse LinkClient::post(const QString &path, const QByteArray &jsonBody, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return postAll({LinkRequest {path, jsonBody, headers}}).constFirst();
}

LinkResponse LinkClient::put(
    const QString &path, const QByteArray &body, const QByteArray &contentType, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    LinkRequest request {path, body, headers};
    request.headers.append(qMakePair(QByteArray("Content-Type"), contentType));
    return perform(QStringLiteral("PUT"), {request}).constFirst();
}

LinkResponse LinkClient::head(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return perform(QStringLiteral("HEAD"), {LinkRequest {path, {}, headers}}).constFirst();
}

QList<LinkResponse> LinkClient::postAll(const QList<LinkRequest> &requests)
{
    QList<LinkRequest> all = requests;
    for (LinkRequest &r : all)
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return perform(QStringLiteral("POST"), all);
}

QList<LinkResponse> LinkClient::perform(const QString &method, const QList<LinkRequest> &requests)
{
    QList<LinkResponse> responses(requests.size());
    const auto maxInFlight = size_t(std::max(1, m_options.maxParallel));
    std::vector<std::unique_ptr<Transfer>> inFlight;
    const auto release = [this](Transfer &t) {
        curl_multi_remove_handle(m_curl->multi, t.handle);
        curl_slist_free_all(t.headers);
        m_curl->idle.push_back(t.handle);
    };
    qsizetype next = 0;
    if (!m_curl->multi) {
        for (qsizetype i = 0; i < requests.size(); ++i)
            responses[i] = unavailable(method, requests.at(i));
        return responses;
    }
    bool broken = false;
    while (!broken && !m_curl->aborted && (next < requests.size() || !inFlight.empty())) {
        while (inFlight.size() < maxInFlight && next < requests.size()) {
            auto t = std::make_unique<Transfer>();
            t->index = next++;
            t->handle = m_curl->takeHandle();
            if (!t->handle) {
                responses[t->index] = unavailable(method, requests.at(t->index));
                continue;
            }
            setUp(*t, method, m_baseUrl + requests.at(t->index).path, requests.at(t->index), m_tls, m_options);
            if (curl_multi_add_handle(m_curl->multi, t->handle) != CURLM_OK) {
                responses[t->index] = response(*t, CURLE_FAILED_INIT, method, requests.at(t->index));
                curl_slist_free_all(t->headers);
                m_curl->idle.push_back(t->handle);
                continue;
            }
            inFlight.push_back(std::move(t));
        }
        if (inFlight.empty())
            continue;
        int running = 0;
        if (curl_multi_perform(m_curl->multi, &running) != CURLM_OK) {
            broken = true;
            break;
        }
        int finished = 0;
        int queued = 0;
        while (CURLMsg *msg = curl_multi_info_read(m_curl->multi, &queued)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            const auto it = std::find_if(inFlight.begin(), inFlight.end(), [msg](const auto &t) { return t->handle == msg->easy_handle; });
            if (it == inFlight.end())
                continue;
            Transfer &t = **it;
            responses[t.index] = response(t, msg->data.result, method, requests.at(t.index));
            release(t);
            inFlight.erase(it);
            ++finished;
        }
        // Sleeps until a socket is ready, curl's own timer fires, or abort() wakes it; a free slot is filled first.
        if (finished == 0 && curl_multi_poll(m_curl->multi, nullptr, 0, 1000, nullptr) != CURLM_OK)
            broken = true;
    }
    // Interrupted by abort(), or libcurl itself failed: whatever is not answered yet ends here.
    for (const auto &t : inFlight) {
        responses[t->index]
            = broken ? response(*t, CURLE_FAILED_INIT, method, requests.at(t->index)) : abortedResponse(method, requests.at(t->index));
        release(*t);
    }
    for (; next < requests.size(); ++next) {
        Transfer none;
        responses[next]
            = broken ? response(none, CURLE_FAILED_INIT, method, requests.at(next)) : abortedResponse(method, requests.at(next));
    }
    return responses;
}

} // namespace serverlink
