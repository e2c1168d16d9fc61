#include "protocol.h"

#include <QCoreApplication>
#include <QJsonArray>
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
    StageName {Stage::Queued, "QUEUED", QT_TRANSLATE_NOOP("Stage", "Menunggu dikirim ke kantor")},
    StageName {Stage::Received, "RECEIVED", QT_TRANSLATE_NOOP("Stage", "Diterima sistem")},
    StageName {Stage::DesaReview, "DESA_REVIEW", QT_TRANSLATE_NOOP("Stage", "Diperiksa petugas desa")},
    StageName {Stage::DesaSigned, "DESA_SIGNED", QT_TRANSLATE_NOOP("Stage", "Ditandatangani kepala desa")},
    StageName {Stage::KecamatanReview, "KECAMATAN_REVIEW", QT_TRANSLATE_NOOP("Stage", "Diperiksa kasi pelayanan kecamatan")},
    StageName {Stage::KecamatanSigned, "KECAMATAN_SIGNED", QT_TRANSLATE_NOOP("Stage", "Ditandatangani camat")},
    StageName {Stage::Ready, "READY", QT_TRANSLATE_NOOP("Stage", "Surat siap diambil di kantor desa")},
    StageName {Stage::HandedOver, "HANDED_OVER", QT_TRANSLATE_NOOP("Stage", "Surat sudah diserahkan")},
    StageName {Stage::NeedsFix, "NEEDS_FIX", QT_TRANSLATE_NOOP("Stage", "Perlu perbaikan")},
    StageName {Stage::Rejected, "REJECTED", QT_TRANSLATE_NOOP("Stage", "Ditolak")},
    StageName {Stage::Cancelled, "CANCELLED", QT_TRANSLATE_NOOP("Stage", "Dibatalkan")},
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

QString stageLabel(Stage stage)
{
    const auto *s = find(stage);
    return s ? QCoreApplication::translate("Stage", s->labelId) : QString();
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
    if (!phone.isEmpty())
        o.insert(QStringLiteral("phone"), phone);
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
    r.phone = boundedString(o, "phone", &err, false);
    if (err.isEmpty() && r.phone.size() > 16)
        err = QStringLiteral("field 'phone' is not a phone number");
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

QByteArray SurveyResponse::toJson() const
{
    QJsonArray a;
    for (int v : answers)
        a.append(v);
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("serviceCode"), serviceCode);
    o.insert(QStringLiteral("answers"), a);
    o.insert(QStringLiteral("at"), at.toUTC().toString(Qt::ISODate));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<SurveyResponse> SurveyResponse::fromJson(const QByteArray &json, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<SurveyResponse> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (json.size() > 4096)
        return fail(QStringLiteral("body too large"));
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    SurveyResponse r;
    QString err;
    r.id = boundedString(o, "id", &err);
    r.serviceCode = boundedString(o, "serviceCode", &err, false).left(64);
    r.at = QDateTime::fromString(boundedString(o, "at", &err), Qt::ISODate);
    const QJsonArray a = o.value(QStringLiteral("answers")).toArray();
    if (!err.isEmpty())
        return fail(err);
    if (r.id.size() < 16 || r.id.size() > 64 || !r.at.isValid())
        return fail(QStringLiteral("id (16–64 characters) and an ISO 8601 'at' are required"));
    if (a.size() != kElements)
        return fail(QStringLiteral("answers must hold %1 values").arg(kElements));
    for (const QJsonValue &v : a) {
        const int n = v.toInt(0);
        if (!v.isDouble() || n < 1 || n > 4)
            return fail(QStringLiteral("every answer is a whole number from 1 to 4"));
        r.answers.append(n);
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
    o.insert(QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs));
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

std::optional<QString> normalizePhone(const QString &text)
{
    QString digits;
    for (QChar c : text) {
        if (c.isDigit())
            digits += c;
        else if (c != QLatin1Char(' ') && c != QLatin1Char('-') && c != QLatin1Char('+') && c != QLatin1Char('.'))
            return std::nullopt;
    }
    if (digits.startsWith(QLatin1String("62")))
        digits = digits.mid(2);
    else if (digits.startsWith(QLatin1Char('0')))
        digits = digits.mid(1);
    // Indonesian mobile numbers: 8xx followed by 7–10 more digits (+62 8xx…, 9–12 digits).
    if (!digits.startsWith(QLatin1Char('8')) || digits.size() < 9 || digits.size() > 12)
        return std::nullopt;
    return QStringLiteral("+62") + digits;
}

} // namespace serverlink
