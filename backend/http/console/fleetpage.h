#pragma once

namespace backend {
class BackendStore;
class ConsoleServer;
class OfficeDirectory;

/// Adds the fleet page of the officer console (/armada: each kiosk's latest heartbeat, its open alerts with
/// "Selesai ditangani", and the alert history) for the teknisi, the kecamatan's leadership and administrators,
/// each seeing only the kiosks of their own kecamatan.
void addFleetPages(ConsoleServer &console, BackendStore &store, const OfficeDirectory &offices);

} // namespace backend
