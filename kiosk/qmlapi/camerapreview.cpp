#include "camerapreview.h"

#include "camerascanner.h"
#include "framedecoder.h"
#include "technicianmode.h"

#include <QTime>

namespace kiosk {

CameraPreview::CameraPreview(QObject *parent)
    : QObject(parent)
{
    m_rateTimer.setInterval(kRateIntervalMs);
    connect(&m_rateTimer, &QTimer::timeout, this, &CameraPreview::measureRate);
}

void CameraPreview::setCamera(devices::CameraScanner *camera)
{
    if (m_camera == camera)
        return;
    setActive(false);
    if (m_camera)
        disconnect(m_camera, nullptr, this, nullptr);
    m_camera = camera;
    if (m_camera) {
        connect(m_camera, &devices::CameraScanner::previewFrame, this, &CameraPreview::onPreviewFrame);
        // Every decode, also a code still in view that the scanner does not report again.
        connect(m_camera->decoder(), &devices::FrameDecoder::decoded, this, &CameraPreview::onDecoded);
    }
    Q_EMIT availableChanged();
}

QString CameraPreview::uri() const
{
    return m_camera ? m_camera->uri() : QString();
}

void CameraPreview::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    reset();
    if (m_camera)
        m_camera->setPreviewing(active);
    if (active && m_camera) {
        m_framesAtRate = m_camera->frameCount();
        m_sinceRate.start();
        m_rateTimer.start();
    } else {
        m_rateTimer.stop();
    }
    Q_EMIT activeChanged();
}

void CameraPreview::reset()
{
    // A picture or decode from an earlier visit of the panel is not shown as live.
    m_preview = {};
    m_decoded.clear();
    m_decodedAt.clear();
    m_frameRate = 0;
    Q_EMIT previewChanged();
    Q_EMIT decodedChanged();
    Q_EMIT frameRateChanged();
}

void CameraPreview::onPreviewFrame(const QImage &frame)
{
    if (!m_active)
        return;
    m_preview = frame;
    Q_EMIT previewChanged();
}

void CameraPreview::onDecoded(const QString &text)
{
    if (!m_active)
        return;
    m_decoded = TechnicianMode::describeScan(text);
    m_decodedAt = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    Q_EMIT decodedChanged();
}

void CameraPreview::measureRate()
{
    if (!m_camera)
        return;
    const qint64 frames = m_camera->frameCount();
    const qint64 elapsedMs = m_sinceRate.restart();
    m_frameRate = elapsedMs > 0 ? double(frames - m_framesAtRate) * 1000.0 / double(elapsedMs) : 0;
    m_framesAtRate = frames;
    Q_EMIT frameRateChanged();
}

} // namespace kiosk
