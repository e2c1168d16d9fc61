#include "hidposscanner.h"

#include <QElapsedTimer>
#include <QMutexLocker>

#include <libusb.h>

#include <atomic>
#include <thread>

namespace devices {

namespace {

constexpr int kReportBufferSize = 64;
constexpr unsigned kTransferTimeoutMs = 200;
constexpr int kRetryFailedMs = 2000;
constexpr int kPollIntervalMs = 500;
constexpr uint8_t kHidInterfaceClass = 3;

/// The HID interface and its interrupt IN endpoint of a configuration.
struct HidEndpoint {
    int interfaceNumber = -1;
    uint8_t address = 0;
    int maxPacketSize = kReportBufferSize;
};

HidEndpoint findHidEndpoint(const libusb_config_descriptor *config)
{
    for (uint8_t i = 0; i < config->bNumInterfaces; ++i) {
        const libusb_interface &interface = config->interface[i];
        for (int a = 0; a < interface.num_altsetting; ++a) {
            const libusb_interface_descriptor &alt = interface.altsetting[a];
            if (alt.bInterfaceClass != kHidInterfaceClass)
                continue;
            for (uint8_t e = 0; e < alt.bNumEndpoints; ++e) {
                const libusb_endpoint_descriptor &ep = alt.endpoint[e];
                if ((ep.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN
                    && (ep.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) == LIBUSB_TRANSFER_TYPE_INTERRUPT)
                    return {alt.bInterfaceNumber, ep.bEndpointAddress, qMax<int>(ep.wMaxPacketSize, 1)};
            }
        }
    }
    return {};
}

QString usbError(int code)
{
    return QString::fromUtf8(libusb_strerror(code));
}

} // namespace

/// The USB thread: opens, claims and reads the scanner, and waits for hotplug events in between.
struct HidPosScanner::Worker {
    HidPosScanner *owner = nullptr;
    libusb_context *context = nullptr;
    libusb_device_handle *handle = nullptr;
    libusb_hotplug_callback_handle hotplug = 0;
    bool hasHotplug = false;
    HidEndpoint endpoint;
    std::atomic<bool> stopRequested {false};
    std::atomic<bool> devicesChanged {true};
    HidPosReportParser parser;
    std::thread thread;
    QElapsedTimer clock;
    /// The device was connected and went away: the technician should read "terputus", not "belum terpasang".
    bool lostDevice = false;

    static int LIBUSB_CALL onHotplug(libusb_context *, libusb_device *, libusb_hotplug_event, void *userData)
    {
        static_cast<Worker *>(userData)->devicesChanged = true;
        return 0;
    }

    bool init(QString *error)
    {
        const int rc = libusb_init(&context);
        if (rc != LIBUSB_SUCCESS) {
            *error = QStringLiteral("Pustaka USB tidak dapat dimulai (%1). Hubungi teknisi.").arg(usbError(rc));
            context = nullptr;
            return false;
        }
        hasHotplug = libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) != 0;
        if (hasHotplug) {
            const int events = LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT;
            hasHotplug = libusb_hotplug_register_callback(context, libusb_hotplug_event(events), libusb_hotplug_flag(0), owner->m_vendorId,
                             owner->m_productId, LIBUSB_HOTPLUG_MATCH_ANY, &Worker::onHotplug, this, &hotplug)
                == LIBUSB_SUCCESS;
        }
        clock.start();
        return true;
    }

    void shutdown()
    {
        closeDevice();
        if (hasHotplug)
            libusb_hotplug_deregister_callback(context, hotplug);
        if (context)
            libusb_exit(context);
        context = nullptr;
    }

    void closeDevice()
    {
        if (!handle)
            return;
        libusb_release_interface(handle, endpoint.interfaceNumber);
        libusb_close(handle);
        handle = nullptr;
        parser.reset();
    }

