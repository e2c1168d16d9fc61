#include "scanner.h"

#include "camerascanner.h"
#include "filepagesource.h"
#include "filescanner.h"
#include "hidposscanner.h"
#include "wedgescanner.h"

namespace devices {

QString Scanner::describeState() const
{
    switch (state()) {
    case State::Ready:
        return QStringLiteral("siap");
    case State::Waiting:
        return QStringLiteral("menunggu perangkat");
    case State::Error:
        return lastError().isEmpty() ? QStringLiteral("rusak") : lastError();
    case State::Stopped:
        break;
    }
    return QStringLiteral("belum dinyalakan");
}

std::unique_ptr<Scanner> createScanner(const QString &uri, QString *error)
{
    const QString scheme = uri.section(QLatin1Char(':'), 0, 0);
    if (uri.contains(QLatin1Char(':')) && scheme == QLatin1String("wedge"))
        return std::make_unique<WedgeScanner>();
    if (scheme == QLatin1String("usb") && uri.contains(QLatin1Char(':'))) {
        if (const auto ids = HidPosScanner::parseUri(uri))
            return std::make_unique<HidPosScanner>(ids->first, ids->second);
        if (error)
            *error = QStringLiteral("Alamat pemindai USB \"%1\" tidak sah; tulis sebagai usb:VID:PID dalam heksadesimal, "
                                    "misalnya usb:0c2e:0b61. Hubungi teknisi.")
                         .arg(uri);
        return nullptr;
    }
    if (scheme == QLatin1String("camera") && uri.startsWith(QLatin1String("camera:/")))
        return std::make_unique<CameraScanner>(std::make_unique<FilePageSource>(uri.mid(7)));
    if (scheme == QLatin1String("camera") && uri.contains(QLatin1Char(':'))) {
        if (const auto index = CameraScanner::parseUri(uri))
            return std::make_unique<CameraScanner>(*index);
        if (error)
            *error = QStringLiteral("Alamat kamera \"%1\" tidak sah; tulis sebagai camera:N dengan N nomor kamera mulai "
                                    "dari 0, misalnya camera:0. Hubungi teknisi.")
                         .arg(uri);
        return nullptr;
    }
    if (scheme == QLatin1String("file") && uri.size() > 5)
        return std::make_unique<FileScanner>(uri.mid(5));
    if (error)
        *error = QStringLiteral("Jenis pemindai \"%1\" tidak dikenal. Periksa daftar scanners di berkas konfigurasi kiosk "
                                "atau hubungi teknisi.")
                     .arg(uri);
    return nullptr;
}

} // namespace devices
