#pragma once

namespace kiosk {

/// The lockout after wrong staff PINs: kFreeAttempts wrong PINs in a row are free, then each further one
/// locks the staff member for 30 s, doubling up to 15 minutes. A correct PIN resets the count.
struct StaffLockout {
    static constexpr int kFreeAttempts = 5;
    static constexpr int kFirstDelaySeconds = 30;
    static constexpr int kMaxDelaySeconds = 15 * 60;

    /// Seconds locked after `failures` wrong PINs in a row (0 below kFreeAttempts).
    [[nodiscard]] static int lockSeconds(int failures);
};

} // namespace kiosk
