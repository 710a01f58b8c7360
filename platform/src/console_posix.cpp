#include "rolefit/platform/console.hpp"

namespace rolefit::platform {

CommandLine::CommandLine(int argc, char** argv) : args_(argv, argv + argc) {
  for (auto& arg : args_) pointers_.push_back(arg.data());
  pointers_.push_back(nullptr);
}

void prepareConsole() {}
void setStdoutBinary() {}
void releaseConsoleForWindow() {}

}  // namespace rolefit::platform
