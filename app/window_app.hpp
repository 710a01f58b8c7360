#pragma once
#include "cli/cli.hpp"

namespace rolefit::app {

// Exit status: 0 done, 1 the screenshot could not be written or no window
// could be opened.
int runWindow(const WindowRun& run);

}  // namespace rolefit::app
