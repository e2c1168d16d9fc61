#pragma once

#include "hidposreportparser.h"
#include "scanner.h"

#include <QMutex>
#include <optional>

namespace devices {

/// A HID POS barcode scanner (`usb:VID:PID`, hex) read over libusb on its own thread, with hotplug and reconnect.
/// Waiting: not plugged in (or unplugged), picked up again when it arrives; Error: plugged in but unusable
/// (no permission, interface busy), retried periodically.
class HidPosScanner : public Scanner
{
    Q_OBJECT
public:
    HidPosScanner(quint16 vendorId, quint16 productId, QObject *parent = nullptr);
    ~HidPosScanner() override;
    HidPosScanner(const HidPosScanner &) = delete;
    HidPosScanner &operator=(const HidPosScanner &) = delete;

    /// "usb:0c2e:0b61" → {0x0c2e, 0x0b61}; nullopt when malformed.
    [[nodiscard]] static std::optional<std::pair<quint16, quint16>> parseUri(const QString &uri);

    [[nodiscard]] QString uri() const override;
    /// Starts the USB thread. The device need not be present yet; false only when libusb cannot start.
    bool start() override;
    /// Stops the USB thread and releases the device; start() may be called again.
    void stop();
    [[nodiscard]] QString lastError() const override;
    [[nodiscard]] QString describeState() const override;

Q_SIGNALS:
    /// A complete scan with its AIM symbology identifier (e.g. "]Q1"), emitted before scanned().
    void decoded(const QByteArray &data, const QString &symbology);

private:
    struct Worker;
    friend struct Worker;
    void setState(State state, const QString &message);

    quint16 m_vendorId;
    quint16 m_productId;
    mutable QMutex m_mutex;
    QString m_message;
    QString m_lastError;
    std::unique_ptr<Worker> m_worker;
};

} // namespace devices
