#include "workflow.h"

#include "requestlife.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <algorithm>
#include <array>

namespace backend {

using serverlink::ServiceLevel;
using serverlink::Stage;

namespace lifecycle {

namespace {

struct Edge {
    Stage from;
    Stage to;
};

constexpr std::array kDesaPath {
    Edge {Stage::Received, Stage::DesaReview},
    Edge {Stage::DesaReview, Stage::DesaSigned},
    Edge {Stage::DesaSigned, Stage::Ready},
};

constexpr std::array kKecamatanPath {
    Edge {Stage::Received, Stage::DesaReview},
    Edge {Stage::DesaReview, Stage::DesaSigned},
    Edge {Stage::DesaSigned, Stage::KecamatanReview},
    Edge {Stage::KecamatanReview, Stage::KecamatanSigned},
    Edge {Stage::KecamatanSigned, Stage::Ready},
};

// Valid for both levels: handover, resuming after a fix (an officer's check, or the citizen's revision back
// to the step that returned it), and the side exits from review stages.
constexpr std::array kCommon {
    Edge {Stage::Ready, Stage::HandedOver},
    Edge {Stage::NeedsFix, Stage::DesaReview},
    Edge {Stage::NeedsFix, Stage::Received},
    Edge {Stage::Received, Stage::NeedsFix},
    Edge {Stage::DesaReview, Stage::NeedsFix},
    Edge {Stage::KecamatanReview, Stage::NeedsFix},
    Edge {Stage::Received, Stage::Rejected},
    Edge {Stage::DesaReview, Stage::Rejected},
    Edge {Stage::KecamatanReview, Stage::Rejected},
    Edge {Stage::NeedsFix, Stage::Rejected},
    Edge {Stage::Received, Stage::Cancelled},
    Edge {Stage::DesaReview, Stage::Cancelled},
    Edge {Stage::NeedsFix, Stage::Cancelled},
};

// Kecamatan-level only: the kecamatan may send back or refuse what the desa signed, a revision returns to
// the kecamatan's step that asked for it, and staff may cancel until the letter is ready.
constexpr std::array kKecamatanExits {
    Edge {Stage::DesaSigned, Stage::NeedsFix},
    Edge {Stage::DesaSigned, Stage::Rejected},
    Edge {Stage::NeedsFix, Stage::DesaSigned},
    Edge {Stage::NeedsFix, Stage::KecamatanReview},
    Edge {Stage::DesaSigned, Stage::Cancelled},
    Edge {Stage::KecamatanReview, Stage::Cancelled},
    Edge {Stage::KecamatanSigned, Stage::Cancelled},
};

template<std::size_t N> bool contains(const std::array<Edge, N> &edges, Stage from, Stage to)
{
    for (const Edge &e : edges)
        if (e.from == from && e.to == to)
            return true;
    return false;
}

} // namespace

Status checkTransition(ServiceLevel level, Stage from, Stage to, const QString &note)
{
    const bool onPath = level == ServiceLevel::Desa ? contains(kDesaPath, from, to) : contains(kKecamatanPath, from, to);
    const bool exit = level == ServiceLevel::Kecamatan && contains(kKecamatanExits, from, to);
    if (!onPath && !exit && !contains(kCommon, from, to))
        return Error {ErrorCode::TransitionNotAllowed,
            QStringLiteral("Permohonan tingkat %1 pada tahap '%2' tidak dapat dipindah ke tahap '%3'.")
                .arg(serverlink::levelToWire(level), serverlink::stageLabelId(from), serverlink::stageLabelId(to))};
    if ((to == Stage::NeedsFix || to == Stage::Rejected) && note.trimmed().isEmpty())
        return Error {ErrorCode::ReasonRequired, QStringLiteral("Alasan wajib diisi untuk tahap '%1'.").arg(serverlink::stageLabelId(to))};
    return Done {};
}

std::optional<Stage> nextApprovalStage(ServiceLevel level, Stage from)
{
    if (from == Stage::NeedsFix)
        return Stage::DesaReview;
    const auto find = [from](const auto &path) -> std::optional<Stage> {
        for (const Edge &e : path)
            if (e.from == from)
                return e.to;
        return std::nullopt;
    };
    return level == ServiceLevel::Desa ? find(kDesaPath) : find(kKecamatanPath);
}

Stage signingStage(ServiceLevel level)
{
    return level == ServiceLevel::Desa ? Stage::DesaSigned : Stage::KecamatanSigned;
}

bool isValidRegistrationNumber(const QString &registrationNumber)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9-]{1,64}$"));
    return pattern.match(registrationNumber).hasMatch();
}

} // namespace lifecycle

