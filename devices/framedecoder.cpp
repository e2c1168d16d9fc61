#include "framedecoder.h"

#include "multipassdecoder.h"

#include <QPointer>
#include <QThread>

#include <memory>

namespace devices {

namespace {
// A gap longer than this is a paused feed, not its frame rate.
constexpr qint64 kLongestIntervalNs = 1'000'000'000;
} // namespace

FrameDecoder::FrameDecoder(QObject *parent)
    : FrameDecoder([decoder = std::make_shared<MultiPassDecoder>()](
                       const QImage &frame, qint64 frameIntervalNs) { return decoder->decodeFrame(frame, frameIntervalNs).text; },
        parent)
{ }

FrameDecoder::FrameDecoder(DecodeFunction decodeFunction, QObject *parent)
    : FrameDecoder(
        [decode = std::move(decodeFunction)](const QImage &frame, qint64) { return decode ? decode(frame) : std::nullopt; }, parent)
{ }

FrameDecoder::FrameDecoder(FrameDecodeFunction decodeFunction, QObject *parent)
    : QObject(parent)
    , m_decode(std::move(decodeFunction))
    , m_thread(new QThread)
    , m_worker(new QObject)
{
    m_thread->setObjectName(QStringLiteral("FrameDecoder"));
    m_worker->moveToThread(m_thread);
    QObject::connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

FrameDecoder::~FrameDecoder()
{
    m_thread->quit();
    m_thread->wait();
    delete m_thread; // m_worker was deleted by deleteLater as the thread finished
}

bool FrameDecoder::offer(const QImage &frame)
{
    m_offered.fetch_add(1);
    if (m_sinceLastOffer.isValid()) {
        const qint64 gap = m_sinceLastOffer.nsecsElapsed();
        const qint64 average = m_frameIntervalNs.load();
        m_frameIntervalNs.store(gap > kLongestIntervalNs ? 0 : average == 0 ? gap : (7 * average + gap) / 8);
    }
    m_sinceLastOffer.start();
    if (frame.isNull()) {
        m_dropped.fetch_add(1);
        return false;
    }
    bool expected = false;
    if (!m_busy.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) {
        m_dropped.fetch_add(1);
        return false;
    }
    // QImage is implicitly shared with an atomic reference count, so the copy into the lambda is cheap and thread-safe.
    QPointer<FrameDecoder> self(this);
    QMetaObject::invokeMethod(
        m_worker,
        [this, self, frame] {
            const std::optional<QString> text = m_decode ? m_decode(frame, m_frameIntervalNs.load()) : std::nullopt;
            // `this` outlives the worker thread (the destructor waits for it), so touching members here is safe.
            m_decodedFrames.fetch_add(1);
            m_busy.store(false, std::memory_order_release);
            QMetaObject::invokeMethod(
                this,
                [self, text] {
                    if (!self)
                        return;
                    if (text)
                        Q_EMIT self->decoded(*text);
                    Q_EMIT self->frameDone();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return true;
}

} // namespace devices
