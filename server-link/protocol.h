#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

/// Types shared by the kiosk and the kecamatan backend: the request lifecycle and the
/// JSON bodies of /api/v1 (see server-link/api/openapi.yaml).
namespace serverlink {

/// The one request lifecycle (DESIGN.md §3). Wire names are the enumerator names.
enum class Stage {
    Queued,
    Received,
    DesaReview,
    DesaSigned,
    KecamatanReview,
    KecamatanSigned,
    Ready,
    HandedOver,
    NeedsFix,
    Rejected,
    Cancelled,
};

/// Services end after the kades signs (desa) or go on to the camat (kecamatan).
enum class ServiceLevel { Desa, Kecamatan };

[[nodiscard]] QString stageToWire(Stage stage);
[[nodiscard]] std::optional<Stage> stageFromWire(const QString &wire);
/// What a citizen reads for a stage, in Bahasa Indonesia.
[[nodiscard]] QString stageLabelId(Stage stage);
[[nodiscard]] bool isFinal(Stage stage);

[[nodiscard]] QString levelToWire(ServiceLevel level);
[[nodiscard]] std::optional<ServiceLevel> levelFromWire(const QString &wire);

/// Body of POST /api/v1/requests. Serialised with sorted keys so the same request
/// always produces the same bytes (the backend compares bodies per idempotency key).
struct SubmitRequest {
    QString registrationNumber;
    QString serviceCode;
    QString nik;
    QString name;
    QString address;
    QString purpose;
    QJsonObject fields; // service-specific form fields
    QDateTime submittedAt; // UTC

    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<SubmitRequest> fromJson(const QByteArray &json, QString *error = nullptr);
};

/// One entry of GET /api/v1/changes.
struct StatusChange {
    qint64 sequence = 0;
    QString registrationNumber;
    Stage stage = Stage::Received;
    QString note;
    QDateTime at;
    bool letterAvailable = false;

    [[nodiscard]] QJsonObject toJsonObject() const;
    [[nodiscard]] static std::optional<StatusChange> fromJsonObject(const QJsonObject &o);
};

/// Limits applied by both sides before anything is stored.
inline constexpr int kMaxFieldLength = 500;
inline constexpr int kMaxBodyBytes = 64 * 1024;

} // namespace serverlink
