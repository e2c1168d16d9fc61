#include "alsaaudiooutput.h"

namespace kiosk {

// aplay rather than pw-play or paplay: the kiosk runs as a system service with no user session, so no
// PipeWire or PulseAudio server is there to talk to; ALSA is, on every Debian install and on the image.
AlsaAudioOutput::AlsaAudioOutput(QString device, QString program, QObject *parent)
    : AudioOutput(parent)
    , m_device(std::move(device))
    , m_program(std::move(program))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        const bool ok = status == QProcess::NormalExit && exitCode == 0;
        report(ok, ok ? QString() : QStringLiteral("%1: %2").arg(m_program, QString::fromLocal8Bit(m_process.readAll()).trimmed()));
    });
    // A program that cannot start reports no finished(); a crash reports both, and finished() speaks for it.
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            report(false, QStringLiteral("%1: %2").arg(m_program, m_process.errorString()));
    });
}

void AlsaAudioOutput::play(const QString &path)
{
    if (m_playing) {
        Q_EMIT finished(false, QStringLiteral("%1: masih memutar suara sebelumnya").arg(m_program));
        return;
    }
    m_playing = true;
    QStringList args {QStringLiteral("-q")};
    if (!m_device.isEmpty())
        args << QStringLiteral("-D") << m_device;
    args << path;
    m_process.start(m_program, args);
}

void AlsaAudioOutput::stop()
{
    if (!m_playing)
        return;
    // Waits for the exit so that finished() has been reported and the next play() finds the card free.
    m_process.kill();
    m_process.waitForFinished(1000);
    report(false, QStringLiteral("%1: dihentikan").arg(m_program));
}

void AlsaAudioOutput::report(bool ok, const QString &message)
{
    if (!m_playing)
        return;
    m_playing = false;
    Q_EMIT finished(ok, message);
}

} // namespace kiosk
