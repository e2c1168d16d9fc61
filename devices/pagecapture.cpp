#include "pagecapture.h"

#include <QPointer>
#include <QThread>

namespace devices {

PageCapture::PageCapture(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_worker(new QObject)
{
    qRegisterMetaType<devices::ProcessedPage>();
    m_thread->setObjectName(QStringLiteral("PageCapture"));
    m_worker->moveToThread(m_thread);
    QObject::connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

PageCapture::~PageCapture()
{
    m_thread->quit();
    m_thread->wait();
    delete m_thread; // m_worker was deleted by deleteLater as the thread finished
}

void PageCapture::reset()
{
    m_generation.fetch_add(1);
}

bool PageCapture::offerFrame(const QImage &frame)
{
    if (frame.isNull())
        return false;
    bool expected = false;
    if (!m_busy.compare_exchange_strong(expected, true, std::memory_order_acq_rel))
        return false;
    const quint64 generation = m_generation.load();
    QMetaObject::invokeMethod(
        m_worker,
        [this, frame, generation] {
            // `this` outlives the worker thread (the destructor waits for it), so its worker-only members are safe here.
            if (generation != m_analyserGeneration) {
                m_analyser.reset();
                m_analyserGeneration = generation;
                m_analysedFrames = 0;
            }
            ++m_analysedFrames;
            const FrameVerdict verdict = m_analyser.feed(frame);
            const ProcessedPage page = verdict.take ? pageprocessing::process(frame) : ProcessedPage();
            m_busy.store(false, std::memory_order_release);
            deliver(generation, verdict, page, m_analysedFrames);
        },
        Qt::QueuedConnection);
    return true;
}

void PageCapture::offerPage(const QImage &page)
{
    const quint64 generation = m_generation.load();
    QMetaObject::invokeMethod(
        m_worker,
        [this, page, generation] {
            FrameVerdict verdict;
            verdict.hint = CaptureHint::Steady;
            verdict.take = !page.isNull();
            deliver(generation, verdict, verdict.take ? pageprocessing::process(page) : ProcessedPage(), 1);
        },
        Qt::QueuedConnection);
}

void PageCapture::deliver(quint64 generation, const FrameVerdict &verdict, const ProcessedPage &page, int analysedFrames)
{
    QPointer<PageCapture> self(this);
    QMetaObject::invokeMethod(
        this,
        [self, generation, verdict, page, analysedFrames] {
            // A verdict about a document the person has already moved on from is not news.
            if (!self || generation != self->m_generation.load())
                return;
            Q_EMIT self->hintChanged(verdict.hint);
            if (verdict.take && !page.jpeg.isEmpty())
                Q_EMIT self->pageReady(page, analysedFrames);
        },
        Qt::QueuedConnection);
}

} // namespace devices
