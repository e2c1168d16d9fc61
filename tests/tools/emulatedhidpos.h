#pragma once

// A HID POS scanner emulated with umockdev, shared by the tests that need one (tst_devices_hidposusb, the fleet
// end-to-end test and the technician UI test): umockdev's testbed provides sysfs and the device node, and the
// ioctls libusb sends (claim, submit/reap/discard URB) are answered by the process that owns the testbed, in the
// style of libusb's own tests/umockdev.c. A child process started with the same environment (LD_PRELOAD of
// umockdev's preload library and UMOCKDEV_DIR) sees the same scanner; its ioctls come back here over the testbed's
// socket. The owner re-executes itself under umockdev-wrapper first (reexecUnderUmockdev).
#include <QByteArray>
#include <QDebug>
#include <QList>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QProcessEnvironment>
#include <QQueue>
#include <QStandardPaths>
#include <QString>
#include <QtGlobal>

#include <umockdev.h>

#include <linux/ioctl.h>
#include <linux/usbdevice_fs.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <unistd.h>
#include <vector>

namespace testsupport {

constexpr quint16 kVendor = 0x0c2e;
constexpr quint16 kProduct = 0x0b61;
/// Device + configuration descriptor of a HID POS scanner: one HID interface, interrupt IN endpoint 0x81, 64 bytes.
constexpr char kDescriptors[] = "12010002000000402e0c610b000101020301"
                                "09022200010100803209040000010300000009211101000122300007058103400001";

/// The emulated scanner: reports waiting to be read, URBs in flight, and whether it is plugged in.
struct EmulatedScanner {
    QMutex mutex;
    QQueue<QByteArray> reports;
    GList *flyingUrbs = nullptr;
    GList *discardedUrbs = nullptr;
    bool unplugged = false;
    int claims = 0;
    int kernelDriverDetaches = 0;
};

inline gint compareClientAddress(gconstpointer data, gconstpointer address)
{
    return static_cast<const UMockdevIoctlData *>(data)->client_addr != reinterpret_cast<gulong>(address);
}

inline gboolean handleIoctl(UMockdevIoctlBase *, UMockdevIoctlClient *client, EmulatedScanner *device)
{
    const gulong request = umockdev_ioctl_client_get_request(client);
    UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg(client);
    QMutexLocker lock(&device->mutex);

    switch (request) {
    case USBDEVFS_GET_CAPABILITIES: {
        UMockdevIoctlData *caps = umockdev_ioctl_data_resolve(arg, 0, sizeof(guint32), nullptr);
        *reinterpret_cast<guint32 *>(caps->data) = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM
            | USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET;
        umockdev_ioctl_data_unref(caps);
        umockdev_ioctl_client_complete(client, 0, 0);
        return TRUE;
    }
    case USBDEVFS_DISCONNECT_CLAIM:
        ++device->kernelDriverDetaches;
        ++device->claims;
        umockdev_ioctl_client_complete(client, device->unplugged ? -1 : 0, device->unplugged ? ENODEV : 0);
        return TRUE;
    case USBDEVFS_CLAIMINTERFACE:
        ++device->claims;
        umockdev_ioctl_client_complete(client, device->unplugged ? -1 : 0, device->unplugged ? ENODEV : 0);
        return TRUE;
    case USBDEVFS_RELEASEINTERFACE:
    case USBDEVFS_IOCTL:
    case USBDEVFS_CLEAR_HALT:
        umockdev_ioctl_client_complete(client, 0, 0);
        return TRUE;
    case USBDEVFS_SUBMITURB: {
        if (device->unplugged) {
            umockdev_ioctl_client_complete(client, -1, ENODEV);
            return TRUE;
        }
        UMockdevIoctlData *urbData = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_urb), nullptr);
        auto *urb = reinterpret_cast<usbdevfs_urb *>(urbData->data);
        if (urb->type != USBDEVFS_URB_TYPE_INTERRUPT || urb->endpoint != 0x81) {
            umockdev_ioctl_data_unref(urbData);
            umockdev_ioctl_client_complete(client, -1, EINVAL);
            return TRUE;
        }
        UMockdevIoctlData *buffer
            = umockdev_ioctl_data_resolve(urbData, G_STRUCT_OFFSET(usbdevfs_urb, buffer), urb->buffer_length, nullptr);
        umockdev_ioctl_data_unref(buffer);
        device->flyingUrbs = g_list_append(device->flyingUrbs, urbData);
        umockdev_ioctl_client_complete(client, 0, 0);
        return TRUE;
    }
    case USBDEVFS_REAPURB:
    case USBDEVFS_REAPURBNDELAY: {
        UMockdevIoctlData *urbData = nullptr;
        int status = 0;
        if (device->discardedUrbs) {
            urbData = static_cast<UMockdevIoctlData *>(device->discardedUrbs->data);
            device->discardedUrbs = g_list_delete_link(device->discardedUrbs, device->discardedUrbs);
            reinterpret_cast<usbdevfs_urb *>(urbData->data)->actual_length = 0;
            status = -ENOENT;
        } else if (device->unplugged) {
            umockdev_ioctl_client_complete(client, -1, ENODEV);
            return TRUE;
        } else if (device->flyingUrbs && !device->reports.isEmpty()) {
            urbData = static_cast<UMockdevIoctlData *>(device->flyingUrbs->data);
            device->flyingUrbs = g_list_delete_link(device->flyingUrbs, device->flyingUrbs);
            auto *urb = reinterpret_cast<usbdevfs_urb *>(urbData->data);
            const QByteArray report = device->reports.dequeue();
            const int length = qMin<int>(report.size(), urb->buffer_length);
            std::memcpy(urb->buffer, report.constData(), size_t(length));
            urb->actual_length = length;
        } else {
            umockdev_ioctl_client_complete(client, -1, EAGAIN);
            return TRUE;
        }
        reinterpret_cast<usbdevfs_urb *>(urbData->data)->status = status;
        UMockdevIoctlData *pointer = umockdev_ioctl_data_resolve(arg, 0, sizeof(gpointer), nullptr);
        umockdev_ioctl_data_set_ptr(pointer, 0, urbData);
        umockdev_ioctl_data_unref(pointer);
        umockdev_ioctl_data_unref(urbData);
        umockdev_ioctl_client_complete(client, 0, 0);
        return TRUE;
    }
    case USBDEVFS_DISCARDURB: {
        GList *found = g_list_find_custom(device->flyingUrbs, *reinterpret_cast<void **>(arg->data), compareClientAddress);
        if (!found) {
            umockdev_ioctl_client_complete(client, -1, EINVAL);
            return TRUE;
        }
        device->discardedUrbs = g_list_append(device->discardedUrbs, found->data);
        device->flyingUrbs = g_list_delete_link(device->flyingUrbs, found);
        umockdev_ioctl_client_complete(client, 0, 0);
        return TRUE;
    }
    default:
        std::fprintf(stderr, "emulated scanner: unhandled ioctl 0x%lx\n", request);
        return FALSE;
    }
}

