// Store speed, measured against a floor in the same run (never an absolute
// timing): importing 10,000 profiles with `rolefit import-csv` against the
// sqlite3 shell's own `.import --csv` of the same file, and `list --json`
// against the sqlite3 shell printing the same rows as JSON; and evaluate --json
// of those profiles against list --json.
#include <chrono>
#include <cstdio>
#include <functional>
#include <algorithm>
#include <vector>

#include "support/support.hpp"

using namespace rolefit::test;
namespace fs = std::filesystem;

namespace {

bool require(bool ok, const char* what) {
  if (!ok) std::fprintf(stderr, "bench: %s failed\n", what);
  return ok;
}

}  // namespace

int main() {
  TempDir dir;
  constexpr int kRows = 10'000;
  constexpr int kRuns = 7;
  const auto csv = dir / "companies.csv";
  writeFile(csv, generatedCsv(kRows, 42));
  bool ok = true;

  const double sqliteImport = bestSeconds(kRuns, [&](int i) {
    const auto db = dir / ("sqlite-" + std::to_string(i) + ".db");
    ok &= require(run({"sqlite3", db.string(), ".import --csv " + csv.string() + " profiles"}).exitCode == 0,
                  "sqlite3 .import");
  });
  const double rolefitImport = bestSeconds(kRuns, [&](int i) {
    const auto db = dir / ("rolefit-" + std::to_string(i) + ".db");
    ok &= require(runRolefit({"import-csv", csv.string(), "--db", db.string()}).exitCode == 0, "rolefit import-csv");
  });

  const auto db = dir / "rolefit-0.db";
  // The JSON goes to a file, as in `rolefit evaluate --json > results.json`:
  // through a pipe, the benchmark would time its own reading too.
  const ProcessOptions toFile{.env = {}, .fileSizeLimit = -1, .stdoutFile = (dir / "out.json").string()};
  const double sqliteJson = bestSeconds(kRuns, [&](int) {
    ok &= require(run({"sqlite3", "-json", db.string(), "SELECT * FROM profiles"}, toFile).exitCode == 0,
                  "sqlite3 -json");
  });
  std::size_t listBytes = 0;
  const double listJson = bestSeconds(kRuns, [&](int) {
    const auto result = runRolefit({"list", "--json", "--db", db.string()}, toFile);
    ok &= require(result.exitCode == 0, "rolefit list --json");
    listBytes = std::filesystem::file_size(toFile.stdoutFile);
  });

  // evaluate --json over the same profiles: at most 1.5x list --json (issue 4).
  const double evaluateJson = bestSeconds(kRuns, [&](int) {
    ok &= require(runRolefit({"evaluate", "--json", "--db", db.string()}, toFile).exitCode == 0,
                  "rolefit evaluate --json");
  });

  const double importRatio = rolefitImport / sqliteImport;
  const double listRatio = listJson / sqliteJson;
  std::printf("import-csv of %d profiles: %.3f s; sqlite3 .import --csv: %.3f s; ratio %.2f (limit 3.0)\n", kRows,
              rolefitImport, sqliteImport, importRatio);
  std::printf("list --json of %d profiles: %.3f s (%zu bytes; target 0.5 s); sqlite3 -json: %.3f s; ratio %.2f "
              "(limit 4.0)\n",
              kRows, listJson, listBytes, sqliteJson, listRatio);
  const double evaluateRatio = evaluateJson / listJson;
  std::printf("evaluate --json of %d profiles: %.3f s; %.2fx list --json (limit 1.5)\n", kRows, evaluateJson,
              evaluateRatio);
  ok &= require(importRatio <= 3.0, "import ratio");
  ok &= require(evaluateRatio <= 1.5, "evaluate ratio");
  ok &= require(listRatio <= 4.0, "list --json ratio");
  return ok ? 0 : 1;
}
