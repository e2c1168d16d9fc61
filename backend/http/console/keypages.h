#pragma once

namespace backend {
class BackendStore;
class ConsoleServer;
class OfficeDirectory;

/// Adds the read-only seal key page for admins (/admin/kunci): the office signing keys of their area with window,
/// status and, for a revoked key, when and why (`kecamatan-backend keys revoke`).
void addKeyPages(ConsoleServer &console, BackendStore &store, const OfficeDirectory &offices);

} // namespace backend
