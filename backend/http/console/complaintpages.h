#pragma once

namespace backend {
class BackendStore;
class ConsoleServer;
class OfficeDirectory;

/// Adds the complaints page of the console (/pengaduan) for the kasi pelayanan, camat and admin kecamatan of a
/// kecamatan, the sekretaris desa of a desa and super admins: the list (filter by status), one complaint, and
/// its follow-up (status Baru → Diproses → Selesai and the answer the citizen reads at a kiosk or by SMS).
void addComplaintPages(ConsoleServer &console, BackendStore &store, const OfficeDirectory &offices);

} // namespace backend
