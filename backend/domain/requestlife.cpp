#include "requestlife.h"

#include "crypto.h"
#include "masking.h"
#include "workflow.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>
#include <array>

namespace backend {

using serverlink::Stage;

namespace requestlife {

namespace {

/// The form's own fields every request has, with the labels officers and citizens read.
struct CoreField {
    const char *key;
    const char *label;
};
constexpr std::array kCoreFields {
    CoreField {"name", "Nama"},
    CoreField {"address", "Alamat"},
    CoreField {"purpose", "Keperluan"},
    CoreField {"phone", "Nomor HP"},
};

QString coreValue(const RequestVersionRecord &v, const QString &key)
{
    if (key == QLatin1String("name"))
        return v.name;
    if (key == QLatin1String("address"))
        return v.address;
    if (key == QLatin1String("purpose"))
        return v.purpose;
    return v.phone;
}

/// A form value as one line: text as it is, a group's rows as "key: value, …; …".
QString textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isArray()) {
        QStringList rows;
        for (const QJsonValue &row : value.toArray()) {
            QStringList cells;
            const QJsonObject o = row.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                cells.append(QStringLiteral("%1: %2").arg(it.key(), textOf(it.value())));
            rows.append(cells.join(QStringLiteral(", ")));
        }
        return rows.join(QStringLiteral("; "));
    }
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QString pagesText(int count)
{
    return count == 0 ? QString() : QStringLiteral("%1 halaman").arg(count);
}

} // namespace

std::optional<Stage> returnedFrom(const QList<EventRecord> &events)
{
    for (qsizetype i = events.size() - 1; i > 0; --i)
        if (events.at(i).stage == Stage::NeedsFix)
            return events.at(i - 1).stage;
    return std::nullopt;
}

bool officerActed(const QList<EventRecord> &events)
{
    return std::any_of(events.cbegin(), events.cend(), [](const EventRecord &e) { return e.role != QLatin1String("kiosk"); });
}

bool staffMayCancel(Stage stage)
{
    switch (stage) {
    case Stage::Received:
    case Stage::DesaReview:
    case Stage::DesaSigned:
    case Stage::KecamatanReview:
    case Stage::KecamatanSigned:
    case Stage::NeedsFix:
        return true;
    default:
        return false;
    }
}

bool citizenMayCancel(Stage stage, const QList<EventRecord> &events)
{
    return stage == Stage::Received && !officerActed(events);
}

QString targetLabel(const ServiceInfo &service, const QString &target)
{
    if (target.isEmpty())
        return QStringLiteral("Permohonan secara umum");
    const serverlink::FixItem item {target, {}};
    const QString key = item.fieldKey();
    if (!key.isEmpty()) {
        for (const CoreField &f : kCoreFields)
            if (key == QLatin1String(f.key))
                return QString::fromUtf8(f.label);
        for (const auto &[fieldKey, label] : service.fieldLabels)
            if (fieldKey == key)
                return label;
        return {};
    }
    const int requirement = item.documentRequirement();
    return requirement >= 0 && requirement < service.requirements.size() ? service.requirements.at(requirement) : QString();
}

Status checkFixItems(const ServiceInfo &service, const QList<serverlink::FixItem> &fixes)
{
    if (fixes.isEmpty())
        return Error {ErrorCode::InvalidData, QStringLiteral("Pilih paling sedikit satu hal yang perlu diperbaiki dan tulis alasannya.")};
    QSet<QString> seen;
    for (const serverlink::FixItem &fix : fixes) {
        if (targetLabel(service, fix.target).isEmpty())
            return Error {ErrorCode::InvalidData, QStringLiteral("Bagian '%1' tidak ada pada layanan %2.").arg(fix.target, service.name)};
        if (fix.reason.trimmed().isEmpty() || fix.reason.size() > serverlink::kMaxFieldLength)
            return Error {ErrorCode::InvalidData,
                QStringLiteral("Tulis alasan untuk '%1' (paling banyak %2 karakter).")
                    .arg(targetLabel(service, fix.target))
                    .arg(serverlink::kMaxFieldLength)};
        if (seen.contains(fix.target))
            return Error {ErrorCode::InvalidData, QStringLiteral("'%1' dipilih dua kali.").arg(targetLabel(service, fix.target))};
        seen.insert(fix.target);
    }
    return Done {};
}

QString fixNote(const ServiceInfo &service, const QList<serverlink::FixItem> &fixes)
{
    QStringList parts;
    for (const serverlink::FixItem &fix : fixes)
        parts.append(fix.target.isEmpty() ? fix.reason.trimmed()
                                          : QStringLiteral("%1: %2").arg(targetLabel(service, fix.target), fix.reason.trimmed()));
    return parts.join(QStringLiteral("; "));
}

QList<VersionChange> changes(const ServiceInfo &service, const RequestVersionRecord &before, const RequestVersionRecord &after)
{
    QList<VersionChange> list;
    const auto compare = [&list](const QString &label, const QString &old, const QString &now) {
        if (old != now)
            list.append(VersionChange {label, old, now, false});
    };
    for (const CoreField &f : kCoreFields)
        compare(QString::fromUtf8(f.label), coreValue(before, QLatin1String(f.key)), coreValue(after, QLatin1String(f.key)));
    QStringList keys;
    for (const auto &[key, label] : service.fieldLabels) {
        keys.append(key);
        compare(label, textOf(before.fields.value(key)), textOf(after.fields.value(key)));
    }
    QStringList others = before.fields.keys() + after.fields.keys();
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
    for (const QString &key : std::as_const(others))
        if (!keys.contains(key))
            compare(key, textOf(before.fields.value(key)), textOf(after.fields.value(key)));

    QList<int> requirements;
    for (const auto *pages : {&before.documents, &after.documents})
        for (const serverlink::DocumentRef &d : *pages)
            if (!requirements.contains(d.requirement))
                requirements.append(d.requirement);
    std::sort(requirements.begin(), requirements.end());
    for (int requirement : std::as_const(requirements)) {
        QStringList old;
        QStringList now;
        QString text;
        for (const serverlink::DocumentRef &d : before.documents)
            if (d.requirement == requirement) {
                old.append(d.pageId);
                text = d.requirementText;
            }
        for (const serverlink::DocumentRef &d : after.documents)
            if (d.requirement == requirement) {
                now.append(d.pageId);
                text = d.requirementText;
            }
        if (old == now)
            continue;
        const int added = int(std::count_if(now.cbegin(), now.cend(), [&old](const QString &id) { return !old.contains(id); }));
        const QString label = requirement < service.requirements.size() ? service.requirements.at(requirement) : text;
        QString nowText = pagesText(int(now.size()));
        if (added > 0 && !nowText.isEmpty())
            nowText += QStringLiteral(" (%1 baru)").arg(added);
        list.append(VersionChange {label, pagesText(int(old.size())), nowText, true});
    }
    return list;
}

QString statusTokenHash(const QString &statusToken)
{
    return QString::fromLatin1(serverlink::crypto::sha256(statusToken.toUtf8()).toHex());
}

bool citizenProves(const RequestRecord &request, const QString &statusToken, const QString &nik)
{
    const QByteArray stored = request.statusTokenHash.isEmpty() ? QByteArray(64, 'x') : request.statusTokenHash.toLatin1();
    const bool token = serverlink::crypto::sameBytes(statusTokenHash(statusToken).toLatin1(), stored) && !statusToken.isEmpty()
        && !request.statusTokenHash.isEmpty();
    const bool nikMatches
        = serverlink::crypto::sameBytes(nik.toLatin1().leftJustified(16, '\0'), request.nik.toLatin1()) && nik.size() == 16;
    return token || nikMatches;
}

} // namespace requestlife

