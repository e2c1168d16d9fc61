#pragma once

#include <QElapsedTimer>
#include <QImage>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

class QThread;

namespace devices {

/// Decodes camera frames on its own worker thread. offer() never blocks: while a frame is being decoded,
/// further frames are dropped (and counted), so a slow decode lowers the decode rate, never the preview rate.
/// By default a MultiPassDecoder reads each frame, its extra passes within the time the feed's frame rate leaves.
class FrameDecoder : public QObject
{
    Q_OBJECT
public:
    /// The decoding function run on the worker thread.
    using DecodeFunction = std::function<std::optional<QString>(const QImage &)>;
    /// A decoding function that is also told the feed's measured frame interval (0 while unknown).
    using FrameDecodeFunction = std::function<std::optional<QString>(const QImage &, qint64 frameIntervalNs)>;

    explicit FrameDecoder(QObject *parent = nullptr);
    /// For tests and benchmarks: decode with `decodeFunction` instead of the multi-pass ZXing decoder.
    explicit FrameDecoder(DecodeFunction decodeFunction, QObject *parent = nullptr);
    explicit FrameDecoder(FrameDecodeFunction decodeFunction, QObject *parent = nullptr);
    /// Stops the worker thread after the frame in progress (if any) is done.
    ~FrameDecoder() override;

    /// Hands `frame` to the worker; false (and the frame dropped) when the worker is still busy or the frame is null.
    bool offer(const QImage &frame);

    [[nodiscard]] bool isBusy() const { return m_busy.load(std::memory_order_acquire); }
    [[nodiscard]] qint64 offeredCount() const { return m_offered.load(); }
    [[nodiscard]] qint64 droppedCount() const { return m_dropped.load(); }
    [[nodiscard]] qint64 decodedFrameCount() const { return m_decodedFrames.load(); }
    /// The moving average of the time between offered frames (dropped ones included): the camera's frame interval.
    [[nodiscard]] qint64 frameIntervalNs() const { return m_frameIntervalNs.load(); }

Q_SIGNALS:
    /// A frame held a code; emitted in the thread FrameDecoder lives in.
    void decoded(const QString &text);
    /// The worker finished a frame (with or without a code) and accepts the next one.
    void frameDone();

private:
    FrameDecodeFunction m_decode;
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr; // lives in m_thread
    std::atomic<bool> m_busy {false};
    std::atomic<qint64> m_offered {0};
    std::atomic<qint64> m_dropped {0};
    std::atomic<qint64> m_decodedFrames {0};
    std::atomic<qint64> m_frameIntervalNs {0};
    QElapsedTimer m_sinceLastOffer; // touched by offer() only, in the thread FrameDecoder lives in
};

} // namespace devices
