// libFuzzer target: the complaint body parser (POST /api/v1/complaints) and the slip QR decoder on arbitrary bytes;
// what the parser accepts is bounded and written back to bytes it accepts again as the same complaint.
#include "protocol.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto qr = serverlink::complaintqr::decode(QString::fromUtf8(raw)); qr && !serverlink::complaintqr::isNumber(qr->first))
        __builtin_trap();
    const auto complaint = serverlink::ComplaintBody::fromJson(raw);
    if (!complaint)
        return 0;
    if (!serverlink::complaintqr::isNumber(complaint->number) || complaint->text.isEmpty()
        || complaint->text.size() > serverlink::ComplaintBody::kMaxTextLength || complaint->tokenSha256.size() != 64
        || serverlink::complaintCategoryLabel(complaint->category).isEmpty() || (!complaint->nik.isEmpty() && complaint->nik.size() != 16)
        || !complaint->at.isValid())
        __builtin_trap();
    const auto again = serverlink::ComplaintBody::fromJson(complaint->toJson());
    if (!again || !(*again == *complaint))
        __builtin_trap();
    return 0;
}
