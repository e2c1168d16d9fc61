#include "protocol.h"

#include <QJsonDocument>
#include <array>

namespace serverlink {

namespace {
struct StageName {
    Stage stage;
    const char *wire;
    const char *labelId;
};
constexpr std::array kStages {
    StageName {Stage::Queued, "QUEUED", "Menunggu dikirim ke kantor"},
    StageName {Stage::Received, "RECEIVED", "Diterima sistem"},
    StageName {Stage::DesaReview, "DESA_REVIEW", "Diperiksa petugas desa"},
    StageName {Stage::DesaSigned, "DESA_SIGNED", "Ditandatangani kepala desa"},
    StageName {Stage::KecamatanReview, "KECAMATAN_REVIEW", "Diperiksa kasi pelayanan kecamatan"},
    StageName {Stage::KecamatanSigned, "KECAMATAN_SIGNED", "Ditandatangani camat"},
    StageName {Stage::Ready, "READY", "Surat siap diambil di kantor desa"},
    StageName {Stage::HandedOver, "HANDED_OVER", "Surat sudah diserahkan"},
    StageName {Stage::NeedsFix, "NEEDS_FIX", "Perlu perbaikan"},
    StageName {Stage::Rejected, "REJECTED", "Ditolak"},
    StageName {Stage::Cancelled, "CANCELLED", "Dibatalkan"},
};

const StageName *find(Stage stage)
{
    for (const auto &s : kStages)
        if (s.stage == stage)
            return &s;
    return nullptr;
}

QString boundedString(const QJsonObject &o, const char *key, QString *error, bool required = true)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString()) {
        if (required && error && error->isEmpty())
            *error = QStringLiteral("field '%1' missing or not a string").arg(QLatin1String(key));
        return {};
    }
    QString s = v.toString();
    if (s.size() > kMaxFieldLength) {
        if (error && error->isEmpty())
            *error = QStringLiteral("field '%1' longer than %2 characters").arg(QLatin1String(key)).arg(kMaxFieldLength);
        return {};
    }
    return s;
}
} // namespace

QString stageToWire(Stage stage)
{
    const auto *s = find(stage);
    return s ? QString::fromLatin1(s->wire) : QString();
}

std::optional<Stage> stageFromWire(const QString &wire)
{
    for (const auto &s : kStages)
        if (wire == QLatin1String(s.wire))
            return s.stage;
    return std::nullopt;
}

QString stageLabelId(Stage stage)
{
    const auto *s = find(stage);
    return s ? QString::fromUtf8(s->labelId) : QString();
}

bool isFinal(Stage stage)
{
    return stage == Stage::HandedOver || stage == Stage::Rejected || stage == Stage::Cancelled;
}

QString levelToWire(ServiceLevel level)
{
    return level == ServiceLevel::Desa ? QStringLiteral("desa") : QStringLiteral("kecamatan");
}

std::optional<ServiceLevel> levelFromWire(const QString &wire)
{
    if (wire == QLatin1String("desa"))
        return ServiceLevel::Desa;
    if (wire == QLatin1String("kecamatan"))
        return ServiceLevel::Kecamatan;
    return std::nullopt;
}

QByteArray SubmitRequest::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("registrationNumber"), registrationNumber);
    o.insert(QStringLiteral("serviceCode"), serviceCode);
    o.insert(QStringLiteral("nik"), nik);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("address"), address);
    o.insert(QStringLiteral("purpose"), purpose);
    o.insert(QStringLiteral("fields"), fields);
    o.insert(QStringLiteral("submittedAt"), submittedAt.toUTC().toString(Qt::ISODate));
    // QJsonObject keeps keys sorted, so Compact output is canonical.
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<SubmitRequest> SubmitRequest::fromJson(const QByteArray &json, QString *error)
{
    QString err;
    if (json.size() > kMaxBodyBytes) {
        if (error)
            *error = QStringLiteral("body larger than %1 bytes").arg(kMaxBodyBytes);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = QStringLiteral("body is not a JSON object");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    SubmitRequest r;
    r.registrationNumber = boundedString(o, "registrationNumber", &err);
    r.serviceCode = boundedString(o, "serviceCode", &err);
    r.nik = boundedString(o, "nik", &err);
    r.name = boundedString(o, "name", &err);
    r.address = boundedString(o, "address", &err);
    r.purpose = boundedString(o, "purpose", &err);
    const QJsonValue fields = o.value(QStringLiteral("fields"));
    if (!fields.isUndefined() && !fields.isObject() && err.isEmpty())
        err = QStringLiteral("field 'fields' is not an object");
    r.fields = fields.toObject();
    r.submittedAt = QDateTime::fromString(boundedString(o, "submittedAt", &err), Qt::ISODate);
    if (err.isEmpty() && !r.submittedAt.isValid())
        err = QStringLiteral("field 'submittedAt' is not an ISO 8601 time");
    if (err.isEmpty() && (r.registrationNumber.isEmpty() || r.serviceCode.isEmpty() || r.nik.size() != 16))
        err = QStringLiteral("registrationNumber, serviceCode and a 16-digit nik are required");
    if (!err.isEmpty()) {
        if (error)
            *error = err;
        return std::nullopt;
    }
    return r;
}

QJsonObject StatusChange::toJsonObject() const
{
    QJsonObject o;
    o.insert(QStringLiteral("sequence"), sequence);
    o.insert(QStringLiteral("registrationNumber"), registrationNumber);
    o.insert(QStringLiteral("stage"), stageToWire(stage));
    o.insert(QStringLiteral("note"), note);
    o.insert(QStringLiteral("at"), at.toUTC().toString(Qt::ISODate));
    o.insert(QStringLiteral("letterAvailable"), letterAvailable);
    return o;
}

std::optional<StatusChange> StatusChange::fromJsonObject(const QJsonObject &o)
{
    StatusChange c;
    c.sequence = o.value(QStringLiteral("sequence")).toInteger(-1);
    c.registrationNumber = o.value(QStringLiteral("registrationNumber")).toString();
    const auto stage = stageFromWire(o.value(QStringLiteral("stage")).toString());
    c.note = o.value(QStringLiteral("note")).toString().left(kMaxFieldLength);
    c.at = QDateTime::fromString(o.value(QStringLiteral("at")).toString(), Qt::ISODate);
    c.letterAvailable = o.value(QStringLiteral("letterAvailable")).toBool();
    if (c.sequence < 0 || c.registrationNumber.isEmpty() || c.registrationNumber.size() > 64 || !stage || !c.at.isValid())
        return std::nullopt;
    c.stage = *stage;
    return c;
}

} // namespace serverlink
