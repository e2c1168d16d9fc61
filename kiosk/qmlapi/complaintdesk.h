#pragma once

#include "complaintbox.h"

#include <QObject>
#include <QVariantList>

namespace devices {
class PrintJobTracker;
} // namespace devices

namespace kiosk {

class LiveLink;
class VisitFlow;

/// The kecamatan's answer to a complaint, as the answer screen shows it.
struct ComplaintAnswerView {
    Q_GADGET
    Q_PROPERTY(State state MEMBER state)
    Q_PROPERTY(QString number MEMBER number)
    Q_PROPERTY(QString category MEMBER category)
    Q_PROPERTY(QString status MEMBER status)
    Q_PROPERTY(QString statusLabel MEMBER statusLabel)
    Q_PROPERTY(QString answer MEMBER answer)
    Q_PROPERTY(QString filedAt MEMBER filedAt)
    Q_PROPERTY(QString answeredAt MEMBER answeredAt)
    Q_PROPERTY(QString message MEMBER message)
public:
    /// Asking: waiting for the backend; Found: status (and answer) shown; NotFound: unknown number or wrong
    /// token; Offline: the backend could not be reached; Failed: any other refusal.
    enum State { Idle, Asking, Found, NotFound, Offline, Failed };
    Q_ENUM(State)
    State state = Idle;
    QString number;
    QString category; // label
    QString status; // wire word: NEW, IN_PROGRESS, DONE
    QString statusLabel;
    QString answer;
    QString filedAt;
    QString answeredAt;
    QString message; // for the citizen: why nothing is shown, and what to do
    bool operator==(const ComplaintAnswerView &) const = default;
};

/// Complaints (pengaduan) at the kiosk: the citizen files one from the welcome screen, with or without NIK,
/// phone optional for an SMS answer; it is committed (sealed) before its slip prints and delivered by the sync
/// service. Scanning a complaint slip asks the backend now (LiveLink) and shows status and answer.
class ComplaintDesk : public QObject
{
    Q_OBJECT
    /// [{wire, label}] in the order offered.
    Q_PROPERTY(QVariantList categories READ categories NOTIFY categoriesChanged)
    Q_PROPERTY(int maxTextLength READ maxTextLength CONSTANT)
    /// Why the last submit was refused; empty otherwise.
    Q_PROPERTY(QString error READ error NOTIFY changed)
    /// The number of the complaint just filed (its slip is printing); empty before.
    Q_PROPERTY(QString filedNumber READ filedNumber NOTIFY changed)
    Q_PROPERTY(bool phoneGiven READ phoneGiven NOTIFY changed)
    /// The NIK of a KTP scanned while the form is open (the form fills it in); empty otherwise.
    Q_PROPERTY(QString scannedNik READ scannedNik NOTIFY scannedNikChanged)
    Q_PROPERTY(kiosk::ComplaintAnswerView answer READ answer NOTIFY answerChanged)

public:
    /// `box` may be null (no store): filing is refused then. `live` may be null (no backend configured): a scanned
    /// slip then says the answer cannot be read here.
    ComplaintDesk(
        VisitFlow &flow, ComplaintBox *box, devices::PrintJobTracker &print, QString officeName, LiveLink *live, QObject *parent = nullptr);

    [[nodiscard]] QVariantList categories() const;
    [[nodiscard]] static int maxTextLength();
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QString filedNumber() const { return m_filedNumber; }
    [[nodiscard]] bool phoneGiven() const { return m_phoneGiven; }
    [[nodiscard]] ComplaintAnswerView answer() const { return m_answer; }
    [[nodiscard]] QString scannedNik() const { return m_scannedNik; }
    /// A KTP scanned on the complaint form.
    void acceptNikScan(const QString &nik);

    /// Opens the complaint form.
    Q_INVOKABLE void open();
    /// Files the complaint: category (wire word), text, NIK (empty: anonymous), phone (empty: no SMS). Commits it,
    /// prints the slip; false with `error` set when a check fails or it could not be stored.
    Q_INVOKABLE bool submit(const QString &category, const QString &text, const QString &nik, const QString &phone);
    /// A complaint slip was scanned: asks the backend for its status and answer and shows them.
    void lookUp(const QString &number, const QString &token);

Q_SIGNALS:
    void categoriesChanged();
    void changed();
    void answerChanged();
    void scannedNikChanged();
    /// A complaint was committed: the sync service should deliver it now.
    void complaintFiled();

private:
    void reset();
    void setError(const QString &error);
    void setAnswer(const ComplaintAnswerView &answer);

    VisitFlow &m_flow;
    ComplaintBox *m_box;
    devices::PrintJobTracker &m_print;
    QString m_officeName;
    LiveLink *m_live;
    QString m_error;
    QString m_filedNumber;
    bool m_phoneGiven = false;
    QString m_scannedNik;
    ComplaintAnswerView m_answer;
    int m_lookup = 0; // the newest lookup; older answers arriving late are dropped
};

} // namespace kiosk
