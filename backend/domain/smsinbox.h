#pragma once

#include "result.h"

#include <QDateTime>
#include <QString>

namespace backend {

class BackendStore;
class PublicStatus;
struct PublicSettings;

/// Answers "STATUS <registration number>" SMS: reads each message file of the Gammu SMSD inbox, and records it
/// with its answer (stage and masked name, through the notification outbox) in one transaction keyed by the
/// file's name, so a message is answered exactly once across re-scans and restarts. Messages that ask
/// nothing are left where they are.
class SmsInbox
{
public:
    SmsInbox(BackendStore &store, PublicStatus &status, const PublicSettings &settings);

    /// One pass over the inbox; returns how many answers were added to the outbox.
    [[nodiscard]] Result<int> scanOnce(const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// The text of an inbox file in any of Gammu's InboxFormat encodings (UTF-16 with or without BOM, UTF-8).
    [[nodiscard]] static QString messageText(const QByteArray &bytes);

private:
    BackendStore &m_store;
    PublicStatus &m_status;
    QString m_inbox;
    QString m_processed;
    int m_maxAnswersPerDay;
};

} // namespace backend
