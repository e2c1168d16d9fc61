#pragma once

namespace backend {
class BackendStore;
class ConsoleServer;
class OfficeDirectory;

/// Adds the desa master data page of the console for admins (/admin/desa): edit the desa of their kecamatan,
/// add one, see the latest changes.
void addDesaPages(ConsoleServer &console, BackendStore &store, OfficeDirectory &offices);

} // namespace backend
