// How a process starts on each system: its command line as UTF-8 and its
// console. Windows hands main() the ANSI code page, where "Zürich Ölbank" is
// lost, and prints UTF-8 as mojibake unless told.
#pragma once
#include <string>
#include <vector>

namespace rolefit::platform {

class CommandLine {
 public:
  // On Windows the arguments are read again from the wide command line.
  CommandLine(int argc, char** argv);
  int argc() const { return static_cast<int>(pointers_.size()) - 1; }
  char** argv() { return pointers_.data(); }

 private:
  std::vector<std::string> args_;
  std::vector<char*> pointers_;  // into args_, null-terminated as main()'s
};

// Windows: the console shows RoleFit's UTF-8 output as text. Elsewhere nothing.
void prepareConsole();

// Standard output passes bytes as they are. Windows' C runtime otherwise
// turns every LF into CR LF, so text that already ends its lines in CR LF
// (a CSV report) would print CR CR LF. Elsewhere nothing.
void setStdoutBinary();

// Before the window opens. Windows: a console made for RoleFit alone (started
// from Explorer or a shortcut, not from a command prompt) is closed, so only
// the window stays. Elsewhere nothing.
void releaseConsoleForWindow();

// A verb runs for a moment and exits: memory it frees is kept for its own
// next allocations instead of going back to the system, where each page
// would fault in again (on this kind of virtual machine a fault costs
// microseconds). Linux (glibc) only; elsewhere nothing.
void keepFreedMemoryForReuse();

}  // namespace rolefit::platform
