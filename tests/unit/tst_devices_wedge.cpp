#include "scanner.h"
#include "wedgescanner.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QSignalSpy>
#include <QTest>
#include <QWindow>

using namespace devices;

namespace {

/// A window that records the key events that reach it (none should, while the scanner runs).
class RecordingWindow : public QWindow
{
public:
    int keyEvents = 0;

protected:
    bool event(QEvent *e) override
    {
        if (e->type() == QEvent::KeyPress || e->type() == QEvent::KeyRelease)
            ++keyEvents;
        return QWindow::event(e);
    }
};

/// A plain object standing in for a Qt Quick item that receives forwarded or on-screen-keyboard keys.
class RecordingItem : public QObject
{
public:
    int keyEvents = 0;

protected:
    bool event(QEvent *e) override
    {
        if (e->type() == QEvent::KeyPress || e->type() == QEvent::KeyRelease) {
            ++keyEvents;
            return true;
        }
        return QObject::event(e);
    }
};

/// Sends press and release of one key with the given event timestamp (milliseconds).
void click(QObject *receiver, int key, const QString &text, quint64 timestamp)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, text);
    press.setTimestamp(timestamp);
    QCoreApplication::sendEvent(receiver, &press);
    QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, text);
    release.setTimestamp(timestamp + 1);
    QCoreApplication::sendEvent(receiver, &release);
}

int keyFor(QChar c)
{
    return c.isLetter() ? Qt::Key_A + (c.toUpper().unicode() - 'A') : c.unicode();
}

/// Types `text` starting at `start`, one key every `gapMs`; returns the time of the next key.
quint64 type(QObject *receiver, const QString &text, quint64 start, int gapMs)
{
    quint64 t = start;
    for (const QChar c : text) {
        click(receiver, keyFor(c), QString(c), t);
        t += quint64(gapMs);
    }
    return t;
}

} // namespace

/// The keyboard-wedge scanner's burst recognition, driven by event timestamps (no sleeps).
class TestWedge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_scanner = std::make_unique<WedgeScanner>();
        QVERIFY(m_scanner->start());
        QCOMPARE(m_scanner->state(), Scanner::State::Ready);
        m_window = std::make_unique<RecordingWindow>();
        m_time += 100000;
    }
    void cleanup()
    {
        m_scanner.reset();
        m_window.reset();
    }

    void fastBurstIsOneScan()
    {
        QSignalSpy spy(m_scanner.get(), &Scanner::scanned);
        const QString payload = QStringLiteral("3201234567890001");
        const quint64 t = type(m_window.get(), payload, m_time, 8);
        click(m_window.get(), Qt::Key_Return, QStringLiteral("\r"), t + 8);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), payload);
        QCOMPARE(m_window->keyEvents, 0);
    }

    void slowTypingIsNotAScan()
    {
        QSignalSpy spy(m_scanner.get(), &Scanner::scanned);
        const quint64 t = type(m_window.get(), QStringLiteral("3201234567"), m_time, 120);
        click(m_window.get(), Qt::Key_Enter, QStringLiteral("\r"), t);
        QCOMPARE(spy.count(), 0);
        // Typed keys are swallowed too: a physical keyboard never types into a form.
        QCOMPARE(m_window->keyEvents, 0);
        // A scan right after the typing still works.
        const quint64 next = type(m_window.get(), QStringLiteral("SQ1:ABCDEF"), t + 500, 10);
        click(m_window.get(), Qt::Key_Return, QStringLiteral("\r"), next);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("SQ1:ABCDEF"));
    }

    void burstWithoutEnterIsDropped()
    {
        QSignalSpy spy(m_scanner.get(), &Scanner::scanned);
        type(m_window.get(), QStringLiteral("ABCDEFGH"), m_time, 5);
        QCOMPARE(spy.count(), 0);
        // A later Enter (long after the burst) does not complete it.
        click(m_window.get(), Qt::Key_Return, QStringLiteral("\r"), m_time + 2000);
        QCOMPARE(spy.count(), 0);
        // The abandon timer also clears a dangling burst on its own, even if Enter then arrives in time.
        const quint64 t = type(m_window.get(), QStringLiteral("1234"), m_time + 5000, 5);
        auto *abandon = m_scanner->findChild<QTimer *>(QStringLiteral("abandonTimer"));
        QVERIFY(abandon);
        QVERIFY(abandon->isActive());
        QTRY_VERIFY_WITH_TIMEOUT(!abandon->isActive(), 5000);
        click(m_window.get(), Qt::Key_Return, QStringLiteral("\r"), t);
        QCOMPARE(spy.count(), 0);
    }

    void eventDeliveredTwiceCountsOnce()
    {
        QSignalSpy spy(m_scanner.get(), &Scanner::scanned);
        quint64 t = m_time;
        for (const QChar c : QStringLiteral("AB12")) {
            QKeyEvent press(QEvent::KeyPress, keyFor(c), Qt::NoModifier, QString(c));
            press.setTimestamp(t);
            // Delivered to the window twice (e.g. window, then re-sent by a forwarding layer).
            QCoreApplication::sendEvent(m_window.get(), &press);
            QCoreApplication::sendEvent(m_window.get(), &press);
            t += 10;
        }
        click(m_window.get(), Qt::Key_Return, QStringLiteral("\r"), t);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("AB12"));
    }

    void shortBurstIsNotAScan()
    {
        QSignalSpy spy(m_scanner.get(), &Scanner::scanned);
        const quint64 t = type(m_window.get(), QStringLiteral("ABC"), m_time, 5);
        click(m_window.get(), Qt::Key_Return, QStringLiteral("\r"), t);
        QCOMPARE(spy.count(), 0);
    }

    void keysToItemsPassThrough()
    {
        QSignalSpy spy(m_scanner.get(), &Scanner::scanned);
        RecordingItem item;
        const quint64 t = type(&item, QStringLiteral("ABCDEF"), m_time, 5);
        click(&item, Qt::Key_Return, QStringLiteral("\r"), t);
        QCOMPARE(item.keyEvents, 14);
        QCOMPARE(spy.count(), 0);
    }

    void unknownScheme()
    {
        QString error;
        QVERIFY(!createScanner(QStringLiteral("bluetooth:00:11"), &error));
        QVERIFY(error.contains(QStringLiteral("tidak dikenal")));
        auto wedge = createScanner(QStringLiteral("wedge:"), &error);
        QVERIFY(wedge);
        QCOMPARE(wedge->uri(), QStringLiteral("wedge:"));
    }

private:
    std::unique_ptr<WedgeScanner> m_scanner;
    std::unique_ptr<RecordingWindow> m_window;
    quint64 m_time = 0;
};

QTEST_MAIN(TestWedge)
#include "tst_devices_wedge.moc"