namespace {
/// Each officer action: its word on the wire (console forms, `act --as`) and its button label.
struct ActionWords {
    OfficerAction action;
    const char *wire;
    const char *label;
};
constexpr ActionWords kActionWords[] {
    {OfficerAction::Approve, "setujui", "Setujui"},
    {OfficerAction::Return, "kembalikan", "Kembalikan untuk diperbaiki"},
    {OfficerAction::Reject, "tolak", "Tolak"},
    {OfficerAction::HandOver, "serahkan", "Serahkan surat"},
};
const ActionWords *wordsFor(OfficerAction action)
{
    const auto it
        = std::find_if(std::begin(kActionWords), std::end(kActionWords), [action](const ActionWords &w) { return w.action == action; });
    return it == std::end(kActionWords) ? nullptr : it;
}
} // namespace

QString actionLabel(OfficerAction action)
{
    const ActionWords *w = wordsFor(action);
    return w ? QString::fromUtf8(w->label) : QString();
}

QString officerActionToWire(OfficerAction action)
{
    const ActionWords *w = wordsFor(action);
    return w ? QString::fromLatin1(w->wire) : QString();
}

std::optional<OfficerAction> officerActionFromWire(const QString &wire)
{
    for (const ActionWords &w : kActionWords)
        if (wire == QLatin1String(w.wire))
            return w.action;
    return std::nullopt;
}

bool isDocumentCheck(Stage from, OfficerAction action)
{
    return action == OfficerAction::Approve && (from == Stage::Received || from == Stage::NeedsFix);
}

