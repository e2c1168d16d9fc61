#include "devicestatus.h"

#include "printer.h"

namespace kiosk {

QStringList DeviceStatus::deviceStates() const
{
    QStringList lines;
    for (auto it = m_deviceStates.cbegin(); it != m_deviceStates.cend(); ++it)
        lines << QStringLiteral("%1 — %2").arg(it.key(), it.value());
    return lines;
}

void DeviceStatus::setDeviceState(const QString &device, const QString &state)
{
    if (m_deviceStates.value(device) == state)
        return;
    m_deviceStates.insert(device, state);
    Q_EMIT deviceStatesChanged();
}

void DeviceStatus::handlePrinterState(const QString &role, devices::DeviceState state, const QString &message)
{
    setDeviceState(role == QLatin1String("ticket") ? tr("Printer tiket") : tr("Printer surat"), message.isEmpty() ? tr("siap") : message);
    if (role != QLatin1String("ticket"))
        return;
    const QString notice = devices::canPrint(state) ? QString() : message;
    if (notice != m_printerNotice) {
        m_printerNotice = notice;
        Q_EMIT printerNoticeChanged();
    }
}

} // namespace kiosk
