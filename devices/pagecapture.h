#pragma once

#include "pageanalyser.h"

#include <QImage>
#include <QObject>

#include <atomic>

class QThread;

namespace devices {

/// Runs PageAnalyser and page processing on its own worker thread. offerFrame() never blocks: while a frame is
/// analysed, further frames are dropped, so a slow analysis lowers the analysis rate, never the preview rate.
class PageCapture : public QObject
{
    Q_OBJECT
public:
    explicit PageCapture(QObject *parent = nullptr);
    /// Stops the worker thread after the frame in progress (if any) is done.
    ~PageCapture() override;

    /// A camera frame, analysed on the worker; false (dropped) when the worker is busy or the frame is null.
    bool offerFrame(const QImage &frame);
    /// A whole page (a flatbed scan): processed without waiting for stillness.
    void offerPage(const QImage &page);
    /// Starts over for a new document (or "Ulangi"): frames offered before are forgotten.
    void reset();

    [[nodiscard]] bool isBusy() const { return m_busy.load(std::memory_order_acquire); }

Q_SIGNALS:
    /// What the analyser says of the latest analysed frame; emitted in the thread PageCapture lives in.
    void hintChanged(devices::CaptureHint hint);
    /// The page taken, processed; `analysedFrames` frames were analysed for it since the last reset().
    void pageReady(const devices::ProcessedPage &page, int analysedFrames);

private:
    void deliver(quint64 generation, const FrameVerdict &verdict, const ProcessedPage &page, int analysedFrames);

    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr; // lives in m_thread
    PageAnalyser m_analyser; // touched only on the worker thread
    quint64 m_analyserGeneration = 0; // worker thread only
    int m_analysedFrames = 0; // worker thread only
    std::atomic<quint64> m_generation {0};
    std::atomic<bool> m_busy {false};
};

} // namespace devices

Q_DECLARE_METATYPE(devices::ProcessedPage)
