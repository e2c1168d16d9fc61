#include "escpos.h"

#include <QPainter>

#include <algorithm>
#include <vector>

namespace devices::escpos {

namespace {

constexpr char ESC = 0x1b;
constexpr char GS = 0x1d;
constexpr char LF = 0x0a;
constexpr char CR = 0x0d;
constexpr int kBandRows = 256;
// Below this luminance a pixel becomes a dot.
constexpr int kDarkThreshold = 128;

/// The image as 8-bit luminance on white (transparent areas print nothing).
QImage toLuminance(const QImage &image)
{
    if (image.format() == QImage::Format_Grayscale8)
        return image;
    if (!image.hasAlphaChannel())
        return image.convertToFormat(QImage::Format_Grayscale8);
    QImage flat(image.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    QPainter painter(&flat);
    painter.drawImage(0, 0, image);
    painter.end();
    return flat.convertToFormat(QImage::Format_Grayscale8);
}

void appendBand(QByteArray &job, const QImage &lum, int firstRow, int rows, int bytesPerRow)
{
    job.append(GS).append('v').append('0').append(char(0));
    job.append(char(bytesPerRow & 0xff)).append(char((bytesPerRow >> 8) & 0xff));
    job.append(char(rows & 0xff)).append(char((rows >> 8) & 0xff));
    const int width = lum.width();
    for (int y = firstRow; y < firstRow + rows; ++y) {
        const uchar *line = lum.constScanLine(y);
        for (int b = 0; b < bytesPerRow; ++b) {
            uchar bits = 0;
            for (int bit = 0; bit < 8; ++bit) {
                const int x = b * 8 + bit;
                if (x < width && line[x] < kDarkThreshold)
                    bits |= uchar(0x80 >> bit);
            }
            job.append(char(bits));
        }
    }
}

struct Band {
    int bytesPerRow = 0;
    int rows = 0;
    qsizetype offset = 0;
};

} // namespace

QByteArray ticketJob(const QImage &image, int feedLines)
{
    QByteArray job;
    job.append(ESC).append('@');
    if (!image.isNull()) {
        const QImage lum = toLuminance(image);
        const int bytesPerRow = (lum.width() + 7) / 8;
        job.reserve(job.size() + qsizetype(bytesPerRow) * lum.height() + 8 * (lum.height() / kBandRows + 1) + 8);
        for (int row = 0; row < lum.height(); row += kBandRows)
            appendBand(job, lum, row, std::min(kBandRows, lum.height() - row), bytesPerRow);
    }
    job.append(ESC).append('d').append(char(std::clamp(feedLines, 0, 255)));
    // GS V 66 n: feed n dots then partial cut.
    job.append(GS).append('V').append(char(66)).append(char(0));
    return job;
}

QImage rasterToImage(const QByteArray &job)
{
    const auto *data = reinterpret_cast<const uchar *>(job.constData());
    const qsizetype size = job.size();
    auto has = [size](qsizetype at, qsizetype count) { return at >= 0 && count >= 0 && at + count <= size; };

    std::vector<Band> bands;
    qsizetype i = 0;
    while (i < size) {
        const uchar c = data[i];
        if (c == LF || c == CR) {
            ++i;
        } else if (c == uchar(ESC) && has(i, 2)) {
            const uchar cmd = data[i + 1];
            // ESC @ (init) has no argument; ESC d n, ESC J n and the other one-argument commands take one byte.
            i += cmd == '@' ? 2 : 3;
        } else if (c == uchar(GS) && has(i, 2) && data[i + 1] == 'V') {
            if (!has(i, 3))
                break;
            const uchar m = data[i + 2];
            // Function A (0, 1, 48, 49) has no argument; B/C/D (65, 66, 97, 98, 103, 104) take one.
            i += (m == 0 || m == 1 || m == 48 || m == 49) ? 3 : 4;
        } else if (c == uchar(GS) && has(i, 3) && data[i + 1] == 'v' && data[i + 2] == '0') {
            if (!has(i, 8))
                break;
            const int bytesPerRow = data[i + 4] | (data[i + 5] << 8);
            const int rows = data[i + 6] | (data[i + 7] << 8);
            const qsizetype payload = i + 8;
            if (bytesPerRow == 0 || rows == 0) {
                i = payload;
                continue;
            }
            // A truncated band keeps its complete rows; nothing after it can be trusted.
            const int available = int(std::min<qsizetype>(rows, (size - payload) / bytesPerRow));
            if (available > 0)
                bands.push_back({bytesPerRow, available, payload});
            if (available < rows)
                break;
            i = payload + qsizetype(bytesPerRow) * rows;
        } else {
            ++i;
        }
    }
    if (bands.empty())
        return {};

    int widthBytes = 0;
    qsizetype height = 0;
    for (const Band &band : bands) {
        widthBytes = std::max(widthBytes, band.bytesPerRow);
        height += band.rows;
    }
    if (height > 32767 || widthBytes * 8 > 32767)
        return {};

    QImage image(widthBytes * 8, int(height), QImage::Format_Grayscale8);
    if (image.isNull())
        return {};
    image.fill(0xff);
    int y = 0;
    for (const Band &band : bands) {
        for (int r = 0; r < band.rows; ++r, ++y) {
            uchar *line = image.scanLine(y);
            const uchar *src = data + band.offset + qsizetype(r) * band.bytesPerRow;
            for (int b = 0; b < band.bytesPerRow; ++b) {
                for (int bit = 0; bit < 8; ++bit) {
                    if (src[b] & (0x80 >> bit))
                        line[b * 8 + bit] = 0;
                }
            }
        }
    }
    return image;
}

} // namespace devices::escpos
