#include "notifications.h"

#include "backendstore.h"
#include "protocol.h"
#include "reminders.h"

#include <QDebug>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>
#include <curl/curl.h>

namespace backend {

namespace {

constexpr int kMaxSms = 160;
constexpr int kDueBatch = 50;

struct KindName {
    NotificationKind kind;
    const char *wire;
};

constexpr KindName kKindNames[] {
    {NotificationKind::Ready, "READY"},
    {NotificationKind::NeedsFix, "NEEDS_FIX"},
    {NotificationKind::Rejected, "REJECTED"},
    {NotificationKind::PickupReminder, "PICKUP_REMINDER"},
    {NotificationKind::SlaReminder, "SLA_REMINDER"},
    {NotificationKind::ComplaintAnswered, "COMPLAINT_ANSWERED"},
    {NotificationKind::FleetAlert, "FLEET_ALERT"},
    {NotificationKind::StatusAnswer, "STATUS_ANSWER"},
};

/// SMS gateways count GSM-7 characters; anything else (curly quotes, accents) would halve the limit.
QString gsmSafe(const QString &text)
{
    QString out;
    for (const QChar c : text.simplified()) {
        const char16_t u = c.unicode();
        if (u == u'\u2018' || u == u'\u2019')
            out += QLatin1Char('\'');
        else if (u == u'\u201c' || u == u'\u201d')
            out += QLatin1Char('"');
        else if (u == u'\u2013' || u == u'\u2014')
            out += QLatin1Char('-');
        else if (u >= 0x20 && u < 0x7f)
            out += c;
        else
            out += QLatin1Char('?');
    }
    return out;
}

/// Officer notes are free text: a 16-digit run could be a NIK and never goes into an SMS.
QString withoutNik(const QString &note)
{
    static const QRegularExpression digits(QStringLiteral("\\d{12,}"));
    return QString(note).replace(digits, QStringLiteral("[dihapus]"));
}

/// `head` + note + `tail`, shortening the note with "..." so the whole stays within 160 characters.
QString fitNote(const QString &head, const QString &note, const QString &tail)
{
    const int room = kMaxSms - int(head.size() + tail.size());
    QString n = gsmSafe(withoutNik(note));
    if (n.size() > room)
        n = n.left(std::max(0, room - 3)).trimmed() + QStringLiteral("...");
    return (head + n + tail).left(kMaxSms);
}

} // namespace

QString notificationKindToWire(NotificationKind kind)
{
    for (const auto &k : kKindNames)
        if (k.kind == kind)
            return QString::fromLatin1(k.wire);
    return {};
}

std::optional<NotificationKind> notificationKindFromWire(const QString &wire)
{
    for (const auto &k : kKindNames)
        if (wire == QLatin1String(k.wire))
            return k.kind;
    return std::nullopt;
}

std::optional<NotificationRecord> transitionNotification(
    const QString &registrationNumber, const QString &phone, serverlink::Stage to, const QString &note, const QDateTime &now)
{
    using serverlink::Stage;
    std::optional<NotificationKind> kind;
    if (to == Stage::Ready)
        kind = NotificationKind::Ready;
    else if (to == Stage::NeedsFix)
        kind = NotificationKind::NeedsFix;
    else if (to == Stage::Rejected)
        kind = NotificationKind::Rejected;
    if (!kind || phone.isEmpty())
        return std::nullopt;
    NotificationRecord n;
    n.registrationNumber = registrationNumber;
    n.kind = *kind;
    n.recipientKind = QStringLiteral("citizen");
    n.recipient = phone;
    n.message = smstext::forTransition(*kind, registrationNumber, note);
    n.status = QStringLiteral("pending");
    n.nextAttemptAt = now;
    n.createdAt = now;
    return n;
}

namespace smstext {

QString forTransition(NotificationKind kind, const QString &reg, const QString &note)
{
    switch (kind) {
    case NotificationKind::Ready:
        return gsmSafe(
            QStringLiteral("Surat Anda (No. Reg %1) sudah selesai. Silakan ambil di kantor desa dengan membawa KTP asli.").arg(reg));
    case NotificationKind::NeedsFix:
        return fitNote(QStringLiteral("Permohonan %1 perlu diperbaiki: ").arg(reg), note,
            QStringLiteral(". Perbaiki di anjungan desa dengan tiket atau nomor registrasi + NIK."));
    case NotificationKind::Rejected:
        return fitNote(QStringLiteral("Permohonan No. Reg %1 ditolak: ").arg(reg), note, QStringLiteral(". Info di kantor desa."));
    default:
        return {};
    }
}

QString complaintAnswer(const QString &number, const QString &answer)
{
    return fitNote(
        QStringLiteral("Jawaban pengaduan %1: ").arg(number), answer, QStringLiteral(". Selengkapnya: pindai slip di anjungan."));
}

QString statusAnswer(const QString &reg, const QString &stageLabel, const QString &maskedName)
{
    if (stageLabel.isEmpty())
        return gsmSafe(QStringLiteral("Nomor registrasi %1 tidak ditemukan. Periksa lagi nomor pada tiket Anda.").arg(reg));
    return gsmSafe(QStringLiteral("Permohonan %1 a.n. %2: %3.").arg(reg, maskedName, stageLabel)).left(kMaxSms);
}

QString pickupReminder(const QString &reg, const QDate &readySince)
{
    return gsmSafe(QStringLiteral("Pengingat: surat No. Reg %1 sudah siap sejak %2. Silakan ambil di kantor desa dengan membawa KTP asli.")
                       .arg(reg, readySince.toString(QStringLiteral("dd-MM-yyyy"))));
}

QString slaReminder(const QString &reg, const QString &serviceCode, const QString &stageLabel, int days)
{
    return gsmSafe(QStringLiteral("Permohonan %1 (%2) pada tahap '%3' melewati batas %4 hari. Mohon segera diproses.")
                       .arg(reg, serviceCode, stageLabel)
                       .arg(days))
        .left(kMaxSms);
}

QString maskPhone(const QString &phone)
{
    if (phone.size() < 10)
        return QStringLiteral("****");
    return phone.left(6) + QString(phone.size() - 9, QLatin1Char('*')) + phone.right(3);
}

} // namespace smstext

namespace {

size_t discardBody(char *, size_t size, size_t count, void *)
{
    return size * count;
}

class HttpSmsGateway final : public SmsTransport
{
public:
    HttpSmsGateway(QString url, QString token)
        : m_url(std::move(url))
        , m_token(std::move(token))
    { }

