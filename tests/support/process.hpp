// Running programs from the tests: the real rolefit binary, Xvfb. POSIX:
// process.cpp (fork and exec); Windows: process_windows.cpp (CreateProcessW).
#pragma once
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "support/support.hpp"

namespace rolefit::test {

struct ProcessResult {
  int exitCode = -1;  // -1 when killed by a signal
  int signal = 0;     // SIGKILL after terminate() on Windows too
  long peakKib = 0;   // the process's peak resident memory
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::map<std::string, std::string> env;  // added to the environment
  long fileSizeLimit = -1;                  // RLIMIT_FSIZE in bytes; -1 none (POSIX only)
  std::string stdoutFile;                   // standard output to this file instead of the result
};

// Runs a program to completion, capturing its output.
ProcessResult run(const std::vector<std::string>& argv, const ProcessOptions& options = {});
ProcessResult runRolefit(const std::vector<std::string>& args, const ProcessOptions& options = {});
// Starts a program (or rolefit) with output discarded; returns its pid.
pid_t start(const std::vector<std::string>& argv, const ProcessOptions& options = {});
pid_t startRolefit(const std::vector<std::string>& args, const ProcessOptions& options = {});
// Waits for a started process; returns its ProcessResult without output.
ProcessResult wait(pid_t pid);
// Ends a started process at once, as a crash or a power cut would (SIGKILL).
void terminate(pid_t pid);

// A database in a temporary folder of its own, driven through the real
// binary: none there until a verb creates it.
struct CliDatabase {
  TempDir dir;
  std::filesystem::path path;
  explicit CliDatabase(const std::string& name = "r.db") : path(dir / name) {}
  // `args` and --db with this database's path.
  std::vector<std::string> with(std::vector<std::string> args) const;
  ProcessResult run(const std::vector<std::string>& args) const { return runRolefit(with(args)); }
};

// An Xvfb display of its own for the lifetime of the object (POSIX).
class VirtualDisplay {
 public:
  VirtualDisplay(int width, int height);
  ~VirtualDisplay();
  VirtualDisplay(const VirtualDisplay&) = delete;
  VirtualDisplay& operator=(const VirtualDisplay&) = delete;
  const std::string& name() const { return name_; }  // ":123", for DISPLAY

 private:
  std::string name_;
  pid_t pid_ = -1;
};

}  // namespace rolefit::test