    /// Opens and claims the scanner; on failure returns the state to report and sets *message.
    State openDevice(QString *message)
    {
        libusb_device **list = nullptr;
        const ssize_t count = libusb_get_device_list(context, &list);
        libusb_device *found = nullptr;
        for (ssize_t i = 0; i < count; ++i) {
            libusb_device_descriptor descriptor {};
            if (libusb_get_device_descriptor(list[i], &descriptor) == LIBUSB_SUCCESS && descriptor.idVendor == owner->m_vendorId
                && descriptor.idProduct == owner->m_productId) {
                found = libusb_ref_device(list[i]);
                break;
            }
        }
        if (list)
            libusb_free_device_list(list, 1);
        if (!found) {
            *message = QStringLiteral("pemindai USB belum terpasang; menunggu perangkat dicolokkan");
            return State::Waiting;
        }
        int rc = libusb_open(found, &handle);
        libusb_config_descriptor *config = nullptr;
        if (rc == LIBUSB_SUCCESS && libusb_get_active_config_descriptor(found, &config) == LIBUSB_SUCCESS) {
            endpoint = findHidEndpoint(config);
            libusb_free_config_descriptor(config);
        }
        libusb_unref_device(found);
        if (rc == LIBUSB_ERROR_ACCESS) {
            *message = QStringLiteral("akses ke pemindai USB ditolak; pasang aturan udev 70-kiosk-scanner.rules");
            return State::Error;
        }
        if (rc != LIBUSB_SUCCESS) {
            handle = nullptr;
            *message = QStringLiteral("pemindai USB tidak dapat dibuka (%1)").arg(usbError(rc));
            return rc == LIBUSB_ERROR_NO_DEVICE ? State::Waiting : State::Error;
        }
        if (endpoint.interfaceNumber < 0) {
            libusb_close(handle);
            handle = nullptr;
            *message = QStringLiteral("perangkat USB ini tidak berfungsi sebagai pemindai HID POS; atur pemindai ke mode HID POS");
            return State::Error;
        }
        // The kernel's usbhid driver owns HID interfaces; libusb detaches it on claim and re-attaches on release.
        libusb_set_auto_detach_kernel_driver(handle, 1);
        rc = libusb_claim_interface(handle, endpoint.interfaceNumber);
        if (rc != LIBUSB_SUCCESS) {
            libusb_close(handle);
            handle = nullptr;
            *message = rc == LIBUSB_ERROR_BUSY ? QStringLiteral("pemindai USB sedang dipakai program lain")
                                               : QStringLiteral("antarmuka pemindai USB tidak dapat diambil alih (%1)").arg(usbError(rc));
            return rc == LIBUSB_ERROR_NO_DEVICE ? State::Waiting : State::Error;
        }
        parser.reset();
        *message = QStringLiteral("pemindai USB siap");
        return State::Ready;
    }

    /// Waits up to `ms` for a hotplug event (or, without hotplug support, simply for `ms`).
    void waitForDevices(int ms)
    {
        QElapsedTimer waited;
        waited.start();
        while (!stopRequested && !devicesChanged && waited.elapsed() < ms) {
            timeval tv {0, kTransferTimeoutMs * 1000};
            if (hasHotplug) {
                libusb_handle_events_timeout_completed(context, &tv, nullptr);
            } else {
                // Polling fallback: no hotplug notifications, so rescan after the interval.
                std::this_thread::sleep_for(std::chrono::milliseconds(qMin<int>(kTransferTimeoutMs, ms)));
            }
        }
        if (!hasHotplug)
            devicesChanged = true;
    }

    void readOnce()
    {
        unsigned char buffer[kReportBufferSize];
        int transferred = 0;
        const int rc = libusb_interrupt_transfer(handle, endpoint.address, buffer, sizeof buffer, &transferred, kTransferTimeoutMs);
        if (rc == LIBUSB_SUCCESS) {
            const HidPosFeedResult result = parser.feed(QByteArrayView(buffer, transferred), clock.elapsed());
            if (result.status == HidPosFeedResult::Status::Complete) {
                const HidPosScan scan = result.scan;
                QMetaObject::invokeMethod(
                    owner,
                    [owner = owner, scan] {
                        Q_EMIT owner->decoded(scan.data, scan.symbology);
                        Q_EMIT owner->scanned(QString::fromUtf8(scan.data));
                    },
                    Qt::QueuedConnection);
            }
            return;
        }
        if (rc == LIBUSB_ERROR_TIMEOUT || rc == LIBUSB_ERROR_INTERRUPTED)
            return;
        if (rc == LIBUSB_ERROR_PIPE) {
            libusb_clear_halt(handle, endpoint.address);
            return;
        }
        closeDevice();
        devicesChanged = true;
        lostDevice = true;
        owner->setState(State::Waiting, lostMessage());
    }