    SendOutcome send(const SmsMessage &m) override
    {
        CURL *curl = curl_easy_init();
        if (!curl)
            return {false, false, QStringLiteral("libcurl tidak dapat dipakai")};
        const QByteArray url = m_url.toUtf8();
        const QByteArray body = QJsonDocument(
            QJsonObject {{QStringLiteral("id"), m.idempotencyKey}, {QStringLiteral("to"), m.to},
                {QStringLiteral("text"),
                    m.text}}).toJson(QJsonDocument::Compact);
        curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
        headers = curl_slist_append(headers, QByteArray("Idempotency-Key: " + m.idempotencyKey.toUtf8()).constData());
        if (!m_token.isEmpty())
            headers = curl_slist_append(headers, QByteArray("Authorization: Bearer " + m_token.toUtf8()).constData());
        curl_easy_setopt(curl, CURLOPT_URL, url.constData());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, long(body.size()));
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discardBody);
        const CURLcode rc = curl_easy_perform(curl);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        curl_slist_free_all(headers);
        curl_easy_cleanup(curl);
        if (rc != CURLE_OK)
            return {false, false, QStringLiteral("gateway SMS tidak terjangkau: %1").arg(QString::fromUtf8(curl_easy_strerror(rc)))};
        if (status >= 200 && status < 300)
            return {true, false, QStringLiteral("HTTP %1").arg(status)};
        return {false, !serverlink::isTransientStatus(status), QStringLiteral("gateway SMS menjawab HTTP %1").arg(status)};
    }
    QString name() const override { return QStringLiteral("http"); }

private:
    QString m_url;
    QString m_token;
};

class GammuSmsdInject final : public SmsTransport
{
public:
    explicit GammuSmsdInject(QString program)
        : m_program(std::move(program))
    { }

    SendOutcome send(const SmsMessage &m) override
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(m_program, {QStringLiteral("TEXT"), m.to, QStringLiteral("-text"), m.text});
        if (!p.waitForStarted(5000))
            return {false, false, QStringLiteral("%1 tidak dapat dijalankan: %2").arg(m_program, p.errorString())};
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished(1000);
            return {false, false, QStringLiteral("%1 tidak selesai dalam 30 detik").arg(m_program)};
        }
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return {false, false, QStringLiteral("%1 gagal (kode %2)").arg(m_program).arg(p.exitCode())};
        return {true, false, QStringLiteral("masuk antrean Gammu SMSD")};
    }
    QString name() const override { return QStringLiteral("gammu"); }

