#include "protocol.h"

#include "staffcard.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <array>
#include <limits>

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

struct HealthName {
    HealthState state;
    const char *wire;
};
constexpr std::array kHealthStates {
    HealthName {HealthState::Unknown, "unknown"},
    HealthName {HealthState::Ready, "ready"},
    HealthName {HealthState::PaperOut, "paper-out"},
    HealthName {HealthState::PaperLow, "paper-low"},
    HealthName {HealthState::Offline, "offline"},
    HealthName {HealthState::DoorOpen, "door-open"},
    HealthName {HealthState::Jam, "jam"},
    HealthName {HealthState::TonerLow, "toner-low"},
    HealthName {HealthState::Stopped, "stopped"},
    HealthName {HealthState::Ok, "ok"},
    HealthName {HealthState::Low, "low"},
    HealthName {HealthState::Out, "out"},
    HealthName {HealthState::None, "none"},
};

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        out.append(item.toString());
    return out;
}

// The object a body holds; nullopt (and why, when asked) when it is not JSON or not an object.
std::optional<QJsonObject> parseObject(const QByteArray &json, QString *why = nullptr)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject())
        return doc.object();
    if (why)
        *why = parseError.error != QJsonParseError::NoError ? parseError.errorString() : QStringLiteral("bukan objek JSON");
    return std::nullopt;
}

template<typename T> QJsonArray objectArray(const QList<T> &items)
{
    QJsonArray a;
    for (const T &item : items)
        a.append(item.toJsonObject());
    return a;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

template<typename T> std::optional<T> refuse(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

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

bool isLowerHex(const QString &s, int length)
{
    if (s.size() != length)
        return false;
    for (QChar c : s)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}

// The "documents" array of a request or revision: absent is none; anything malformed refuses the body.
QList<DocumentRef> documentList(const QJsonValue &v, QString *error)
{
    QList<DocumentRef> out;
    if (v.isUndefined())
        return out;
    if (!v.isArray()) {
        *error = QStringLiteral("field 'documents' is not an array");
        return {};
    }
    const QJsonArray a = v.toArray();
    if (a.size() > kMaxDocumentsPerRequest) {
        *error = QStringLiteral("more than %1 documents").arg(kMaxDocumentsPerRequest);
        return {};
    }
    for (const QJsonValue &item : a) {
        auto ref = DocumentRef::fromJsonObject(item.toObject(), error);
        if (!ref)
            return {};
        for (const DocumentRef &seen : out)
            if (seen.pageId == ref->pageId) {
                *error = QStringLiteral("document %1 named twice").arg(ref->pageId);
                return {};
            }
        out.append(*ref);
    }
    return out;
}

QJsonObject proofObject(const RequestProof &proof)
{
    QJsonObject o;
    if (!proof.statusToken.isEmpty())
        o.insert(QStringLiteral("statusToken"), proof.statusToken);
    if (!proof.nik.isEmpty())
        o.insert(QStringLiteral("nik"), proof.nik);
    if (!proof.actor.isEmpty())
        o.insert(QStringLiteral("actor"), proof.actor);
    return o;
}

RequestProof proofFrom(const QJsonValue &v, QString *error)
{
    RequestProof p;
    if (!v.isObject()) {
        if (error->isEmpty())
            *error = QStringLiteral("field 'proof' missing or not an object");
        return p;
    }
    const QJsonObject o = v.toObject();
    p.statusToken = boundedString(o, "statusToken", error, false);
    p.nik = boundedString(o, "nik", error, false);
    p.actor = boundedString(o, "actor", error, false);
    if (error->isEmpty() && (p.statusToken.size() > 64 || (!p.nik.isEmpty() && p.nik.size() != 16) || p.actor.size() > 64))
        *error = QStringLiteral("field 'proof' holds a malformed token, NIK or actor");
    if (error->isEmpty() && p.isEmpty())
        *error = QStringLiteral("field 'proof' needs a status token, a NIK or a staff actor");
    return p;
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
    // Only when given: a body without a queue number stays byte-identical to what older kiosks sent.
    if (!queueLabel.isEmpty())
        o.insert(QStringLiteral("queueLabel"), queueLabel);
    if (!statusTokenHash.isEmpty())
        o.insert(QStringLiteral("statusTokenHash"), statusTokenHash);
    if (!enteredBy.isEmpty())
        o.insert(QStringLiteral("enteredBy"), enteredBy);
    if (!documents.isEmpty())
        o.insert(QStringLiteral("documents"), objectArray(documents));
    // QJsonObject keeps keys sorted, so Compact output is canonical.
    return compact(o);
}

namespace {

/// An optional phone field: empty stays empty, an Indonesian mobile number becomes +628…, anything else is an error.
QString mobilePhone(const QString &typed, QString *err)
{
    if (typed.isEmpty())
        return typed;
    if (const auto phone = normalizePhone(typed))
        return *phone;
    *err = QStringLiteral("field 'phone' is not an Indonesian mobile number (08…, 628… or +628…)");
    return typed;
}

} // namespace

std::optional<SubmitRequest> SubmitRequest::fromJson(const QByteArray &json, QString *error)
{
    QString err;
    if (json.size() > kMaxBodyBytes) {
        if (error)
            *error = QStringLiteral("body larger than %1 bytes").arg(kMaxBodyBytes);
        return std::nullopt;
    }
    const auto parsed = parseObject(json);
    if (!parsed)
        return refuse<SubmitRequest>(error, QStringLiteral("body is not a JSON object"));
    const QJsonObject &o = *parsed;
    SubmitRequest r;
    r.registrationNumber = boundedString(o, "registrationNumber", &err);
    r.serviceCode = boundedString(o, "serviceCode", &err);
    r.nik = boundedString(o, "nik", &err);
    r.name = boundedString(o, "name", &err);
    r.address = boundedString(o, "address", &err);
    r.purpose = boundedString(o, "purpose", &err);
    r.phone = boundedString(o, "phone", &err, false);
    if (err.isEmpty())
        r.phone = mobilePhone(r.phone, &err);
    const QJsonValue fields = o.value(QStringLiteral("fields"));
    if (!fields.isUndefined() && !fields.isObject() && err.isEmpty())
        err = QStringLiteral("field 'fields' is not an object");
    r.fields = fields.toObject();
    r.submittedAt = QDateTime::fromString(boundedString(o, "submittedAt", &err), Qt::ISODate);
    if (err.isEmpty() && !r.submittedAt.isValid())
        err = QStringLiteral("field 'submittedAt' is not an ISO 8601 time");
    r.queueLabel = boundedString(o, "queueLabel", &err, false);
    if (err.isEmpty() && r.queueLabel.size() > 16)
        err = QStringLiteral("field 'queueLabel' is longer than 16 characters");
    r.statusTokenHash = boundedString(o, "statusTokenHash", &err, false);
    if (err.isEmpty() && !r.statusTokenHash.isEmpty() && !isLowerHex(r.statusTokenHash, 64))
        err = QStringLiteral("field 'statusTokenHash' is not a SHA-256 in hex");
    r.enteredBy = boundedString(o, "enteredBy", &err, false);
    if (err.isEmpty() && r.enteredBy.size() > 64)
        err = QStringLiteral("field 'enteredBy' is longer than 64 characters");
    if (err.isEmpty())
        r.documents = documentList(o.value(QStringLiteral("documents")), &err);
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
    if (!profile.isEmpty()) {
        QJsonObject p;
        for (auto it = profile.cbegin(); it != profile.cend(); ++it)
            p.insert(it.key(), it.value());
        o.insert(QStringLiteral("profile"), p);
    }
    if (!suggestion.isEmpty())
        o.insert(QStringLiteral("suggestion"), suggestion);
    return compact(o);
}

namespace {
constexpr std::pair<DeskEventKind, const char *> kDeskEventWords[] = {
    {DeskEventKind::StaffSignedIn, "staff.signed_in"},
    {DeskEventKind::StaffSignedOut, "staff.signed_out"},
    {DeskEventKind::StaffLockedOut, "staff.locked_out"},
    {DeskEventKind::LetterPrinted, "letter.printed"},
    {DeskEventKind::LetterReprinted, "letter.reprinted"},
    {DeskEventKind::LetterHandedOver, "letter.handed_over"},
    {DeskEventKind::JobReprinted, "job.reprinted"},
    {DeskEventKind::JobCancelled, "job.cancelled"},
    {DeskEventKind::TicketReprinted, "ticket.reprinted"},
    {DeskEventKind::QueueTaken, "queue.taken"},
    {DeskEventKind::QueueCalled, "queue.called"},
    {DeskEventKind::QueueRecalled, "queue.recalled"},
    {DeskEventKind::QueueSkipped, "queue.skipped"},
    {DeskEventKind::QueueRequeued, "queue.requeued"},
    {DeskEventKind::QueueServed, "queue.served"},
    {DeskEventKind::QueueTransferred, "queue.transferred"},
    {DeskEventKind::RequestEntered, "request.entered"},
};
} // namespace

QString DeskEvent::kindToWire(DeskEventKind kind)
{
    for (const auto &[k, word] : kDeskEventWords)
        if (k == kind)
            return QString::fromLatin1(word);
    return {};
}

std::optional<DeskEventKind> DeskEvent::kindFromWire(const QString &wire)
{
    for (const auto &[k, word] : kDeskEventWords)
        if (wire == QLatin1String(word))
            return k;
    return std::nullopt;
}

QJsonObject DeskEvent::toJsonObject() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("kind"), kindToWire(kind));
    o.insert(QStringLiteral("at"), at.toUTC().toString(Qt::ISODate));
    o.insert(QStringLiteral("actor"), actor);
    o.insert(QStringLiteral("registrationNumber"), registrationNumber);
    o.insert(QStringLiteral("queueLabel"), queueLabel);
    o.insert(QStringLiteral("counter"), counter);
    o.insert(QStringLiteral("detail"), detail);
    return o;
}