RequestLife::RequestLife(BackendStore &store, const ServiceCatalog &catalog, const OfficeDirectory &offices)
    : m_store(store)
    , m_catalog(catalog)
    , m_offices(offices)
{ }

bool RequestLife::sameKecamatan(const QString &desaA, const QString &desaB) const
{
    const auto kecamatanOf = [this](const QString &desa) {
        const auto office = m_offices.desa(desa);
        return office ? office->kecamatanCode : desa.left(6);
    };
    return kecamatanOf(desaA) == kecamatanOf(desaB);
}

Result<RequestRecord> RequestLife::visible(const KioskCaller &caller, const QString &registrationNumber)
{
    auto request = m_store.request(registrationNumber);
    if (!request && request.error().code != ErrorCode::NotFound)
        return request.error();
    // Another kecamatan's request is as unknown as a number never issued.
    if (!request || !sameKecamatan(caller.desaCode, request.value().desaCode))
        return Error {ErrorCode::NotFound, QStringLiteral("Permohonan %1 tidak ditemukan.").arg(registrationNumber)};
    return request;
}

RequestLife::Proven RequestLife::prove(const KioskCaller &caller, const RequestRecord &request, const serverlink::RequestProof &proof)
{
    Proven proven;
    proven.citizen = requestlife::citizenProves(request, proof.statusToken, proof.nik);
    if (!proof.actor.isEmpty() && caller.desaCode == request.desaCode) {
        const auto staff = m_store.staffAccount(proof.actor);
        if (staff && staff.value().active && staff.value().desaCode == request.desaCode)
            proven.staff = staff.value().username;
    }
    return proven;
}

