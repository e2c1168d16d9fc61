// A loket's numeric keypad: Linux input events written to a FIFO (the evdev scheme's test device)
// become call / recall / skip; releases, autorepeat and other keys do nothing.
#include "keypad.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <linux/input.h>
#include <sys/stat.h>
#include <unistd.h>

using devices::Keypad;

namespace {
QByteArray inputEvent(quint16 type, quint16 code, qint32 value)
{
    input_event e {};
    e.type = type;
    e.code = code;
    e.value = value;
    return QByteArray(reinterpret_cast<const char *>(&e), sizeof e);
}
QByteArray press(quint16 code)
{
    return inputEvent(EV_KEY, code, 1) + inputEvent(EV_SYN, SYN_REPORT, 0) + inputEvent(EV_KEY, code, 0)
        + inputEvent(EV_SYN, SYN_REPORT, 0);
}
bool writeAll(const QString &path, const QByteArray &bytes)
{
    // Non-blocking: with no reader (the keypad reopening) this fails at once and the caller tries again.
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size();
    ::close(fd);
    return ok;
}
// Writes once the keypad has the FIFO open again (it reopens on its timer, on this thread's event loop).
bool writeWhenOpen(const QString &path, const QByteArray &bytes)
{
    QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired()) {
        if (writeAll(path, bytes))
            return true;
        QTest::qWait(20);
    }
    return false;
}
} // namespace

class TestKeypad : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void keyMapMatchesTheReadme_data()
    {
        // Independent of keypad.cpp's table: the mapping the README promises (linux/input-event-codes.h numbers).
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("action");
        QTest::newRow("KP Enter") << 96 << QStringLiteral("next");
        QTest::newRow("Enter") << 28 << QStringLiteral("next");
        QTest::newRow("KP +") << 78 << QStringLiteral("next");
        QTest::newRow("KP .") << 83 << QStringLiteral("recall");
        QTest::newRow(".") << 52 << QStringLiteral("recall");
        QTest::newRow("KP -") << 74 << QStringLiteral("recall");
        QTest::newRow("-") << 12 << QStringLiteral("recall");
        QTest::newRow("KP 0") << 82 << QStringLiteral("skip");
        QTest::newRow("0") << 11 << QStringLiteral("skip");
        QTest::newRow("KP 5") << 76 << QString();
        QTest::newRow("A") << 30 << QString();
        QTest::newRow("Num Lock") << 69 << QString();
    }
    void keyMapMatchesTheReadme()
    {
        QFETCH(int, code);
        QFETCH(QString, action);
        const auto mapped = devices::keypadAction(code);
        const QString got = !mapped               ? QString()
            : *mapped == Keypad::Action::CallNext ? QStringLiteral("next")
            : *mapped == Keypad::Action::Recall   ? QStringLiteral("recall")
                                                  : QStringLiteral("skip");
        QCOMPARE(got, action);
    }

    void fifoEventsBecomeActions()
    {
        const QString path = m_dir.filePath(QStringLiteral("keypad1"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        QString error;
        auto keypad = devices::createKeypad(QStringLiteral("evdev:") + path, &error);
        QVERIFY2(keypad, qPrintable(error));
        QCOMPARE(keypad->uri(), QStringLiteral("evdev:") + path);
        QVERIFY2(keypad->start(), qPrintable(keypad->lastError()));
        QList<Keypad::Action> actions;
        connect(keypad.get(), &Keypad::pressed, this, [&actions](Keypad::Action a) { actions.append(a); });
        // A held key's autorepeat (value 2) and a letter do nothing.
        QVERIFY(writeAll(path,
            press(KEY_KPENTER) + press(KEY_KPDOT) + inputEvent(EV_KEY, KEY_KPDOT, 2) + press(KEY_A) + press(KEY_KP0) + press(KEY_KPPLUS)));
        QTRY_COMPARE(actions.size(), 4);
        QCOMPARE(actions,
            (QList<Keypad::Action> {Keypad::Action::CallNext, Keypad::Action::Recall, Keypad::Action::Skip, Keypad::Action::CallNext}));
        // The writer went away and came back (a keypad unplugged and plugged in): read again.
        QVERIFY(writeWhenOpen(path, press(KEY_KPMINUS)));
        QTRY_COMPARE(actions.size(), 5);
        QCOMPARE(actions.constLast(), Keypad::Action::Recall);
    }

    void missingDeviceIsWaitedFor()
    {
        const QString path = m_dir.filePath(QStringLiteral("later"));
        auto keypad = devices::createKeypad(QStringLiteral("evdev:") + path);
        QVERIFY(keypad);
        QVERIFY(keypad->start());
        QVERIFY(keypad->lastError().contains(QStringLiteral("tidak dapat dibuka")));
        QList<Keypad::Action> actions;
        connect(keypad.get(), &Keypad::pressed, this, [&actions](Keypad::Action a) { actions.append(a); });
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        QVERIFY(writeWhenOpen(path, press(KEY_KP0)));
        QTRY_COMPARE(actions, QList<Keypad::Action> {Keypad::Action::Skip});
    }

    void unknownScheme()
    {
        QString error;
        QVERIFY(!devices::createKeypad(QStringLiteral("wedge:"), &error));
        QVERIFY(error.contains(QStringLiteral("evdev:")));
    }
};

QTEST_GUILESS_MAIN(TestKeypad)
#include "tst_devices_keypad.moc"
