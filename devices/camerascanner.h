#pragma once

#include "scanner.h"

#include <QString>
#include <memory>
#include <optional>

class QVideoFrame;

namespace devices {

class CameraFeed;
class FrameDecoder;

/// `camera:N`: the N-th video input of Qt Multimedia (a CameraFeed); its frames
/// go to a FrameDecoder, which decodes them with ZXing on a worker thread and drops frames while it is busy.
/// The same code seen in consecutive frames is reported once until the camera sees no code for a moment.
class CameraScanner : public Scanner
{
    Q_OBJECT
public:
    explicit CameraScanner(int index, QObject *parent = nullptr);
    ~CameraScanner() override;

    /// The camera index of a `camera:N` URI; nullopt when N is missing or not a non-negative number.
    [[nodiscard]] static std::optional<int> parseUri(const QString &uri);

    [[nodiscard]] QString uri() const override;
    bool start() override;
    [[nodiscard]] QString lastError() const override { return m_lastError; }
    [[nodiscard]] QString describeState() const override;

    [[nodiscard]] const FrameDecoder *decoder() const { return m_decoder.get(); }

private:
    void onFrame(const QVideoFrame &frame);
    void onDecoded(const QString &text);
    void fail(const QString &message);

    int m_index;
    QString m_lastError;
    bool m_running = false;
    QString m_lastText;
    qint64 m_lastTextAtMs = 0;
    std::unique_ptr<FrameDecoder> m_decoder;
    std::unique_ptr<CameraFeed> m_feed;
};

} // namespace devices
