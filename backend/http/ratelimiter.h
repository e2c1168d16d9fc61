#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <mutex>
#include <optional>

namespace backend {

/// A token bucket per source: `burst` tokens, refilled at `perMinute`; each request takes its cost or is
/// refused with the seconds after which it would pass. Thread-safe; the table of sources is bounded.
class RateLimiter
{
public:
    RateLimiter(int perMinute, int burst);

    /// nullopt: allowed (and counted); otherwise the whole seconds until `cost` tokens are there (at least 1).
    [[nodiscard]] std::optional<int> take(const QString &source, int cost, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// The source an address counts as: an IPv6 address by its /64 (one subscriber's prefix), IPv4 as it is.
    [[nodiscard]] static QString sourceOf(const QString &peerAddress);

    /// Sources tracked at most; beyond, full buckets are forgotten first, then the oldest half.
    static constexpr int kMaxSources = 20000;

private:
    struct Bucket {
        double tokens = 0;
        QDateTime at;
    };
    void forget(const QDateTime &now);

    double m_perSecond;
    double m_burst;
    QHash<QString, Bucket> m_buckets;
    std::mutex m_mutex;
};

} // namespace backend
