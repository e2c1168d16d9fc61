#pragma once

#include <QImage>
#include <QObject>
#include <QString>

#include <memory>

namespace devices {

/// Where document pages come from, chosen by URI scheme (see createPageSource()): `camera:N` and `file:DIR`
/// deliver a stream of frames from which PageCapture picks the page; `sane:DEVICE` delivers one whole page per scan.
class PageSource : public QObject
{
    Q_OBJECT
public:
    /// How a source's pictures become pages.
    enum class Kind {
        Frames, ///< A stream of frames (a camera); the page is picked when it is still and sharp.
        Pages, ///< One page per requestPage() (a flatbed scanner).
    };
    Q_ENUM(Kind)

    using QObject::QObject;
    ~PageSource() override = default;

    [[nodiscard]] virtual QString uri() const = 0;
    [[nodiscard]] virtual Kind kind() const = 0;
    /// Starts delivering frames (a Frames source) or readies the device; false with lastError() when unusable.
    virtual bool start() = 0;
    /// Stops delivering (the camera goes off); start() again begins anew.
    virtual void stop() = 0;
    /// A Pages source scans one page now (pageArrived() or failed() follows); a Frames source ignores it.
    virtual void requestPage() { }
    [[nodiscard]] virtual QString lastError() const { return m_lastError; }

Q_SIGNALS:
    /// A frame of a Frames source, in the thread the source lives in.
    void frameArrived(const QImage &frame);
    /// A scanned page of a Pages source.
    void pageArrived(const QImage &page);
    /// The device stopped working; the message (Bahasa Indonesia) says what to do.
    void failed(const QString &message);

protected:
    void fail(const QString &message)
    {
        m_lastError = message;
        Q_EMIT failed(message);
    }

    QString m_lastError;
};

/// Builds the page source for `uri` (`camera:N`, `file:DIR`, `sane:DEVICE`); nullptr (and *error set) when unknown.
[[nodiscard]] std::unique_ptr<PageSource> createPageSource(const QString &uri, QString *error = nullptr);

} // namespace devices
