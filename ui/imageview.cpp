#include "imageview.h"

#include <QPainter>

namespace kiosk::qml {

ImageView::ImageView(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{ }

void ImageView::setImage(const QImage &image)
{
    m_image = image;
    update();
    Q_EMIT imageChanged();
}

void ImageView::paint(QPainter *painter)
{
    if (m_image.isNull())
        return;
    const QSizeF fitted = QSizeF(m_image.size()).scaled(size(), Qt::KeepAspectRatio);
    const QRectF target(QPointF((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->drawImage(target, m_image);
}

} // namespace kiosk::qml
