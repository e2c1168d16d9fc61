#include "statuslookup.h"

#include "catalogmodel.h"
#include "crypto.h"
#include "formmodel.h"
#include "livelink.h"
#include "pickupnumbers.h"
#include "printledger.h"
#include "requestchanges.h"
#include "slipwriter.h"
#include "visitflow.h"

#include <QLocale>
#include <QLoggingCategory>
#include <QUrl>

Q_LOGGING_CATEGORY(lcStatus, "anjungan.status")

namespace kiosk {

QVariant TimelineModel::roleData(const Row &r, int role) const
{
    switch (role) {
    case StageRole:
        return r.stage;
    case Qt::DisplayRole:
    case LabelRole:
        return r.label;
    case AtRole:
        return r.at;
    case NoteRole:
        return r.note;
    default:
        return {};
    }
}

QHash<int, QByteArray> TimelineModel::roleNames() const
{
    return {{StageRole, "stage"}, {LabelRole, "label"}, {AtRole, "at"}, {NoteRole, "note"}};
}

StatusLookup::StatusLookup(
    VisitFlow &flow, OutboxRepository &outbox, const CatalogModel &catalog, Pickup pickup, Remote remote, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_outbox(outbox)
    , m_catalog(catalog)
    , m_pickup(pickup)
    , m_remote(remote)
{
    connect(&m_flow, &VisitFlow::wiped, this, &StatusLookup::clear);
}

void StatusLookup::clear()
{
    // An answer still on its way belongs to the citizen who left: it is dropped.
    ++m_generation;
    m_proof = {};
    m_detailed.reset();
    m_localRows.clear();
    m_status = {};
    m_timeline.setRows({});
    setBusy(false);
    Q_EMIT statusChanged();
}

void StatusLookup::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

QString StatusLookup::formatted(const QDateTime &at, const QString &format) const
{
    const QLocale locale(m_flow.english() ? QLocale::English : QLocale::Indonesian);
    return locale.toString(at.toLocalTime(), format);
}

QString StatusLookup::pickupNumber(const RequestStatus &s)
{
    const QDate today = QDate::currentDate();
    if (const QString label = m_outbox.pickupNumber(s.registrationNumber, today); !label.isEmpty() || !m_pickup.numbers)
        return label;
    const auto drawn = m_pickup.numbers->take(s.registrationNumber);
    if (!drawn) {
        qCWarning(lcStatus).noquote() << "no pick-up number:" << drawn.error().message;
        return {};
    }
    if (const Status kept = m_outbox.recordPickupNumber(s.registrationNumber, today, drawn.value()); !kept) {
        qCWarning(lcStatus).noquote() << "pick-up number not stored:" << kept.error().message;
        return {};
    }
    return m_outbox.pickupNumber(s.registrationNumber, today);
}

void StatusLookup::check(const QString &registrationNumber)
{
    m_proof = {};
    if (const auto token = OutboxRepository::statusTokenFromQr(registrationNumber.trimmed()))
        m_proof.statusToken = *token;
    show(registrationNumber, true);
}

void StatusLookup::checkWithNik(const QString &registrationNumber, const QString &nik)
{
    m_proof = {};
    m_proof.nik = nik.trimmed();
    show(registrationNumber, true);
}

bool StatusLookup::applicantNikMatches(const QString &registrationNumber, const QString &nik) const
{
    if (nik.isEmpty())
        return false;
    const auto applicant = m_outbox.applicant(registrationNumber);
    return applicant && serverlink::crypto::sameBytes(applicant->nik.toLatin1(), nik.toLatin1());
}

QString StatusLookup::advice(serverlink::Stage stage) const
{
    switch (stage) {
    case serverlink::Stage::NeedsFix:
        return tr("Permohonan Anda perlu diperbaiki. Datang ke kantor desa dengan membawa tiket ini.");
    case serverlink::Stage::Rejected:
        return tr("Permohonan Anda ditolak. Alasannya tertulis di bawah; tanyakan ke petugas bila kurang jelas.");
    case serverlink::Stage::Ready:
        return tr("Surat siap diambil. Silakan ke loket dengan membawa tiket dan KTP Anda.");
    case serverlink::Stage::HandedOver:
        return tr("Surat Anda sudah diserahkan.");
    case serverlink::Stage::Cancelled:
        return tr("Permohonan ini sudah dibatalkan.");
    default:
        return tr("Permohonan Anda sedang diproses. Tidak perlu datang sampai surat siap.");
    }
}

void StatusLookup::show(const QString &registrationNumber, bool printPickupSlip)
{
    ++m_generation;
    setBusy(false);
    m_detailed.reset();
    const QString key = registrationNumber.trimmed().toUpper();
    const bool plausibleNumber = !key.isEmpty() && key.size() <= 32;
    std::optional<RequestStatus> s;
    if (!m_proof.statusToken.isEmpty())
        s = m_outbox.findByStatusToken(m_proof.statusToken);
    else if (plausibleNumber)
        s = m_outbox.findByRegistrationNumber(key);
    const bool askable = m_remote.live && (!m_proof.statusToken.isEmpty() || plausibleNumber);
    RequestStatusView view;
    view.checked = true;
    QList<TimelineModel::Row> rows;
    if (!s) {
        if (!askable)
            view.message = tr("Nomor registrasi tidak ditemukan di anjungan ini. Periksa lagi nomor pada tiket Anda.");
    } else {
        const auto svc = m_catalog.find(s->serviceCode);
        // A typed number alone shows the stage; the officer's notes need the ticket's token or the applicant's NIK.
        const bool proven = !m_proof.statusToken.isEmpty() || applicantNikMatches(s->registrationNumber, m_proof.nik);
        if (!m_proof.nik.isEmpty() && !proven)
            view.message = tr("NIK tidak cocok dengan permohonan ini. Periksa lagi NIK pemohon.");
        for (const StageEvent &e : m_outbox.timeline(s->id))
            rows.append({serverlink::stageToWire(e.stage), serverlink::stageLabel(e.stage),
                formatted(e.at, QStringLiteral("d MMM yyyy HH:mm")), proven ? e.note : QString()});
        view.advice = advice(s->stage);
        if (s->stage == serverlink::Stage::Ready) {
            view.readyForPickup = !s->handedOver;
            view.pickupLabel = view.readyForPickup ? pickupNumber(*s) : QString();
            view.advice = !view.readyForPickup ? tr("Surat Anda sudah diserahkan.")
                : view.pickupLabel.isEmpty()   ? tr("Surat siap diambil. Silakan ke loket dengan membawa tiket dan KTP Anda.")
                                               : tr("Surat siap diambil. Tunggu nomor %1 dipanggil, lalu ke loket dengan membawa KTP Anda. "
                                                      "Bila diwakilkan, wakil membawa KTP-nya sendiri.")
                                                   .arg(view.pickupLabel);
        }
        view.found = true;
        view.registrationNumber = s->registrationNumber;
        view.serviceName = svc ? svc->displayName(m_catalog.english()) : s->serviceCode;
        view.maskedName = s->maskedName;
        view.stage = serverlink::stageToWire(s->stage);
        view.stageLabel = serverlink::stageLabel(s->stage);
        view.needsAction = s->stage == serverlink::Stage::Rejected || s->stage == serverlink::Stage::NeedsFix;
        view.note = proven ? s->note : QString();
        view.detailed = proven;
        view.needsProof = !proven;
        view.stageAt = formatted(s->stageAt, QStringLiteral("d MMMM yyyy HH:mm"));
    }
    if (printPickupSlip && !view.pickupLabel.isEmpty()) {
        const PickupSlip slip {
            m_pickup.ledger.officeName(), view.pickupLabel, view.registrationNumber, view.serviceName, QDateTime::currentDateTime()};
        m_pickup.ledger.printSlip(slip.toEscPos(), QStringLiteral("Nomor pengambilan %1").arg(view.pickupLabel));
    }
    m_status = view;
    m_localRows = rows;
    m_timeline.setRows(rows);
    applyChangeState();
    Q_EMIT statusChanged();
    m_flow.show(VisitFlow::Status);
    // A request still in this kiosk's outbox is not at the backend yet: nothing to ask.
    if (askable && (!s || s->stage != serverlink::Stage::Queued))
        ask(s ? s->registrationNumber : key, m_proof, s.has_value());
}

void StatusLookup::ask(const QString &registrationNumber, const Proof &proof, bool localFound)
{
    const int generation = m_generation;
    LiveLink::Headers headers;
    QString path = QStringLiteral("/requests/") + QString::fromLatin1(QUrl::toPercentEncoding(registrationNumber));
    if (!proof.statusToken.isEmpty()) {
        headers.append({QByteArrayLiteral("X-Status-Token"), proof.statusToken.toLatin1()});
        if (!localFound)
            path = QStringLiteral("/ticket");
    } else if (!proof.nik.isEmpty()) {
        headers.append({QByteArrayLiteral("X-Applicant-NIK"), proof.nik.toLatin1()});
    }
    setBusy(true);
    m_remote.live->get(path, headers, this, [this, generation, localFound](const serverlink::LinkResponse &r) {
        if (generation != m_generation)
            return;
        setBusy(false);
        answered(r, localFound);
    });
}

void StatusLookup::answered(const serverlink::LinkResponse &r, bool localFound)
{
    if (r.ok()) {
        QString error;
        if (const auto view = serverlink::RequestView::fromJson(r.body, &error)) {
            applyRemote(*view, localFound);
            return;
        }
        qCWarning(lcStatus).noquote() << "unreadable request view:" << error;
    }
    const bool refused = r.error == serverlink::LinkError::Http && (r.status == 403 || r.status == 404);
    if (refused && r.status == 403 && !m_proof.nik.isEmpty())
        m_status.message = tr("NIK tidak cocok dengan permohonan ini. Periksa lagi NIK pemohon.");
    else if (refused && !localFound)
        m_status.message = m_proof.statusToken.isEmpty() ? tr("Nomor registrasi tidak ditemukan. Periksa lagi nomor pada tiket Anda.")
                                                         : tr("Tiket ini tidak dikenal di kecamatan ini. Tanyakan petugas.");
    else if (!refused)
        m_status.message = tr("Kantor kecamatan tidak dapat dihubungi. Coba lagi sebentar lagi atau tanyakan petugas.");
    Q_EMIT statusChanged();
}

void StatusLookup::applyRemote(const serverlink::RequestView &v, bool localFound)
{
    RequestStatusView view = m_status;
    // A letter ready here keeps this kiosk's view: its pick-up number and handover are recorded here.
    const bool keepLocalStage = localFound
        && (view.stage == serverlink::stageToWire(serverlink::Stage::Ready)
            || view.stage == serverlink::stageToWire(serverlink::Stage::HandedOver));
    view.checked = true;
    view.found = true;
    view.remote = true;
    view.message.clear();
    view.registrationNumber = v.registrationNumber;
    if (!localFound) {
        const auto svc = m_catalog.find(v.serviceCode);
        view.serviceName = svc ? svc->displayName(m_catalog.english()) : v.serviceCode;
        view.maskedName = v.maskedName;
    }
    if (!keepLocalStage) {
        view.stage = serverlink::stageToWire(v.stage);
        view.stageLabel = serverlink::stageLabel(v.stage);
        view.stageAt = formatted(v.stageAt, QStringLiteral("d MMMM yyyy HH:mm"));
        view.needsAction = v.stage == serverlink::Stage::Rejected || v.stage == serverlink::Stage::NeedsFix;
        view.advice = advice(v.stage);
        view.readyForPickup = false;
    }
    view.detailed = v.detailed;
    if (v.detailed)
        view.note = v.note;
    else if (!localFound)
        view.note.clear();
    view.needsProof = !v.detailed && m_proof.isEmpty();
    view.mayCancel = v.detailed && v.citizenMayCancel && m_remote.changes && !serverlink::isFinal(v.stage) && !m_proof.isEmpty();
    view.mayFix = v.detailed && v.stage == serverlink::Stage::NeedsFix && m_remote.changes && !m_proof.isEmpty();
    if (v.detailed)
        m_detailed = v;
    QStringList fixes;
    if (v.detailed) {
        const auto svc = m_catalog.find(v.serviceCode);
        QHash<QString, QString> labels;
        for (const QJsonValue &f : FormModel::commonFields())
            labels.insert(f[QStringLiteral("key")].toString(), f[QStringLiteral("reviewLabel")].toString());
        if (svc)
            for (const auto &[key, label] : svc->fieldLabels())
                labels.insert(key, label);
        for (const serverlink::FixItem &item : v.fixes) {
            QString what = tr("Permohonan");
            if (const QString key = item.fieldKey(); !key.isEmpty())
                what = labels.value(key, key);
            else if (const int requirement = item.documentRequirement(); requirement >= 0)
                what = svc && requirement < svc->requirements.size() ? svc->requirements.at(requirement)
                                                                     : tr("Dokumen %1").arg(requirement + 1);
            fixes.append(QStringLiteral("%1: %2").arg(what, item.reason));
        }
    }
    view.fixes = fixes.join(QLatin1Char('\n'));
    // The backend's steps with their dates; before them what only this kiosk saw ("Menunggu dikirim").
    QList<TimelineModel::Row> rows;
    for (const TimelineModel::Row &row : std::as_const(m_localRows))
        if (row.stage == serverlink::stageToWire(serverlink::Stage::Queued))
            rows.append(row);
    for (const serverlink::TimelineEntry &e : v.timeline)
        rows.append({serverlink::stageToWire(e.stage), serverlink::stageLabel(e.stage), formatted(e.at, QStringLiteral("d MMM yyyy HH:mm")),
            v.detailed ? e.note : QString()});
    m_status = view;
    m_timeline.setRows(rows);
    applyChangeState();
    Q_EMIT statusChanged();
}

void StatusLookup::applyChangeState()
{
    if (!m_remote.changes || !m_status.found)
        return;
    const auto change = m_remote.changes->latest(m_status.registrationNumber);
    if (!change)
        return;
    const bool parked = !change->parkedReason.isEmpty();
    // One change at a time: a new one waits until the backend has answered the last.
    if (!parked && !change->delivered)
        m_status.mayFix = false;
    if (change->kind == ChangeKind::Cancel) {
        if (parked) {
            m_status.changeNote = tr("Pembatalan tidak diterima kantor kecamatan: %1").arg(change->parkedReason);
            return;
        }
        m_status.stage = serverlink::stageToWire(serverlink::Stage::Cancelled);
        m_status.stageLabel = serverlink::stageLabel(serverlink::Stage::Cancelled);
        m_status.needsAction = false;
        m_status.readyForPickup = false;
        m_status.mayCancel = false;
        m_status.advice = advice(serverlink::Stage::Cancelled);
        m_status.changeNote = change->delivered ? QString() : tr("Pembatalan tersimpan dan dikirim ke kantor kecamatan saat tersambung.");
        return;
    }
    if (parked)
        m_status.changeNote = tr("Perbaikan tidak diterima kantor kecamatan: %1").arg(change->parkedReason);
    else if (!change->delivered)
        m_status.changeNote = tr("Perbaikan Anda tersimpan dan dikirim ke kantor kecamatan saat tersambung.");
}

void StatusLookup::cancelRequest()
{
    if (!m_status.mayCancel || !m_remote.changes || m_proof.isEmpty())
        return;
    serverlink::CancelBody body;
    body.registrationNumber = m_status.registrationNumber;
    body.proof.statusToken = m_proof.statusToken;
    body.proof.nik = m_proof.nik;
    body.at = QDateTime::currentDateTimeUtc();
    if (const auto committed = m_remote.changes->enqueueCancel(body); !committed) {
        qCWarning(lcStatus).noquote() << "cancellation not stored:" << committed.error().message;
        m_status.message = tr("Pembatalan tidak tersimpan. Silakan tanyakan petugas.");
        Q_EMIT statusChanged();
        return;
    }
    applyChangeState();
    Q_EMIT statusChanged();
    Q_EMIT changeQueued();
}

void StatusLookup::startFix()
{
    if (!m_status.mayFix || !m_detailed)
        return;
    serverlink::RequestProof proof;
    proof.statusToken = m_proof.statusToken;
    proof.nik = m_proof.nik;
    Q_EMIT fixWanted(*m_detailed, proof);
}

void StatusLookup::refresh()
{
    // A request of another kiosk does not change with this kiosk's sync.
    if (m_status.remote && m_localRows.isEmpty())
        return;
    if (m_flow.screen() == VisitFlow::Status && m_status.found && !m_busy)
        show(m_status.registrationNumber, false);
}

} // namespace kiosk
