#pragma once

#include "protocol.h"
#include "rowlistmodel.h"
#include "staffmember.h"

#include <QObject>
#include <QVariantList>

namespace devices {
enum class DeviceState;
} // namespace devices

namespace kiosk {

class CatalogModel;
class DeskJournal;
class OutboxRepository;
class PrintLedger;
class SealVerifier;
class SyncStatus;

/// A signed letter waiting to be printed and handed over.
struct ReadyLetterRow {
    QString registrationNumber;
    QString serviceName;
    QString maskedName;
    QString queueLabel;
    QString pickupLabel; // today's pick-up number, when the citizen drew one
};

/// Signed letters waiting at this village hall, as staff see them (name masked). Loaded when
/// something changed (desk opened, sync, print, handover), never while a binding reads it.
class ReadyLettersModel : public RowListModel<ReadyLetterRow>
{
    Q_OBJECT
public:
    enum Role { RegistrationNumberRole = Qt::UserRole + 1, ServiceNameRole, MaskedNameRole, QueueLabelRole, PickupLabelRole };
    using RowListModel::RowListModel;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

protected:
    [[nodiscard]] QVariant roleData(const Row &row, int role) const override;
};

/// A print job that has not come out of a printer yet.
struct PrintJobRow {
    int id = 0;
    QString title;
    QString problem;
    int attempts = 0;
    bool stalled = false;
    bool needsStaff = false;
};

/// Print jobs that have not come out of a printer yet: why, and whether staff must act.
class PrintJobsModel : public RowListModel<PrintJobRow>
{
    Q_OBJECT
public:
    enum Role { JobIdRole = Qt::UserRole + 1, TitleRole, ProblemRole, AttemptsRole, StalledRole, NeedsStaffRole };
    using RowListModel::RowListModel;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

protected:
    [[nodiscard]] QVariant roleData(const Row &row, int role) const override;
};

/// The front office's desk, open only while staff are logged in (StaffLogin creates and ends it):
/// print and hand over signed letters, reprint or drop print jobs, reprint tickets lost to a crash.
class StaffDesk : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    /// The staff member signed in at this desk.
    Q_PROPERTY(QString staffName READ staffName CONSTANT)
    Q_PROPERTY(kiosk::ReadyLettersModel *readyLetters READ readyLetters CONSTANT)
    Q_PROPERTY(int readyLetterCount READ readyLetterCount NOTIFY countsChanged)
    Q_PROPERTY(int lettersPrinted READ lettersPrinted NOTIFY countsChanged)
    Q_PROPERTY(kiosk::PrintJobsModel *printJobs READ printJobs CONSTANT)
    /// Tickets the store has not seen printed (this visit's and earlier ones).
    Q_PROPERTY(int ticketsNotPrinted READ ticketsNotPrinted NOTIFY countsChanged)
    /// The letter the handover dialog is open for; empty while it is closed.
    Q_PROPERTY(QString handoverRegistration READ handoverRegistration NOTIFY handoverChanged)
    /// The holder's name, masked, as the dialog shows it.
    Q_PROPERTY(QString handoverHolder READ handoverHolder NOTIFY handoverChanged)
    /// The collector's NIK from a KTP scan while the dialog is open, masked; empty when none was scanned.
    Q_PROPERTY(QString scannedNik READ scannedNik NOTIFY handoverChanged)
    /// Why the dialog's last attempt was refused.
    Q_PROPERTY(QString handoverError READ handoverError NOTIFY handoverChanged)
    /// The relationships a representative may have: [{wire, label}], in the order offered.
    Q_PROPERTY(QVariantList relationships READ relationships CONSTANT)

public:
    /// What a desk works with.
    struct Services {
        OutboxRepository &outbox;
        const CatalogModel &catalog;
        PrintLedger &ledger;
        SyncStatus &sync;
        const DeskJournal &journal;
        const SealVerifier *verifier; // null: letters are checked by their hash only
    };

