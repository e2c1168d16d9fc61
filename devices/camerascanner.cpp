#include "camerascanner.h"

#include "camerafeed.h"
#include "framedecoder.h"

#include <QDateTime>
#include <QVideoFrame>

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

CameraScanner::~CameraScanner() = default;

std::optional<int> CameraScanner::parseUri(const QString &uri)
{
    return CameraFeed::parseUri(uri);
}

QString CameraScanner::uri() const
{
    return QStringLiteral("camera:%1").arg(m_index);
}

bool CameraScanner::start()
{
    if (m_running)
        return true;
    if (!m_feed->start()) {
        fail(m_feed->lastError());
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
    m_feed->stop();
    m_running = false;
    setState(State::Error);
    Q_EMIT stateChanged();
}

} // namespace devices
