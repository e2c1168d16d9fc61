#pragma once

#include <QString>

namespace kiosk {

/// The front-office staff member signed in at the desk: who every print, handover, reprint,
/// cancellation and queue call is recorded against (on the kiosk and at the backend).
struct StaffMember {
    QString username; // as in the backend console; the actor on the wire
    QString name; // shown on the desk and on receipts
    bool technician = false; // a technician's credential: technician mode, never the desk

    [[nodiscard]] bool isValid() const { return !username.isEmpty(); }
};

} // namespace kiosk
