#pragma once

#include <QObject>
#include <QString>

namespace kiosk {

/// Where announcements are heard: plays one WAV file at a time and reports once when it ended.
class AudioOutput : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Starts playing the WAV file at `path`; finished() follows exactly once (it may already have when this returns).
    virtual void play(const QString &path) = 0;
    /// Ends the playback now; finished() follows with ok false.
    virtual void stop() = 0;

Q_SIGNALS:
    /// The playback ended: ok when the whole file was played, else why not (for the log).
    void finished(bool ok, const QString &message);
};

} // namespace kiosk
