#include "pageanalyser.h"

#include <QBuffer>
#include <QColor>
#include <QElapsedTimer>
#include <QImageWriter>
#include <QLineF>
#include <QPainter>
#include <QPolygonF>
#include <QTransform>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace devices {

using namespace pagecapture;

QImage PageAnalyser::thumbnail(const QImage &frame, int width)
{
    if (frame.isNull() || frame.width() <= 0)
        return {};
    return frame.convertToFormat(QImage::Format_Grayscale8).scaledToWidth(std::min(width, frame.width()), Qt::SmoothTransformation);
}

double PageAnalyser::difference(const QImage &a, const QImage &b)
{
    if (a.isNull() || a.size() != b.size() || a.format() != QImage::Format_Grayscale8 || b.format() != QImage::Format_Grayscale8)
        return 255.0;
    qint64 sum = 0;
    for (int y = 0; y < a.height(); ++y) {
        const uchar *pa = a.constScanLine(y);
        const uchar *pb = b.constScanLine(y);
        for (int x = 0; x < a.width(); ++x)
            sum += std::abs(int(pa[x]) - int(pb[x]));
    }
    return double(sum) / (qint64(a.width()) * a.height());
}

double PageAnalyser::sharpness(const QImage &frame)
{
    if (frame.isNull())
        return 0;
    QImage grey = frame.convertToFormat(QImage::Format_Grayscale8);
    if (std::max(grey.width(), grey.height()) > kSharpnessEdge)
        grey = grey.scaled(kSharpnessEdge, kSharpnessEdge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (grey.width() < 3 || grey.height() < 3)
        return 0;
    double sum = 0;
    double sumSquares = 0;
    qint64 n = 0;
    for (int y = 1; y + 1 < grey.height(); ++y) {
        const uchar *up = grey.constScanLine(y - 1);
        const uchar *row = grey.constScanLine(y);
        const uchar *down = grey.constScanLine(y + 1);
        for (int x = 1; x + 1 < grey.width(); ++x) {
            const double l = 4.0 * row[x] - row[x - 1] - row[x + 1] - up[x] - down[x];
            sum += l;
            sumSquares += l * l;
            ++n;
        }
    }
    const double mean = sum / double(n);
    return sumSquares / double(n) - mean * mean;
}

void PageAnalyser::reset()
{
    m_previous = {};
    m_steadyCount = 0;
    m_bestSharpness = 0;
    m_taken = false;
}

FrameVerdict PageAnalyser::feed(const QImage &frame)
{
    FrameVerdict verdict;
    if (frame.isNull())
        return verdict;
    const QImage thumb = thumbnail(frame, kMotionWidth);
    verdict.motion = m_previous.isNull() || m_previous.size() != thumb.size() ? -1 : difference(thumb, m_previous);
    m_previous = thumb;
    verdict.sharpness = sharpness(frame);
    if (verdict.motion < 0 || verdict.motion >= kSteadyDifference) {
        m_steadyCount = 0;
        m_bestSharpness = 0;
        verdict.hint = CaptureHint::Moving;
        return verdict;
    }
    ++m_steadyCount;
    m_bestSharpness = std::max(m_bestSharpness, verdict.sharpness);
    if (verdict.sharpness < kMinSharpness) {
        verdict.hint = CaptureHint::Blurry;
        return verdict;
    }
    verdict.hint = CaptureHint::Steady;
    if (!m_taken && m_steadyCount >= kSteadyFrames && verdict.sharpness >= kRelativeSharpness * m_bestSharpness) {
        verdict.take = true;
        m_taken = true;
    }
    return verdict;
}

namespace pageprocessing {

namespace {

using Point = QPointF;

double cross(const Point &o, const Point &a, const Point &b)
{
    return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
}

// Andrew's monotone chain; counter-clockwise in a y-up frame.
std::vector<Point> convexHull(std::vector<Point> points)
{
    std::sort(
        points.begin(), points.end(), [](const Point &a, const Point &b) { return a.x() < b.x() || (a.x() == b.x() && a.y() < b.y()); });
    points.erase(std::unique(points.begin(), points.end()), points.end());
    if (points.size() < 3)
        return points;
    std::vector<Point> hull(2 * points.size());
    size_t k = 0;
    for (const Point &p : points) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0)
            --k;
        hull[k++] = p;
    }
    for (size_t i = points.size() - 1, lower = k + 1; i > 0; --i) {
        while (k >= lower && cross(hull[k - 2], hull[k - 1], points[i - 1]) <= 0)
            --k;
        hull[k++] = points[i - 1];
    }
    hull.resize(k - 1);
    return hull;
}

double polygonArea(const std::vector<Point> &polygon)
{
    double area = 0;
    for (size_t i = 0; i < polygon.size(); ++i) {
        const Point &a = polygon[i];
        const Point &b = polygon[(i + 1) % polygon.size()];
        area += a.x() * b.y() - b.x() * a.y();
    }
    return std::abs(area) / 2;
}

// The threshold between the two brightness populations (paper, background) of a grey histogram.
int otsuThreshold(const std::array<qint64, 256> &histogram, qint64 total)
{
    double sumAll = 0;
    for (int i = 0; i < 256; ++i)
        sumAll += double(i) * double(histogram[i]);
    double sumBelow = 0;
    qint64 below = 0;
    double best = -1;
    int threshold = 128;
    for (int t = 0; t < 256; ++t) {
        below += histogram[t];
        if (below == 0)
            continue;
        const qint64 above = total - below;
        if (above == 0)
            break;
        sumBelow += double(t) * double(histogram[t]);
        const double meanBelow = sumBelow / double(below);
        const double meanAbove = (sumAll - sumBelow) / double(above);
        const double between = double(below) * double(above) * (meanBelow - meanAbove) * (meanBelow - meanAbove);
        if (between > best) {
            best = between;
            threshold = t;
        }
    }
    return threshold;
}

// The smoothing before the threshold rounds the sheet's corners off; its sides stay straight. So each side is fitted as a
// line through the boundary points along its middle, and the corners become the intersections of adjacent sides.
std::vector<Point> refineCorners(const std::vector<Point> &quad, const std::vector<Point> &boundary)
{
    struct Line {
        Point point;
        Point direction;
    };
    std::array<Line, 4> sides;
    for (size_t i = 0; i < 4; ++i) {
        const Point a = quad[i];
        const Point b = quad[(i + 1) % 4];
        const QLineF side(a, b);
        const double length = side.length();
        if (length < 4)
            return quad;
        const Point unit = (b - a) / length;
        std::vector<Point> along;
        for (const Point &p : boundary) {
            const Point d = p - a;
            const double t = (d.x() * unit.x() + d.y() * unit.y()) / length;
            const double offset = std::abs(d.x() * unit.y() - d.y() * unit.x());
            if (t > kCornerMargin && t < 1 - kCornerMargin && offset < kSideTolerance)
                along.push_back(p);
        }
        if (along.size() < 5)
            return quad;
        // Principal axis of the points (total least squares).
        Point mean;
        for (const Point &p : along)
            mean += p;
        mean /= double(along.size());
        double sxx = 0, syy = 0, sxy = 0;
        for (const Point &p : along) {
            sxx += (p.x() - mean.x()) * (p.x() - mean.x());
            syy += (p.y() - mean.y()) * (p.y() - mean.y());
            sxy += (p.x() - mean.x()) * (p.y() - mean.y());
        }
        const double angle = 0.5 * std::atan2(2 * sxy, sxx - syy);
        sides[i] = {mean, Point(std::cos(angle), std::sin(angle))};
    }
    std::vector<Point> refined(4);
    for (size_t i = 0; i < 4; ++i) {
        // Corner i lies where side i-1 (into it) meets side i (out of it).
        const Line &in = sides[(i + 3) % 4];
        const Line &out = sides[i];
        const double det = in.direction.x() * out.direction.y() - in.direction.y() * out.direction.x();
        if (std::abs(det) < 0.2)
            return quad;
        const Point d = out.point - in.point;
        const double t = (d.x() * out.direction.y() - d.y() * out.direction.x()) / det;
        refined[i] = in.point + in.direction * t;
        // A refinement that moves a corner far is a misfit; keep what the hull said.
        if (QLineF(refined[i], quad[i]).length() > 4 * kSideTolerance)
            return quad;
    }
    return refined;
}

} // namespace

