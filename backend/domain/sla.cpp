#include "sla.h"

#include "backendstore.h"
#include "servicecatalog.h"

namespace backend::sla {

QHash<QString, int> daysByService(const ServiceCatalog &catalog)
{
    QHash<QString, int> days;
    for (const ServiceInfo &s : catalog.services())
        days.insert(s.code, s.letter.slaDays > 0 ? s.letter.slaDays : kDefaultStepDays);
    return days;
}

bool applies(serverlink::Stage stage)
{
    using serverlink::Stage;
    return !serverlink::isFinal(stage) && stage != Stage::Ready && stage != Stage::NeedsFix;
}

StepClock measure(const QDateTime &since, int days, const QDateTime &now)
{
    StepClock clock;
    clock.since = since;
    clock.days = days;
    clock.ageSeconds = since.secsTo(now);
    clock.overdueDays = since.msecsTo(now) / 86400000.0 - days;
    const qint64 limit = qint64(days) * 86400;
    clock.state = clock.ageSeconds >= limit ? State::Late : clock.ageSeconds * 2 >= limit ? State::Near : State::Within;
    return clock;
}

Result<QHash<QString, StepClock>> clocks(BackendStore &store, const ServiceCatalog &catalog, const QDateTime &now)
{
    const auto requests = store.requests();
    if (!requests)
        return requests.error();
    const auto starts = store.stepStarts();
    if (!starts)
        return starts.error();
    const QHash<QString, int> days = daysByService(catalog);
    QHash<QString, StepClock> out;
    for (const RequestRecord &r : requests.value())
        if (applies(r.stage) && starts.value().contains(r.registrationNumber))
            out.insert(r.registrationNumber,
                measure(starts.value().value(r.registrationNumber), days.value(r.serviceCode, kDefaultStepDays), now));
    return out;
}

} // namespace backend::sla
