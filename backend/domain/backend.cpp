#include "backend.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcDataFolder, "backend.data")

namespace backend {

namespace {

/// chmod to `mode` when group or others have any access; true when it changed something.
bool tighten(const QString &path, mode_t mode)
{
    struct stat st {
    };
    const QByteArray name = QFile::encodeName(path);
    if (::lstat(name.constData(), &st) != 0 || S_ISLNK(st.st_mode) || (st.st_mode & 077) == 0)
        return false;
    if (::chmod(name.constData(), mode) == 0)
        return true;
    qCWarning(lcDataFolder).noquote() << "Izin" << path << "tidak dapat diperketat:" << qt_error_string(errno);
    return false;
}

/// The data folder holds personal data (requests, pages, letters) and keys: only the backend's own user may read
/// it. Folders 0700, files 0600 (an executable file keeps its owner bit), also those made by an older version.
Status makeDataFolderPrivate(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return Error {ErrorCode::Io, QStringLiteral("Folder data %1 tidak dapat dibuat.").arg(dataDir)};
    int tightened = tighten(dataDir, 0700) ? 1 : 0;
    QDirIterator it(dataDir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isSymLink())
            continue;
        const mode_t mode = info.isDir() ? 0700 : info.isExecutable() ? 0700 : 0600;
        if (tighten(path, mode))
            ++tightened;
    }
    if (tightened > 0)
        qCInfo(lcDataFolder).noquote() << "Izin" << tightened << "berkas/folder di" << dataDir
                                       << "diperketat: folder 0700, berkas 0600 (dibuat oleh versi lama atau dengan umask longgar).";
    // SQLite gives the -wal and -shm files the database's own mode: a new database starts as 0600.
    const QByteArray database = QFile::encodeName(QDir(dataDir).filePath(QStringLiteral("backend.sqlite")));
    const int fd = ::open(database.constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error {ErrorCode::Io, QStringLiteral("Basis data di %1 tidak dapat dibuat.").arg(dataDir)};
    ::close(fd);
    return Done {};
}

} // namespace

Result<std::unique_ptr<Backend>> openBackend(const QString &dataDir, Paper paper)
{
    if (dataDir.isEmpty())
        return Error {ErrorCode::Io, QStringLiteral("--data DIR wajib diisi.")};
    if (auto made = makeDataFolderPrivate(dataDir); !made)
        return made.error();
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
    // Every command that signs (serve, act) puts the same verification page in the seal's QR.
    const auto verifyUrl = configuredVerifyUrl(QDir(dataDir).filePath(QStringLiteral("notifications.ini")));
    if (!verifyUrl)
        return verifyUrl.error();
    if (verifyUrl.value())
        b->seals->setVerifyUrl(*verifyUrl.value());
    b->workflow = std::make_unique<Workflow>(
        *b->store, b->catalog, b->offices, b->renderer, QDir(dataDir).filePath(QStringLiteral("letters")), b->seals.get());
    b->documents = std::make_unique<DocumentArchive>(*b->store, QDir(dataDir).filePath(QStringLiteral("documents")));
    return b;
}

} // namespace backend
