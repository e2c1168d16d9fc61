#pragma once

namespace backend {
class BackendStore;
class ConsoleServer;

/// Adds the audit log page of the officer console (/admin/audit, super admins only): who administered
/// officers, leave, kiosks, keys and desa data, when and from which address, filtered by day and officer.
void addAuditPages(ConsoleServer &console, BackendStore &store);

} // namespace backend
