// The command line through the real binary.
#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include "rolefit/model/fields.hpp"
#include "support/process.hpp"
#include "support/support.hpp"

using namespace rolefit::test;
namespace fs = std::filesystem;

namespace {
const std::string kHeader = "name,industry,business_model,stage,employees,leadership_budget\n";

using Db = CliDatabase;

// A refused import: exit 1, every line of stderr names the file, the database
// byte-for-byte as it was.
void expectRefused(const Db& db, const std::string& csv, const std::string& mustMention) {
  const auto file = db.dir / "bad.csv";
  writeFile(file, csv);
  const auto before = readFile(db.path);
  const auto result = runRolefit(db.with({"import-csv", file.string()}));
  CAPTURE(csv.substr(0, 200), result.err);
  CHECK(result.exitCode == 1);
  CHECK(result.err.find(mustMention) != std::string::npos);
  CHECK(result.err.find(file.string() + ":") == 0);
  CHECK(readFile(db.path) == before);
  CHECK_FALSE(fs::exists(db.path.string() + "-wal"));
}
}  // namespace

TEST_CASE("--help and --version exit 0, unknown verbs and options exit 2") {
  auto help = runRolefit({"--help"});
  CHECK(help.exitCode == 0);
  CHECK(help.out.find("import-csv") != std::string::npos);
  auto version = runRolefit({"--version"});
  CHECK(version.exitCode == 0);
  CHECK(version.out.find("rolefit " ROLEFIT_VERSION) == 0);
  auto unknown = runRolefit({"frobnicate"});
  CHECK(unknown.exitCode == 2);
  CHECK(unknown.err.find("rolefit:") == 0);
  CHECK(runRolefit({"list", "--nope"}).exitCode == 2);
  CHECK(runRolefit({"import-csv"}).exitCode == 2);
  CHECK(runRolefit({"list", "--screenshot", "x.png"}).exitCode == 2);
}

#ifdef ROLEFIT_NO_WINDOW
TEST_CASE("a build without the window has every verb and says so when the window is asked for") {
  Db db;
  const auto none = runRolefit(db.with({}));
  CHECK(none.exitCode == 2);
  CHECK(none.err.find("no window") != std::string::npos);
  CHECK(none.err.find("import-csv") != std::string::npos);  // the verbs it has
  CHECK(runRolefit(db.with({"--screenshot", (db.dir / "x.png").string()})).exitCode == 2);
  CHECK_FALSE(fs::exists(db.path));
  CHECK(runRolefit(db.with({"list"})).exitCode == 0);
}
#endif

TEST_CASE("list on a missing database prints nothing and creates nothing") {
  Db db;
  auto text = runRolefit(db.with({"list"}));
  CHECK(text.exitCode == 0);
  CHECK(text.out.find("No profiles") != std::string::npos);
  auto json = runRolefit(db.with({"list", "--json"}));
  CHECK(json.exitCode == 0);
  CHECK(json.out == "[]\n");
  CHECK_FALSE(fs::exists(db.path));
}

TEST_CASE("import-csv then list --json gives the contract's fields plus id, revision, updated_at") {
  Db db;
  writeFile(db.dir / "in.csv", generatedCsv(25));
  auto imported = runRolefit(db.with({"import-csv", (db.dir / "in.csv").string()}));
  REQUIRE(imported.exitCode == 0);
  CHECK(imported.out.find("Imported 25 profiles") != std::string::npos);

  // --db before the verb works too.
  auto listed = runRolefit({"--db", db.path.string(), "list", "--json"});
  REQUIRE(listed.exitCode == 0);
  rapidjson::Document doc;
  doc.Parse(listed.out.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsArray());
  REQUIRE(doc.Size() == 25);
  for (const auto& item : doc.GetArray()) {
    REQUIRE(item.IsObject());
    CHECK(item["id"].IsString());
    CHECK(item["id"].GetStringLength() == 36);
    CHECK(item["revision"].IsInt64());
    CHECK(item["updated_at"].IsString());
    for (const auto& f : rolefit::profileFields()) {
      CAPTURE(f.key);
      const std::string key(f.key);
      REQUIRE(item.HasMember(key.c_str()));
      const auto& v = item[key.c_str()];
      switch (f.kind) {
        case rolefit::FieldKind::Text:
        case rolefit::FieldKind::Choice: CHECK(v.IsString()); break;
        case rolefit::FieldKind::Integer: CHECK(v.IsInt64()); break;
        case rolefit::FieldKind::Number: CHECK((v.IsNumber() || (f.optional && v.IsNull()))); break;
      }
    }
  }

  auto text = runRolefit(db.with({"list"}));
  CHECK(text.exitCode == 0);
  CHECK(text.out.find("Company 0") != std::string::npos);
}

