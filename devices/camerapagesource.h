#pragma once

#include "pagesource.h"

#include <QElapsedTimer>

#include <memory>

class QVideoFrame;

namespace devices {

class CameraFeed;

/// `camera:N` as a document page source: the camera's frames, converted to images at most kFrameIntervalMs apart
/// (converting every frame of a 30 fps camera would cost more than analysing a third of them).
class CameraPageSource : public PageSource
{
    Q_OBJECT
public:
    /// Frames handed on: 10 a second keep the preview fluid and the analyser fed.
    static constexpr qint64 kFrameIntervalMs = 100;

    explicit CameraPageSource(int index, QObject *parent = nullptr);
    ~CameraPageSource() override;

    [[nodiscard]] QString uri() const override;
    [[nodiscard]] Kind kind() const override { return Kind::Frames; }
    bool start() override;
    void stop() override;
    [[nodiscard]] QString lastError() const override;

private:
    void onFrame(const QVideoFrame &frame);

    std::unique_ptr<CameraFeed> m_feed;
    QElapsedTimer m_sinceLastFrame;
};

} // namespace devices
