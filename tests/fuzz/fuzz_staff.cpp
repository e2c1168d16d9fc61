// libFuzzer target: serverlink::StaffCredentials::fromJson on arbitrary bytes; what it accepts survives a round trip.
#include "protocol.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto staff = serverlink::StaffCredentials::fromJson(raw, &error);
    if (!staff) {
        // A refusal always says why.
        if (error.isEmpty())
            __builtin_trap();
        return 0;
    }
    if (staff->staff.size() > serverlink::StaffCredentials::kMaxStaff)
        __builtin_trap();
    const auto again = serverlink::StaffCredentials::fromJson(staff->toJson());
    if (!again || !(*again == *staff))
        __builtin_trap();
    return 0;
}
