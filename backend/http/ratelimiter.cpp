#include "ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace backend {

RateLimiter::RateLimiter(int perMinute, int burst)
    : m_perSecond(std::max(1, perMinute) / 60.0)
    , m_burst(std::max(1, burst))
{ }

std::optional<int> RateLimiter::take(const QString &source, int cost, const QDateTime &now)
{
    std::lock_guard lock(m_mutex);
    if (m_buckets.size() >= kMaxSources && !m_buckets.contains(source))
        forget(now);
    Bucket &b = m_buckets[source];
    if (!b.at.isValid())
        b = Bucket {m_burst, now};
    const double elapsed = std::max<qint64>(0, b.at.msecsTo(now)) / 1000.0;
    b.tokens = std::min(m_burst, b.tokens + elapsed * m_perSecond);
    b.at = now;
    if (b.tokens >= cost) {
        b.tokens -= cost;
        return std::nullopt;
    }
    // A cost above the burst can never pass; it waits as long as a full bucket takes.
    const double missing = std::min(m_burst, double(cost)) - b.tokens;
    return std::max(1, int(std::ceil(missing / m_perSecond)));
}

void RateLimiter::forget(const QDateTime &now)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        const double tokens = it->tokens + std::max<qint64>(0, it->at.msecsTo(now)) / 1000.0 * m_perSecond;
        it = tokens >= m_burst ? m_buckets.erase(it) : std::next(it);
    }
    if (m_buckets.size() < kMaxSources)
        return;
    // Every source is busy: the oldest half goes (they get a full bucket again, the table stays bounded).
    QList<QDateTime> times;
    for (const Bucket &b : std::as_const(m_buckets))
        times.append(b.at);
    std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
    const QDateTime median = times.at(times.size() / 2);
    for (auto it = m_buckets.begin(); it != m_buckets.end();)
        it = it->at <= median ? m_buckets.erase(it) : std::next(it);
}

QString RateLimiter::sourceOf(const QString &peerAddress)
{
    if (!peerAddress.contains(QLatin1Char(':')))
        return peerAddress;
    // An IPv4 address mapped into IPv6 ("::ffff:192.0.2.1") is that IPv4 address.
    const qsizetype dot = peerAddress.lastIndexOf(QLatin1Char(':'));
    if (peerAddress.indexOf(QLatin1Char('.'), dot) > 0)
        return peerAddress.mid(dot + 1);
    // The first four groups of the expanded address: the subscriber's /64.
    const QString lower = peerAddress.section(QLatin1Char('%'), 0, 0).toLower();
    const qsizetype gap = lower.indexOf(QLatin1String("::"));
    QStringList head = (gap < 0 ? lower : lower.left(gap)).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    const QStringList tail = gap < 0 ? QStringList() : lower.mid(gap + 2).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    while (head.size() + tail.size() < 8)
        head.append(QStringLiteral("0"));
    head += tail;
    QStringList prefix;
    for (int i = 0; i < 4; ++i)
        prefix.append(QString::number(head.value(i).toUInt(nullptr, 16), 16));
    return prefix.join(QLatin1Char(':')) + QStringLiteral("::/64");
}

} // namespace backend
