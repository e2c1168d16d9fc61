#pragma once

#include "kioskresult.h"
#include "protocol.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace kiosk {

class KioskStore;

/// A requirement page as the capture screen took it, held in memory until the request is committed.
struct CapturedPage {
    int requirement = 0; // index into the service's requirements
    QString requirementText;
    QByteArray bytes; // the compressed page (JPEG), within the capture budget
    QString contentType = QStringLiteral("image/jpeg");
};

/// A page kept in the kiosk store for a request, with its upload's progress.
struct StoredPage {
    qint64 id = 0;
    qint64 requestId = 0; // 0: not a request of this kiosk's outbox
    QString registrationNumber;
    serverlink::DocumentRef ref;
    qint64 uploadedBytes = 0; // what the backend confirmed it holds (the upload resumes here)
    bool delivered = false; // the backend has the whole page and its hash matched
};

/// The requirement pages of the kiosk's requests (table request_documents): sealed with the device key
/// (AES-256-GCM, bound to registration number and page id), uploaded after their request, purged with it.
class DocumentStore
{
public:
    DocumentStore(const KioskStore &store, QByteArray deviceKey);

    /// The wire description of `pages` with fresh random page ids and their hashes; the body that names
    /// them and store() must get the same list.
    [[nodiscard]] static QList<serverlink::DocumentRef> describe(const QList<CapturedPage> &pages);
    /// Keeps `pages` (described by `refs`, same order) for request `registrationNumber` (`requestId`: its row
    /// in this kiosk's outbox, 0 for a request entered at another kiosk, e.g. a revision). Runs on this thread's
    /// connection: call it inside the transaction that writes the request (or the revision) naming them.
    [[nodiscard]] Status store(qint64 requestId, const QString &registrationNumber, const QList<CapturedPage> &pages,
        const QList<serverlink::DocumentRef> &refs) const;
    /// The backend accepted the body naming these pages: their upload may start (the backend only takes pages
    /// it was told about).
    [[nodiscard]] Status markAnnounced(const QStringList &pageIds) const;

    /// Every page kept for a request, in capture order (purged pages are gone).
    [[nodiscard]] QList<StoredPage> pages(const QString &registrationNumber) const;
    /// Pages announced to the backend (markAnnounced, or their outbox request delivered) whose upload is not
    /// finished, oldest first.
    [[nodiscard]] QList<StoredPage> uploadsDue(int limit = 20) const;
    /// The page's bytes in clear; NotFound when unknown or purged, InvalidData when the seal does not open.
    [[nodiscard]] Result<QByteArray> read(const QString &pageId) const;
    /// The backend confirmed it holds the first `bytes` bytes of the page.
    [[nodiscard]] Status recordUploaded(const QString &pageId, qint64 bytes) const;
    /// The backend has the whole page.
    [[nodiscard]] Status markDelivered(const QString &pageId) const;
    /// Pages not uploaded yet (for the technician and the heartbeat).
    [[nodiscard]] int pendingCount() const;

private:
    [[nodiscard]] QList<StoredPage> select(const QString &where, const QVariantList &values) const;

    const KioskStore &m_store;
    QByteArray m_key;
};

} // namespace kiosk
