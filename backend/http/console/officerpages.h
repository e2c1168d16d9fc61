#pragma once

namespace backend {
class BackendStore;
class ConsoleServer;
class OfficeDirectory;

/// Adds the officer pages of the console for admins (/admin/petugas): the officers of their area, adding one,
/// (de)activating, a new password, the phone number for SMS reminders.
void addOfficerPages(ConsoleServer &console, BackendStore &store, const OfficeDirectory &offices);

} // namespace backend
