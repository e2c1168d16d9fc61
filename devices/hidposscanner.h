#pragma once

#include "hidposreportparser.h"
#include "scanner.h"

#include <QMutex>
#include <optional>

namespace devices {

/// Where a USB scanner is in its life; the technician view shows it.
enum class UsbScannerState {
    Stopped,
    WaitingForDevice, ///< Not plugged in (or unplugged); it is picked up again when it arrives.
    Connected,
    Failed, ///< Plugged in but unusable (no permission, interface busy); retried periodically.
};

/// A HID POS barcode scanner (`usb:VID:PID`, hex) read over libusb on its own thread, with hotplug and reconnect.
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
    [[nodiscard]] UsbScannerState state() const;

Q_SIGNALS:
    /// A complete scan with its AIM symbology identifier (e.g. "]Q1"), emitted before scanned().
    void decoded(const QByteArray &data, const QString &symbology);

private:
    struct Worker;
    friend struct Worker;
    void setState(UsbScannerState state, const QString &message);

    quint16 m_vendorId;
    quint16 m_productId;
    mutable QMutex m_mutex;
    UsbScannerState m_state = UsbScannerState::Stopped;
    QString m_message;
    QString m_lastError;
    std::unique_ptr<Worker> m_worker;
};

} // namespace devices