    StaffDesk(StaffMember staff, Services services, QObject *parent = nullptr);

    [[nodiscard]] const StaffMember &staff() const { return m_staff; }
    [[nodiscard]] QString staffName() const { return m_staff.name; }

    [[nodiscard]] QString message() const { return m_message; }
    [[nodiscard]] ReadyLettersModel *readyLetters() { return &m_readyLetters; }
    [[nodiscard]] int readyLetterCount() const { return m_readyLetters.rowCount(); }
    [[nodiscard]] int lettersPrinted() const { return m_lettersPrinted; }
    [[nodiscard]] PrintJobsModel *printJobs() { return &m_printJobs; }
    [[nodiscard]] int ticketsNotPrinted() const { return m_ticketsNotPrinted; }
    [[nodiscard]] QString handoverRegistration() const { return m_handover; }
    [[nodiscard]] QString handoverHolder() const { return m_handoverHolder; }
    [[nodiscard]] QString scannedNik() const;
    [[nodiscard]] QString handoverError() const { return m_handoverError; }
    [[nodiscard]] static QVariantList relationships();

    Q_INVOKABLE void printLetter(const QString &registrationNumber);
    /// Opens the handover dialog for letter `registrationNumber` (KTP scans go to it while it is open).
    Q_INVOKABLE void beginHandover(const QString &registrationNumber);
    Q_INVOKABLE void cancelHandover();
    /// A KTP scanned while the dialog is open: the collector's NIK.
    Q_INVOKABLE void acceptNikScan(const QString &nik);
    /// The holder collects in person: `typedNik` (or, when empty, the scanned NIK) must be the request's NIK.
    /// Records the handover, prints the receipt; false with handoverError when refused.
    Q_INVOKABLE bool handOverToHolder(const QString &typedNik = {});
    /// A representative collects: name, NIK (typed, or the scanned one) and relationship (wire word).
    Q_INVOKABLE bool handOverToRepresentative(const QString &name, const QString &typedNik, const QString &relationship);
    /// Send print job `id` again now (cancelling a stalled submission).
    Q_INVOKABLE void reprintJob(int id);
    /// Drop print job `id` (the citizen was helped another way).
    Q_INVOKABLE void discardJob(int id);
    /// Prints again every ticket the store says never printed and the print service does not
    /// hold (lost to a crash or a power cut between the commit and the printer).
    Q_INVOKABLE void reprintLostTickets();

Q_SIGNALS:
    void messageChanged();
    void countsChanged();
    void handoverChanged();
    /// A letter of service `serviceCode` was handed over and its receipt printed (the citizen is offered the survey).
    void letterHandedOver(const QString &serviceCode);

private:
    void setMessage(const QString &message);
    void reloadLetters();
    void reloadJobs();
    void setHandoverError(const QString &error);
    /// The NIK to use: typed, else scanned; empty with handoverError set when neither is a valid NIK.
    [[nodiscard]] QString collectorNik(const QString &typedNik);
    bool completeHandover(serverlink::HandoverBody handover);
    void handlePrinterState(const QString &role, devices::DeviceState state, const QString &message);
    /// Journals what this staff member did (delivered to the backend); a failure is logged, never blocks the desk.
    void journal(serverlink::DeskEventKind kind, const QString &registrationNumber = {}, const QString &detail = {});

    StaffMember m_staff;
    OutboxRepository &m_outbox;
    const CatalogModel &m_catalog;
    PrintLedger &m_ledger;
    SyncStatus &m_sync;
    const DeskJournal &m_journal;
    const SealVerifier *m_verifier;
    QString m_message;
    ReadyLettersModel m_readyLetters;
    PrintJobsModel m_printJobs;
    int m_lettersPrinted = 0;
    int m_ticketsNotPrinted = 0;
    QString m_handover;
    QString m_handoverHolder;
    QString m_scannedNik;
    QString m_handoverError;
};

} // namespace kiosk
