#include "settingsfile.h"

#include <QFile>
#include <QSettings>
#include <algorithm>

namespace backend {

SettingsFile::SettingsFile() = default;
SettingsFile::SettingsFile(SettingsFile &&) noexcept = default;
SettingsFile &SettingsFile::operator=(SettingsFile &&) noexcept = default;
SettingsFile::~SettingsFile() = default;

Result<SettingsFile> SettingsFile::open(const QString &path)
{
    SettingsFile file;
    if (path.isEmpty() || !QFile::exists(path))
        return file;
    file.m_ini = std::make_unique<QSettings>(path, QSettings::IniFormat);
    if (file.m_ini->status() != QSettings::NoError)
        return Error {ErrorCode::Io, QStringLiteral("Berkas pengaturan %1 tidak dapat dibaca.").arg(path)};
    return file;
}

int SettingsFile::number(const char *key, int fallback, int minimum) const
{
    bool ok = false;
    const int v = m_ini ? m_ini->value(QLatin1String(key)).toInt(&ok) : 0;
    return ok ? std::max(minimum, v) : fallback;
}

QString SettingsFile::text(const char *key) const
{
    return m_ini ? m_ini->value(QLatin1String(key)).toString().trimmed() : QString();
}

} // namespace backend
