#include "stafflogin.h"

#include "staffauth.h"
#include "staffdesk.h"
#include "visitflow.h"

namespace kiosk {

StaffLogin::StaffLogin(VisitFlow &flow, StaffAuth &auth, Services services, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_auth(auth)
    , m_services(services)
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

void StaffLogin::lock()
{
    setMessage({});
    if (!m_desk)
        return;
    StaffDesk *desk = m_desk;
    m_desk = nullptr;
    Q_EMIT deskChanged();
    // The staff screen may still be bound to it until the screen changes.
    desk->deleteLater();
}

void StaffLogin::login(const QString &pin)
{
    switch (m_auth.check(pin)) {
    case StaffAuth::Outcome::Granted:
        setMessage({});
        if (!m_desk) {
            // Until staff sign in as themselves (personal card + PIN), the shared PIN acts as one desk account.
            const StaffMember staff {QStringLiteral("petugas"), tr("Petugas loket")};
            m_desk = new StaffDesk(staff, m_services, this);
            Q_EMIT deskChanged();
        }
        m_flow.show(VisitFlow::Staff);
        return;
    case StaffAuth::Outcome::Denied:
        setMessage(tr("PIN salah. Sisa percobaan: %1.").arg(StaffAuth::kFreeAttempts - m_auth.failures()));
        return;
    case StaffAuth::Outcome::LockedOut:
        setMessage(tr("Terlalu banyak PIN salah. Coba lagi dalam %1 detik.").arg(m_auth.secondsLocked()));
        return;
    case StaffAuth::Outcome::NotConfigured:
        setMessage(tr("PIN petugas belum diatur. Hubungi teknisi."));
        return;
    }
}

} // namespace kiosk
