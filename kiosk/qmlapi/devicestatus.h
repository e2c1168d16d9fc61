#pragma once

#include <QMap>
#include <QObject>
#include <QStringList>

namespace devices {
enum class DeviceState;
} // namespace devices

namespace kiosk {

/// What the scanners and printers are doing: the banner citizens see when the ticket printer
/// cannot print, and one line per device for staff and technicians.
class DeviceStatus : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString printerNotice READ printerNotice NOTIFY printerNoticeChanged)
    Q_PROPERTY(QStringList deviceStates READ deviceStates NOTIFY deviceStatesChanged)

public:
    using QObject::QObject;

    /// What a citizen should know about the ticket printer right now (empty when it is fine).
    [[nodiscard]] QString printerNotice() const { return m_printerNotice; }
    /// One line per scanner and printer ("Pemindai usb:…: siap").
    [[nodiscard]] QStringList deviceStates() const;
    /// What `device` (a scanner's URI, a printer role) is doing now, in Bahasa Indonesia.
    void setDeviceState(const QString &device, const QString &state);

public Q_SLOTS:
    /// From the print tracker: a printer's state changed (role "ticket" or "letter").
    void handlePrinterState(const QString &role, devices::DeviceState state, const QString &message);

Q_SIGNALS:
    void printerNoticeChanged();
    void deviceStatesChanged();

private:
    QString m_printerNotice;
    QMap<QString, QString> m_deviceStates; // device → state line
};

} // namespace kiosk
