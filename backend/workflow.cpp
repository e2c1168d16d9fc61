#include "workflow.h"

#include <QDir>
#include <QRegularExpression>
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

// Valid for both levels: handover, resuming after a fix, and the side exits from review stages.
constexpr std::array kCommon {
    Edge {Stage::Ready, Stage::HandedOver},
    Edge {Stage::NeedsFix, Stage::DesaReview},
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
    if (!onPath && !contains(kCommon, from, to))
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

const QString kSystem = QStringLiteral("sistem");

/// Role of the officer who moves a request into `to` (or out of review, for the side exits).
QString roleFor(Stage from, Stage to)
{
    switch (to) {
    case Stage::DesaReview:
        return QStringLiteral("petugas_desa");
    case Stage::DesaSigned:
        return QStringLiteral("kepala_desa");
    case Stage::KecamatanReview:
    case Stage::KecamatanSigned:
        return to == Stage::KecamatanSigned ? QStringLiteral("camat") : QStringLiteral("kasi_pelayanan");
    case Stage::Ready:
        return kSystem;
    default:
        return from == Stage::KecamatanReview ? QStringLiteral("kasi_pelayanan") : QStringLiteral("petugas_desa");
    }
}

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

Result<RequestRecord> Workflow::advance(const QString &registrationNumber, Stage to, const Actor &actor, const QString &note)
{
    auto current = m_store.request(registrationNumber);
    if (!current)
        return current.error();
    return step(current.value(), to, actor, note);
}

Result<RequestRecord> Workflow::step(const RequestRecord &current, Stage to, const Actor &actor, const QString &note)
{
    if (auto allowed = lifecycle::checkTransition(current.level, current.stage, to, note); !allowed)
        return allowed.error();
    Transition t {current.stage, to, actor.name, actor.role, note, std::nullopt, std::nullopt, std::nullopt};
    if (to == lifecycle::signingStage(current.level)) {
        const auto office = m_offices.desa(current.desaCode);
        if (!office)
            return Error {ErrorCode::UnknownOffice, QStringLiteral("Kode desa %1 tidak ada di tabel kantor.").arg(current.desaCode)};
        const auto service = m_catalog.service(current.serviceCode);
        t.nomor = nomorAllocation(*office, current.level, service ? service->letter : LetterTemplate {}, QDate::currentDate().year());
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
        const QString path = QDir(m_lettersDir).filePath(current.registrationNumber + QStringLiteral(".pdf"));
        auto letter = m_renderer.renderToFile(content.value(), path);
        if (!letter)
            return letter.error();
        t.letter = LetterFile {letter.value().path, letter.value().sha256};
    }
    return m_store.applyTransition(current.registrationNumber, t);
}

Result<RequestRecord> Workflow::approve(const QString &registrationNumber, const QString &officer)
{
    auto current = m_store.request(registrationNumber);
    if (!current)
        return current.error();
    RequestRecord record = current.value();
    if (!lifecycle::nextApprovalStage(record.level, record.stage))
        return Error {ErrorCode::TransitionNotAllowed,
            QStringLiteral("Permohonan %1 sedang pada tahap '%2' dan tidak dapat disetujui.")
                .arg(registrationNumber, serverlink::stageLabelId(record.stage))};
    const auto office = m_offices.desa(record.desaCode);
    while (record.stage != Stage::Ready) {
        const Stage next = *lifecycle::nextApprovalStage(record.level, record.stage);
        QString name = officer;
        if (next == Stage::DesaSigned && office)
            name = office->kepalaDesa;
        else if (next == Stage::KecamatanSigned && office)
            name = office->camat;
        else if (next == Stage::Ready)
            name = kSystem;
        auto moved = step(record, next, Actor {name, roleFor(record.stage, next)}, approvalNote(next));
        if (!moved)
            return moved.error();
        record = moved.value();
    }
    return record;
}

Result<RequestRecord> Workflow::reject(const QString &registrationNumber, const QString &reason, const QString &officer)
{
    auto current = m_store.request(registrationNumber);
    if (!current)
        return current.error();
    return step(current.value(), Stage::Rejected, Actor {officer, roleFor(current.value().stage, Stage::Rejected)}, reason.trimmed());
}

Result<RequestRecord> Workflow::handOver(const QString &registrationNumber, const QString &desaCode, const QString &kioskId)
{
    auto current = m_store.request(registrationNumber);
    if (!current || current.value().desaCode != desaCode)
        return Error {ErrorCode::NotFound, QStringLiteral("Permohonan %1 tidak ditemukan.").arg(registrationNumber)};
    if (current.value().stage == Stage::HandedOver)
        return current.value();
    return step(current.value(), Stage::HandedOver, Actor {kioskId, QStringLiteral("front_office")},
        QStringLiteral("Surat diserahkan kepada pemohon"));
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
