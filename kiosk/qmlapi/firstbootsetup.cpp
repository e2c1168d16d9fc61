#include "firstbootsetup.h"

#include "enrollment.h"
#include "networksettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QNetworkInterface>
#include <QPointer>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>

namespace kiosk {

namespace {
constexpr int kStepTimeoutMs = 10000;

// What a technician types ("kecamatan.example.go.id") as the backend's API URL (https://…/api/v1); empty when it is no
// https URL with a host.
QString normalizedUrl(const QString &typed)
{
    QString text = typed.trimmed();
    if (!text.contains(QStringLiteral("://")))
        text.prepend(QStringLiteral("https://"));
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery()
        || url.hasFragment())
        return {};
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        url.setPath(QStringLiteral("/api/v1"));
    return url.toString(QUrl::StripTrailingSlash);
}
} // namespace

FirstBootSetup::FirstBootSetup(QObject *parent)
    : QObject(parent)
{ }

FirstBootSetup::~FirstBootSetup()
{
    // An enrollment in flight finishes (curl's own timeouts bound it) before its result has nowhere to go.
    if (m_worker) {
        m_worker->wait();
        delete m_worker;
    }
}

void FirstBootSetup::begin(const SetupPaths &paths, const QString &serverUrl)
{
    m_paths = paths;
    m_serverUrl = serverUrl;
    m_active = true;
    if (QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(this);
    refreshNetwork();
    Q_EMIT changed();
    Q_EMIT activeChanged();
}

void FirstBootSetup::beginReenrollment(const SetupPaths &paths, const QString &serverUrl)
{
    if (m_active)
        return;
    m_reenrolling = true;
    m_state = State::Idle;
    m_message.clear();
    m_connectionReport.clear();
    begin(paths, serverUrl);
}

void FirstBootSetup::cancel()
{
    if (!m_active || !m_reenrolling || m_state == State::Enrolling || m_state == State::Enrolled)
        return;
    m_active = false;
    m_reenrolling = false;
    setState(State::Idle, {});
    Q_EMIT activeChanged();
}

bool FirstBootSetup::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == QCoreApplication::instance() && event->type() == QEvent::LanguageChange && m_active) {
        refreshNetwork();
        Q_EMIT changed();
    }
    return QObject::eventFilter(watched, event);
}

QString FirstBootSetup::trustNote() const
{
    if (m_paths.caFile.isEmpty() || !QFileInfo::exists(m_paths.caFile))
        return tr("Sertifikat CA kecamatan tidak ada di anjungan ini. Pakai image yang dibuat dengan --deployment-ca, "
                  "atau letakkan ca.crt di samping berkas konfigurasi.");
    return tr("Server dipercaya hanya bila sertifikatnya ditandatangani CA kecamatan (%1).").arg(m_paths.caFile);
}

bool FirstBootSetup::wifiAvailable() const
{
    return !netapply::wirelessInterfaces().isEmpty();
}

void FirstBootSetup::refreshNetwork()
{
    const QStringList wireless = netapply::wirelessInterfaces();
    m_interfaces.clear();
    for (const QNetworkInterface &nic : QNetworkInterface::allInterfaces()) {
        if (nic.flags().testFlag(QNetworkInterface::IsLoopBack))
            continue;
        QStringList addresses;
        for (const QNetworkAddressEntry &entry : nic.addressEntries()) {
            if (!entry.ip().isLinkLocal())
                addresses << QStringLiteral("%1/%2").arg(entry.ip().toString()).arg(entry.prefixLength());
        }
        const QString kind = wireless.contains(nic.name()) ? tr("Wi-Fi") : tr("kabel");
        const QString link = !nic.flags().testFlag(QNetworkInterface::IsUp) ? tr("mati")
            : nic.flags().testFlag(QNetworkInterface::IsRunning)            ? tr("tersambung")
                                                                            : tr("tidak tersambung (kabel atau sinyal tidak ada)");
        m_interfaces << tr("%1 (%2): %3, alamat %4")
                            .arg(nic.name(), kind, link, addresses.isEmpty() ? tr("belum ada") : addresses.join(QStringLiteral(", ")));
    }
    if (m_interfaces.isEmpty())
        m_interfaces << tr("Tidak ada antarmuka jaringan: pasang kabel jaringan atau adaptor Wi-Fi.");
    // anjungan-netapply answers the last settings in a file beside them; an answer older than the settings is not theirs.
    const QFileInfo spool(m_paths.networkSpool);
    QFile result(spool.absoluteDir().filePath(QStringLiteral("result")));
    if (spool.exists() && result.exists() && QFileInfo(result).lastModified() >= spool.lastModified() && result.open(QIODevice::ReadOnly)) {
        const QString answer = QString::fromUtf8(result.readLine(400)).trimmed();
        m_networkMessage = answer == QLatin1String("ok") ? tr("Pengaturan jaringan terakhir sudah diterapkan.")
                                                         : tr("Pengaturan jaringan terakhir tidak diterapkan: %1").arg(answer);
    }
    Q_EMIT networkChanged();
}

