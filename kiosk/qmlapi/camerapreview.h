#pragma once

#include "camerascanner.h"

#include <QElapsedTimer>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace kiosk {

/// The camera scanner's live picture in technician mode's Perangkat panel, with what it decodes (kind and payload,
/// masked), its frame rate and the time of the last decode. Runs only while active (the panel is open); the camera
/// serves scans as always either way.
class CameraPreview : public QObject
{
    Q_OBJECT
    /// False when no camera scanner is configured: the panel says how to configure one.
    Q_PROPERTY(bool available READ available NOTIFY availableChanged)
    /// Set by the panel while it is open.
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    /// The camera scanner's URI ("camera:0").
    Q_PROPERTY(QString uri READ uri NOTIFY availableChanged)
    Q_PROPERTY(QImage preview READ preview NOTIFY previewChanged)
    /// The last decode as technician mode shows scans ("NIK: \"3521********0021\" (16 karakter)"); empty before one.
    Q_PROPERTY(QString decoded READ decoded NOTIFY decodedChanged)
    /// "20:41:07"; empty before the first decode while active.
    Q_PROPERTY(QString decodedAt READ decodedAt NOTIFY decodedChanged)
    /// Frames a second reaching the scanner, measured over the last second.
    Q_PROPERTY(double frameRate READ frameRate NOTIFY frameRateChanged)

public:
    /// How often the frame rate is measured.
    static constexpr int kRateIntervalMs = 1000;

    explicit CameraPreview(QObject *parent = nullptr);

    /// The configured camera scanner (null: none), set by the composition root.
    void setCamera(devices::CameraScanner *camera);

    [[nodiscard]] bool available() const { return m_camera != nullptr; }
    [[nodiscard]] bool active() const { return m_active; }
    void setActive(bool active);
    [[nodiscard]] QString uri() const;
    [[nodiscard]] QImage preview() const { return m_preview; }
    [[nodiscard]] QString decoded() const { return m_decoded; }
    [[nodiscard]] QString decodedAt() const { return m_decodedAt; }
    [[nodiscard]] double frameRate() const { return m_frameRate; }

Q_SIGNALS:
    void availableChanged();
    void activeChanged();
    void previewChanged();
    void decodedChanged();
    void frameRateChanged();

private:
    void onPreviewFrame(const QImage &frame);
    void onDecoded(const QString &text);
    void measureRate();
    void reset();

    QPointer<devices::CameraScanner> m_camera;
    bool m_active = false;
    QImage m_preview;
    QString m_decoded;
    QString m_decodedAt;
    double m_frameRate = 0;
    QTimer m_rateTimer;
    QElapsedTimer m_sinceRate;
    qint64 m_framesAtRate = 0;
};

} // namespace kiosk
