#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <optional>

namespace devices {

/// A loket's numeric keypad ("bel antrian"): a keyboard device that only calls the queue, never types
/// into the kiosk. Implementations are chosen by URI scheme (`evdev:PATH`), see createKeypad().
class Keypad : public QObject
{
    Q_OBJECT
public:
    /// What a key asks the loket to do.
    enum class Action {
        CallNext, // Enter, +
        Recall, // . or −
        Skip, // 0
    };
    Q_ENUM(Action)

    using QObject::QObject;
    ~Keypad() override = default;

    [[nodiscard]] virtual QString uri() const = 0;
    /// Starts reading; false (with a reason in lastError()) when the device is unusable. A device not
    /// plugged in yet is not an error: it is picked up when it appears.
    virtual bool start() = 0;
    [[nodiscard]] virtual QString lastError() const { return {}; }

Q_SIGNALS:
    void pressed(devices::Keypad::Action action);
};

/// The action of a Linux key code (linux/input-event-codes.h); nullopt for a key without one.
[[nodiscard]] std::optional<Keypad::Action> keypadAction(int linuxKeyCode);

/// Builds the keypad for `uri`; nullptr (and *error set) for an unknown scheme.
[[nodiscard]] std::unique_ptr<Keypad> createKeypad(const QString &uri, QString *error = nullptr);

} // namespace devices
