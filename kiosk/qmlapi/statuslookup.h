#pragma once

#include "outbox.h"
#include "rowlistmodel.h"

#include <QObject>

namespace kiosk {

class CatalogModel;
class PickupNumbers;
class PrintLedger;
class VisitFlow;

/// A request's status as the status screen shows it (name masked).
struct RequestStatusView {
    Q_GADGET
    Q_PROPERTY(bool checked MEMBER checked)
    Q_PROPERTY(bool found MEMBER found)
    Q_PROPERTY(QString message MEMBER message)
    Q_PROPERTY(QString registrationNumber MEMBER registrationNumber)
    Q_PROPERTY(QString serviceName MEMBER serviceName)
    Q_PROPERTY(QString maskedName MEMBER maskedName)
    Q_PROPERTY(QString stage MEMBER stage)
    Q_PROPERTY(QString stageLabel MEMBER stageLabel)
    Q_PROPERTY(bool needsAction MEMBER needsAction)
    Q_PROPERTY(QString note MEMBER note)
    Q_PROPERTY(QString advice MEMBER advice)
    Q_PROPERTY(QString stageAt MEMBER stageAt)
    Q_PROPERTY(bool readyForPickup MEMBER readyForPickup)
    Q_PROPERTY(QString pickupLabel MEMBER pickupLabel)
public:
    bool checked = false; // a number was looked up
    bool found = false;
    QString message; // why nothing was found
    QString registrationNumber;
    QString serviceName;
    QString maskedName;
    QString stage; // wire name, e.g. "READY"
    QString stageLabel;
    bool needsAction = false; // rejected or needs a fix: shown as a problem
    QString note;
    QString advice;
    QString stageAt;
    bool readyForPickup = false; // READY and not handed over yet: "Surat siap diambil"
    QString pickupLabel; // today's pick-up number ("B-004"), printed on a slip; empty when none could be drawn
    bool operator==(const RequestStatusView &) const = default;
};

/// One step of a request's way, as the status screen lists it.
struct TimelineStepRow {
    QString stage;
    QString label;
    QString at;
    QString note;
};

/// The steps a request went through, oldest first; loaded when a status is looked up.
class TimelineModel : public RowListModel<TimelineStepRow>
{
    Q_OBJECT
public:
    enum Role { StageRole = Qt::UserRole + 1, LabelRole, AtRole, NoteRole };
    using RowListModel::RowListModel;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

protected:
    [[nodiscard]] QVariant roleData(const Row &row, int role) const override;
};

/// "Cek Status": a citizen types a registration number or scans the ticket's QR and sees where
/// the request is; refreshed after each sync while the screen shows it. A letter ready here gets
/// its pick-up number of the day (the same one on every look-up), shown and printed on a slip.
class StatusLookup : public QObject
{
    Q_OBJECT
    Q_PROPERTY(kiosk::RequestStatusView status READ status NOTIFY statusChanged)
    Q_PROPERTY(kiosk::TimelineModel *timeline READ timeline CONSTANT)

public:
    /// Where pick-up numbers come from and where their slips print.
    struct Pickup {
        PrintLedger &ledger;
        PickupNumbers *numbers; // null: "Surat siap diambil" without a number
    };

    StatusLookup(VisitFlow &flow, OutboxRepository &outbox, const CatalogModel &catalog, Pickup pickup, QObject *parent = nullptr);

    [[nodiscard]] RequestStatusView status() const { return m_status; }
    [[nodiscard]] TimelineModel *timeline() { return &m_timeline; }

    /// Looks up a typed registration number or a scanned ticket QR and shows the status screen.
    Q_INVOKABLE void check(const QString &registrationNumber);

public Q_SLOTS:
    /// After a sync: the status on screen may have moved on.
    void refresh();

Q_SIGNALS:
    void statusChanged();

private:
    void clear();
    void show(const QString &registrationNumber, bool printPickupSlip);
    /// Today's pick-up number of a ready letter, drawn on its first look-up of the day.
    [[nodiscard]] QString pickupNumber(const RequestStatus &status);

    VisitFlow &m_flow;
    OutboxRepository &m_outbox;
    const CatalogModel &m_catalog;
    Pickup m_pickup;
    RequestStatusView m_status;
    TimelineModel m_timeline;
};

} // namespace kiosk
