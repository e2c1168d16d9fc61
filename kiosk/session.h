#pragma once

#include "catalogmodel.h"
#include "formmodel.h"

#include <QObject>
#include <QVariantList>
#include <QVariantMap>

namespace devices {
class Printer;
class PrintJobTracker;
enum class DeviceState;
} // namespace devices

namespace kiosk {

class IdleMonitor;
class OutboxRepository;
class SealVerifier;
class StaffAuth;

/// The citizen's visit and the staff screens, as one state machine the QML UI binds to.
/// Screens: welcome → consent → identify → service → form → review → done → survey;
/// status, verify, help; staffLogin → staff. goHome() wipes every trace of the citizen.
class Session : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString screen READ screen NOTIFY screenChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(bool largeText READ largeText WRITE setLargeText NOTIFY largeTextChanged)
    Q_PROPERTY(QString nik READ nik NOTIFY nikChanged)
    Q_PROPERTY(bool nikValid READ nikValid NOTIFY nikChanged)
    Q_PROPERTY(QString nikError READ nikError NOTIFY nikChanged)
    Q_PROPERTY(QVariantMap nikFacts READ nikFacts NOTIFY nikChanged)
    Q_PROPERTY(bool nikScanned READ nikScanned NOTIFY nikChanged)
    Q_PROPERTY(kiosk::CatalogModel *catalog READ catalog CONSTANT)
    Q_PROPERTY(int catalogCount READ catalogCount NOTIFY catalogChanged)
    Q_PROPERTY(kiosk::FormModel *form READ form CONSTANT)
    Q_PROPERTY(kiosk::IdleMonitor *idle READ idle CONSTANT)
    Q_PROPERTY(QString serviceCode READ serviceCode NOTIFY serviceChanged)
    Q_PROPERTY(QString serviceName READ serviceName NOTIFY serviceChanged)
    Q_PROPERTY(QString serviceDescription READ serviceDescription NOTIFY serviceChanged)
    Q_PROPERTY(int estimatedDays READ estimatedDays NOTIFY serviceChanged)
    Q_PROPERTY(QStringList requirements READ requirements NOTIFY serviceChanged)
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY formChanged)
    Q_PROPERTY(QString address READ address WRITE setAddress NOTIFY formChanged)
    Q_PROPERTY(QString purpose READ purpose WRITE setPurpose NOTIFY formChanged)
    Q_PROPERTY(QString phone READ phone WRITE setPhone NOTIFY formChanged)
    Q_PROPERTY(QVariantMap commonErrors READ commonErrors NOTIFY formChanged)
    Q_PROPERTY(QString formError READ formError NOTIFY formChanged)
    Q_PROPERTY(QVariantList reviewRows READ reviewRows NOTIFY formChanged)
    Q_PROPERTY(QVariantMap ticket READ ticket NOTIFY ticketChanged)
    Q_PROPERTY(QVariantMap status READ status NOTIFY statusChanged)
    Q_PROPERTY(QVariantMap verdict READ verdict NOTIFY verdictChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    Q_PROPERTY(QString printerNotice READ printerNotice NOTIFY printerChanged)
    Q_PROPERTY(QStringList surveyQuestions READ surveyQuestions NOTIFY languageChanged)
    Q_PROPERTY(int surveysGiven READ surveysGiven NOTIFY surveyChanged)
    Q_PROPERTY(int surveysWaiting READ surveysWaiting NOTIFY syncChanged)
    Q_PROPERTY(int outboxDepth READ outboxDepth NOTIFY syncChanged)
    Q_PROPERTY(int handoversWaiting READ handoversWaiting NOTIFY syncChanged)
    Q_PROPERTY(QString syncProblem READ syncProblem NOTIFY syncChanged)
    Q_PROPERTY(int syncRounds READ syncRounds NOTIFY syncChanged)
    Q_PROPERTY(bool staffUnlocked READ staffUnlocked NOTIFY staffChanged)
    Q_PROPERTY(QString staffMessage READ staffMessage NOTIFY staffChanged)
    Q_PROPERTY(QVariantList readyLetters READ readyLetters NOTIFY staffChanged)
    Q_PROPERTY(int readyLetterCount READ readyLetterCount NOTIFY staffChanged)
    Q_PROPERTY(int lettersPrinted READ lettersPrinted NOTIFY staffChanged)
    Q_PROPERTY(QVariantList printJobs READ printJobs NOTIFY staffChanged)
    Q_PROPERTY(int ticketsNotPrinted READ ticketsNotPrinted NOTIFY staffChanged)
    Q_PROPERTY(QStringList deviceStates READ deviceStates NOTIFY staffChanged)

public:
    /// Tickets print on `print`'s "ticket" printer, letters on its "letter" printer.
    Session(OutboxRepository &outbox, CatalogModel &catalog, StaffAuth &staff, IdleMonitor &idle, devices::PrintJobTracker &print,
        QString officeName, QObject *parent = nullptr);

    [[nodiscard]] QString screen() const { return m_screen; }
    [[nodiscard]] QString language() const { return m_language; }
    void setLanguage(const QString &language);
    [[nodiscard]] bool largeText() const { return m_largeText; }
    void setLargeText(bool on);
    [[nodiscard]] QString nik() const { return m_nik; }
    [[nodiscard]] bool nikValid() const { return m_nikValid; }
    [[nodiscard]] QString nikError() const { return m_nikError; }
    [[nodiscard]] QVariantMap nikFacts() const { return m_nikFacts; }
    [[nodiscard]] bool nikScanned() const { return m_nikScanned; }
    [[nodiscard]] CatalogModel *catalog() const { return &m_catalog; }
    [[nodiscard]] int catalogCount() const { return m_catalog.total(); }
    [[nodiscard]] FormModel *form() { return &m_form; }
    [[nodiscard]] IdleMonitor *idle() const { return &m_idle; }
    [[nodiscard]] QString serviceCode() const { return m_serviceCode; }
    [[nodiscard]] QString serviceName() const;
    [[nodiscard]] QString serviceDescription() const;
    [[nodiscard]] int estimatedDays() const;
    [[nodiscard]] QStringList requirements() const;
    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString address() const { return m_address; }
    [[nodiscard]] QString purpose() const { return m_purpose; }
    [[nodiscard]] QString phone() const { return m_phone; }
    void setName(const QString &v);
    void setAddress(const QString &v);
    void setPurpose(const QString &v);
    void setPhone(const QString &v);
    [[nodiscard]] QVariantMap commonErrors() const { return m_commonErrors; }
    [[nodiscard]] QString formError() const { return m_formError; }
    [[nodiscard]] QVariantList reviewRows() const;
    [[nodiscard]] QVariantMap ticket() const { return m_ticket; }
    [[nodiscard]] QVariantMap status() const { return m_status; }
    [[nodiscard]] QVariantMap verdict() const { return m_verdict; }
    /// Enables "Verifikasi Surat" and the check of every letter before it prints.
    void setSealVerifier(const SealVerifier *verifier) { m_sealVerifier = verifier; }
    [[nodiscard]] QString notice() const { return m_notice; }
    /// What a citizen should know about the ticket printer right now (empty when it is fine).
    [[nodiscard]] QString printerNotice() const { return m_printerNotice; }
    [[nodiscard]] QStringList surveyQuestions() const;
    [[nodiscard]] int surveysGiven() const { return m_surveysGiven; }
    /// Survey responses stored here that the backend does not have yet.
    [[nodiscard]] int surveysWaiting() const { return m_surveysWaiting; }
    [[nodiscard]] int outboxDepth() const { return m_outboxDepth; }
    /// Handovers recorded here that the backend has not been told about yet.
    [[nodiscard]] int handoversWaiting() const;
    [[nodiscard]] QString syncProblem() const { return m_syncProblem; }
    [[nodiscard]] int syncRounds() const { return m_syncRounds; }
    [[nodiscard]] bool staffUnlocked() const { return m_staffUnlocked; }
    [[nodiscard]] QString staffMessage() const { return m_staffMessage; }
    [[nodiscard]] QVariantList readyLetters() const;
    [[nodiscard]] int readyLetterCount() const;
    [[nodiscard]] int lettersPrinted() const { return m_lettersPrinted; }
    /// Print jobs not printed yet, for staff: id, title, problem, attempts, stalled, needsStaff.
    [[nodiscard]] QVariantList printJobs() const;
    /// Tickets the store has not seen printed (this visit's and earlier ones).
    [[nodiscard]] int ticketsNotPrinted() const;
    /// One line per scanner and printer for staff and technicians ("Pemindai usb:…: siap").
    [[nodiscard]] QStringList deviceStates() const;
    /// What `device` (a scanner's URI, a printer role) is doing now, in Bahasa Indonesia.
    void setDeviceState(const QString &device, const QString &state);

    Q_INVOKABLE void startRequest();
    Q_INVOKABLE void acceptConsent();
    Q_INVOKABLE void typeDigit(const QString &digit);
    Q_INVOKABLE void eraseDigit();
    Q_INVOKABLE void confirmNik();
    Q_INVOKABLE void chooseService(const QString &code);
    /// Sets a service field by its catalog key (select fields take the option's value).
    Q_INVOKABLE void setField(const QString &key, const QString &value);
    Q_INVOKABLE void review();
    Q_INVOKABLE void editForm();
    Q_INVOKABLE void submit();
    Q_INVOKABLE void openSurvey();
    /// Nine answers 1–4 (0 = not answered; a fully unanswered survey is not stored).
    Q_INVOKABLE void submitSurvey(const QVariantList &answers);
    Q_INVOKABLE void openStatus();
    Q_INVOKABLE void checkStatus(const QString &registrationNumber);
    Q_INVOKABLE void openVerify();
    /// Verifies a letter's seal text ("SQ1:…"), as scanned.
    Q_INVOKABLE void verifyLetter(const QString &sealText);
    /// An officer checks the holder's NIK against the NIK tag of the last verified seal.
    Q_INVOKABLE void checkHolderNik(const QString &nik);
    Q_INVOKABLE void openHelp();
    Q_INVOKABLE void openStaff();
    Q_INVOKABLE void staffLogin(const QString &pin);
    Q_INVOKABLE void printLetter(const QString &registrationNumber);
    /// Staff: the citizen received letter `registrationNumber`; the backend is told on the next sync.
    Q_INVOKABLE void handOver(const QString &registrationNumber);
    /// Staff: send print job `id` again now (cancelling a stalled submission).
    Q_INVOKABLE void reprintJob(int id);
    /// Staff: drop print job `id` (the citizen was helped another way).
    Q_INVOKABLE void discardJob(int id);
    /// Staff: prints again every ticket the store says never printed and the print service does not
    /// hold (lost to a crash or a power cut between the commit and the printer).
    Q_INVOKABLE void reprintLostTickets();
    Q_INVOKABLE void back();
    /// Ends the visit: clears every field, result and message, back to welcome.
    Q_INVOKABLE void goHome();

public Q_SLOTS:
    /// A complete scan from any scanner.
    void handleScan(const QString &payload);
    void handleSynced(int outboxDepth, const QString &problem);
    void handleCatalog(const QByteArray &catalogJson);
    /// From the print tracker: a printer's state changed (role "ticket" or "letter").
    void handlePrinterState(const QString &role, devices::DeviceState state, const QString &message);
    /// From the print tracker: a printer took job `id`.
    void handleJobAccepted(int id, int printerJobId);
    /// From the print tracker: a printer refused job `id` for now.
    void handleJobRefused(int id, const QString &reason);
    /// From the print tracker: job `id` printed, or now waits for staff.
    void handleJobFinished(int id, bool ok, const QString &reason);

Q_SIGNALS:
    void screenChanged();
    void languageChanged();
    void largeTextChanged();
    void nikChanged();
    void catalogChanged();
    void serviceChanged();
    void formChanged();
    void ticketChanged();
    void statusChanged();
    void verdictChanged();
    void noticeChanged();
    void printerChanged();
    void surveyChanged();
    void syncChanged();
    void staffChanged();
    /// A request was committed to the outbox: the sync service should deliver it now.
    void requestQueued();

private:
    /// Forgets the citizen (identity, form, results, staff login); keeps screen and language.
    void wipe();
    void setScreen(const QString &screen);
    void setNik(const QString &nik);
    void setNotice(const QString &notice);
    void setStaffMessage(const QString &message);
    /// Updates the done screen's ticket for the current ticket job.
    void setTicketPrintState(bool printed, const QString &message);
    [[nodiscard]] bool validateCommon();
    [[nodiscard]] std::optional<CatalogService> service() const;

    OutboxRepository &m_outbox;
    CatalogModel &m_catalog;
    StaffAuth &m_staff;
    IdleMonitor &m_idle;
    devices::PrintJobTracker &m_print;
    QString m_officeName;
    FormModel m_form;

    QString m_screen = QStringLiteral("welcome");
    QString m_language = QStringLiteral("id");
    bool m_largeText = false;
    QString m_nik;
    bool m_nikValid = false;
    bool m_nikScanned = false;
    QString m_nikError;
    QVariantMap m_nikFacts;
    QString m_serviceCode;
    QString m_name;
    QString m_address;
    QString m_purpose;
    QString m_phone;
    QVariantMap m_commonErrors;
    QString m_formError;
    QVariantMap m_ticket;
    QVariantMap m_status;
    QVariantMap m_verdict;
    QString m_sealText;
    const SealVerifier *m_sealVerifier = nullptr;
    QString m_notice;
    QString m_printerNotice;
    QMap<QString, QString> m_deviceStates; // device → state line
    QHash<int, qint64> m_ticketJobs; // ticket print jobs not printed yet → request id
    int m_currentTicketJob = 0; // the job of the ticket on the done screen
    QHash<int, QString> m_letterJobs; // letter print jobs not printed yet → registration number
    QString m_lastServiceCode; // for the survey after the visit; not personal data
    int m_surveysGiven = 0;
    int m_surveysWaiting = 0;
    int m_outboxDepth = 0;
    QString m_syncProblem;
    int m_syncRounds = 0;
    bool m_staffUnlocked = false;
    QString m_staffMessage;
    int m_lettersPrinted = 0;
};

} // namespace kiosk
