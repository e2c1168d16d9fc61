// libFuzzer target: serverlink::Catalog::fromJson on arbitrary bytes; what it accepts survives a round trip.
#include "protocol.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto catalog = serverlink::Catalog::fromJson(raw, &error);
    if (!catalog) {
        // A refusal always says why.
        if (error.isEmpty())
            __builtin_trap();
        return 0;
    }
    const auto again = serverlink::Catalog::fromJson(catalog->toJson());
    if (!again || !(*again == *catalog))
        __builtin_trap();
    for (const auto &service : catalog->services)
        (void)service.fieldLabels();
    return 0;
}
