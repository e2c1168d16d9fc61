#pragma once

#include <QImage>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace devices {

/// Reads a barcode in several ZXing passes (plain, downscaled, other binarizer, white margin, rotated, inverted),
/// stopping at the first that reads; on camera frames the extra passes only use time the frame rate leaves free.
class MultiPassDecoder
{
public:
    /// What one decode did: the text (if any), the pass that read it and how many passes ran.
    struct Attempt {
        std::optional<QString> text;
        QString pass;
        int passesRun = 0;
    };

    MultiPassDecoder();

    /// The pass names in the order they are tried; the first is the plain pass of barcode::decode.
    [[nodiscard]] static QStringList passNames();

    /// Time left for extra passes after the plain pass took `plainNs` on a feed with one frame every `frameIntervalNs`:
    /// up to the arrival of the frame the decoder would take next anyway, less a tenth of an interval; 0 when unknown.
    [[nodiscard]] static qint64 extraBudgetNs(qint64 plainNs, qint64 frameIntervalNs);

    /// A still image: every pass in order until one reads a code.
    [[nodiscard]] Attempt decodeStill(const QImage &image);

    /// A camera frame: the plain pass, then extra passes while their expected cost fits extraBudgetNs(); the next
    /// frame goes on where this one stopped, so a code held still meets every pass within a few frames.
    [[nodiscard]] Attempt decodeFrame(const QImage &image, qint64 frameIntervalNs);

private:
    std::optional<QString> runPass(int pass, const QImage &lum);

    std::vector<qint64> m_costNs; // moving average per pass on this feed; 0 until the pass has run once
    int m_nextExtra = 1;
};

} // namespace devices