TEST_CASE("command-line verbs never add the sample companies") {
  Db db;
  writeFile(db.dir / "one.csv", kHeader + "Solo,retail,service,startup,3,one\n");
  REQUIRE(runRolefit(db.with({"import-csv", (db.dir / "one.csv").string()})).exitCode == 0);
  auto listed = runRolefit(db.with({"list", "--json"}));
  rapidjson::Document doc;
  doc.Parse(listed.out.c_str());
  REQUIRE(doc.IsArray());
  CHECK(doc.Size() == 1);
}

TEST_CASE("bad CSV files are refused by row and field, the database unchanged") {
  Db db;
  writeFile(db.dir / "seed.csv", generatedCsv(5));
  REQUIRE(runRolefit(db.with({"import-csv", (db.dir / "seed.csv").string()})).exitCode == 0);

  expectRefused(db, "", "is empty");
  expectRefused(db, "name,industry,colour\nA,retail,red\n", "unknown column \"colour\"");
  expectRefused(db, "name,industry\nA,retail\n", "field employees: required column is missing");
  expectRefused(db, kHeader + "A,retail,service,startup,many,one\n", "row 2, field employees: \"many\" is not a whole number");
  expectRefused(db, kHeader + "A,retail,service,startup,0,one\n", "row 2, field employees: 0 is out of range");
  expectRefused(db, kHeader + "A,retail,service,startup,5,one\nB,bank,service,startup,5,one\n",
                "row 3, field industry: \"bank\" is not one of");
  expectRefused(db, kHeader + "\"A,retail,service,startup,5,one\n", "bad CSV quoting");
  expectRefused(db, kHeader + "Bad\xC3\x28,retail,service,startup,5,one\n", "row 2, field name: is not valid UTF-8");
  expectRefused(db, kHeader + std::string(201, 'L') + ",retail,service,startup,5,one\n",
                "row 2, field name: has 201 characters");
  expectRefused(db, kHeader + "A,retail,service,startup,5\n", "row 2: has 5 cells");

  auto missing = runRolefit(db.with({"import-csv", (db.dir / "nope.csv").string()}));
  CHECK(missing.exitCode == 1);
  CHECK(missing.err.find("nope.csv: no such file") != std::string::npos);
}

TEST_CASE("a bad row after thousands of good ones leaves the database as it was, or not there at all") {
  Db db;
  writeFile(db.dir / "seed.csv", generatedCsv(5));
  REQUIRE(runRolefit(db.with({"import-csv", (db.dir / "seed.csv").string()})).exitCode == 0);
  // Rows are stored as they are read: these are written (past what the page
  // cache holds) before the last row fails the file.
  const std::string lateBad = generatedCsv(4000, 9) + "Late,bank,mixed,enterprise,1,,1,1,1,1,one,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,hybrid,\n";
  expectRefused(db, lateBad, "row 4002, field industry");

  const auto fresh = db.dir / "fresh.db";
  writeFile(db.dir / "late.csv", lateBad);
  const auto result = runRolefit({"import-csv", (db.dir / "late.csv").string(), "--db", fresh.string()});
  CHECK(result.exitCode == 1);
  CHECK(result.err.find("nothing imported") != std::string::npos);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) CHECK_FALSE(fs::exists(fresh.string() + suffix));
}

TEST_CASE("a database path that cannot be created is refused clearly") {
  TempDir dir;
  writeFile(dir / "file", "x");
  writeFile(dir / "in.csv", kHeader + "A,retail,service,startup,5,one\n");
  auto result = runRolefit({"import-csv", (dir / "in.csv").string(), "--db", (dir / "file" / "r.db").string()});
  CHECK(result.exitCode == 1);
  CHECK(result.err.find("cannot create its folder") != std::string::npos);
}
