#pragma once

#include "pagesource.h"

#include <QImage>

#include <atomic>
#include <optional>

class QThread;

namespace devices {

/// `sane:DEVICE`: a flatbed or document scanner through SANE (e.g. `sane:genesys:libusb:001:004`, or SANE's own
/// `sane:test:0`); one requestPage() is one scan at kResolutionDpi, done on a worker thread. SANE's C types stay in
/// the .cpp file.
class SanePageSource : public PageSource
{
    Q_OBJECT
public:
    /// 150 dpi: an A4 page is ≈ 1240 × 1754 px, the stored page's legibility without scanning time wasted.
    static constexpr int kResolutionDpi = 150;

    explicit SanePageSource(QString device, QObject *parent = nullptr);
    ~SanePageSource() override;

    [[nodiscard]] QString uri() const override { return QStringLiteral("sane:") + m_device; }
    [[nodiscard]] Kind kind() const override { return Kind::Pages; }
    /// Checks nothing yet: a scanner is opened only for a scan, so that it can sleep in between.
    bool start() override;
    void stop() override;
    void requestPage() override;
    [[nodiscard]] bool isScanning() const { return m_scanning.load(); }

    /// One scan of `device` with SANE, blocking; the page, or nullopt with *error (Bahasa Indonesia) set.
    [[nodiscard]] static std::optional<QImage> scan(const QString &device, QString *error);

private:
    QString m_device;
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr; // lives in m_thread
    std::atomic<bool> m_scanning {false};
    bool m_active = false;
};

} // namespace devices