private:
    QString m_program;
};

} // namespace

std::unique_ptr<SmsTransport> makeHttpSmsGateway(const QString &url, const QString &token)
{
    return std::make_unique<HttpSmsGateway>(url, token);
}

std::unique_ptr<SmsTransport> makeGammuSmsdInject(const QString &program)
{
    return std::make_unique<GammuSmsdInject>(program);
}

Result<NotificationSettings> NotificationSettings::load(const QString &path)
{
    NotificationSettings s;
    if (path.isEmpty() || !QFile::exists(path))
        return s;
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return Error {ErrorCode::Io, QStringLiteral("Berkas pengaturan notifikasi %1 tidak dapat dibaca.").arg(path)};
    const auto number = [&ini](const char *key, int fallback, int minimum) {
        bool ok = false;
        const int v = ini.value(QLatin1String(key)).toInt(&ok);
        return ok ? std::max(minimum, v) : fallback;
    };
    s.transport = ini.value(QStringLiteral("sms/transport"), s.transport).toString().trimmed().toLower();
    s.url = ini.value(QStringLiteral("sms/url")).toString();
    s.token = ini.value(QStringLiteral("sms/token")).toString();
    const QString tokenFile = ini.value(QStringLiteral("sms/token_file")).toString();
    if (!tokenFile.isEmpty()) {
        QFile f(tokenFile);
        if (!f.open(QIODevice::ReadOnly))
            return Error {ErrorCode::Io, QStringLiteral("Berkas token gateway SMS %1 tidak dapat dibaca.").arg(tokenFile)};
        s.token = QString::fromUtf8(f.readAll()).trimmed();
    }
    s.gammuInject = ini.value(QStringLiteral("sms/gammu_inject"), s.gammuInject).toString();
    s.pollIntervalMs = number("outbox/poll_interval_ms", s.pollIntervalMs, 50);
    s.retryBaseMs = number("outbox/retry_base_ms", s.retryBaseMs, 10);
    s.retryCapMs = number("outbox/retry_cap_ms", s.retryCapMs, s.retryBaseMs);
    s.maxAttempts = number("outbox/max_attempts", s.maxAttempts, 1);
    s.reminderScanIntervalMs = number("reminders/scan_interval_ms", s.reminderScanIntervalMs, 100);
    s.reminders.pickupAfterDays = number("reminders/pickup_after_days", s.reminders.pickupAfterDays, 0);
    s.reminders.defaultSlaDays = number("reminders/default_sla_days", s.reminders.defaultSlaDays, 0);
    if (s.transport != QLatin1String("off") && s.transport != QLatin1String("http") && s.transport != QLatin1String("gammu"))
        return Error {ErrorCode::Io, QStringLiteral("sms/transport harus off, http, atau gammu (bukan '%1').").arg(s.transport)};
    s.allowPlainHttp = ini.value(QStringLiteral("sms/allow_plain_http"), false).toBool();
    if (s.transport == QLatin1String("http"))
        if (auto safe = checkGatewayUrl(s.url, s.allowPlainHttp); !safe)
            return safe.error();
    return s;
}

Status checkGatewayUrl(const QString &url, bool allowPlainHttp)
{
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || parsed.host().isEmpty() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return Error {ErrorCode::Io, QStringLiteral("sms/url wajib berupa alamat https://… gateway SMS untuk transport http.")};
    if (scheme == QLatin1String("https"))
        return Done {};
    // The token and the citizens' numbers travel in this request: in clear only to a gateway on this machine or the office LAN.
    if (!allowPlainHttp || !isLocalHost(parsed.host()))
        return Error {ErrorCode::Io,
            QStringLiteral("sms/url %1 memakai http tanpa enkripsi. Gunakan https://, atau untuk gateway lokal (127.0.0.1, ::1 "
                           "atau alamat jaringan privat) tulis juga allow_plain_http = true di bagian [sms].")
                .arg(url)};
    return Done {};
}

