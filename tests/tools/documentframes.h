#pragma once
// Generated document-camera frames shared by tst_devices_pagecapture, the documents UI test and bench_capture: an A4
// sheet (a grid at quarters and rows of "text") lying on a wood-grain table, moved, rotated, in perspective, blurred.
// Provenance: made by this code at run time (fixed seeds); no image files are stored.

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QPolygonF>
#include <QTransform>

#include <array>
#include <random>

namespace documentframes {

/// One frame of a scene: where the sheet lies and how the camera sees it.
struct Shot {
    QPointF offset; ///< the sheet's centre moved from the frame's centre, in px
    double angle = 0; ///< the sheet's rotation, degrees
    double keystone = 0; ///< 0 = seen from straight above; 0.1 = the far edge 10 % narrower
    int blur = 1; ///< downscale factor before scaling back (1 = sharp, 4 = out of focus)
    bool table = true; ///< false: the sheet fills the frame (no table visible)
};

constexpr QSize kFrameSize {1280, 720};
/// The sheet's height in a 720-line frame (A4 proportions: width = height / √2).
constexpr double kSheetHeight = 600;
/// Where the grid lines are, as fractions of the sheet's width and height.
constexpr std::array<double, 3> kGrid {0.25, 0.5, 0.75};

/// The flat sheet, upright, `height` px tall: white paper, a dark frame-less grid, rows of word-like marks.
inline QImage sheet(int height)
{
    const int width = int(height / 1.41421356);
    QImage page(width, height, QImage::Format_RGB32);
    page.fill(QColor(246, 244, 238));
    QPainter p(&page);
    std::mt19937 random(7);
    std::uniform_int_distribution<int> word(6, 40);
    const double line = height / 60.0;
    for (double y = height * 0.06; y < height * 0.94; y += line * 1.6) {
        for (double x = width * 0.07; x < width * 0.9;) {
            const int w = word(random) * width / 600;
            p.fillRect(QRectF(x, y, w, line * 0.7), QColor(40, 40, 48));
            x += w + line * 0.8;
        }
    }
    p.setPen(QPen(QColor(10, 10, 10), std::max(2.0, height / 200.0)));
    for (double f : kGrid) {
        p.drawLine(QPointF(width * f, 0), QPointF(width * f, height));
        p.drawLine(QPointF(0, height * f), QPointF(width, height * f));
    }
    return page;
}

/// A wood-grain table: brown, streaked, noisy (the texture a sheet has to be told apart from).
inline QImage table(QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    std::mt19937 random(11);
    std::normal_distribution<double> noise(0, 14);
    for (int y = 0; y < size.height(); ++y) {
        auto *row = reinterpret_cast<QRgb *>(image.scanLine(y));
        const double streak = 22 * std::sin(y * 0.11) + 12 * std::sin(y * 0.037 + 1);
        for (int x = 0; x < size.width(); ++x) {
            const double v = 105 + streak + 10 * std::sin(x * 0.013 + y * 0.002) + noise(random);
            row[x] = qRgb(std::clamp(int(v * 1.25), 0, 255), std::clamp(int(v * 0.85), 0, 255), std::clamp(int(v * 0.5), 0, 255));
        }
    }
    return image;
}

/// The sheet's corners in the frame (top-left, top-right, bottom-right, bottom-left) for `shot`.
inline std::array<QPointF, 4> corners(const Shot &shot, QSize frame = kFrameSize)
{
    // The camera's height of view stays the same: a larger frame sees the sheet with more pixels.
    const double sheetHeight = kSheetHeight * frame.height() / kFrameSize.height();
    const double h = shot.table ? sheetHeight : frame.height() * 1.3;
    const double w = shot.table ? sheetHeight / 1.41421356 : frame.width() * 1.3;
    const QPointF centre = QPointF(frame.width() / 2.0, frame.height() / 2.0) + shot.offset;
    // The far (top) edge narrower by `keystone`.
    std::array<QPointF, 4> flat {QPointF(-w / 2 * (1 - shot.keystone), -h / 2), QPointF(w / 2 * (1 - shot.keystone), -h / 2),
        QPointF(w / 2, h / 2), QPointF(-w / 2, h / 2)};
    QTransform rotate;
    rotate.rotate(shot.angle);
    for (QPointF &c : flat)
        c = rotate.map(c) + centre;
    return flat;
}

/// One camera frame of the scene.
inline QImage frame(const Shot &shot, QSize size = kFrameSize)
{
    static const QImage tableImage = table(kFrameSize);
    static const QImage sheetImage = sheet(int(kSheetHeight * 2));
    QImage image = size == kFrameSize ? tableImage.copy() : table(size);
    const std::array<QPointF, 4> c = corners(shot, size);
    QTransform toFrame;
    QTransform::quadToQuad(QPolygonF({QPointF(0, 0), QPointF(sheetImage.width(), 0), QPointF(sheetImage.width(), sheetImage.height()),
                               QPointF(0, sheetImage.height())}),
        QPolygonF({c[0], c[1], c[2], c[3]}), toFrame);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.setRenderHint(QPainter::Antialiasing);
        p.setTransform(toFrame);
        p.drawImage(QPointF(0, 0), sheetImage);
    }
    if (shot.blur > 1)
        image = image.scaled(image.size() / shot.blur, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                    .scaled(image.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return image;
}

/// A person holding the sheet: `moving` frames of a hand moving it into place, then `still` frames at rest
/// (`blurredStill` of them first out of focus, as a camera refocuses).
inline QList<Shot> holdStill(int moving, int still, int blurredStill = 0, double angle = 8, double keystone = 0.06)
{
    QList<Shot> shots;
    for (int i = 0; i < moving; ++i)
        shots.append({QPointF(-30.0 * (moving - i), 12.0 * (moving - i)), angle + 2.0 * (moving - i), keystone});
    for (int i = 0; i < still; ++i)
        shots.append({QPointF(0, 0), angle, keystone, i < blurredStill ? 4 : 1});
    return shots;
}

/// Writes `shots` as frame-0000.png … into `dir` (a `file:` page source plays them in name order).
inline bool writeFrames(const QString &dir, const QList<Shot> &shots)
{
    QDir().mkpath(dir);
    for (qsizetype i = 0; i < shots.size(); ++i)
        if (!frame(shots.at(i)).save(QDir(dir).filePath(QStringLiteral("frame-%1.png").arg(i, 4, 10, QLatin1Char('0')))))
            return false;
    return true;
}

} // namespace documentframes
