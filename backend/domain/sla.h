#pragma once

#include "protocol.h"
#include "result.h"

#include <QDateTime>
#include <QHash>
#include <QString>

namespace backend {

class BackendStore;
class ServiceCatalog;

/// The one SLA definition (docs/decisions/0007): each step a request waits for an officer may take the
/// service's slaDays (letters.json), counted from the start of the current step (its last event). The
/// console's inbox, the monitoring figures and the SLA reminders all measure with it.
namespace sla {
/// Days per step of a service without a template value (and of services missing from the catalog).
inline constexpr int kDefaultStepDays = 3;

/// Where a request's current step stands against its SLA.
enum class State {
    Within, // less than half of the days used
    Near, // half or more used
    Late, // all used: the officers responsible are reminded
};

/// The clock of one step.
struct StepClock {
    QDateTime since; // start of the current step
    int days = kDefaultStepDays;
    qint64 ageSeconds = 0;
    double overdueDays = 0; // negative while within the SLA
    State state = State::Within;
};

/// Days per step of every service of the catalog.
[[nodiscard]] QHash<QString, int> daysByService(const ServiceCatalog &catalog);
/// Whether a request at `stage` waits for an officer, so its step runs against the SLA: not READY (waits for
/// the citizen), not NEEDS_FIX (waits for the citizen's fix), not final.
[[nodiscard]] bool applies(serverlink::Stage stage);
/// The clock of a step that started at `since` and may take `days`, read at `now`.
[[nodiscard]] StepClock measure(const QDateTime &since, int days, const QDateTime &now);
/// The clock of every request whose step runs against the SLA (applies()), by registration number: what
/// the console's inbox colours its rows with.
[[nodiscard]] Result<QHash<QString, StepClock>> clocks(BackendStore &store, const ServiceCatalog &catalog, const QDateTime &now);
} // namespace sla

} // namespace backend
