#include "consolepages.h"

#include "console/auditpage.h"
#include "console/complaintpages.h"
#include "console/consoleauth.h"
#include "console/consoleserver.h"
#include "console/desapages.h"
#include "console/fixpages.h"
#include "console/fleetpage.h"
#include "console/frontofficepage.h"
#include "console/keypages.h"
#include "console/leavepages.h"
#include "console/monitoringpage.h"
#include "console/officerpages.h"
#include "console/requestpages.h"
#include "console/staffpages.h"
#include "offices.h"

namespace backend {

void addConsolePages(ConsoleServer &console, BackendStore &store, const ServiceCatalog &catalog, OfficeDirectory &offices,
    Workflow &workflow, int staffPinIterations, DocumentArchive *documents)
{
    // Registration order is the order of the navigation bar.
    addAuthPages(console, store);
    addRequestPages(console, store, catalog, workflow, documents);
    addFixPages(console, store, catalog, workflow);
    addOfficerPages(console, store, offices);
    addLeavePages(console, store, offices);
    addDesaPages(console, store, offices);
    addFrontOfficePages(console, store, catalog, offices);
    addStaffPages(console, store, offices, staffPinIterations);
    addComplaintPages(console, store, offices);
    addMonitoringPages(console, store, catalog, offices);
    addFleetPages(console, store, offices);
    addKeyPages(console, store, offices);
    addAuditPages(console, store);
}

bool managesOffice(const QList<Capacity> &capacities, const OfficeDirectory &offices, const QString &office)
{
    for (const Capacity &c : capacities) {
        if (c.role == Role::SuperAdmin)
            return true;
        if (c.role != Role::AdminKecamatan)
            continue;
        if (office == c.office)
            return true;
        const auto desa = offices.desa(office);
        if (desa && desa->kecamatanCode == c.office)
            return true;
    }
    return false;
}

} // namespace backend