std::optional<DeskEvent> DeskEvent::fromJsonObject(const QJsonObject &o, QString *error)
{
    DeskEvent e;
    QString err;
    e.id = boundedString(o, "id", &err);
    const QString kind = boundedString(o, "kind", &err);
    e.at = QDateTime::fromString(boundedString(o, "at", &err), Qt::ISODate);
    e.actor = boundedString(o, "actor", &err, false);
    e.registrationNumber = boundedString(o, "registrationNumber", &err, false);
    e.queueLabel = boundedString(o, "queueLabel", &err, false);
    e.detail = boundedString(o, "detail", &err, false);
    const QJsonValue counter = o.value(QStringLiteral("counter"));
    if (!err.isEmpty())
        return refuse<DeskEvent>(error, err);
    const auto k = kindFromWire(kind);
    if (!k)
        return refuse<DeskEvent>(error, QStringLiteral("unknown event kind '%1'").arg(kind.left(40)));
    e.kind = *k;
    if (e.id.size() < 16 || e.id.size() > 64 || !e.at.isValid())
        return refuse<DeskEvent>(error, QStringLiteral("id (16–64 characters) and an ISO 8601 'at' are required"));
    if (e.actor.size() > 64 || e.registrationNumber.size() > 64 || e.queueLabel.size() > 16 || e.detail.size() > 200)
        return refuse<DeskEvent>(error, QStringLiteral("actor, registrationNumber, queueLabel or detail is too long"));
    if (!counter.isUndefined() && (!counter.isDouble() || counter.toInt(-1) < 0 || counter.toInt(-1) > 99))
        return refuse<DeskEvent>(error, QStringLiteral("counter is a loket number from 0 to 99"));
    e.counter = counter.toInt(0);
    return e;
}

QByteArray DeskEventBatch::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("events"), objectArray(events));
    return compact(o);
}

std::optional<DeskEventBatch> DeskEventBatch::fromJson(const QByteArray &json, QString *error)
{
    if (json.size() > kMaxBodyBytes)
        return refuse<DeskEventBatch>(error, QStringLiteral("body too large"));
    QString why;
    const auto o = parseObject(json, &why);
    if (!o)
        return refuse<DeskEventBatch>(error, why);
    const QJsonValue events = o->value(QStringLiteral("events"));
    if (!events.isArray())
        return refuse<DeskEventBatch>(error, QStringLiteral("'events' must be an array"));
    const QJsonArray a = events.toArray();
    if (a.isEmpty() || a.size() > kMaxEvents)
        return refuse<DeskEventBatch>(error, QStringLiteral("'events' holds 1 to %1 events").arg(kMaxEvents));
    DeskEventBatch batch;
    for (const QJsonValue &v : a) {
        if (!v.isObject())
            return refuse<DeskEventBatch>(error, QStringLiteral("every event is an object"));
        auto e = DeskEvent::fromJsonObject(v.toObject(), &why);
        if (!e)
            return refuse<DeskEventBatch>(error, why);
        batch.events.append(*e);
    }
    return batch;
}

const QList<CollectorRelationship> &collectorRelationships()
{
    static const QList<CollectorRelationship> relationships {
        {"suami_istri", "Suami/istri"},
        {"anak", "Anak"},
        {"orang_tua", "Orang tua"},
        {"saudara", "Saudara"},
        {"lainnya", "Lainnya"},
    };
    return relationships;
}

QString collectorRelationshipLabel(const QString &wire)
{
    for (const CollectorRelationship &r : collectorRelationships())
        if (wire == QLatin1String(r.wire))
            return QString::fromUtf8(r.label);
    return {};
}

QString HandoverBody::kindToWire(CollectorKind kind)
{
    return kind == CollectorKind::Representative ? QStringLiteral("representative") : QStringLiteral("holder");
}

QByteArray HandoverBody::toJson() const
{
    QJsonObject collector;
    collector.insert(QStringLiteral("kind"), kindToWire(kind));
    collector.insert(QStringLiteral("name"), name);
    collector.insert(QStringLiteral("nik"), nik);
    collector.insert(QStringLiteral("relationship"), relationship);
    QJsonObject o;
    o.insert(QStringLiteral("actor"), actor);
    o.insert(QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("collector"), collector);
    return compact(o);
}

std::optional<HandoverBody> HandoverBody::fromJson(const QByteArray &json, QString *error, bool *notAnObject)
{
    if (notAnObject)
        *notAnObject = true;
    if (json.size() > kMaxBodyBytes)
        return refuse<HandoverBody>(error, QStringLiteral("body too large"));
    QString why;
    const auto o = parseObject(json, &why);
    if (!o)
        return refuse<HandoverBody>(error, why);
    if (notAnObject)
        *notAnObject = false;
    HandoverBody h;
    QString err;
    h.actor = boundedString(*o, "actor", &err);
    h.at = QDateTime::fromString(boundedString(*o, "at", &err), Qt::ISODate);
    const QJsonValue collector = o->value(QStringLiteral("collector"));
    if (!err.isEmpty())
        return refuse<HandoverBody>(error, err);
    if (!collector.isObject())
        return refuse<HandoverBody>(error, QStringLiteral("'collector' must be an object"));
    const QJsonObject c = collector.toObject();
    const QString kind = boundedString(c, "kind", &err);
    h.name = boundedString(c, "name", &err).simplified();
    h.nik = boundedString(c, "nik", &err);
    h.relationship = boundedString(c, "relationship", &err, false);
    if (!err.isEmpty())
        return refuse<HandoverBody>(error, err);
    if (h.actor.isEmpty() || h.actor.size() > 64 || !h.at.isValid())
        return refuse<HandoverBody>(error, QStringLiteral("an actor (1–64 characters) and an ISO 8601 'at' are required"));
    if (kind == QLatin1String("holder"))
        h.kind = CollectorKind::Holder;
    else if (kind == QLatin1String("representative"))
        h.kind = CollectorKind::Representative;
    else
        return refuse<HandoverBody>(error, QStringLiteral("collector kind is 'holder' or 'representative'"));
    if (h.name.isEmpty() || h.name.size() > 100)
        return refuse<HandoverBody>(error, QStringLiteral("the collector's name (1–100 characters) is required"));
    static const QRegularExpression sixteenDigits(QStringLiteral("^[0-9]{16}$"));
    if (!sixteenDigits.match(h.nik).hasMatch())
        return refuse<HandoverBody>(error, QStringLiteral("the collector's NIK is 16 digits"));
    if (h.kind == CollectorKind::Holder && !h.relationship.isEmpty())
        return refuse<HandoverBody>(error, QStringLiteral("the holder has no relationship"));
    if (h.kind == CollectorKind::Representative && collectorRelationshipLabel(h.relationship).isEmpty())
        return refuse<HandoverBody>(error, QStringLiteral("unknown relationship '%1'").arg(h.relationship.left(40)));
    h.at = h.at.toUTC();
    return h;
}

