#include "sanepagesource.h"

#include <QMutex>
#include <QPointer>
#include <QThread>

#include <sane/sane.h>

#include <cstring>
#include <vector>

namespace devices {

namespace {

// sane_init/sane_exit are process-wide; one scan at a time holds them.
QMutex saneMutex;

QString statusText(SANE_Status status)
{
    switch (status) {
    case SANE_STATUS_DEVICE_BUSY:
        return QStringLiteral("pemindai sedang dipakai");
    case SANE_STATUS_INVAL:
        return QStringLiteral("pemindai tidak ditemukan");
    case SANE_STATUS_JAMMED:
        return QStringLiteral("kertas macet");
    case SANE_STATUS_NO_DOCS:
        return QStringLiteral("tidak ada kertas di pengumpan");
    case SANE_STATUS_COVER_OPEN:
        return QStringLiteral("tutup pemindai terbuka");
    case SANE_STATUS_ACCESS_DENIED:
        return QStringLiteral("tidak ada izin membuka pemindai");
    default:
        return QString::fromUtf8(sane_strstatus(status));
    }
}

// Sets the standard "resolution" option (SANE_NAME_SCAN_RESOLUTION in saneopts.h) where the device allows it.
void setResolution(SANE_Handle handle, int dpi)
{
    for (SANE_Int i = 1;; ++i) {
        const SANE_Option_Descriptor *option = sane_get_option_descriptor(handle, i);
        if (!option)
            return;
        if (!option->name || std::strcmp(option->name, "resolution") != 0 || !SANE_OPTION_IS_SETTABLE(option->cap)
            || !SANE_OPTION_IS_ACTIVE(option->cap))
            continue;
        SANE_Word value = option->type == SANE_TYPE_FIXED ? SANE_FIX(dpi) : dpi;
        sane_control_option(handle, i, SANE_ACTION_SET_VALUE, &value, nullptr);
        return;
    }
}

} // namespace

SanePageSource::SanePageSource(QString device, QObject *parent)
    : PageSource(parent)
    , m_device(std::move(device))
    , m_thread(new QThread)
    , m_worker(new QObject)
{
    m_thread->setObjectName(QStringLiteral("SanePageSource"));
    m_worker->moveToThread(m_thread);
    QObject::connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

SanePageSource::~SanePageSource()
{
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

bool SanePageSource::start()
{
    m_active = true;
    m_lastError.clear();
    return true;
}

void SanePageSource::stop()
{
    m_active = false;
}

void SanePageSource::requestPage()
{
    bool expected = false;
    if (!m_active || !m_scanning.compare_exchange_strong(expected, true))
        return;
    QPointer<SanePageSource> self(this);
    QMetaObject::invokeMethod(
        m_worker,
        [self, device = m_device] {
            QString error;
            const std::optional<QImage> page = scan(device, &error);
            QMetaObject::invokeMethod(
                self,
                [self, page, error] {
                    if (!self)
                        return;
                    self->m_scanning.store(false);
                    if (page)
                        Q_EMIT self->pageArrived(*page);
                    else
                        self->fail(error);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

std::optional<QImage> SanePageSource::scan(const QString &device, QString *error)
{
    QMutexLocker lock(&saneMutex);
    const auto failWith = [error, &device](const QString &why) {
        if (error)
            *error = QStringLiteral("Pemindai dokumen %1: %2. Periksa kabel pemindai atau hubungi teknisi.").arg(device, why);
        return std::nullopt;
    };
    SANE_Int version = 0;
    if (const SANE_Status status = sane_init(&version, nullptr); status != SANE_STATUS_GOOD)
        return failWith(statusText(status));
    SANE_Handle handle = nullptr;
    const QByteArray name = device.toLocal8Bit();
    if (const SANE_Status status = sane_open(name.constData(), &handle); status != SANE_STATUS_GOOD) {
        sane_exit();
        return failWith(statusText(status));
    }
    setResolution(handle, kResolutionDpi);
    QImage image;
    QString why;
    SANE_Status status = sane_start(handle);
    SANE_Parameters parameters {};
    if (status == SANE_STATUS_GOOD)
        status = sane_get_parameters(handle, &parameters);
    if (status != SANE_STATUS_GOOD) {
        why = statusText(status);
    } else if ((parameters.format != SANE_FRAME_GRAY && parameters.format != SANE_FRAME_RGB) || !parameters.last_frame
        || (parameters.depth != 1 && parameters.depth != 8 && parameters.depth != 16) || parameters.pixels_per_line <= 0) {
        why = QStringLiteral("format gambar pemindai tidak didukung");
    } else {
        std::vector<uchar> data;
        std::vector<SANE_Byte> chunk(64 * 1024);
        for (;;) {
            SANE_Int length = 0;
            status = sane_read(handle, chunk.data(), SANE_Int(chunk.size()), &length);
            if (status != SANE_STATUS_GOOD)
                break;
            data.insert(data.end(), chunk.begin(), chunk.begin() + length);
        }
        if (status != SANE_STATUS_EOF) {
            why = statusText(status);
        } else {
            const int width = parameters.pixels_per_line;
            const int bytesPerLine = parameters.bytes_per_line;
            const int lines = bytesPerLine > 0 ? int(data.size() / size_t(bytesPerLine)) : 0;
            const bool rgb = parameters.format == SANE_FRAME_RGB;
            image = QImage(width, lines, rgb ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
            for (int y = 0; y < lines; ++y) {
                const uchar *in = data.data() + size_t(y) * bytesPerLine;
                uchar *out = image.scanLine(y);
                const int samples = width * (rgb ? 3 : 1);
                for (int i = 0; i < samples; ++i) {
                    if (parameters.depth == 8)
                        out[i] = in[i];
                    else if (parameters.depth == 16)
                        out[i] = in[2 * i + (QSysInfo::ByteOrder == QSysInfo::LittleEndian ? 1 : 0)];
                    else // SANE's 1-bit line art: a set bit is black
                        out[i] = (in[i / 8] & (0x80 >> (i % 8))) ? 0 : 255;
                }
            }
            if (lines == 0)
                why = QStringLiteral("pemindai tidak mengirim gambar");
        }
    }
    sane_cancel(handle);
    sane_close(handle);
    sane_exit();
    if (!why.isEmpty())
        return failWith(why);
    return image;
}

} // namespace devices
