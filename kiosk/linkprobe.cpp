#include "linkprobe.h"

#include <QLocale>
#include <QUrl>

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

namespace kiosk {

LinkCheck checkLink(const QString &serverUrl, const serverlink::TlsPolicy &tls, serverlink::LinkOptions options)
{
    LinkCheck check;
    const QUrl url(serverUrl);
    if (!url.isValid() || url.host().isEmpty()) {
        check.failedAt = LinkCheck::Step::Dns;
        check.lines << QStringLiteral("DNS: alamat server \"%1\" tidak sah; periksa [server] url.").arg(serverUrl);
        return check;
    }
    // DNS on its own, so that "no route" and "no name" are told apart (the HTTPS client reports both as network).
    addrinfo hints {};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    if (const int rc = getaddrinfo(url.host().toUtf8().constData(), nullptr, &hints, &found); rc != 0 || !found) {
        check.failedAt = LinkCheck::Step::Dns;
        check.lines << QStringLiteral("DNS: nama %1 tidak ditemukan (%2). Periksa jaringan dan DNS.")
                           .arg(url.host(), QString::fromLocal8Bit(gai_strerror(rc)));
        return check;
    }
    char address[INET6_ADDRSTRLEN] = {};
    const void *raw = found->ai_family == AF_INET6 ? static_cast<const void *>(&reinterpret_cast<sockaddr_in6 *>(found->ai_addr)->sin6_addr)
                                                   : static_cast<const void *>(&reinterpret_cast<sockaddr_in *>(found->ai_addr)->sin_addr);
    inet_ntop(found->ai_family, raw, address, sizeof address);
    freeaddrinfo(found);
    check.lines << QStringLiteral("DNS: %1 → %2").arg(url.host(), QString::fromLatin1(address));

    // TCP and TLS in one request: the pinned CA, the client certificate, and any HTTP status means both passed.
    options.requestTimeoutMs = std::min(options.requestTimeoutMs, 10000);
    serverlink::LinkClient client(serverUrl, tls, options);
    const serverlink::LinkResponse response = client.head(QStringLiteral("/trust-list"));
    if (response.error == serverlink::LinkError::Network || response.error == serverlink::LinkError::Aborted) {
        check.failedAt = LinkCheck::Step::Tcp;
        check.lines << QStringLiteral("TCP: %1 port %2 tidak tersambung: %3").arg(url.host()).arg(url.port(443)).arg(response.errorText);
        return check;
    }
    check.lines << QStringLiteral("TCP: %1 port %2 tersambung").arg(url.host()).arg(url.port(443));
    if (response.error == serverlink::LinkError::Tls) {
        check.failedAt = LinkCheck::Step::Tls;
        check.lines << QStringLiteral("TLS: gagal: %1. Sertifikat server harus dari CA yang dipasang (%2) dan sertifikat anjungan "
                                      "harus berlaku.")
                           .arg(response.errorText, tls.caFile);
        return check;
    }
    check.lines << QStringLiteral("TLS: berhasil; sertifikat server dari CA yang dipasang (%1), jawaban HTTP %2")
                       .arg(tls.caFile)
                       .arg(response.status);
    // RFC 9110's IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), read in the C locale whatever the kiosk's.
    QDateTime serverTime
        = QLocale::c().toDateTime(QString::fromLatin1(response.header("date")), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    serverTime.setTimeSpec(Qt::UTC);
    if (serverTime.isValid()) {
        check.clockSkewSeconds = serverTime.secsTo(QDateTime::currentDateTimeUtc());
        check.lines << QStringLiteral("Selisih jam dengan server: %1 detik%2")
                           .arg(check.clockSkewSeconds)
                           .arg(std::abs(check.clockSkewSeconds) > 120 ? QStringLiteral(" (terlalu jauh: periksa NTP)") : QString());
    } else {
        check.lines << QStringLiteral("Selisih jam dengan server: tidak diketahui (server tidak mengirim tanggal)");
    }
    return check;
}

} // namespace kiosk
