#pragma once

#include "scanner.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QTimer>

class QKeyEvent;

namespace devices {

/// A keyboard-wedge scanner: recognises the fast burst of key presses ending in Enter
/// that such scanners type, and delivers it as one scan. It filters key events of the
/// whole application, so a scan never types into a form (on-screen input does not use
/// key events and is unaffected).
class WedgeScanner : public Scanner
{
    Q_OBJECT
public:
    explicit WedgeScanner(QObject *parent = nullptr);
    ~WedgeScanner() override;

    [[nodiscard]] QString uri() const override { return QStringLiteral("wedge:"); }
    bool start() override;
    [[nodiscard]] QString lastError() const override { return m_lastError; }

    /// Longest gap between two keys of one burst, in milliseconds.
    static constexpr int kMaxKeyGapMs = 50;
    static constexpr int kMinBurstLength = 4;
    /// Longest burst kept; anything longer is not a scan and is dropped.
    static constexpr int kMaxBurstLength = 4096;
    /// A burst with no Enter is dropped after this idle time, in milliseconds.
    static constexpr int kAbandonAfterMs = 300;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void reset();
    /// Handles one physical key press; the event is consumed by the caller in any case.
    void handleKeyPress(const QKeyEvent &event);
    [[nodiscard]] quint64 eventTime(const QKeyEvent &event) const;
    [[nodiscard]] bool isDuplicate(const QKeyEvent &event);

    QString m_buffer;
    QString m_lastError;
    /// Clock for events that carry no timestamp.
    QElapsedTimer m_sinceLastKey;
    quint64 m_lastKeyTime = 0;
    bool m_installed = false;
    QTimer m_abandon;
    // Identity of the last handled event, so a re-delivery of it is not counted twice.
    const QEvent *m_lastEvent = nullptr;
    QEvent::Type m_lastEventType = QEvent::None;
    quint64 m_lastEventTimestamp = 0;
    int m_lastEventKey = 0;
};

} // namespace devices
