#pragma once

#include "kioskresult.h"

#include <QByteArray>
#include <QList>

namespace kiosk {

/// Mono 16-bit PCM sound: read from and written as a WAV file, the announcement's chime, and the
/// measures the voice test checks (duration, RMS, a tone's strength).
struct PcmAudio {
    int sampleRate = 22050;
    QList<qint16> samples;

    [[nodiscard]] double durationSeconds() const { return sampleRate > 0 ? double(samples.size()) / sampleRate : 0.0; }
    /// Root mean square of the samples in [fromSeconds, toSeconds), as a fraction of full scale.
    [[nodiscard]] double rms(double fromSeconds, double toSeconds) const;
    /// Strength (Goertzel, fraction of full scale) of a sine at `hz` in [fromSeconds, toSeconds).
    [[nodiscard]] double toneLevel(double hz, double fromSeconds, double toSeconds) const;

    /// Appends `other` (same sample rate) and then `silenceSeconds` of silence.
    void append(const PcmAudio &other, double silenceSeconds = 0.0);
    /// Scales every sample by `gain` (0–1), clipping at full scale.
    void applyGain(double gain);

    /// A RIFF/WAVE file (PCM, 16-bit, mono).
    [[nodiscard]] QByteArray toWav() const;
    /// Reads a 16-bit PCM WAV file (the first channel when there are more); InvalidData when it is not one.
    [[nodiscard]] static Result<PcmAudio> fromWav(const QByteArray &wav);

    /// The two-tone chime before an announcement ("ding-dong"): two sines with a soft attack and a decay.
    [[nodiscard]] static PcmAudio chime(int sampleRate);
    /// The chime's two tones, in Hz.
    static constexpr double kChimeHigh = 880.0;
    static constexpr double kChimeLow = 659.25;
    /// Each tone's length in seconds.
    static constexpr double kChimeToneSeconds = 0.45;
};

} // namespace kiosk
