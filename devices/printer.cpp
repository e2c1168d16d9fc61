#include "printer.h"

#include "cupsprinter.h"

#include <QCoreApplication>

#include <cups/cups.h>

namespace devices {

QString stripStateReasonSuffix(QString reason)
{
    for (const auto suffix : {QLatin1String("-report"), QLatin1String("-warning"), QLatin1String("-error")}) {
        if (reason.endsWith(suffix)) {
            reason.chop(suffix.size());
            break;
        }
    }
    return reason;
}

DeviceState deviceStateFor(int printerState, const QStringList &reasons, bool acceptingJobs)
{
    if (printerState == 0)
        return DeviceState::Offline;
    QStringList stripped;
    for (const QString &reason : reasons)
        stripped << stripStateReasonSuffix(reason);
    // Most severe first: a printer out of paper with its door open needs the door closed and paper.
    static const std::pair<const char *, DeviceState> table[] = {
        {"media-empty", DeviceState::PaperOut},
        {"media-needed", DeviceState::PaperOut},
        {"input-tray-missing", DeviceState::PaperOut},
        {"media-jam", DeviceState::Jam},
        {"door-open", DeviceState::DoorOpen},
        {"cover-open", DeviceState::DoorOpen},
        {"interlock-open", DeviceState::DoorOpen},
        {"offline", DeviceState::Offline},
        {"shutdown", DeviceState::Offline},
        {"timed-out", DeviceState::Offline},
        {"toner-empty", DeviceState::Stopped},
        {"marker-supply-empty", DeviceState::Stopped},
        {"paused", DeviceState::Stopped},
        {"media-low", DeviceState::PaperLow},
        {"toner-low", DeviceState::TonerLow},
        {"marker-supply-low", DeviceState::TonerLow},
    };
    for (const auto &[keyword, state] : table) {
        if (stripped.contains(QLatin1String(keyword)))
            return state;
    }
    if (printerState == IPP_PSTATE_STOPPED || !acceptingJobs)
        return DeviceState::Stopped;
    if (printerState == IPP_PSTATE_IDLE || printerState == IPP_PSTATE_PROCESSING)
        return DeviceState::Ready;
    return DeviceState::Unknown;
}

QString citizenMessage(DeviceState state)
{
    switch (state) {
    case DeviceState::Ready:
        return {};
    case DeviceState::PaperOut:
        return QCoreApplication::translate("devices::PrintJobTracker", "Kertas habis, silakan hubungi petugas.");
    case DeviceState::PaperLow:
        return QCoreApplication::translate("devices::PrintJobTracker", "Kertas hampir habis; cetakan Anda tetap diproses.");
    case DeviceState::Offline:
        return QCoreApplication::translate("devices::PrintJobTracker", "Printer tidak terhubung, silakan hubungi petugas.");
    case DeviceState::DoorOpen:
        return QCoreApplication::translate("devices::PrintJobTracker", "Tutup printer terbuka, silakan hubungi petugas.");
    case DeviceState::Jam:
        return QCoreApplication::translate("devices::PrintJobTracker", "Kertas macet di printer, silakan hubungi petugas.");
    case DeviceState::TonerLow:
        return QCoreApplication::translate("devices::PrintJobTracker", "Tinta printer hampir habis; cetakan Anda tetap diproses.");
    case DeviceState::Stopped:
        return QCoreApplication::translate("devices::PrintJobTracker", "Printer sedang berhenti, silakan hubungi petugas.");
    case DeviceState::Unknown:
        return QCoreApplication::translate(
            "devices::PrintJobTracker", "Keadaan printer belum diketahui, silakan hubungi petugas bila cetakan tidak keluar.");
    }
    return {};
}

bool canPrint(DeviceState state)
{
    return state == DeviceState::Ready || state == DeviceState::PaperLow || state == DeviceState::TonerLow;
}

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
