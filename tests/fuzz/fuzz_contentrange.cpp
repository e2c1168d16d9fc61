// libFuzzer target: the Content-Range parser of page uploads and the UploadState body on arbitrary bytes;
// what they accept is written back to bytes they accept again, and an accepted range is never out of order.
#include "documentupload.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto range = serverlink::ContentRange::parse(raw)) {
        if (range->start < 0 || range->start > range->end || range->end >= range->total
            || range->total > serverlink::DocumentRef::kMaxDocumentBytes || range->length() < 1)
            __builtin_trap();
        const auto again = serverlink::ContentRange::parse(range->toHeader());
        if (!again || *again != *range || range->toHeader() != raw)
            __builtin_trap();
    }
    if (const auto state = serverlink::UploadState::fromJson(raw)) {
        if (state->offset < 0 || state->offset > state->size)
            __builtin_trap();
        const auto again = serverlink::UploadState::fromJson(state->toJson());
        if (!again || *again != *state)
            __builtin_trap();
    }
    return 0;
}
