#include "evdevkeypad.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcKeypad, "anjungan.keypad")

namespace devices {

EvdevKeypad::EvdevKeypad(QString path, QObject *parent)
    : Keypad(parent)
    , m_path(std::move(path))
{
    m_reopen.setInterval(kReopenMs);
    connect(&m_reopen, &QTimer::timeout, this, [this] {
        if (open())
            m_reopen.stop();
    });
}

EvdevKeypad::~EvdevKeypad()
{
    close();
}

bool EvdevKeypad::start()
{
    if (m_fd >= 0)
        return true;
    if (open())
        return true;
    if (errno == ENOENT || errno == ENODEV) {
        // Not plugged in yet: looked for again until it is.
        m_reopen.start();
        return true;
    }
    return false;
}

bool EvdevKeypad::open()
{
    m_fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (m_fd < 0) {
        const int err = errno;
        m_lastError = QStringLiteral("Keypad %1 tidak dapat dibuka: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(err)));
        errno = err;
        return false;
    }
    // Grabbed, its keys type nowhere else; a FIFO (the test device) cannot be grabbed and needs not be.
    if (::ioctl(m_fd, EVIOCGRAB, 1) != 0 && errno != ENOTTY && errno != EINVAL)
        qCWarning(lcKeypad).noquote() << "keypad" << m_path << "could not be grabbed:" << std::strerror(errno);
    m_lastError.clear();
    m_pending.clear();
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &EvdevKeypad::readEvents);
    return true;
}

void EvdevKeypad::close()
{
    delete m_notifier;
    m_notifier = nullptr;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

void EvdevKeypad::readEvents()
{
    char buffer[sizeof(input_event) * 32];
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        if (n <= 0) {
            // Unplugged (ENODEV) or the writer of the FIFO went away: opened again when it is back.
            close();
            m_reopen.start();
            return;
        }
        m_pending.append(buffer, int(n));
        while (m_pending.size() >= qsizetype(sizeof(input_event))) {
            input_event event;
            std::memcpy(&event, m_pending.constData(), sizeof event);
            m_pending.remove(0, sizeof event);
            // A press only: not the release (0) nor the autorepeat (2) of a key held down.
            if (event.type != EV_KEY || event.value != 1)
                continue;
            if (const auto action = keypadAction(event.code))
                Q_EMIT pressed(*action);
        }
    }
}

} // namespace devices
