#include "filepagesource.h"

#include <QDir>

namespace devices {

FilePageSource::FilePageSource(QString directory, QObject *parent)
    : PageSource(parent)
    , m_directory(std::move(directory))
{
    m_timer.setInterval(kFrameIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &FilePageSource::next);
}

bool FilePageSource::start()
{
    const QDir dir(m_directory);
    m_files = dir.entryList({QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg")}, QDir::Files, QDir::Name);
    if (!dir.exists() || m_files.isEmpty()) {
        fail(QStringLiteral("Folder gambar dokumen \"%1\" tidak ada atau kosong. Periksa [documents] source di konfigurasi kiosk.")
                 .arg(m_directory));
        return false;
    }
    m_lastError.clear();
    m_position = 0;
    m_last = {};
    m_timer.start();
    next();
    return true;
}

void FilePageSource::stop()
{
    m_timer.stop();
}

void FilePageSource::next()
{
    if (m_position < m_files.size()) {
        const QImage image(QDir(m_directory).filePath(m_files.at(m_position++)));
        if (!image.isNull())
            m_last = image;
    }
    if (!m_last.isNull())
        Q_EMIT frameArrived(m_last);
}

} // namespace devices