    static QString lostMessage() { return QStringLiteral("pemindai USB terputus; menunggu perangkat dicolokkan kembali"); }

    void run()
    {
        State state = State::Waiting;
        while (!stopRequested) {
            if (handle) {
                readOnce();
                continue;
            }
            if (devicesChanged) {
                devicesChanged = false;
                QString message;
                state = openDevice(&message);
                if (state == State::Waiting && lostDevice)
                    message = lostMessage();
                lostDevice = lostDevice && state != State::Ready;
                owner->setState(state, message);
                if (handle)
                    continue;
            }
            waitForDevices(state == State::Error ? kRetryFailedMs : kPollIntervalMs);
            if (state == State::Error)
                devicesChanged = true;
        }
        shutdown();
    }
};

HidPosScanner::HidPosScanner(quint16 vendorId, quint16 productId, QObject *parent)
    : Scanner(parent)
    , m_vendorId(vendorId)
    , m_productId(productId)
{ }

HidPosScanner::~HidPosScanner()
{
    stop();
}

std::optional<std::pair<quint16, quint16>> HidPosScanner::parseUri(const QString &uri)
{
    const QStringList parts = uri.split(QLatin1Char(':'));
    if (parts.size() != 3 || parts.at(0) != QLatin1String("usb"))
        return std::nullopt;
    bool vendorOk = false;
    bool productOk = false;
    const uint vendor = parts.at(1).toUInt(&vendorOk, 16);
    const uint product = parts.at(2).toUInt(&productOk, 16);
    if (!vendorOk || !productOk || parts.at(1).size() > 4 || parts.at(2).size() > 4 || vendor == 0)
        return std::nullopt;
    return std::make_pair(quint16(vendor), quint16(product));
}

QString HidPosScanner::uri() const
{
    return QStringLiteral("usb:%1:%2").arg(m_vendorId, 4, 16, QLatin1Char('0')).arg(m_productId, 4, 16, QLatin1Char('0'));
}

bool HidPosScanner::start()
{
    if (m_worker)
        return true;
    auto worker = std::make_unique<Worker>();
    worker->owner = this;
    QString error;
    if (!worker->init(&error)) {
        QMutexLocker lock(&m_mutex);
        m_lastError = error;
        return false;
    }
    setState(State::Waiting, QStringLiteral("mencari pemindai USB"));
    m_worker = std::move(worker);
    m_worker->thread = std::thread([w = m_worker.get()] { w->run(); });
    return true;
}

void HidPosScanner::stop()
{
    if (!m_worker)
        return;
    m_worker->stopRequested = true;
    if (m_worker->context)
        libusb_interrupt_event_handler(m_worker->context);
    m_worker->thread.join();
    m_worker.reset();
    setState(State::Stopped, QStringLiteral("pemindai USB dihentikan"));
}

QString HidPosScanner::lastError() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastError;
}

QString HidPosScanner::describeState() const
{
    QMutexLocker lock(&m_mutex);
    return QStringLiteral("Pemindai %1: %2.").arg(uri(), m_message);
}

void HidPosScanner::setState(State state, const QString &message)
{
    {
        QMutexLocker lock(&m_mutex);
        if (this->state() == state && m_message == message)
            return;
        Scanner::setState(state);
        m_message = message;
        if (state == State::Error)
            m_lastError = message;
    }
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT stateChanged(); }, Qt::QueuedConnection);
}

} // namespace devices
