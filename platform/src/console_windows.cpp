// RoleFit on Windows is a console program, so that a verb in a command prompt
// or PowerShell prints where it was typed, is waited for, and sets the exit
// status scripts read. Started from Explorer for its window, the console
// Windows made for it is closed at once.
#include <windows.h>
#include <fcntl.h>
#include <io.h>
#include <shellapi.h>

#include <cstdio>

#include "rolefit/platform/console.hpp"
#include "utf16_windows.hpp"

namespace rolefit::platform {

CommandLine::CommandLine(int argc, char** argv) {
  int count = 0;
  if (LPWSTR* wide = CommandLineToArgvW(GetCommandLineW(), &count)) {
    for (int i = 0; i < count; ++i) args_.push_back(utf8FromWide(wide[i]));
    LocalFree(wide);
  } else {
    args_.assign(argv, argv + argc);
  }
  for (auto& arg : args_) pointers_.push_back(arg.data());
  pointers_.push_back(nullptr);
}

void prepareConsole() {
  SetConsoleOutputCP(CP_UTF8);
}

void setStdoutBinary() {
  std::fflush(stdout);
  _setmode(_fileno(stdout), _O_BINARY);
}

void releaseConsoleForWindow() {
  DWORD processes[2];
  // One process on the console: it was made for this one, not a prompt's.
  if (GetConsoleProcessList(processes, 2) == 1) FreeConsole();
}

void keepFreedMemoryForReuse() {}

}  // namespace rolefit::platform
