#pragma once

#include <QObject>
#include <QString>
#include <memory>

namespace devices {

/// A source of decoded barcode/QR payloads. Implementations are chosen by URI scheme
/// (`wedge:`, `usb:VID:PID`, `camera:N`, `file:PATH`), see createScanner().
class Scanner : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Scanner() override = default;

    [[nodiscard]] virtual QString uri() const = 0;
    /// Starts delivering scans; false (with a reason in lastError()) when the device is unusable.
    virtual bool start() = 0;
    [[nodiscard]] virtual QString lastError() const { return {}; }
    /// One line for the technician view about the device's state, in Bahasa Indonesia.
    [[nodiscard]] virtual QString describeState() const { return QStringLiteral("siap"); }

Q_SIGNALS:
    /// One complete scan, exactly as the scanner decoded it (not yet classified).
    void scanned(const QString &payload);
    /// describeState() changed (device plugged in, unplugged, failed).
    void stateChanged();
};

/// Builds the scanner for `uri`; nullptr (and *error set) for an unknown scheme.
[[nodiscard]] std::unique_ptr<Scanner> createScanner(const QString &uri, QString *error = nullptr);

} // namespace devices
