#pragma once

#include <QString>

namespace backend {
class BackendStore;
class ConsoleServer;
class ServiceCatalog;
class Workflow;
struct RequestRecord;

/// Adds the return form with fix items (/permohonan/REG/kembalikan: GET the form, `?target=` preselects an
/// item such as "document:2"; POST it with CSRF): the request goes to NEEDS_FIX with what the citizen must fix.
void addFixPages(ConsoleServer &console, BackendStore &store, const ServiceCatalog &catalog, Workflow &workflow);

/// The request page's account of the request's life after submission, as HTML: who entered it (staff), what the
/// citizen was asked to fix, its versions and what the latest revision changed against the version before.
[[nodiscard]] QString requestLifeSection(BackendStore &store, const ServiceCatalog &catalog, const RequestRecord &request);

} // namespace backend