Result<serverlink::RequestView> RequestLife::compose(const RequestRecord &request, bool detailed)
{
    const auto events = m_store.events(request.registrationNumber);
    if (!events)
        return events.error();
    serverlink::RequestView v;
    v.registrationNumber = request.registrationNumber;
    v.serviceCode = request.serviceCode;
    v.stage = request.stage;
    v.stageAt = events.value().isEmpty() ? request.receivedAt : events.value().constLast().at;
    v.maskedName = serverlink::masking::name(request.name);
    v.letterAvailable = (request.stage == Stage::Ready || request.stage == Stage::HandedOver) && !request.letterSha256.isEmpty();
    v.detailed = detailed;
    for (const EventRecord &e : events.value())
        v.timeline.append(serverlink::TimelineEntry {e.stage, e.at, detailed ? e.note : QString(), e.role});
    if (!detailed)
        return v;
    for (const EventRecord &e : events.value())
        if (!e.note.isEmpty())
            v.note = e.note;
    if (request.stage == Stage::NeedsFix) {
        auto fixes = m_store.fixItems(request.registrationNumber);
        if (!fixes)
            return fixes.error();
        v.fixes = fixes.value();
        // Returned without items (the command line, an older console): the reason concerns the whole request.
        if (v.fixes.isEmpty())
            v.fixes.append(serverlink::FixItem {QString(), v.note});
    }
    v.version = request.version;
    v.citizenMayCancel = requestlife::citizenMayCancel(request.stage, events.value());
    v.name = request.name;
    v.address = request.address;
    v.purpose = request.purpose;
    v.phone = request.phone;
    v.fields = request.fields;
    const auto versions = m_store.requestVersions(request.registrationNumber);
    if (!versions)
        return versions.error();
    if (!versions.value().isEmpty())
        v.documents = versions.value().constLast().documents;
    return v;
}

Result<serverlink::RequestView> RequestLife::view(
    const KioskCaller &caller, const QString &registrationNumber, const QString &statusToken, const QString &nik)
{
    const auto request = visible(caller, registrationNumber);
    if (!request)
        return request.error();
    const Proven proven = prove(caller, request.value(), serverlink::RequestProof {statusToken, nik, {}});
    return compose(request.value(), proven.citizen);
}

Result<serverlink::RequestView> RequestLife::viewByToken(const KioskCaller &caller, const QString &statusToken)
{
    const auto request = m_store.requestByStatusToken(requestlife::statusTokenHash(statusToken));
    if (!request && request.error().code != ErrorCode::NotFound)
        return request.error();
    if (statusToken.isEmpty() || !request || !sameKecamatan(caller.desaCode, request.value().desaCode))
        return Error {ErrorCode::NotFound, QStringLiteral("Tidak ada permohonan untuk tiket ini.")};
    return compose(request.value(), true);
}

