#pragma once

#include "backendstore.h"
#include "workflow.h"

#include <QDate>
#include <QList>
#include <QString>

namespace backend {
class ConsoleServer;
class OfficeDirectory;
class ServiceCatalog;

/// Adds the front office page of a desa (/loket): letters READY to print and hand over with their age,
/// today's requests with their queue numbers, today's handovers with who handed over, and the day's queue
/// report per loket. For the desa's front office, sekretaris and kepala desa, and administrators.
void addFrontOfficePages(ConsoleServer &console, BackendStore &store, const ServiceCatalog &catalog, const OfficeDirectory &offices);

namespace frontoffice {
/// Whether an officer acting in `capacities` may see the front office figures of desa `desaCode`: desa roles
/// their own desa, kecamatan roles the desa of their kecamatan, a super admin every desa.
[[nodiscard]] bool seesDesa(const QList<Capacity> &capacities, const OfficeDirectory &offices, const QString &desaCode);
/// The start and end (exclusive) of `day` in WIB (UTC+7), the village hall's day.
[[nodiscard]] QPair<QDateTime, QDateTime> wibDay(const QDate &day);
/// Today in WIB.
[[nodiscard]] QDate wibToday();
/// The daily queue report of `events` (one day's) as an HTML table, with a column per desa when `withDesa`.
[[nodiscard]] QString queueReportTable(const QList<DeskEventRecord> &events, const OfficeDirectory &offices, bool withDesa);
} // namespace frontoffice

} // namespace backend
