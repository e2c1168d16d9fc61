#include "faultproxy.h"

#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

#include <sys/socket.h>

namespace {
// Closing with SO_LINGER {on, 0} makes the kernel send RST instead of FIN: a real reset.
void resetSocket(QTcpSocket *socket)
{
    if (!socket)
        return;
    if (socket->socketDescriptor() >= 0) {
        const linger hard {1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    }
    socket->abort();
}
} // namespace

FaultProxy::FaultProxy(QHostAddress upstreamHost, quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , m_upstreamHost(std::move(upstreamHost))
    , m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::accept);
    m_clock.start();
}

FaultProxy::~FaultProxy()
{
    m_server.close();
    for (Pipe *pipe : std::as_const(m_pipes)) {
        // No more signals into this object while it goes away.
        for (QTcpSocket *socket : {pipe->client.data(), pipe->upstream.data()}) {
            if (socket) {
                socket->disconnect(this);
                socket->abort();
                delete socket;
            }
        }
        delete pipe;
    }
}

bool FaultProxy::listen(quint16 port)
{
    if (!m_server.listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server.serverPort();
    return true;
}

void FaultProxy::setPartition(Partition partition)
{
    m_partition = partition;
    if (partition == Partition::None) {
        if (!m_server.isListening())
            m_server.listen(QHostAddress::LocalHost, m_port);
        return;
    }
    if (partition == Partition::Refuse)
        m_server.close();
    const QList<Pipe *> open = m_pipes;
    for (Pipe *pipe : open) {
        if (partition == Partition::Refuse) {
            reset(pipe);
        } else if (!pipe->blackHoled) {
            pipe->blackHoled = true;
            ++m_blackHoled;
        }
    }
}

void FaultProxy::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        ++m_connections;
        auto *pipe = new Pipe;
        pipe->client = client;
        client->setParent(nullptr);
        m_pipes.append(pipe);
        if (m_partition == Partition::BlackHole) {
            pipe->blackHoled = true;
            ++m_blackHoled;
        }
        connect(client, &QTcpSocket::readyRead, this, [this, pipe] { fromClient(pipe); });
        connect(client, &QTcpSocket::disconnected, this, [this, pipe] { closeLater(pipe, pipe->upstream); });
        if (!m_connectMode)
            pipe->tunnelOpen = true;
        if (pipe->blackHoled)
            continue;
        auto *upstream = new QTcpSocket;
        pipe->upstream = upstream;
        connect(upstream, &QTcpSocket::connected, this, [this, pipe] {
            if (!pipe->toUpstream.isEmpty() && pipe->upstream)
                pipe->upstream->write(std::exchange(pipe->toUpstream, {}));
        });
        connect(upstream, &QTcpSocket::readyRead, this, [this, pipe] { fromUpstream(pipe); });
        connect(upstream, &QTcpSocket::disconnected, this, [this, pipe] { closeLater(pipe, pipe->client); });
        connect(upstream, &QTcpSocket::errorOccurred, this, [this, pipe](QAbstractSocket::SocketError error) {
            // The server refused or went away (e.g. restarting): the client sees a reset.
            if (error != QAbstractSocket::RemoteHostClosedError)
                reset(pipe);
        });
        upstream->connectToHost(m_upstreamHost, m_upstreamPort);
    }
}

void FaultProxy::fromClient(Pipe *pipe)
{
    if (!pipe->client)
        return;
    QByteArray data = pipe->client->readAll();
    if (pipe->blackHoled)
        return;
    // Loss per exchange, not per connection: a kept-alive connection meets it again and again.
    if (pipe->resetAfter < 0 && m_resetProbability > 0 && QRandomGenerator::global()->generateDouble() < m_resetProbability)
        pipe->resetAfter = pipe->forwarded + QRandomGenerator::global()->bounded(4000);
    if (!pipe->tunnelOpen) {
        pipe->connectHeader += data;
        const qsizetype end = pipe->connectHeader.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        if (!pipe->connectHeader.startsWith("CONNECT ")) {
            pipe->client->write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            pipe->client->disconnectFromHost();
            return;
        }
        ++m_connectRequests;
        pipe->tunnelOpen = true;
        data = pipe->connectHeader.mid(end + 4);
        pipe->connectHeader.clear();
        forward(pipe, pipe->client, "HTTP/1.1 200 Connection established\r\n\r\n");
        if (data.isEmpty())
            return;
    }
    forward(pipe, pipe->upstream, data);
}

