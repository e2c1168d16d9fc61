#pragma once

#include "scanner.h"

#include <QElapsedTimer>
#include <QTimer>

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

    /// Longest gap between two keys of one burst, in milliseconds.
    static constexpr int kMaxKeyGapMs = 50;
    static constexpr int kMinBurstLength = 4;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void reset();

    QString m_buffer;
    QElapsedTimer m_sinceLastKey;
    bool m_burstTooSlow = false;
    QTimer m_abandon;
};

} // namespace devices
