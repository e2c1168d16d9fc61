#pragma once

// curl against a backend's HTTPS listener on localhost, trusting the test PKI's CA: status, headers and body as curl
// saw them. For tests that talk to the console listener without a browser.
#include <QByteArray>
#include <QFile>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace testsupport {

/// One request: method, path with query, optional cookie jar, form fields, extra headers, a body file.
struct CurlRequest {
    QString method = QStringLiteral("GET");
    QString path;
    QString jar; // cookie jar file; empty: no cookies
    QStringList form; // name=value, sent --data-urlencode
    QList<QPair<QString, QString>> headers;
    QString bodyFile; // sent as is (--data-binary @file) with Content-Type: application/json
    QString source; // local address to send from (--interface), e.g. 127.0.0.2: another "browser" for per-source limits
};

/// What curl saw: HTTP status (0 when curl did not finish), the response headers and body.
struct CurlReply {
    int status = 0;
    QByteArray headers;
    QByteArray body;

    /// The value of a response header (any case), empty when absent.
    [[nodiscard]] QString header(const QString &name) const
    {
        static const QRegularExpression line(QStringLiteral("^([^:\\r\\n]+):\\s*([^\\r\\n]*)"), QRegularExpression::MultilineOption);
        for (auto it = line.globalMatch(QString::fromLatin1(headers)); it.hasNext();) {
            const auto m = it.next();
            if (m.captured(1).compare(name, Qt::CaseInsensitive) == 0)
                return m.captured(2);
        }
        return {};
    }
};

/// `request` to https://localhost:`port`; `headerFile` is where curl writes the response headers (overwritten).
inline CurlReply curl(quint16 port, const QString &caFile, const QString &headerFile, const CurlRequest &request)
{
    QFile::remove(headerFile);
    QStringList args {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("20"), QStringLiteral("-X"), request.method,
        QStringLiteral("--cacert"), caFile, QStringLiteral("-D"), headerFile, QStringLiteral("-w"), QStringLiteral("\n%{http_code}")};
    if (!request.jar.isEmpty())
        args << QStringLiteral("-c") << request.jar << QStringLiteral("-b") << request.jar;
    for (const auto &[name, value] : request.headers)
        args << QStringLiteral("-H") << name + QStringLiteral(": ") + value;
    if (!request.bodyFile.isEmpty())
        args << QStringLiteral("-H") << QStringLiteral("Content-Type: application/json") << QStringLiteral("--data-binary")
             << QLatin1Char('@') + request.bodyFile;
    for (const QString &field : request.form)
        args << QStringLiteral("--data-urlencode") << field;
    if (!request.source.isEmpty())
        args << QStringLiteral("--interface") << request.source;
    args << QStringLiteral("https://localhost:%1%2").arg(port).arg(request.path);
    QProcess process;
    process.start(QStringLiteral("curl"), args);
    CurlReply reply;
    if (!process.waitForFinished(25000))
        return reply;
    const QByteArray out = process.readAllStandardOutput();
    const qsizetype split = out.lastIndexOf('\n');
    reply.body = out.left(split);
    reply.status = out.mid(split + 1).toInt();
    QFile h(headerFile);
    if (h.open(QIODevice::ReadOnly))
        reply.headers = h.readAll();
    return reply;
}

} // namespace testsupport
