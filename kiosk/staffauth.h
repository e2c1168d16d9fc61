#pragma once

#include <QDateTime>
#include <QString>
#include <functional>

namespace kiosk {

/// Checks the front-office staff PIN (PBKDF2 hash from the configuration) with a lockout:
/// after 5 failures each further attempt waits 30 s, doubling up to 15 minutes.
class StaffAuth
{
public:
    using Clock = std::function<QDateTime()>;
    enum class Outcome { Granted, Denied, LockedOut, NotConfigured };

    explicit StaffAuth(QString pinHash, Clock clock = &QDateTime::currentDateTimeUtc);

    Outcome check(const QString &pin);
    /// Seconds until the next attempt is allowed (0 when not locked).
    [[nodiscard]] int secondsLocked() const;
    [[nodiscard]] int failures() const { return m_failures; }

    static constexpr int kFreeAttempts = 5;

private:
    QString m_pinHash;
    Clock m_clock;
    int m_failures = 0;
    QDateTime m_lockedUntil;
};

} // namespace kiosk
