// libFuzzer target: the desk-event batch parser of serverlink (POST /api/v1/desk-events) on arbitrary bytes;
// what it accepts is written back to bytes it accepts again, the same.
#include "protocol.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto batch = serverlink::DeskEventBatch::fromJson(raw);
    if (!batch)
        return 0;
    if (batch->events.isEmpty() || batch->events.size() > serverlink::DeskEventBatch::kMaxEvents)
        __builtin_trap();
    const QByteArray written = batch->toJson();
    // Filled-in defaults can make a batch near the body limit longer than the limit once written.
    if (written.size() > serverlink::kMaxBodyBytes)
        return 0;
    const auto again = serverlink::DeskEventBatch::fromJson(written);
    if (!again || again->toJson() != written)
        __builtin_trap();
    return 0;
}
