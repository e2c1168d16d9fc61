#pragma once

#include "staffdesk.h"
#include "staffdirectory.h"

#include <QObject>
#include <QPointer>

namespace kiosk {

class VisitFlow;

/// Staff sign-in at the kiosk: a staff card scanned on any screen opens the PIN pad for its holder; without
/// the card (a long press on the office name) username + PIN where the backend allows it. A granted sign-in
/// opens the staff desk for that staff member; it exists until they sign out or the visit is wiped (home,
/// staff idle time). Sign-in, sign-out and lockout are journaled with the staff member as the actor.
class StaffLogin : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    /// The open desk; null while locked.
    Q_PROPERTY(kiosk::StaffDesk *desk READ desk NOTIFY deskChanged)
    /// True while the sign-in waits for a username too (no card scanned).
    Q_PROPERTY(bool withoutCard READ withoutCard NOTIFY modeChanged)
    /// The holder of the scanned card, greeted on the PIN pad; empty without a card.
    Q_PROPERTY(QString cardHolder READ cardHolder NOTIFY modeChanged)
    /// The office's name for the header (its long press opens the sign-in without a card).
    Q_PROPERTY(QString officeName READ officeName CONSTANT)

public:
    /// What an open desk works with.
    using Services = StaffDesk::Services;

    StaffLogin(VisitFlow &flow, const StaffDirectory &directory, Services services, QString officeName = {}, QObject *parent = nullptr);
    ~StaffLogin() override;

    [[nodiscard]] QString message() const { return m_message; }
    [[nodiscard]] StaffDesk *desk() const { return m_desk; }
    [[nodiscard]] bool withoutCard() const { return m_withoutCard; }
    [[nodiscard]] QString cardHolder() const { return m_cardHolder.name; }
    [[nodiscard]] QString officeName() const { return m_officeName; }

    /// A staff card was scanned: the visit is wiped and the PIN pad opens for its holder. A card that is not
    /// valid here changes nothing but the notice.
    void startCardSignIn(const QString &cardPayload);
    /// Opens the sign-in with username and PIN (the fallback without the card).
    Q_INVOKABLE void startWithoutCard();
    /// The PIN for the scanned card.
    Q_INVOKABLE void login(const QString &pin);
    Q_INVOKABLE void loginWithoutCard(const QString &username, const QString &pin);
    /// The signed-in staff member enters a request for a citizen who cannot use the kiosk (same screens as the
    /// citizen's; the request names them as enteredBy); the desk returns after the ticket.
    Q_INVOKABLE void enterForCitizen();
    /// Ends staff mode: back to the welcome screen.
    Q_INVOKABLE void signOut();

Q_SIGNALS:
    void messageChanged();
    void deskChanged();
    void modeChanged();
    /// The open desk handed a letter of service `serviceCode` over.
    void letterHandedOver(const QString &serviceCode);

private:
    void setMessage(const QString &message);
    void setMode(bool withoutCard, const StaffMember &cardHolder);
    void finish(const StaffDirectory::SignIn &result, const QString &how);
    void lock();

    VisitFlow &m_flow;
    const StaffDirectory &m_directory;
    Services m_services;
    QString m_message;
    QPointer<StaffDesk> m_desk;
    bool m_withoutCard = false;
    StaffMember m_cardHolder;
    QString m_cardPayload;
    QString m_officeName;
};

} // namespace kiosk