std::optional<SurveyResponse> SurveyResponse::fromJson(const QByteArray &json, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<SurveyResponse> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (json.size() > 8192)
        return fail(QStringLiteral("body too large"));
    const QJsonObject o = parseObject(json).value_or(QJsonObject());
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
    const QJsonValue profile = o.value(QStringLiteral("profile"));
    if (!profile.isUndefined() && !profile.isNull() && !profile.isObject())
        return fail(QStringLiteral("profile must be an object"));
    const QJsonObject p = profile.toObject();
    for (auto it = p.constBegin(); it != p.constEnd(); ++it) {
        if (!it.value().isString() || surveyProfileLabel(it.key(), it.value().toString()).isEmpty())
            return fail(QStringLiteral("profile answer '%1' is not one the survey offers").arg(it.key().left(32)));
        r.profile.insert(it.key(), it.value().toString());
    }
    const QJsonValue suggestion = o.value(QStringLiteral("suggestion"));
    if (!suggestion.isUndefined() && !suggestion.isNull() && !suggestion.isString())
        return fail(QStringLiteral("suggestion must be text"));
    r.suggestion = suggestion.toString().trimmed();
    if (r.suggestion.size() > kMaxSuggestionLength)
        return fail(QStringLiteral("suggestion longer than %1 characters").arg(kMaxSuggestionLength));
    return r;
}

const QList<SurveyProfileQuestion> &surveyProfileQuestions()
{
    // The respondent profile of the appendix of PermenPAN-RB 14/2017; age in groups so that a tap answers it,
    // and the village's common occupations (petani, pelajar) beside the appendix's list.
    static const QList<SurveyProfileQuestion> questions {
        {"age", QT_TRANSLATE_NOOP("Survey", "Umur"),
            {{"under_20", QT_TRANSLATE_NOOP("Survey", "Di bawah 20 tahun")}, {"20_29", QT_TRANSLATE_NOOP("Survey", "20–29 tahun")},
                {"30_39", QT_TRANSLATE_NOOP("Survey", "30–39 tahun")}, {"40_49", QT_TRANSLATE_NOOP("Survey", "40–49 tahun")},
                {"50_59", QT_TRANSLATE_NOOP("Survey", "50–59 tahun")}, {"60_plus", QT_TRANSLATE_NOOP("Survey", "60 tahun ke atas")}}},
        {"gender", QT_TRANSLATE_NOOP("Survey", "Jenis kelamin"),
            {{"male", QT_TRANSLATE_NOOP("Survey", "Laki-laki")}, {"female", QT_TRANSLATE_NOOP("Survey", "Perempuan")}}},
        {"education", QT_TRANSLATE_NOOP("Survey", "Pendidikan terakhir"),
            {{"sd", QT_TRANSLATE_NOOP("Survey", "SD ke bawah")}, {"smp", QT_TRANSLATE_NOOP("Survey", "SMP")},
                {"sma", QT_TRANSLATE_NOOP("Survey", "SMA/SMK")}, {"diploma", QT_TRANSLATE_NOOP("Survey", "D1–D3")},
                {"s1", QT_TRANSLATE_NOOP("Survey", "D4/S1")}, {"s2", QT_TRANSLATE_NOOP("Survey", "S2 ke atas")}}},
        {"occupation", QT_TRANSLATE_NOOP("Survey", "Pekerjaan"),
            {{"pns", QT_TRANSLATE_NOOP("Survey", "PNS")}, {"tni", QT_TRANSLATE_NOOP("Survey", "TNI")},
                {"polri", QT_TRANSLATE_NOOP("Survey", "Polri")}, {"swasta", QT_TRANSLATE_NOOP("Survey", "Pegawai swasta")},
                {"wirausaha", QT_TRANSLATE_NOOP("Survey", "Wirausaha")}, {"petani", QT_TRANSLATE_NOOP("Survey", "Petani/nelayan")},
                {"pelajar", QT_TRANSLATE_NOOP("Survey", "Pelajar/mahasiswa")}, {"lainnya", QT_TRANSLATE_NOOP("Survey", "Lainnya")}}},
    };
    return questions;
}

QString surveyProfileLabel(const QString &key, const QString &wire)
{
    for (const SurveyProfileQuestion &q : surveyProfileQuestions())
        if (key == QLatin1String(q.key))
            for (const WireChoice &c : q.choices)
                if (wire == QLatin1String(c.wire))
                    return QString::fromUtf8(c.label);
    return {};
}

const QList<WireChoice> &complaintCategories()
{
    static const QList<WireChoice> categories {
        {"pelayanan", QT_TRANSLATE_NOOP("Complaint", "Pelayanan surat")},
        {"petugas", QT_TRANSLATE_NOOP("Complaint", "Sikap petugas")},
        {"biaya", QT_TRANSLATE_NOOP("Complaint", "Pungutan/biaya")},
        {"fasilitas", QT_TRANSLATE_NOOP("Complaint", "Sarana dan anjungan")},
        {"lainnya", QT_TRANSLATE_NOOP("Complaint", "Lainnya")},
    };
    return categories;
}

QString complaintCategoryLabel(const QString &wire)
{
    for (const WireChoice &c : complaintCategories())
        if (wire == QLatin1String(c.wire))
            return QString::fromUtf8(c.label);
    return {};
}

namespace {
struct ComplaintStatusName {
    ComplaintStatus status;
    const char *wire;
    const char *labelId;
};
constexpr ComplaintStatusName kComplaintStatuses[] = {
    {ComplaintStatus::New, "NEW", QT_TRANSLATE_NOOP("Complaint", "Baru")},
    {ComplaintStatus::InProgress, "IN_PROGRESS", QT_TRANSLATE_NOOP("Complaint", "Diproses")},
    {ComplaintStatus::Done, "DONE", QT_TRANSLATE_NOOP("Complaint", "Selesai")},
};

const QRegularExpression &complaintNumberPattern()
{
    static const QRegularExpression re(QStringLiteral("^PGD-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$"));
    return re;
}

bool isHex64(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    return re.match(s).hasMatch();
}
} // namespace

QString complaintStatusToWire(ComplaintStatus status)
{
    for (const auto &s : kComplaintStatuses)
        if (s.status == status)
            return QString::fromLatin1(s.wire);
    return {};
}

std::optional<ComplaintStatus> complaintStatusFromWire(const QString &wire)
{
    for (const auto &s : kComplaintStatuses)
        if (wire == QLatin1String(s.wire))
            return s.status;
    return std::nullopt;
}

QString complaintStatusLabelId(ComplaintStatus status)
{
    for (const auto &s : kComplaintStatuses)
        if (s.status == status)
            return QString::fromUtf8(s.labelId);
    return {};
}

QByteArray ComplaintBody::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("number"), number);
    o.insert(QStringLiteral("tokenSha256"), tokenSha256);
    o.insert(QStringLiteral("category"), category);
    o.insert(QStringLiteral("text"), text);
    if (!nik.isEmpty())
        o.insert(QStringLiteral("nik"), nik);
    if (!phone.isEmpty())
        o.insert(QStringLiteral("phone"), phone);
    o.insert(QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs));
    return compact(o);
}

std::optional<ComplaintBody> ComplaintBody::fromJson(const QByteArray &json, QString *error)
{
    if (json.size() > kMaxBodyBytes)
        return refuse<ComplaintBody>(error, QStringLiteral("body too large"));
    QString why;
    const auto o = parseObject(json, &why);
    if (!o)
        return refuse<ComplaintBody>(error, why);
    ComplaintBody c;
    QString err;
    c.id = boundedString(*o, "id", &err);
    c.number = boundedString(*o, "number", &err);
    c.tokenSha256 = boundedString(*o, "tokenSha256", &err);
    c.category = boundedString(*o, "category", &err);
    c.nik = boundedString(*o, "nik", &err, false);
    c.phone = boundedString(*o, "phone", &err, false);
    c.at = QDateTime::fromString(boundedString(*o, "at", &err), Qt::ISODate);
    const QJsonValue text = o->value(QStringLiteral("text"));
    if (!err.isEmpty())
        return refuse<ComplaintBody>(error, err);
    if (!text.isString())
        return refuse<ComplaintBody>(error, QStringLiteral("field 'text' missing or not a string"));
    c.text = text.toString().trimmed();
    if (c.id.size() < 16 || c.id.size() > 64 || !c.at.isValid())
        return refuse<ComplaintBody>(error, QStringLiteral("id (16–64 characters) and an ISO 8601 'at' are required"));
    if (!complaintqr::isNumber(c.number))
        return refuse<ComplaintBody>(error, QStringLiteral("number must look like PGD-XXXXX-XXXXX"));
    if (!isHex64(c.tokenSha256))
        return refuse<ComplaintBody>(error, QStringLiteral("tokenSha256 must be 64 lower-case hex digits"));
    if (complaintCategoryLabel(c.category).isEmpty())
        return refuse<ComplaintBody>(error, QStringLiteral("unknown category"));
    if (c.text.isEmpty() || c.text.size() > kMaxTextLength)
        return refuse<ComplaintBody>(error, QStringLiteral("text must hold 1–%1 characters").arg(kMaxTextLength));
    static const QRegularExpression nik(QStringLiteral("^[0-9]{16}$"));
    if (!c.nik.isEmpty() && !nik.match(c.nik).hasMatch())
        return refuse<ComplaintBody>(error, QStringLiteral("nik must be 16 digits"));
    if (!c.phone.isEmpty()) {
        const auto phone = normalizePhone(c.phone);
        if (!phone)
            return refuse<ComplaintBody>(error, QStringLiteral("phone is not an Indonesian mobile number"));
        c.phone = *phone;
    }
    return c;
}

