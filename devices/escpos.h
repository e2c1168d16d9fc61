#pragma once

#include <QByteArray>
#include <QImage>

/// ESC/POS raster for thermal ticket printers: `GS v 0` bit images plus feed and cut.
namespace devices::escpos {

/// Initialise, print `image` (thresholded to 1 bit, width padded to a multiple of 8,
/// split into bands of at most 256 rows), feed `feedLines` and cut.
[[nodiscard]] QByteArray ticketJob(const QImage &image, int feedLines = 4);

/// Reassembles the raster images of a job made by ticketJob (or any `GS v 0` stream)
/// into one image: black = printed dot. Null image when the stream has no raster.
[[nodiscard]] QImage rasterToImage(const QByteArray &job);

} // namespace devices::escpos
