#pragma once

#include "backendstore.h"

#include <QList>
#include <QString>
#include <optional>

namespace backend {

/// One loket's queue figures of one day at one desa, computed from the front office's journal.
struct LoketQueueFigures {
    QString desaCode;
    int counter = 0; // loket; 0 for events without one
    int served = 0; // queue.served events at this loket
    int skipped = 0; // queue.skipped events at this loket (a number skipped twice counts twice)
    int waitSamples = 0;
    std::optional<qint64> medianWaitSeconds; // none without samples
    int serviceSamples = 0;
    std::optional<qint64> medianServiceSeconds;

    friend bool operator==(const LoketQueueFigures &, const LoketQueueFigures &) = default;
};

/// The daily queue report (per desa and loket: served, skipped, median wait, median service time).
///
/// A queue number is one (kiosk, queue label): labels restart each day and at each kiosk.
/// - wait = its first queue.called − its first queue.taken, counted at the loket of that first call;
/// - service time = its queue.served − the latest queue.called before it (a recall is the same call again,
///   a transfer or a re-queued no-show is called anew), counted at the loket that served it;
/// - a number without a taken (or called) event, or a negative duration (a kiosk clock set back), gives no sample;
/// - the median of an even count is the mean of the two middle values, rounded down to whole seconds.
namespace queuereport {
/// Figures of every (desa, loket) that appears in `events` (one day's, any order), sorted by desa and loket.
[[nodiscard]] QList<LoketQueueFigures> compute(const QList<DeskEventRecord> &events);
/// The median of `seconds` by the rule above; none when empty.
[[nodiscard]] std::optional<qint64> median(QList<qint64> seconds);
/// "4 mnt 30 dtk", "45 dtk", "1 jam 5 mnt"; "–" without a value.
[[nodiscard]] QString formatDuration(const std::optional<qint64> &seconds);
/// How long a letter has waited, in whole units rounded down: "3 hari" from a day on, "5 jam" from an hour, else "12 menit".
[[nodiscard]] QString formatAge(qint64 seconds);
} // namespace queuereport

} // namespace backend