QByteArray ComplaintView::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("number"), number);
    o.insert(QStringLiteral("category"), category);
    o.insert(QStringLiteral("status"), complaintStatusToWire(status));
    o.insert(QStringLiteral("answer"), answer);
    o.insert(QStringLiteral("filedAt"), filedAt.toUTC().toString(Qt::ISODate));
    if (answeredAt.isValid())
        o.insert(QStringLiteral("answeredAt"), answeredAt.toUTC().toString(Qt::ISODate));
    return compact(o);
}

std::optional<ComplaintView> ComplaintView::fromJson(const QByteArray &json, QString *error)
{
    if (json.size() > kMaxBodyBytes)
        return refuse<ComplaintView>(error, QStringLiteral("body too large"));
    QString why;
    const auto o = parseObject(json, &why);
    if (!o)
        return refuse<ComplaintView>(error, why);
    ComplaintView v;
    QString err;
    v.number = boundedString(*o, "number", &err);
    v.category = boundedString(*o, "category", &err);
    const auto status = complaintStatusFromWire(boundedString(*o, "status", &err));
    v.filedAt = QDateTime::fromString(boundedString(*o, "filedAt", &err), Qt::ISODate);
    v.answeredAt = QDateTime::fromString(boundedString(*o, "answeredAt", &err, false), Qt::ISODate);
    const QJsonValue answer = o->value(QStringLiteral("answer"));
    if (!err.isEmpty())
        return refuse<ComplaintView>(error, err);
    if (!status)
        return refuse<ComplaintView>(error, QStringLiteral("unknown status"));
    if (!answer.isString() || answer.toString().size() > ComplaintBody::kMaxTextLength * 2)
        return refuse<ComplaintView>(error, QStringLiteral("field 'answer' missing, not a string or too long"));
    v.status = *status;
    v.answer = answer.toString();
    return v;
}

namespace complaintqr {
QString encode(const QString &number, const QString &token)
{
    return QLatin1String(kPrefix) + number + QLatin1Char('.') + token;
}

std::optional<std::pair<QString, QString>> decode(const QString &payload)
{
    static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9_-]{22,64}$"));
    if (!payload.startsWith(QLatin1String(kPrefix)) || payload.size() > 128)
        return std::nullopt;
    const QStringList parts = payload.mid(int(qstrlen(kPrefix))).split(QLatin1Char('.'));
    if (parts.size() != 2 || !isNumber(parts.at(0)) || !token.match(parts.at(1)).hasMatch())
        return std::nullopt;
    return std::make_pair(parts.at(0), parts.at(1));
}

bool isNumber(const QString &number)
{
    return complaintNumberPattern().match(number).hasMatch();
}
} // namespace complaintqr

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

QByteArray ChangesPage::toJson() const
{
    return compact({{QStringLiteral("cursor"), cursor}, {QStringLiteral("changes"), objectArray(changes)}});
}

std::optional<ChangesPage> ChangesPage::fromJson(const QByteArray &json, QString *error)
{
    const QJsonObject o = parseObject(json).value_or(QJsonObject());
    ChangesPage page;
    // A cursor that is not a whole number ≥ 0 would replay or skip changes.
    page.cursor = o.value(QStringLiteral("cursor")).toInteger(-1);
    const QJsonValue changes = o.value(QStringLiteral("changes"));
    if (page.cursor < 0 || !changes.isArray())
        return refuse<ChangesPage>(error, QStringLiteral("'cursor' (bilangan bulat ≥ 0) atau 'changes' (larik) tidak sah"));
    for (const QJsonValue &v : changes.toArray()) {
        if (const auto change = StatusChange::fromJsonObject(v.toObject()))
            page.changes.append(*change);
        else
            ++page.skipped;
    }
    return page;
}

QList<QPair<QString, QString>> CatalogService::fieldLabels() const
{
    QList<QPair<QString, QString>> out;
    for (const QJsonValue &f : fields)
        out.append({f[QStringLiteral("key")].toString(), f[QStringLiteral("label")].toString()});
    return out;
}

idformat::ValueFormat CatalogService::formatOf(const QJsonObject &field)
{
    return idformat::valueFormatFromWire(field.value(QStringLiteral("format")).toString());
}

idformat::ValueFormat CatalogService::fieldFormat(const QString &key) const
{
    for (const QJsonValue &f : fields)
        if (f[QStringLiteral("key")].toString() == key)
            return formatOf(f.toObject());
    return idformat::ValueFormat::AsTyped;
}

QJsonObject CatalogService::toJsonObject() const
{
    QJsonObject o {
        {QStringLiteral("code"), code},
        {QStringLiteral("name"), name},
        {QStringLiteral("level"), levelToWire(level)},
        {QStringLiteral("description"), description},
        {QStringLiteral("fields"), fields},
        {QStringLiteral("requirements"), QJsonArray::fromStringList(requirements)},
        {QStringLiteral("estimatedDays"), estimatedDays},
    };
    const auto optional = [&o](const char *key, const QJsonValue &v, bool present) {
        if (present)
            o.insert(QLatin1String(key), v);
    };
    optional("nameEn", nameEn, !nameEn.isEmpty());
    optional("icon", icon, !icon.isEmpty());
    optional("descriptionEn", descriptionEn, !descriptionEn.isEmpty());
    optional("requirementsEn", QJsonArray::fromStringList(requirementsEn), !requirementsEn.isEmpty());
    optional("letterStatement", letterStatement, !letterStatement.isEmpty());
    optional("slaDays", slaDays, slaDays > 0);
    return o;
}

std::optional<CatalogService> CatalogService::fromJsonObject(const QJsonObject &o, QString *error)
{
    CatalogService s;
    s.code = o.value(QStringLiteral("code")).toString();
    s.name = o.value(QStringLiteral("name")).toString();
    s.nameEn = o.value(QStringLiteral("nameEn")).toString();
    s.icon = o.value(QStringLiteral("icon")).toString();
    s.description = o.value(QStringLiteral("description")).toString();
    s.descriptionEn = o.value(QStringLiteral("descriptionEn")).toString();
    s.requirements = stringList(o.value(QStringLiteral("requirements")));
    s.requirementsEn = stringList(o.value(QStringLiteral("requirementsEn")));
    s.letterStatement = o.value(QStringLiteral("letterStatement")).toString();
    s.fields = o.value(QStringLiteral("fields")).toArray();
    s.estimatedDays = o.value(QStringLiteral("estimatedDays")).toInt();
    s.slaDays = std::max(0, o.value(QStringLiteral("slaDays")).toInt());
    const auto level = levelFromWire(o.value(QStringLiteral("level")).toString());
    // Every field needs a key: the form stores its value under it and the letter prints its label.
    const bool keyed = std::all_of(s.fields.begin(), s.fields.end(),
        [](const QJsonValue &f) { return f.isObject() && !f[QStringLiteral("key")].toString().isEmpty(); });
    if (s.code.isEmpty() || s.name.isEmpty() || !level || !o.value(QStringLiteral("fields")).isArray()
        || !o.value(QStringLiteral("requirements")).isArray() || !keyed)
        return refuse<CatalogService>(error, QStringLiteral("layanan '%1' tidak lengkap").arg(s.code));
    s.level = *level;
    return s;
}

std::optional<CatalogService> Catalog::service(const QString &code) const
{
    for (const auto &s : services)
        if (s.code == code)
            return s;
    return std::nullopt;
}

QByteArray Catalog::toJson() const
{
    QJsonObject o {{QStringLiteral("version"), version}, {QStringLiteral("services"), objectArray(services)}};
    if (!holidays.isEmpty()) {
        QJsonArray days;
        for (const Holiday &h : holidays)
            days.append(QJsonObject {{QStringLiteral("date"), h.date.toString(Qt::ISODate)}, {QStringLiteral("name"), h.name}});
        o.insert(QStringLiteral("holidays"), days);
    }
    return compact(o);
}

