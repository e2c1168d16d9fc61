#pragma once

#include "linkclient.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace kiosk {

/// One check of the link to the backend, step by step as a technician reads it: DNS, TCP, TLS against the pinned
/// CA with this kiosk's client certificate, and the clock against the backend's Date header.
struct LinkCheck {
    enum class Step { Dns, Tcp, Tls, Done };
    Step failedAt = Step::Done; // Done: every step passed
    QStringList lines; // Bahasa Indonesia, one per step
    qint64 clockSkewSeconds = 0; // kiosk minus backend; 0 when unknown
};

/// Runs the check (blocks up to the link's timeouts: call it off the UI thread).
[[nodiscard]] LinkCheck checkLink(const QString &serverUrl, const serverlink::TlsPolicy &tls, serverlink::LinkOptions options = {});

} // namespace kiosk
