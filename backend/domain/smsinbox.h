#pragma once

#include "result.h"

#include <QDateTime>
#include <QString>

namespace backend {

class BackendStore;
class PublicStatus;

/// Where status questions by SMS arrive: the inbox folder of Gammu SMSD's files backend ([sms_masuk] in the
/// backend's INI file; docs/decisions/0030-status-and-bulk-verification.md). Empty inbox: not read.
struct SmsInboxSettings {
    QString inbox; // gammu-smsdrc InboxPath
    QString processed; // answered messages move here; empty: <inbox>/diproses
    int scanIntervalMs = 5000;
    int maxAnswersPerDay = 5; // per sender number

    [[nodiscard]] static Result<SmsInboxSettings> load(const QString &path);
};

/// Answers "STATUS <registration number>" SMS: reads each message file of the Gammu SMSD inbox, and records it
/// with its answer (stage and masked name, through the notification outbox) in one transaction keyed by the
/// file's name and bytes, so a message is answered exactly once across re-scans and restarts. Messages that ask
/// nothing are left where they are.
class SmsInbox
{
public:
    SmsInbox(BackendStore &store, PublicStatus &status, SmsInboxSettings settings);

    /// One pass over the inbox; returns how many answers were added to the outbox.
    [[nodiscard]] Result<int> scanOnce(const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// The text of an inbox file in any of Gammu's InboxFormat encodings (UTF-16 with or without BOM, UTF-8).
    [[nodiscard]] static QString messageText(const QByteArray &bytes);

private:
    BackendStore &m_store;
    PublicStatus &m_status;
    SmsInboxSettings m_settings;
};

} // namespace backend