std::optional<Catalog> Catalog::fromJson(const QByteArray &json, QString *error)
{
    QString why;
    const auto parsed = parseObject(json, &why);
    if (!parsed)
        return refuse<Catalog>(error, why);
    const QJsonObject &root = *parsed;
    if (!root.value(QStringLiteral("version")).isString() || !root.value(QStringLiteral("services")).isArray())
        return refuse<Catalog>(error, QStringLiteral("'version' atau 'services' tidak ada"));
    Catalog catalog;
    catalog.version = root.value(QStringLiteral("version")).toString();
    for (const QJsonValue &v : root.value(QStringLiteral("services")).toArray()) {
        auto service = CatalogService::fromJsonObject(v.toObject(), error);
        if (!service)
            return std::nullopt;
        if (catalog.service(service->code))
            return refuse<Catalog>(error, QStringLiteral("kode layanan '%1' ganda").arg(service->code));
        catalog.services.append(std::move(*service));
    }
    for (const QJsonValue &v : root.value(QStringLiteral("holidays")).toArray()) {
        const QDate date = QDate::fromString(v[QStringLiteral("date")].toString(), Qt::ISODate);
        const QString name = v[QStringLiteral("name")].toString();
        if (!date.isValid() || name.isEmpty())
            return refuse<Catalog>(error, QStringLiteral("hari libur tanpa tanggal atau nama"));
        catalog.holidays.append({date, name});
    }
    return catalog;
}

QString healthStateToWire(HealthState state)
{
    for (const auto &h : kHealthStates)
        if (h.state == state)
            return QString::fromLatin1(h.wire);
    return QStringLiteral("unknown");
}

std::optional<HealthState> healthStateFromWire(const QString &wire)
{
    const bool word = !wire.isEmpty() && wire.size() <= 32 && std::all_of(wire.cbegin(), wire.cend(), [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c == QLatin1Char('-');
    });
    if (!word)
        return std::nullopt;
    for (const auto &h : kHealthStates)
        if (wire == QLatin1String(h.wire))
            return h.state;
    // A newer kiosk's word: its heartbeat still counts, the backend shows the state as unknown.
    return HealthState::Unknown;
}

namespace {

/// An IPP keyword (RFC 8011 §5.1.4): lowercase letters, digits, '-', '_' and '.', starting with a letter or digit.
bool isIppKeyword(const QString &word)
{
    return !word.isEmpty() && word.size() <= PrinterReport::kMaxReasonLength && word.at(0).isLetterOrNumber()
        && std::all_of(word.cbegin(), word.cend(), [](QChar c) {
               return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
                   || c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char('.');
           });
}

/// The printer-state-reasons keywords technicians meet, in plain Indonesian (severity suffixes removed first).
constexpr std::array<std::pair<const char *, const char *>, 24> kPrinterReasons {{
    {"media-empty", "kertas habis"},
    {"media-needed", "kertas perlu diisi"},
    {"media-low", "kertas hampir habis"},
    {"media-jam", "kertas macet"},
    {"input-tray-missing", "baki kertas tidak terpasang"},
    {"door-open", "tutup terbuka"},
    {"cover-open", "tutup terbuka"},
    {"interlock-open", "pengunci tutup terbuka"},
    {"offline", "printer offline"},
    {"shutdown", "printer dimatikan"},
    {"timed-out", "printer tidak menjawab"},
    {"connecting-to-device", "sedang menghubungi printer"},
    {"paused", "antrean dijeda"},
    {"toner-low", "toner hampir habis"},
    {"toner-empty", "toner habis"},
    {"marker-supply-low", "tinta/toner hampir habis"},
    {"marker-supply-empty", "tinta/toner habis"},
    {"marker-waste-almost-full", "penampung sisa tinta hampir penuh"},
    {"marker-waste-full", "penampung sisa tinta penuh"},
    {"output-area-almost-full", "baki keluaran hampir penuh"},
    {"output-area-full", "baki keluaran penuh"},
    {"spool-area-full", "ruang antrean cetak penuh"},
    {"cups-missing-filter", "penyaring CUPS tidak ada"},
    {"cups-waiting-for-job-completed", "menunggu pekerjaan cetak selesai"},
}};

} // namespace

QStringList PrinterReport::boundedReasons(const QStringList &raw)
{
    QStringList out;
    for (const QString &reason : raw) {
        const QString word = reason.trimmed().left(kMaxReasonLength);
        if (out.size() == kMaxReasons)
            break;
        if (isIppKeyword(word) && word != QLatin1String("none") && !out.contains(word))
            out.append(word);
    }
    return out;
}

QString printerReasonText(const QString &reason)
{
    QString word = reason;
    for (const char *suffix : {"-report", "-warning", "-error"})
        if (word.endsWith(QLatin1String(suffix)))
            word.chop(int(qstrlen(suffix)));
    for (const auto &[keyword, text] : kPrinterReasons)
        if (word == QLatin1String(keyword))
            return QString::fromUtf8(text);
    return reason;
}

QByteArray Heartbeat::toJson() const
{
    QJsonObject o {
        {QStringLiteral("appVersion"), appVersion},
        {QStringLiteral("outboxDepth"), outboxDepth},
        {QStringLiteral("parkedCount"), parkedCount},
        {QStringLiteral("freeDiskMb"), freeDiskMb},
        {QStringLiteral("printerState"), healthStateToWire(devices.printer)},
        {QStringLiteral("paperState"), healthStateToWire(devices.paper)},
        {QStringLiteral("scannerState"), healthStateToWire(devices.scanner)},
        {QStringLiteral("letterPrinterState"), healthStateToWire(devices.letterPrinter)},
    };
    // Empty when invalid or beyond year 9999 in UTC: then the kiosk's clock is not reported.
    if (const QString sent = sentAt.toUTC().toString(Qt::ISODateWithMs); !sent.isEmpty())
        o.insert(QStringLiteral("sentAt"), sent);
    if (!imageVersion.isEmpty())
        o.insert(QStringLiteral("imageVersion"), imageVersion);
    if (!devices.scanners.isEmpty()) {
        QJsonArray scanners;
        for (const ScannerReport &r : devices.scanners)
            scanners.append(QJsonObject {{QStringLiteral("uri"), r.uri}, {QStringLiteral("state"), healthStateToWire(r.state)}});
        o.insert(QStringLiteral("scanners"), scanners);
    }
    if (!devices.printers.isEmpty()) {
        QJsonArray printers;
        for (const PrinterReport &r : devices.printers.mid(0, kMaxPrinters))
            printers.append(QJsonObject {{QStringLiteral("role"), r.role}, {QStringLiteral("printerState"), r.printerState},
                {QStringLiteral("printerStateReasons"), QJsonArray::fromStringList(PrinterReport::boundedReasons(r.reasons))}});
        o.insert(QStringLiteral("printers"), printers);
    }
    if (const QString notAfter = certificateNotAfter.toUTC().toString(Qt::ISODate); !notAfter.isEmpty())
        o.insert(QStringLiteral("certificateNotAfter"), notAfter);
    if (clockSkewSeconds)
        o.insert(QStringLiteral("clockSkewSeconds"), *clockSkewSeconds);
    if (!certificateState.isEmpty())
        o.insert(QStringLiteral("certificateState"), certificateState);
    return compact(o);
}

