// libFuzzer target: the seal's text forms and body parser (SQ1 and SQ2) on arbitrary bytes, read as Latin-1 text
// and as body bytes. What parses re-encodes to the same bytes and the same text; the digits codec round-trips.
#include "digits.h"
#include "seal.h"

#include <cstddef>
#include <cstdint>

using namespace serverlink::seal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromLatin1(raw);
    const auto parsed = SealCodec::parse(text);
    if (parsed) {
        // Only a text of a seal's shape parses, and it is exactly the text its parts write.
        const auto version = SealCodec::textVersion(text);
        if (!version || *version != parsed.value().fields.version)
            __builtin_trap();
        if (SealCodec::toText(parsed.value().body, parsed.value().signature, parsed.value().verifyUrl) != text.trimmed())
            __builtin_trap();
    }
    const auto fromBytes = SealCodec::parseBytes(raw);
    if (fromBytes) {
        const auto body = SealCodec::encodeBody(fromBytes.value().fields);
        if (!body || body.value() != fromBytes.value().body || fromBytes.value().body + fromBytes.value().signature != raw)
            __builtin_trap();
    }
    const auto decoded = serverlink::digits::decode(text);
    if (decoded && serverlink::digits::encode(*decoded) != text)
        __builtin_trap();
    if (serverlink::digits::decode(serverlink::digits::encode(raw)) != raw)
        __builtin_trap();
    return 0;
}
