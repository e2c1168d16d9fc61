#include "connectionguard.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <httplib.h>
#include <list>
#include <map>
#include <mutex>
#include <openssl/ssl.h>
#include <set>
#include <sys/socket.h>
#include <thread>
#include <vector>

Q_LOGGING_CATEGORY(lcGuard, "backend.guard")

namespace backend {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kWatchInterval = std::chrono::milliseconds(200);
constexpr int kMaxLengthDigits = 18; // fits in qint64; a longer Content-Length is refused, not parsed
constexpr quint64 kLogEveryRefusals = 1000; // the first refusal of a kind is logged, then one in so many

/// Set while a full queue runs a connection's task on the accepting thread: the TLS hook closes it at once.
thread_local bool tQueueFull = false;

/// cpp-httplib's ThreadPool with a bound on waiting connections. 0.11.4's TaskQueue cannot refuse a task, so a
/// task beyond the bound runs on the accepting thread, where the guard's TLS hook ends it before the handshake.
class BoundedPool : public httplib::TaskQueue
{
public:
    BoundedPool(int threads, int maxPending)
        : m_maxPending(size_t(std::max(1, maxPending)))
    {
        for (int i = 0; i < std::max(1, threads); ++i)
            m_threads.emplace_back([this] { work(); });
    }

    void enqueue(std::function<void()> fn) override
    {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            if (m_jobs.size() < m_maxPending) {
                m_jobs.push_back(std::move(fn));
                m_ready.notify_one();
                return;
            }
        }
        tQueueFull = true;
        fn();
        tQueueFull = false;
    }

    void shutdown() override
    {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_ready.notify_all();
        for (std::thread &t : m_threads)
            t.join();
    }

private:
    void work()
    {
        for (;;) {
            std::function<void()> fn;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_ready.wait(lock, [this] { return !m_jobs.empty() || m_stopping; });
                if (m_jobs.empty())
                    return;
                fn = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            fn();
        }
    }

    const size_t m_maxPending;
    std::vector<std::thread> m_threads;
    std::list<std::function<void()>> m_jobs;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    bool m_stopping = false;
};

std::string peerOf(int fd)
{
    sockaddr_storage address {};
    socklen_t length = sizeof(address);
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET)
        ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in *>(&address)->sin_addr, text, sizeof(text));
    else if (address.ss_family == AF_INET6)
        ::inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6 *>(&address)->sin6_addr, text, sizeof(text));
    return text;
}

bool isBodyMethod(const QString &method)
{
    return method == QLatin1String("POST") || method == QLatin1String("PUT") || method == QLatin1String("PATCH");
}

} // namespace

int bodyVerdict(
    const QList<BodyRule> &rules, const QString &method, const QString &path, const QStringList &contentLengths, bool hasTransferEncoding)
{
    // A body of unannounced size (chunked or any other coding) cannot be bounded before it is read (as in 0016).
    if (hasTransferEncoding)
        return 411;
    if (contentLengths.size() > 1)
        return 400;
    if (contentLengths.isEmpty())
        return isBodyMethod(method) ? 411 : 0;
    const QString &text = contentLengths.first();
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,%1}$").arg(kMaxLengthDigits));
    if (!digits.match(text).hasMatch())
        return 400;
    const qint64 length = text.toLongLong();
    qint64 limit = 0;
    for (const BodyRule &rule : rules) {
        if (rule.method != method)
            continue;
        if (!rule.pathPattern.isEmpty()
            && !QRegularExpression(QRegularExpression::anchoredPattern(rule.pathPattern)).match(path).hasMatch())
            continue;
        limit = rule.maxBytes;
        break;
    }
    return length > limit ? 413 : 0;
}

struct ConnectionGuard::Impl {
    /// One TLS connection from its handshake to its end: the peer it counts for and when it is cut.
    struct Connection {
        Impl *guard;
        int fd;
        std::string peer;
        Clock::time_point deadline;
        bool closeAfterAnswer = false;
        bool cut = false;
    };

    Impl(const ConnectionLimits &l, QList<BodyRule> r, RefusalWriter w)
        : limits(l)
        , rules(std::move(r))
        , refusal(std::move(w))
    { }

