#include "printer.h"

#include "cupsprinter.h"

namespace devices {

std::unique_ptr<Printer> createPrinter(const QString &uri, const QString &cupsServer, QString *error)
{
    if (uri.startsWith(QLatin1String("cups:"))) {
        const QString queue = uri.mid(5);
        if (!queue.isEmpty() && !queue.contains(QLatin1Char('/')))
            return std::make_unique<CupsPrinter>(queue, cupsServer);
    }
    if (error)
        *error = QStringLiteral("Alamat printer \"%1\" tidak dikenal (harus berbentuk cups:NAMA_ANTREAN). "
                                "Periksa bagian [printers] di berkas konfigurasi kiosk.")
                     .arg(uri);
    return nullptr;
}

} // namespace devices
