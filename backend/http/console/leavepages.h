#pragma once

namespace backend {
class BackendStore;
class ConsoleServer;
class OfficeDirectory;

/// Adds the leave pages of the console for admins (/admin/cuti): who is on leave, who signs for them, cancelling.
void addLeavePages(ConsoleServer &console, BackendStore &store, const OfficeDirectory &offices);

} // namespace backend
