#include "cupsprinter.h"

#include <cups/cups.h>

#include <array>
#include <utility>

namespace devices {

struct CupsPrinter::Connection {
    http_t *http = nullptr;
};

namespace {

constexpr int kConnectTimeoutMs = 5000;
constexpr double kIoTimeoutSeconds = 15.0;

/// Owns a destination returned by cupsGetNamedDest.
struct DestHolder {
    cups_dest_t *dest = nullptr;
    ~DestHolder()
    {
        if (dest)
            cupsFreeDests(1, dest);
    }
};

/// Owns destination info returned by cupsCopyDestInfo.
struct InfoHolder {
    cups_dinfo_t *info = nullptr;
    ~InfoHolder()
    {
        if (info)
            cupsFreeDestInfo(info);
    }
};

/// Owns an IPP message.
struct IppHolder {
    ipp_t *ipp = nullptr;
    ~IppHolder()
    {
        if (ipp)
            ippDelete(ipp);
    }
};

/// "host:port", "[v6]:port", "host" or a domain socket path → host and port.
std::pair<QString, int> splitServer(const QString &server)
{
    if (server.isEmpty())
        return {QString::fromUtf8(cupsServer()), ippPort()};
    if (server.startsWith(QLatin1Char('/')))
        return {server, 0};
    if (server.startsWith(QLatin1Char('['))) {
        const qsizetype close = server.indexOf(QLatin1Char(']'));
        if (close > 0) {
            bool ok = false;
            const int port = server.mid(close + 2).toInt(&ok);
            return {server.mid(1, close - 1), ok ? port : ippPort()};
        }
    }
    const qsizetype colon = server.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && server.indexOf(QLatin1Char(':')) == colon) {
        bool ok = false;
        const int port = server.mid(colon + 1).toInt(&ok);
        return {server.left(colon), ok ? port : ippPort()};
    }
    return {server, ippPort()};
}

QString lastCupsMessage()
{
    return QString::fromUtf8(cupsLastErrorString());
}

/// True when the last failure came from the connection rather than from the server's answer.
bool connectionFailed(http_t *http)
{
    const ipp_status_t status = cupsLastError();
    return status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || (http && httpError(http) != 0) || (http && httpGetFd(http) < 0);
}

QString unreachableServer(const QString &host, int port)
{
    const QString where = port > 0 ? QStringLiteral("%1:%2").arg(host).arg(port) : host;
    return QStringLiteral("Server cetak (%1) tidak dapat dihubungi. Pastikan layanan CUPS berjalan, lalu coba lagi; "
                          "jika tetap gagal, hubungi teknisi.")
        .arg(where);
}

QString queueNotFound(const QString &queue)
{
    return QStringLiteral("Printer \"%1\" tidak ditemukan di server cetak. Hubungi teknisi.").arg(queue);
}

QString reasonText(const QString &reason)
{
    struct Entry {
        const char *keyword;
        const char *text;
    };
    static constexpr std::array<Entry, 12> table {{
        {"media-empty", "kertas habis"},
        {"media-needed", "kertas habis"},
        {"media-low", "kertas hampir habis"},
        {"media-jam", "kertas macet"},
        {"offline", "offline"},
        {"door-open", "tutup terbuka"},
        {"cover-open", "tutup terbuka"},
        {"toner-low", "toner hampir habis"},
        {"toner-empty", "toner habis"},
        {"marker-supply-low", "tinta/toner hampir habis"},
        {"paused", "dijeda"},
        {"connecting-to-device", "sedang menghubungi printer"},
    }};
    for (const Entry &entry : table) {
        if (reason == QLatin1String(entry.keyword))
            return QString::fromUtf8(entry.text);
    }
    return reason;
}

} // namespace

CupsPrinter::CupsPrinter(QString queue, QString server)
    : m_queue(std::move(queue))
{
    std::tie(m_host, m_port) = splitServer(server);
}

CupsPrinter::~CupsPrinter()
{
    disconnect();
}

void CupsPrinter::disconnect()
{
    if (m_connection && m_connection->http)
        httpClose(m_connection->http);
    delete m_connection;
    m_connection = nullptr;
}

