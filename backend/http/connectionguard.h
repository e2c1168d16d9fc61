#pragma once

#include "connectionlimits.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace httplib {
class SSLServer;
struct Request;
struct Response;
} // namespace httplib

namespace backend {

/// The most body bytes a request may carry: METHOD and a path pattern (regular expression over the whole path,
/// empty: any path). A request that no rule matches may carry no body.
struct BodyRule {
    QString method;
    QString pathPattern;
    qint64 maxBytes = 0;
};

/// What the guard answers a request before its body is read: 0 lets it through, else the HTTP status
/// (411 Transfer-Encoding or POST/PUT/PATCH without Content-Length, 413 above the rule's limit, 400 a bad length).
/// `contentLengths`: every Content-Length header's value (two of them are refused: request smuggling).
[[nodiscard]] int bodyVerdict(
    const QList<BodyRule> &rules, const QString &method, const QString &path, const QStringList &contentLengths, bool hasTransferEncoding);

/// Shields a cpp-httplib SSLServer from senders it has not authenticated yet: refuses a body by its headers
/// before reading it, bounds the worker queue and the connections per peer, and cuts a connection whose
/// handshake, headers or body outlast their deadline (docs/decisions/0027-request-limits.md).
class ConnectionGuard
{
public:
    /// Fills the answer to a refused request; the status is already set and the connection closes after it.
    using RefusalWriter = std::function<void(int status, httplib::Response &res)>;
    /// Sees every answered request after it was written (cpp-httplib's logger, which the guard uses itself).
    using AnswerLogger = std::function<void(const httplib::Request &req, const httplib::Response &res)>;

    ConnectionGuard(const ConnectionLimits &limits, QList<BodyRule> rules, RefusalWriter refusal);
    ~ConnectionGuard();
    ConnectionGuard(const ConnectionGuard &) = delete;
    ConnectionGuard &operator=(const ConnectionGuard &) = delete;

    /// Installs the task queue, the pre-routing and 100-continue checks, the logger and the TLS hooks on
    /// `server`, which must not outlive the guard. Call before the server listens.
    void attach(httplib::SSLServer &server, AnswerLogger logger = {});

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace backend
