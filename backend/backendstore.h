#pragma once

#include "protocol.h"
#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <memory>
#include <mutex>
#include <optional>

namespace backend {

/// One citizen request as the backend stores it.
struct RequestRecord {
    QString registrationNumber;
    QString kioskId;
    QString desaCode;
    QString serviceCode;
    serverlink::ServiceLevel level = serverlink::ServiceLevel::Desa;
    serverlink::Stage stage = serverlink::Stage::Received;
    QString nik;
    QString name;
    QString address;
    QString purpose;
    QJsonObject fields;
    QDateTime submittedAt;
    QDateTime receivedAt;
    QString nomorSurat;
    QString letterPath;
    QString letterSha256;
};

/// A submission accepted from a kiosk, with the identity taken from its certificate.
struct NewRequest {
    QString kioskId;
    QString desaCode;
    QString idempotencyKey;
    QString bodySha256; // hex
    serverlink::ServiceLevel level = serverlink::ServiceLevel::Desa;
    serverlink::SubmitRequest submit;
};

/// Whether insertRequest stored something new or found the same submission again.
enum class InsertOutcome { Created, Replayed };

struct InsertResult {
    InsertOutcome outcome;
    RequestRecord record;
};

/// Asks applyTransition to take the next nomor surat of an office in the same transaction.
struct NomorAllocation {
    QString office;
    int year = 0;
    QString format; // placeholders {nomor} (4 digits), {kode}, {tahun}
};

/// A signed letter file to attach atomically with a transition.
struct LetterFile {
    QString path;
    QString sha256; // hex
};

/// One recorded move of a request: from (checked, compare-and-set) to, by whom and why.
struct Transition {
    serverlink::Stage from;
    serverlink::Stage to;
    QString actor;
    QString role;
    QString note;
    std::optional<NomorAllocation> nomor;
    std::optional<LetterFile> letter;
};

/// One row of the events table: the tracking history of a request.
struct EventRecord {
    qint64 sequence = 0;
    QString registrationNumber;
    QString desaCode;
    serverlink::Stage stage = serverlink::Stage::Received;
    QString actor;
    QString role;
    QString note;
    QDateTime at;
};

/// The backend's SQL storage (SQLite in WAL mode; portable SQL), one connection per thread.
class BackendStore
{
public:
    static constexpr int kSchemaVersion = 1;

    /// Opens (creating if needed) and migrates the database file; refuses a newer schema.
    [[nodiscard]] static Result<std::unique_ptr<BackendStore>> open(const QString &path);
    ~BackendStore();
    BackendStore(const BackendStore &) = delete;
    BackendStore &operator=(const BackendStore &) = delete;

    /// Exactly once per (kiosk, idempotency key): stores the request and its RECEIVED event.
    [[nodiscard]] Result<InsertResult> insertRequest(const NewRequest &request);
    [[nodiscard]] Result<RequestRecord> request(const QString &registrationNumber);
    [[nodiscard]] Result<QList<RequestRecord>> requests();
    /// Moves a request if it is still in transition.from; records the event in the same transaction.
    [[nodiscard]] Result<RequestRecord> applyTransition(const QString &registrationNumber, const Transition &transition);
    /// Status changes of one desa's requests with sequence > after, ascending.
    [[nodiscard]] Result<QList<serverlink::StatusChange>> changes(const QString &desaCode, qint64 after, int limit);
    [[nodiscard]] Result<QList<EventRecord>> events(const QString &registrationNumber);

private:
    explicit BackendStore(QString path);
    [[nodiscard]] Result<QSqlDatabase> connection();
    [[nodiscard]] Status migrate();

    QString m_path;
    QString m_connectionPrefix;
    std::mutex m_mutex;
    QStringList m_connectionNames;
};

} // namespace backend
