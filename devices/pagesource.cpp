#include "pagesource.h"

#include "camerafeed.h"
#include "camerapagesource.h"
#include "filepagesource.h"
#include "sanepagesource.h"

namespace devices {

std::unique_ptr<PageSource> createPageSource(const QString &uri, QString *error)
{
    const QString scheme = uri.section(QLatin1Char(':'), 0, 0);
    const QString rest = uri.section(QLatin1Char(':'), 1);
    if (scheme == QLatin1String("camera") && uri.contains(QLatin1Char(':'))) {
        if (const auto index = CameraFeed::parseUri(uri))
            return std::make_unique<CameraPageSource>(*index);
    } else if (scheme == QLatin1String("file") && !rest.isEmpty()) {
        return std::make_unique<FilePageSource>(rest);
    } else if (scheme == QLatin1String("sane") && !rest.isEmpty()) {
        return std::make_unique<SanePageSource>(rest);
    }
    if (error)
        *error = QStringLiteral("Sumber dokumen \"%1\" tidak dikenal; tulis camera:N (misalnya camera:0), file:FOLDER atau "
                                "sane:PERANGKAT (misalnya sane:test:0). Periksa [documents] source di konfigurasi kiosk.")
                     .arg(uri);
    return nullptr;
}

} // namespace devices
