#pragma once

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QCamera;
class QMediaCaptureSession;
class QVideoSink;
class QVideoFrame;

namespace devices {

/// The N-th video input of Qt Multimedia (QMediaDevices::videoInputs(), counted from 0), switched on and off, its
/// frames as they come. Shared by the `camera:N` barcode scanner and the `camera:N` document page source.
class CameraFeed : public QObject
{
    Q_OBJECT
public:
    explicit CameraFeed(int index, QObject *parent = nullptr);
    ~CameraFeed() override;

    /// The camera index of a `camera:N` URI; nullopt when N is missing or not a non-negative number.
    [[nodiscard]] static std::optional<int> parseUri(const QString &uri);

    [[nodiscard]] int index() const { return m_index; }
    /// Switches the camera on; false with lastError() (Bahasa Indonesia) when there is no such camera or it fails.
    bool start();
    void stop();
    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] QString lastError() const { return m_lastError; }

Q_SIGNALS:
    /// A frame from the camera (in the thread the feed lives in).
    void frameArrived(const QVideoFrame &frame);
    /// The camera failed while running; lastError() says why.
    void failed(const QString &message);

private:
    void fail(const QString &message);

    int m_index;
    bool m_running = false;
    QString m_lastError;
    std::unique_ptr<QMediaCaptureSession> m_session;
    std::unique_ptr<QCamera> m_camera;
    std::unique_ptr<QVideoSink> m_sink;
};

} // namespace devices
