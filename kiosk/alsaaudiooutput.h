#pragma once

#include "audiooutput.h"

#include <QProcess>

namespace kiosk {

/// Plays announcements on the kiosk's sound card through ALSA's `aplay` (package alsa-utils).
class AlsaAudioOutput : public AudioOutput
{
    Q_OBJECT
public:
    /// `device` is an ALSA PCM name (`aplay -D`, e.g. "plughw:0,0"); empty plays on ALSA's default.
    explicit AlsaAudioOutput(QString device = {}, QString program = QStringLiteral("aplay"), QObject *parent = nullptr);

    void play(const QString &path) override;
    void stop() override;

private:
    void report(bool ok, const QString &message);

    QString m_device;
    QString m_program;
    QProcess m_process;
    bool m_playing = false;
};

} // namespace kiosk
