#pragma once

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <functional>
#include <memory>
#include <utility>

/// A small HTTPS server for tests whose every answer is scripted byte for byte, so it can send
/// what a real server never would: garbage, truncated bodies, oversized bodies, no answer at all.
/// (Qt 6.4 has no QSslServer: a QTcpServer hands each connection to a QSslSocket.)
class ScriptedPeer : public QTcpServer
{
public:
    struct Request {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // names lower-cased
        QByteArray body;
        int connection = 0;
    };
    struct Reply {
        QByteArray raw; // written as is
        bool close = false; // close the connection after writing
        bool hang = false; // write nothing and keep the connection open
        bool hold = false; // write nothing for now: releaseHeld() answers it
    };
    using Script = std::function<Reply(const Request &)>;

    /// A complete HTTP/1.1 response.
    static QByteArray http(int status, const QByteArray &body = {}, const QList<QByteArray> &headers = {})
    {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status)
            + " X\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        for (const QByteArray &h : headers)
            out += h + "\r\n";
        return out + "\r\n" + body;
    }

    bool loadIdentity(const QString &certPem, const QString &keyPem)
    {
        QFile c(certPem), k(keyPem);
        if (!c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly))
            return false;
        m_cert = QSslCertificate(c.readAll(), QSsl::Pem);
        m_key = QSslKey(k.readAll(), QSsl::Ec, QSsl::Pem);
        return !m_cert.isNull() && !m_key.isNull();
    }

    Script script;
    QList<Request> seen;
    int connections = 0;

    /// Requests held by the script and not answered yet.
    [[nodiscard]] qsizetype heldCount() const { return m_held.size(); }

    /// Answers every held request, the newest first (so answers arrive out of request order).
    void releaseHeld(const Script &answer)
    {
        const auto held = std::exchange(m_held, {});
        for (auto it = held.crbegin(); it != held.crend(); ++it) {
            if (!it->first)
                continue;
            const Reply reply = answer(it->second);
            it->first->write(reply.raw);
            if (reply.close)
                it->first->disconnectFromHost();
        }
    }

    [[nodiscard]] int count(const QByteArray &method, const QByteArray &pathPrefix) const
    {
        int n = 0;
        for (const Request &r : seen)
            n += r.method == method && r.path.startsWith(pathPrefix) ? 1 : 0;
        return n;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        const int id = ++connections;
        socket->setLocalCertificate(m_cert);
        socket->setPrivateKey(m_key);
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QSslSocket::readyRead, this, [this, socket, buffer, id] {
            *buffer += socket->readAll();
            for (;;) {
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                Request r;
                r.connection = id;
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                const QList<QByteArray> start = lines.value(0).trimmed().split(' ');
                r.method = start.value(0);
                r.path = start.value(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon > 0)
                        r.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
                }
                const qsizetype length = r.headers.value("content-length").toLongLong();
                if (buffer->size() < end + 4 + length)
                    return;
                r.body = buffer->mid(end + 4, length);
                buffer->remove(0, end + 4 + length);
                seen.append(r);
                const Reply reply = script(r);
                if (reply.hold)
                    m_held.append({QPointer<QSslSocket>(socket), r});
                if (reply.hang || reply.hold)
                    return;
                socket->write(reply.raw);
                if (reply.close) {
                    socket->disconnectFromHost();
                    return;
                }
            }
        });
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        socket->startServerEncryption();
    }

private:
    QList<QPair<QPointer<QSslSocket>, Request>> m_held;
    QSslCertificate m_cert;
    QSslKey m_key;
};
