#include "camerascanner.h"

#include "camerafeed.h"
#include "framedecoder.h"
#include "pagesource.h"

#include <QDateTime>
#include <QImage>
#include <QVideoFrame>

#include <algorithm>

namespace devices {

namespace {
// A code still in view is not reported again unless it has been absent for this long.
constexpr qint64 kRepeatAfterMs = 2000;
} // namespace

CameraScanner::CameraScanner(int index, QObject *parent)
    : Scanner(parent)
    , m_index(index)
    , m_decoder(std::make_unique<FrameDecoder>())
    , m_feed(std::make_unique<CameraFeed>(index))
{
    connect(m_decoder.get(), &FrameDecoder::decoded, this, &CameraScanner::onDecoded);
    connect(m_feed.get(), &CameraFeed::frameArrived, this, &CameraScanner::onFrame);
    connect(m_feed.get(), &CameraFeed::failed, this, &CameraScanner::fail);
}

CameraScanner::CameraScanner(std::unique_ptr<PageSource> recording, QObject *parent)
    : Scanner(parent)
    , m_index(-1)
    , m_decoder(std::make_unique<FrameDecoder>())
    , m_recording(std::move(recording))
{
    connect(m_decoder.get(), &FrameDecoder::decoded, this, &CameraScanner::onDecoded);
    connect(m_recording.get(), &PageSource::frameArrived, this, &CameraScanner::onImage);
    connect(m_recording.get(), &PageSource::failed, this, &CameraScanner::fail);
}

CameraScanner::~CameraScanner() = default;

std::optional<int> CameraScanner::parseUri(const QString &uri)
{
    return CameraFeed::parseUri(uri);
}

QString CameraScanner::uri() const
{
    if (m_recording)
        return QStringLiteral("camera:") + m_recording->uri().section(QLatin1Char(':'), 1);
    return QStringLiteral("camera:%1").arg(m_index);
}

bool CameraScanner::start()
{
    if (m_running)
        return true;
    if (m_recording ? !m_recording->start() : !m_feed->start()) {
        fail(m_recording ? m_recording->lastError() : m_feed->lastError());
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
    if (m_running && m_recording)
        return QStringLiteral("siap (rekaman %1, %2 bingkai terlewati)").arg(m_recording->uri()).arg(m_decoder->droppedCount());
    if (m_running)
        return QStringLiteral("siap (kamera %1, %2 bingkai terlewati)").arg(m_index).arg(m_decoder->droppedCount());
    if (!m_lastError.isEmpty())
        return QStringLiteral("rusak: %1").arg(m_lastError);
    return QStringLiteral("belum dinyalakan");
}

void CameraScanner::setPreviewing(bool on)
{
    m_previewing = on;
    m_sincePreview.invalidate();
}

bool CameraScanner::previewDue()
{
    if (!m_previewing || (m_sincePreview.isValid() && m_sincePreview.elapsed() < kPreviewIntervalMs))
        return false;
    m_sincePreview.start();
    return true;
}

void CameraScanner::onFrame(const QVideoFrame &frame)
{
    // Converting a frame costs more than dropping it, so a busy decoder skips the conversion too (unless a preview is due).
    const bool preview = frame.isValid() && previewDue();
    if (!preview && (m_decoder->isBusy() || !frame.isValid())) {
        ++m_frames;
        m_decoder->offer(QImage()); // counted as dropped
        return;
    }
    const QImage image = frame.toImage();
    if (preview)
        Q_EMIT previewFrame(image.scaledToWidth(std::min(kPreviewWidth, image.width()), Qt::FastTransformation));
    ++m_frames;
    m_decoder->offer(m_decoder->isBusy() ? QImage() : image);
}

void CameraScanner::onImage(const QImage &frame)
{
    if (!frame.isNull() && previewDue())
        Q_EMIT previewFrame(frame.scaledToWidth(std::min(kPreviewWidth, frame.width()), Qt::FastTransformation));
    ++m_frames;
    m_decoder->offer(frame);
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
    if (m_recording)
        m_recording->stop();
    else
        m_feed->stop();
    m_running = false;
    setState(State::Error);
    Q_EMIT stateChanged();
}

} // namespace devices