bool isLocalHost(const QString &host)
{
    const QString h = host.toLower();
    if (h == QLatin1String("localhost") || h == QLatin1String("::1"))
        return true;
    // fc00::/7: unique local IPv6 addresses.
    if (h.contains(QLatin1Char(':')))
        return h.startsWith(QLatin1String("fc")) || h.startsWith(QLatin1String("fd"));
    const QStringList parts = h.split(QLatin1Char('.'));
    if (parts.size() != 4)
        return false;
    int octets[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        octets[i] = parts.at(i).toInt(&ok);
        if (!ok || octets[i] < 0 || octets[i] > 255 || parts.at(i).isEmpty())
            return false;
    }
    return octets[0] == 127 || octets[0] == 10 || (octets[0] == 172 && octets[1] >= 16 && octets[1] <= 31)
        || (octets[0] == 192 && octets[1] == 168);
}

Result<std::unique_ptr<SmsTransport>> NotificationSettings::makeTransport() const
{
    if (transport == QLatin1String("http"))
        return makeHttpSmsGateway(url, token);
    if (transport == QLatin1String("gammu"))
        return makeGammuSmsdInject(gammuInject);
    return std::unique_ptr<SmsTransport>();
}

NotificationSender::NotificationSender(BackendStore &store, std::unique_ptr<SmsTransport> transport, NotificationSettings settings)
    : m_store(store)
    , m_transport(std::move(transport))
    , m_settings(std::move(settings))
{ }

NotificationSender::~NotificationSender()
{
    stop();
}

void NotificationSender::start()
{
    if (m_thread.joinable())
        return;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void NotificationSender::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wakeup.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void NotificationSender::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wakeup.notify_all();
}

qint64 NotificationSender::backoffMs(int attempts) const
{
    // Exponential backoff with full jitter: uniform in [base, min(cap, base · 2^(attempts-1))].
    const qint64 base = m_settings.retryBaseMs;
    const qint64 ceiling = std::min<qint64>(m_settings.retryCapMs, base << std::min(attempts - 1, 20));
    return base + qint64(QRandomGenerator::global()->bounded(double(std::max<qint64>(1, ceiling - base))));
}

int NotificationSender::runOnce()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_lastReminderScan.isValid() || m_lastReminderScan.msecsTo(now) >= m_settings.reminderScanIntervalMs) {
        m_lastReminderScan = now;
        if (const auto added = enqueueReminders(m_store, m_settings.reminders, now); !added)
            qWarning().noquote() << "notifikasi: pengingat tidak dapat disimpan:" << added.error().message;
        else if (added.value() > 0)
            qInfo().noquote() << "notifikasi:" << added.value() << "pengingat baru";
    }
    if (!m_transport)
        return 0;
    const auto due = m_store.dueNotifications(now, kDueBatch);
    if (!due) {
        qWarning().noquote() << "notifikasi: antrean tidak dapat dibaca:" << due.error().message;
        return 0;
    }
    int sent = 0;
    for (const NotificationRecord &n : due.value()) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                break;
        }
        const QDateTime at = QDateTime::currentDateTimeUtc();
        const auto claimed = m_store.claimNotification(n.id, at, at.addMSecs(backoffMs(n.attempts + 1)));
        if (!claimed || !claimed.value())
            continue;
        const SendOutcome outcome = m_transport->send(SmsMessage {n.eventKey, n.recipient, n.message});
        if (outcome.delivered) {
            const auto marked = m_store.markNotificationSent(n.id, QDateTime::currentDateTimeUtc());
            if (!marked)
                qWarning().noquote() << "notifikasi" << n.eventKey << "terkirim tetapi tidak dapat ditandai:" << marked.error().message;
            sent += marked && marked.value() ? 1 : 0;
            qInfo().noquote() << "notifikasi" << n.eventKey << notificationKindToWire(n.kind) << "terkirim lewat" << m_transport->name()
                              << "ke" << smstext::maskPhone(n.recipient);
            continue;
        }
        const bool giveUp = outcome.permanent || n.attempts + 1 >= m_settings.maxAttempts;
        if (const auto failed = m_store.markNotificationFailed(n.id, outcome.detail, giveUp); !failed)
            qWarning().noquote() << "notifikasi" << n.eventKey << failed.error().message;
        qWarning().noquote() << "notifikasi" << n.eventKey << (giveUp ? "gagal, tidak dicoba lagi:" : "gagal, akan dicoba lagi:")
                             << outcome.detail;
    }
    return sent;
}

void NotificationSender::run()
{
    for (;;) {
        runOnce();
        std::unique_lock lock(m_mutex);
        m_wakeup.wait_for(lock, std::chrono::milliseconds(m_settings.pollIntervalMs), [this] { return m_stopping || m_woken; });
        if (m_stopping)
            return;
        m_woken = false;
    }
}

} // namespace backend
