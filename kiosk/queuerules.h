#pragma once

#include "queuecall.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace kiosk {

/// Why a number is called first, as Indonesian public-service practice expects.
enum class PriorityReason {
    None,
    Lansia, // 60 years or older, read from the NIK's birth date (no question asked)
    Disabilitas, // one tap on the kiosk
    IbuHamil, // one tap on the kiosk
};

/// A loket (counter) and the queues it calls from, as configured in [queue] counters.
struct Loket {
    int counter = 0; // 1–4
    QList<QueueKind> kinds;
};

/// A waiting number as the call rule sees it.
struct QueueCandidate {
    qint64 id = 0;
    bool priority = false;
    bool transferred = false; // sent to this loket by another one: waits at the head
    QDateTime takenAt; // its place in line (a requeued no-show keeps its original place)
};

/// An honest range for the wait of a new number, or none before there are enough services today.
struct WaitEstimate {
    bool available = false;
    int lowMinutes = 0;
    int highMinutes = 0;

    /// "± 10–20 menit", or "perkiraan belum tersedia".
    [[nodiscard]] QString text() const;
};

/// The queue's rules as data (docs/decisions/0013-queue.md): letters, priority reasons, the call
/// order with its fairness limit, the wait estimator. Tests check them against their own table.
namespace queuerules {

/// Age from which a citizen is lansia (UU 13/1998).
inline constexpr int kLansiaAge = 60;
/// After this many priority calls in a row at a loket, a waiting regular number goes next.
inline constexpr int kPriorityRunLimit = 2;
/// Services of a queue measured today before its wait is estimated.
inline constexpr int kMinServicesForEstimate = 3;
/// Most lokets a village hall configures.
inline constexpr int kMaxLokets = 4;

/// The classes of waiting numbers, in the order a loket tries them.
enum class CallClass { Transferred, Priority, Regular };

/// The order of classes while the loket's priority run is below the limit, and once it reached it.
struct CallOrder {
    bool runAtLimit;
    CallClass order[3];
};
inline constexpr CallOrder kCallOrder[] = {
    {false, {CallClass::Transferred, CallClass::Priority, CallClass::Regular}},
    {true, {CallClass::Transferred, CallClass::Regular, CallClass::Priority}},
};

/// "A", "B", "C".
[[nodiscard]] QString letter(QueueKind kind);
[[nodiscard]] std::optional<QueueKind> kindFromLetter(const QString &letter);
/// "A-007".
[[nodiscard]] QString label(QueueKind kind, int number);
/// "Permohonan surat", "Pengambilan surat", "Konsultasi / bantuan".
[[nodiscard]] QString kindName(QueueKind kind);

[[nodiscard]] QString reasonToWire(PriorityReason reason);
[[nodiscard]] PriorityReason reasonFromWire(const QString &wire);
/// "lansia", "disabilitas", "ibu hamil" (also the DeskEvent detail); empty for None.
[[nodiscard]] QString reasonLabel(PriorityReason reason);

/// Lansia when the NIK's holder is 60 or older on `today`; otherwise the reason tapped on the kiosk.
[[nodiscard]] PriorityReason priorityFor(PriorityReason tapped, const QString &nik, QDate today);

/// Which waiting number a loket calls next, given how many priority numbers it called in a row:
/// the index in `waiting`, or nullopt when nobody waits. Within a class, the oldest place first.
[[nodiscard]] std::optional<qsizetype> pickNext(const QList<QueueCandidate> &waiting, int priorityRun);
/// The loket's priority run after it called `called`.
[[nodiscard]] int nextPriorityRun(int priorityRun, const QueueCandidate &called);

/// "1:A,C;2:B,C" → lokets; an error sentence for the technician when it is malformed.
[[nodiscard]] std::optional<QList<Loket>> parseCounters(const QString &text, QString *error = nullptr);

/// The wait of a number with `ahead` numbers before it, from today's service times of its queue
/// (seconds, served − called) and the lokets serving that queue: ahead × quartiles ÷ lokets.
[[nodiscard]] WaitEstimate estimateWait(QList<qint64> serviceSeconds, int ahead, int lokets);

/// The median of `values` (the mean of the two middle ones for an even count); nullopt when empty.
[[nodiscard]] std::optional<qint64> median(QList<qint64> values);

} // namespace queuerules

} // namespace kiosk