namespace roles {

namespace {

/// One row of the rights table: at `from` (for `level`, or both when nullopt) `role` may take `action`.
struct Right {
    Stage from;
    std::optional<ServiceLevel> level;
    OfficerAction action;
    Role role;
};

constexpr auto kBoth = std::nullopt;
constexpr ServiceLevel kKec = ServiceLevel::Kecamatan;

// The desa front office opens and checks; the kades signs (sekdes only as delegate); at the kecamatan
// the front office or kasi pelayanan checks what the desa signed and the camat signs. Super admin may
// take any step (recovery); admin kecamatan manages data and takes none.
const std::array kRights {
    Right {Stage::Received, kBoth, OfficerAction::Approve, Role::DesaFrontOffice},
    Right {Stage::Received, kBoth, OfficerAction::Return, Role::DesaFrontOffice},
    Right {Stage::Received, kBoth, OfficerAction::Reject, Role::DesaFrontOffice},
    Right {Stage::NeedsFix, kBoth, OfficerAction::Approve, Role::DesaFrontOffice},
    Right {Stage::NeedsFix, kBoth, OfficerAction::Reject, Role::DesaFrontOffice},
    Right {Stage::DesaReview, kBoth, OfficerAction::Approve, Role::KepalaDesa},
    Right {Stage::DesaReview, kBoth, OfficerAction::Return, Role::KepalaDesa},
    Right {Stage::DesaReview, kBoth, OfficerAction::Reject, Role::KepalaDesa},
    Right {Stage::DesaReview, kBoth, OfficerAction::Return, Role::SekretarisDesa},
    Right {Stage::DesaReview, kBoth, OfficerAction::Reject, Role::SekretarisDesa},
    Right {Stage::DesaSigned, kKec, OfficerAction::Approve, Role::KecamatanFrontOffice},
    Right {Stage::DesaSigned, kKec, OfficerAction::Return, Role::KecamatanFrontOffice},
    Right {Stage::DesaSigned, kKec, OfficerAction::Reject, Role::KecamatanFrontOffice},
    Right {Stage::DesaSigned, kKec, OfficerAction::Approve, Role::KasiPelayanan},
    Right {Stage::DesaSigned, kKec, OfficerAction::Return, Role::KasiPelayanan},
    Right {Stage::DesaSigned, kKec, OfficerAction::Reject, Role::KasiPelayanan},
    Right {Stage::KecamatanReview, kKec, OfficerAction::Approve, Role::Camat},
    Right {Stage::KecamatanReview, kKec, OfficerAction::Return, Role::Camat},
    Right {Stage::KecamatanReview, kKec, OfficerAction::Reject, Role::Camat},
    Right {Stage::KecamatanReview, kKec, OfficerAction::Return, Role::KasiPelayanan},
    Right {Stage::KecamatanReview, kKec, OfficerAction::Reject, Role::KasiPelayanan},
    Right {Stage::Ready, kBoth, OfficerAction::HandOver, Role::DesaFrontOffice},
};

} // namespace

std::optional<Stage> targetStage(ServiceLevel level, Stage from, OfficerAction action)
{
    std::optional<Stage> to;
    switch (action) {
    case OfficerAction::Approve:
        // READY follows a signature by itself; nobody approves into it by hand.
        to = lifecycle::nextApprovalStage(level, from);
        if (to == Stage::Ready)
            to.reset();
        break;
    case OfficerAction::Return:
        to = Stage::NeedsFix;
        break;
    case OfficerAction::Reject:
        to = Stage::Rejected;
        break;
    case OfficerAction::HandOver:
        to = Stage::HandedOver;
        break;
    }
    if (!to || !lifecycle::checkTransition(level, from, *to, QStringLiteral("-")))
        return std::nullopt;
    return to;
}

bool mayAct(Role role, ServiceLevel level, Stage from, OfficerAction action)
{
    if (!targetStage(level, from, action))
        return false;
    if (role == Role::SuperAdmin)
        return true;
    return std::any_of(kRights.cbegin(), kRights.cend(),
        [&](const Right &r) { return r.from == from && (!r.level || *r.level == level) && r.action == action && r.role == role; });
}

bool isSigning(ServiceLevel level, Stage from)
{
    const auto to = targetStage(level, from, OfficerAction::Approve);
    return to == Stage::DesaSigned || to == Stage::KecamatanSigned;
}

bool seesPersonalData(Role role, ServiceLevel level, Stage stage)
{
    if (isDesaRole(role) || role == Role::SuperAdmin)
        return true;
    if (role != Role::KecamatanFrontOffice && role != Role::KasiPelayanan && role != Role::Camat)
        return false;
    static const QList<Stage> kKecamatanStages {
        Stage::DesaSigned, Stage::KecamatanReview, Stage::KecamatanSigned, Stage::Ready, Stage::HandedOver};
    return level == ServiceLevel::Kecamatan && kKecamatanStages.contains(stage);
}

QList<Role> responsibleRoles(ServiceLevel level, Stage from)
{
    QList<Role> list;
    for (Role role : allRoles())
        if (role != Role::SuperAdmin && mayAct(role, level, from, OfficerAction::Approve))
            list.append(role);
    return list;
}

QString officeOf(Role role, const QString &desaCode, const QString &kecamatanCode)
{
    return isDesaRole(role) ? desaCode : kecamatanCode;
}

} // namespace roles

