#pragma once

#include "setupconfig.h"

#include <QObject>
#include <QString>

class QThread;

namespace kiosk {

/// The first-boot technician screen ("Pemasangan anjungan"): the network as the unit sees it, the network settings
/// spooled for the root helper, a check of the way to the backend (DNS, TCP, TLS), and enrollment with a one-time code
/// (serverlink::KioskEnrollment), after which the configuration names the backend and the kiosk restarts to serve.
class FirstBootSetup : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool active READ active NOTIFY activeChanged)
    /// Opened from technician mode on an enrolled unit: only the backend and the code; the old identity serves until
    /// the new one is saved.
    Q_PROPERTY(bool reenrolling READ reenrolling NOTIFY activeChanged)
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY changed)
    /// Which deployment CA the enrollment trusts, or why there is none, in plain words.
    Q_PROPERTY(QString trustNote READ trustNote NOTIFY changed)
    Q_PROPERTY(bool wifiAvailable READ wifiAvailable NOTIFY networkChanged)
    /// One line per network interface: name, cable or Wi-Fi, connected or not, addresses.
    Q_PROPERTY(QStringList interfaces READ interfaces NOTIFY networkChanged)
    Q_PROPERTY(QString networkMessage READ networkMessage NOTIFY networkChanged)
    /// The DNS, TCP and TLS steps to the backend, one line each, after checkConnection().
    Q_PROPERTY(QStringList connectionReport READ connectionReport NOTIFY connectionChanged)
    Q_PROPERTY(bool checking READ checking NOTIFY connectionChanged)

public:
    enum class State { Idle, Enrolling, Failed, Enrolled };
    Q_ENUM(State)

    explicit FirstBootSetup(QObject *parent = nullptr);
    ~FirstBootSetup() override;

    /// Shows the setup screen for the unit described by `paths` (the composition root, when SetupConfig::needed()).
    void begin(const SetupPaths &paths, const QString &serverUrl = {});

    /// Shows the enrollment part of the screen on a unit that serves (technician mode's "Daftar ulang dengan kode baru").
    void beginReenrollment(const SetupPaths &paths, const QString &serverUrl);

    [[nodiscard]] bool active() const { return m_active; }
    [[nodiscard]] bool reenrolling() const { return m_reenrolling; }
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QString message() const { return m_message; }
    [[nodiscard]] QString serverUrl() const { return m_serverUrl; }
    [[nodiscard]] QString trustNote() const;
    [[nodiscard]] bool wifiAvailable() const;
    [[nodiscard]] QStringList interfaces() const { return m_interfaces; }
    [[nodiscard]] QString networkMessage() const { return m_networkMessage; }
    [[nodiscard]] QStringList connectionReport() const { return m_connectionReport; }
    [[nodiscard]] bool checking() const { return m_checking; }

    /// Validates and spools network settings; false with networkMessage saying what to fix. `dns`: addresses split by
    /// spaces or commas; `prefixedAddress`: "192.168.1.20/24".
    Q_INVOKABLE bool applyNetwork(bool wifi, bool staticAddressing, const QString &prefixedAddress, const QString &gateway,
        const QString &dns, const QString &ssid, const QString &passphrase);
    /// Reads the interfaces again (and what anjungan-netapply said about the last settings).
    Q_INVOKABLE void refreshNetwork();
    /// Resolves, connects and shakes hands (TLS, pinned to the deployment CA) with the backend at `url`.
    Q_INVOKABLE void checkConnection(const QString &url);
    /// Enrolls with a one-time code on a worker thread; state and message follow.
    Q_INVOKABLE void enroll(const QString &url, const QString &code);
    /// After enrollment: leaves the setup screen (the composition root restarts the kiosk on finished()).
    Q_INVOKABLE void finish();
    /// Closes a re-enrollment that has not succeeded (back to technician mode; the old identity stays).
    Q_INVOKABLE void cancel();

protected:
    /// The interface lines and the CA note are composed in C++: composed again when the language changes.
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void activeChanged();
    void changed();
    void networkChanged();
    void connectionChanged();
    /// Enrollment succeeded and the configuration is written: the kiosk should start serving with it.
    void finished();
    /// Every enrollment's outcome: `detail` is the kiosk id on success, why it failed otherwise.
    void enrollmentEnded(bool ok, const QString &detail);

private:
    void setState(State state, const QString &message);
    void handleEnrolled(bool ok, const QString &message, const QString &kioskId, const QString &desaCode, const QString &url);

    SetupPaths m_paths;
    bool m_active = false;
    bool m_reenrolling = false;
    State m_state = State::Idle;
    QString m_message;
    QString m_serverUrl;
    QStringList m_interfaces;
    QString m_networkMessage;
    QStringList m_connectionReport;
    bool m_checking = false;
    QThread *m_worker = nullptr;
};

} // namespace kiosk
