#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace kiosk {

/// The kiosk's SQLite file (WAL) and its schema migrations. Each thread that touches the
/// store gets its own connection from connection(); the schema is migrated once in open().
class KioskStore
{
public:
    static constexpr int kSchemaVersion = 5;

    KioskStore() = default;
    ~KioskStore();
    KioskStore(const KioskStore &) = delete;
    KioskStore &operator=(const KioskStore &) = delete;

    /// Opens (creating if needed) and migrates. False and a technician-facing message in
    /// *error when the file is unusable or was written by a newer version of the app.
    [[nodiscard]] bool open(const QString &path, QString *error = nullptr);
    [[nodiscard]] QString path() const { return m_path; }

    /// This thread's connection to the store (opened on first use).
    [[nodiscard]] QSqlDatabase connection() const;

    /// The last catalog received from the backend: {etag, body}; nullopt before the first sync.
    [[nodiscard]] std::optional<std::pair<QString, QByteArray>> cachedCatalog() const;
    void saveCatalog(const QString &etag, const QByteArray &body) const;

private:
    QString m_path;
    QString m_prefix;
};

/// The device key used for PII at rest: 32 random bytes in a 0600 file, created on first use.
[[nodiscard]] std::optional<QByteArray> loadOrCreateDeviceKey(const QString &path, QString *error = nullptr);

} // namespace kiosk