Result<InsertResult> RequestLife::revise(
    const KioskCaller &caller, const QString &idempotencyKey, const QString &bodySha256, const serverlink::RequestRevision &revision)
{
    const auto request = visible(caller, revision.registrationNumber);
    if (!request)
        return request.error();
    const Proven proven = prove(caller, request.value(), revision.proof);
    if (!proven.citizen && proven.staff.isEmpty())
        return Error {ErrorCode::Forbidden,
            QStringLiteral("Bukti tidak cocok: pindai QR tiket, masukkan NIK pemohon, atau minta petugas desa membantu.")};
    if (!revision.phone.isEmpty() && serverlink::normalizePhone(revision.phone) != revision.phone)
        return Error {ErrorCode::InvalidData, QStringLiteral("Nomor HP harus nomor seluler Indonesia (+628…).")};
    const auto events = m_store.events(revision.registrationNumber);
    if (!events)
        return events.error();
    const Stage to = requestlife::returnedFrom(events.value()).value_or(Stage::DesaReview);
    const int version = revision.baseVersion + 1;
    const QString note = QStringLiteral("Diperbaiki (versi %1)").arg(version);
    if (request.value().stage == Stage::NeedsFix)
        if (auto allowed = lifecycle::checkTransition(request.value().level, Stage::NeedsFix, to, note); !allowed)
            return allowed.error();
    NewRevision n;
    n.kioskId = caller.kioskId;
    n.idempotencyKey = idempotencyKey;
    n.bodySha256 = bodySha256;
    n.version = RequestVersionRecord {revision.registrationNumber, version, caller.kioskId,
        proven.staff.isEmpty() ? QStringLiteral("pemohon") : proven.staff, revision.name, revision.address, revision.purpose,
        revision.phone, revision.fields, revision.documents, revision.submittedAt.toUTC(), QDateTime::currentDateTimeUtc()};
    n.to = to;
    n.role = proven.staff.isEmpty() ? QStringLiteral("pemohon") : QStringLiteral("front_office");
    n.note = note;
    return m_store.insertRevision(n);
}

Result<RequestRecord> RequestLife::cancel(const KioskCaller &caller, const serverlink::CancelBody &body)
{
    const auto request = visible(caller, body.registrationNumber);
    if (!request)
        return request.error();
    const RequestRecord &r = request.value();
    const bool byStaff = !body.proof.actor.isEmpty();
    const Proven proven = prove(caller, r, body.proof);
    if (byStaff ? proven.staff.isEmpty() : !proven.citizen)
        return Error {ErrorCode::Forbidden,
            byStaff ? QStringLiteral("Akun petugas %1 tidak aktif atau bukan petugas desa permohonan ini.").arg(body.proof.actor)
                    : QStringLiteral("Bukti tidak cocok: pindai QR tiket atau masukkan NIK pemohon.")};
    if (r.stage == Stage::Cancelled)
        return r;
    const auto events = m_store.events(r.registrationNumber);
    if (!events)
        return events.error();
    if (byStaff && !requestlife::staffMayCancel(r.stage))
        return Error {ErrorCode::TransitionNotAllowed,
            QStringLiteral("Permohonan %1 sudah pada tahap '%2'; pembatalan hanya sebelum surat siap.")
                .arg(r.registrationNumber, serverlink::stageLabelId(r.stage))};
    if (!byStaff && !requestlife::citizenMayCancel(r.stage, events.value()))
        return Error {ErrorCode::TransitionNotAllowed,
            QStringLiteral("Petugas sudah memproses permohonan %1. Untuk membatalkan, hubungi petugas di kantor desa.")
                .arg(r.registrationNumber)};
    const QString reason = body.reason.trimmed();
    const QString note = byStaff ? QStringLiteral("Dibatalkan oleh petugas desa: %1").arg(reason)
        : reason.isEmpty()       ? QStringLiteral("Dibatalkan oleh pemohon")
                                 : QStringLiteral("Dibatalkan oleh pemohon: %1").arg(reason);
    if (auto allowed = lifecycle::checkTransition(r.level, r.stage, Stage::Cancelled, note); !allowed)
        return allowed.error();
    const Transition t {r.stage, Stage::Cancelled, byStaff ? proven.staff : QStringLiteral("pemohon"),
        byStaff ? QStringLiteral("front_office") : QStringLiteral("pemohon"), note, std::nullopt, std::nullopt};
    return m_store.applyTransition(r.registrationNumber, t);
}

} // namespace backend
