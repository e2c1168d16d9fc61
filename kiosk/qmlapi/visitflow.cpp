#include "visitflow.h"

#include "idlemonitor.h"

#include <QLoggingCategory>
#include <QMetaEnum>

Q_LOGGING_CATEGORY(lcVisit, "anjungan.visit")

namespace kiosk {

VisitFlow::VisitFlow(IdleMonitor &idle, QObject *parent)
    : QObject(parent)
    , m_idle(idle)
{
    connect(&m_idle, &IdleMonitor::expired, this, [this] {
        qCInfo(lcVisit) << "visit abandoned; wiping the session";
        // Staff who left a citizen's request half-entered are signed out too.
        setEnteredBy({});
        goHome();
    });
}

QString VisitFlow::screenName(Screen screen)
{
    QString name = QString::fromLatin1(QMetaEnum::fromType<Screen>().valueToKey(screen));
    if (!name.isEmpty())
        name[0] = name.at(0).toLower();
    return name;
}

void VisitFlow::setLanguage(const QString &language)
{
    const QString lang = language == QLatin1String("en") ? language : QStringLiteral("id");
    if (m_language == lang)
        return;
    m_language = lang;
    if (m_applyLanguage)
        m_applyLanguage(lang);
    Q_EMIT languageChanged();
}

void VisitFlow::setLargeText(bool on)
{
    if (m_largeText == on)
        return;
    m_largeText = on;
    Q_EMIT largeTextChanged();
}

void VisitFlow::setNotice(const QString &notice)
{
    if (m_notice == notice)
        return;
    m_notice = notice;
    Q_EMIT noticeChanged();
}

void VisitFlow::show(Screen screen)
{
    if (m_screen == screen)
        return;
    // The documents screen serves the request's form and the fix of a returned request: back leads where it came from.
    if (screen == Documents)
        m_beforeDocuments = m_screen == Fix ? Fix : Form;
    m_screen = screen;
    setNotice({});
    // Only a visit counts down to the wipe; the welcome screen waits for the next citizen. The staff desk
    // counts the staff's own, longer idle time.
    m_idle.setArmed(screen != Welcome, screen == Staff || screen == Technician || !m_enteredBy.isEmpty());
    m_idle.activity();
    Q_EMIT screenChanged();
}

void VisitFlow::wipe()
{
    Q_EMIT wiped();
    setNotice({});
}

void VisitFlow::setEnteredBy(const QString &staff)
{
    if (m_enteredBy == staff)
        return;
    m_enteredBy = staff;
    Q_EMIT enteredByChanged();
}

void VisitFlow::startStaffEntry(const QString &staff)
{
    if (!startStaffVisit(staff))
        return;
    show(Consent);
}

bool VisitFlow::startStaffVisit(const QString &staff)
{
    if (staff.isEmpty())
        return false;
    // Set before the wipe: the wipe forgets the previous citizen, not the staff member's desk.
    setEnteredBy(staff);
    wipe();
    return true;
}

void VisitFlow::startRequest()
{
    wipe();
    show(Consent);
}

void VisitFlow::acceptConsent()
{
    if (m_screen == Consent)
        show(Identify);
}

void VisitFlow::openStatus()
{
    wipe();
    show(Status);
}

void VisitFlow::openVerify()
{
    wipe();
    show(Verify);
}

void VisitFlow::openHelp()
{
    wipe();
    show(Help);
}

void VisitFlow::openStaff()
{
    setEnteredBy({});
    wipe();
    show(StaffLogin);
}

void VisitFlow::openTechnician()
{
    setEnteredBy({});
    wipe();
    show(TechnicianLogin);
}

void VisitFlow::back()
{
    switch (m_screen) {
    case Identify:
        show(Consent);
        return;
    case Service:
        show(Identify);
        return;
    case Form:
        show(Service);
        return;
    case Documents:
        show(m_beforeDocuments);
        return;
    case Review:
        show(Form);
        return;
    case Fix:
        // Staff fixing a request at the desk came from the desk, a citizen from the status screen.
        if (m_enteredBy.isEmpty())
            show(Status);
        else
            goHome();
        return;
    default:
        goHome();
    }
}

void VisitFlow::goHome()
{
    wipe();
    if (!m_enteredBy.isEmpty()) {
        setEnteredBy({});
        show(Staff);
    } else {
        show(Welcome);
    }
    setLargeText(false);
    setLanguage(QStringLiteral("id"));
}

} // namespace kiosk
