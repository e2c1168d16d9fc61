#pragma once

#include "staffdesk.h"

#include <QObject>
#include <QPointer>

namespace kiosk {

class CatalogModel;
class DeskJournal;
class OutboxRepository;
class PrintLedger;
class SealVerifier;
class StaffAuth;
class SyncStatus;
class VisitFlow;

/// The staff PIN: a correct PIN opens the staff desk, and the desk exists only until the visit
/// is wiped (home, idle). Wrong PINs lock out with a growing delay (StaffAuth).
class StaffLogin : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    /// The open desk; null while locked.
    Q_PROPERTY(kiosk::StaffDesk *desk READ desk NOTIFY deskChanged)

public:
    /// What an open desk works with.
    using Services = StaffDesk::Services;

    StaffLogin(VisitFlow &flow, StaffAuth &auth, Services services, QObject *parent = nullptr);
    ~StaffLogin() override;

    [[nodiscard]] QString message() const { return m_message; }
    [[nodiscard]] StaffDesk *desk() const { return m_desk; }

    Q_INVOKABLE void login(const QString &pin);

Q_SIGNALS:
    void messageChanged();
    void deskChanged();

private:
    void setMessage(const QString &message);
    void lock();

    VisitFlow &m_flow;
    StaffAuth &m_auth;
    Services m_services;
    QString m_message;
    QPointer<StaffDesk> m_desk;
};

} // namespace kiosk