    ConnectionLimits limits;
    QList<BodyRule> rules;
    RefusalWriter refusal;
    std::mutex mutex;
    std::set<Connection *> connections;
    std::map<std::string, int> perPeer;
    std::condition_variable wake;
    bool stopping = false;
    std::thread watchdog;
    std::atomic<quint64> refusedQueue {0};
    std::atomic<quint64> refusedPeer {0};
    std::atomic<quint64> slowCut {0};

    static int connectionIndex();
    static int guardIndex();
    static void onTlsState(const SSL *ssl, int where, int ret);
    static void forget(void *parent, void *ptr, CRYPTO_EX_DATA *data, int index, long argl, void *argp);
    static Connection *connectionOf(const httplib::Request &req);

    void admit(SSL *ssl);
    void watch();
    int check(const httplib::Request &req) const;
    void bodyAllowed(const httplib::Request &req);
    void refuse(int status, const httplib::Request &req, httplib::Response &res);
    void answered(const httplib::Request &req);
};

int ConnectionGuard::Impl::connectionIndex()
{
    static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, &Impl::forget);
    return index;
}

int ConnectionGuard::Impl::guardIndex()
{
    static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

void ConnectionGuard::Impl::onTlsState(const SSL *ssl, int where, int)
{
    if (!(where & SSL_CB_HANDSHAKE_START) || SSL_get_ex_data(ssl, connectionIndex()))
        return;
    auto *guard = static_cast<Impl *>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), guardIndex()));
    // The callback hands a const SSL, but the connection's own object is where its record lives.
    if (guard)
        guard->admit(const_cast<SSL *>(ssl));
}

void ConnectionGuard::Impl::forget(void *, void *ptr, CRYPTO_EX_DATA *, int, long, void *)
{
    // Runs in SSL_free, before cpp-httplib closes the socket: the number cannot have been reused yet.
    auto *c = static_cast<Connection *>(ptr);
    if (!c)
        return;
    Impl *guard = c->guard;
    std::lock_guard<std::mutex> lock(guard->mutex);
    guard->connections.erase(c);
    const auto peer = guard->perPeer.find(c->peer);
    if (peer != guard->perPeer.end() && --peer->second <= 0)
        guard->perPeer.erase(peer);
    delete c;
}

ConnectionGuard::Impl::Connection *ConnectionGuard::Impl::connectionOf(const httplib::Request &req)
{
    return req.ssl ? static_cast<Connection *>(SSL_get_ex_data(req.ssl, connectionIndex())) : nullptr;
}

void ConnectionGuard::Impl::admit(SSL *ssl)
{
    const int fd = SSL_get_fd(ssl);
    if (fd < 0)
        return;
    // Shutting the socket down makes the handshake fail at once, and cpp-httplib closes the connection.
    if (tQueueFull) {
        ::shutdown(fd, SHUT_RDWR);
        if (refusedQueue++ % kLogEveryRefusals == 0)
            qCWarning(lcGuard).noquote()
                << QStringLiteral("worker queue full, connection closed at once (refused so far: %1)").arg(refusedQueue.load());
        return;
    }
    const std::string peer = peerOf(fd);
    std::lock_guard<std::mutex> lock(mutex);
    int &count = perPeer[peer];
    if (count >= limits.maxConnectionsPerPeer) {
        ::shutdown(fd, SHUT_RDWR);
        if (refusedPeer++ % kLogEveryRefusals == 0)
            qCWarning(lcGuard).noquote() << QStringLiteral("too many connections from %1, closed at once (refused so far: %2)")
                                                .arg(QString::fromStdString(peer))
                                                .arg(refusedPeer.load());
        return;
    }
    ++count;
    auto *c = new Connection {this, fd, peer, Clock::now() + std::chrono::seconds(limits.headerTimeoutSeconds)};
    connections.insert(c);
    SSL_set_ex_data(ssl, connectionIndex(), c);
}

void ConnectionGuard::Impl::watch()
{
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping) {
        wake.wait_for(lock, kWatchInterval);
        const auto now = Clock::now();
        for (Connection *c : connections) {
            if (c->cut || now < c->deadline)
                continue;
            // The worker's next read fails and cpp-httplib ends the connection; the socket stays open until then.
            ::shutdown(c->fd, SHUT_RDWR);
            c->cut = true;
            if (slowCut++ % kLogEveryRefusals == 0)
                qCWarning(lcGuard).noquote()
                    << QStringLiteral("slow sender from %1 cut (cut so far: %2)").arg(QString::fromStdString(c->peer)).arg(slowCut.load());
        }
    }
}