std::optional<std::array<QPointF, 4>> findOutline(const QImage &frame)
{
    if (frame.isNull())
        return std::nullopt;
    QImage small = frame.convertToFormat(QImage::Format_Grayscale8);
    if (std::max(small.width(), small.height()) > kOutlineEdge)
        small = small.scaled(kOutlineEdge, kOutlineEdge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    const int w = small.width();
    const int h = small.height();
    if (w < 8 || h < 8)
        return std::nullopt;
    const double scaleX = double(frame.width()) / w;
    const double scaleY = double(frame.height()) / h;

    // A mean over a window wider than a line of text first: printed lines average to a light grey that is still far
    // brighter than the table, and the table's grain averages out.
    std::vector<qint64> integral(size_t(w + 1) * (h + 1), 0);
    for (int y = 0; y < h; ++y) {
        qint64 rowSum = 0;
        const uchar *row = small.constScanLine(y);
        for (int x = 0; x < w; ++x) {
            rowSum += row[x];
            integral[size_t(y + 1) * (w + 1) + x + 1] = integral[size_t(y) * (w + 1) + x + 1] + rowSum;
        }
    }
    const int r = kOutlineBlurRadius;
    std::vector<int> grey(size_t(w) * h);
    std::array<qint64, 256> histogram {};
    for (int y = 0; y < h; ++y) {
        const int y0 = std::max(0, y - r);
        const int y1 = std::min(h, y + r + 1);
        for (int x = 0; x < w; ++x) {
            const int x0 = std::max(0, x - r);
            const int x1 = std::min(w, x + r + 1);
            const qint64 sum = integral[size_t(y1) * (w + 1) + x1] - integral[size_t(y0) * (w + 1) + x1]
                - integral[size_t(y1) * (w + 1) + x0] + integral[size_t(y0) * (w + 1) + x0];
            const int mean = int(sum / (qint64(x1 - x0) * (y1 - y0)));
            grey[size_t(y) * w + x] = mean;
            ++histogram[size_t(mean)];
        }
    }
    const int threshold = otsuThreshold(histogram, qint64(w) * h);
    std::vector<uchar> bright(size_t(w) * h);
    for (size_t i = 0; i < bright.size(); ++i)
        bright[i] = grey[i] > threshold ? 1 : 0;
    // One erosion cuts the thin bright bridges between the sheet and light spots of the table.
    std::vector<uchar> mask(bright.size(), 0);
    for (int y = 1; y + 1 < h; ++y)
        for (int x = 1; x + 1 < w; ++x)
            mask[size_t(y) * w + x] = bright[size_t(y) * w + x] && bright[size_t(y - 1) * w + x] && bright[size_t(y + 1) * w + x]
                && bright[size_t(y) * w + x - 1] && bright[size_t(y) * w + x + 1];

    // The largest 4-connected bright region, by flood fill; its row extremes are enough for the convex hull.
    std::vector<int> label(mask.size(), 0);
    int bestLabel = 0;
    qint64 bestCount = 0;
    int next = 0;
    std::vector<int> stack;
    for (size_t start = 0; start < mask.size(); ++start) {
        if (!mask[start] || label[start])
            continue;
        ++next;
        qint64 count = 0;
        stack.assign(1, int(start));
        label[start] = next;
        while (!stack.empty()) {
            const int i = stack.back();
            stack.pop_back();
            ++count;
            const int x = i % w;
            const int y = i / w;
            const int neighbours[4] = {x > 0 ? i - 1 : -1, x + 1 < w ? i + 1 : -1, y > 0 ? i - w : -1, y + 1 < h ? i + w : -1};
            for (int n : neighbours) {
                if (n >= 0 && mask[size_t(n)] && !label[size_t(n)]) {
                    label[size_t(n)] = next;
                    stack.push_back(n);
                }
            }
        }
        if (count > bestCount) {
            bestCount = count;
            bestLabel = next;
        }
    }
    const double frameArea = double(w) * h;
    if (bestLabel == 0 || bestCount < kMinPageArea * frameArea)
        return std::nullopt;

    // The region's outer boundary as pixel edges: the first and last pixel of every row and of every column.
    std::vector<Point> edges;
    std::vector<int> columnFirst(size_t(w), -1);
    std::vector<int> columnLast(size_t(w), -1);
    for (int y = 0; y < h; ++y) {
        int first = -1;
        int last = -1;
        for (int x = 0; x < w; ++x) {
            if (label[size_t(y) * w + x] == bestLabel) {
                if (first < 0)
                    first = x;
                last = x;
                if (columnFirst[size_t(x)] < 0)
                    columnFirst[size_t(x)] = y;
                columnLast[size_t(x)] = y;
            }
        }
        if (first >= 0) {
            // One pixel back out for the erosion.
            edges.emplace_back(first - 0.5, y + 0.5);
            edges.emplace_back(last + 1.5, y + 0.5);
        }
    }
    for (int x = 0; x < w; ++x) {
        if (columnFirst[size_t(x)] >= 0) {
            edges.emplace_back(x + 0.5, columnFirst[size_t(x)] - 0.5);
            edges.emplace_back(x + 0.5, columnLast[size_t(x)] + 1.5);
        }
    }
    const std::vector<Point> hull = convexHull(edges);
    const double hullArea = polygonArea(hull);
    if (hull.size() < 4 || hullArea > kMaxPageArea * frameArea)
        return std::nullopt;

    // Quadrilateral from the hull: the point farthest from the centre is a corner, the point farthest from it the
    // opposite corner, and the points farthest on either side of that diagonal the other two.
    const Point centre = std::accumulate(hull.begin(), hull.end(), Point()) / double(hull.size());
    const auto farthestFrom = [&hull](const Point &p) {
        return *std::max_element(
            hull.begin(), hull.end(), [&p](const Point &a, const Point &b) { return QLineF(p, a).length() < QLineF(p, b).length(); });
    };
    const Point a = farthestFrom(centre);
    const Point c = farthestFrom(a);
    const auto side = [&a, &c](const Point &p) { return cross(a, c, p); };
    const Point b = *std::max_element(hull.begin(), hull.end(), [&side](const Point &p, const Point &q) { return side(p) < side(q); });
    const Point d = *std::min_element(hull.begin(), hull.end(), [&side](const Point &p, const Point &q) { return side(p) < side(q); });
    std::vector<Point> quad {a, b, c, d};
    if (polygonArea(quad) < kMinQuadFill * hullArea)
        return std::nullopt;

    // Clockwise on screen (y down) from the top-left corner.
    const Point quadCentre = (a + b + c + d) / 4.0;
    std::sort(quad.begin(), quad.end(), [&quadCentre](const Point &p, const Point &q) {
        return std::atan2(p.y() - quadCentre.y(), p.x() - quadCentre.x()) < std::atan2(q.y() - quadCentre.y(), q.x() - quadCentre.x());
    });
    const auto topLeft
        = std::min_element(quad.begin(), quad.end(), [](const Point &p, const Point &q) { return p.x() + p.y() < q.x() + q.y(); });
    std::rotate(quad.begin(), topLeft, quad.end());
    quad = refineCorners(quad, edges);
    std::array<QPointF, 4> corners;
    for (size_t i = 0; i < 4; ++i)
        corners[i] = QPointF(
            std::clamp(quad[i].x() * scaleX, 0.0, double(frame.width())), std::clamp(quad[i].y() * scaleY, 0.0, double(frame.height())));
    return corners;
}

QImage deskew(const QImage &frame, const std::array<QPointF, 4> &corners, int longEdge)
{
    const double width = (QLineF(corners[0], corners[1]).length() + QLineF(corners[3], corners[2]).length()) / 2;
    const double height = (QLineF(corners[0], corners[3]).length() + QLineF(corners[1], corners[2]).length()) / 2;
    if (width < 1 || height < 1)
        return {};
    // Never enlarge: more pixels than the camera saw add bytes, not legibility.
    const double scale = std::min(1.0, longEdge / std::max(width, height));
    const QSize size(std::max(1, int(std::lround(width * scale))), std::max(1, int(std::lround(height * scale))));
    const QPolygonF from({corners[0], corners[1], corners[2], corners[3]});
    const QPolygonF to({QPointF(0, 0), QPointF(size.width(), 0), QPointF(size.width(), size.height()), QPointF(0, size.height())});
    QTransform transform;
    if (!QTransform::quadToQuad(from, to, transform))
        return {};
    QImage page(size, QImage::Format_RGB32);
    page.fill(Qt::white);
    QPainter painter(&page);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.setTransform(transform);
    painter.drawImage(QPointF(0, 0), frame.convertToFormat(QImage::Format_RGB32));
    painter.end();
    return page;
}

ProcessedPage encode(const QImage &source, qsizetype budget)
{
    ProcessedPage result;
    if (source.isNull())
        return result;
    // The mean saturation of a thumbnail says whether colour carries anything (a stamp, a photo) or only costs bytes.
    const QImage probe = source.scaledToWidth(std::min(200, source.width()), Qt::FastTransformation).convertToFormat(QImage::Format_RGB32);
    qint64 saturation = 0;
    for (int y = 0; y < probe.height(); ++y) {
        const auto *row = reinterpret_cast<const QRgb *>(probe.constScanLine(y));
        for (int x = 0; x < probe.width(); ++x)
            saturation += std::max({qRed(row[x]), qGreen(row[x]), qBlue(row[x])}) - std::min({qRed(row[x]), qGreen(row[x]), qBlue(row[x])});
    }
    result.grey = saturation < qint64(kGreySaturation) * probe.width() * probe.height();
    QImage page = result.grey ? source.convertToFormat(QImage::Format_Grayscale8) : source.convertToFormat(QImage::Format_RGB32);
    for (;;) {
        for (int quality = kStartQuality; quality >= kMinQuality; quality -= kQualityStep) {
            QByteArray bytes;
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            QImageWriter writer(&buffer, "jpeg");
            writer.setQuality(quality);
            writer.setOptimizedWrite(true);
            if (!writer.write(page))
                return result;
            if (bytes.size() <= budget || page.width() < 64) {
                result.jpeg = bytes;
                result.size = page.size();
                result.quality = quality;
                return result;
            }
        }
        page = page.scaled(page.size() * kShrinkFactor, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
}

ProcessedPage process(const QImage &frame, qsizetype budget)
{
    QElapsedTimer timer;
    timer.start();
    const auto corners = findOutline(frame);
    QImage page;
    if (corners)
        page = deskew(frame, *corners);
    const bool deskewed = !page.isNull();
    if (!deskewed)
        page = std::max(frame.width(), frame.height()) > kLongEdgePx
            ? frame.scaled(kLongEdgePx, kLongEdgePx, Qt::KeepAspectRatio, Qt::SmoothTransformation)
            : frame;
    ProcessedPage result = encode(page, budget);
    result.outlineFound = deskewed;
    if (corners)
        result.corners = *corners;
    result.processingMs = timer.elapsed();
    return result;
}

} // namespace pageprocessing

} // namespace devices
