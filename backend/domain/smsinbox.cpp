#include "smsinbox.h"

#include "backendstore.h"
#include "crypto.h"
#include "masking.h"
#include "notifications.h"
#include "publicstatus.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStringDecoder>

Q_LOGGING_CATEGORY(lcSmsInbox, "backend.smsinbox")

namespace backend {

namespace {

/// IN<date>_<time>_<serial>_<sender>_<sequence>.txt (gammu-smsd-files(7)); 8-bit messages (.bin) ask nothing.
/// How long a file must stand unchanged before it is read.
constexpr qint64 kSettleMs = 1000;

const QRegularExpression &inboxName()
{
    static const QRegularExpression re(QStringLiteral("^IN\\d{8}_\\d{6}_\\d{2}_([^_]+)_\\d{2}\\.txt$"));
    return re;
}

QString hexSha256(const QByteArray &bytes)
{
    return QString::fromLatin1(serverlink::crypto::sha256(bytes).toHex());
}

} // namespace

SmsInbox::SmsInbox(BackendStore &store, PublicStatus &status, const PublicSettings &settings)
    : m_store(store)
    , m_status(status)
    , m_inbox(settings.smsInbox)
    , m_processed(settings.smsProcessed)
    , m_maxAnswersPerDay(settings.smsAnswersPerDay)
{ }

QString SmsInbox::messageText(const QByteArray &bytes)
{
    const auto utf16 = [&bytes](QStringConverter::Encoding encoding, int skip) {
        QStringDecoder decode(encoding);
        return QString(decode(bytes.mid(skip)));
    };
    if (bytes.startsWith("\xFE\xFF"))
        return utf16(QStringConverter::Utf16BE, 2);
    if (bytes.startsWith("\xFF\xFE"))
        return utf16(QStringConverter::Utf16LE, 2);
    // UTF-16 without a byte order mark: ASCII text has a NUL in every pair.
    if (bytes.size() >= 2 && bytes.size() % 2 == 0 && bytes.contains('\0'))
        return utf16(bytes.at(0) == '\0' ? QStringConverter::Utf16BE : QStringConverter::Utf16LE, 0);
    return QString::fromUtf8(bytes);
}

Result<int> SmsInbox::scanOnce(const QDateTime &now)
{
    if (m_inbox.isEmpty())
        return 0;
    const QDir inbox(m_inbox);
    int answered = 0;
    const QStringList names = inbox.entryList({QStringLiteral("IN*.txt")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const QRegularExpressionMatch match = inboxName().match(name);
        if (!match.hasMatch())
            continue;
        QFile file(inbox.filePath(name));
        // SMSD may still be writing a file this young; it is read on a later pass, whole.
        if (QFileInfo(file).lastModified().msecsTo(now) < kSettleMs)
            continue;
        // An SMS is at most a few hundred bytes; a larger file is not a status question.
        if (!file.open(QIODevice::ReadOnly) || file.size() > 4096)
            continue;
        const QByteArray bytes = file.readAll();
        file.close();
        // SMSD names each message uniquely (time, serial, sender, part): the name is the message's identity.
        const QString messageKey = hexSha256(name.toUtf8());
        const auto phone = serverlink::normalizePhone(match.captured(1));
        const auto number = PublicStatus::registrationNumberInSms(messageText(bytes));
        std::optional<NotificationRecord> answer;
        if (phone && number) {
            const auto view = m_status.look(*number);
            if (!view)
                return view.error();
            NotificationRecord n;
            n.eventKey = QStringLiteral("sms-status:") + messageKey.left(32);
            n.registrationNumber = view.value().found ? view.value().registrationNumber : QString();
            n.kind = NotificationKind::StatusAnswer;
            n.recipientKind = QStringLiteral("citizen");
            n.recipient = *phone;
            n.message = smstext::statusAnswer(
                *number, view.value().found ? serverlink::stageLabelId(view.value().stage) : QString(), view.value().maskedName);
            n.status = QStringLiteral("pending");
            n.nextAttemptAt = now;
            n.createdAt = now;
            answer = n;
        }
        const SmsInboundRecord record {messageKey, hexSha256(phone.value_or(match.captured(1)).toUtf8()), now};
        const auto outcome = m_store.recordSmsInbound(record, answer, m_maxAnswersPerDay);
        if (!outcome)
            return outcome.error();
        if (outcome.value() == QLatin1String("answered"))
            ++answered;
        if (!answer)
            continue;
        // Recorded (now or on an earlier pass): out of the inbox. A copy already there is the same message (SMSD's
        // names are unique). A failed move only costs a look next time.
        const QString target = QDir(m_processed).filePath(name);
        QFile::remove(target);
        if (!QDir().mkpath(m_processed) || !QFile::rename(file.fileName(), target))
            qCWarning(lcSmsInbox).noquote() << "inbox message not moved to" << m_processed;
    }
    return answered;
}

} // namespace backend