int ConnectionGuard::Impl::check(const httplib::Request &req) const
{
    QStringList lengths;
    const auto range = req.headers.equal_range("Content-Length");
    for (auto it = range.first; it != range.second; ++it)
        lengths.append(QString::fromStdString(it->second));
    return bodyVerdict(
        rules, QString::fromStdString(req.method), QString::fromStdString(req.path), lengths, req.has_header("Transfer-Encoding"));
}

void ConnectionGuard::Impl::bodyAllowed(const httplib::Request &req)
{
    Connection *c = connectionOf(req);
    if (!c)
        return;
    const qint64 length = QString::fromStdString(req.get_header_value("Content-Length")).toLongLong();
    const auto allowed = std::chrono::seconds(limits.requestTimeoutSeconds + length / std::max(1, limits.minBodyBytesPerSecond));
    std::lock_guard<std::mutex> lock(mutex);
    c->deadline = Clock::now() + allowed;
}

void ConnectionGuard::Impl::refuse(int status, const httplib::Request &req, httplib::Response &res)
{
    res.status = status;
    res.set_header("Connection", "close");
    refusal(status, res);
    if (Connection *c = connectionOf(req)) {
        std::lock_guard<std::mutex> lock(mutex);
        c->closeAfterAnswer = true;
    }
}

void ConnectionGuard::Impl::answered(const httplib::Request &req)
{
    Connection *c = connectionOf(req);
    if (!c)
        return;
    std::lock_guard<std::mutex> lock(mutex);
    if (!c->closeAfterAnswer) {
        c->deadline = Clock::now() + std::chrono::seconds(CPPHTTPLIB_KEEPALIVE_TIMEOUT_SECOND + limits.headerTimeoutSeconds);
        return;
    }
    // The unread body must not be parsed as the next request: TLS reads now end (as after the peer's
    // close_notify) and the socket reports end of input, so cpp-httplib closes the connection at once.
    SSL_set_shutdown(const_cast<SSL *>(req.ssl), SSL_RECEIVED_SHUTDOWN);
    ::shutdown(c->fd, SHUT_RD);
}

ConnectionGuard::ConnectionGuard(const ConnectionLimits &limits, QList<BodyRule> rules, RefusalWriter refusal)
    : d(new Impl(limits, std::move(rules), std::move(refusal)))
{
    d->watchdog = std::thread([impl = d.get()] { impl->watch(); });
}

ConnectionGuard::~ConnectionGuard()
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->stopping = true;
    }
    d->wake.notify_all();
    d->watchdog.join();
}

void ConnectionGuard::attach(httplib::SSLServer &server, AnswerLogger logger)
{
    Impl *impl = d.get();
    const ConnectionLimits limits = impl->limits;
    server.new_task_queue = [limits] { return new BoundedPool(limits.workerThreads, limits.maxPendingConnections); };
    SSL_CTX *ctx = server.ssl_context();
    SSL_CTX_set_ex_data(ctx, Impl::guardIndex(), impl);
    SSL_CTX_set_info_callback(ctx, &Impl::onTlsState);
    using Outcome = httplib::Server::HandlerResponse;
    server.set_pre_routing_handler([impl](const httplib::Request &req, httplib::Response &res) {
        const int status = impl->check(req);
        if (status == 0) {
            impl->bodyAllowed(req);
            return Outcome::Unhandled;
        }
        impl->refuse(status, req, res);
        return Outcome::Handled;
    });
    // A client that waits for "100 Continue" learns the refusal before it sends a byte of the body.
    server.set_expect_100_continue_handler([impl](const httplib::Request &req, httplib::Response &res) {
        const int status = impl->check(req);
        if (status == 0)
            return 100;
        impl->refuse(status, req, res);
        return status;
    });
    server.set_logger([impl, logger = std::move(logger)](const httplib::Request &req, const httplib::Response &res) {
        impl->answered(req);
        if (logger)
            logger(req, res);
    });
}

} // namespace backend
