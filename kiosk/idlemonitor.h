#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace kiosk {

/// Watches for touches and clicks anywhere in the app. While armed, it raises a visible
/// warning after `warnAfterMs` without activity and emits expired() after `expireAfterMs`,
/// so an abandoned visit never stays on screen. Staff mode has its own, longer time (minutes) and no warning.
class IdleMonitor : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool warning READ warning NOTIFY changed)
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY changed)

public:
    explicit IdleMonitor(int warnAfterMs = 60000, int expireAfterMs = 75000, QObject *parent = nullptr);

    /// Changes how long a visit may sit untouched (from the configuration).
    void setTimeouts(int warnAfterMs, int expireAfterMs);
    /// Filters the application's input events (call once, from main()).
    void watchApplication();
    /// How long the staff desk may sit untouched before staff mode ends (`[staff] idleMinutes`).
    void setStaffTimeout(int expireAfterMs);
    /// Counting only runs while a citizen is in a visit or staff are at the desk (`staff`: the staff time, no warning).
    void setArmed(bool armed, bool staff = false);
    [[nodiscard]] bool warning() const { return m_warning; }
    [[nodiscard]] int secondsLeft() const;

public Q_SLOTS:
    /// Something happened that a person did (a tap, a scan).
    void activity();

Q_SIGNALS:
    void changed();
    void expired();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void tick();

    int m_warnAfterMs;
    int m_expireAfterMs;
    int m_staffExpireAfterMs = 3 * 60 * 1000;
    bool m_armed = false;
    bool m_staff = false;
    bool m_warning = false;
    QElapsedTimer m_since;
    QTimer m_tick;
};

} // namespace kiosk
