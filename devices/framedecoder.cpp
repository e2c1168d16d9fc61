#include "framedecoder.h"

#include "barcode.h"
#include "multipassdecoder.h"

#include <QPointer>
#include <QThread>

#include <chrono>

namespace devices {

namespace {
// Extra passes work at most a quarter of the time: a kiosk looking at no code should not spend a core on it, and the
// idle thread still shares caches and wake-ups with the plain pass (bench_devices_camera compares the two frame rates).
constexpr qint64 kRestPerWork = 3;

qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
} // namespace

FrameDecoder::FrameDecoder(QObject *parent)
    : FrameDecoder(DecodeFunction(&barcode::decode), parent)
{
    m_extraThread = new QThread;
    m_extraWorker = new QObject;
    m_extraThread->setObjectName(QStringLiteral("FrameDecoderExtra"));
    m_extraWorker->moveToThread(m_extraThread);
    QObject::connect(m_extraThread, &QThread::finished, m_extraWorker, &QObject::deleteLater);
    // Idle priority (SCHED_IDLE on Linux): the extra passes never take CPU from the plain pass, the camera or the UI,
    // so the rate of decoded frames stays that of the plain pass alone (bench_devices_camera measures both).
    m_extraThread->start(QThread::IdlePriority);
}

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
    m_stopping.store(true);
    m_thread->quit();
    m_thread->wait();
    delete m_thread; // m_worker was deleted by deleteLater as the thread finished
    if (m_extraThread) {
        m_extraThread->quit();
        m_extraThread->wait();
        delete m_extraThread;
    }
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
            if (!text && m_extraThread)
                offerExtraPasses(frame, self);
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

void FrameDecoder::offerExtraPasses(const QImage &frame, const QPointer<FrameDecoder> &self)
{
    // The usual frame has no code at all: resting kRestPerWork times as long as the last round took bounds the extra passes.
    if (steadyNs() < m_extraRestUntilNs.load())
        return;
    bool expected = false;
    if (!m_extraBusy.compare_exchange_strong(expected, true, std::memory_order_acq_rel))
        return; // still on an earlier frame of (most likely) the same scene
    QMetaObject::invokeMethod(
        m_extraWorker,
        [this, self, frame] {
            // `this` outlives the extra thread too (the destructor waits for it) and m_stopping cuts the passes short.
            const qint64 started = steadyNs();
            const MultiPassDecoder::Attempt attempt = MultiPassDecoder().decodeExtraPasses(frame, &m_stopping);
            const qint64 finished = steadyNs();
            m_extraRestUntilNs.store(finished + kRestPerWork * (finished - started));
            m_extraFrames.fetch_add(1);
            m_extraBusy.store(false, std::memory_order_release);
            if (!attempt.text)
                return;
            QMetaObject::invokeMethod(
                this,
                [self, text = *attempt.text] {
                    if (self)
                        Q_EMIT self->decoded(text);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace devices
