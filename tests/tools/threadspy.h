#pragma once

// ThreadSpy: a signal spy for a signal emitted on another thread (the kiosk's SyncService runs on its
// own). Qt 6.4's QSignalSpy records on the emitting thread without a lock, and its wait() misses an
// emission that comes before it starts waiting, then waits out the whole timeout. ThreadSpy receives
// every emission as a queued call on the thread that made it, so nothing is missed or raced.
#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QTest>
#include <QVariant>

class ThreadSpy : public QObject
{
public:
    template<typename Sender, typename Signal> ThreadSpy(const Sender *sender, Signal signal)
    {
        connect(
            sender, signal, this, [this](const auto &...args) { m_calls.append(QVariantList {QVariant::fromValue(args)...}); },
            Qt::QueuedConnection);
    }

    /// Serves this thread's events until an emission is recorded; false when `timeoutMs` passed first.
    bool wait(int timeoutMs)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (m_calls.isEmpty() && !deadline.hasExpired())
            QTest::qWait(5);
        return !m_calls.isEmpty();
    }

    qsizetype size() const { return m_calls.size(); }
    QVariantList takeFirst() { return m_calls.takeFirst(); }
    const QVariantList &last() const { return m_calls.last(); }

private:
    QList<QVariantList> m_calls;
};
