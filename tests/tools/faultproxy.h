#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

/// A TCP proxy for tests that injects network faults between a client and its server: added latency,
/// packet loss as TCP sees it (a lost segment arrives only after its retransmission timeout), a share of
/// connections reset at a random point, and partitions (connections refused or black-holed).
/// With setConnectMode(true) it also acts as an HTTP CONNECT proxy (for the kiosk's proxy setting).
/// Lives on the thread that created it; its sockets need that thread's event loop.
class FaultProxy : public QObject
{
    Q_OBJECT
public:
    enum class Partition {
        None,
        Refuse, // the port is closed: connects fail at once with "connection refused"
        BlackHole, // connections are accepted and traffic is silently dropped, in both directions
    };

    FaultProxy(QHostAddress upstreamHost, quint16 upstreamPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    /// Listens on 127.0.0.1 (port 0 = a free one); false when it cannot.
    bool listen(quint16 port = 0);
    [[nodiscard]] quint16 port() const { return m_port; }

    void setUpstreamPort(quint16 port) { m_upstreamPort = port; }
    /// Each forwarded chunk waits this long, in each direction.
    void setLatencyMs(int ms) { m_latencyMs = ms; }
    /// Chance (0–1) that a chunk is lost on the wire in either direction. TCP retransmits what is lost, so
    /// the chunk (and everything behind it, in order) arrives one retransmission timeout later: 200 ms,
    /// doubled for every further loss of the same chunk, as Linux does. Sockets on loopback cannot lose
    /// packets themselves (and tc netem is not available everywhere), so this is where loss is made.
    void setLossProbability(double p) { m_lossProbability = p; }
    /// Chance (0–1) that a chunk the client sends (a request, a handshake flight) dooms its connection:
    /// it is reset (RST both ways) within the next few kilobytes.
    void setResetProbability(double p) { m_resetProbability = p; }
    /// Starts or ends a partition; Refuse/BlackHole also cut the connections already open.
    void setPartition(Partition partition);
    /// Expect "CONNECT host:port HTTP/1.1" first, answer 200 and tunnel (an HTTP proxy).
    void setConnectMode(bool on) { m_connectMode = on; }

    [[nodiscard]] int connections() const { return m_connections; }
    [[nodiscard]] int resets() const { return m_resets; }
    [[nodiscard]] int blackHoled() const { return m_blackHoled; }
    [[nodiscard]] int lost() const { return m_lost; }
    [[nodiscard]] int connectRequests() const { return m_connectRequests; }

private:
    struct Pipe {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        qint64 resetAfter = -1; // bytes forwarded (both ways) before a reset; -1 never
        qint64 forwarded = 0;
        QByteArray toUpstream; // held until the upstream connection is up
        QByteArray connectHeader; // CONNECT mode: the request line and headers read so far
        qint64 releaseAt[2] = {0, 0}; // per direction (to upstream, to client): when its last chunk arrives
        bool tunnelOpen = false;
        bool blackHoled = false;
    };

    void accept();
    void fromClient(Pipe *pipe);
    void fromUpstream(Pipe *pipe);
    void forward(Pipe *pipe, QPointer<QTcpSocket> to, const QByteArray &data);
    void closeLater(Pipe *pipe, QPointer<QTcpSocket> other);
    void reset(Pipe *pipe);
    void drop(Pipe *pipe);

    QTcpServer m_server;
    QHostAddress m_upstreamHost;
    quint16 m_upstreamPort = 0;
    quint16 m_port = 0;
    int m_latencyMs = 0;
    double m_resetProbability = 0;
    double m_lossProbability = 0;
    QElapsedTimer m_clock;
    Partition m_partition = Partition::None;
    bool m_connectMode = false;
    QList<Pipe *> m_pipes;
    int m_connections = 0;
    int m_resets = 0;
    int m_blackHoled = 0;
    int m_lost = 0;
    int m_connectRequests = 0;
};
