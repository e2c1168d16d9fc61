#include "backend.h"

#include <QDir>
#include <QFileInfo>

namespace backend {

Result<std::unique_ptr<Backend>> openBackend(const QString &dataDir, Paper paper)
{
    if (dataDir.isEmpty())
        return Error {ErrorCode::Io, QStringLiteral("--data DIR wajib diisi.")};
    if (!QDir().mkpath(dataDir))
        return Error {ErrorCode::Io, QStringLiteral("Folder data %1 tidak dapat dibuat.").arg(dataDir)};
    auto store = BackendStore::open(QDir(dataDir).filePath(QStringLiteral("backend.sqlite")));
    if (!store)
        return store.error();
    auto catalog = ServiceCatalog::builtIn();
    if (!catalog)
        return catalog.error();
    // The kecamatan's own list when it keeps one, else the list shipped with the software (docs/decisions/0021).
    const QString holidaysFile = QDir(dataDir).filePath(QStringLiteral("hari-libur.txt"));
    QString holidaysError;
    const auto calendar = QFileInfo::exists(holidaysFile) ? serverlink::WorkingCalendar::fromFile(holidaysFile, &holidaysError)
                                                          : serverlink::WorkingCalendar::builtIn();
    if (!calendar)
        return Error {ErrorCode::InvalidData, QStringLiteral("Daftar hari libur %1").arg(holidaysError)};
    catalog.value().setHolidays(*calendar);
    // Desa master data lives in the database (seeded from the built-in table); the console edits it there.
    auto offices = OfficeDirectory::fromStore(*store.value());
    if (!offices)
        return offices.error();
    auto b = std::unique_ptr<Backend>(
        new Backend {std::move(store.value()), catalog.value(), offices.value(), LetterRenderer(paper), nullptr, nullptr});
    b->seals = std::make_unique<SealService>(*b->store, b->offices, QDir(dataDir).filePath(QStringLiteral("keys")));
    b->workflow = std::make_unique<Workflow>(
        *b->store, b->catalog, b->offices, b->renderer, QDir(dataDir).filePath(QStringLiteral("letters")), b->seals.get());
    b->documents = std::make_unique<DocumentArchive>(*b->store, QDir(dataDir).filePath(QStringLiteral("documents")));
    return b;
}

} // namespace backend
