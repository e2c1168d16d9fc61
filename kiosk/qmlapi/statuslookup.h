#pragma once

#include "linkclient.h"
#include "outbox.h"
#include "rowlistmodel.h"

#include <QObject>

namespace kiosk {

class CatalogModel;
class LiveLink;
class PickupNumbers;
class RequestChanges;
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
    Q_PROPERTY(bool remote MEMBER remote)
    Q_PROPERTY(bool detailed MEMBER detailed)
    Q_PROPERTY(bool needsProof MEMBER needsProof)
    Q_PROPERTY(bool mayCancel MEMBER mayCancel)
    Q_PROPERTY(bool mayFix MEMBER mayFix)
    Q_PROPERTY(QString fixes MEMBER fixes)
    Q_PROPERTY(QString changeNote MEMBER changeNote)
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
    bool remote = false; // answered by the backend (a request of another kiosk of the kecamatan)
    bool detailed = false; // notes and fix items shown (ticket QR or NIK given)
    bool needsProof = false; // masked only: the NIK would show the officer's note
    bool mayCancel = false; // proof given and no officer has acted yet
    bool mayFix = false; // returned for fixes (NEEDS_FIX), proof given, no revision waiting
    QString fixes; // what the officer asks to fix, one line per item
    QString changeNote; // a cancellation or revision sent from a kiosk, and where it stands
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
/// A request of another kiosk of the kecamatan is asked of the backend (masked without proof; the ticket
/// QR or the applicant's NIK shows the officer's note and lets the citizen cancel before an officer acted).
class StatusLookup : public QObject
{
    Q_OBJECT
    Q_PROPERTY(kiosk::RequestStatusView status READ status NOTIFY statusChanged)
    Q_PROPERTY(kiosk::TimelineModel *timeline READ timeline CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)

public:
    /// Where pick-up numbers come from and where their slips print.
    struct Pickup {
        PrintLedger &ledger;
        PickupNumbers *numbers; // null: "Surat siap diambil" without a number
    };

    /// The backend, asked now (null: only this kiosk's requests), and where cancellations are committed (null: none).
    struct Remote {
        LiveLink *live = nullptr;
        RequestChanges *changes = nullptr;
    };

    StatusLookup(
        VisitFlow &flow, OutboxRepository &outbox, const CatalogModel &catalog, Pickup pickup, Remote remote, QObject *parent = nullptr);

    [[nodiscard]] RequestStatusView status() const { return m_status; }
    [[nodiscard]] TimelineModel *timeline() { return &m_timeline; }
    /// The backend is being asked.
    [[nodiscard]] bool busy() const { return m_busy; }

    /// Looks up a typed registration number or a scanned ticket QR and shows the status screen.
    Q_INVOKABLE void check(const QString &registrationNumber);
    /// Looks up a typed registration number with the applicant's NIK as proof: the detailed view.
    Q_INVOKABLE void checkWithNik(const QString &registrationNumber, const QString &nik);
    /// Withdraws the request on screen (proof given, no officer acted yet), committed durably before it says so.
    Q_INVOKABLE void cancelRequest();
    /// Opens "Perbaiki permohonan" for the request on screen (NEEDS_FIX, proof given).
    Q_INVOKABLE void startFix();

public Q_SLOTS:
    /// After a sync: the status on screen may have moved on.
    void refresh();

Q_SIGNALS:
    void statusChanged();
    void busyChanged();
    /// A cancellation was committed: the sync service may deliver it now.
    void changeQueued();
    /// The citizen asked to fix the request on screen: its last version as the backend keeps it, and their proof.
    void fixWanted(const serverlink::RequestView &view, const serverlink::RequestProof &proof);

private:
    /// What the citizen showed to open the request's details.
    struct Proof {
        QString statusToken;
        QString nik;
        [[nodiscard]] bool isEmpty() const { return statusToken.isEmpty() && nik.isEmpty(); }
    };

    void clear();
    void show(const QString &registrationNumber, bool printPickupSlip);
    void setBusy(bool busy);
    /// Asks the backend for the request (GET /ticket with a token, else GET /requests/{reg}); `local` is this kiosk's view of it.
    void ask(const QString &registrationNumber, const Proof &proof, bool localFound);
    void answered(const serverlink::LinkResponse &response, bool localFound);
    void applyRemote(const serverlink::RequestView &view, bool localFound);
    /// A cancellation or revision committed here, shown on top of the stage.
    void applyChangeState();
    [[nodiscard]] QString advice(serverlink::Stage stage) const;
    /// The NIK sealed in this kiosk's request is `nik` (the proof that opens the officer's notes).
    [[nodiscard]] bool applicantNikMatches(const QString &registrationNumber, const QString &nik) const;
    [[nodiscard]] QString formatted(const QDateTime &at, const QString &format) const;
    /// Today's pick-up number of a ready letter, drawn on its first look-up of the day.
    [[nodiscard]] QString pickupNumber(const RequestStatus &status);

    VisitFlow &m_flow;
    OutboxRepository &m_outbox;
    const CatalogModel &m_catalog;
    Pickup m_pickup;
    Remote m_remote;
    RequestStatusView m_status;
    TimelineModel m_timeline;
    QList<TimelineModel::Row> m_localRows; // this kiosk's own steps of the request on screen
    Proof m_proof;
    std::optional<serverlink::RequestView> m_detailed; // the backend's detailed answer on screen, for the fix
    bool m_busy = false;
    int m_generation = 0; // answers to an older question (or one asked before a wipe) are dropped
};

} // namespace kiosk
