#pragma once

#include "pcmaudio.h"
#include "queuecall.h"

#include <QHash>
#include <QObject>
#include <QProcess>
#include <QQueue>
#include <QTemporaryDir>
#include <QTimer>

namespace kiosk {

class AudioOutput;

/// How the voice speaks: config `[voice]` (see KioskConfig).
struct VoiceSettings {
    /// espeak-ng's speed in words per minute (`-s`); slower than its 175 so a waiting room follows it.
    int rate = 140;
    /// Loudness of chime and speech, 0–100 % of full scale.
    int volume = 100;
    /// The speech engine (package espeak-ng) and its voice.
    QString program = QStringLiteral("espeak-ng");
    QString voice = QStringLiteral("id");
    /// A speech engine that has not finished by then is ended and the chime plays alone.
    int renderTimeoutMs = 10000;
};

/// Announces each call in Bahasa Indonesia: a chime, then "Nomor antrean A nol nol tujuh, silakan ke
/// loket dua", spoken by espeak-ng and played on an AudioOutput. Calls queue and never overlap; a
/// failing speech engine leaves the chime alone, a failing output the next call: nothing stalls.
class Announcer : public QObject
{
    Q_OBJECT
public:
    Announcer(AudioOutput &output, VoiceSettings settings = {}, QObject *parent = nullptr);
    ~Announcer() override;

    /// What is said for `call`, as Indonesians read a queue number: the letter, each digit, the loket as a word.
    [[nodiscard]] static QString text(const QueueCall &call);
    /// The number as a word ("dua"), 0–99; digits one by one beyond.
    [[nodiscard]] static QString numberWord(int n);

    /// Announcements waiting behind the one playing.
    [[nodiscard]] int pending() const { return int(m_queue.size()); }
    [[nodiscard]] bool busy() const { return m_busy; }

public Q_SLOTS:
    /// Queues `call`'s announcement; a recall is announced again.
    void announce(const kiosk::QueueCall &call);

Q_SIGNALS:
    /// The output started playing `call`'s announcement (`spoken`: false when only the chime is heard).
    void started(const kiosk::QueueCall &call, bool spoken);
    /// `call`'s announcement ended (ok: played to its end).
    void finished(const kiosk::QueueCall &call, bool ok);
    /// Nothing left to announce.
    void idle();

private:
    void next();
    void speak(const QString &text);
    void rendered(bool ok, const QString &message);
    void play(const QString &path, int durationMs, bool spoken);
    void played(bool ok, const QString &message);

    AudioOutput &m_output;
    VoiceSettings m_settings;
    QTemporaryDir m_dir;
    QProcess m_speech;
    QQueue<QueueCall> m_queue;
    QueueCall m_current;
    QString m_currentText;
    bool m_busy = false;
    bool m_playing = false;
    // Recent announcements by text, ready to play again (a recall, the same number at another loket).
    struct Ready {
        QString path;
        int durationMs = 0;
    };
    QHash<QString, Ready> m_ready;
    QList<QString> m_readyOrder;
    QTimer m_playGuard;
    QTimer m_renderGuard;
};

} // namespace kiosk