std::optional<Heartbeat> Heartbeat::fromJson(const QByteArray &json, QString *error)
{
    if (json.size() > kMaxBodyBytes)
        return refuse<Heartbeat>(error, QStringLiteral("Heartbeat lebih dari %1 byte.").arg(kMaxBodyBytes));
    const auto parsed = parseObject(json);
    if (!parsed)
        return refuse<Heartbeat>(error, QStringLiteral("Heartbeat harus berupa objek JSON."));
    const QJsonObject &o = *parsed;
    // An absent state is unknown; anything but a short word is refused rather than stored.
    const auto state = [&o](const char *name, HealthState *out) {
        const QJsonValue v = o.value(QLatin1String(name));
        if (v.isUndefined())
            return true;
        const auto parsed = v.isString() ? healthStateFromWire(v.toString()) : std::nullopt;
        *out = parsed.value_or(HealthState::Unknown);
        return parsed.has_value();
    };
    const auto count = [&o](const char *name, qint64 min, qint64 *out) {
        const QJsonValue v = o.value(QLatin1String(name));
        *out = v.toInteger(std::numeric_limits<qint64>::min());
        return v.isDouble() && *out >= min && *out <= std::numeric_limits<int>::max();
    };
    Heartbeat h;
    h.sentAt = QDateTime::fromString(o.value(QStringLiteral("sentAt")).toString(), Qt::ISODate);
    h.appVersion = o.value(QStringLiteral("appVersion")).toString().left(64);
    const QJsonValue image = o.value(QStringLiteral("imageVersion"));
    h.imageVersion = image.toString().left(64);
    const QJsonValue certificate = o.value(QStringLiteral("certificateState"));
    h.certificateState = certificate.toString().left(16);
    qint64 depth = 0, parked = 0;
    const bool valid = state("printerState", &h.devices.printer) && state("paperState", &h.devices.paper)
        && state("scannerState", &h.devices.scanner) && state("letterPrinterState", &h.devices.letterPrinter)
        && count("outboxDepth", 0, &depth) && count("parkedCount", 0, &parked) && count("freeDiskMb", -1, &h.freeDiskMb)
        && o.value(QStringLiteral("appVersion")).isString() && (image.isUndefined() || image.isString())
        && (certificate.isUndefined() || certificate.isString());
    if (!valid)
        return refuse<Heartbeat>(error,
            QStringLiteral("Heartbeat tidak sah: periksa printerState, paperState, scannerState, outboxDepth, parkedCount, freeDiskMb, "
                           "appVersion, imageVersion, certificateState."));
    h.outboxDepth = int(depth);
    h.parkedCount = int(parked);
    // The fields of #15 are optional: a kiosk from before sends none of them and is still heard.
    const QJsonValue scanners = o.value(QStringLiteral("scanners"));
    if (!scanners.isUndefined()) {
        if (!scanners.isArray() || scanners.toArray().size() > kMaxScanners)
            return refuse<Heartbeat>(
                error, QStringLiteral("Heartbeat tidak sah: scanners harus daftar paling banyak %1.").arg(kMaxScanners));
        for (const QJsonValue &v : scanners.toArray()) {
            const auto word = healthStateFromWire(v.toObject().value(QStringLiteral("state")).toString());
            if (!v.isObject() || !word)
                return refuse<Heartbeat>(error, QStringLiteral("Heartbeat tidak sah: setiap pemindai perlu uri dan state."));
            h.devices.scanners.append({v.toObject().value(QStringLiteral("uri")).toString().left(200), *word});
        }
    }
    const QJsonValue printers = o.value(QStringLiteral("printers"));
    if (!printers.isUndefined()) {
        const QString wrong = QStringLiteral("Heartbeat tidak sah: printers harus daftar paling banyak %1, masing-masing dengan role, "
                                             "printerState dan paling banyak %2 printerStateReasons (kata kunci IPP, paling panjang %3).")
                                  .arg(kMaxPrinters)
                                  .arg(PrinterReport::kMaxReasons)
                                  .arg(PrinterReport::kMaxReasonLength);
        if (!printers.isArray() || printers.toArray().size() > kMaxPrinters)
            return refuse<Heartbeat>(error, wrong);
        for (const QJsonValue &v : printers.toArray()) {
            const QJsonObject p = v.toObject();
            const QJsonValue role = p.value(QStringLiteral("role"));
            const QJsonValue state = p.value(QStringLiteral("printerState"));
            const QJsonValue reasons = p.value(QStringLiteral("printerStateReasons"));
            const qint64 stateNumber = state.toInteger(-1);
            if (!v.isObject() || !role.isString() || !isIppKeyword(role.toString()) || !state.isDouble() || stateNumber < 0
                || stateNumber > 65535 || !reasons.isArray() || reasons.toArray().size() > PrinterReport::kMaxReasons)
                return refuse<Heartbeat>(error, wrong);
            PrinterReport report {role.toString(), int(stateNumber), {}};
            for (const QJsonValue &reason : reasons.toArray()) {
                // Unknown reasons are kept as they are: a printer's own words help the technician.
                if (!reason.isString() || !isIppKeyword(reason.toString()))
                    return refuse<Heartbeat>(error, wrong);
                report.reasons.append(reason.toString());
            }
            h.devices.printers.append(report);
        }
    }
    const QJsonValue notAfter = o.value(QStringLiteral("certificateNotAfter"));
    if (!notAfter.isUndefined()) {
        h.certificateNotAfter = QDateTime::fromString(notAfter.toString(), Qt::ISODate);
        if (!h.certificateNotAfter.isValid())
            return refuse<Heartbeat>(error, QStringLiteral("Heartbeat tidak sah: certificateNotAfter bukan waktu ISO 8601."));
    }
    const QJsonValue skew = o.value(QStringLiteral("clockSkewSeconds"));
    if (!skew.isUndefined()) {
        constexpr qint64 kTenYears = 10LL * 366 * 24 * 3600;
        const qint64 seconds = skew.toInteger(std::numeric_limits<qint64>::min());
        if (!skew.isDouble() || seconds < -kTenYears || seconds > kTenYears)
            return refuse<Heartbeat>(error, QStringLiteral("Heartbeat tidak sah: clockSkewSeconds harus bilangan bulat."));
        h.clockSkewSeconds = seconds;
    }
    return h;
}

QJsonObject FleetAlert::toJson() const
{
    return {{QStringLiteral("id"), id}, {QStringLiteral("kind"), kind}, {QStringLiteral("text"), text},
        {QStringLiteral("raisedAt"), raisedAt.toUTC().toString(Qt::ISODate)}};
}

std::optional<FleetAlert> FleetAlert::fromJson(const QJsonObject &o)
{
    FleetAlert a;
    a.id = o.value(QStringLiteral("id")).toInteger(0);
    a.kind = o.value(QStringLiteral("kind")).toString().left(32);
    a.text = o.value(QStringLiteral("text")).toString().left(300);
    a.raisedAt = QDateTime::fromString(o.value(QStringLiteral("raisedAt")).toString(), Qt::ISODate);
    if (a.id <= 0 || a.kind.isEmpty() || a.text.isEmpty() || !a.raisedAt.isValid())
        return std::nullopt;
    return a;
}

