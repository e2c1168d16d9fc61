#pragma once

#include "keypad.h"

#include <QByteArray>
#include <QTimer>

class QSocketNotifier;

namespace devices {

/// A keypad read from a Linux input event device (evdev:/dev/input/by-id/…-event-kbd), grabbed so
/// its keys reach neither the kiosk's screens nor the console. Key presses (not releases or autorepeat)
/// of the mapped keys become actions. A device that goes away is opened again when it returns; a FIFO
/// that carries the same input_event records is the test device.
class EvdevKeypad : public Keypad
{
    Q_OBJECT
public:
    explicit EvdevKeypad(QString path, QObject *parent = nullptr);
    ~EvdevKeypad() override;

    [[nodiscard]] QString uri() const override { return QStringLiteral("evdev:") + m_path; }
    bool start() override;
    [[nodiscard]] QString lastError() const override { return m_lastError; }

    /// How often a missing device is looked for again, in milliseconds.
    static constexpr int kReopenMs = 1000;

private:
    bool open();
    void close();
    void readEvents();

    QString m_path;
    QString m_lastError;
    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_pending; // a partial input_event from the last read
    QTimer m_reopen;
};

} // namespace devices