namespace leave {

Status checkDelegation(const DelegationRecord &leave, const OfficerRecord &absent, const OfficerRecord &delegate)
{
    const auto invalid = [](const QString &message) { return Status(Error {ErrorCode::InvalidData, message}); };
    if (absent.id == delegate.id)
        return invalid(QStringLiteral("Pengganti harus petugas lain."));
    if (delegate.office != absent.office)
        return invalid(QStringLiteral("Pengganti harus dari kantor yang sama (mis. sekretaris desa untuk kepala desa)."));
    if (!leave.starts.isValid() || !leave.ends.isValid() || leave.ends < leave.starts || leave.reason.trimmed().isEmpty())
        return invalid(QStringLiteral("Isi tanggal mulai, tanggal selesai (tidak sebelum mulai) dan alasan."));
    return Done {};
}

bool isOnLeave(const QList<DelegationRecord> &delegations, qint64 officerId, const QDate &day)
{
    return std::any_of(
        delegations.cbegin(), delegations.cend(), [&](const DelegationRecord &d) { return d.officerId == officerId && d.coversDay(day); });
}

QList<OfficerRecord> actingOfficers(
    const QList<OfficerRecord> &officers, const QList<DelegationRecord> &delegations, Role role, const QString &office, const QDate &day)
{
    QList<OfficerRecord> acting;
    const auto add = [&acting](const OfficerRecord &o) {
        if (o.active && std::none_of(acting.cbegin(), acting.cend(), [&o](const OfficerRecord &a) { return a.id == o.id; }))
            acting.append(o);
    };
    for (const OfficerRecord &holder : officers) {
        if (!holder.active || holder.role != role || holder.office != office)
            continue;
        if (!isOnLeave(delegations, holder.id, day)) {
            add(holder);
            continue;
        }
        for (const DelegationRecord &d : delegations) {
            if (d.officerId != holder.id || !d.coversDay(day))
                continue;
            for (const OfficerRecord &delegate : officers)
                if (delegate.id == d.delegateId)
                    add(delegate);
        }
    }
    return acting;
}

} // namespace leave

namespace {

const QString kSystem = QStringLiteral("sistem");

QString approvalNote(Stage to)
{
    switch (to) {
    case Stage::DesaReview:
        return QStringLiteral("Berkas diperiksa petugas desa");
    case Stage::DesaSigned:
        return QStringLiteral("Ditandatangani secara elektronik oleh kepala desa");
    case Stage::KecamatanReview:
        return QStringLiteral("Berkas diperiksa kasi pelayanan kecamatan");
    case Stage::KecamatanSigned:
        return QStringLiteral("Ditandatangani secara elektronik oleh camat");
    case Stage::Ready:
        return QStringLiteral("Surat siap dicetak di kantor desa");
    default:
        return {};
    }
}

} // namespace

Workflow::Workflow(BackendStore &store, const ServiceCatalog &catalog, const OfficeDirectory &offices, const LetterRenderer &renderer,
    QString lettersDir, SealService *seals)
    : m_store(store)
    , m_catalog(catalog)
    , m_offices(offices)
    , m_renderer(renderer)
    , m_lettersDir(std::move(lettersDir))
    , m_seals(seals)
{ }

