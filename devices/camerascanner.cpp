#include "camerascanner.h"

#include "framedecoder.h"

#include <QCamera>
#include <QCameraDevice>
#include <QDateTime>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QVideoFrame>
#include <QVideoSink>

namespace devices {

namespace {
// A code still in view is not reported again unless it has been absent for this long.
constexpr qint64 kRepeatAfterMs = 2000;
} // namespace

CameraScanner::CameraScanner(int index, QObject *parent)
    : Scanner(parent)
    , m_index(index)
    , m_decoder(std::make_unique<FrameDecoder>())
{
    connect(m_decoder.get(), &FrameDecoder::decoded, this, &CameraScanner::onDecoded);
}

CameraScanner::~CameraScanner()
{
    if (m_camera)
        m_camera->stop();
}

std::optional<int> CameraScanner::parseUri(const QString &uri)
{
    if (!uri.startsWith(QLatin1String("camera:")))
        return std::nullopt;
    bool ok = false;
    const int index = uri.mid(7).toInt(&ok);
    if (!ok || index < 0)
        return std::nullopt;
    return index;
}

QString CameraScanner::uri() const
{
    return QStringLiteral("camera:%1").arg(m_index);
}

bool CameraScanner::start()
{
    if (m_running)
        return true;
    const QList<QCameraDevice> inputs = QMediaDevices::videoInputs();
    if (m_index >= inputs.size()) {
        fail(inputs.isEmpty() ? QStringLiteral("Kamera %1 tidak ditemukan: tidak ada kamera yang terpasang. Periksa kabel "
                                               "kamera atau hubungi teknisi.")
                                    .arg(m_index)
                              : QStringLiteral("Kamera %1 tidak ditemukan: hanya ada %2 kamera (nomor 0 sampai %3). Periksa "
                                               "daftar scanners di berkas konfigurasi kiosk atau hubungi teknisi.")
                                    .arg(m_index)
                                    .arg(inputs.size())
                                    .arg(inputs.size() - 1));
        return false;
    }
    m_camera = std::make_unique<QCamera>(inputs.at(m_index));
    m_sink = std::make_unique<QVideoSink>();
    m_session = std::make_unique<QMediaCaptureSession>();
    m_session->setCamera(m_camera.get());
    m_session->setVideoSink(m_sink.get());
    connect(m_sink.get(), &QVideoSink::videoFrameChanged, this, &CameraScanner::onFrame);
    connect(m_camera.get(), &QCamera::errorOccurred, this, [this](QCamera::Error error, const QString &text) {
        if (error != QCamera::NoError)
            fail(QStringLiteral("Kamera %1 gagal: %2. Hubungi teknisi.").arg(m_index).arg(text));
    });
    m_camera->start();
    if (m_camera->error() != QCamera::NoError) {
        fail(QStringLiteral("Kamera %1 tidak dapat dinyalakan: %2. Hubungi teknisi.").arg(m_index).arg(m_camera->errorString()));
        return false;
    }
    m_running = true;
    m_lastError.clear();
    setState(State::Ready);
    Q_EMIT stateChanged();
    return true;
}

QString CameraScanner::describeState() const
{
    if (m_running)
        return QStringLiteral("siap (kamera %1, %2 bingkai terlewati)").arg(m_index).arg(m_decoder->droppedCount());
    if (!m_lastError.isEmpty())
        return QStringLiteral("rusak: %1").arg(m_lastError);
    return QStringLiteral("belum dinyalakan");
}

void CameraScanner::onFrame(const QVideoFrame &frame)
{
    // Converting a frame costs more than dropping it, so a busy decoder skips the conversion too.
    if (m_decoder->isBusy() || !frame.isValid()) {
        m_decoder->offer(QImage()); // counted as dropped
        return;
    }
    m_decoder->offer(frame.toImage());
}

void CameraScanner::onDecoded(const QString &text)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool repeat = text == m_lastText && now - m_lastTextAtMs < kRepeatAfterMs;
    m_lastText = text;
    m_lastTextAtMs = now;
    if (!repeat)
        Q_EMIT scanned(text);
}

void CameraScanner::fail(const QString &message)
{
    m_lastError = message;
    if (m_camera)
        m_camera->stop();
    m_running = false;
    setState(State::Error);
    Q_EMIT stateChanged();
}

} // namespace devices
