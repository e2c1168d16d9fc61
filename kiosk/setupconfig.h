#pragma once

#include "config.h"
#include "kioskresult.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace kiosk {

/// Where a unit that is not enrolled yet keeps what its first-boot screen sets up.
struct SetupPaths {
    QString configFile; // the kiosk's configuration, written after enrollment
    QString dataDir; // the kiosk's data folder
    QString caFile; // the pinned deployment CA enrollment trusts; empty when the unit has none
    QString clientCert; // written by enrollment
    QString clientKey; // written by enrollment (0600)
    QString networkSpool; // the network settings anjungan-netapply applies (root, image/systemd/anjungan-netapply.path)
};

/// The first boot of a unit: whether it must be set up, the paths it uses, and the configuration it writes.
/// A unit needs setting up when its configuration file is missing, names no backend ([server] url), or names a
/// client certificate that is not there (provisioned but not enrolled). A configuration with a backend and no
/// client certificate at all serves offline as before.
class SetupConfig
{
public:
    /// The deployment CA an appliance image carries (image/build --deployment-ca).
    static constexpr auto kImageCaFile = "/usr/share/anjungan/deployment-ca.crt";

    [[nodiscard]] static bool needed(const QString &configPath);
    /// The paths from the file where it names them, else the appliance's defaults: data in $STATE_DIRECTORY (systemd)
    /// or /var/lib/anjungan, the CA beside the configuration (ca.crt) or the image's, key and certificate in the data folder.
    [[nodiscard]] static SetupPaths paths(const QString &configPath);
    /// A configuration to run the UI with until enrollment: no backend, a placeholder id, the office name if the file has one.
    [[nodiscard]] static KioskConfig provisional(const SetupPaths &paths);
    /// The backend URL the file names, if any (the setup screen starts from it).
    [[nodiscard]] static QString configuredServerUrl(const QString &configPath);
    /// Writes `values` ("section/key" → value) into the configuration file (QSaveFile): created when missing, else
    /// only these keys change and every other line (comments included) stays.
    [[nodiscard]] static Status write(const QString &configPath, const QMap<QString, QString> &values);
    /// `text` (an INI file) with each value set: the key's line replaced in its section, or added to the section.
    [[nodiscard]] static QByteArray withValues(const QByteArray &text, const QMap<QString, QString> &values);
};

} // namespace kiosk
