#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

namespace devices {

/// A source of decoded barcode/QR payloads. Implementations are chosen by URI scheme
/// (`wedge:`, `usb:VID:PID`, `camera:N`, `camera:/DIR` (a recording), `file:PATH`), see createScanner().
class Scanner : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
public:
    /// Where a scanner is; programs (kioskctl, the heartbeat, tests) read this, people read describeState().
    enum class State {
        Stopped, ///< Not started yet, or stopped.
        Waiting, ///< Started, but its device is not there (not plugged in, unplugged); picked up when it arrives.
        Ready, ///< Delivering scans.
        Error, ///< Unusable until someone acts (no permission, camera failed, file missing); see describeState().
    };
    Q_ENUM(State)

    using QObject::QObject;
    ~Scanner() override = default;

    [[nodiscard]] virtual QString uri() const = 0;
    /// Starts delivering scans; false (with a reason in lastError()) when the device is unusable.
    virtual bool start() = 0;
    [[nodiscard]] virtual QString lastError() const { return {}; }
    /// Thread-safe: the scanner's state as of now.
    [[nodiscard]] State state() const { return m_state.load(); }
    /// One line for the technician view about the device's state, in Bahasa Indonesia.
    [[nodiscard]] virtual QString describeState() const;

Q_SIGNALS:
    /// One complete scan, exactly as the scanner decoded it (not yet classified).
    void scanned(const QString &payload);
    /// state() or describeState() changed (device plugged in, unplugged, failed).
    void stateChanged();

protected:
    /// Records the state from any thread; the implementation emits stateChanged() on its own thread.
    void setState(State state) { m_state.store(state); }

private:
    std::atomic<State> m_state {State::Stopped};
};

/// Builds the scanner for `uri`; nullptr (and *error set) for an unknown scheme.
[[nodiscard]] std::unique_ptr<Scanner> createScanner(const QString &uri, QString *error = nullptr);

} // namespace devices
