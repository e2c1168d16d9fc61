#include "sla.h"

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

} // namespace backend::sla
