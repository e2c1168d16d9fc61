#pragma once

#include "backendstore.h"
#include "documentupload.h"
#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <memory>
#include <mutex>

namespace backend {

/// What became of one chunk of a page upload.
struct ChunkOutcome {
    enum class Kind {
        Stored, // appended and synced; more to come
        Completed, // the last chunk: the page is whole and its SHA-256 matched
        OffsetMismatch, // the chunk did not start at the offset held (nothing written): resume at `state.offset`
        Discarded, // the whole page did not match its ref: thrown away, the upload starts again at 0
    };
    Kind kind = Kind::Stored;
    serverlink::UploadState state;
    QString reason; // Discarded: why, in Bahasa Indonesia
};

/// The bytes of requirement pages under DIR/documents/<reg>/<pageId> (folders 0700, files 0600): resumable
/// uploads written chunk by chunk into "<pageId>.part" (synced before the offset is recorded in the store),
/// checked against the page's DocumentRef and renamed when whole. Not encrypted yet (issue #16).
class DocumentArchive
{
public:
    DocumentArchive(BackendStore &store, QString folder);

    /// The page `pageId` of request `registrationNumber` of desa `desaCode`, as the upload routes may see it:
    /// NotFound unless that request of that desa names the page.
    [[nodiscard]] Result<DocumentRecord> page(const QString &desaCode, const QString &registrationNumber, const QString &pageId);
    /// Writes one chunk at `range.start` when that is the offset held. InvalidData when the range does not fit
    /// the page (total ≠ its size, or the body's length ≠ the range's).
    [[nodiscard]] Result<ChunkOutcome> receive(const DocumentRecord &page, const serverlink::ContentRange &range, const QByteArray &chunk);
    /// The bytes of a finished page; NotFound while it is still uploading.
    [[nodiscard]] Result<QByteArray> read(const DocumentRecord &page) const;
    [[nodiscard]] static serverlink::UploadState stateOf(const DocumentRecord &page);

private:
    [[nodiscard]] QString folderOf(const QString &registrationNumber) const;
    [[nodiscard]] std::shared_ptr<std::mutex> lockFor(const QString &pageId);
    [[nodiscard]] Result<ChunkOutcome> finish(const DocumentRecord &page, const QString &partPath, const QString &finalPath);
    [[nodiscard]] Result<ChunkOutcome> discard(const DocumentRecord &page, const QString &partPath, const QString &reason);

    BackendStore &m_store;
    QString m_folder;
    std::mutex m_locksMutex;
    QHash<QString, std::weak_ptr<std::mutex>> m_locks;
};

} // namespace backend