/// The scanner of kDescriptors at /dev/bus/usb/001/002, plugged in, in a fresh testbed.
class EmulatedHidPosDevice
{
public:
    static constexpr const char *kSysfsPath = "/sys/devices/pci0000:00/usb1/1-1";

    EmulatedHidPosDevice()
    {
        m_testbed = umockdev_testbed_new();
        m_handler = umockdev_ioctl_base_new();
        g_signal_connect_after(m_handler, "handle-ioctl", G_CALLBACK(handleIoctl), &m_device);
        m_ok = umockdev_testbed_attach_ioctl(m_testbed, "/dev/bus/usb/001/002", m_handler, nullptr);
        const QByteArray description = QByteArray("P: /devices/pci0000:00/usb1/1-1\n"
                                                  "N: bus/usb/001/002\n"
                                                  "E: SUBSYSTEM=usb\nE: DRIVER=usb\nE: BUSNUM=001\nE: DEVNUM=002\n"
                                                  "E: DEVNAME=/dev/bus/usb/001/002\nE: DEVTYPE=usb_device\n"
                                                  "A: bConfigurationValue=1\\n\nA: busnum=1\\n\nA: devnum=2\\n\nA: speed=12\\n\n"
                                                  "H: descriptors=")
            + kDescriptors + "\n";
        GError *error = nullptr;
        m_ok = m_ok && umockdev_testbed_add_from_string(m_testbed, description.constData(), &error);
        if (error) {
            m_error = QString::fromUtf8(error->message);
            g_error_free(error);
        }
    }
    ~EmulatedHidPosDevice()
    {
        g_clear_object(&m_handler);
        g_clear_object(&m_testbed);
        g_list_free_full(m_device.flyingUrbs, GDestroyNotify(umockdev_ioctl_data_unref));
        g_list_free_full(m_device.discardedUrbs, GDestroyNotify(umockdev_ioctl_data_unref));
    }
    EmulatedHidPosDevice(const EmulatedHidPosDevice &) = delete;
    EmulatedHidPosDevice &operator=(const EmulatedHidPosDevice &) = delete;

