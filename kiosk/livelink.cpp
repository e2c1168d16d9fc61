#include "livelink.h"

#include <QPointer>

namespace kiosk {

namespace {
serverlink::LinkOptions liveOptions(serverlink::LinkOptions options)
{
    options.connectTimeoutMs = std::min(options.connectTimeoutMs, LiveLink::kConnectTimeoutMs);
    options.requestTimeoutMs = std::min(options.requestTimeoutMs, LiveLink::kRequestTimeoutMs);
    return options;
}
} // namespace

LiveLink::LiveLink(QString baseUrl, serverlink::TlsPolicy tls, serverlink::LinkOptions options, QObject *parent)
    : QObject(parent)
    , m_client(std::make_unique<serverlink::LinkClient>(std::move(baseUrl), std::move(tls), liveOptions(std::move(options))))
{
    m_thread.setObjectName(QStringLiteral("live-link"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

LiveLink::~LiveLink()
{
    // Ends the call in flight at once; the calls still queued find the client aborted and answer Aborted.
    m_client->abort();
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void LiveLink::get(const QString &path, const Headers &headers, QObject *context, Callback callback)
{
    run(QStringLiteral("GET"), path, {}, headers, context, std::move(callback));
}

void LiveLink::post(const QString &path, const QByteArray &body, const Headers &headers, QObject *context, Callback callback)
{
    run(QStringLiteral("POST"), path, body, headers, context, std::move(callback));
}

void LiveLink::run(
    const QString &method, const QString &path, const QByteArray &body, const Headers &headers, QObject *context, Callback callback)
{
    serverlink::LinkClient *client = m_client.get();
    // The answer comes back through this object (the caller's thread), where the context is checked.
    QPointer<QObject> receiver(context);
    QMetaObject::invokeMethod(
        m_worker,
        [this, client, method, path, body, headers, receiver, callback = std::move(callback)]() mutable {
            serverlink::LinkResponse response
                = method == QLatin1String("GET") ? client->get(path, headers) : client->post(path, body, headers);
            QMetaObject::invokeMethod(
                this,
                [receiver, callback = std::move(callback), response = std::move(response)] {
                    if (receiver)
                        callback(response);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace kiosk
