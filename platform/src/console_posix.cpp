#include "rolefit/platform/console.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace rolefit::platform {

CommandLine::CommandLine(int argc, char** argv) : args_(argv, argv + argc) {
  for (auto& arg : args_) pointers_.push_back(arg.data());
  pointers_.push_back(nullptr);
}

void prepareConsole() {}
void setStdoutBinary() {}
void releaseConsoleForWindow() {}

void keepFreedMemoryForReuse() {
#ifdef __GLIBC__
  // Freed memory (and every large buffer) stays on the heap for the next
  // allocation instead of going back to the system and faulting in again.
  constexpr int kQuarterGiB = 256 * 1024 * 1024;
  mallopt(M_TRIM_THRESHOLD, kQuarterGiB);
  mallopt(M_MMAP_THRESHOLD, kQuarterGiB);
#endif
}

}  // namespace rolefit::platform
