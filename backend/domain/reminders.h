#pragma once

#include "backendstore.h"
#include "notifications.h"
#include "result.h"

#include <QDateTime>
#include <QList>

namespace backend {

/// The reminder policy (docs/decisions/0007): a citizen whose letter is READY for pickupAfterDays gets one
/// SMS; a step late by the SLA (sla.h) reminds the officers responsible for it today, each once per step.
namespace reminders {
/// The rows due at `now` for the waiting requests, given who holds which role and who is on leave.
[[nodiscard]] QList<NotificationRecord> due(const QList<WaitingRequest> &waiting, const QList<OfficerRecord> &officers,
    const QList<DelegationRecord> &delegations, const ReminderPolicy &policy, const QDateTime &now);
} // namespace reminders

/// Adds the pickup and SLA reminders that are due at `now` to the outbox (each once); returns how many are new.
[[nodiscard]] Result<int> enqueueReminders(BackendStore &store, const ReminderPolicy &policy, const QDateTime &now);

} // namespace backend
