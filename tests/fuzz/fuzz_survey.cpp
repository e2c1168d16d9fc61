// libFuzzer target: the survey body parser (POST /api/v1/surveys) on arbitrary bytes; what it accepts has nine
// answers 1–4, only profile answers the survey offers, a bounded suggestion, and is written back to bytes it
// accepts again as the same response.
#include "protocol.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto survey = serverlink::SurveyResponse::fromJson(raw);
    if (!survey)
        return 0;
    if (survey->answers.size() != serverlink::SurveyResponse::kElements
        || survey->suggestion.size() > serverlink::SurveyResponse::kMaxSuggestionLength || !survey->at.isValid())
        __builtin_trap();
    for (int a : survey->answers)
        if (a < 1 || a > 4)
            __builtin_trap();
    for (auto it = survey->profile.cbegin(); it != survey->profile.cend(); ++it)
        if (serverlink::surveyProfileLabel(it.key(), it.value()).isEmpty())
            __builtin_trap();
    const auto again = serverlink::SurveyResponse::fromJson(survey->toJson());
    if (!again || again->answers != survey->answers || again->profile != survey->profile || again->suggestion != survey->suggestion
        || again->id != survey->id)
        __builtin_trap();
    return 0;
}
