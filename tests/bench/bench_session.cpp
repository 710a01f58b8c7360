// Session import speed against a floor in the same run: importing a
// 10,000-profile session file (read, check, plan, write to a new database in
// one transaction) against RapidJSON alone parsing the same file into a DOM.
// Limit (issue 5): 2x.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

#include <rapidjson/document.h>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/session/merge.hpp"
#include "rolefit/session/session.hpp"
#include "rolefit/store/store.hpp"
#include "rolefit/util/ids.hpp"
#include "support/support.hpp"

using namespace rolefit;
using namespace rolefit::test;
namespace fs = std::filesystem;

namespace {

std::size_t importFile(const fs::path& file, const fs::path& db) {
  Store store(db);
  std::vector<LoadedSession> files;
  files.push_back(readSessionFile(file));  // moved in: an initializer list would copy it
  auto plan = planImport(&store, std::move(files), {file.string()});
  return applyImport(store, plan).added;
}

}  // namespace

int main() {
  TempDir dir;
  constexpr std::size_t kProfiles = 10'000;
  constexpr int kRuns = 7;
  auto csv = readProfilesCsv(generatedCsv(kProfiles, 42));
  for (auto& p : csv.profiles) p.id = newUuid();
  const Session session = makeSession("Benchmark", std::move(csv.profiles), builtinRoleModels(), "bench");
  const fs::path json = dir / "session.json", binary = dir / "session.bin";
  exportSession(json, session, SessionFormat::json);
  exportSession(binary, session, SessionFormat::binary);

  // Interleaved rounds, the fastest of each kind: both sides meet the same
  // machine state (caches, clock, other load), so the ratio is stable.
  bool ok = true;
  double parse = 1e9, importJson = 1e9, importBinary = 1e9;
  for (int round = 0; round < kRuns; ++round) {
    parse = std::min(parse, bestSeconds(1, [&](int) {
      const std::string text = readFile(json);
      rapidjson::Document doc;
      doc.Parse(text.data(), text.size());
      ok &= !doc.HasParseError() && doc.IsObject();
    }));
    importJson = std::min(importJson, bestSeconds(1, [&](int) {
      ok &= importFile(json, dir / ("json-" + std::to_string(round) + ".db")) == kProfiles;
    }));
    importBinary = std::min(importBinary, bestSeconds(1, [&](int) {
      ok &= importFile(binary, dir / ("binary-" + std::to_string(round) + ".db")) == kProfiles;
    }));
  }
  const double ratio = importJson / parse;
  std::printf("session of %zu profiles: JSON %.1f MiB, binary %.1f MiB\n", kProfiles,
              static_cast<double>(fs::file_size(json)) / (1 << 20), static_cast<double>(fs::file_size(binary)) / (1 << 20));
  std::printf("import of the JSON session: %.3f s; RapidJSON parse of the same file: %.3f s; ratio %.2f (limit 2.0)\n",
              importJson, parse, ratio);
  std::printf("import of the binary session: %.3f s (%.2fx the JSON parse)\n", importBinary, importBinary / parse);
  if (!ok) std::fprintf(stderr, "bench: an import or parse failed\n");
  if (ratio > 2.0) std::fprintf(stderr, "bench: session import ratio %.2f is over 2.0\n", ratio);
  return ok && ratio <= 2.0 ? 0 : 1;
}
