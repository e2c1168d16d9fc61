// libFuzzer target: escpos::rasterToImage on arbitrary printer streams.
#include "escpos.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QImage image = devices::escpos::rasterToImage(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    (void)image.isNull();
    return 0;
}
