#include "filescanner.h"

#include <QFileSystemWatcher>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace devices {

FileScanner::FileScanner(QString path, QObject *parent)
    : Scanner(parent)
    , m_path(std::move(path))
{ }

FileScanner::~FileScanner()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool FileScanner::start()
{
    struct stat info {
    };
    if (m_path.isEmpty() || ::stat(m_path.toLocal8Bit().constData(), &info) != 0) {
        m_lastError = QStringLiteral("Berkas pemindai \"%1\" tidak ada. Periksa daftar scanners di konfigurasi kiosk.").arg(m_path);
        setState(State::Error);
        Q_EMIT stateChanged();
        return false;
    }
    m_fifo = S_ISFIFO(info.st_mode);
    // A FIFO is opened for reading and writing so it never reports end-of-file when a writer closes.
    m_fd = ::open(m_path.toLocal8Bit().constData(), (m_fifo ? O_RDWR : O_RDONLY) | O_NONBLOCK | O_CLOEXEC);
    if (m_fd < 0) {
        m_lastError
            = QStringLiteral("Berkas pemindai \"%1\" tidak dapat dibuka (%2).").arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
        setState(State::Error);
        Q_EMIT stateChanged();
        return false;
    }
    if (m_fifo) {
        m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &FileScanner::readAvailable);
    } else {
        m_watcher = new QFileSystemWatcher({m_path}, this);
        connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &FileScanner::readAvailable);
        readAvailable();
    }
    setState(State::Ready);
    Q_EMIT stateChanged();
    return true;
}

QString FileScanner::describeState() const
{
    if (m_fd < 0)
        return m_lastError.isEmpty() ? QStringLiteral("belum dibuka") : m_lastError;
    return m_fifo ? QStringLiteral("siap (membaca pipa %1)").arg(m_path) : QStringLiteral("siap (membaca berkas %1)").arg(m_path);
}

void FileScanner::readAvailable()
{
    char chunk[4096];
    for (;;) {
        const ssize_t n = ::read(m_fd, chunk, sizeof chunk);
        if (n <= 0)
            break;
        for (ssize_t i = 0; i < n; ++i) {
            if (chunk[i] == '\n') {
                deliverLines();
            } else if (m_pending.size() < kMaxLineBytes) {
                m_pending.append(chunk[i]);
            }
        }
    }
}

void FileScanner::deliverLines()
{
    QByteArray line = std::exchange(m_pending, {});
    if (line.endsWith('\r'))
        line.chop(1);
    // An overlong line still arrives (cut), so the citizen hears why it was refused.
    if (!line.isEmpty())
        Q_EMIT scanned(QString::fromUtf8(line));
}

} // namespace devices
