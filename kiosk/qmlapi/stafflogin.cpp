#include "stafflogin.h"

#include "deskjournal.h"
#include "staffdesk.h"
#include "visitflow.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStaff)

namespace kiosk {

StaffLogin::StaffLogin(VisitFlow &flow, const StaffDirectory &directory, Services services, QString officeName, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_directory(directory)
    , m_services(services)
    , m_officeName(std::move(officeName))
{
    connect(&m_flow, &VisitFlow::wiped, this, &StaffLogin::lock);
}

StaffLogin::~StaffLogin() = default;

void StaffLogin::setMessage(const QString &message)
{
    if (m_message == message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

void StaffLogin::setMode(bool withoutCard, const StaffMember &cardHolder)
{
    m_withoutCard = withoutCard;
    m_cardHolder = cardHolder;
    Q_EMIT modeChanged();
}

void StaffLogin::lock()
{
    // The wipe of a citizen whose request the signed-in staff member is entering: the desk stays open.
    if (m_desk && m_flow.enteredBy() == m_desk->staff().username)
        return;
    setMessage({});
    m_cardPayload.clear();
    setMode(false, {});
    if (!m_desk)
        return;
    StaffDesk *desk = m_desk;
    m_desk = nullptr;
    if (const auto journaled = m_services.journal.record(serverlink::DeskEventKind::StaffSignedOut, desk->staff().username); !journaled)
        qCWarning(lcStaff) << "sign-out not journaled:" << journaled.error();
    Q_EMIT deskChanged();
    // The staff screen may still be bound to it until the screen changes.
    desk->deleteLater();
}

void StaffLogin::startCardSignIn(const QString &cardPayload)
{
    const StaffDirectory::SignIn card = m_directory.identifyCard(cardPayload);
    if (!card.granted()) {
        m_flow.setNotice(card.message);
        return;
    }
    m_flow.openStaff();
    m_cardPayload = cardPayload;
    setMode(false, card.staff);
    if (const int locked = m_directory.secondsLocked(card.staff.username); locked > 0)
        setMessage(tr("Terlalu banyak PIN salah. Coba lagi dalam %1 detik, atau minta sekretaris desa mengatur PIN baru.").arg(locked));
}

void StaffLogin::startWithoutCard()
{
    m_flow.openStaff();
    m_cardPayload.clear();
    setMode(true, {});
}

void StaffLogin::login(const QString &pin)
{
    if (m_cardPayload.isEmpty()) {
        setMessage(tr("Pindai kartu petugas Anda dulu, lalu masukkan PIN."));
        return;
    }
    finish(m_directory.signInWithCard(m_cardPayload, pin), QStringLiteral("kartu"));
}

void StaffLogin::loginWithoutCard(const QString &username, const QString &pin)
{
    finish(m_directory.signInWithPassword(username, pin), QStringLiteral("tanpa kartu"));
}

void StaffLogin::finish(const StaffDirectory::SignIn &result, const QString &how)
{
    if (result.lockStarted)
        (void)m_services.journal.record(serverlink::DeskEventKind::StaffLockedOut, result.staff.username, {}, {}, 0, how);
    if (!result.granted()) {
        setMessage(result.message);
        return;
    }
    // A technician's credential opens technician mode only: the desk holds citizens' letters.
    if (result.staff.technician) {
        setMessage(tr("Akun teknisi tidak dapat membuka meja petugas. Sentuh \"Teknisi\" untuk masuk ke mode teknisi."));
        return;
    }
    setMessage({});
    m_cardPayload.clear();
    if (m_desk && m_desk->staff().username != result.staff.username)
        lock();
    if (!m_desk) {
        m_desk = new StaffDesk(result.staff, m_services, this);
        connect(m_desk, &StaffDesk::letterHandedOver, this, &StaffLogin::letterHandedOver);
        if (const auto journaled
            = m_services.journal.record(serverlink::DeskEventKind::StaffSignedIn, result.staff.username, {}, {}, 0, how);
            !journaled)
            qCWarning(lcStaff) << "sign-in not journaled:" << journaled.error();
        Q_EMIT deskChanged();
    }
    m_flow.show(VisitFlow::Staff);
}

void StaffLogin::enterForCitizen()
{
    if (!m_desk || m_flow.screen() != VisitFlow::Staff)
        return;
    m_flow.startStaffEntry(m_desk->staff().username);
}

void StaffLogin::signOut()
{
    m_flow.goHome();
}

} // namespace kiosk