bool CupsPrinter::ensureConnected(QString *error)
{
    if (m_connection && httpGetFd(m_connection->http) < 0)
        disconnect();
    if (m_connection)
        return true;
    http_t *http = httpConnect2(
        m_host.toUtf8().constData(), m_port, nullptr, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, kConnectTimeoutMs, nullptr);
    if (!http) {
        if (error)
            *error = unreachableServer(m_host, m_port);
        return false;
    }
    httpSetTimeout(http, kIoTimeoutSeconds, nullptr, nullptr);
    m_connection = new Connection {http};
    return true;
}

PrintSubmission CupsPrinter::submit(const QByteArray &document, const QString &mimeType, const QString &title)
{
    bool retry = false;
    PrintSubmission result = submitOnce(document, mimeType, title, &retry);
    // A dropped keep-alive connection (cupsd restarted) is reopened once, as long as no job was created yet.
    if (!result.accepted && retry) {
        disconnect();
        result = submitOnce(document, mimeType, title, &retry);
    }
    return result;
}

PrintSubmission CupsPrinter::submitOnce(const QByteArray &document, const QString &mimeType, const QString &title, bool *retry)
{
    *retry = false;
    PrintSubmission result;
    if (!ensureConnected(&result.error))
        return result;
    http_t *http = m_connection->http;
    const QByteArray queue = m_queue.toUtf8();

    DestHolder dest {cupsGetNamedDest(http, queue.constData(), nullptr)};
    if (!dest.dest) {
        if (connectionFailed(http)) {
            *retry = true;
            result.error = unreachableServer(m_host, m_port);
        } else {
            result.error = queueNotFound(m_queue);
        }
        return result;
    }
    // On a connection to a server other than the process default, libcups treats the peer as the device
    // itself and addresses it by the queue's "device-uri" (capture:…, usb:…); point that at the queue's
    // own printer URI on this server instead.
    if (const char *printerUri = cupsGetOption("printer-uri-supported", dest.dest->num_options, dest.dest->options)) {
        const QByteArray uri(printerUri);
        dest.dest->num_options = cupsAddOption("device-uri", uri.constData(), dest.dest->num_options, &dest.dest->options);
    }
    InfoHolder info {cupsCopyDestInfo(http, dest.dest)};
    if (!info.info) {
        *retry = connectionFailed(http);
        result.error = *retry ? unreachableServer(m_host, m_port)
                              : QStringLiteral("Printer \"%1\" tidak memberi keterangan kepada server cetak (%2). Hubungi teknisi.")
                                    .arg(m_queue, lastCupsMessage());
        return result;
    }

    const QByteArray titleUtf8 = title.toUtf8();
    int jobId = 0;
    const ipp_status_t created = cupsCreateDestJob(http, dest.dest, info.info, &jobId, titleUtf8.constData(), 0, nullptr);
    if (created > IPP_STATUS_OK_EVENTS_COMPLETE || jobId <= 0) {
        if (created == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS) {
            result.error = QStringLiteral("Printer \"%1\" sedang tidak menerima pekerjaan cetak. Periksa printer, "
                                          "lalu minta teknisi mengaktifkannya kembali.")
                               .arg(m_queue);
        } else if (created == IPP_STATUS_ERROR_NOT_FOUND) {
            result.error = queueNotFound(m_queue);
        } else if (connectionFailed(http)) {
            *retry = true;
            result.error = unreachableServer(m_host, m_port);
        } else {
            result.error = QStringLiteral("Printer \"%1\" menolak pekerjaan cetak (%2). Hubungi teknisi.").arg(m_queue, lastCupsMessage());
        }
        return result;
    }

    const QByteArray format = mimeType.toUtf8();
    auto failAndCancel = [&](const QString &why) {
        cupsCancelDestJob(http, dest.dest, jobId);
        result.error = why;
        return result;
    };
    // No document-name: the job carries the title. cupsd 2.4.2-3+deb12u10 (Debian 12 security update of
    // November 2026) crashes when it starts a job whose document-name contains a space.
    if (cupsStartDestDocument(http, dest.dest, info.info, jobId, nullptr, format.constData(), 0, nullptr, 1) != HTTP_STATUS_CONTINUE) {
        return failAndCancel(QStringLiteral("Dokumen tidak dapat dikirim ke printer \"%1\" (%2). Coba lagi atau hubungi teknisi.")
                                 .arg(m_queue, lastCupsMessage()));
    }
    if (!document.isEmpty() && cupsWriteRequestData(http, document.constData(), size_t(document.size())) != HTTP_STATUS_CONTINUE) {
        cupsFinishDestDocument(http, dest.dest, info.info);
        return failAndCancel(QStringLiteral("Pengiriman dokumen ke printer \"%1\" terputus. Coba lagi atau hubungi teknisi.").arg(m_queue));
    }
    const ipp_status_t finished = cupsFinishDestDocument(http, dest.dest, info.info);
    if (finished > IPP_STATUS_OK_EVENTS_COMPLETE) {
        if (finished == IPP_STATUS_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED) {
            return failAndCancel(
                QStringLiteral("Printer \"%1\" tidak dapat mencetak dokumen jenis %2. Hubungi teknisi.").arg(m_queue, mimeType));
        }
        return failAndCancel(QStringLiteral("Printer \"%1\" menolak dokumen (%2). Hubungi teknisi.").arg(m_queue, lastCupsMessage()));
    }
    result.accepted = true;
    result.jobId = jobId;
    return result;
}

