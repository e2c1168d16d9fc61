// libFuzzer target: the heartbeat and changes-page parsers of serverlink on arbitrary bytes; what they
// accept is written back to bytes they accept again.
#include "protocol.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto beat = serverlink::Heartbeat::fromJson(raw)) {
        const QByteArray written = beat->toJson();
        const auto again = serverlink::Heartbeat::fromJson(written);
        if (!again || again->toJson() != written)
            __builtin_trap();
    }
    if (const auto page = serverlink::ChangesPage::fromJson(raw)) {
        if (page->cursor < 0 || page->skipped < 0)
            __builtin_trap();
        const auto again = serverlink::ChangesPage::fromJson(page->toJson());
        if (!again || again->cursor != page->cursor)
            __builtin_trap();
    }
    return 0;
}
