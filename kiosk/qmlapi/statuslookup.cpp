#include "statuslookup.h"

#include "catalogmodel.h"
#include "pickupnumbers.h"
#include "printledger.h"
#include "slipwriter.h"
#include "visitflow.h"

#include <QLocale>
#include <QLoggingCategory>

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

StatusLookup::StatusLookup(VisitFlow &flow, OutboxRepository &outbox, const CatalogModel &catalog, Pickup pickup, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_outbox(outbox)
    , m_catalog(catalog)
    , m_pickup(pickup)
{
    connect(&m_flow, &VisitFlow::wiped, this, &StatusLookup::clear);
}

void StatusLookup::clear()
{
    m_status = {};
    m_timeline.setRows({});
    Q_EMIT statusChanged();
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
    show(registrationNumber, true);
}

void StatusLookup::show(const QString &registrationNumber, bool printPickupSlip)
{
    const QString key = registrationNumber.trimmed().toUpper();
    std::optional<RequestStatus> s;
    if (const auto token = OutboxRepository::statusTokenFromQr(registrationNumber.trimmed()))
        s = m_outbox.findByStatusToken(*token);
    else if (!key.isEmpty() && key.size() <= 32)
        s = m_outbox.findByRegistrationNumber(key);
    const QLocale locale(m_flow.english() ? QLocale::English : QLocale::Indonesian);
    RequestStatusView view;
    view.checked = true;
    QList<TimelineModel::Row> rows;
    if (!s) {
        view.message = tr("Nomor registrasi tidak ditemukan di anjungan ini. Periksa lagi nomor pada tiket Anda.");
    } else {
        const auto svc = m_catalog.find(s->serviceCode);
        for (const StageEvent &e : m_outbox.timeline(s->id))
            rows.append({serverlink::stageToWire(e.stage), serverlink::stageLabel(e.stage),
                locale.toString(e.at.toLocalTime(), QStringLiteral("d MMM yyyy HH:mm")), e.note});
        switch (s->stage) {
        case serverlink::Stage::NeedsFix:
            view.advice = tr("Permohonan Anda perlu diperbaiki. Datang ke kantor desa dengan membawa tiket ini.");
            break;
        case serverlink::Stage::Rejected:
            view.advice = tr("Permohonan Anda ditolak. Alasannya tertulis di bawah; tanyakan ke petugas bila kurang jelas.");
            break;
        case serverlink::Stage::Ready:
            view.readyForPickup = !s->handedOver;
            view.pickupLabel = view.readyForPickup ? pickupNumber(*s) : QString();
            view.advice = !view.readyForPickup ? tr("Surat Anda sudah diserahkan.")
                : view.pickupLabel.isEmpty()   ? tr("Surat siap diambil. Silakan ke loket dengan membawa tiket dan KTP Anda.")
                                               : tr("Surat siap diambil. Tunggu nomor %1 dipanggil, lalu ke loket dengan membawa KTP Anda. "
                                                      "Bila diwakilkan, wakil membawa KTP-nya sendiri.")
                                                   .arg(view.pickupLabel);
            break;
        default:
            view.advice = tr("Permohonan Anda sedang diproses. Tidak perlu datang sampai surat siap.");
        }
        view.found = true;
        view.registrationNumber = s->registrationNumber;
        view.serviceName = svc ? svc->displayName(m_catalog.english()) : s->serviceCode;
        view.maskedName = s->maskedName;
        view.stage = serverlink::stageToWire(s->stage);
        view.stageLabel = serverlink::stageLabel(s->stage);
        view.needsAction = s->stage == serverlink::Stage::Rejected || s->stage == serverlink::Stage::NeedsFix;
        view.note = s->note;
        view.stageAt = locale.toString(s->stageAt.toLocalTime(), QStringLiteral("d MMMM yyyy HH:mm"));
    }
    if (printPickupSlip && !view.pickupLabel.isEmpty()) {
        const PickupSlip slip {
            m_pickup.ledger.officeName(), view.pickupLabel, view.registrationNumber, view.serviceName, QDateTime::currentDateTime()};
        m_pickup.ledger.printSlip(slip.toEscPos(), QStringLiteral("Nomor pengambilan %1").arg(view.pickupLabel));
    }
    m_status = view;
    m_timeline.setRows(rows);
    Q_EMIT statusChanged();
    m_flow.show(VisitFlow::Status);
}

void StatusLookup::refresh()
{
    if (m_flow.screen() == VisitFlow::Status && m_status.found)
        show(m_status.registrationNumber, false);
}

} // namespace kiosk