/// printer-state, printer-state-reasons and printer-is-accepting-jobs of the queue, as one snapshot.
struct CupsPrinter::Attributes {
    bool reached = false;
    bool found = false;
    QString error; // when reached but the answer was an error
    int state = 0;
    QStringList reasons;
    bool accepting = true;
};

struct CupsPrinter::Ipp {
    /// Sends the request `make` builds for the queue (and `jobId`); null when there is no answer, with
    /// *reached false when the server could not be reached at all.
    static ipp_t *request(CupsPrinter &printer, ipp_t *(*make)(const char *printerUri, int jobId), int jobId, bool *reached)
    {
        char printerUri[HTTP_MAX_URI];
        httpAssembleURIf(HTTP_URI_CODING_ALL, printerUri, sizeof printerUri, "ipp", nullptr, "localhost", ippPort(), "/printers/%s",
            printer.m_queue.toUtf8().constData());
        *reached = false;
        // A dropped keep-alive connection (cupsd restarted) is reopened once.
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (!printer.ensureConnected(nullptr))
                return nullptr;
            http_t *http = printer.m_connection->http;
            ipp_t *response = cupsDoRequest(http, make(printerUri, jobId), "/");
            if (response || !connectionFailed(http)) {
                *reached = true;
                return response;
            }
            printer.disconnect();
        }
        return nullptr;
    }
};

