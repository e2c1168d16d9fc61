// BackendStore: status questions received by SMS (each answered once, a limit per sender).
#include "backendstore.h"
#include "backendstore_p.h"

namespace backend {

using namespace detail;

Result<std::optional<QString>> BackendStore::recordSmsInbound(
    const SmsInboundRecord &message, const std::optional<NotificationRecord> &answer, int maxAnswersPerDay)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<std::optional<QString>> {
        QSqlQuery seen(db);
        seen.prepare(QStringLiteral("SELECT 1 FROM sms_inbound WHERE message_key = ?"));
        seen.addBindValue(message.messageKey);
        if (!seen.exec())
            return databaseError(QStringLiteral("membaca SMS masuk"), seen.lastError());
        if (seen.next())
            return std::optional<QString>();
        seen.finish();
        QString outcome = QStringLiteral("ignored");
        if (answer) {
            QSqlQuery count(db);
            count.prepare(QStringLiteral("SELECT COUNT(*) FROM sms_inbound WHERE sender_key = ? AND outcome = 'answered'"
                                         " AND received_at > ?"));
            count.addBindValue(message.senderKey);
            count.addBindValue(timestamp(message.receivedAt.addDays(-1)));
            if (!count.exec() || !count.next())
                return databaseError(QStringLiteral("menghitung jawaban SMS"), count.lastError());
            const bool limited = count.value(0).toInt() >= maxAnswersPerDay;
            count.finish();
            outcome = limited ? QStringLiteral("limited") : QStringLiteral("answered");
            QSqlError error;
            if (!limited && !insertNotification(db, *answer, &error))
                return databaseError(QStringLiteral("menyimpan jawaban SMS"), error);
        }
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO sms_inbound (message_key, sender_key, received_at, outcome) VALUES (?, ?, ?, ?)"));
        for (const QVariant &v : QVariantList {message.messageKey, message.senderKey, timestamp(message.receivedAt), outcome})
            insert.addBindValue(v);
        if (!insert.exec())
            return databaseError(QStringLiteral("mencatat SMS masuk"), insert.lastError());
        return std::optional<QString>(outcome);
    });
}

} // namespace backend
