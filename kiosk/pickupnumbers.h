#pragma once

#include "kioskresult.h"

#include <QString>

namespace kiosk {

/// Where a letter's pick-up number comes from: the next number of today's pick-up queue (queue B,
/// "B-004"). The one seam between the pick-up desk and the queue book; a letter draws at most one a day.
class PickupNumbers
{
public:
    virtual ~PickupNumbers() = default;
    /// Draws the next pick-up number of today for letter `registrationNumber`.
    [[nodiscard]] virtual Result<QString> take(const QString &registrationNumber) = 0;
};

} // namespace kiosk
