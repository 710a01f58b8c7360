#pragma once
#include <filesystem>
#include <string_view>

namespace rolefit {

// Writes to a temporary file in the target's folder, flushes it to disk,
// renames it over the target and flushes the folder: a crash leaves the old
// file or the new one, never a part. Throws std::runtime_error naming the
// file; on failure an earlier file at the target is left as it was.
void writeFileAtomically(const std::filesystem::path& target, std::string_view content);

}  // namespace rolefit
