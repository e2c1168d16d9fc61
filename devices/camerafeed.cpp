#include "camerafeed.h"

#include <QCamera>
#include <QCameraDevice>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QVideoFrame>
#include <QVideoSink>

namespace devices {

CameraFeed::CameraFeed(int index, QObject *parent)
    : QObject(parent)
    , m_index(index)
{ }

CameraFeed::~CameraFeed()
{
    if (m_camera)
        m_camera->stop();
}

std::optional<int> CameraFeed::parseUri(const QString &uri)
{
    if (!uri.startsWith(QLatin1String("camera:")))
        return std::nullopt;
    bool ok = false;
    const int index = uri.mid(7).toInt(&ok);
    if (!ok || index < 0)
        return std::nullopt;
    return index;
}

bool CameraFeed::start()
{
    if (m_running)
        return true;
    const QList<QCameraDevice> inputs = QMediaDevices::videoInputs();
    if (m_index >= inputs.size()) {
        m_lastError = inputs.isEmpty() ? QStringLiteral("Kamera %1 tidak ditemukan: tidak ada kamera yang terpasang. Periksa kabel "
                                                        "kamera atau hubungi teknisi.")
                                             .arg(m_index)
                                       : QStringLiteral("Kamera %1 tidak ditemukan: hanya ada %2 kamera (nomor 0 sampai %3). Periksa "
                                                        "berkas konfigurasi kiosk atau hubungi teknisi.")
                                             .arg(m_index)
                                             .arg(inputs.size())
                                             .arg(inputs.size() - 1);
        return false;
    }
    if (!m_camera) {
        m_camera = std::make_unique<QCamera>(inputs.at(m_index));
        m_sink = std::make_unique<QVideoSink>();
        m_session = std::make_unique<QMediaCaptureSession>();
        m_session->setCamera(m_camera.get());
        m_session->setVideoSink(m_sink.get());
        connect(m_sink.get(), &QVideoSink::videoFrameChanged, this, &CameraFeed::frameArrived);
        connect(m_camera.get(), &QCamera::errorOccurred, this, [this](QCamera::Error error, const QString &text) {
            if (error != QCamera::NoError)
                fail(QStringLiteral("Kamera %1 gagal: %2. Hubungi teknisi.").arg(m_index).arg(text));
        });
    }
    m_camera->start();
    if (m_camera->error() != QCamera::NoError) {
        m_lastError = QStringLiteral("Kamera %1 tidak dapat dinyalakan: %2. Hubungi teknisi.").arg(m_index).arg(m_camera->errorString());
        m_camera->stop();
        return false;
    }
    m_running = true;
    m_lastError.clear();
    return true;
}

void CameraFeed::stop()
{
    if (m_camera)
        m_camera->stop();
    m_running = false;
}

void CameraFeed::fail(const QString &message)
{
    m_lastError = message;
    stop();
    Q_EMIT failed(message);
}

} // namespace devices