void FaultProxy::fromUpstream(Pipe *pipe)
{
    if (!pipe->upstream)
        return;
    const QByteArray data = pipe->upstream->readAll();
    if (pipe->blackHoled)
        return;
    forward(pipe, pipe->client, data);
}

void FaultProxy::forward(Pipe *pipe, QPointer<QTcpSocket> to, const QByteArray &data)
{
    pipe->forwarded += data.size();
    if (pipe->resetAfter >= 0 && pipe->forwarded > pipe->resetAfter) {
        reset(pipe);
        return;
    }
    auto deliver = [this, pipe, to, data] {
        if (!to || pipe->blackHoled || !m_pipes.contains(pipe))
            return;
        if (to == pipe->upstream && pipe->upstream->state() != QAbstractSocket::ConnectedState)
            pipe->toUpstream += data;
        else
            to->write(data);
    };
    // Lost on the wire: TCP resends it after its retransmission timeout, doubling while it keeps being lost.
    qint64 delay = m_latencyMs;
    for (qint64 rto = 200; m_lossProbability > 0 && rto <= 6400 && QRandomGenerator::global()->generateDouble() < m_lossProbability;
         rto *= 2) {
        delay += rto;
        ++m_lost;
    }
    // In order: nothing overtakes a chunk that waits for its retransmission.
    const int direction = to == pipe->upstream ? 0 : 1;
    const qint64 now = m_clock.elapsed();
    pipe->releaseAt[direction] = std::max(pipe->releaseAt[direction], now + delay);
    const qint64 wait = pipe->releaseAt[direction] - now;
    if (wait > 0)
        QTimer::singleShot(int(wait), this, deliver);
    else
        deliver();
}

void FaultProxy::closeLater(Pipe *pipe, QPointer<QTcpSocket> other)
{
    // After the data still in flight (same latency), so nothing overtakes it.
    auto close = [this, pipe, other] {
        if (!m_pipes.contains(pipe))
            return;
        if (other && other->state() == QAbstractSocket::ConnectedState && !pipe->blackHoled)
            other->disconnectFromHost();
        drop(pipe);
    };
    const qint64 wait = std::max(qint64(m_latencyMs), std::max(pipe->releaseAt[0], pipe->releaseAt[1]) - m_clock.elapsed());
    if (wait > 0)
        QTimer::singleShot(int(wait) + 1, this, close);
    else
        close();
}

void FaultProxy::reset(Pipe *pipe)
{
    if (!m_pipes.contains(pipe))
        return;
    ++m_resets;
    // Signals first: aborting a socket emits disconnected(), which would drop the pipe under us.
    for (QTcpSocket *socket : {pipe->client.data(), pipe->upstream.data()})
        if (socket)
            socket->disconnect(this);
    resetSocket(pipe->client);
    resetSocket(pipe->upstream);
    drop(pipe);
}

void FaultProxy::drop(Pipe *pipe)
{
    if (!m_pipes.removeOne(pipe))
        return;
    for (QTcpSocket *socket : {pipe->client.data(), pipe->upstream.data()}) {
        if (!socket)
            continue;
        // The lambdas capture the pipe, which goes now; a socket still flushing closes itself.
        socket->disconnect(this);
        if (socket->state() == QAbstractSocket::ClosingState) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::errorOccurred, socket, &QObject::deleteLater);
        } else {
            socket->deleteLater();
        }
    }
    delete pipe;
}
