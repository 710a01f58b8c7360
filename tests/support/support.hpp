// Helpers shared by the test executables: temporary folders, small file
// utilities, generated CSV (running programs: support/process.hpp).
#pragma once
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

std::filesystem::path rolefitBinary();

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
