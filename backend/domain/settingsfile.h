#pragma once

#include "result.h"

#include <QString>
#include <memory>

class QSettings;

namespace backend {

/// The backend's INI file (DIR/notifications.ini or serve --notify-config) as each section's settings read it: a
/// missing file gives every default; a number below its minimum is raised to it, so no setting switches a bound off.
class SettingsFile
{
public:
    /// An Error only when the file exists and cannot be read.
    [[nodiscard]] static Result<SettingsFile> open(const QString &path);
    SettingsFile(SettingsFile &&) noexcept;
    SettingsFile &operator=(SettingsFile &&) noexcept;
    ~SettingsFile();

    /// "section/key" as a whole number: `fallback` when absent or not a number, never below `minimum`.
    [[nodiscard]] int number(const char *key, int fallback, int minimum) const;
    /// "section/key" as trimmed text; empty when absent.
    [[nodiscard]] QString text(const char *key) const;

private:
    SettingsFile();
    std::unique_ptr<QSettings> m_ini; // null: no file
};

} // namespace backend
