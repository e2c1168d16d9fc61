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

/// Classifies what went wrong so callers can decide to retry, park or give up.
enum class LinkError {
    None,
    Network, // DNS, connect, reset, timeout: retry later
    Tls, // certificate not from the pinned CA, handshake refused: technician must look
    Http, // a status code arrived; see LinkResponse::status
    TooLarge, // the response exceeded the limit
};

struct [[nodiscard]] LinkResponse {
    LinkError error = LinkError::None;
    long status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QString errorText; // for logs and technicians; never contains PII

    [[nodiscard]] QByteArray header(const QByteArray &lowerName) const;
    [[nodiscard]] bool ok() const { return error == LinkError::None && status >= 200 && status < 300; }
};

/// HTTPS client for /api/v1 on libcurl: one reused connection, pinned CA, client certificate,
/// TLS ≥ 1.2, connect timeout 5 s, request timeout 30 s. Blocking: use it from the sync
/// worker thread only, never from the UI thread.
class LinkClient
{
public:
    LinkClient(QString baseUrl, TlsPolicy tls);
    ~LinkClient();
    LinkClient(const LinkClient &) = delete;
    LinkClient &operator=(const LinkClient &) = delete;

    LinkResponse get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    LinkResponse post(const QString &path, const QByteArray &jsonBody, const QList<QPair<QByteArray, QByteArray>> &headers = {});

    static constexpr qint64 kMaxResponseBytes = 32 * 1024 * 1024;

private:
    LinkResponse perform(
        const QString &method, const QString &path, const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers);

    QString m_baseUrl;
    TlsPolicy m_tls;
    struct Curl;
    std::unique_ptr<Curl> m_curl;
};

} // namespace serverlink