    [[nodiscard]] bool isValid() const { return m_ok; }
    [[nodiscard]] QString error() const { return m_error; }
    EmulatedScanner &device() { return m_device; }
    UMockdevTestbed *testbed() { return m_testbed; }

    /// Pulled out: every transfer fails with ENODEV and the kernel's "remove" uevent goes out.
    void unplug()
    {
        {
            QMutexLocker lock(&m_device.mutex);
            m_device.unplugged = true;
        }
        umockdev_testbed_uevent(m_testbed, kSysfsPath, "remove");
    }
    /// Plugged in again: transfers in flight at the unplug are gone, the "add" uevent goes out.
    void plug()
    {
        {
            QMutexLocker lock(&m_device.mutex);
            m_device.unplugged = false;
            g_list_free_full(m_device.flyingUrbs, GDestroyNotify(umockdev_ioctl_data_unref));
            m_device.flyingUrbs = nullptr;
        }
        umockdev_testbed_uevent(m_testbed, kSysfsPath, "add");
    }
    /// Queues HID POS reports (HidPosReportParser::reportsFor) for the reader.
    void queueReports(const QList<QByteArray> &reports)
    {
        QMutexLocker lock(&m_device.mutex);
        for (const QByteArray &report : reports)
            m_device.reports.enqueue(report);
    }

private:
    EmulatedScanner m_device;
    UMockdevTestbed *m_testbed = nullptr;
    UMockdevIoctlBase *m_handler = nullptr;
    bool m_ok = false;
    QString m_error;
};

/// The environment for the test's helper processes (cupsd, lp, the backend): without umockdev's preload library,
/// which only the kiosk under test gets.
inline QProcessEnvironment plainEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("LD_PRELOAD"));
    return env;
}

/// Runs a helper program in the plain environment with `input` on its stdin; its stdout, or "<failed>" (logged).
inline QByteArray runOk(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.setProcessEnvironment(plainEnvironment());
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning().noquote() << program << args.join(QLatin1Char(' ')) << "failed:" << p.readAllStandardError().right(2000);
        return "<failed>";
    }
    return p.readAllStandardOutput();
}

/// Runs the test again under umockdev-wrapper unless umockdev's preload library is loaded already; returns the exit
/// code to leave with (77, printing why, when umockdev cannot run), nullopt when the test may go on.
inline std::optional<int> reexecUnderUmockdev(int argc, char **argv)
{
    // Checked by hand: umockdev_in_mock_environment() does not recognise the wrapper's bare library name.
    if (qEnvironmentVariable("LD_PRELOAD").contains(QLatin1String("libumockdev-preload")))
        return std::nullopt;
    if (qEnvironmentVariableIsSet("KIOSK_UMOCKDEV_REEXEC")) {
        std::printf("SKIP: the umockdev preload library did not load under umockdev-wrapper\n");
        return 77;
    }
    qputenv("KIOSK_UMOCKDEV_REEXEC", "1");
    const QByteArray wrapper = QStandardPaths::findExecutable(QStringLiteral("umockdev-wrapper")).toLocal8Bit();
    if (wrapper.isEmpty()) {
        std::printf("SKIP: umockdev-wrapper is not installed (Debian package umockdev)\n");
        return 77;
    }
    std::vector<char *> args {const_cast<char *>(wrapper.constData())};
    for (int i = 0; i < argc; ++i)
        args.push_back(argv[i]);
    args.push_back(nullptr);
    execv(wrapper.constData(), args.data());
    std::printf("SKIP: cannot run %s: %s\n", wrapper.constData(), std::strerror(errno));
    return 77;
}

} // namespace testsupport
