#pragma once

#include <QByteArray>
#include <QString>
#include <memory>

namespace devices {

/// Outcome of handing a document to a print queue.
struct [[nodiscard]] PrintSubmission {
    bool accepted = false;
    int jobId = 0;
    /// Human-readable reason in Bahasa Indonesia when not accepted.
    QString error;
};

/// A print queue. Implementations are chosen by URI scheme (`cups:QUEUE`), see createPrinter().
class Printer
{
public:
    virtual ~Printer() = default;
    [[nodiscard]] virtual QString uri() const = 0;
    /// Sends one document. `mimeType` is e.g. "application/vnd.cups-raw" (ESC/POS) or "application/pdf".
    virtual PrintSubmission submit(const QByteArray &document, const QString &mimeType, const QString &title) = 0;
    /// One line about the queue for technicians (state and reasons), in Bahasa Indonesia.
    [[nodiscard]] virtual QString describeState() = 0;
};

/// Builds the printer for `uri`: `cups:QUEUE` uses the CUPS server from `cupsServer`
/// ("host:port"; empty = the system default). nullptr (and *error) for an unknown scheme.
[[nodiscard]] std::unique_ptr<Printer> createPrinter(const QString &uri, const QString &cupsServer, QString *error = nullptr);

} // namespace devices