CupsPrinter::Attributes CupsPrinter::attributes()
{
    Attributes result;
    IppHolder response {Ipp::request(
        *this,
        [](const char *printerUri, int) {
            ipp_t *r = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
            ippAddString(r, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printerUri);
            static const char *const requested[] = {"printer-state", "printer-state-reasons", "printer-is-accepting-jobs"};
            ippAddStrings(r, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", int(std::size(requested)), nullptr, requested);
            return r;
        },
        0, &result.reached)};
    if (!response.ipp) {
        result.error = lastCupsMessage();
        return result;
    }
    if (ippGetStatusCode(response.ipp) == IPP_STATUS_ERROR_NOT_FOUND)
        return result;
    if (ippGetStatusCode(response.ipp) > IPP_STATUS_OK_EVENTS_COMPLETE) {
        result.error = lastCupsMessage();
        return result;
    }
    result.found = true;
    ipp_attribute_t *stateAttr = ippFindAttribute(response.ipp, "printer-state", IPP_TAG_ENUM);
    result.state = stateAttr ? ippGetInteger(stateAttr, 0) : 0;
    if (ipp_attribute_t *reasonsAttr = ippFindAttribute(response.ipp, "printer-state-reasons", IPP_TAG_KEYWORD)) {
        for (int i = 0; i < ippGetCount(reasonsAttr); ++i)
            result.reasons << QString::fromUtf8(ippGetString(reasonsAttr, i, nullptr));
    }
    ipp_attribute_t *acceptingAttr = ippFindAttribute(response.ipp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
    result.accepting = !acceptingAttr || ippGetBoolean(acceptingAttr, 0);
    return result;
}

QString CupsPrinter::describeState()
{
    const Attributes a = attributes();
    if (!a.reached)
        return unreachableServer(m_host, m_port);
    if (!a.found && a.error.isEmpty())
        return queueNotFound(m_queue);
    if (!a.found)
        return QStringLiteral("Keadaan printer \"%1\" tidak dapat dibaca (%2). Hubungi teknisi.").arg(m_queue, a.error);
    return describe(m_queue, a.state, a.reasons, a.accepting);
}

DeviceState CupsPrinter::queryState()
{
    return queryStatus().state;
}

PrinterStatus CupsPrinter::queryStatus()
{
    const Attributes a = attributes();
    if (!a.reached)
        return {DeviceState::Offline, 0, {}};
    if (!a.found)
        return {DeviceState::Unknown, 0, {}};
    return {deviceStateFor(a.state, a.reasons, a.accepting), a.state, a.reasons};
}

int CupsPrinter::queryJobState(int jobId)
{
    bool reached = false;
    IppHolder response {Ipp::request(
        *this,
        [](const char *printerUri, int id) {
            ipp_t *r = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
            ippAddString(r, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printerUri);
            ippAddInteger(r, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", id);
            static const char *const requested[] = {"job-state"};
            ippAddStrings(r, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", int(std::size(requested)), nullptr, requested);
            return r;
        },
        jobId, &reached)};
    if (!response.ipp)
        return reached && cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND ? jobstate::Unknown : jobstate::Unreachable;
    if (ippGetStatusCode(response.ipp) == IPP_STATUS_ERROR_NOT_FOUND)
        return jobstate::Unknown;
    ipp_attribute_t *state = ippFindAttribute(response.ipp, "job-state", IPP_TAG_ENUM);
    return state ? ippGetInteger(state, 0) : jobstate::Unreachable;
}

bool CupsPrinter::cancelJob(int jobId)
{
    bool reached = false;
    IppHolder response {Ipp::request(
        *this,
        [](const char *printerUri, int id) {
            ipp_t *r = ippNewRequest(IPP_OP_CANCEL_JOB);
            ippAddString(r, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printerUri);
            ippAddInteger(r, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", id);
            ippAddString(r, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
            return r;
        },
        jobId, &reached)};
    return response.ipp && ippGetStatusCode(response.ipp) <= IPP_STATUS_OK_EVENTS_COMPLETE;
}

QString CupsPrinter::describe(const QString &queue, int printerState, const QStringList &reasons, bool acceptingJobs)
{
    QString state;
    switch (printerState) {
    case IPP_PSTATE_IDLE:
        state = QStringLiteral("siap");
        break;
    case IPP_PSTATE_PROCESSING:
        state = QStringLiteral("sedang mencetak");
        break;
    case IPP_PSTATE_STOPPED:
        state = QStringLiteral("berhenti");
        break;
    default:
        state = QStringLiteral("keadaan tidak diketahui");
        break;
    }
    QStringList details;
    for (const QString &raw : reasons) {
        const QString reason = stripStateReasonSuffix(raw);
        if (reason.isEmpty() || reason == QLatin1String("none"))
            continue;
        const QString text = reasonText(reason);
        if (!details.contains(text))
            details << text;
    }
    if (!acceptingJobs)
        details << QStringLiteral("tidak menerima pekerjaan cetak");
    QString line = QStringLiteral("Printer \"%1\": %2").arg(queue, state);
    if (!details.isEmpty())
        line += QStringLiteral(" (%1)").arg(details.join(QStringLiteral(", ")));
    return line + QLatin1Char('.');
}

} // namespace devices
