#pragma once

#include "kioskresult.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>
#include <functional>
#include <optional>

namespace kiosk {

/// The kiosk's SQLite file (WAL) and its schema migrations. Each thread that touches the
/// store gets its own connection from connection(); the schema is migrated once in open().
class KioskStore
{
public:
    static constexpr int kSchemaVersion = 15;

    KioskStore() = default;
    ~KioskStore();
    KioskStore(const KioskStore &) = delete;
    KioskStore &operator=(const KioskStore &) = delete;

    /// Opens (creating if needed) and migrates. An Error with a technician-facing message when the
    /// file is unusable (Database) or was written by a newer version of the app (SchemaTooNew).
    [[nodiscard]] Status open(const QString &path);
    [[nodiscard]] QString path() const { return m_path; }

    /// This thread's connection to the store (opened on first use).
    [[nodiscard]] QSqlDatabase connection() const;

    /// Runs one SQL write on this thread's connection: the number of rows it changed, or a
    /// Database error that names `what` was being written (a phrase in Bahasa Indonesia).
    [[nodiscard]] Result<int> write(const QString &what, const QString &sql, const QVariantList &values = {}) const;
    /// Runs `work` in one transaction on this thread's connection: committed when it returns Done,
    /// rolled back (nothing half-written remains) when it returns an Error or the commit fails.
    [[nodiscard]] Status transaction(const std::function<Status()> &work) const;

    /// The last catalog received from the backend: {etag, body}; nullopt before the first sync.
    [[nodiscard]] std::optional<std::pair<QString, QByteArray>> cachedCatalog() const;
    [[nodiscard]] Status saveCatalog(const QString &etag, const QByteArray &body) const;

private:
    QString m_path;
    QString m_prefix;
};

/// The device key used for PII at rest: 32 random bytes in a 0600 file, created on first use (whole or not at all,
/// once even when two processes start together). An existing key readable by others is tightened to 0600 (logged).
/// A key still at `formerPath` (beside the database, before it got a folder of its own) is moved to `path`.
[[nodiscard]] Result<QByteArray> loadOrCreateDeviceKey(const QString &path, const QString &formerPath = {});

} // namespace kiosk
