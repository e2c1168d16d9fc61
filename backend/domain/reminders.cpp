#include "reminders.h"

#include "sla.h"
#include "workflow.h"

namespace backend {

using serverlink::ServiceLevel;
using serverlink::Stage;

namespace {

/// The SLA reminder rows of one late step: one SMS per officer responsible for it today (by role
/// and office, or their delegate while they are on leave) who has a phone number; without any, one
/// row recorded for the office ("<office>/<role>") so the console still lists it.
QList<NotificationRecord> slaReminders(const NotificationRecord &base, const QList<OfficerRecord> &officers,
    const QList<DelegationRecord> &delegations, const WaitingRequest &w, const QDate &day)
{
    QList<NotificationRecord> rows;
    QStringList offices;
    for (Role role : roles::responsibleRoles(w.level, w.stage)) {
        const QString office = roles::officeOf(role, w.desaCode, w.kecamatanCode);
        offices.append(office + QLatin1Char('/') + roleToWire(role));
        for (const OfficerRecord &o : leave::actingOfficers(officers, delegations, role, office, day)) {
            if (o.phone.isEmpty())
                continue;
            NotificationRecord n = base;
            n.eventKey = QStringLiteral("%1:%2").arg(base.eventKey).arg(o.id);
            n.recipient = o.phone;
            n.status = QStringLiteral("pending");
            rows.append(n);
        }
    }
    if (rows.isEmpty()) {
        NotificationRecord n = base;
        n.recipient = offices.isEmpty() ? w.desaCode : offices.join(QLatin1Char(','));
        n.status = QStringLiteral("recorded");
        rows.append(n);
    }
    return rows;
}

} // namespace

namespace reminders {

QList<NotificationRecord> due(const QList<WaitingRequest> &waiting, const QList<OfficerRecord> &officers,
    const QList<DelegationRecord> &delegations, const ReminderPolicy &policy, const QDateTime &now)
{
    // Leave days are local calendar days.
    const QDate today = now.toLocalTime().date();
    QList<NotificationRecord> rows;
    for (const WaitingRequest &w : waiting) {
        NotificationRecord n;
        n.registrationNumber = w.registrationNumber;
        n.nextAttemptAt = now;
        n.createdAt = now;
        if (w.stage == Stage::Ready) {
            if (w.phone.isEmpty() || w.stepSince.addDays(policy.pickupAfterDays) > now)
                continue;
            n.eventKey = QStringLiteral("pickup:%1:%2").arg(w.registrationNumber).arg(w.stepSequence);
            n.kind = NotificationKind::PickupReminder;
            n.recipientKind = QStringLiteral("citizen");
            n.recipient = w.phone;
            n.message = smstext::pickupReminder(w.registrationNumber, w.stepSince.toLocalTime().date());
            n.status = QStringLiteral("pending");
            rows.append(n);
            continue;
        }
        if (!sla::applies(w.stage))
            continue;
        const sla::StepClock clock = sla::measure(w.stepSince, policy.slaDaysByService.value(w.serviceCode, policy.defaultSlaDays), now);
        if (clock.state != sla::State::Late)
            continue;
        n.eventKey = QStringLiteral("sla:%1:%2").arg(w.registrationNumber).arg(w.stepSequence);
        n.kind = NotificationKind::SlaReminder;
        n.recipientKind = QStringLiteral("officer");
        n.message = smstext::slaReminder(w.registrationNumber, w.serviceCode, serverlink::stageLabelId(w.stage), clock.days);
        rows.append(slaReminders(n, officers, delegations, w, today));
    }
    return rows;
}

} // namespace reminders

Result<int> enqueueReminders(BackendStore &store, const ReminderPolicy &policy, const QDateTime &now)
{
    // Who is responsible today; read once per scan.
    const auto officers = store.officers();
    if (!officers)
        return officers.error();
    const auto delegations = store.delegations();
    if (!delegations)
        return delegations.error();
    const auto waiting = store.waitingRequests();
    if (!waiting)
        return waiting.error();
    return store.insertNotifications(reminders::due(waiting.value(), officers.value(), delegations.value(), policy, now));
}

} // namespace backend
