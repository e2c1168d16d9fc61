#pragma once

#include "scanner.h"

#include <QElapsedTimer>
#include <QImage>
#include <QString>
#include <memory>
#include <optional>

class QVideoFrame;

namespace devices {

class CameraFeed;
class FrameDecoder;
class PageSource;

/// `camera:N`: the N-th video input of Qt Multimedia (a CameraFeed); its frames
/// go to a FrameDecoder, which decodes them with ZXing on a worker thread and drops frames while it is busy.
/// The same code seen in consecutive frames is reported once until the camera sees no code for a moment.
/// `camera:/DIR` plays the images of a directory instead (a FilePageSource): a technician replays a recording.
/// While someone watches (setPreviewing()), a few frames a second also go out as previewFrame().
class CameraScanner : public Scanner
{
    Q_OBJECT
public:
    /// Preview frames: 5 a second look live and cost little to convert and paint.
    static constexpr qint64 kPreviewIntervalMs = 200;
    /// Preview width: technician mode shows it at about this size.
    static constexpr int kPreviewWidth = 640;

    explicit CameraScanner(int index, QObject *parent = nullptr);
    /// Frames from `recording` (a Frames page source such as `file:DIR`) instead of a camera.
    explicit CameraScanner(std::unique_ptr<PageSource> recording, QObject *parent = nullptr);
    ~CameraScanner() override;

    /// The camera index of a `camera:N` URI; nullopt when N is missing or not a non-negative number.
    [[nodiscard]] static std::optional<int> parseUri(const QString &uri);

    [[nodiscard]] QString uri() const override;
    bool start() override;
    [[nodiscard]] QString lastError() const override { return m_lastError; }
    [[nodiscard]] QString describeState() const override;

    [[nodiscard]] const FrameDecoder *decoder() const { return m_decoder.get(); }
    /// Frames that reached the scanner since it was built (decoded or dropped).
    [[nodiscard]] qint64 frameCount() const { return m_frames; }
    /// On: previewFrame() a few times a second; off (the default): no frame is converted for a preview.
    void setPreviewing(bool on);
    [[nodiscard]] bool isPreviewing() const { return m_previewing; }

Q_SIGNALS:
    /// A frame for the preview, scaled to kPreviewWidth; only while previewing.
    void previewFrame(const QImage &frame);

private:
    void onFrame(const QVideoFrame &frame);
    void onImage(const QImage &frame);
    [[nodiscard]] bool previewDue();
    void onDecoded(const QString &text);
    void fail(const QString &message);

    int m_index;
    QString m_lastError;
    bool m_running = false;
    QString m_lastText;
    qint64 m_lastTextAtMs = 0;
    qint64 m_frames = 0;
    bool m_previewing = false;
    QElapsedTimer m_sincePreview;
    std::unique_ptr<FrameDecoder> m_decoder;
    std::unique_ptr<CameraFeed> m_feed; // null when replaying a recording
    std::unique_ptr<PageSource> m_recording; // null with a camera
};

} // namespace devices
