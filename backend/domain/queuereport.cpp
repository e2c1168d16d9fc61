#include "queuereport.h"

#include <QHash>
#include <QMap>
#include <algorithm>

namespace backend::queuereport {

using serverlink::DeskEventKind;

namespace {
struct Accumulator {
    int served = 0;
    int skipped = 0;
    QList<qint64> waits;
    QList<qint64> services;
};
} // namespace

std::optional<qint64> median(QList<qint64> seconds)
{
    if (seconds.isEmpty())
        return std::nullopt;
    std::sort(seconds.begin(), seconds.end());
    const qsizetype n = seconds.size();
    if (n % 2 == 1)
        return seconds.at(n / 2);
    return (seconds.at(n / 2 - 1) + seconds.at(n / 2)) / 2;
}

QList<LoketQueueFigures> compute(const QList<DeskEventRecord> &events)
{
    QList<DeskEventRecord> ordered = events;
    // Events of one instant in the order a number lives them (drawn before called before served): the kiosk's
    // clock has milliseconds, and a number can be drawn and called within one.
    const auto rank = [](serverlink::DeskEventKind kind) {
        using K = serverlink::DeskEventKind;
        switch (kind) {
        case K::QueueTaken:
            return 0;
        case K::QueueRequeued:
            return 1;
        case K::QueueCalled:
        case K::QueueRecalled:
            return 2;
        case K::QueueSkipped:
        case K::QueueTransferred:
            return 3;
        default:
            return 4;
        }
    };
    std::stable_sort(ordered.begin(), ordered.end(), [&rank](const DeskEventRecord &a, const DeskEventRecord &b) {
        return a.event.at != b.event.at ? a.event.at < b.event.at : rank(a.event.kind) < rank(b.event.kind);
    });

    // Keyed by (desa, loket) in a QMap so the report comes out sorted.
    QMap<QPair<QString, int>, Accumulator> lokets;
    struct NumberState {
        QDateTime taken;
        bool called = false;
        QDateTime lastCalled;
    };
    QHash<QPair<QString, QString>, NumberState> numbers; // (kiosk, label)

    for (const DeskEventRecord &r : std::as_const(ordered)) {
        const serverlink::DeskEvent &e = r.event;
        const QPair<QString, int> loket {r.desaCode, e.counter};
        // Without a label the event names no number: it counts at its loket but gives no duration.
        NumberState scratch;
        NumberState &number = e.queueLabel.isEmpty() ? scratch : numbers[{r.kioskId, e.queueLabel}];
        switch (e.kind) {
        case DeskEventKind::QueueTaken:
            if (!number.taken.isValid())
                number.taken = e.at;
            break;
        case DeskEventKind::QueueCalled:
            if (!number.called && number.taken.isValid() && number.taken <= e.at)
                lokets[loket].waits.append(number.taken.secsTo(e.at));
            number.called = true;
            number.lastCalled = e.at;
            lokets[loket];
            break;
        case DeskEventKind::QueueServed:
            ++lokets[loket].served;
            if (number.lastCalled.isValid() && number.lastCalled <= e.at)
                lokets[loket].services.append(number.lastCalled.secsTo(e.at));
            break;
        case DeskEventKind::QueueSkipped:
            ++lokets[loket].skipped;
            break;
        default:
            break;
        }
    }

    QList<LoketQueueFigures> out;
    for (auto it = lokets.cbegin(); it != lokets.cend(); ++it) {
        LoketQueueFigures f;
        f.desaCode = it.key().first;
        f.counter = it.key().second;
        f.served = it->served;
        f.skipped = it->skipped;
        f.waitSamples = int(it->waits.size());
        f.medianWaitSeconds = median(it->waits);
        f.serviceSamples = int(it->services.size());
        f.medianServiceSeconds = median(it->services);
        out.append(f);
    }
    return out;
}

QString formatDuration(const std::optional<qint64> &seconds)
{
    if (!seconds)
        return QStringLiteral("–");
    const qint64 s = *seconds;
    if (s < 60)
        return QStringLiteral("%1 dtk").arg(s);
    if (s < 3600)
        return s % 60 ? QStringLiteral("%1 mnt %2 dtk").arg(s / 60).arg(s % 60) : QStringLiteral("%1 mnt").arg(s / 60);
    return QStringLiteral("%1 jam %2 mnt").arg(s / 3600).arg((s % 3600) / 60);
}

QString formatAge(qint64 seconds)
{
    const qint64 s = std::max<qint64>(seconds, 0);
    if (s >= 86400)
        return QStringLiteral("%1 hari").arg(s / 86400);
    if (s >= 3600)
        return QStringLiteral("%1 jam").arg(s / 3600);
    return QStringLiteral("%1 menit").arg(s / 60);
}

} // namespace backend::queuereport
