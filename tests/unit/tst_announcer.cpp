// The voice: what is said for a call (checked against a table written by hand), the chime, real
// espeak-ng renderings (length, loudness, the chime first) and the queue of announcements played one
// after another through a recording AudioOutput (the hardware boundary).
#include "alsaaudiooutput.h"
#include "announcer.h"
#include "audiooutput.h"
#include "pcmaudio.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using kiosk::Announcer;
using kiosk::PcmAudio;
using kiosk::QueueCall;
using kiosk::QueueKind;

namespace {
// Plays nothing: keeps a copy of every file, takes `playMs` per file, and fails when asked to play
// while playing (an overlap) or when told to fail the next playback.
class RecordingAudioOutput : public kiosk::AudioOutput
{
public:
    explicit RecordingAudioOutput(QString keepDir, int playMs = 20)
        : m_keepDir(std::move(keepDir))
        , m_playMs(playMs)
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_playing = false;
            Q_EMIT finished(true, {});
        });
    }
    void play(const QString &path) override
    {
        if (m_playing)
            ++overlaps;
        const QString copy = QDir(m_keepDir).filePath(QStringLiteral("played-%1.wav").arg(played.size()));
        QFile::remove(copy);
        QFile::copy(path, copy);
        played.append(copy);
        if (failNext) {
            failNext = false;
            Q_EMIT finished(false, QStringLiteral("kartu suara tidak ada"));
            return;
        }
        m_playing = true;
        m_timer.start(m_playMs);
    }
    void stop() override
    {
        if (!m_playing)
            return;
        m_timer.stop();
        m_playing = false;
        Q_EMIT finished(false, QStringLiteral("dihentikan"));
    }

    QStringList played;
    int overlaps = 0;
    bool failNext = false;

private:
    QString m_keepDir;
    int m_playMs;
    QTimer m_timer;
    bool m_playing = false;
};

QueueCall call(const QString &label, int counter, bool priority = false, bool recall = false)
{
    QueueKind kind = label.startsWith(QLatin1Char('B')) ? QueueKind::Pickup
        : label.startsWith(QLatin1Char('C'))            ? QueueKind::Help
                                                        : QueueKind::Request;
    return {label, kind, priority, counter, QDateTime::currentDateTime(), recall};
}

PcmAudio readWav(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    auto audio = PcmAudio::fromWav(f.readAll());
    return audio ? *audio : PcmAudio {};
}
} // namespace

