#include "stopsignals.h"

#include <QCoreApplication>
#include <QDebug>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace kiosk {

namespace {
// The signal handler may only write to a pipe; the event loop reads the signal number from the other end.
int g_pipe[2] = {-1, -1};
constexpr int kStopSignals[] = {SIGTERM, SIGINT};

void onStopSignal(int signalNumber)
{
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[1], &byte, 1);
    errno = savedErrno;
}
} // namespace

StopSignals::StopSignals(QObject *parent)
    : QObject(parent)
{
    if (g_pipe[0] >= 0 || ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        qWarning() << "stop signals: no signal pipe";
        return;
    }
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (const int signalNumber : kStopSignals) {
        if (::sigaction(signalNumber, &action, nullptr) != 0)
            qWarning() << "stop signals: cannot handle signal" << signalNumber;
    }
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StopSignals::handleSignal);
}

StopSignals::~StopSignals()
{
    if (!m_notifier)
        return;
    // After this object is gone a second signal ends the process the default way.
    for (const int signalNumber : kStopSignals)
        ::signal(signalNumber, SIG_DFL);
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

void StopSignals::handleSignal()
{
    unsigned char byte = 0;
    while (::read(g_pipe[0], &byte, 1) == 1) {
        qInfo().noquote() << "stopping on signal" << int(byte);
        QCoreApplication::exit(0);
    }
}

} // namespace kiosk
