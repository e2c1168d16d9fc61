#include "camerapagesource.h"

#include "camerafeed.h"

#include <QVideoFrame>

namespace devices {

CameraPageSource::CameraPageSource(int index, QObject *parent)
    : PageSource(parent)
    , m_feed(std::make_unique<CameraFeed>(index))
{
    connect(m_feed.get(), &CameraFeed::frameArrived, this, &CameraPageSource::onFrame);
    connect(m_feed.get(), &CameraFeed::failed, this, &CameraPageSource::fail);
}

CameraPageSource::~CameraPageSource() = default;

QString CameraPageSource::uri() const
{
    return QStringLiteral("camera:%1").arg(m_feed->index());
}

bool CameraPageSource::start()
{
    m_sinceLastFrame.invalidate();
    return m_feed->start();
}

void CameraPageSource::stop()
{
    m_feed->stop();
}

QString CameraPageSource::lastError() const
{
    return m_feed->lastError();
}

void CameraPageSource::onFrame(const QVideoFrame &frame)
{
    if (!frame.isValid() || (m_sinceLastFrame.isValid() && m_sinceLastFrame.elapsed() < kFrameIntervalMs))
        return;
    m_sinceLastFrame.start();
    const QImage image = frame.toImage();
    if (!image.isNull())
        Q_EMIT frameArrived(image);
}

} // namespace devices
