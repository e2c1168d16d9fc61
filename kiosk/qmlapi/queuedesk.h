#pragma once

#include "keypad.h"
#include "queuebook.h"
#include "rowlistmodel.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace kiosk {

class StaffLogin;

/// One loket's line of the day report.
class LoketReportModel : public RowListModel<LoketReport>
{
    Q_OBJECT
public:
    enum Role { CounterRole = Qt::UserRole + 1, ServedRole, SkippedRole, MedianWaitRole, MedianServiceRole };
    using RowListModel::RowListModel;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

protected:
    [[nodiscard]] QVariant roleData(const Row &row, int role) const override;
};

/// Calling the queue from the staff desk: the staff member picks their loket and calls next, recalls,
/// skips a no-show, finishes or transfers; every step is journaled with their username. Works only while
/// staff are signed in (StaffLogin's desk); a loket's keypad acts for whoever picked that loket last.
class QueueDesk : public QObject
{
    Q_OBJECT
    /// The lokets configured on this kiosk (1–4).
    Q_PROPERTY(QList<int> counters READ counters CONSTANT)
    /// The loket this desk calls for; 0 until the staff picks one.
    Q_PROPERTY(int counter READ counter WRITE setCounter NOTIFY counterChanged)
    Q_PROPERTY(QString currentLabel READ currentLabel NOTIFY changed)
    Q_PROPERTY(QString currentPriority READ currentPriority NOTIFY changed)
    Q_PROPERTY(int waitingRequest READ waitingRequest NOTIFY changed)
    Q_PROPERTY(int waitingPickup READ waitingPickup NOTIFY changed)
    Q_PROPERTY(int waitingHelp READ waitingHelp NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(kiosk::LoketReportModel *report READ report CONSTANT)

public:
    QueueDesk(QueueBook &book, const StaffLogin &login, QObject *parent = nullptr);

    [[nodiscard]] QList<int> counters() const;
    [[nodiscard]] int counter() const { return m_counter; }
    void setCounter(int counter);
    [[nodiscard]] QString currentLabel() const;
    [[nodiscard]] QString currentPriority() const;
    [[nodiscard]] int waitingRequest() const { return m_book.waiting(QueueKind::Request); }
    [[nodiscard]] int waitingPickup() const { return m_book.waiting(QueueKind::Pickup); }
    [[nodiscard]] int waitingHelp() const { return m_book.waiting(QueueKind::Help); }
    [[nodiscard]] QString message() const { return m_message; }
    [[nodiscard]] LoketReportModel *report() { return &m_report; }

    /// *Panggil berikutnya*.
    Q_INVOKABLE void callNext();
    /// *Panggil ulang*.
    Q_INVOKABLE void recall();
    /// *Lewati*: the number did not come.
    Q_INVOKABLE void skip();
    /// *Selesai*.
    Q_INVOKABLE void serve();
    /// *Alihkan ke loket …*.
    Q_INVOKABLE void transfer(int toCounter);
    /// Reloads the day report.
    Q_INVOKABLE void refreshReport();

    /// A key on loket `counter`'s keypad, acting for the staff member who picked that loket last.
    void keypad(int counter, devices::Keypad::Action action);

Q_SIGNALS:
    void counterChanged();
    void changed();
    void messageChanged();

private:
    void setMessage(const QString &message);
    /// The signed-in staff member's username; empty (and a message) when nobody is signed in.
    [[nodiscard]] QString actor();
    void act(int counter, const QString &actor, devices::Keypad::Action action);

    QueueBook &m_book;
    const StaffLogin &m_login;
    int m_counter = 0;
    QString m_message;
    LoketReportModel m_report;
    QHash<int, QString> m_loketStaff; // loket → username of who picked it last
    QTimer m_requeue;
};

/// A numbered slip for a queue without a request ("Konsultasi / bantuan" on the welcome screen): the citizen
/// taps once more for a priority (disabilitas, ibu hamil) or not, and the number prints on the ticket printer.
class QueueTicket : public QObject
{
    Q_OBJECT
    /// The citizen opened the choice (regular or priority) and has not taken a number yet.
    Q_PROPERTY(bool choosing READ choosing NOTIFY changed)
    /// The number just taken ("C-003"); empty before.
    Q_PROPERTY(QString label READ label NOTIFY changed)
    Q_PROPERTY(QString waitEstimate READ waitEstimate NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)

public:
    using SlipPrinter = std::function<void(const QueueEntry &entry, const QString &waitEstimate)>;
    QueueTicket(QueueBook &book, SlipPrinter print, QObject *parent = nullptr);

    [[nodiscard]] bool choosing() const { return m_choosing; }
    [[nodiscard]] QString label() const { return m_label; }
    [[nodiscard]] QString waitEstimate() const { return m_waitEstimate; }
    [[nodiscard]] QString message() const { return m_message; }
    /// A wait as the screens say it in the kiosk's language: "± 10–20 menit" or "perkiraan belum tersedia".
    [[nodiscard]] static QString waitText(const WaitEstimate &wait);

    /// "Konsultasi / bantuan" was tapped.
    Q_INVOKABLE void openHelp();
    /// Takes the help number: `priority` is "", "disabilitas" or "ibu_hamil".
    Q_INVOKABLE void takeHelp(const QString &priority);
    /// Closes the choice or the number shown.
    Q_INVOKABLE void close();

Q_SIGNALS:
    void changed();

private:
    QueueBook &m_book;
    SlipPrinter m_print;
    bool m_choosing = false;
    QString m_label;
    QString m_waitEstimate;
    QString m_message;
};

} // namespace kiosk