class TestAnnouncer : public QObject
{
    Q_OBJECT
    QString espeak() const { return QStandardPaths::findExecutable(QStringLiteral("espeak-ng")); }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<kiosk::QueueCall>(); }

    void textOfACall_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<int>("counter");
        QTest::addColumn<bool>("priority");
        QTest::addColumn<bool>("recall");
        QTest::addColumn<QString>("expected");
        // Written out by hand: the number digit by digit, the loket as a word.
        QTest::newRow("A-007 loket 2") << "A-007" << 2 << false << false << "Nomor antrean A nol nol tujuh, silakan ke loket dua";
        QTest::newRow("B-010 loket 1") << "B-010" << 1 << false << false << "Nomor antrean B nol satu nol, silakan ke loket satu";
        QTest::newRow("C-123 loket 4") << "C-123" << 4 << false << false << "Nomor antrean C satu dua tiga, silakan ke loket empat";
        QTest::newRow("A-100 loket 3") << "A-100" << 3 << false << false << "Nomor antrean A satu nol nol, silakan ke loket tiga";
        QTest::newRow("priority") << "A-012" << 1 << true << false << "Nomor antrean prioritas A nol satu dua, silakan ke loket satu";
        QTest::newRow("recall") << "B-005" << 2 << false << true << "Panggilan ulang. Nomor antrean B nol nol lima, silakan ke loket dua";
        QTest::newRow("lowercase, no dash") << "c045" << 2 << false << false << "Nomor antrean C nol empat lima, silakan ke loket dua";
        QTest::newRow("loket 11") << "A-001" << 11 << false << false << "Nomor antrean A nol nol satu, silakan ke loket sebelas";
    }
    void textOfACall()
    {
        QFETCH(QString, label);
        QFETCH(int, counter);
        QFETCH(bool, priority);
        QFETCH(bool, recall);
        QFETCH(QString, expected);
        QCOMPARE(Announcer::text(call(label, counter, priority, recall)), expected);
    }

    void numberWords_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("word");
        const QList<QPair<int, const char *>> table {{0, "nol"}, {1, "satu"}, {2, "dua"}, {3, "tiga"}, {4, "empat"}, {5, "lima"},
            {6, "enam"}, {7, "tujuh"}, {8, "delapan"}, {9, "sembilan"}, {10, "sepuluh"}, {11, "sebelas"}, {12, "dua belas"},
            {19, "sembilan belas"}, {20, "dua puluh"}, {21, "dua puluh satu"}, {99, "sembilan puluh sembilan"}, {105, "satu nol lima"}};
        for (const auto &[n, word] : table)
            QTest::newRow(word) << n << QString::fromLatin1(word);
    }
    void numberWords()
    {
        QFETCH(int, n);
        QFETCH(QString, word);
        QCOMPARE(Announcer::numberWord(n), word);
    }

    void chimeIsTwoTonesThatFade()
    {
        const PcmAudio chime = PcmAudio::chime(22050);
        QVERIFY(std::abs(chime.durationSeconds() - 2 * PcmAudio::kChimeToneSeconds) < 0.001);
        const double t = PcmAudio::kChimeToneSeconds;
        QVERIFY(chime.toneLevel(PcmAudio::kChimeHigh, 0, t) > 0.1);
        QVERIFY(chime.toneLevel(PcmAudio::kChimeLow, t, 2 * t) > 0.1);
        QVERIFY(chime.toneLevel(PcmAudio::kChimeLow, 0, t) < 0.02);
        // Soft edges: no click at the start, silence where the tones meet and at the end.
        QCOMPARE(chime.samples.first(), qint16(0));
        QVERIFY(std::abs(chime.samples.at(qsizetype(t * 22050) - 1)) < 200);
        QVERIFY(std::abs(chime.samples.last()) < 200);
        const auto back = PcmAudio::fromWav(chime.toWav());
        QVERIFY(back.ok());
        QCOMPARE(back->sampleRate, 22050);
        QCOMPARE(back->samples, chime.samples);
    }

    void announcementsAreAudibleSpeechAfterTheChime_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<int>("counter");
        QTest::addColumn<bool>("priority");
        QTest::newRow("A-007 loket 2") << "A-007" << 2 << false;
        QTest::newRow("B-015 loket 1 prioritas") << "B-015" << 1 << true;
        QTest::newRow("C-120 loket 4") << "C-120" << 4 << false;
    }
    void announcementsAreAudibleSpeechAfterTheChime()
    {
        if (espeak().isEmpty())
            QSKIP("espeak-ng is not installed (scripts/setup-deps installs it)");
        QFETCH(QString, label);
        QFETCH(int, counter);
        QFETCH(bool, priority);
        const QString out = QDir(qEnvironmentVariable("KIOSK_BINARY_DIR", QDir::tempPath())).filePath(QStringLiteral("voice"));
        QDir().mkpath(out);
        RecordingAudioOutput output(out);
        Announcer announcer(output);
        QSignalSpy finished(&announcer, &Announcer::finished);
        announcer.announce(call(label, counter, priority));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(1).toBool(), true);
        QCOMPARE(output.played.size(), 1);
        const QString kept = QDir(out).filePath(QStringLiteral("%1-loket%2.wav").arg(label).arg(counter));
        QFile::remove(kept);
        QVERIFY(QFile::rename(output.played.first(), kept));

        const PcmAudio sound = readWav(kept);
        qInfo().noquote() << kept << sound.durationSeconds() << "s";
        QVERIFY2(sound.durationSeconds() >= 2.0 && sound.durationSeconds() <= 10.0, qPrintable(QString::number(sound.durationSeconds())));
        const double t = PcmAudio::kChimeToneSeconds;
        QVERIFY2(sound.toneLevel(PcmAudio::kChimeHigh, 0, t) > 0.1, "no chime at the start");
        QVERIFY(sound.toneLevel(PcmAudio::kChimeLow, t, 2 * t) > 0.1);
        const double speechRms = sound.rms(2 * t + 0.3, sound.durationSeconds());
        QVERIFY2(speechRms > 0.02, qPrintable(QStringLiteral("speech RMS %1 is silence").arg(speechRms)));
    }

    void callsPlayInOrderWithoutOverlap()
    {
        if (espeak().isEmpty())
            QSKIP("espeak-ng is not installed (scripts/setup-deps installs it)");
        QTemporaryDir dir;
        RecordingAudioOutput output(dir.path(), 50);
        Announcer announcer(output);
        QSignalSpy started(&announcer, &Announcer::started);
        QSignalSpy finished(&announcer, &Announcer::finished);
        QSignalSpy idle(&announcer, &Announcer::idle);
        const QList<QueueCall> calls {call(QStringLiteral("A-001"), 1), call(QStringLiteral("B-001"), 2),
            call(QStringLiteral("A-001"), 1, false, true), call(QStringLiteral("C-002"), 2, true)};
        // All four arrive at once, as from two loket calling together.
        for (const QueueCall &c : calls)
            announcer.announce(c);
        QVERIFY(announcer.busy());
        QCOMPARE(announcer.pending(), 3);
        QVERIFY(idle.wait(20000));
        QCOMPARE(output.overlaps, 0);
        QCOMPARE(output.played.size(), 4);
        QCOMPARE(started.size(), 4);
        for (int i = 0; i < calls.size(); ++i) {
            QCOMPARE(started.at(i).at(0).value<QueueCall>().label, calls.at(i).label);
            QCOMPARE(started.at(i).at(0).value<QueueCall>().recall, calls.at(i).recall);
            QCOMPARE(started.at(i).at(1).toBool(), true);
            QCOMPARE(finished.at(i).at(1).toBool(), true);
        }
        // The recall is said again, with its own words.
        QVERIFY(readWav(output.played.at(2)).durationSeconds() > readWav(output.played.at(0)).durationSeconds());
    }

    void failingSpeechEngineStillChimesAndTheQueueGoesOn()
    {
        QTemporaryDir dir;
        RecordingAudioOutput output(dir.path());
        kiosk::VoiceSettings settings;
        settings.program = dir.filePath(QStringLiteral("no-such-espeak"));
        Announcer announcer(output, settings);
        QSignalSpy started(&announcer, &Announcer::started);
        QSignalSpy idle(&announcer, &Announcer::idle);
        announcer.announce(call(QStringLiteral("A-003"), 1));
        announcer.announce(call(QStringLiteral("A-004"), 2));
        QVERIFY(idle.wait(5000));
        QCOMPARE(started.size(), 2);
        QCOMPARE(started.at(0).at(1).toBool(), false);
        QCOMPARE(output.played.size(), 2);
        const PcmAudio chimeOnly = readWav(output.played.first());
        QCOMPARE(chimeOnly.samples.size(), PcmAudio::chime(22050).samples.size());
    }

    void failingOutputDoesNotStallTheQueue()
    {
        if (espeak().isEmpty())
            QSKIP("espeak-ng is not installed (scripts/setup-deps installs it)");
        QTemporaryDir dir;
        RecordingAudioOutput output(dir.path());
        output.failNext = true;
        Announcer announcer(output);
        QSignalSpy finished(&announcer, &Announcer::finished);
        QSignalSpy idle(&announcer, &Announcer::idle);
        announcer.announce(call(QStringLiteral("B-002"), 1));
        announcer.announce(call(QStringLiteral("B-003"), 1));
        QVERIFY(idle.wait(10000));
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QCOMPARE(finished.at(1).at(1).toBool(), true);
        QCOMPARE(output.overlaps, 0);
    }

    void hungSpeechEngineIsStoppedAndTheChimePlays()
    {
        QTemporaryDir dir;
        const QString script = dir.filePath(QStringLiteral("espeak-ng"));
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\nexec sleep 60\n");
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        kiosk::VoiceSettings settings;
        settings.program = script;
        settings.renderTimeoutMs = 300;
        RecordingAudioOutput output(dir.path());
        Announcer announcer(output, settings);
        QSignalSpy started(&announcer, &Announcer::started);
        QSignalSpy idle(&announcer, &Announcer::idle);
        announcer.announce(call(QStringLiteral("B-009"), 2));
        QVERIFY(idle.wait(5000));
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().at(1).toBool(), false);
        QCOMPARE(output.played.size(), 1);
    }

    // A sound card that never reports the end is stopped after the sound's length and a grace period.
    void hungOutputIsStoppedAndTheQueueGoesOn()
    {
        QTemporaryDir dir;
        RecordingAudioOutput output(dir.path(), 600000);
        kiosk::VoiceSettings settings;
        settings.program = dir.filePath(QStringLiteral("no-such-espeak"));
        Announcer announcer(output, settings);
        QSignalSpy finished(&announcer, &Announcer::finished);
        QSignalSpy started(&announcer, &Announcer::started);
        announcer.announce(call(QStringLiteral("C-001"), 1));
        announcer.announce(call(QStringLiteral("C-002"), 2));
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().at(1).toBool(), false);
        QTRY_COMPARE(started.size(), 2);
        QCOMPARE(output.overlaps, 0);
    }

    // The real output on ALSA's "null" device (no sound card needed), an unknown device and a missing aplay.
    void alsaOutputReportsEachPlayback()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("aplay")).isEmpty())
            QSKIP("aplay is not installed (package alsa-utils; scripts/setup-deps installs it)");
        QTemporaryDir dir;
        const QString wav = dir.filePath(QStringLiteral("chime.wav"));
        QFile file(wav);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(PcmAudio::chime(22050).toWav());
        file.close();

        kiosk::AlsaAudioOutput null(QStringLiteral("null"));
        QSignalSpy played(&null, &kiosk::AudioOutput::finished);
        null.play(wav);
        QVERIFY(played.wait(5000));
        QCOMPARE(played.first().at(0).toBool(), true);

        kiosk::AlsaAudioOutput unknown(QStringLiteral("no-such-card"));
        QSignalSpy refused(&unknown, &kiosk::AudioOutput::finished);
        unknown.play(wav);
        QVERIFY(refused.wait(5000));
        QCOMPARE(refused.first().at(0).toBool(), false);
        QVERIFY2(refused.first().at(1).toString().contains(QStringLiteral("no-such-card")), qPrintable(refused.first().at(1).toString()));

        kiosk::AlsaAudioOutput missing({}, dir.filePath(QStringLiteral("no-aplay")));
        QSignalSpy failed(&missing, &kiosk::AudioOutput::finished);
        missing.play(wav);
        QVERIFY(failed.size() == 1 || failed.wait(5000));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(0).toBool(), false);
    }

    // Speech and sound card for real, on ALSA's null device: each call is rendered, played and done.
    void announcerOnAlsa()
    {
        if (espeak().isEmpty() || QStandardPaths::findExecutable(QStringLiteral("aplay")).isEmpty())
            QSKIP("espeak-ng or aplay is not installed (scripts/setup-deps installs both)");
        kiosk::AlsaAudioOutput output(QStringLiteral("null"));
        Announcer announcer(output);
        QSignalSpy finished(&announcer, &Announcer::finished);
        QSignalSpy idle(&announcer, &Announcer::idle);
        announcer.announce(call(QStringLiteral("A-021"), 1));
        announcer.announce(call(QStringLiteral("B-004"), 2));
        QVERIFY(idle.wait(20000));
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        QCOMPARE(finished.at(1).at(1).toBool(), true);
    }

    void volumeScalesTheSound()
    {
        QTemporaryDir dir;
        kiosk::VoiceSettings settings;
        settings.program = dir.filePath(QStringLiteral("no-such-espeak"));
        settings.volume = 25;
        RecordingAudioOutput output(dir.path());
        Announcer announcer(output, settings);
        QSignalSpy idle(&announcer, &Announcer::idle);
        announcer.announce(call(QStringLiteral("A-001"), 1));
        QVERIFY(idle.wait(5000));
        const PcmAudio quiet = readWav(output.played.first());
        const PcmAudio full = PcmAudio::chime(22050);
        QVERIFY(std::abs(quiet.rms(0, 1) / full.rms(0, 1) - 0.25) < 0.01);
    }
};

QTEST_GUILESS_MAIN(TestAnnouncer)
#include "tst_announcer.moc"
