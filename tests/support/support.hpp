// Helpers shared by the test executables: temporary folders, running the real
// rolefit binary, small file utilities.
#pragma once
#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace rolefit::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct ProcessResult {
  int exitCode = -1;  // -1 when killed by a signal
  int signal = 0;
  long peakKib = 0;   // the process's peak resident memory
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::map<std::string, std::string> env;  // added to the environment
  long fileSizeLimit = -1;                  // RLIMIT_FSIZE in bytes; -1 none
  std::string stdoutFile;                   // standard output to this file instead of the result
};

std::filesystem::path rolefitBinary();

// Runs a program to completion, capturing its output.
ProcessResult run(const std::vector<std::string>& argv, const ProcessOptions& options = {});
ProcessResult runRolefit(const std::vector<std::string>& args, const ProcessOptions& options = {});
// Starts a program (or rolefit) with output discarded; returns its pid.
pid_t start(const std::vector<std::string>& argv, const ProcessOptions& options = {});
pid_t startRolefit(const std::vector<std::string>& args, const ProcessOptions& options = {});
// Waits for a started process; returns its ProcessResult without output.
ProcessResult wait(pid_t pid);

// An Xvfb display of its own for the lifetime of the object.
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

std::string readFile(const std::filesystem::path& path);
// Damage for the integrity checks: a whole page in the middle of a database
// file (its WAL checkpointed into it first) scribbled over.
void scribbleOverMiddlePage(const std::filesystem::path& database);
void writeFile(const std::filesystem::path& path, const std::string& content);

// Benchmarks: the fastest of `runs` runs of body(run), in seconds - the
// least disturbed estimate of what the work costs.
double bestSeconds(int runs, const std::function<void(int)>& body);

// A CSV with the contract header and `rows` valid, varied profiles.
std::string generatedCsv(std::size_t rows, unsigned seed = 1);
std::string contractHeader();

}  // namespace rolefit::test
