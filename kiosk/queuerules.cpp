#include "queuerules.h"

#include "nik.h"

#include <algorithm>
#include <cmath>

namespace kiosk {

QString WaitEstimate::text() const
{
    if (!available)
        return QStringLiteral("perkiraan belum tersedia");
    return QStringLiteral("± %1–%2 menit").arg(lowMinutes).arg(highMinutes);
}

namespace queuerules {

namespace {
struct KindRow {
    QueueKind kind;
    const char *letter;
    const char *name;
};
constexpr KindRow kKinds[] = {
    {QueueKind::Request, "A", "Permohonan surat"},
    {QueueKind::Pickup, "B", "Pengambilan surat"},
    {QueueKind::Help, "C", "Konsultasi / bantuan"},
};

struct ReasonRow {
    PriorityReason reason;
    const char *wire;
    const char *label;
};
constexpr ReasonRow kReasons[] = {
    {PriorityReason::None, "", ""},
    {PriorityReason::Lansia, "lansia", "lansia"},
    {PriorityReason::Disabilitas, "disabilitas", "disabilitas"},
    {PriorityReason::IbuHamil, "ibu_hamil", "ibu hamil"},
};

const KindRow &kindRow(QueueKind kind)
{
    return *std::find_if(std::begin(kKinds), std::end(kKinds), [kind](const KindRow &row) { return row.kind == kind; });
}
const ReasonRow &reasonRow(PriorityReason reason)
{
    return *std::find_if(std::begin(kReasons), std::end(kReasons), [reason](const ReasonRow &row) { return row.reason == reason; });
}

bool inClass(const QueueCandidate &c, CallClass cls)
{
    switch (cls) {
    case CallClass::Transferred:
        return c.transferred;
    case CallClass::Priority:
        return !c.transferred && c.priority;
    case CallClass::Regular:
        return !c.transferred && !c.priority;
    }
    return false;
}

// The value at quantile `q` of sorted `values` (nearest rank).
qint64 quantile(const QList<qint64> &sorted, double q)
{
    const auto rank = qsizetype(std::ceil(q * double(sorted.size()))) - 1;
    return sorted.at(std::clamp<qsizetype>(rank, 0, sorted.size() - 1));
}
} // namespace

QString letter(QueueKind kind)
{
    return QLatin1String(kindRow(kind).letter);
}

std::optional<QueueKind> kindFromLetter(const QString &letter)
{
    for (const KindRow &row : kKinds)
        if (letter.trimmed().compare(QLatin1String(row.letter), Qt::CaseInsensitive) == 0)
            return row.kind;
    return std::nullopt;
}

QString label(QueueKind kind, int number)
{
    return QStringLiteral("%1-%2").arg(letter(kind)).arg(number, 3, 10, QLatin1Char('0'));
}

QString kindName(QueueKind kind)
{
    return QString::fromUtf8(kindRow(kind).name);
}

QString reasonToWire(PriorityReason reason)
{
    return QLatin1String(reasonRow(reason).wire);
}

PriorityReason reasonFromWire(const QString &wire)
{
    for (const ReasonRow &row : kReasons)
        if (wire == QLatin1String(row.wire))
            return row.reason;
    return PriorityReason::None;
}

QString reasonLabel(PriorityReason reason)
{
    return QString::fromUtf8(reasonRow(reason).label);
}

PriorityReason priorityFor(PriorityReason tapped, const QString &nik, QDate today)
{
    if (!nik.isEmpty()) {
        const auto parsed = parseNik(nik, today);
        if (const auto *info = std::get_if<NikInfo>(&parsed)) {
            QDate birthday = info->birthDate.addYears(kLansiaAge);
            if (birthday.isValid() && birthday <= today)
                return PriorityReason::Lansia;
        }
    }
    return tapped;
}

std::optional<qsizetype> pickNext(const QList<QueueCandidate> &waiting, int priorityRun)
{
    const bool atLimit = priorityRun >= kPriorityRunLimit;
    const CallOrder &rule
        = *std::find_if(std::begin(kCallOrder), std::end(kCallOrder), [atLimit](const CallOrder &o) { return o.runAtLimit == atLimit; });
    for (CallClass cls : rule.order) {
        std::optional<qsizetype> best;
        for (qsizetype i = 0; i < waiting.size(); ++i) {
            const QueueCandidate &c = waiting.at(i);
            if (!inClass(c, cls))
                continue;
            if (!best || c.takenAt < waiting.at(*best).takenAt || (c.takenAt == waiting.at(*best).takenAt && c.id < waiting.at(*best).id))
                best = i;
        }
        if (best)
            return best;
    }
    return std::nullopt;
}

int nextPriorityRun(int priorityRun, const QueueCandidate &called)
{
    return called.priority ? priorityRun + 1 : 0;
}

std::optional<QList<Loket>> parseCounters(const QString &text, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<QList<Loket>> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QList<Loket> lokets;
    for (const QString &part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QStringList pieces = part.split(QLatin1Char(':'));
        bool ok = false;
        const int counter = pieces.value(0).trimmed().toInt(&ok);
        if (pieces.size() != 2 || !ok || counter < 1 || counter > kMaxLokets)
            return fail(QStringLiteral("\"%1\" bukan loket 1–%2 dengan antreannya (contoh 1:A,C).").arg(part.trimmed()).arg(kMaxLokets));
        if (std::any_of(lokets.cbegin(), lokets.cend(), [counter](const Loket &l) { return l.counter == counter; }))
            return fail(QStringLiteral("Loket %1 disebut dua kali.").arg(counter));
        Loket loket {counter, {}};
        for (const QString &letterText : pieces.at(1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto kind = kindFromLetter(letterText);
            if (!kind)
                return fail(QStringLiteral("Antrean \"%1\" tidak dikenal (A, B atau C).").arg(letterText.trimmed()));
            if (!loket.kinds.contains(*kind))
                loket.kinds.append(*kind);
        }
        if (loket.kinds.isEmpty())
            return fail(QStringLiteral("Loket %1 tidak melayani antrean apa pun.").arg(counter));
        lokets.append(loket);
    }
    if (lokets.isEmpty())
        return fail(QStringLiteral("Tidak ada loket yang diatur."));
    std::sort(lokets.begin(), lokets.end(), [](const Loket &a, const Loket &b) { return a.counter < b.counter; });
    return lokets;
}

WaitEstimate estimateWait(QList<qint64> serviceSeconds, int ahead, int lokets)
{
    if (serviceSeconds.size() < kMinServicesForEstimate || lokets < 1)
        return {};
    std::sort(serviceSeconds.begin(), serviceSeconds.end());
    const double perLoket = double(std::max(0, ahead)) / double(lokets);
    // Rounded out to whole 5 minutes: a range people can read at a glance, never narrower than 5.
    const int low = int(std::floor(perLoket * double(quantile(serviceSeconds, 0.25)) / 300.0)) * 5;
    const int high = std::max(low + 5, int(std::ceil(perLoket * double(quantile(serviceSeconds, 0.75)) / 300.0)) * 5);
    return {true, low, high};
}

std::optional<qint64> median(QList<qint64> values)
{
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values.at(mid) : (values.at(mid - 1) + values.at(mid)) / 2;
}

} // namespace queuerules

} // namespace kiosk
