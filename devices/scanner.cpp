#include "scanner.h"

#include "wedgescanner.h"

namespace devices {

std::unique_ptr<Scanner> createScanner(const QString &uri, QString *error)
{
    const QString scheme = uri.section(QLatin1Char(':'), 0, 0);
    if (uri.contains(QLatin1Char(':')) && scheme == QLatin1String("wedge"))
        return std::make_unique<WedgeScanner>();
    if (error)
        *error = QStringLiteral("Jenis pemindai \"%1\" tidak dikenal. Periksa daftar scanners di berkas konfigurasi kiosk "
                                "atau hubungi teknisi.")
                     .arg(uri);
    return nullptr;
}

} // namespace devices
