#include "pcmaudio.h"

#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace kiosk {

namespace {
std::pair<qsizetype, qsizetype> range(const PcmAudio &a, double from, double to)
{
    const auto clampIndex = [&a](double seconds) { return std::clamp<qsizetype>(qsizetype(seconds * a.sampleRate), 0, a.samples.size()); };
    return {clampIndex(from), clampIndex(to)};
}

Error notWav(const QString &why)
{
    return Error {ErrorCode::InvalidData, QStringLiteral("Berkas suara bukan WAV PCM 16-bit: %1.").arg(why)};
}
} // namespace

double PcmAudio::rms(double fromSeconds, double toSeconds) const
{
    const auto [begin, end] = range(*this, fromSeconds, toSeconds);
    if (end <= begin)
        return 0.0;
    double sum = 0.0;
    for (qsizetype i = begin; i < end; ++i)
        sum += double(samples[i]) * samples[i];
    return std::sqrt(sum / double(end - begin)) / 32768.0;
}

double PcmAudio::toneLevel(double hz, double fromSeconds, double toSeconds) const
{
    const auto [begin, end] = range(*this, fromSeconds, toSeconds);
    const qsizetype n = end - begin;
    if (n <= 0)
        return 0.0;
    const double coeff = 2.0 * std::cos(2.0 * std::numbers::pi * hz / sampleRate);
    double s1 = 0.0, s2 = 0.0;
    for (qsizetype i = begin; i < end; ++i) {
        const double s0 = samples[i] / 32768.0 + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    const double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    // A full-scale sine of n samples gives power (n/2)²: the amplitude is 2·√power / n.
    return 2.0 * std::sqrt(std::max(0.0, power)) / double(n);
}

void PcmAudio::append(const PcmAudio &other, double silenceSeconds)
{
    samples.append(other.samples);
    samples.resize(samples.size() + qsizetype(silenceSeconds * sampleRate), 0);
}

void PcmAudio::applyGain(double gain)
{
    gain = std::clamp(gain, 0.0, 1.0);
    for (qint16 &s : samples)
        s = qint16(std::clamp(std::lround(s * gain), -32768L, 32767L));
}

QByteArray PcmAudio::toWav() const
{
    const quint32 dataBytes = quint32(samples.size() * 2);
    QByteArray out;
    out.reserve(44 + dataBytes);
    const auto u32 = [&out](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        out.append(b, 4);
    };
    const auto u16 = [&out](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        out.append(b, 2);
    };
    out.append("RIFF");
    u32(36 + dataBytes);
    out.append("WAVEfmt ");
    u32(16);
    u16(1); // PCM
    u16(1); // mono
    u32(quint32(sampleRate));
    u32(quint32(sampleRate) * 2);
    u16(2);
    u16(16);
    out.append("data");
    u32(dataBytes);
    for (qint16 s : samples)
        u16(quint16(s));
    return out;
}

Result<PcmAudio> PcmAudio::fromWav(const QByteArray &wav)
{
    if (wav.size() < 12 || !wav.startsWith("RIFF") || wav.mid(8, 4) != "WAVE")
        return notWav(QStringLiteral("tidak ada kepala RIFF/WAVE"));
    PcmAudio audio;
    int channels = 0;
    qsizetype pos = 12;
    while (pos + 8 <= wav.size()) {
        const QByteArray id = wav.mid(pos, 4);
        // Streaming writers leave the size at its maximum: the chunk then runs to the end of the file.
        const qsizetype size = std::min<qsizetype>(qFromLittleEndian<quint32>(wav.constData() + pos + 4), wav.size() - pos - 8);
        const char *body = wav.constData() + pos + 8;
        if (id == "fmt " && size >= 16) {
            if (qFromLittleEndian<quint16>(body) != 1 || qFromLittleEndian<quint16>(body + 14) != 16)
                return notWav(QStringLiteral("bukan PCM 16-bit"));
            channels = qFromLittleEndian<quint16>(body + 2);
            audio.sampleRate = int(qFromLittleEndian<quint32>(body + 4));
        } else if (id == "data") {
            if (channels <= 0 || audio.sampleRate <= 0)
                return notWav(QStringLiteral("data sebelum format"));
            const qsizetype frames = size / (2 * channels);
            audio.samples.resize(frames);
            for (qsizetype i = 0; i < frames; ++i)
                audio.samples[i] = qFromLittleEndian<qint16>(body + i * 2 * channels);
            return audio;
        }
        pos += 8 + size + (size & 1);
    }
    return notWav(QStringLiteral("tidak ada data"));
}

PcmAudio PcmAudio::chime(int sampleRate)
{
    PcmAudio audio;
    audio.sampleRate = sampleRate;
    const qsizetype toneSamples = qsizetype(kChimeToneSeconds * sampleRate);
    const qsizetype attack = sampleRate / 100; // 10 ms: no click at the start
    for (const double hz : {kChimeHigh, kChimeLow}) {
        for (qsizetype i = 0; i < toneSamples; ++i) {
            const double t = double(i) / sampleRate;
            const double rise = std::min(1.0, double(i) / attack);
            // A bell decays; the last 10 ms fade to zero so the next tone starts clean.
            const double decay = std::exp(-3.0 * t / kChimeToneSeconds) * std::min(1.0, double(toneSamples - i) / attack);
            audio.samples.append(qint16(std::lround(0.6 * 32767.0 * rise * decay * std::sin(2.0 * std::numbers::pi * hz * t))));
        }
    }
    return audio;
}

} // namespace kiosk
