#pragma once

#include "scanner.h"

#include <QByteArray>

class QFileSystemWatcher;
class QSocketNotifier;

namespace devices {

/// Scans read from a file (`file:PATH`), one payload per line: a FIFO delivers each line as it is
/// written; a regular file delivers its lines once at start and then every line appended to it.
/// The scripted scanner of the demo and the tests, and a field tool for replaying captured scans.
class FileScanner : public Scanner
{
    Q_OBJECT
public:
    explicit FileScanner(QString path, QObject *parent = nullptr);
    ~FileScanner() override;

    [[nodiscard]] QString uri() const override { return QStringLiteral("file:") + m_path; }
    bool start() override;
    [[nodiscard]] QString lastError() const override { return m_lastError; }
    [[nodiscard]] QString describeState() const override;

    /// Longest line kept; the rest of a longer line is dropped (the classifier refuses it anyway).
    static constexpr qsizetype kMaxLineBytes = 64 * 1024;

private:
    void readAvailable();
    void deliverLines();

    QString m_path;
    QString m_lastError;
    int m_fd = -1;
    bool m_fifo = false;
    QByteArray m_pending;
    QSocketNotifier *m_notifier = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
};

} // namespace devices
