#pragma once

#include <QByteArray>
#include <QImage>
#include <QPointF>
#include <QSize>

#include <array>
#include <optional>

namespace devices {

/// The thresholds and budgets of document capture, each with the reason for its value.
namespace pagecapture {
/// A page must fit what a village connection carries in a few seconds (≈ 250 KB at 1 Mbit/s is 2 s).
constexpr qsizetype kPageBudgetBytes = 250 * 1024;
/// Long edge of a stored page: 1600 px over A4's 297 mm is ≈ 137 dpi, enough to read 10 pt text and a KTP.
constexpr int kLongEdgePx = 1600;
/// First JPEG quality tried: above 85 the size grows fast for no visible gain on paper.
constexpr int kStartQuality = 85;
/// Below this quality text edges ring; the page is scaled down instead.
constexpr int kMinQuality = 40;
/// Quality step: four tries from 85 to 45 keep encoding under a few hundred ms.
constexpr int kQualityStep = 10;
/// Each scale-down after the lowest quality still did not fit.
constexpr double kShrinkFactor = 0.85;
/// A page whose mean colour saturation is below this is stored grey (a photocopy, a printed form): half the bytes.
constexpr int kGreySaturation = 24;
/// Width of the grey thumbnail compared between frames: small enough to ignore sensor noise and to be cheap.
constexpr int kMotionWidth = 96;
/// Mean absolute difference (0–255) between consecutive thumbnails below which the page counts as still.
constexpr double kSteadyDifference = 3.0;
/// Consecutive still frames before a capture (≈ 0.3 s at 10 analysed frames a second): a hand has settled.
constexpr int kSteadyFrames = 3;
/// Long edge of the grey image whose Laplacian variance measures sharpness: fine text survives, noise averages out.
constexpr int kSharpnessEdge = 640;
/// Laplacian variance below which print is not legible (measured on the generated frames: ≈ 4200 sharp, ≈ 390 after
/// a 4× defocus; check a new camera model with bench_capture before trusting this figure).
constexpr double kMinSharpness = 1000.0;
/// A frame within this share of the sharpest frame of the still period is sharp enough (focus has settled).
constexpr double kRelativeSharpness = 0.8;
/// Long edge of the image in which the page outline is searched: corners to ±0.5 % of the frame, fast to label.
constexpr int kOutlineEdge = 640;
/// Radius of the mean taken before thresholding, in outline pixels: wider than a line of print (≈ 28 px of a 720p frame).
constexpr int kOutlineBlurRadius = 6;
/// Share of each side left out at both ends when fitting it as a line (the smoothing rounds the corners).
constexpr double kCornerMargin = 0.15;
/// Boundary points within this distance (outline pixels) of a side belong to it.
constexpr double kSideTolerance = 5.0;
/// A page smaller than this share of the frame is too far away to read (or is not a page).
constexpr double kMinPageArea = 0.12;
/// A bright region covering more than this share of the frame shows no table: the whole frame is the page.
constexpr double kMaxPageArea = 0.97;
/// The quadrilateral must cover this share of the bright region, or the region is not a sheet of paper.
constexpr double kMinQuadFill = 0.85;
} // namespace pagecapture

/// What the analyser tells the person holding the document.
enum class CaptureHint {
    NoPage, ///< Nothing analysed yet.
    Moving, ///< The picture changes between frames: hold still.
    Blurry, ///< Still, but not sharp enough to read.
    Steady, ///< Still and sharp; the capture follows in a moment.
};

/// One frame's measures and the analyser's decision.
struct FrameVerdict {
    CaptureHint hint = CaptureHint::NoPage;
    /// True: this frame is the page to keep.
    bool take = false;
    /// Mean absolute difference to the previous frame's thumbnail (0–255); -1 for the first frame.
    double motion = -1;
    /// Laplacian variance of the frame (higher is sharper).
    double sharpness = 0;
};

/// A page ready to store: upright, compressed within the budget.
struct ProcessedPage {
    QByteArray jpeg;
    QSize size;
    int quality = 0;
    bool grey = false;
    /// False: no sheet outline was found and the whole frame was kept.
    bool outlineFound = false;
    /// The sheet's corners in the source frame (top-left, top-right, bottom-right, bottom-left) when found.
    std::array<QPointF, 4> corners {};
    /// Wall time of outline + deskew + encode.
    qint64 processingMs = 0;
};

/// Decides, frame by frame, when a held document is still and sharp enough to keep. Plain computation, no threads:
/// PageCapture runs it on a worker thread; tests feed it generated frames one by one.
class PageAnalyser
{
public:
    /// Measures `frame` against the previous ones; take is true at most once until reset().
    FrameVerdict feed(const QImage &frame);
    /// Forgets the history (a new document, or "Ulangi").
    void reset();

    /// Grey thumbnail `width` px wide (aspect kept).
    [[nodiscard]] static QImage thumbnail(const QImage &frame, int width);
    /// Mean absolute difference of two same-size grey images (0–255).
    [[nodiscard]] static double difference(const QImage &a, const QImage &b);
    /// Variance of the 4-neighbour Laplacian of `frame` scaled to kSharpnessEdge, in grey levels².
    [[nodiscard]] static double sharpness(const QImage &frame);

private:
    QImage m_previous;
    int m_steadyCount = 0;
    double m_bestSharpness = 0;
    bool m_taken = false;
};

/// Turns a captured frame into a stored page: finds the sheet, straightens it, compresses it to the budget.
namespace pageprocessing {
/// The corners (top-left, top-right, bottom-right, bottom-left) of the bright sheet on a darker or textured
/// background; nullopt when no sheet-shaped region is found or the sheet fills the frame.
[[nodiscard]] std::optional<std::array<QPointF, 4>> findOutline(const QImage &frame);
/// The quadrilateral `corners` of `frame` warped to an upright rectangle whose long edge is at most `longEdge`.
[[nodiscard]] QImage deskew(const QImage &frame, const std::array<QPointF, 4> &corners, int longEdge = pagecapture::kLongEdgePx);
/// JPEG of `page` within `budget` bytes: grey when the page has little colour, quality stepped down, then scaled.
[[nodiscard]] ProcessedPage encode(const QImage &page, qsizetype budget = pagecapture::kPageBudgetBytes);
/// Outline, deskew (or the whole frame scaled when there is no outline) and encode.
[[nodiscard]] ProcessedPage process(const QImage &frame, qsizetype budget = pagecapture::kPageBudgetBytes);
} // namespace pageprocessing

} // namespace devices
