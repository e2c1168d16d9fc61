#pragma once

#include "queuecall.h"
#include "rowlistmodel.h"

#include <QObject>
#include <QString>

namespace kiosk {

/// One loket's latest call, or one of the last calls, as the calling display shows it.
struct CallRow {
    QueueCall call;
    bool fresh = false; // the newest call: the display flashes it
};

/// Calls as rows with roles counter, label, priority, recall, at, time ("10:42"), fresh.
class CallsModel : public RowListModel<CallRow>
{
    Q_OBJECT
public:
    enum Role { CounterRole = Qt::UserRole + 1, LabelRole, PriorityRole, RecallRole, AtRole, TimeRole, FreshRole };
    using RowListModel::RowListModel;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

protected:
    [[nodiscard]] QVariant roleData(const CallRow &row, int role) const override;
};

/// How many people wait in one queue.
struct WaitingRow {
    QueueKind kind = QueueKind::Request;
    int count = 0;
};

/// The three queues with roles letter ("A"), name ("Permohonan baru"), count.
class WaitingModel : public RowListModel<WaitingRow>
{
    Q_OBJECT
public:
    enum Role { LetterRole = Qt::UserRole + 1, NameRole, CountRole };
    using RowListModel::RowListModel;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

protected:
    [[nodiscard]] QVariant roleData(const WaitingRow &row, int role) const override;
};

/// What the waiting room sees: the number each loket serves now, the last few calls and how many
/// wait per queue. Fed by the queue's calls and counts; the calling display and the welcome screen's
/// band read it.
class CallBoard : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString officeName READ officeName CONSTANT)
    Q_PROPERTY(kiosk::CallsModel *counters READ counters CONSTANT)
    Q_PROPERTY(kiosk::CallsModel *recent READ recent CONSTANT)
    Q_PROPERTY(kiosk::WaitingModel *waiting READ waiting CONSTANT)
    Q_PROPERTY(bool hasCalls READ hasCalls NOTIFY hasCallsChanged)
    Q_PROPERTY(int totalWaiting READ totalWaiting NOTIFY totalWaitingChanged)

public:
    /// The last calls the board keeps (newest first).
    static constexpr int kRecentCalls = 6;

    explicit CallBoard(QString officeName = {}, QObject *parent = nullptr);

    [[nodiscard]] QString officeName() const { return m_officeName; }
    [[nodiscard]] CallsModel *counters() { return &m_counters; }
    [[nodiscard]] CallsModel *recent() { return &m_recent; }
    [[nodiscard]] WaitingModel *waiting() { return &m_waiting; }
    [[nodiscard]] bool hasCalls() const { return m_counters.rowCount() > 0; }
    [[nodiscard]] int totalWaiting() const;

    /// The queue's letter ("A", "B", "C").
    [[nodiscard]] static QString letter(QueueKind kind);
    /// The queue's name on the waiting room's display ("Permohonan baru"); Bahasa Indonesia only, like the display.
    [[nodiscard]] static QString queueName(QueueKind kind);

public Q_SLOTS:
    /// A number was called (or called again) to a loket: it replaces that loket's number and heads the last calls.
    void showCall(const kiosk::QueueCall &call);
    /// `count` people wait in the queue `kind`.
    void setWaiting(kiosk::QueueKind kind, int count);
    /// The day starts over (midnight): no loket serves anyone yet.
    void clearCalls();

Q_SIGNALS:
    /// After the board shows `call`: the voice announces it.
    void callShown(const kiosk::QueueCall &call);
    void hasCallsChanged();
    void totalWaitingChanged();

private:
    QString m_officeName;
    CallsModel m_counters;
    CallsModel m_recent;
    WaitingModel m_waiting;
};

} // namespace kiosk
