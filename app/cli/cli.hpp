#pragma once

namespace rolefit::app {
// The whole command line. Exit status: 0 done, 1 refused input (one line per
// problem on stderr, the database unchanged), 2 wrong usage.
int runCommandLine(int argc, char** argv);
}  // namespace rolefit::app
