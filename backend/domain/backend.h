#pragma once

#include "backendstore.h"
#include "documentarchive.h"
#include "letterrenderer.h"
#include "offices.h"
#include "result.h"
#include "sealservice.h"
#include "servicecatalog.h"
#include "workflow.h"

#include <QString>
#include <memory>

namespace backend {

/// The objects every backend command and test fixture needs, built once from a data folder.
struct Backend {
    std::unique_ptr<BackendStore> store;
    ServiceCatalog catalog;
    OfficeDirectory offices;
    LetterRenderer renderer;
    std::unique_ptr<SealService> seals;
    std::unique_ptr<Workflow> workflow;
    std::unique_ptr<DocumentArchive> documents; // requirement pages uploaded by kiosks, DIR/documents
};

/// Opens (creating when missing) DIR/backend.sqlite, DIR/keys, DIR/letters and DIR/documents, with the built-in
/// catalog carrying the holidays of DIR/hari-libur.txt (or the built-in list) and the desa master data of the
/// database; letters on `paper`.
[[nodiscard]] Result<std::unique_ptr<Backend>> openBackend(const QString &dataDir, Paper paper = Paper::F4);

} // namespace backend
