#include "stafflockout.h"

#include <algorithm>

namespace kiosk {

int StaffLockout::lockSeconds(int failures)
{
    if (failures < kFreeAttempts)
        return 0;
    // Capped before shifting: 30 << 5 already exceeds 15 minutes.
    const int doublings = std::min(failures - kFreeAttempts, 5);
    return std::min(kFirstDelaySeconds << doublings, kMaxDelaySeconds);
}

} // namespace kiosk
