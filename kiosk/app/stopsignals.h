#pragma once

#include <QObject>

class QSocketNotifier;

namespace kiosk {

/// Ends the application's event loop with exit code 0 on SIGTERM or SIGINT, so a normal stop (systemd,
/// Ctrl+C) runs the same shutdown as a quit: the sync thread ends, the store closes. Install it after the
/// QGuiApplication exists: it replaces the handlers the platform installed, such as eglfs's VT handler,
/// which ends the process with _exit(1) and makes systemd count a clean stop as a failure.
class StopSignals : public QObject
{
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;

private:
    void handleSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace kiosk