bool FirstBootSetup::applyNetwork(bool wifi, bool staticAddressing, const QString &prefixedAddress, const QString &gateway,
    const QString &dns, const QString &ssid, const QString &passphrase)
{
    netapply::NetworkSettings settings;
    settings.uplink = wifi ? netapply::NetworkSettings::Uplink::Wifi : netapply::NetworkSettings::Uplink::Wired;
    settings.addressing = staticAddressing ? netapply::NetworkSettings::Addressing::Static : netapply::NetworkSettings::Addressing::Dhcp;
    if (staticAddressing) {
        settings.address = prefixedAddress.trimmed();
        settings.gateway = gateway.trimmed();
        settings.dns = dns.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
    }
    if (wifi) {
        settings.ssid = ssid;
        settings.psk = netapply::NetworkSettings::derivePsk(ssid, passphrase);
    }
    if (const QString problem = settings.problem(); !problem.isEmpty()) {
        m_networkMessage = problem;
        Q_EMIT networkChanged();
        return false;
    }
    QDir().mkpath(QFileInfo(m_paths.networkSpool).absolutePath());
    QFile::remove(QFileInfo(m_paths.networkSpool).absoluteDir().filePath(QStringLiteral("result")));
    QSaveFile file(m_paths.networkSpool);
    const QByteArray text = settings.toSpool();
    // The file holds the Wi-Fi key: readable by its owner (the kiosk) and root only.
    const bool saved = file.open(QIODevice::WriteOnly) && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        && file.write(text) == text.size() && file.commit();
    m_networkMessage = saved
        ? tr("Pengaturan jaringan disimpan dan diterapkan dalam beberapa detik. Tekan \"Perbarui\" untuk melihat hasilnya.")
        : tr("Pengaturan jaringan tidak dapat disimpan (%1).").arg(file.errorString());
    Q_EMIT networkChanged();
    return saved;
}

void FirstBootSetup::checkConnection(const QString &typedUrl)
{
    const QString url = normalizedUrl(typedUrl);
    m_connectionReport.clear();
    if (url.isEmpty()) {
        m_connectionReport << tr("Alamat server tidak sah: tulis seperti https://kecamatan.contoh.go.id/api/v1");
        Q_EMIT connectionChanged();
        return;
    }
    m_checking = true;
    Q_EMIT connectionChanged();
    const QUrl parsed(url);
    const QString host = parsed.host();
    const quint16 port = quint16(parsed.port(443));
    const auto report = [this](const QString &line, bool last) {
        m_connectionReport << line;
        m_checking = !last;
        Q_EMIT connectionChanged();
    };
    QHostInfo::lookupHost(host, this, [this, host, port, report](const QHostInfo &info) {
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            report(tr("DNS: nama %1 tidak ditemukan. Periksa ejaan alamat, kabel atau Wi-Fi, dan DNS.").arg(host), true);
            return;
        }
        report(tr("DNS: %1 ditemukan (%2).").arg(host, info.addresses().constFirst().toString()), false);
        auto *socket = new QSslSocket(this);
        QSslConfiguration tls = socket->sslConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(m_paths.caFile));
        tls.setProtocol(QSsl::TlsV1_2OrLater);
        socket->setSslConfiguration(tls);
        socket->setPeerVerifyName(host);
        auto *timeout = new QTimer(socket);
        timeout->setSingleShot(true);
        const auto end = [socket, report](const QString &line) {
            if (socket->property("done").toBool())
                return;
            socket->setProperty("done", true);
            report(line, true);
            socket->abort();
            socket->deleteLater();
        };
        connect(timeout, &QTimer::timeout, socket, [socket, end, host, port] {
            end(socket->state() == QAbstractSocket::ConnectedState
                    ? tr("TLS: tidak ada jawaban dari %1. Periksa alamat server.").arg(host)
                    : tr("TCP: %1 port %2 tidak menjawab. Periksa gateway, firewall atau alamat server.").arg(host).arg(port));
        });
        connect(socket, &QAbstractSocket::connected, socket,
            [report, host, port] { report(tr("TCP: tersambung ke %1 port %2.").arg(host).arg(port), false); });
        connect(socket, &QSslSocket::encrypted, socket,
            [end] { end(tr("TLS: sertifikat server sah menurut CA kecamatan. Jalur ke server siap.")); });
        connect(socket, &QSslSocket::sslErrors, socket, [end](const QList<QSslError> &errors) {
            end(tr("TLS: sertifikat server tidak dipercaya (%1). Alamat salah, atau server memakai CA lain.")
                    .arg(errors.isEmpty() ? QString() : errors.constFirst().errorString()));
        });
        connect(socket, &QAbstractSocket::errorOccurred, socket, [socket, end, host, port](QAbstractSocket::SocketError error) {
            if (error == QAbstractSocket::SslHandshakeFailedError || socket->state() == QAbstractSocket::ConnectedState)
                end(tr("TLS: jabat tangan gagal (%1).").arg(socket->errorString()));
            else
                end(tr("TCP: tidak dapat tersambung ke %1 port %2 (%3).").arg(host).arg(port).arg(socket->errorString()));
        });
        timeout->start(kStepTimeoutMs);
        socket->connectToHostEncrypted(host, port);
    });
}

