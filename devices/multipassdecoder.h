#pragma once

#include <QImage>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace devices {

/// Reads a barcode in several ZXing passes (plain, downscaled, other binarizer, white margin, rotated, inverted),
/// stopping at the first that reads. Stateless: one decoder may serve several threads.
class MultiPassDecoder
{
public:
    /// What one decode did: the text (if any), the pass that read it and how many passes ran.
    struct Attempt {
        std::optional<QString> text;
        QString pass;
        int passesRun = 0;
    };

    /// The pass names in the order they are tried; the first is the plain pass of barcode::decode.
    [[nodiscard]] static QStringList passNames();

    /// Every pass in order until one reads a code.
    [[nodiscard]] Attempt decode(const QImage &image) const;

    /// The passes after the plain one (for a frame the plain pass already missed); stops early once `cancel` is set.
    [[nodiscard]] Attempt decodeExtraPasses(const QImage &image, const std::atomic<bool> *cancel = nullptr) const;

private:
    [[nodiscard]] Attempt run(const QImage &image, int firstPass, const std::atomic<bool> *cancel) const;
};

} // namespace devices
