#pragma once

#include "catalogmodel.h"

#include <QObject>
#include <QVariantList>
#include <QVariantMap>

namespace devices {
class Printer;
}

namespace kiosk {

class OutboxRepository;
class StaffAuth;

/// What a scanned payload is, before anything acts on it.
enum class ScanKind { Nik, TicketQr, LetterSeal, Unknown };
[[nodiscard]] ScanKind classifyScan(const QString &payload);

/// The citizen's visit and the staff screens, as one state machine the QML UI binds to.
/// Screens: welcome → identify → service → form → review → done; status; staffLogin → staff.
/// goHome() wipes every trace of the citizen from memory.
class Session : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString screen READ screen NOTIFY screenChanged)
    Q_PROPERTY(QString nik READ nik NOTIFY nikChanged)
    Q_PROPERTY(bool nikValid READ nikValid NOTIFY nikChanged)
    Q_PROPERTY(QString nikError READ nikError NOTIFY nikChanged)
    Q_PROPERTY(QString nikSummary READ nikSummary NOTIFY nikChanged)
    Q_PROPERTY(kiosk::CatalogModel *catalog READ catalog CONSTANT)
    Q_PROPERTY(int catalogCount READ catalogCount NOTIFY catalogChanged)
    Q_PROPERTY(QString serviceCode READ serviceCode NOTIFY serviceChanged)
    Q_PROPERTY(QString serviceName READ serviceName NOTIFY serviceChanged)
    Q_PROPERTY(QStringList requirements READ requirements NOTIFY serviceChanged)
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY formChanged)
    Q_PROPERTY(QString address READ address WRITE setAddress NOTIFY formChanged)
    Q_PROPERTY(QString purpose READ purpose WRITE setPurpose NOTIFY formChanged)
    Q_PROPERTY(QString formError READ formError NOTIFY formChanged)
    Q_PROPERTY(QVariantMap ticket READ ticket NOTIFY ticketChanged)
    Q_PROPERTY(QVariantMap status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    Q_PROPERTY(int outboxDepth READ outboxDepth NOTIFY syncChanged)
    Q_PROPERTY(QString syncProblem READ syncProblem NOTIFY syncChanged)
    Q_PROPERTY(int syncRounds READ syncRounds NOTIFY syncChanged)
    Q_PROPERTY(bool staffUnlocked READ staffUnlocked NOTIFY staffChanged)
    Q_PROPERTY(QString staffMessage READ staffMessage NOTIFY staffChanged)
    Q_PROPERTY(QVariantList readyLetters READ readyLetters NOTIFY staffChanged)
    Q_PROPERTY(int readyLetterCount READ readyLetterCount NOTIFY staffChanged)
    Q_PROPERTY(int lettersPrinted READ lettersPrinted NOTIFY staffChanged)

public:
    Session(OutboxRepository &outbox, CatalogModel &catalog, StaffAuth &staff, devices::Printer *ticketPrinter,
        devices::Printer *letterPrinter, QString officeName, QObject *parent = nullptr);

    [[nodiscard]] QString screen() const { return m_screen; }
    [[nodiscard]] QString nik() const { return m_nik; }
    [[nodiscard]] bool nikValid() const { return m_nikValid; }
    [[nodiscard]] QString nikError() const { return m_nikError; }
    [[nodiscard]] QString nikSummary() const { return m_nikSummary; }
    [[nodiscard]] CatalogModel *catalog() const { return &m_catalog; }
    [[nodiscard]] int catalogCount() const { return m_catalog.rowCount(); }
    [[nodiscard]] QString serviceCode() const { return m_serviceCode; }
    [[nodiscard]] QString serviceName() const;
    [[nodiscard]] QStringList requirements() const;
    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString address() const { return m_address; }
    [[nodiscard]] QString purpose() const { return m_purpose; }
    void setName(const QString &v);
    void setAddress(const QString &v);
    void setPurpose(const QString &v);
    [[nodiscard]] QString formError() const { return m_formError; }
    [[nodiscard]] QVariantMap ticket() const { return m_ticket; }
    [[nodiscard]] QVariantMap status() const { return m_status; }
    [[nodiscard]] QString notice() const { return m_notice; }
    [[nodiscard]] int outboxDepth() const { return m_outboxDepth; }
    [[nodiscard]] QString syncProblem() const { return m_syncProblem; }
    [[nodiscard]] int syncRounds() const { return m_syncRounds; }
    [[nodiscard]] bool staffUnlocked() const { return m_staffUnlocked; }
    [[nodiscard]] QString staffMessage() const { return m_staffMessage; }
    [[nodiscard]] QVariantList readyLetters() const;
    [[nodiscard]] int readyLetterCount() const;
    [[nodiscard]] int lettersPrinted() const { return m_lettersPrinted; }

    Q_INVOKABLE void startRequest();
    Q_INVOKABLE void typeDigit(const QString &digit);
    Q_INVOKABLE void eraseDigit();
    Q_INVOKABLE void confirmNik();
    Q_INVOKABLE void chooseService(const QString &code);
    Q_INVOKABLE void review();
    Q_INVOKABLE void editForm();
    Q_INVOKABLE void submit();
    Q_INVOKABLE void openStatus();
    Q_INVOKABLE void checkStatus(const QString &registrationNumber);
    Q_INVOKABLE void openStaff();
    Q_INVOKABLE void staffLogin(const QString &pin);
    Q_INVOKABLE void printLetter(const QString &registrationNumber);
    Q_INVOKABLE void back();
    /// Ends the visit: clears every field, result and message, back to welcome.
    Q_INVOKABLE void goHome();

public Q_SLOTS:
    /// A complete scan from any scanner.
    void handleScan(const QString &payload);
    void handleSynced(int outboxDepth, const QString &problem);
    void handleCatalog(const QByteArray &catalogJson);

Q_SIGNALS:
    void screenChanged();
    void nikChanged();
    void catalogChanged();
    void serviceChanged();
    void formChanged();
    void ticketChanged();
    void statusChanged();
    void noticeChanged();
    void syncChanged();
    void staffChanged();
    /// A request was committed to the outbox: the sync service should deliver it now.
    void requestQueued();

private:
    void setScreen(const QString &screen);
    void setNik(const QString &nik);
    void setNotice(const QString &notice);
    void setStaffMessage(const QString &message);

    OutboxRepository &m_outbox;
    CatalogModel &m_catalog;
    StaffAuth &m_staff;
    devices::Printer *m_ticketPrinter;
    devices::Printer *m_letterPrinter;
    QString m_officeName;

    QString m_screen = QStringLiteral("welcome");
    QString m_nik;
    bool m_nikValid = false;
    QString m_nikError;
    QString m_nikSummary;
    QString m_serviceCode;
    QString m_name;
    QString m_address;
    QString m_purpose;
    QString m_formError;
    QVariantMap m_ticket;
    QVariantMap m_status;
    QString m_notice;
    int m_outboxDepth = 0;
    QString m_syncProblem;
    int m_syncRounds = 0;
    bool m_staffUnlocked = false;
    QString m_staffMessage;
    int m_lettersPrinted = 0;
};

} // namespace kiosk
