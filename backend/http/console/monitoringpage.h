#pragma once

namespace backend {
class BackendStore;
class OfficeDirectory;
class ServiceCatalog;
class ConsoleServer;

/// Adds the monitoring page of the officer console (/pemantauan: counts per stage, turnaround, SLA breaches,
/// kiosk fleet health from heartbeats, the desa queues per loket, IKM for a period) and its CSV exports (/pemantauan.csv?tabel=…),
/// for the kecamatan's leadership and administrators.
void addMonitoringPages(ConsoleServer &console, BackendStore &store, const ServiceCatalog &catalog, const OfficeDirectory &offices);

} // namespace backend
