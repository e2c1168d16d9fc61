// libFuzzer target: the bodies of a request's life after submission — RequestRevision (POST /requests/{reg}/revisions),
// CancelBody (POST /requests/{reg}/cancel) and RequestView (GET /requests/{reg}) — on arbitrary bytes. What a parser
// accepts keeps its invariants, and once written back it reads as the same value again (a fixed point after one round,
// since times are written at the wire's precision).
#include "protocol.h"

#include <cstddef>
#include <cstdint>

namespace {

template<typename Body> void roundTrips(const Body &body)
{
    const auto once = Body::fromJson(body.toJson());
    if (!once)
        __builtin_trap();
    const auto twice = Body::fromJson(once->toJson());
    if (!twice || !(*twice == *once))
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto revision = serverlink::RequestRevision::fromJson(raw)) {
        if (revision->baseVersion < 1 || revision->proof.isEmpty() || revision->registrationNumber.isEmpty()
            || revision->documents.size() > serverlink::kMaxDocumentsPerRequest || !revision->submittedAt.isValid())
            __builtin_trap();
        roundTrips(*revision);
    }
    if (const auto cancel = serverlink::CancelBody::fromJson(raw)) {
        if (cancel->proof.isEmpty() || cancel->registrationNumber.isEmpty() || !cancel->at.isValid()
            || (!cancel->proof.actor.isEmpty() && cancel->reason.isEmpty()))
            __builtin_trap();
        roundTrips(*cancel);
    }
    if (const auto view = serverlink::RequestView::fromJson(raw)) {
        if (view->registrationNumber.isEmpty() || !view->stageAt.isValid() || view->version < 1)
            __builtin_trap();
        roundTrips(*view);
    }
    return 0;
}
