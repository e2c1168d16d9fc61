// libFuzzer target: PayloadClassifier on arbitrary bytes (and the same bytes as Latin-1 text).
#include "payloadclassifier.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    const devices::PayloadClassification fromBytes = devices::PayloadClassifier::classify(raw);
    // A refused payload never carries text, and a NIK is always 16 ASCII digits.
    if (!fromBytes.accepted() && !fromBytes.text.isEmpty())
        __builtin_trap();
    if (fromBytes.kind == devices::PayloadKind::Nik && fromBytes.nik.size() != 16)
        __builtin_trap();
    (void)devices::PayloadClassifier::classify(QString::fromLatin1(raw));
    return 0;
}
