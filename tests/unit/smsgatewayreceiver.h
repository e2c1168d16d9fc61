#pragma once

// A local HTTP SMS gateway for tests: accepts POST /sms with JSON {"id","to","text"} and an
// Idempotency-Key header, like a real gateway that drops resends of a key it has delivered.
// Modes: Accept (200), Unavailable (503), Hold (reads the request, never answers).
#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

class SmsGatewayReceiver : public QObject
{
public:
    enum class Mode { Accept, Unavailable, Hold };

    struct Post {
        QString idempotencyKey;
        QString authorization;
        QJsonObject body;
        int answeredWith = 0; // 0: held
    };

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    [[nodiscard]] QString url() const { return QStringLiteral("http://127.0.0.1:%1/sms").arg(m_server.serverPort()); }
    void setMode(Mode mode) { m_mode = mode; }

    /// Every POST seen, in arrival order (also refused and held ones).
    [[nodiscard]] const QList<Post> &posts() const { return m_posts; }
    /// Messages the gateway took for delivery: one per idempotency key however often it was resent.
    [[nodiscard]] QList<QJsonObject> delivered() const { return m_delivered.values(); }
    [[nodiscard]] int deliveredCount() const { return int(m_delivered.size()); }
    /// How many POSTs carried this key and were answered 200.
    [[nodiscard]] int acceptedPosts(const QString &key) const
    {
        int n = 0;
        for (const Post &p : m_posts)
            n += p.idempotencyKey == key && p.answeredWith == 200 ? 1 : 0;
        return n;
    }

    SmsGatewayReceiver()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }

private:
    void onData(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        qsizetype length = 0;
        Post post;
        for (const QByteArray &raw : lines) {
            const QByteArray line = raw.trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length")
                length = value.toLongLong();
            else if (name == "idempotency-key")
                post.idempotencyKey = QString::fromUtf8(value);
            else if (name == "authorization")
                post.authorization = QString::fromUtf8(value);
        }
        if (buffer.size() < headerEnd + 4 + length)
            return;
        post.body = QJsonDocument::fromJson(buffer.mid(headerEnd + 4, length)).object();
        m_buffers.remove(s);
        if (m_mode == Mode::Hold) {
            m_posts.append(post);
            return;
        }
        const bool accept = m_mode == Mode::Accept;
        post.answeredWith = accept ? 200 : 503;
        if (accept && !m_delivered.contains(post.idempotencyKey))
            m_delivered.insert(post.idempotencyKey, post.body);
        m_posts.append(post);
        const QByteArray reply = accept ? QByteArray("{\"status\":\"queued\"}") : QByteArray("{\"status\":\"down\"}");
        s->write((accept ? QByteArray("HTTP/1.1 200 OK\r\n") : QByteArray("HTTP/1.1 503 Service Unavailable\r\n"))
            + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " + QByteArray::number(reply.size()) + "\r\n\r\n"
            + reply);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    Mode m_mode = Mode::Accept;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Post> m_posts;
    QHash<QString, QJsonObject> m_delivered;
};
