#include "networksettings.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QPasswordDigestor>
#include <QSet>

namespace netapply {

namespace {
constexpr qsizetype kMaxSpoolBytes = 4096;
constexpr int kMaxDns = 3;

bool hasControlCharacter(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

bool isHex(const QString &text, qsizetype length)
{
    return text.size() == length && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.isDigit() || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
    });
}

struct Subnet {
    QHostAddress address;
    int prefix = -1;
};

// "192.168.1.20/24" as address and prefix length; prefix -1 when it is not one.
Subnet parseAddressWithPrefix(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    if (parts.size() != 2 || !isHostAddress(parts[0]))
        return {};
    bool ok = false;
    const int prefix = parts[1].toInt(&ok);
    const QHostAddress address(parts[0]);
    // IPv4 /31 and /32 leave no room for a gateway in the subnet.
    const int maxPrefix = address.protocol() == QAbstractSocket::IPv4Protocol ? 30 : 128;
    if (!ok || prefix < 1 || prefix > maxPrefix || parts[1] != QString::number(prefix))
        return {};
    return {address, prefix};
}

// The IPv4 network and broadcast addresses of a subnet are not hosts.
bool isNetworkOrBroadcast(const Subnet &subnet)
{
    if (subnet.address.protocol() != QAbstractSocket::IPv4Protocol)
        return false;
    const quint32 mask = subnet.prefix == 0 ? 0 : ~quint32(0) << (32 - subnet.prefix);
    const quint32 host = subnet.address.toIPv4Address() & ~mask;
    return host == 0 || host == ~mask;
}
} // namespace

QStringList wirelessInterfaces(const QString &sysClassNet)
{
    QStringList names;
    const QDir dir(sysClassNet);
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::System)) {
        if (QFileInfo::exists(dir.filePath(name + QStringLiteral("/wireless"))))
            names << name;
    }
    return names;
}

bool isHostAddress(const QString &text)
{
    QHostAddress address;
    if (text.trimmed() != text || text.contains(QLatin1Char('%')) || !address.setAddress(text))
        return false;
    if (address.isLoopback() || address.isMulticast() || address.isBroadcast() || address == QHostAddress::AnyIPv4
        || address == QHostAddress::AnyIPv6)
        return false;
    return address.protocol() != QAbstractSocket::IPv4Protocol || (address.toIPv4Address() >> 24) != 0;
}

QString NetworkSettings::derivePsk(const QString &ssid, const QString &passphrase)
{
    // WPA2-PSK: 8–63 printable ASCII characters, PBKDF2-HMAC-SHA1 with the SSID as salt, 4096 rounds, 256 bits.
    if (passphrase.size() < 8 || passphrase.size() > 63
        || !std::all_of(passphrase.cbegin(), passphrase.cend(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; }))
        return {};
    return QString::fromLatin1(
        QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha1, passphrase.toLatin1(), ssid.toUtf8(), 4096, 32).toHex());
}

QString NetworkSettings::problem() const
{
    if (uplink == Uplink::Wifi) {
        const qsizetype bytes = ssid.toUtf8().size();
        if (bytes < 1 || bytes > 32 || hasControlCharacter(ssid))
            return QStringLiteral("Nama Wi-Fi (SSID) harus 1–32 huruf tanpa karakter kendali.");
        if (!isHex(psk, 64))
            return QStringLiteral("Kata sandi Wi-Fi harus 8–63 huruf, angka atau tanda baca.");
    } else if (!ssid.isEmpty() || !psk.isEmpty()) {
        return QStringLiteral("Jaringan kabel tidak memakai nama dan kata sandi Wi-Fi.");
    }
    if (addressing == Addressing::Dhcp) {
        if (!address.isEmpty() || !gateway.isEmpty() || !dns.isEmpty())
            return QStringLiteral("Dengan DHCP, alamat, gateway dan DNS diberikan oleh jaringan: kosongkan isiannya.");
        return {};
    }
    const Subnet subnet = parseAddressWithPrefix(address);
    if (subnet.prefix < 0 || isNetworkOrBroadcast(subnet))
        return QStringLiteral("Alamat IP harus ditulis seperti 192.168.1.20/24 (alamat perangkat, garis miring, panjang prefiks).");
    if (!isHostAddress(gateway) || QHostAddress(gateway).protocol() != subnet.address.protocol())
        return QStringLiteral("Gateway harus satu alamat IP, misalnya 192.168.1.1.");
    if (QHostAddress(gateway) == subnet.address || !QHostAddress(gateway).isInSubnet(subnet.address, subnet.prefix))
        return QStringLiteral("Gateway harus berada di jaringan yang sama dengan alamat IP dan berbeda darinya.");
    if (dns.isEmpty() || dns.size() > kMaxDns)
        return QStringLiteral("Isi 1 sampai 3 alamat DNS, dipisah spasi.");
    for (const QString &server : dns) {
        if (!isHostAddress(server))
            return QStringLiteral("Alamat DNS \"%1\" bukan alamat IP.").arg(server);
    }
    return {};
}

