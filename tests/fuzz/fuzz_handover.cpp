// libFuzzer target: the handover body parser (POST /requests/{reg}/handover) on arbitrary bytes; what it
// accepts is bounded and written back to bytes it accepts again as the same handover.
#include "protocol.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    bool notAnObject = false;
    const auto handover = serverlink::HandoverBody::fromJson(raw, nullptr, &notAnObject);
    if (!handover)
        return 0;
    if (notAnObject || handover->actor.isEmpty() || handover->actor.size() > 64 || handover->nik.size() != 16 || handover->name.isEmpty()
        || handover->name.size() > 100 || !handover->at.isValid())
        __builtin_trap();
    const auto again = serverlink::HandoverBody::fromJson(handover->toJson());
    if (!again || !(*again == *handover))
        __builtin_trap();
    return 0;
}
