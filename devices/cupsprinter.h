#pragma once

#include "printer.h"

#include <QStringList>

namespace devices {

/// A CUPS queue (`cups:QUEUE`) on a given server, driven through the CUPS API; CUPS types stay in the .cpp.
class CupsPrinter : public Printer
{
public:
    /// `server` is "host:port" ("[v6addr]:port" also works); empty means the system default server.
    CupsPrinter(QString queue, QString server);
    ~CupsPrinter() override;
    CupsPrinter(const CupsPrinter &) = delete;
    CupsPrinter &operator=(const CupsPrinter &) = delete;

    [[nodiscard]] QString uri() const override { return QStringLiteral("cups:") + m_queue; }
    PrintSubmission submit(const QByteArray &document, const QString &mimeType, const QString &title) override;
    [[nodiscard]] QString describeState() override;
    [[nodiscard]] DeviceState queryState() override;
    [[nodiscard]] PrinterStatus queryStatus() override;
    [[nodiscard]] int queryJobState(int jobId) override;
    bool cancelJob(int jobId) override;

    [[nodiscard]] QString queue() const { return m_queue; }

    /// The technician's sentence for an IPP printer-state (3 idle, 4 processing, 5 stopped) and its
    /// printer-state-reasons (suffixes -report/-warning/-error are ignored). Exposed for tests.
    [[nodiscard]] static QString describe(const QString &queue, int printerState, const QStringList &reasons, bool acceptingJobs);

private:
    struct Connection;
    struct Attributes;
    /// IPP requests about this queue (kept in the .cpp with the CUPS types).
    struct Ipp;
    [[nodiscard]] Attributes attributes();
    /// Opens (or re-opens after a drop) the connection; false with *error when the server does not answer.
    bool ensureConnected(QString *error);
    void disconnect();
    PrintSubmission submitOnce(const QByteArray &document, const QString &mimeType, const QString &title, bool *retry);

    QString m_queue;
    QString m_host;
    int m_port = 0;
    Connection *m_connection = nullptr;
};

} // namespace devices