void FirstBootSetup::enroll(const QString &typedUrl, const QString &code)
{
    if (m_state == State::Enrolling || m_state == State::Enrolled)
        return;
    const QString url = normalizedUrl(typedUrl);
    if (url.isEmpty()) {
        setState(State::Failed, tr("Alamat server tidak sah: tulis seperti https://kecamatan.contoh.go.id/api/v1"));
        return;
    }
    if (code.trimmed().isEmpty()) {
        setState(State::Failed, tr("Masukkan kode pendaftaran dari admin kecamatan."));
        return;
    }
    if (m_paths.caFile.isEmpty() || !QFileInfo::exists(m_paths.caFile)) {
        setState(State::Failed, trustNote());
        return;
    }
    m_serverUrl = url;
    setState(State::Enrolling, tr("Mendaftarkan anjungan ke %1 …").arg(url));
    if (m_worker) {
        m_worker->wait();
        delete m_worker;
    }
    QDir().mkpath(QFileInfo(m_paths.clientCert).absolutePath());
    QDir().mkpath(QFileInfo(m_paths.clientKey).absolutePath());
    const serverlink::KioskEnrollment::Paths tls {m_paths.caFile, m_paths.clientCert, m_paths.clientKey};
    const QPointer<FirstBootSetup> self(this);
    // Enrollment blocks on the network (curl, up to its timeouts): never on the GUI thread, whose watchdog pings must go on.
    m_worker = QThread::create([self, url, code = code.trimmed(), tls] {
        const auto enrolled = serverlink::KioskEnrollment::enroll(url, code, tls);
        const bool ok = enrolled.ok();
        const QString message = ok ? QString() : enrolled.error().message;
        const QString kioskId = ok ? enrolled.value().kioskId : QString();
        const QString desaCode = ok ? enrolled.value().desaCode : QString();
        QMetaObject::invokeMethod(
            self,
            [self, ok, message, kioskId, desaCode, url] {
                if (self)
                    self->handleEnrolled(ok, message, kioskId, desaCode, url);
            },
            Qt::QueuedConnection);
    });
    m_worker->start();
}

void FirstBootSetup::handleEnrolled(bool ok, const QString &message, const QString &kioskId, const QString &desaCode, const QString &url)
{
    if (!ok) {
        setState(State::Failed,
            m_reenrolling ? tr("Pendaftaran ulang gagal: %1 Sertifikat lama tetap dipakai.").arg(message)
                          : tr("Pendaftaran gagal: %1").arg(message));
        Q_EMIT enrollmentEnded(false, message);
        return;
    }
    const Status written = SetupConfig::write(m_paths.configFile,
        {{QStringLiteral("kiosk/id"), kioskId}, {QStringLiteral("kiosk/desaCode"), desaCode},
            {QStringLiteral("kiosk/dataDir"), m_paths.dataDir}, {QStringLiteral("server/url"), url},
            {QStringLiteral("server/caFile"), m_paths.caFile}, {QStringLiteral("server/clientCert"), m_paths.clientCert},
            {QStringLiteral("server/clientKey"), m_paths.clientKey}});
    if (!written) {
        setState(State::Failed, tr("Anjungan terdaftar, tetapi konfigurasi tidak dapat disimpan: %1").arg(written.error().message));
        Q_EMIT enrollmentEnded(false, written.error().message);
        return;
    }
    Q_EMIT enrollmentEnded(true, kioskId);
    setState(State::Enrolled,
        tr("Berhasil: anjungan terdaftar sebagai %1 untuk desa %2. Anjungan dimulai ulang dan segera melayani warga.")
            .arg(kioskId, desaCode));
}

void FirstBootSetup::finish()
{
    if (m_state != State::Enrolled || !m_active)
        return;
    m_active = false;
    Q_EMIT activeChanged();
    Q_EMIT finished();
}

void FirstBootSetup::setState(State state, const QString &message)
{
    m_state = state;
    m_message = message;
    Q_EMIT changed();
}

} // namespace kiosk
