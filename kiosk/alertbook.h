#pragma once

#include "kioskresult.h"
#include "protocol.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace kiosk {

class KioskStore;

/// One alert a technician should look at on this kiosk: a fleet alert the backend raised, or one of the kiosk's own.
struct TechnicianAlert {
    QString key; // "armada:<backend id>" or "lokal:<when it was raised>"
    QString text; // plain Indonesian, no personal data
    QDateTime since;
    bool fromBackend = false;
};

/// A technician's "Selesai ditangani" on a fleet alert that has not reached the backend yet.
struct PendingAcknowledgement {
    qint64 alertId = 0;
    QString technician;
    QDateTime acknowledgedAt;
};

/// The alerts technician mode and `kioskctl alerts` list: the kiosk's fleet alerts as the backend last listed them
/// and its own, minus those a technician handled here. "Selesai ditangani" is recorded on the kiosk at once
/// (journaled with the technician) and delivered to the backend by the sync service, once (decision 0026).
class AlertBook
{
public:
    explicit AlertBook(const KioskStore &store);

    /// Open alerts, oldest first.
    [[nodiscard]] QList<TechnicianAlert> openAlerts() const;
    /// `technician` handled open alert `key`: it stops showing here at once. NotFound when it is not open.
    [[nodiscard]] Status acknowledge(
        const QString &key, const QString &technician, const QDateTime &at = QDateTime::currentDateTimeUtc()) const;
    /// The backend's list of this kiosk's open fleet alerts replaces the one kept (cleared ones leave it).
    [[nodiscard]] Status replaceFleetAlerts(const QList<serverlink::FleetAlert> &alerts) const;
    /// Fleet alerts handled here whose acknowledgement the backend has not answered yet, oldest first.
    [[nodiscard]] QList<PendingAcknowledgement> pendingAcknowledgements() const;
    /// The backend answered the acknowledgement of `alertId` for good (`note`: accepted, or why refused).
    [[nodiscard]] Status markDelivered(qint64 alertId, const QString &note, const QDateTime &at = QDateTime::currentDateTimeUtc()) const;

private:
    const KioskStore &m_store;
};

} // namespace kiosk
