#pragma once

#include "workflow.h"

#include <QList>
#include <QString>

namespace backend {
class BackendStore;
class ConsoleServer;
class DocumentArchive;
class OfficeDirectory;
class ServiceCatalog;
class Workflow;

/// Adds every page of the officer console to `console`, in the order of its navigation bar: login and
/// logout, requests, officers, leave, desa master data, the desa front office, front-office staff, monitoring. The
/// composition root calls this; `staffPinIterations` are the PBKDF2 iterations of new staff PIN verifiers; with
/// `documents`, request pages show the requirement pages kiosks uploaded.
void addConsolePages(ConsoleServer &console, BackendStore &store, const ServiceCatalog &catalog, OfficeDirectory &offices,
    Workflow &workflow, int staffPinIterations = 600000, DocumentArchive *documents = nullptr);

/// Whether the officer acting in `capacities` administers `office` (a desa or kecamatan code; "*" for
/// super admins only): a super admin everything, an admin kecamatan their kecamatan and its desa.
[[nodiscard]] bool managesOffice(const QList<Capacity> &capacities, const OfficeDirectory &offices, const QString &office);

} // namespace backend
