// libFuzzer target: the trust-list envelope and its payload parsers (trust list, revocation list, list-signer
// delegation, next-root announcement) on arbitrary bytes, read both as an envelope and as a payload. What parses
// is written back to a payload that parses again to the same bytes.
#include "trustlist.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using namespace serverlink::seal;

namespace {

// The pinned test root of tests/data/trust (root.pub.pem), so the committed envelopes open and reach the payload.
const QByteArray kRoot
    = QByteArray::fromBase64("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE0GZ9s5R48V1ol8sQ1LrAfqCa7w6s1BR+hQGAecuLhupDWxIAEeJV/43"
                             "vEUcdBX6+N1usxbf9PzgkCmNSsvx+IA==");

template<typename List> void roundTrip(const QByteArray &payload)
{
    const auto parsed = List::fromPayload(payload);
    if (!parsed)
        return;
    const QByteArray written = parsed.value().toPayload();
    const auto again = List::fromPayload(written);
    if (!again || again.value().toPayload() != written)
        __builtin_trap();
}

void payloadParsers(const QByteArray &payload)
{
    roundTrip<TrustList>(payload);
    roundTrip<RevocationList>(payload);
    roundTrip<ListSignerDelegation>(payload);
    roundTrip<NextRoot>(payload);
    (void)payloadType(payload);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    payloadParsers(raw);
    if (const auto opened = openSigned(raw, {kRoot})) {
        // Only the one pinned root can vouch for what opens.
        if (opened.value().rootSpki != kRoot)
            __builtin_trap();
        payloadParsers(opened.value().payload);
        if (!opened.value().nextRootEnvelope.isEmpty())
            (void)openNextRoot(opened.value().nextRootEnvelope, kRoot);
    }
    // The payload of an envelope whose signature a mutation broke still reaches the payload parsers.
    const QJsonValue payload = QJsonDocument::fromJson(raw).object().value(QStringLiteral("payload"));
    if (payload.isString())
        payloadParsers(QByteArray::fromBase64(payload.toString().toLatin1()));
    return 0;
}