QByteArray NetworkSettings::toSpool() const
{
    QByteArray text = "# The kiosk's network settings from its first-boot screen; anjungan-netapply applies them.\n";
    text += "uplink=" + QByteArray(uplink == Uplink::Wifi ? "wifi" : "wired") + '\n';
    text += "addressing=" + QByteArray(addressing == Addressing::Static ? "static" : "dhcp") + '\n';
    if (addressing == Addressing::Static) {
        text += "address=" + address.toUtf8() + '\n';
        text += "gateway=" + gateway.toUtf8() + '\n';
        text += "dns=" + dns.join(QLatin1Char(' ')).toUtf8() + '\n';
    }
    if (uplink == Uplink::Wifi) {
        text += "ssid=" + ssid.toUtf8() + '\n';
        text += "psk=" + psk.toLatin1() + '\n';
    }
    return text;
}

std::optional<NetworkSettings> NetworkSettings::fromSpool(const QByteArray &text, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (text.size() > kMaxSpoolBytes)
        return fail(QStringLiteral("berkas pengaturan jaringan terlalu besar"));
    NetworkSettings s;
    QSet<QString> seen;
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        const QString key = line.left(eq);
        const QString value = line.mid(eq + 1);
        if (eq <= 0 || hasControlCharacter(line) || line.contains(QChar::ReplacementCharacter))
            return fail(QStringLiteral("baris tidak dapat dibaca: \"%1\"").arg(line.left(40)));
        if (seen.contains(key))
            return fail(QStringLiteral("kunci %1 muncul dua kali").arg(key));
        seen.insert(key);
        if (key == QLatin1String("uplink") && (value == QLatin1String("wired") || value == QLatin1String("wifi")))
            s.uplink = value == QLatin1String("wifi") ? Uplink::Wifi : Uplink::Wired;
        else if (key == QLatin1String("addressing") && (value == QLatin1String("dhcp") || value == QLatin1String("static")))
            s.addressing = value == QLatin1String("static") ? Addressing::Static : Addressing::Dhcp;
        else if (key == QLatin1String("address"))
            s.address = value;
        else if (key == QLatin1String("gateway"))
            s.gateway = value;
        else if (key == QLatin1String("dns"))
            s.dns = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        else if (key == QLatin1String("ssid"))
            s.ssid = value;
        else if (key == QLatin1String("psk"))
            s.psk = value;
        else
            return fail(QStringLiteral("kunci atau nilai tidak dikenal: %1").arg(line.left(40)));
    }
    if (!seen.contains(QStringLiteral("uplink")) || !seen.contains(QStringLiteral("addressing")))
        return fail(QStringLiteral("uplink dan addressing wajib ada"));
    if (const QString why = s.problem(); !why.isEmpty())
        return fail(why);
    return s;
}

QByteArray NetworkSettings::networkFile() const
{
    QByteArray text = "# Written by anjungan-netapply from the kiosk's first-boot settings; the image's defaults apply without it.\n";
    text += "[Match]\nType=" + QByteArray(uplink == Uplink::Wifi ? "wlan" : "ether") + "\n\n[Network]\n";
    if (addressing == Addressing::Dhcp) {
        text += "DHCP=yes\n";
        return text;
    }
    text += "Address=" + address.toUtf8() + '\n';
    text += "Gateway=" + gateway.toUtf8() + '\n';
    for (const QString &server : dns)
        text += "DNS=" + server.toUtf8() + '\n';
    return text;
}

QByteArray NetworkSettings::wpaSupplicantConfig() const
{
    if (uplink != Uplink::Wifi)
        return {};
    // The SSID in hex: no quoting rules to get wrong, whatever characters the network's name has.
    return "# Written by anjungan-netapply from the kiosk's first-boot settings.\nnetwork={\n\tssid=" + ssid.toUtf8().toHex()
        + "\n\tscan_ssid=1\n\tkey_mgmt=WPA-PSK\n\tpsk=" + psk.toLatin1().toLower() + "\n}\n";
}

} // namespace netapply
