#include "announcer.h"

#include "audiooutput.h"

#include <QCryptographicHash>
#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>

#include <array>

namespace kiosk {

namespace {
Q_LOGGING_CATEGORY(lcVoice, "anjungan.voice")

constexpr std::array kDigits {"nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"};
// Announcements kept rendered for a recall or a repeated number.
constexpr int kReadyAnnouncements = 16;
// Silence between the chime and the voice, and longest an output may take beyond the sound's length.
constexpr double kGapSeconds = 0.3;
constexpr int kPlayGraceMs = 5000;
} // namespace

Announcer::Announcer(AudioOutput &output, VoiceSettings settings, QObject *parent)
    : QObject(parent)
    , m_output(output)
    , m_settings(std::move(settings))
{
    qRegisterMetaType<kiosk::QueueCall>();
    m_speech.setProcessChannelMode(QProcess::SeparateChannels);
    connect(&m_speech, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        const bool ok = status == QProcess::NormalExit && exitCode == 0;
        rendered(ok, ok ? QString() : QString::fromLocal8Bit(m_speech.readAllStandardError()).trimmed());
    });
    connect(&m_speech, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            rendered(false, m_speech.errorString());
    });
    connect(&m_output, &AudioOutput::finished, this, &Announcer::played);
    // A hung speech engine is killed; its finished() then announces the chime alone.
    m_renderGuard.setSingleShot(true);
    connect(&m_renderGuard, &QTimer::timeout, this, [this] {
        qCWarning(lcVoice).noquote() << m_settings.program << "did not finish in" << m_settings.renderTimeoutMs << "ms; stopping it";
        m_speech.kill();
    });
    // An output that never reports back (a hung sound card) is stopped so later calls are still heard.
    m_playGuard.setSingleShot(true);
    connect(&m_playGuard, &QTimer::timeout, this, [this] {
        qCWarning(lcVoice) << "audio output did not finish in time; stopping it";
        m_output.stop();
        // stop() reports finished; an output that does not is left behind.
        if (m_playing)
            played(false, QStringLiteral("tidak selesai"));
    });
}

Announcer::~Announcer()
{
    disconnect(&m_output, nullptr, this, nullptr);
    if (m_speech.state() != QProcess::NotRunning) {
        m_speech.kill();
        m_speech.waitForFinished(1000);
    }
}

QString Announcer::numberWord(int n)
{
    if (n >= 0 && n < 10)
        return QString::fromLatin1(kDigits[n]);
    if (n == 10)
        return QStringLiteral("sepuluh");
    if (n == 11)
        return QStringLiteral("sebelas");
    if (n > 11 && n < 20)
        return QStringLiteral("%1 belas").arg(QString::fromLatin1(kDigits[n - 10]));
    if (n >= 20 && n < 100) {
        const QString tens = QStringLiteral("%1 puluh").arg(QString::fromLatin1(kDigits[n / 10]));
        return n % 10 ? QStringLiteral("%1 %2").arg(tens, QString::fromLatin1(kDigits[n % 10])) : tens;
    }
    QStringList digits;
    for (const QChar c : QString::number(n))
        digits << QString::fromLatin1(kDigits[c.digitValue()]);
    return digits.join(QLatin1Char(' '));
}

QString Announcer::text(const QueueCall &call)
{
    // A queue number is read letter by letter and digit by digit ("A nol nol tujuh"), never as an amount.
    QStringList number;
    for (const QChar c : call.label) {
        if (c.isDigit())
            number << QString::fromLatin1(kDigits[c.digitValue()]);
        else if (c.isLetter())
            number << QString(c.toUpper());
    }
    const QString said = QStringLiteral("Nomor %1 %2, silakan ke loket %3")
                             .arg(call.priority ? QStringLiteral("antrean prioritas") : QStringLiteral("antrean"),
                                 number.join(QLatin1Char(' ')), numberWord(call.counter));
    return call.recall ? QStringLiteral("Panggilan ulang. ") + said : said;
}

