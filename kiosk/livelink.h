#pragma once

#include "linkclient.h"

#include <QObject>
#include <QThread>
#include <functional>
#include <memory>

namespace kiosk {

/// Asks the backend something now, for a screen (a status look-up, a complaint's answer): each call runs on
/// the link's own worker thread and its callback on the caller's thread; the UI thread never waits. Offline is
/// an answer (LinkError::Network after the connect timeout), never a hang. Durable writes go through the
/// outbox and the sync service instead: what the citizen submitted must survive a cut.
class LiveLink : public QObject
{
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    using Callback = std::function<void(const serverlink::LinkResponse &response)>;

    /// Shorter limits than the sync loop's: a citizen is waiting in front of the screen.
    static constexpr int kConnectTimeoutMs = 4000;
    static constexpr int kRequestTimeoutMs = 10000;

    LiveLink(QString baseUrl, serverlink::TlsPolicy tls, serverlink::LinkOptions options = {}, QObject *parent = nullptr);
    ~LiveLink() override;

    /// GET `path` (below /api/v1); `callback` runs on this object's thread (`context` must live there too), and not
    /// at all once `context` is gone.
    void get(const QString &path, const Headers &headers, QObject *context, Callback callback);
    /// POST `body` (JSON) to `path`, as get().
    void post(const QString &path, const QByteArray &body, const Headers &headers, QObject *context, Callback callback);

private:
    void run(
        const QString &method, const QString &path, const QByteArray &body, const Headers &headers, QObject *context, Callback callback);

    std::unique_ptr<serverlink::LinkClient> m_client;
    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread; the queue of calls
};

} // namespace kiosk
