#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace netapply {

/// How the kiosk reaches the network: the settings a technician enters on the first-boot screen, written by the
/// unprivileged kiosk into its spool file and applied by root (anjungan-netapply), which checks them again.
/// The Wi-Fi passphrase never leaves the kiosk: the spool holds the WPA pre-shared key derived from it.
struct NetworkSettings {
    enum class Uplink { Wired, Wifi };
    enum class Addressing { Dhcp, Static };

    Uplink uplink = Uplink::Wired;
    Addressing addressing = Addressing::Dhcp;
    QString address; // static: "192.168.1.20/24"
    QString gateway; // static: in the address's subnet
    QStringList dns; // static: 1–3 name servers
    QString ssid; // Wi-Fi: 1–32 bytes, no control characters
    QString psk; // Wi-Fi: 64 hex digits (WPA2-PSK)

    /// The WPA pre-shared key of a passphrase (8–63 printable ASCII) for `ssid`; empty when the passphrase is not one.
    [[nodiscard]] static QString derivePsk(const QString &ssid, const QString &passphrase);

    /// Empty when the settings can be applied; otherwise what is wrong, in Bahasa Indonesia.
    [[nodiscard]] QString problem() const;

    /// The spool file's text (`key=value` lines); only valid settings are written.
    [[nodiscard]] QByteArray toSpool() const;
    /// Parses a spool file; nullopt with `error` set on unknown keys, control characters, oversize or invalid values.
    [[nodiscard]] static std::optional<NetworkSettings> fromSpool(const QByteArray &text, QString *error);

    /// The systemd-networkd .network file for the uplink (matched by interface type).
    [[nodiscard]] QByteArray networkFile() const;
    /// wpa_supplicant's configuration for the uplink; empty for a wired uplink.
    [[nodiscard]] QByteArray wpaSupplicantConfig() const;
};

/// The network interfaces below `sysClassNet` that are wireless (they have a `wireless` folder).
[[nodiscard]] QStringList wirelessInterfaces(const QString &sysClassNet = QStringLiteral("/sys/class/net"));

/// Whether `text` is one unicast host address (IPv4 or IPv6) a kiosk may use or be pointed at.
[[nodiscard]] bool isHostAddress(const QString &text);

} // namespace netapply
