// Call → waiting room: from CallBoard::showCall to (1) the board's models holding the call, (2) the
// calling display (CallingDisplay.qml, 1920×1080, offscreen) having swapped a frame that shows it, and
// (3) the voice started, i.e. the AudioOutput's play() invoked — with the speech rendered on demand by
// espeak-ng (a new number) and already rendered (the same words again, as a recall). Prints p50/p99/max
// in milliseconds over kCalls calls each. No assertions on time (tests/bench).
#include "announcer.h"
#include "audiooutput.h"
#include "kioskharness.h"

#include <QElapsedTimer>
#include <QQmlComponent>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using kiosk::QueueCall;
using kiosk::QueueKind;

namespace {
constexpr int kCalls = 50;

// The hardware boundary: notes when play() was invoked and "plays" for no time at all.
class InstantAudioOutput : public kiosk::AudioOutput
{
public:
    void play(const QString &) override
    {
        playedAt = clock ? clock->nsecsElapsed() : 0;
        ++plays;
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(true, {}); });
    }
    void stop() override { }
    const QElapsedTimer *clock = nullptr;
    qint64 playedAt = 0;
    int plays = 0;
};

QueueCall callNumber(int i, bool recall = false)
{
    return {QStringLiteral("A-%1").arg(i, 3, 10, QLatin1Char('0')), QueueKind::Request, i % 10 == 0, 1 + i % 2,
        QDateTime::currentDateTime(), recall};
}

void print(const char *what, std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    std::printf("%-44s %7.2f  %7.2f  %7.2f\n", what, ms.at(ms.size() / 2), ms.at(ms.size() * 99 / 100), ms.back());
}
} // namespace

class BenchCalls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void callToDisplayAndVoice()
    {
        qRegisterMetaType<kiosk::QueueCall>();
        KioskHarness h;
        QVERIFY(h.load({1280, 800}));
        QQmlComponent component(h.engine.get(), QUrl(QStringLiteral("qrc:/AnjunganDesa/CallingDisplay.qml")));
        std::unique_ptr<QQuickWindow> display(qobject_cast<QQuickWindow *>(component.create()));
        QVERIFY2(display, qPrintable(component.errorString()));
        display->resize(1920, 1080);
        display->show();
        QVERIFY(QTest::qWaitForWindowExposed(display.get()));
        kiosk::CallBoard &board = h.areas->board;

        std::printf("\ncall → waiting room, %d calls each, calling display 1920x1080 offscreen (%s)\n", kCalls,
            qPrintable(qEnvironmentVariable("QT_QUICK_BACKEND", QStringLiteral("default"))));
        std::printf("%-44s %7s  %7s  %7s\n", "", "p50 ms", "p99 ms", "max ms");

        std::vector<double> model, frame;
        QElapsedTimer clock;
        for (int i = 1; i <= kCalls; ++i) {
            QSignalSpy swapped(display.get(), &QQuickWindow::frameSwapped);
            clock.start();
            board.showCall(callNumber(i));
            model.push_back(clock.nsecsElapsed() / 1e6);
            QVERIFY(swapped.wait(3000));
            frame.push_back(clock.nsecsElapsed() / 1e6);
        }
        print("call -> board models updated", model);
        print("call -> display frame swapped", frame);

        if (QStandardPaths::findExecutable(QStringLiteral("espeak-ng")).isEmpty()) {
            std::printf("voice: espeak-ng is not installed, not measured (scripts/setup-deps installs it)\n");
            return;
        }
        InstantAudioOutput output;
        output.clock = &clock;
        kiosk::Announcer announcer(output);
        connect(&board, &kiosk::CallBoard::callShown, &announcer, &kiosk::Announcer::announce);
        QSignalSpy idle(&announcer, &kiosk::Announcer::idle);
        std::vector<double> onDemand, ready;
        for (int i = 1; i <= kCalls; ++i) {
            // A number not said before: espeak-ng renders it now.
            clock.start();
            board.showCall(callNumber(100 + i));
            QVERIFY(idle.wait(10000));
            onDemand.push_back(output.playedAt / 1e6);
            // The same words again: the rendered announcement is played as it is.
            clock.start();
            board.showCall(callNumber(100 + i));
            QVERIFY(idle.wait(10000));
            ready.push_back(output.playedAt / 1e6);
        }
        QCOMPARE(output.plays, 2 * kCalls);
        print("call -> voice started (rendered on demand)", onDemand);
        print("call -> voice started (already rendered)", ready);
    }
};

QTEST_MAIN(BenchCalls)
#include "bench_calls.moc"