Result<RequestRecord> Workflow::step(const RequestRecord &current, Stage to, const Actor &actor, const QString &note,
    std::optional<HandoverRecord> handover, const QList<serverlink::FixItem> &fixes)
{
    if (auto allowed = lifecycle::checkTransition(current.level, current.stage, to, note); !allowed)
        return allowed.error();
    Transition t {current.stage, to, actor.name, actor.role, note, std::nullopt, std::nullopt, std::nullopt};
    t.notification = transitionNotification(current.registrationNumber, current.phone, to, note, QDateTime::currentDateTimeUtc());
    t.handover = std::move(handover);
    t.fixes = fixes;
    if (to == lifecycle::signingStage(current.level)) {
        const auto office = m_offices.desa(current.desaCode);
        if (!office)
            return Error {ErrorCode::UnknownOffice, QStringLiteral("Kode desa %1 tidak ada di tabel kantor.").arg(current.desaCode)};
        const auto service = m_catalog.service(current.serviceCode);
        const LetterTemplate tmpl = service ? service->letter : LetterTemplate {};
        t.nomor = nomorAllocation(*office, current.level, tmpl, QDate::currentDate().year());
        // The letter names who signed: the office head, or a delegate "a.n." the office head.
        const LetterSigner head = officeSigner(*office, current.level, tmpl);
        t.signer = actor.delegatePosition.isEmpty() ? head : LetterSigner {actor.delegateName, actor.delegatePosition, head.title};
    }
    if (to == Stage::Ready) {
        if (!lifecycle::isValidRegistrationNumber(current.registrationNumber))
            return Error {ErrorCode::Io,
                QStringLiteral("Nomor registrasi %1 tidak dapat dipakai sebagai nama berkas.").arg(current.registrationNumber)};
        auto content = composeLetter(current);
        if (!content)
            return content.error();
        if (m_seals) {
            const auto office = m_offices.desa(current.desaCode);
            const QString issuer = current.level == ServiceLevel::Desa ? current.desaCode : office ? office->kecamatanCode : QString();
            auto seal = m_seals->sealLetter(current, issuer, content.value());
            if (!seal)
                return seal.error();
            content.value().sealText = seal.value().sealText;
            t.seal = seal.value();
        }
        // Letters carry personal data: their folder is the backend user's alone (the files are 0600, LetterRenderer).
        if (QDir().mkpath(m_lettersDir))
            QFile::setPermissions(m_lettersDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const QString path = QDir(m_lettersDir).filePath(current.registrationNumber + QStringLiteral(".pdf"));
        auto letter = m_renderer.renderToFile(content.value(), path);
        if (!letter)
            return letter.error();
        t.letter = LetterFile {letter.value().path, letter.value().sha256};
    }
    return m_store.applyTransition(current.registrationNumber, t);
}

Result<QList<Capacity>> Workflow::capacities(const OfficerRecord &officer, const QDate &day) const
{
    if (!officer.active)
        return QList<Capacity> {};
    auto all = m_store.delegations();
    if (!all)
        return all.error();
    QList<Capacity> list;
    if (!leave::isOnLeave(all.value(), officer.id, day))
        list.append(Capacity {officer.role, officer.office, {}});
    for (const DelegationRecord &d : all.value()) {
        if (d.delegateId != officer.id || !d.coversDay(day))
            continue;
        const auto absent = m_store.officer(d.officerId);
        if (!absent)
            return absent.error();
        if (absent.value().active)
            list.append(Capacity {absent.value().role, absent.value().office, absent.value().displayName});
    }
    return list;
}

bool Workflow::covers(const Capacity &capacity, const RequestRecord &request) const
{
    if (capacity.role == Role::SuperAdmin)
        return true;
    if (isDesaRole(capacity.role))
        return request.desaCode == capacity.office;
    const auto office = m_offices.desa(request.desaCode);
    return office && office->kecamatanCode == capacity.office;
}

bool Workflow::inScope(const QList<Capacity> &capacities, const RequestRecord &request) const
{
    return std::any_of(capacities.cbegin(), capacities.cend(), [&](const Capacity &c) { return covers(c, request); });
}

bool Workflow::seesPersonalData(const QList<Capacity> &capacities, const RequestRecord &request) const
{
    return std::any_of(capacities.cbegin(), capacities.cend(),
        [&](const Capacity &c) { return covers(c, request) && roles::seesPersonalData(c.role, request.level, request.stage); });
}

QList<OfficerAction> Workflow::allowedActions(const QList<Capacity> &capacities, const RequestRecord &request) const
{
    QList<OfficerAction> actions;
    for (OfficerAction a : {OfficerAction::Approve, OfficerAction::Return, OfficerAction::Reject, OfficerAction::HandOver})
        for (const Capacity &c : capacities)
            if (covers(c, request) && roles::mayAct(c.role, request.level, request.stage, a)) {
                actions.append(a);
                break;
            }
    return actions;
}

Result<RequestRecord> Workflow::act(const QString &registrationNumber, const OfficerRecord &officer, OfficerAction action,
    const QString &note, const QList<int> &checkedRequirements, std::optional<Stage> seenStage)
{
    return actWith(registrationNumber, officer, action, note, checkedRequirements, {}, seenStage);
}

Result<RequestRecord> Workflow::returnForFixes(
    const QString &registrationNumber, const OfficerRecord &officer, const QList<serverlink::FixItem> &fixes)
{
    const auto current = m_store.request(registrationNumber);
    if (!current)
        return current.error();
    const auto service = m_catalog.service(current.value().serviceCode);
    if (!service)
        return Error {ErrorCode::UnknownService, QStringLiteral("Layanan %1 tidak ada di katalog.").arg(current.value().serviceCode)};
    QList<serverlink::FixItem> items;
    for (const serverlink::FixItem &fix : fixes)
        items.append(serverlink::FixItem {fix.target, fix.reason.trimmed()});
    if (auto valid = requestlife::checkFixItems(*service, items); !valid)
        return valid.error();
    return actWith(registrationNumber, officer, OfficerAction::Return, requestlife::fixNote(*service, items), {}, items);
}

Result<RequestRecord> Workflow::actWith(const QString &registrationNumber, const OfficerRecord &officer, OfficerAction action,
    const QString &note, const QList<int> &checkedRequirements, const QList<serverlink::FixItem> &fixes, std::optional<Stage> seenStage)
{
    auto current = m_store.request(registrationNumber);
    if (!current)
        return current.error();
    const RequestRecord record = current.value();
    // The officer's form was for another stage (a second click of the same button): what it asked for no longer applies.
    if (seenStage && *seenStage != record.stage)
        return Error {ErrorCode::TransitionNotAllowed,
            QStringLiteral("Permohonan %1 sudah berpindah ke tahap '%2' sejak halaman ini dibuka; muat ulang halaman permohonan.")
                .arg(registrationNumber, serverlink::stageLabelId(record.stage))};
    const auto to = roles::targetStage(record.level, record.stage, action);
    if (!to)
        return Error {ErrorCode::TransitionNotAllowed,
            QStringLiteral("Permohonan %1 sedang pada tahap '%2'; langkah '%3' tidak dapat dilakukan sekarang.")
                .arg(registrationNumber, serverlink::stageLabelId(record.stage), actionLabel(action))};
    if (!officer.active)
        return Error {ErrorCode::Forbidden, QStringLiteral("Akun %1 tidak aktif. Hubungi admin kecamatan.").arg(officer.username)};
    const auto mine = capacities(officer, QDate::currentDate());
    if (!mine)
        return mine.error();
    std::optional<Capacity> acting;
    bool roleFitsElsewhere = false;
    for (const Capacity &c : mine.value()) {
        if (!roles::mayAct(c.role, record.level, record.stage, action))
            continue;
        if (covers(c, record)) {
            acting = c;
            break;
        }
        roleFitsElsewhere = true;
    }
    if (!acting) {
        if (roleFitsElsewhere)
            return Error {ErrorCode::Forbidden,
                QStringLiteral("Permohonan %1 bukan dari wilayah kerja Anda. Permohonan hanya dapat diproses oleh kantor asalnya.")
                    .arg(registrationNumber)};
        if (mine.value().isEmpty())
            return Error {ErrorCode::Forbidden, QStringLiteral("Anda sedang cuti; langkah ini dikerjakan oleh petugas pengganti Anda.")};
        return Error {ErrorCode::Forbidden,
            QStringLiteral("Peran %1 tidak berwenang melakukan '%2' pada tahap '%3'.")
                .arg(roleLabel(mine.value().first().role), actionLabel(action), serverlink::stageLabelId(record.stage))};
    }
    const QString name
        = acting->onBehalfOf.isEmpty() ? officer.displayName : QStringLiteral("%1 a.n. %2").arg(officer.displayName, acting->onBehalfOf);
    QString recorded = note.trimmed();
    if (isDocumentCheck(record.stage, action)) {
        const auto service = m_catalog.service(record.serviceCode);
        const QStringList requirements = service ? service->requirements : QStringList();
        for (int i = 0; i < requirements.size(); ++i)
            if (!checkedRequirements.contains(i))
                return Error {ErrorCode::ChecklistIncomplete,
                    QStringLiteral("Persyaratan \"%1\" belum dicentang. Periksa berkas pemohon atau kembalikan permohonan.")
                        .arg(requirements.at(i))};
        const QString checked = QStringLiteral("Berkas diperiksa petugas desa; persyaratan lengkap (%1/%1)").arg(requirements.size());
        recorded = recorded.isEmpty() ? checked : checked + QStringLiteral(". ") + recorded;
    }
    if (recorded.isEmpty() && action == OfficerAction::Approve)
        recorded = approvalNote(*to);
    Actor actor {name, roleToWire(acting->role)};
    if (!acting->onBehalfOf.isEmpty()) {
        actor.delegateName = officer.displayName;
        actor.delegatePosition = roleLabel(officer.role);
    }
    auto moved = step(record, *to, actor, recorded, std::nullopt, action == OfficerAction::Return ? fixes : QList<serverlink::FixItem> {});
    if (!moved)
        return moved.error();
    // A signature on the last signing stage finishes the letter at once.
    if (moved.value().stage == lifecycle::signingStage(moved.value().level))
        return step(moved.value(), Stage::Ready, Actor {kSystem, kSystem}, approvalNote(Stage::Ready));
    return moved;
}

Result<QByteArray> Workflow::previewLetter(const RequestRecord &request) const
{
    auto content = composeLetter(request);
    if (!content)
        return content.error();
    // Without its nomor surat (given at signing) the renderer marks it PRATINJAU and leaves the seal out.
    content.value().nomorSurat.clear();
    content.value().sealText.clear();
    return m_renderer.render(content.value());
}

Result<RequestRecord> Workflow::handOver(const QString &registrationNumber, const QString &desaCode, const QString &kioskId,
    const std::optional<serverlink::HandoverBody> &handover)
{
    auto current = m_store.request(registrationNumber);
    if (!current || current.value().desaCode != desaCode)
        return Error {ErrorCode::NotFound, QStringLiteral("Permohonan %1 tidak ditemukan.").arg(registrationNumber)};
    if (current.value().stage == Stage::HandedOver)
        return current.value();
    HandoverRecord record {registrationNumber, kioskId, {}, QDateTime::currentDateTimeUtc(), {}, {}, {}, {}};
    QString note = QStringLiteral("Surat diserahkan kepada pemohon");
    if (handover) {
        const bool holder = handover->kind == serverlink::CollectorKind::Holder;
        // The kiosk compared the holder's KTP with the request already; a mismatch here means a confused or forged body.
        if (holder && handover->nik != current.value().nik)
            return Error {
                ErrorCode::InvalidData, QStringLiteral("NIK pengambil tidak sama dengan NIK pemohon %1.").arg(registrationNumber)};
        record.actor = handover->actor;
        record.at = handover->at;
        record.collectorKind = serverlink::HandoverBody::kindToWire(handover->kind);
        record.collectorName = handover->name;
        record.collectorNik = holder ? QString() : handover->nik;
        record.relationship = handover->relationship;
        if (!holder)
            note = QStringLiteral("Surat diserahkan kepada %1 (%2), wakil pemohon")
                       .arg(handover->name, serverlink::collectorRelationshipLabel(handover->relationship).toLower());
    }
    const QString actor = record.actor.isEmpty() ? kioskId : QStringLiteral("%1 (%2)").arg(record.actor, kioskId);
    return step(current.value(), Stage::HandedOver, Actor {actor, QStringLiteral("front_office")}, note, record);
}

Result<LetterContent> Workflow::composeLetter(const RequestRecord &r) const
{
    const auto office = m_offices.desa(r.desaCode);
    if (!office)
        return Error {ErrorCode::UnknownOffice, QStringLiteral("Kode desa %1 tidak ada di tabel kantor.").arg(r.desaCode)};
    const auto service = m_catalog.service(r.serviceCode);
    if (!service)
        return Error {ErrorCode::UnknownService, QStringLiteral("Layanan %1 tidak ada di katalog.").arg(r.serviceCode)};
    return backend::composeLetter(r, *service, service->letter, *office, QDate::currentDate());
}

} // namespace backend