QByteArray HeartbeatAnswer::toJson() const
{
    QJsonObject o {{QStringLiteral("receivedAt"), receivedAt.toUTC().toString(Qt::ISODateWithMs)}};
    if (alerts) {
        QJsonArray list;
        for (const FleetAlert &a : *alerts)
            list.append(a.toJson());
        o.insert(QStringLiteral("alerts"), list);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<HeartbeatAnswer> HeartbeatAnswer::fromJson(const QByteArray &json, QString *error)
{
    const auto parsed = parseObject(json);
    if (!parsed)
        return refuse<HeartbeatAnswer>(error, QStringLiteral("Jawaban heartbeat harus berupa objek JSON."));
    HeartbeatAnswer a;
    a.receivedAt = QDateTime::fromString(parsed->value(QStringLiteral("receivedAt")).toString(), Qt::ISODateWithMs);
    const QJsonValue list = parsed->value(QStringLiteral("alerts"));
    if (list.isUndefined())
        return a;
    if (!list.isArray() || list.toArray().size() > kMaxAlerts)
        return refuse<HeartbeatAnswer>(error, QStringLiteral("Daftar peringatan di jawaban heartbeat tidak sah."));
    a.alerts = QList<FleetAlert> {};
    for (const QJsonValue &v : list.toArray()) {
        const auto alert = FleetAlert::fromJson(v.toObject());
        if (!alert)
            return refuse<HeartbeatAnswer>(error, QStringLiteral("Peringatan di jawaban heartbeat tidak sah."));
        a.alerts->append(*alert);
    }
    return a;
}

QByteArray AlertAcknowledgement::toJson() const
{
    return QJsonDocument(QJsonObject {{QStringLiteral("technician"), technician},
                             {QStringLiteral("acknowledgedAt"), acknowledgedAt.toUTC().toString(Qt::ISODate)}})
        .toJson(QJsonDocument::Compact);
}

std::optional<AlertAcknowledgement> AlertAcknowledgement::fromJson(const QByteArray &json, QString *error)
{
    const auto parsed = parseObject(json);
    if (!parsed)
        return refuse<AlertAcknowledgement>(error, QStringLiteral("Isi harus berupa objek JSON."));
    AlertAcknowledgement a;
    a.technician = parsed->value(QStringLiteral("technician")).toString();
    a.acknowledgedAt = QDateTime::fromString(parsed->value(QStringLiteral("acknowledgedAt")).toString(), Qt::ISODate);
    // The username goes into the alert's record: a short word of letters, digits and . _ - : ("kioskctl:root" on a shell).
    static const QRegularExpression username(QStringLiteral("^[A-Za-z0-9._:-]{1,64}$"));
    if (!username.match(a.technician).hasMatch())
        return refuse<AlertAcknowledgement>(error, QStringLiteral("technician harus nama pengguna teknisi (huruf, angka, . _ - :)."));
    if (!a.acknowledgedAt.isValid())
        return refuse<AlertAcknowledgement>(error, QStringLiteral("acknowledgedAt harus waktu ISO 8601."));
    return a;
}

bool isTransientStatus(long status)
{
    return status == 408 || status == 429 || status >= 500;
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

QJsonObject StaffCredential::toJsonObject() const
{
    return {
        {QStringLiteral("username"), username},
        {QStringLiteral("name"), name},
        {QStringLiteral("cardLookup"), cardLookup},
        {QStringLiteral("cardSalt"), QString::fromLatin1(cardSalt.toBase64())},
        {QStringLiteral("cardVerifier"), QString::fromLatin1(cardVerifier.toBase64())},
        {QStringLiteral("pinSalt"), QString::fromLatin1(pinSalt.toBase64())},
        {QStringLiteral("pinVerifier"), QString::fromLatin1(pinVerifier.toBase64())},
        {QStringLiteral("iterations"), iterations},
        {QStringLiteral("role"), role},
    };
}

std::optional<StaffCredential> StaffCredential::fromJsonObject(const QJsonObject &o, QString *error)
{
    const auto bytes = [&o](const char *key, QByteArray *out) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isString() || v.toString().size() > 128)
            return false;
        auto decoded = QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return false;
        *out = decoded.decoded;
        return true;
    };
    StaffCredential c;
    c.username = o.value(QStringLiteral("username")).toString();
    c.name = o.value(QStringLiteral("name")).toString();
    c.cardLookup = o.value(QStringLiteral("cardLookup")).toString();
    const qint64 iterations = o.value(QStringLiteral("iterations")).toInteger(0);
    // Lists from before technician mode carry no role: every entry is front-office staff.
    c.role = o.value(QStringLiteral("role")).toString(QString::fromLatin1(kRoleStaff));
    const bool roleOk = c.role == QLatin1String(kRoleStaff) || c.role == QLatin1String(kRoleTechnician);
    const bool usernameOk
        = c.username.size() >= 3 && c.username.size() <= 32 && std::all_of(c.username.cbegin(), c.username.cend(), [](QChar ch) {
              return (ch >= QLatin1Char('a') && ch <= QLatin1Char('z')) || (ch >= QLatin1Char('0') && ch <= QLatin1Char('9'))
                  || ch == QLatin1Char('.') || ch == QLatin1Char('_') || ch == QLatin1Char('-');
          });
    const bool lookupOk = c.cardLookup.size() == 64 && std::all_of(c.cardLookup.cbegin(), c.cardLookup.cend(), [](QChar ch) {
        return (ch >= QLatin1Char('0') && ch <= QLatin1Char('9')) || (ch >= QLatin1Char('a') && ch <= QLatin1Char('f'));
    });
    const bool valid = roleOk && usernameOk && lookupOk && !c.name.isEmpty() && c.name.size() <= 100 && bytes("cardSalt", &c.cardSalt)
        && bytes("cardVerifier", &c.cardVerifier) && bytes("pinSalt", &c.pinSalt) && bytes("pinVerifier", &c.pinVerifier)
        && c.cardSalt.size() == staffcard::kSaltBytes && c.cardVerifier.size() == 32
        && (c.pinSalt.isEmpty() ? c.pinVerifier.isEmpty() : c.pinSalt.size() == staffcard::kSaltBytes && c.pinVerifier.size() == 32)
        && iterations >= staffcard::kMinIterations && iterations <= staffcard::kMaxIterations;
    if (!valid)
        return refuse<StaffCredential>(error,
            QStringLiteral("entri petugas tidak sah: periksa username, name, cardLookup, cardSalt, cardVerifier, pinSalt, "
                           "pinVerifier, iterations, role"));
    c.iterations = int(iterations);
    return c;
}

QByteArray StaffCredentials::toJson() const
{
    return compact({{QStringLiteral("staff"), objectArray(staff)}});
}

std::optional<StaffCredentials> StaffCredentials::fromJson(const QByteArray &json, QString *error)
{
    if (json.size() > kMaxBodyBytes)
        return refuse<StaffCredentials>(error, QStringLiteral("daftar petugas lebih dari %1 byte").arg(kMaxBodyBytes));
    QString why;
    const auto o = parseObject(json, &why);
    if (!o)
        return refuse<StaffCredentials>(error, why);
    const QJsonValue list = o->value(QStringLiteral("staff"));
    if (!list.isArray())
        return refuse<StaffCredentials>(error, QStringLiteral("'staff' harus berupa larik"));
    const QJsonArray a = list.toArray();
    if (a.size() > kMaxStaff)
        return refuse<StaffCredentials>(error, QStringLiteral("'staff' memuat lebih dari %1 petugas").arg(kMaxStaff));
    StaffCredentials out;
    QSet<QString> usernames;
    QSet<QString> lookups;
    for (const QJsonValue &v : a) {
        auto c = StaffCredential::fromJsonObject(v.toObject(), error);
        if (!c)
            return std::nullopt;
        if (usernames.contains(c->username) || lookups.contains(c->cardLookup))
            return refuse<StaffCredentials>(error, QStringLiteral("petugas '%1' atau kartunya tercantum dua kali").arg(c->username));
        usernames.insert(c->username);
        lookups.insert(c->cardLookup);
        out.staff.append(std::move(*c));
    }
    return out;
}

QJsonObject DocumentRef::toJsonObject() const
{
    QJsonObject o;
    o.insert(QStringLiteral("requirement"), requirement);
    o.insert(QStringLiteral("requirementText"), requirementText);
    o.insert(QStringLiteral("pageId"), pageId);
    o.insert(QStringLiteral("sha256"), sha256);
    o.insert(QStringLiteral("size"), size);
    o.insert(QStringLiteral("contentType"), contentType);
    return o;
}

std::optional<DocumentRef> DocumentRef::fromJsonObject(const QJsonObject &o, QString *error)
{
    QString err;
    DocumentRef d;
    const QJsonValue requirement = o.value(QStringLiteral("requirement"));
    d.requirement = requirement.toInt(-1);
    d.requirementText = boundedString(o, "requirementText", &err);
    d.pageId = boundedString(o, "pageId", &err);
    d.sha256 = boundedString(o, "sha256", &err);
    d.size = o.value(QStringLiteral("size")).toInteger(-1);
    d.contentType = boundedString(o, "contentType", &err);
    if (err.isEmpty() && (!requirement.isDouble() || d.requirement < 0 || d.requirement >= 100))
        err = QStringLiteral("document 'requirement' is not an index 0–99");
    if (err.isEmpty() && !isLowerHex(d.pageId, 32))
        err = QStringLiteral("document 'pageId' is not 32 hex characters");
    if (err.isEmpty() && !isLowerHex(d.sha256, 64))
        err = QStringLiteral("document 'sha256' is not a SHA-256 in hex");
    if (err.isEmpty() && (d.size < 1 || d.size > kMaxDocumentBytes))
        err = QStringLiteral("document 'size' is not 1–%1 bytes").arg(kMaxDocumentBytes);
    if (err.isEmpty() && d.contentType != QLatin1String("image/jpeg") && d.contentType != QLatin1String("image/png")
        && d.contentType != QLatin1String("application/pdf"))
        err = QStringLiteral("document 'contentType' is not image/jpeg, image/png or application/pdf");
    if (!err.isEmpty())
        return refuse<DocumentRef>(error, err);
    return d;
}

QString FixItem::fieldKey() const
{
    return target.startsWith(QLatin1String("field:")) ? target.mid(6) : QString();
}

int FixItem::documentRequirement() const
{
    if (!target.startsWith(QLatin1String("document:")))
        return -1;
    bool ok = false;
    const int n = target.mid(9).toInt(&ok);
    return ok && n >= 0 ? n : -1;
}

QJsonObject FixItem::toJsonObject() const
{
    QJsonObject o;
    o.insert(QStringLiteral("target"), target);
    o.insert(QStringLiteral("reason"), reason);
    return o;
}

std::optional<FixItem> FixItem::fromJsonObject(const QJsonObject &o, QString *error)
{
    QString err;
    FixItem f;
    f.target = boundedString(o, "target", &err);
    f.reason = boundedString(o, "reason", &err);
    if (err.isEmpty() && !f.target.isEmpty() && f.fieldKey().isEmpty() && f.documentRequirement() < 0)
        err = QStringLiteral("fix 'target' is not field:<key>, document:<n> or empty");
    if (!err.isEmpty())
        return refuse<FixItem>(error, err);
    return f;
}

QJsonObject TimelineEntry::toJsonObject() const
{
    QJsonObject o;
    o.insert(QStringLiteral("stage"), stageToWire(stage));
    o.insert(QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs));
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    if (!actorRole.isEmpty())
        o.insert(QStringLiteral("actorRole"), actorRole);
    return o;
}

