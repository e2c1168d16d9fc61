#include "idlemonitor.h"

#include <QCoreApplication>
#include <QEvent>

namespace kiosk {

IdleMonitor::IdleMonitor(int warnAfterMs, int expireAfterMs, QObject *parent)
    : QObject(parent)
    , m_warnAfterMs(warnAfterMs)
    , m_expireAfterMs(expireAfterMs)
{
    m_tick.setInterval(std::min(250, warnAfterMs / 4 + 1));
    connect(&m_tick, &QTimer::timeout, this, &IdleMonitor::tick);
    m_since.start();
}

void IdleMonitor::setTimeouts(int warnAfterMs, int expireAfterMs)
{
    m_warnAfterMs = warnAfterMs;
    m_expireAfterMs = expireAfterMs;
    m_tick.setInterval(std::min(250, warnAfterMs / 4 + 1));
}

void IdleMonitor::watchApplication()
{
    QCoreApplication::instance()->installEventFilter(this);
}

void IdleMonitor::setStaffTimeout(int expireAfterMs)
{
    m_staffExpireAfterMs = expireAfterMs;
}

void IdleMonitor::setArmed(bool armed, bool staff)
{
    if (m_armed == armed && m_staff == staff)
        return;
    m_armed = armed;
    m_staff = staff;
    m_since.restart();
    m_warning = false;
    if (armed)
        m_tick.start();
    else
        m_tick.stop();
    Q_EMIT changed();
}

int IdleMonitor::secondsLeft() const
{
    return int(std::max<qint64>(0, ((m_staff ? m_staffExpireAfterMs : m_expireAfterMs) - m_since.elapsed() + 999) / 1000));
}

void IdleMonitor::activity()
{
    m_since.restart();
    if (m_warning) {
        m_warning = false;
        Q_EMIT changed();
    }
}

bool IdleMonitor::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::MouseButtonPress:
    case QEvent::InputMethod:
        activity();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void IdleMonitor::tick()
{
    if (!m_armed)
        return;
    const qint64 idle = m_since.elapsed();
    if (idle >= (m_staff ? m_staffExpireAfterMs : m_expireAfterMs)) {
        setArmed(false);
        Q_EMIT expired();
        return;
    }
    // Staff at the desk get no countdown overlay: it would cover the desk while they work.
    const bool warn = !m_staff && idle >= m_warnAfterMs;
    if (warn != m_warning || warn) {
        m_warning = warn;
        Q_EMIT changed();
    }
}

} // namespace kiosk
