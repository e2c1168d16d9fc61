#pragma once

#include "protocol.h"
#include "result.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace backend {

class BackendStore;

/// Why a notification exists: a citizen SMS after a transition or a reminder, an officer reminder, a kiosk alert to the
/// technicians, or the answer to a status question sent by SMS.
enum class NotificationKind { Ready, NeedsFix, Rejected, PickupReminder, SlaReminder, ComplaintAnswered, FleetAlert, StatusAnswer };

[[nodiscard]] QString notificationKindToWire(NotificationKind kind);
[[nodiscard]] std::optional<NotificationKind> notificationKindFromWire(const QString &wire);

/// One row of the notification outbox. Status: pending (to send), sent, failed (gave up or
/// refused by the gateway, kept for staff), recorded (officer reminder, no transport yet).
struct NotificationRecord {
    qint64 id = 0;
    QString eventKey; // unique per event: "event:<sequence>", "pickup:<reg>:<sequence>", "sla:<reg>:<sequence>[:<officer id>]"
    QString registrationNumber;
    NotificationKind kind = NotificationKind::Ready;
    QString recipientKind; // citizen | officer
    QString recipient; // +62… (masked once sent); officer without a phone (status recorded): "<office code>/<role>"
    QString message;
    QString status;
    int attempts = 0;
    QDateTime nextAttemptAt;
    QDateTime createdAt;
    QDateTime sentAt;
    QString lastError;
};

/// The citizen SMS texts: Bahasa Indonesia, at most 160 GSM characters, never a NIK.
namespace smstext {
[[nodiscard]] QString forTransition(NotificationKind kind, const QString &registrationNumber, const QString &note);
[[nodiscard]] QString pickupReminder(const QString &registrationNumber, const QDate &readySince);
[[nodiscard]] QString slaReminder(const QString &registrationNumber, const QString &serviceCode, const QString &stageLabel, int days);
/// The answer to complaint `number`, cut to one SMS (the rest is read at a kiosk with the slip).
[[nodiscard]] QString complaintAnswer(const QString &number, const QString &answer);
/// The answer to "STATUS <reg>" by SMS: the stage and the masked name (empty `stageLabel`: not found).
[[nodiscard]] QString statusAnswer(const QString &registrationNumber, const QString &stageLabel, const QString &maskedName);
/// "+6281234567890" → "+62812****890": what logs and sent rows keep.
[[nodiscard]] QString maskPhone(const QString &phone);
} // namespace smstext

/// The citizen SMS a step to `to` sends (READY, NEEDS_FIX, REJECTED; only with a phone), pending from `now`;
/// the store gives it its event key and registration number when it records the step.
[[nodiscard]] std::optional<NotificationRecord> transitionNotification(
    const QString &registrationNumber, const QString &phone, serverlink::Stage to, const QString &note, const QDateTime &now);

/// When reminders are due: letters READY and not picked up, steps older than their SLA.
struct ReminderPolicy {
    int pickupAfterDays = 3;
    int defaultSlaDays = 3; // services missing from slaDaysByService (sla::kDefaultStepDays)
    QHash<QString, int> slaDaysByService; // service code → days per step (sla::daysByService)
};

/// What a transport did with one message.
struct SendOutcome {
    bool delivered = false;
    bool permanent = false; // refused for good (e.g. HTTP 400): do not retry
    QString detail; // for the outbox row and the log; no phone number, no message text
};

/// One SMS to send; the idempotency key lets a gateway drop a resend after a crash.
struct SmsMessage {
    QString idempotencyKey;
    QString to;
    QString text;
};

/// Hands SMS to something that delivers them (an HTTP gateway, Gammu SMSD).
class SmsTransport
{
public:
    virtual ~SmsTransport() = default;
    [[nodiscard]] virtual SendOutcome send(const SmsMessage &message) = 0;
    [[nodiscard]] virtual QString name() const = 0;
};

/// A generic HTTP SMS gateway: POST {"id","to","text"} as JSON with "Authorization: Bearer <token>"
/// and "Idempotency-Key"; 2xx delivered, 408/429/5xx/network retried, other 4xx refused for good.
[[nodiscard]] std::unique_ptr<SmsTransport> makeHttpSmsGateway(const QString &url, const QString &token);
/// An HTTP gateway's URL: https, or http when `allowPlainHttp` and the host is this machine (127.0.0.0/8, ::1,
/// localhost) or a private network (10/8, 172.16/12, 192.168/16, fc00::/7); else an error saying what to write.
[[nodiscard]] Status checkGatewayUrl(const QString &url, bool allowPlainHttp);
/// Whether `host` (a URL's host) is this machine or on a private network, by its address; names other than localhost are not.
[[nodiscard]] bool isLocalHost(const QString &host);
/// Gammu SMSD: runs `<program> TEXT <number> -text <message>` (no shell); exit 0 means queued in SMSD.
[[nodiscard]] std::unique_ptr<SmsTransport> makeGammuSmsdInject(const QString &program);

/// The notification settings of `serve` (an INI file, see docs/decisions/0004-notifications.md).
struct NotificationSettings {
    QString transport = QStringLiteral("off"); // off | http | gammu
    QString url;
    QString token;
    bool allowPlainHttp = false; // sms/allow_plain_http: http:// is accepted only with it, and only to a local gateway
    QString gammuInject = QStringLiteral("/usr/bin/gammu-smsd-inject");
    int pollIntervalMs = 2000;
    int retryBaseMs = 30000;
    int retryCapMs = 3600000;
    int maxAttempts = 12;
    int reminderScanIntervalMs = 3600000;
    ReminderPolicy reminders;

    /// Reads the INI file; a missing file gives the defaults (transport off: rows wait in the outbox).
    [[nodiscard]] static Result<NotificationSettings> load(const QString &path);
    /// The transport these settings name; nullptr for "off".
    [[nodiscard]] Result<std::unique_ptr<SmsTransport>> makeTransport() const;
};

/// Delivers the notification outbox on its own thread: each due row is claimed (attempt counted
/// and the next attempt scheduled with exponential backoff and full jitter) before it is sent,
/// then marked sent exactly once. A crash between sending and marking resends with the same
/// idempotency key. Also enqueues reminders every reminderScanIntervalMs.
class NotificationSender
{
public:
    /// `transport` may be null: then only reminders are enqueued and rows wait.
    NotificationSender(BackendStore &store, std::unique_ptr<SmsTransport> transport, NotificationSettings settings);
    ~NotificationSender();
    NotificationSender(const NotificationSender &) = delete;
    NotificationSender &operator=(const NotificationSender &) = delete;

    void start();
    /// Finishes the message being sent and joins the thread.
    void stop();
    /// Looks at the outbox now instead of at the next poll (after a transition in this process).
    void wake();
    /// One round on the caller's thread: reminders if due, then every due row. Returns rows sent.
    int runOnce();

private:
    void run();
    [[nodiscard]] qint64 backoffMs(int attempts) const;

    BackendStore &m_store;
    std::unique_ptr<SmsTransport> m_transport;
    NotificationSettings m_settings;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wakeup;
    bool m_stopping = false;
    bool m_woken = false;
    QDateTime m_lastReminderScan;
};

} // namespace backend
