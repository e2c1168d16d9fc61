#pragma once

// The backend of the in-process unit tests, opened as kecamatan-backend opens its data folder, and officers
// for tests that need a request moved on: every step goes through Workflow::act, so rights, office scope,
// the requirement checklist and the reason rule apply as on the console.
#include "backend.h"
#include "backendstore.h"
#include "offices.h"
#include "workflow.h"

#include <QDir>
#include <QFile>
#include <QList>
#include <QString>
#include <QtDebug>
#include <memory>

namespace testsupport {

/// openBackend on an empty `dataDir` (what an earlier test function left there goes first: database, keys,
/// letters); null, with the reason as a warning, when it cannot be opened.
inline std::unique_ptr<backend::Backend> freshBackend(const QString &dataDir)
{
    if (!QDir(dataDir).removeRecursively()) {
        qWarning().noquote() << "Folder data" << dataDir << "tidak dapat dikosongkan.";
        return nullptr;
    }
    auto opened = backend::openBackend(dataDir);
    if (!opened) {
        qWarning().noquote() << "openBackend:" << opened.error().message;
        return nullptr;
    }
    return std::move(opened.value());
}

/// The offline-root ceremony of seal.md §7.3 for an in-process backend: a root made in `rootDir` (outside the data
/// folder; must not hold one yet) certifies the backend's list signer, as `root create`, `trust-list export-payload`,
/// `root sign` and `trust-list import-signed` do. The root's SPKI for kiosks to pin; empty, with a warning, on failure.
inline QByteArray installOfflineRoot(backend::SealService &seals, const QString &rootDir)
{
    const auto key = QDir().mkpath(rootDir) ? backend::createRootKey(rootDir)
                                            : backend::Result<QString>(backend::Error {backend::ErrorCode::Io, rootDir});
    const auto payloads = seals.exportPayloads(backend::SealService::kDelegationDays);
    QFile rootPem(key ? key.value() : QString());
    QFile publicPem(QDir(rootDir).filePath(QStringLiteral("root.pub.pem")));
    if (!key || !payloads || !rootPem.open(QIODevice::ReadOnly) || !publicPem.open(QIODevice::ReadOnly)) {
        qWarning().noquote() << "root ceremony:" << (!key ? key.error().message : !payloads ? payloads.error().message : rootDir);
        return {};
    }
    const QByteArray pub = publicPem.readAll();
    const auto delegation = backend::signWithRoot(rootPem.readAll(), payloads.value().listSigner);
    const auto installed = delegation ? seals.importSigned(delegation.value(), pub) : backend::Result<QString>(delegation.error());
    if (!installed) {
        qWarning().noquote() << "root ceremony:" << installed.error().message;
        return {};
    }
    return serverlink::seal::spkiFromPublicKey(pub).value();
}

/// The officer of `role` for `office`, made on first use (no usable password: the workflow never reads it).
inline backend::Result<backend::OfficerRecord> stepOfficer(
    backend::BackendStore &store, backend::Role role, const QString &office, const QString &displayName)
{
    const QString username = QStringLiteral("%1-%2").arg(backend::roleToWire(role), office);
    if (auto existing = store.officerByUsername(username))
        return existing;
    backend::OfficerRecord o;
    o.username = username;
    o.displayName = displayName;
    o.role = role;
    o.office = office;
    o.passwordHash = QStringLiteral("unused");
    const auto id = store.insertOfficer(o);
    if (!id)
        return id.error();
    o.id = id.value();
    return o;
}

/// The officer who takes `action` on `request` now: the first role of the rights table that may (kasi
/// pelayanan before the kecamatan front office), in the request's desa or kecamatan. Office heads carry the
/// names of the office table (the kepala desa, the camat); the other officers are called `officerName`.
inline backend::Result<backend::OfficerRecord> officerFor(backend::BackendStore &store, const backend::OfficeDirectory &offices,
    const backend::RequestRecord &request, backend::OfficerAction action, const QString &officerName)
{
    using backend::Role;
    const auto desa = offices.desa(request.desaCode);
    const QString kecamatan = desa ? desa->kecamatanCode : request.desaCode.left(6);
    // Where nobody may act (READY, final stages), the desa front office tries and Workflow::act says why not.
    Role role = Role::DesaFrontOffice;
    for (Role r : {Role::DesaFrontOffice, Role::KepalaDesa, Role::KasiPelayanan, Role::KecamatanFrontOffice, Role::Camat})
        if (backend::roles::mayAct(r, request.level, request.stage, action)) {
            role = r;
            break;
        }
    const QString name = role == Role::KepalaDesa && desa ? desa->kepalaDesa : role == Role::Camat && desa ? desa->camat : officerName;
    return stepOfficer(store, role, backend::roles::officeOf(role, request.desaCode, kecamatan), name);
}

/// One approval by the officer who may give it now, with every requirement of the service ticked.
inline backend::Result<backend::RequestRecord> approveOnce(backend::Workflow &workflow, backend::BackendStore &store,
    const backend::OfficeDirectory &offices, const QString &registrationNumber, const QString &officerName = QStringLiteral("Budi"))
{
    const auto current = store.request(registrationNumber);
    if (!current)
        return current.error();
    // No service has this many requirements: every one of them is ticked.
    QList<int> everyRequirement;
    for (int i = 0; i < 32; ++i)
        everyRequirement.append(i);
    const auto officer = officerFor(store, offices, current.value(), backend::OfficerAction::Approve, officerName);
    if (!officer)
        return officer.error();
    return workflow.act(registrationNumber, officer.value(), backend::OfficerAction::Approve, {}, everyRequirement);
}

/// Walks a request to READY with Workflow::act: the desa front office's document check (every requirement
/// ticked), the kepala desa's signature and, for a kecamatan service, the kasi pelayanan's check and the
/// camat's signature. The first refusal is returned as it is (NotFound, TransitionNotAllowed, …).
inline backend::Result<backend::RequestRecord> approveToReady(backend::Workflow &workflow, backend::BackendStore &store,
    const backend::OfficeDirectory &offices, const QString &registrationNumber, const QString &officerName = QStringLiteral("Budi"))
{
    for (;;) {
        const auto current = approveOnce(workflow, store, offices, registrationNumber, officerName);
        if (!current || current.value().stage == serverlink::Stage::Ready)
            return current;
    }
}

/// Refuses a request with `reason`, as the officer who may do so at its stage.
inline backend::Result<backend::RequestRecord> rejectAsOfficer(backend::Workflow &workflow, backend::BackendStore &store,
    const backend::OfficeDirectory &offices, const QString &registrationNumber, const QString &reason,
    const QString &officerName = QStringLiteral("Budi"))
{
    const auto current = store.request(registrationNumber);
    if (!current)
        return current.error();
    const auto officer = officerFor(store, offices, current.value(), backend::OfficerAction::Reject, officerName);
    if (!officer)
        return officer.error();
    return workflow.act(registrationNumber, officer.value(), backend::OfficerAction::Reject, reason);
}

} // namespace testsupport
