#pragma once

#include "pagesource.h"

#include <QStringList>
#include <QTimer>

namespace devices {

/// `file:DIR`: plays the PNG and JPEG images of a directory in name order at a camera's rate, then keeps showing the
/// last one (a camera looking at a page that lies still). For technicians replaying a recording, and for tests.
class FilePageSource : public PageSource
{
    Q_OBJECT
public:
    /// Frames a second, as a document camera delivers to the analyser.
    static constexpr int kFrameIntervalMs = 100;

    explicit FilePageSource(QString directory, QObject *parent = nullptr);

    [[nodiscard]] QString uri() const override { return QStringLiteral("file:") + m_directory; }
    [[nodiscard]] Kind kind() const override { return Kind::Frames; }
    bool start() override;
    void stop() override;

private:
    void next();

    QString m_directory;
    QStringList m_files;
    qsizetype m_position = 0;
    QImage m_last;
    QTimer m_timer;
};

} // namespace devices
