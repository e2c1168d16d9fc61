#include "staffauth.h"

#include "crypto.h"

#include <algorithm>

namespace kiosk {

StaffAuth::StaffAuth(QString pinHash, Clock clock)
    : m_pinHash(std::move(pinHash))
    , m_clock(std::move(clock))
{ }

int StaffAuth::secondsLocked() const
{
    if (!m_lockedUntil.isValid())
        return 0;
    return int(std::max<qint64>(0, m_clock().secsTo(m_lockedUntil)));
}

StaffAuth::Outcome StaffAuth::check(const QString &pin)
{
    if (m_pinHash.isEmpty())
        return Outcome::NotConfigured;
    if (secondsLocked() > 0)
        return Outcome::LockedOut;
    if (serverlink::crypto::verifySecret(pin, m_pinHash)) {
        m_failures = 0;
        m_lockedUntil = {};
        return Outcome::Granted;
    }
    ++m_failures;
    if (m_failures >= kFreeAttempts) {
        const int doublings = std::min(m_failures - kFreeAttempts, 5);
        const int delay = std::min(30 << doublings, 15 * 60);
        m_lockedUntil = m_clock().addSecs(delay);
        return Outcome::LockedOut;
    }
    return Outcome::Denied;
}

} // namespace kiosk
