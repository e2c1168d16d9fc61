#pragma once

#include <QImage>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

namespace kiosk::qml {

/// Paints a QImage property (the document camera's preview, a captured page) scaled to fit, centred; QML's Image
/// only takes URLs, and an image provider would need the engine from the composition root.
class ImageView : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QImage image READ image WRITE setImage NOTIFY imageChanged)
    /// True while an image is set (for "no picture yet" placeholders).
    Q_PROPERTY(bool hasImage READ hasImage NOTIFY imageChanged)
public:
    explicit ImageView(QQuickItem *parent = nullptr);

    [[nodiscard]] QImage image() const { return m_image; }
    void setImage(const QImage &image);
    [[nodiscard]] bool hasImage() const { return !m_image.isNull(); }
    void paint(QPainter *painter) override;

Q_SIGNALS:
    void imageChanged();

private:
    QImage m_image;
};

} // namespace kiosk::qml
