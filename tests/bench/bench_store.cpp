// Store and command-line speed against floors run in the same process, in
// alternating rounds (limits: issue 12).
// Every side is a whole process
// started the same way, reading the same file on the same disk:
// - import-csv of 10,000 profiles against the sqlite3 shell's `.import --csv`
//   of the same file into a new database;
// - list --json against `sqlite3 -json` printing the same rows;
// - evaluate --json of every profile against the same `sqlite3 -json`.
// Output goes to a file, as in `rolefit evaluate --json > results.json`:
// through a pipe, the benchmark would time its own reading too.
#include <cstdio>
#include <filesystem>
#include <string>

#include "bench/paired.hpp"
#include "support/process.hpp"
#include "support/support.hpp"

using namespace rolefit::test;
using rolefit::bench::Paired;
using rolefit::bench::require;
namespace fs = std::filesystem;

int main() {
  TempDir dir;
  constexpr int kRows = 10'000;
  // Many short rounds: on a machine shared with others, a few rounds can
  // all meet a busy moment.
  constexpr int kRounds = 15;
  const auto csv = dir / "companies.csv";
  writeFile(csv, generatedCsv(kRows, 42));
  bool ok = true;

  const auto import = rolefit::bench::measure(
      Paired{
          .what = "import-csv of 10,000 profiles",
          .floorWhat = "the sqlite3 shell's .import --csv of the same file into a new database",
          .limit = 1.5,
          .subject =
              [&](int round) {
                const auto db = dir / ("rolefit-" + std::to_string(round) + ".db");
                ok &= require(runRolefit({"import-csv", csv.string(), "--db", db.string()}).exitCode == 0,
                              "rolefit import-csv");
              },
          .floor =
              [&](int round) {
                const auto db = dir / ("sqlite-" + std::to_string(round) + ".db");
                ok &= require(run({"sqlite3", db.string(), ".import --csv " + csv.string() + " profiles"}).exitCode == 0,
                              "sqlite3 .import");
              },
      },
      kRounds);

  const auto db = dir / "rolefit-0.db";
  const ProcessOptions toFile{.env = {}, .fileSizeLimit = -1, .stdoutFile = (dir / "out.json").string()};
  const auto sqliteJson = [&](int) {
    ok &= require(run({"sqlite3", "-json", db.string(), "SELECT * FROM profiles"}, toFile).exitCode == 0,
                  "sqlite3 -json");
  };
  const std::string jsonFloor = "sqlite3 -json printing every row of the same database's profiles table to a file";
  const auto list = rolefit::bench::measure(
      Paired{
          .what = "list --json of 10,000 profiles",
          .floorWhat = jsonFloor,
          .limit = 1.5,
          .subject =
              [&](int) {
                ok &= require(runRolefit({"list", "--json", "--db", db.string()}, toFile).exitCode == 0,
                              "rolefit list --json");
              },
          .floor = sqliteJson,
      },
      kRounds);
  const auto evaluate = rolefit::bench::measure(
      Paired{
          .what = "evaluate --json of 10,000 profiles",
          .floorWhat = jsonFloor,
          .limit = 2.0,
          .subject =
              [&](int) {
                ok &= require(runRolefit({"evaluate", "--json", "--db", db.string()}, toFile).exitCode == 0,
                              "rolefit evaluate --json");
              },
          .floor = sqliteJson,
      },
      kRounds);
  return ok && import.withinLimit && list.withinLimit && evaluate.withinLimit ? 0 : 1;
}