void Announcer::announce(const QueueCall &call)
{
    m_queue.enqueue(call);
    if (!m_busy)
        next();
}

void Announcer::next()
{
    if (m_queue.isEmpty()) {
        m_busy = false;
        Q_EMIT idle();
        return;
    }
    m_busy = true;
    m_current = m_queue.dequeue();
    m_currentText = text(m_current);
    if (const auto ready = m_ready.constFind(m_currentText); ready != m_ready.cend() && QFile::exists(ready->path)) {
        play(ready->path, ready->durationMs, true);
        return;
    }
    speak(m_currentText);
}

void Announcer::speak(const QString &text)
{
    if (!m_dir.isValid()) {
        rendered(false, QStringLiteral("no temporary folder: %1").arg(m_dir.errorString()));
        return;
    }
    const QString wav = m_dir.filePath(QStringLiteral("speech.wav"));
    QFile::remove(wav);
    m_renderGuard.start(m_settings.renderTimeoutMs);
    m_speech.start(m_settings.program,
        {QStringLiteral("-v"), m_settings.voice, QStringLiteral("-s"), QString::number(m_settings.rate), QStringLiteral("-w"), wav, text});
}

void Announcer::rendered(bool ok, const QString &message)
{
    m_renderGuard.stop();
    PcmAudio sound = PcmAudio::chime(22050);
    bool spoken = false;
    if (ok) {
        QFile file(m_dir.filePath(QStringLiteral("speech.wav")));
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcVoice) << "speech engine wrote no sound:" << file.errorString();
        } else if (auto speech = PcmAudio::fromWav(file.readAll()); !speech) {
            qCWarning(lcVoice) << "speech engine:" << speech.error();
        } else {
            sound = PcmAudio::chime(speech->sampleRate);
            sound.append({}, kGapSeconds);
            sound.append(*speech);
            spoken = true;
        }
    } else {
        qCWarning(lcVoice).noquote() << m_settings.program << "failed; announcing" << m_current.label << "with the chime only:" << message;
    }
    sound.applyGain(m_settings.volume / 100.0);

    const QString name = spoken
        ? QString::fromLatin1(QCryptographicHash::hash(m_currentText.toUtf8(), QCryptographicHash::Sha1).toHex().left(16))
        : QStringLiteral("chime-only");
    const QString path = m_dir.filePath(name + QStringLiteral(".wav"));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(sound.toWav()) < 0 || !out.commit()) {
        qCWarning(lcVoice) << "cannot write the announcement" << path << out.errorString();
        Q_EMIT finished(m_current, false);
        QMetaObject::invokeMethod(this, &Announcer::next, Qt::QueuedConnection);
        return;
    }
    const int durationMs = int(sound.durationSeconds() * 1000);
    if (spoken) {
        m_ready.insert(m_currentText, {path, durationMs});
        m_readyOrder.removeAll(m_currentText);
        m_readyOrder.append(m_currentText);
        while (m_readyOrder.size() > kReadyAnnouncements)
            QFile::remove(m_ready.take(m_readyOrder.takeFirst()).path);
    }
    play(path, durationMs, spoken);
}

void Announcer::play(const QString &path, int durationMs, bool spoken)
{
    m_playing = true;
    Q_EMIT started(m_current, spoken);
    m_playGuard.start(durationMs + kPlayGraceMs);
    m_output.play(path);
}

void Announcer::played(bool ok, const QString &message)
{
    if (!m_playing)
        return;
    m_playing = false;
    m_playGuard.stop();
    if (!ok)
        qCWarning(lcVoice).noquote() << "announcement of" << m_current.label << "not heard:" << message;
    Q_EMIT finished(m_current, ok);
    // Queued: an output that reports from inside play() must not recurse into the next call.
    QMetaObject::invokeMethod(this, &Announcer::next, Qt::QueuedConnection);
}

} // namespace kiosk
