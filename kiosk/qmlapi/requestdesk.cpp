#include "requestdesk.h"

#include "requestchanges.h"

#include "catalogmodel.h"
#include "livelink.h"
#include "outbox.h"
#include "stafflogin.h"

#include <QLoggingCategory>
#include <QUrl>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcStaff)

namespace kiosk {

RequestDesk::RequestDesk(const StaffLogin &login, OutboxRepository &outbox, RequestChanges *changes, const CatalogModel &catalog,
    LiveLink *live, QObject *parent)
    : QObject(parent)
    , m_login(login)
    , m_outbox(outbox)
    , m_changes(changes)
    , m_catalog(catalog)
    , m_live(live)
{
    // What one staff member opened is not left for the next one.
    connect(&m_login, &StaffLogin::deskChanged, this, &RequestDesk::close);
}

QString RequestDesk::serviceName() const
{
    const auto service = m_catalog.find(m_serviceCode);
    return service ? service->displayName(m_catalog.english()) : m_serviceCode;
}

QString RequestDesk::stageLabel() const
{
    return isOpen() ? serverlink::stageLabel(m_stage) : QString();
}

bool RequestDesk::cancellableAt(serverlink::Stage stage)
{
    using serverlink::Stage;
    switch (stage) {
    case Stage::Queued:
    case Stage::Received:
    case Stage::DesaReview:
    case Stage::DesaSigned:
    case Stage::KecamatanReview:
    case Stage::KecamatanSigned:
    case Stage::NeedsFix:
        return true;
    case Stage::Ready:
    case Stage::HandedOver:
    case Stage::Rejected:
    case Stage::Cancelled:
        return false;
    }
    return false;
}

bool RequestDesk::mayCancel() const
{
    if (!m_changes || !isOpen() || m_busy || !cancellableAt(m_stage))
        return false;
    // One cancellation per request: none while one waits or was accepted (a refused one may be tried again).
    const auto latest = m_changes->latest(m_registration);
    return !(latest && latest->kind == ChangeKind::Cancel && latest->parkedReason.isEmpty());
}

bool RequestDesk::mayFix() const
{
    if (!m_changes || !m_view || m_busy || m_stage != serverlink::Stage::NeedsFix)
        return false;
    const auto latest = m_changes->latest(m_registration);
    if (!latest || latest->kind != ChangeKind::Revision || !latest->parkedReason.isEmpty())
        return true;
    // A revision waiting, or sent after the backend answered: the version shown is not the request's current one.
    return latest->delivered && latest->createdAt < m_viewAt;
}

void RequestDesk::setMessage(const QString &message)
{
    m_message = message;
    Q_EMIT changed();
}

void RequestDesk::close()
{
    ++m_asked;
    m_busy = false;
    m_registration.clear();
    m_serviceCode.clear();
    m_maskedName.clear();
    m_stage = serverlink::Stage::Queued;
    m_view.reset();
    setMessage({});
}

bool RequestDesk::showLocal(const QString &registrationNumber, const QString &note)
{
    const auto local = m_outbox.findByRegistrationNumber(registrationNumber);
    if (!local)
        return false;
    m_registration = local->registrationNumber;
    m_serviceCode = local->serviceCode;
    m_maskedName = local->maskedName;
    m_stage = local->handedOver ? serverlink::Stage::HandedOver : local->stage;
    setMessage(note);
    return true;
}

void RequestDesk::openRequest(const QString &registrationNumber)
{
    const QString reg = registrationNumber.trimmed().toUpper();
    close();
    if (!m_login.desk())
        return;
    if (reg.isEmpty()) {
        setMessage(tr("Ketik nomor registrasi dari tiket warga, atau pindai kode QR tiketnya."));
        return;
    }
    if (!m_live) {
        if (!showLocal(reg, tr("Menurut catatan anjungan ini.")))
            setMessage(tr("Permohonan %1 tidak ditemukan di anjungan ini.").arg(reg));
        return;
    }
    ask(QStringLiteral("/requests/%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(reg))), {}, reg);
}

void RequestDesk::openTicket(const QString &payload)
{
    close();
    if (!m_login.desk())
        return;
    const auto token = OutboxRepository::statusTokenFromQr(payload);
    if (!token) {
        setMessage(tr("Kode QR ini bukan tiket anjungan."));
        return;
    }
    const auto local = m_outbox.findByStatusToken(*token);
    if (!m_live) {
        if (!local || !showLocal(local->registrationNumber, tr("Menurut catatan anjungan ini.")))
            setMessage(tr("Tiket ini bukan dari anjungan ini dan kantor kecamatan tidak terhubung."));
        return;
    }
    ask(QStringLiteral("/ticket"), {{"X-Status-Token", token->toLatin1()}}, local ? local->registrationNumber : QString());
}

void RequestDesk::ask(
    const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers, const QString &localRegistration, bool forFix)
{
    m_busy = true;
    setMessage(tr("Menanyakan ke kantor kecamatan…"));
    const int asked = ++m_asked;
    m_live->get(path, headers, this, [this, asked, localRegistration, forFix](const serverlink::LinkResponse &response) {
        if (asked == m_asked)
            answer(response, localRegistration, forFix);
    });
}

void RequestDesk::answer(const serverlink::LinkResponse &response, const QString &localRegistration, bool forFix)
{
    m_busy = false;
    if (response.ok()) {
        QString why;
        if (const auto view = serverlink::RequestView::fromJson(response.body, &why)) {
            m_registration = view->registrationNumber;
            m_serviceCode = view->serviceCode;
            m_maskedName = view->maskedName;
            m_stage = view->stage;
            m_view = *view;
            m_viewAt = QDateTime::currentDateTime();
            if (!forFix)
                setMessage({});
            else if (!view->detailed)
                // The backend answers a wrong NIK as it answers none: the brief view.
                setMessage(tr("NIK tidak cocok dengan pemohon permohonan ini. Periksa KTP warga, atau pindai QR tiketnya."));
            else if (view->stage != serverlink::Stage::NeedsFix)
                setMessage(tr("Permohonan ini tidak sedang dikembalikan untuk diperbaiki (%1).").arg(stageLabel()));
            else
                openFix();
            return;
        }
        qCWarning(lcStaff).noquote() << "request view refused:" << why;
    }
    // Not at the backend yet (still in this kiosk's outbox), or the backend cannot be reached: this kiosk's own record.
    const bool unknown = response.error == serverlink::LinkError::Http && response.status == 404;
    if (!localRegistration.isEmpty()
        && showLocal(localRegistration,
            unknown ? tr("Belum sampai di kantor kecamatan; menurut catatan anjungan ini.")
                    : tr("Kantor kecamatan tidak dapat dihubungi; menurut catatan anjungan ini.")))
        return;
    if (unknown)
        setMessage(tr("Permohonan tidak ditemukan di kecamatan ini. Periksa lagi nomor registrasinya."));
    else
        setMessage(tr("Kantor kecamatan tidak dapat dihubungi. Coba lagi sebentar lagi."));
}

void RequestDesk::fixRequest(const QString &nik)
{
    if (!m_login.desk() || !mayFix())
        return;
    if (m_view->detailed) {
        openFix();
        return;
    }
    const QString typed = nik.trimmed();
    if (typed.size() != 16 || !std::all_of(typed.begin(), typed.end(), [](QChar c) { return c.isDigit(); })) {
        setMessage(tr("Ketik 16 angka NIK pemohon dari KTP-nya."));
        return;
    }
    ask(QStringLiteral("/requests/%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(m_registration))),
        {{"X-Applicant-NIK", typed.toLatin1()}}, {}, true);
}

void RequestDesk::openFix()
{
    const StaffDesk *desk = m_login.desk();
    if (!desk || !m_view)
        return;
    // The staff member answers for the fix; the backend checks the account is an active one of the request's desa.
    serverlink::RequestProof proof;
    proof.actor = desk->staff().username;
    setMessage({});
    Q_EMIT fixWanted(*m_view, proof);
}

bool RequestDesk::cancelRequest(const QString &reason)
{
    const StaffDesk *desk = m_login.desk();
    if (!desk || !isOpen())
        return false;
    const QString why = reason.simplified();
    if (why.isEmpty()) {
        setMessage(tr("Tuliskan alasan pembatalan dulu."));
        return false;
    }
    if (!mayCancel()) {
        setMessage(tr("Permohonan ini tidak dapat dibatalkan lagi (%1).").arg(stageLabel()));
        return false;
    }
    serverlink::CancelBody cancel;
    cancel.registrationNumber = m_registration;
    cancel.reason = why.left(serverlink::kMaxFieldLength);
    cancel.proof.actor = desk->staff().username;
    cancel.at = QDateTime::currentDateTimeUtc();
    if (const auto kept = m_changes->enqueueCancel(cancel); !kept) {
        qCWarning(lcStaff).noquote() << "cancellation not kept:" << kept.error().message;
        setMessage(tr("Pembatalan belum dapat disimpan. Coba lagi, atau hubungi teknisi."));
        return false;
    }
    setMessage(tr("Pembatalan permohonan %1 dicatat dan dikirim ke kantor kecamatan.").arg(m_registration));
    Q_EMIT cancelQueued();
    return true;
}

} // namespace kiosk
