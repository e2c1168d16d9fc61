#include "framedecoder.h"

#include "barcode.h"

#include <QPointer>
#include <QThread>

namespace devices {

FrameDecoder::FrameDecoder(QObject *parent)
    : FrameDecoder(DecodeFunction(&barcode::decode), parent)
{ }

FrameDecoder::FrameDecoder(DecodeFunction decodeFunction, QObject *parent)
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
            const std::optional<QString> text = m_decode ? m_decode(frame) : std::nullopt;
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
