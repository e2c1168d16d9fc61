// libFuzzer target: HidPosReportParser fed the input as a sequence of reports (first byte of each chunk = its size).
#include "hidposreportparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    devices::HidPosReportParser parser;
    size_t offset = 0;
    qint64 clock = 0;
    while (offset < size) {
        const size_t length = qMin<size_t>(data[offset], size - offset - 1);
        const QByteArrayView report(data + offset + 1, qsizetype(length));
        const devices::HidPosFeedResult result = parser.feed(report, clock);
        if (result.status == devices::HidPosFeedResult::Status::Complete
            && result.scan.data.size() > devices::HidPosReportParser::kMaxScanBytes)
            __builtin_trap();
        clock += data[offset] & 0x0f ? 10 : 2000;
        offset += length + 1;
    }
    return 0;
}
