#include "callboard.h"

#include <algorithm>

namespace kiosk {

QHash<int, QByteArray> CallsModel::roleNames() const
{
    return {{CounterRole, "counter"}, {LabelRole, "label"}, {PriorityRole, "priority"}, {RecallRole, "recall"}, {AtRole, "at"},
        {TimeRole, "time"}, {FreshRole, "fresh"}};
}

QVariant CallsModel::roleData(const CallRow &row, int role) const
{
    switch (role) {
    case CounterRole:
        return row.call.counter;
    case LabelRole:
        return row.call.label;
    case PriorityRole:
        return row.call.priority;
    case RecallRole:
        return row.call.recall;
    case AtRole:
        return row.call.at;
    case TimeRole:
        return row.call.at.isValid() ? row.call.at.toLocalTime().toString(QStringLiteral("HH:mm")) : QString();
    case FreshRole:
        return row.fresh;
    default:
        return {};
    }
}

QHash<int, QByteArray> WaitingModel::roleNames() const
{
    return {{LetterRole, "letter"}, {NameRole, "name"}, {CountRole, "count"}};
}

QVariant WaitingModel::roleData(const WaitingRow &row, int role) const
{
    switch (role) {
    case LetterRole:
        return CallBoard::letter(row.kind);
    case NameRole:
        return CallBoard::queueName(row.kind);
    case CountRole:
        return row.count;
    default:
        return {};
    }
}

CallBoard::CallBoard(QString officeName, QObject *parent)
    : QObject(parent)
    , m_officeName(std::move(officeName))
{
    qRegisterMetaType<kiosk::QueueCall>();
    m_waiting.setRows({{QueueKind::Request, 0}, {QueueKind::Pickup, 0}, {QueueKind::Help, 0}});
}

QString CallBoard::letter(QueueKind kind)
{
    switch (kind) {
    case QueueKind::Request:
        return QStringLiteral("A");
    case QueueKind::Pickup:
        return QStringLiteral("B");
    case QueueKind::Help:
        return QStringLiteral("C");
    }
    return {};
}

QString CallBoard::queueName(QueueKind kind)
{
    switch (kind) {
    case QueueKind::Request:
        return QStringLiteral("Permohonan baru");
    case QueueKind::Pickup:
        return QStringLiteral("Pengambilan surat");
    case QueueKind::Help:
        return QStringLiteral("Konsultasi/bantuan");
    }
    return {};
}

int CallBoard::totalWaiting() const
{
    int total = 0;
    for (const WaitingRow &row : m_waiting.rows())
        total += row.count;
    return total;
}

void CallBoard::showCall(const QueueCall &call)
{
    const bool hadCalls = hasCalls();
    // One row per loket, in loket order; the number a loket called before is replaced.
    QList<CallRow> counters;
    for (CallRow row : m_counters.rows()) {
        if (row.call.counter != call.counter) {
            row.fresh = false;
            counters.append(row);
        }
    }
    const auto at = std::find_if(counters.begin(), counters.end(), [&call](const CallRow &r) { return r.call.counter > call.counter; });
    counters.insert(at, CallRow {call, true});
    m_counters.setRows(counters);

    QList<CallRow> recent {CallRow {call, true}};
    for (CallRow row : m_recent.rows()) {
        if (recent.size() == kRecentCalls)
            break;
        row.fresh = false;
        recent.append(row);
    }
    m_recent.setRows(recent);

    if (!hadCalls)
        Q_EMIT hasCallsChanged();
    Q_EMIT callShown(call);
}

void CallBoard::setWaiting(QueueKind kind, int count)
{
    QList<WaitingRow> rows = m_waiting.rows();
    for (WaitingRow &row : rows) {
        if (row.kind == kind) {
            if (row.count == std::max(0, count))
                return;
            row.count = std::max(0, count);
        }
    }
    m_waiting.setRows(rows);
    Q_EMIT totalWaitingChanged();
}

void CallBoard::clearCalls()
{
    if (!hasCalls())
        return;
    m_counters.setRows({});
    m_recent.setRows({});
    Q_EMIT hasCallsChanged();
}

} // namespace kiosk
