#include "documentarchive.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <fcntl.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcDocumentArchive, "backend.documents")

namespace backend {

namespace {
constexpr QFileDevice::Permissions kFileMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kFolderMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

Error ioError(const QString &what, const QString &detail)
{
    return {ErrorCode::Io, QStringLiteral("%1: %2").arg(what, detail)};
}

// A rename is durable only once its folder is synced.
void syncFolder(const QString &folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

std::optional<QString> sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return std::nullopt;
    return QString::fromLatin1(hash.result().toHex());
}
} // namespace

DocumentArchive::DocumentArchive(BackendStore &store, QString folder)
    : m_store(store)
    , m_folder(std::move(folder))
{ }

serverlink::UploadState DocumentArchive::stateOf(const DocumentRecord &page)
{
    return {page.ref.pageId, page.completedAt.isValid() ? page.ref.size : page.receivedBytes, page.ref.size, page.completedAt.isValid()};
}

QString DocumentArchive::folderOf(const QString &registrationNumber) const
{
    return QDir(m_folder).filePath(registrationNumber);
}

std::shared_ptr<std::mutex> DocumentArchive::lockFor(const QString &pageId)
{
    std::lock_guard guard(m_locksMutex);
    if (auto existing = m_locks.value(pageId).lock())
        return existing;
    auto fresh = std::make_shared<std::mutex>();
    m_locks.insert(pageId, fresh);
    // Pages whose uploads ended leave expired entries: sweep them now and then.
    if (m_locks.size() > 256)
        m_locks.removeIf([](const auto &entry) { return entry.value().expired(); });
    return fresh;
}

Result<DocumentRecord> DocumentArchive::page(const QString &desaCode, const QString &registrationNumber, const QString &pageId)
{
    const Error unknown {ErrorCode::NotFound, QStringLiteral("Halaman dokumen ini tidak disebut permohonan desa ini.")};
    auto record = m_store.document(pageId);
    if (!record)
        return record.error().code == ErrorCode::NotFound ? unknown : record.error();
    if (record.value().registrationNumber != registrationNumber)
        return unknown;
    auto request = m_store.request(registrationNumber);
    if (!request)
        return request.error().code == ErrorCode::NotFound ? unknown : request.error();
    if (request.value().desaCode != desaCode)
        return unknown;
    return record;
}

Result<ChunkOutcome> DocumentArchive::receive(const DocumentRecord &known, const serverlink::ContentRange &range, const QByteArray &chunk)
{
    if (range.total != known.ref.size)
        return Error {ErrorCode::InvalidData,
            QStringLiteral("Ukuran halaman %1 byte, bukan %2 seperti yang disebut permohonan.").arg(range.total).arg(known.ref.size)};
    if (range.length() != chunk.size())
        return Error {ErrorCode::InvalidData,
            QStringLiteral("Isi %1 byte tidak sama dengan Content-Range (%2 byte).").arg(chunk.size()).arg(range.length())};

    // Chunks of one page are written one at a time in this process; the offset's compare-and-set in the
    // store keeps other backend processes honest as well.
    const auto lock = lockFor(known.ref.pageId);
    std::lock_guard guard(*lock);
    auto current = m_store.document(known.ref.pageId);
    if (!current)
        return current.error();
    DocumentRecord page = current.value();

    const QString folder = folderOf(page.registrationNumber);
    const QString finalPath = QDir(folder).filePath(page.ref.pageId);
    const QString partPath = finalPath + QStringLiteral(".part");
    // A finish cut between the rename and the store's record: the whole page is there already.
    if (!page.completedAt.isValid() && QFile::exists(finalPath) && !QFile::exists(partPath)) {
        if (sha256Of(finalPath) == page.ref.sha256) {
            if (const Status done = m_store.completeDocument(page.ref.pageId, QDateTime::currentDateTimeUtc()); !done)
                return done.error();
            page.completedAt = QDateTime::currentDateTimeUtc();
        } else {
            QFile::remove(finalPath);
        }
    }
    if (page.completedAt.isValid() || range.start != page.receivedBytes)
        return ChunkOutcome {ChunkOutcome::Kind::OffsetMismatch, stateOf(page), {}};

    if (!QDir().mkpath(folder))
        return ioError(QStringLiteral("Folder dokumen tidak dapat dibuat"), folder);
    QFile::setPermissions(m_folder, kFolderMode);
    QFile::setPermissions(folder, kFolderMode);
    QFile part(partPath);
    if (!part.open(QIODevice::ReadWrite))
        return ioError(QStringLiteral("Berkas dokumen tidak dapat dibuka"), part.errorString());
    part.setPermissions(kFileMode);
    // The part file may be longer than the offset recorded (a write synced, then cut before the record),
    // never shorter unless something removed it: then the page starts again.
    if (part.size() < range.start) {
        part.close();
        return discard(page, partPath, QStringLiteral("Berkas sebagian di server hilang; unggah ulang dari awal."));
    }
    if (!part.resize(range.start) || !part.seek(range.start) || part.write(chunk) != chunk.size() || !part.flush()
        || ::fsync(part.handle()) != 0)
        return ioError(QStringLiteral("Potongan dokumen tidak dapat ditulis"), part.errorString());
    part.close();

    const qint64 offset = range.start + chunk.size();
    if (offset == page.ref.size)
        return finish(page, partPath, finalPath);
    const auto moved = m_store.advanceDocument(page.ref.pageId, range.start, offset);
    if (!moved)
        return moved.error();
    if (!moved.value()) {
        auto now = m_store.document(page.ref.pageId);
        if (!now)
            return now.error();
        return ChunkOutcome {ChunkOutcome::Kind::OffsetMismatch, stateOf(now.value()), {}};
    }
    page.receivedBytes = offset;
    return ChunkOutcome {ChunkOutcome::Kind::Stored, stateOf(page), {}};
}

Result<ChunkOutcome> DocumentArchive::finish(const DocumentRecord &page, const QString &partPath, const QString &finalPath)
{
    const auto sha = sha256Of(partPath);
    if (!sha)
        return ioError(QStringLiteral("Berkas dokumen tidak dapat dibaca"), partPath);
    if (*sha != page.ref.sha256)
        return discard(
            page, partPath, QStringLiteral("SHA-256 halaman tidak sama dengan yang disebut permohonan; unggah ulang dari awal."));
    QFile::remove(finalPath);
    if (!QFile::rename(partPath, finalPath))
        return ioError(QStringLiteral("Berkas dokumen tidak dapat disimpan"), finalPath);
    syncFolder(QFileInfo(finalPath).absolutePath());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (const Status done = m_store.completeDocument(page.ref.pageId, now); !done)
        return done.error();
    DocumentRecord whole = page;
    whole.completedAt = now;
    qCInfo(lcDocumentArchive).noquote() << "page" << page.ref.pageId << "of" << page.registrationNumber << "complete," << page.ref.size
                                        << "bytes";
    return ChunkOutcome {ChunkOutcome::Kind::Completed, stateOf(whole), {}};
}

Result<ChunkOutcome> DocumentArchive::discard(const DocumentRecord &page, const QString &partPath, const QString &reason)
{
    QFile::remove(partPath);
    if (const Status restarted = m_store.restartDocument(page.ref.pageId, reason); !restarted)
        return restarted.error();
    qCWarning(lcDocumentArchive).noquote() << "page" << page.ref.pageId << "of" << page.registrationNumber << "discarded:" << reason;
    DocumentRecord fresh = page;
    fresh.receivedBytes = 0;
    return ChunkOutcome {ChunkOutcome::Kind::Discarded, stateOf(fresh), reason};
}

Result<QByteArray> DocumentArchive::read(const DocumentRecord &page) const
{
    if (!page.completedAt.isValid())
        return Error {ErrorCode::NotFound, QStringLiteral("Halaman dokumen masih dikirim.")};
    QFile file(QDir(folderOf(page.registrationNumber)).filePath(page.ref.pageId));
    if (!file.open(QIODevice::ReadOnly))
        return ioError(QStringLiteral("Berkas dokumen tidak dapat dibaca"), file.errorString());
    return file.readAll();
}

} // namespace backend
