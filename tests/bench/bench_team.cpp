// Team assessment speed against floors in the same run (issue 17), each side
// a whole process started the same way, in alternating rounds:
// - import-ratings of 10,000 ratings (200 companies, 50 raters each, every
//   judgement field) against the sqlite3 shell's `.import --csv` of the same
//   file, each into its own fresh copy of the same database;
// - evaluate --team of a company with 50 raters against evaluate of that
//   company alone.
#include <cstdio>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "bench/paired.hpp"
#include "rolefit/model/fields.hpp"
#include "support/process.hpp"
#include "support/support.hpp"

using namespace rolefit::test;
using rolefit::bench::Paired;
using rolefit::bench::require;
namespace fs = std::filesystem;

int main() {
  TempDir dir;
  constexpr int kCompanies = 200, kRaters = 50;
  constexpr int kRounds = 11;
  bool ok = true;
  const auto base = dir / "base.db";
  writeFile(dir / "companies.csv", generatedCsv(kCompanies, 7));
  ok &= require(runRolefit({"import-csv", (dir / "companies.csv").string(), "--db", base.string()}).exitCode == 0,
                "import-csv");
  const auto listed = runRolefit({"list", "--json", "--db", base.string()});
  rapidjson::Document list;
  list.Parse(listed.out.c_str());
  if (!require(!list.HasParseError() && list.IsArray() && list.Size() == kCompanies, "list --json")) return 1;

  // A survey tool's export: one row per company and rater, every field answered.
  std::string csv = "profile,rater";
  const auto fields = rolefit::judgementFields();
  for (const auto* field : fields) csv += fmt::format(",{}", field->key);
  csv += "\n";
  unsigned value = 1;
  for (const auto& p : list.GetArray())
    for (int r = 0; r < kRaters; ++r) {
      csv += fmt::format("{},Rater {:02}", p["id"].GetString(), r + 1);
      for (const auto* field : fields) {  // anywhere in the field's range
        value = value * 1103515245u + 12345u;
        const auto low = static_cast<unsigned>(field->min), span = static_cast<unsigned>(field->max) - low + 1;
        csv += fmt::format(",{}", low + (value >> 16) % span);
      }
      csv += "\n";
    }
  const auto ratings = dir / "ratings.csv";
  writeFile(ratings, csv);

  const auto copyOfBase = [&](const fs::path& to) {
    fs::remove(to);
    fs::copy_file(base, to);
  };
  const auto subjectDb = dir / "subject.db", floorDb = dir / "floor.db";
  const auto import = rolefit::bench::measure(
      Paired{
          .what = "import-ratings of 10,000 ratings (200 companies, 50 raters)",
          .floorWhat = "the sqlite3 shell's .import --csv of the same file into a fresh copy of the same database",
          .limit = 1.5,
          .subject =
              [&](int) {
                ok &= require(runRolefit({"import-ratings", ratings.string(), "--db", subjectDb.string()}).exitCode == 0,
                              "rolefit import-ratings");
              },
          .floor =
              [&](int) {
                ok &= require(run({"sqlite3", floorDb.string(), ".import --csv " + ratings.string() + " survey"}).exitCode == 0,
                              "sqlite3 .import");
              },
          .beforeSubject = [&](int) { copyOfBase(subjectDb); },
          .beforeFloor = [&](int) { copyOfBase(floorDb); },
      },
      kRounds);

  // The company with its 50 raters, against the same company alone.
  const std::string company = list[0]["id"].GetString();
  const ProcessOptions toFile{.env = {}, .fileSizeLimit = -1, .stdoutFile = (dir / "out.json").string()};
  const auto team = rolefit::bench::measure(
      Paired{
          .what = "evaluate --team --json of a company with 50 raters",
          .floorWhat = "evaluate --json of the same company alone, from the same database",
          .limit = 10,
          .subject =
              [&](int) {
                ok &= require(runRolefit({"evaluate", company, "--team", "--json", "--db", subjectDb.string()}, toFile)
                                      .exitCode == 0,
                              "rolefit evaluate --team");
              },
          .floor =
              [&](int) {
                ok &= require(
                    runRolefit({"evaluate", company, "--json", "--db", subjectDb.string()}, toFile).exitCode == 0,
                    "rolefit evaluate");
              },
      },
      kRounds);
  return ok && import.withinLimit && team.withinLimit ? 0 : 1;
}
