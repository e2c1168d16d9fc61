#pragma once

#include <QObject>
#include <QString>
#include <functional>

namespace kiosk {

class IdleMonitor;

/// The citizen's way through the kiosk's screens: which screen shows, back and home, language and
/// text size, and the one-line notice. goHome() and the idle timeout emit wiped(): every area forgets
/// the citizen then. Screens: welcome → consent → identify → service → form → documents → review → done; survey
/// (from welcome, or after a handover at the desk); status (→ fix), verify, help; staffLogin → staff; complaint (from
/// welcome), complaintAnswer (a complaint slip scanned); technicianLogin → technician. Staff at the desk walk the same screens for a
/// citizen (startStaffEntry): their desk stays open and home leads back to it.
class VisitFlow : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Screen screen READ screen NOTIFY screenChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(bool largeText READ largeText WRITE setLargeText NOTIFY largeTextChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    /// The staff member entering a request for a citizen at the desk; empty during a citizen's own visit.
    Q_PROPERTY(QString enteredBy READ enteredBy NOTIFY enteredByChanged)

public:
    enum Screen {
        Welcome,
        Consent,
        Identify,
        Service,
        Form,
        Review,
        Done,
        Survey,
        Status,
        Verify,
        Help,
        StaffLogin,
        Staff,
        Documents,
        Fix,
        Complaint,
        ComplaintAnswer,
        TechnicianLogin,
        Technician
    };
    Q_ENUM(Screen)

    explicit VisitFlow(IdleMonitor &idle, QObject *parent = nullptr);

    [[nodiscard]] Screen screen() const { return m_screen; }
    /// "consent", "staffLogin": the screen's name as scripts and logs write it.
    [[nodiscard]] static QString screenName(Screen screen);
    [[nodiscard]] QString language() const { return m_language; }
    [[nodiscard]] bool english() const { return m_language == QLatin1String("en"); }
    void setLanguage(const QString &language);
    /// Installs the translation for a language; runs before languageChanged() so that every area
    /// rebuilds its words in the new language.
    void setLanguageApplier(std::function<void(const QString &language)> apply) { m_applyLanguage = std::move(apply); }
    [[nodiscard]] bool largeText() const { return m_largeText; }
    void setLargeText(bool on);
    [[nodiscard]] QString notice() const { return m_notice; }
    void setNotice(const QString &notice);
    /// Shows `screen` (the areas call this when their step is done).
    void show(Screen screen);
    /// Forgets the citizen in every area (wiped()), keeps screen and language.
    void wipe();
    [[nodiscard]] QString enteredBy() const { return m_enteredBy; }
    /// Staff member `staff` enters a request for a citizen: a fresh visit from the consent screen under the staff
    /// idle time; home (or the ticket's "Selesai") returns to the desk, still signed in.
    void startStaffEntry(const QString &staff);
    /// Staff member `staff` acts for a citizen from the desk (a fix of a returned request): the visit is wiped and marked
    /// as theirs, the caller shows the first screen; home returns to the desk. False when `staff` is empty.
    bool startStaffVisit(const QString &staff);

    Q_INVOKABLE void startRequest();
    Q_INVOKABLE void acceptConsent();
    Q_INVOKABLE void openStatus();
    Q_INVOKABLE void openVerify();
    Q_INVOKABLE void openHelp();
    Q_INVOKABLE void openStaff();
    /// The technician sign-in (the visit is wiped first, like the staff sign-in).
    void openTechnician();
    Q_INVOKABLE void back();
    /// Ends the visit: clears every field, result and message, back to welcome.
    Q_INVOKABLE void goHome();

Q_SIGNALS:
    void screenChanged();
    void languageChanged();
    void largeTextChanged();
    void noticeChanged();
    void enteredByChanged();
    /// Every area drops what it knows about the citizen now.
    void wiped();

private:
    void setEnteredBy(const QString &staff);

    IdleMonitor &m_idle;
    std::function<void(const QString &)> m_applyLanguage;
    Screen m_screen = Welcome;
    QString m_language = QStringLiteral("id");
    bool m_largeText = false;
    QString m_notice;
    QString m_enteredBy;
    Screen m_beforeDocuments = Form;
};

} // namespace kiosk
