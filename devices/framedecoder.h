#pragma once

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

class QThread;

namespace devices {

/// Decodes camera frames on its own worker thread. offer() never blocks: while a frame is being decoded,
/// further frames are dropped (and counted), so a slow decode lowers the decode rate, never the preview rate.
/// By default each frame gets the plain ZXing pass; a frame it misses goes (unless one is in progress) to the
/// MultiPassDecoder's extra passes on a second thread at idle priority, so they use only CPU time nobody else wants,
/// and at most a quarter of the time: after each round they rest three times as long as the round took.
class FrameDecoder : public QObject
{
    Q_OBJECT
public:
    /// The decoding function run on the worker thread; the default is devices::barcode::decode.
    using DecodeFunction = std::function<std::optional<QString>(const QImage &)>;

    explicit FrameDecoder(QObject *parent = nullptr);
    /// For tests and benchmarks: decode with `decodeFunction` instead of ZXing, without extra passes.
    explicit FrameDecoder(DecodeFunction decodeFunction, QObject *parent = nullptr);
    /// Stops the worker threads after the frame in progress (if any) is done; extra passes stop after the current one.
    ~FrameDecoder() override;

    /// Hands `frame` to the worker; false (and the frame dropped) when the worker is still busy or the frame is null.
    bool offer(const QImage &frame);

    [[nodiscard]] bool isBusy() const { return m_busy.load(std::memory_order_acquire); }
    [[nodiscard]] qint64 offeredCount() const { return m_offered.load(); }
    [[nodiscard]] qint64 droppedCount() const { return m_dropped.load(); }
    [[nodiscard]] qint64 decodedFrameCount() const { return m_decodedFrames.load(); }
    /// Frames the extra passes finished (read or not); frames missed while they were busy are not counted.
    [[nodiscard]] qint64 extraPassFrameCount() const { return m_extraFrames.load(); }

Q_SIGNALS:
    /// A frame held a code (read by the plain pass or, later, by an extra pass); emitted in the thread FrameDecoder lives in.
    void decoded(const QString &text);
    /// The worker finished a frame (with or without a code) and accepts the next one.
    void frameDone();

private:
    void offerExtraPasses(const QImage &frame, const QPointer<FrameDecoder> &self); // on the worker thread

    DecodeFunction m_decode;
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr; // lives in m_thread
    std::atomic<bool> m_busy {false};
    std::atomic<qint64> m_offered {0};
    std::atomic<qint64> m_dropped {0};
    std::atomic<qint64> m_decodedFrames {0};
    QThread *m_extraThread = nullptr; // only with the default decoder
    QObject *m_extraWorker = nullptr; // lives in m_extraThread
    std::atomic<bool> m_extraBusy {false};
    std::atomic<bool> m_stopping {false};
    std::atomic<qint64> m_extraFrames {0};
    std::atomic<qint64> m_extraRestUntilNs {0}; // steady clock
};

} // namespace devices