std::optional<TimelineEntry> TimelineEntry::fromJsonObject(const QJsonObject &o)
{
    const auto stage = stageFromWire(o.value(QStringLiteral("stage")).toString());
    TimelineEntry e;
    e.at = QDateTime::fromString(o.value(QStringLiteral("at")).toString(), Qt::ISODate);
    e.note = o.value(QStringLiteral("note")).toString().left(kMaxFieldLength);
    e.actorRole = o.value(QStringLiteral("actorRole")).toString().left(64);
    if (!stage || !e.at.isValid())
        return std::nullopt;
    e.stage = *stage;
    return e;
}

QByteArray RequestView::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("registrationNumber"), registrationNumber);
    o.insert(QStringLiteral("serviceCode"), serviceCode);
    o.insert(QStringLiteral("stage"), stageToWire(stage));
    o.insert(QStringLiteral("stageAt"), stageAt.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("maskedName"), maskedName);
    o.insert(QStringLiteral("timeline"), objectArray(timeline));
    o.insert(QStringLiteral("letterAvailable"), letterAvailable);
    o.insert(QStringLiteral("detailed"), detailed);
    if (detailed) {
        o.insert(QStringLiteral("note"), note);
        o.insert(QStringLiteral("fixes"), objectArray(fixes));
        o.insert(QStringLiteral("version"), version);
        o.insert(QStringLiteral("citizenMayCancel"), citizenMayCancel);
        o.insert(QStringLiteral("name"), name);
        o.insert(QStringLiteral("address"), address);
        o.insert(QStringLiteral("purpose"), purpose);
        o.insert(QStringLiteral("phone"), phone);
        o.insert(QStringLiteral("fields"), fields);
        o.insert(QStringLiteral("documents"), objectArray(documents));
    }
    return compact(o);
}

std::optional<RequestView> RequestView::fromJson(const QByteArray &json, QString *error)
{
    if (json.size() > kMaxBodyBytes)
        return refuse<RequestView>(error, QStringLiteral("body larger than %1 bytes").arg(kMaxBodyBytes));
    QString err;
    const auto parsed = parseObject(json, &err);
    if (!parsed)
        return refuse<RequestView>(error, err);
    const QJsonObject &o = *parsed;
    RequestView v;
    v.registrationNumber = boundedString(o, "registrationNumber", &err);
    v.serviceCode = boundedString(o, "serviceCode", &err);
    const auto stage = stageFromWire(boundedString(o, "stage", &err));
    v.stageAt = QDateTime::fromString(boundedString(o, "stageAt", &err), Qt::ISODate);
    v.maskedName = boundedString(o, "maskedName", &err, false);
    v.letterAvailable = o.value(QStringLiteral("letterAvailable")).toBool();
    v.detailed = o.value(QStringLiteral("detailed")).toBool();
    if (err.isEmpty() && (!stage || !v.stageAt.isValid() || v.registrationNumber.isEmpty()))
        err = QStringLiteral("registrationNumber, a known stage and an ISO 8601 stageAt are required");
    if (!err.isEmpty())
        return refuse<RequestView>(error, err);
    v.stage = *stage;
    for (const QJsonValue &item : o.value(QStringLiteral("timeline")).toArray())
        if (const auto entry = TimelineEntry::fromJsonObject(item.toObject()))
            v.timeline.append(*entry);
    if (v.detailed) {
        v.note = boundedString(o, "note", &err, false);
        for (const QJsonValue &item : o.value(QStringLiteral("fixes")).toArray()) {
            const auto fix = FixItem::fromJsonObject(item.toObject(), &err);
            if (!fix)
                break;
            v.fixes.append(*fix);
        }
        v.version = o.value(QStringLiteral("version")).toInt(1);
        v.citizenMayCancel = o.value(QStringLiteral("citizenMayCancel")).toBool();
        v.name = boundedString(o, "name", &err, false);
        v.address = boundedString(o, "address", &err, false);
        v.purpose = boundedString(o, "purpose", &err, false);
        v.phone = boundedString(o, "phone", &err, false);
        v.fields = o.value(QStringLiteral("fields")).toObject();
        if (err.isEmpty())
            v.documents = documentList(o.value(QStringLiteral("documents")), &err);
        if (err.isEmpty() && v.version < 1)
            err = QStringLiteral("field 'version' is below 1");
        if (!err.isEmpty())
            return refuse<RequestView>(error, err);
    }
    return v;
}

QByteArray RequestRevision::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("registrationNumber"), registrationNumber);
    o.insert(QStringLiteral("baseVersion"), baseVersion);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("address"), address);
    o.insert(QStringLiteral("purpose"), purpose);
    if (!phone.isEmpty())
        o.insert(QStringLiteral("phone"), phone);
    o.insert(QStringLiteral("fields"), fields);
    o.insert(QStringLiteral("documents"), objectArray(documents));
    o.insert(QStringLiteral("proof"), proofObject(proof));
    o.insert(QStringLiteral("submittedAt"), submittedAt.toUTC().toString(Qt::ISODate));
    return compact(o);
}

std::optional<RequestRevision> RequestRevision::fromJson(const QByteArray &json, QString *error)
{
    if (json.size() > kMaxBodyBytes)
        return refuse<RequestRevision>(error, QStringLiteral("body larger than %1 bytes").arg(kMaxBodyBytes));
    QString err;
    const auto parsed = parseObject(json, &err);
    if (!parsed)
        return refuse<RequestRevision>(error, err);
    const QJsonObject &o = *parsed;
    RequestRevision r;
    r.registrationNumber = boundedString(o, "registrationNumber", &err);
    const QJsonValue base = o.value(QStringLiteral("baseVersion"));
    r.baseVersion = base.toInt(0);
    r.name = boundedString(o, "name", &err);
    r.address = boundedString(o, "address", &err);
    r.purpose = boundedString(o, "purpose", &err);
    r.phone = boundedString(o, "phone", &err, false);
    const QJsonValue fields = o.value(QStringLiteral("fields"));
    if (err.isEmpty() && !fields.isObject())
        err = QStringLiteral("field 'fields' missing or not an object");
    r.fields = fields.toObject();
    if (err.isEmpty())
        r.documents = documentList(o.value(QStringLiteral("documents")), &err);
    r.proof = proofFrom(o.value(QStringLiteral("proof")), &err);
    r.submittedAt = QDateTime::fromString(boundedString(o, "submittedAt", &err), Qt::ISODate);
    if (err.isEmpty() && (!base.isDouble() || r.baseVersion < 1))
        err = QStringLiteral("field 'baseVersion' is not a version ≥ 1");
    if (err.isEmpty())
        r.phone = mobilePhone(r.phone, &err);
    if (err.isEmpty() && (!r.submittedAt.isValid() || r.registrationNumber.isEmpty()))
        err = QStringLiteral("registrationNumber and an ISO 8601 submittedAt are required");
    if (!err.isEmpty())
        return refuse<RequestRevision>(error, err);
    return r;
}

QByteArray CancelBody::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("registrationNumber"), registrationNumber);
    o.insert(QStringLiteral("reason"), reason);
    o.insert(QStringLiteral("proof"), proofObject(proof));
    o.insert(QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs));
    return compact(o);
}

std::optional<CancelBody> CancelBody::fromJson(const QByteArray &json, QString *error)
{
    if (json.size() > kMaxBodyBytes)
        return refuse<CancelBody>(error, QStringLiteral("body larger than %1 bytes").arg(kMaxBodyBytes));
    QString err;
    const auto parsed = parseObject(json, &err);
    if (!parsed)
        return refuse<CancelBody>(error, err);
    CancelBody c;
    c.registrationNumber = boundedString(*parsed, "registrationNumber", &err);
    c.reason = boundedString(*parsed, "reason", &err, false).trimmed();
    c.proof = proofFrom(parsed->value(QStringLiteral("proof")), &err);
    c.at = QDateTime::fromString(boundedString(*parsed, "at", &err), Qt::ISODate);
    if (err.isEmpty() && (!c.at.isValid() || c.registrationNumber.isEmpty()))
        err = QStringLiteral("registrationNumber and an ISO 8601 'at' are required");
    if (err.isEmpty() && !c.proof.actor.isEmpty() && c.reason.isEmpty())
        err = QStringLiteral("staff must give a reason to cancel");
    if (!err.isEmpty())
        return refuse<CancelBody>(error, err);
    return c;
}

} // namespace serverlink
