#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
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
/// What a citizen reads for a stage, in Bahasa Indonesia (the translation source text).
[[nodiscard]] QString stageLabelId(Stage stage);
/// The same label in the application's current language (context "Stage").
[[nodiscard]] QString stageLabel(Stage stage);
[[nodiscard]] bool isFinal(Stage stage);

[[nodiscard]] QString levelToWire(ServiceLevel level);
[[nodiscard]] std::optional<ServiceLevel> levelFromWire(const QString &wire);

/// "0812-3456-789", "62812…", "+62 812…" → "+62812…"; nullopt when not an Indonesian mobile number.
/// The one rule for phone numbers: citizens on the kiosk, officers in the console and CLI.
[[nodiscard]] std::optional<QString> normalizePhone(const QString &text);

/// Body of POST /api/v1/requests. Serialised with sorted keys so the same request
/// always produces the same bytes (the backend compares bodies per idempotency key).
struct SubmitRequest {
    QString registrationNumber;
    QString serviceCode;
    QString nik;
    QString name;
    QString address;
    QString purpose;
    QString phone; // optional, +62… for SMS notifications; empty when not given
    QJsonObject fields; // service-specific form fields: strings, or arrays of objects (groups)
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

/// Body of POST /api/v1/surveys: one visitor's IKM answers (PermenPAN-RB 14/2017), anonymous.
struct SurveyResponse {
    QString id; // random, the idempotency key of this response
    QString serviceCode; // the service the visitor asked for, if any
    QList<int> answers; // 9 elements, each 1–4
    QDateTime at;

    static constexpr int kElements = 9;
    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<SurveyResponse> fromJson(const QByteArray &json, QString *error = nullptr);
};

/// Limits applied by both sides before anything is stored.
inline constexpr int kMaxFieldLength = 500;
inline constexpr int kMaxBodyBytes = 64 * 1024;

} // namespace serverlink
