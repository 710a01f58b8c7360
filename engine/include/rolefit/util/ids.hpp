#pragma once
#include <string>
#include <string_view>

namespace rolefit {

std::string newUuid();                  // random (v4), lower-case
bool isUuid(std::string_view text);     // canonical 36-character form
std::string utcNowIso8601();            // 2026-11-23T08:52:28Z
bool isUtcTimestamp(std::string_view text);  // that form exactly, with digits in range

}  // namespace rolefit
