// export and import through the real binary: round trips, previews,
// conflicts, and every hostile file refused with the database unchanged.
#include <catch2/catch.hpp>

#include <algorithm>

#include <SQLiteCpp/Database.h>
#include <rapidjson/document.h>

#include "support/process.hpp"
#include "support/support.hpp"

using namespace rolefit::test;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = ROLEFIT_SOURCE_DIR;

// `profiles` generated profiles; with none, created by the first write.
struct SessionDb : CliDatabase {
  explicit SessionDb(std::size_t profiles = 12, const std::string& name = "r.db") : CliDatabase(name) {
    if (profiles == 0) return;
    writeFile(dir / "in.csv", generatedCsv(profiles, 5));
    REQUIRE(run({"import-csv", (dir / "in.csv").string()}).exitCode == 0);
  }
};

// The database as a reader sees it, plus its file: both must stay the same.
std::string snapshot(const SessionDb& db) {
  return db.run({"list", "--json"}).out + db.run({"evaluate", "--json"}).out + readFile(db.path);
}

}  // namespace

TEST_CASE("export then import into an empty database gives identical evaluations", "[session][cli]") {
  SessionDb sender;
  for (const std::string format : {"json", "binary"}) {
    CAPTURE(format);
    const fs::path file = sender.dir / ("share." + format);
    const auto exported = sender.run({"export", file.string(), "--format", format});
    REQUIRE(exported.exitCode == 0);
    CHECK_THAT(exported.out, Catch::Contains("Exported 12 profiles"));

    TempDir other;
    const fs::path db = other / "colleague.db";
    const auto preview = runRolefit({"import", file.string(), "--dry-run", "--db", db.string()});
    CHECK(preview.exitCode == 0);
    CHECK_THAT(preview.out, Catch::Contains("new 12, unchanged 0, conflicting 0"));
    CHECK_FALSE(fs::exists(db));  // a dry run creates nothing

    const auto imported = runRolefit({"import", file.string(), "--db", db.string()});
    CAPTURE(imported.err);
    REQUIRE(imported.exitCode == 0);
    CHECK_THAT(imported.out, Catch::Contains("12 new"));
    CHECK(runRolefit({"evaluate", "--json", "--db", db.string()}).out == sender.run({"evaluate", "--json"}).out);
  }
}

TEST_CASE("export chooses profiles and refuses bad options", "[session][cli]") {
  SessionDb db;
  rapidjson::Document listed;
  listed.Parse(db.run({"list", "--json"}).out.c_str());
  REQUIRE(listed.IsArray());
  const std::string firstId = listed[0]["id"].GetString();
  const auto some = db.run({"export", (db.dir / "one.json").string(), "--profiles", firstId, "--name", "Just one"});
  CAPTURE(some.err);
  CHECK(some.exitCode == 0);
  CHECK_THAT(some.out, Catch::Contains("Exported 1 profile "));
  CHECK_THAT(readFile(db.dir / "one.json"), Catch::Contains("\"name\": \"Just one\""));

  CHECK(db.run({"export", (db.dir / "x.json").string(), "--format", "yaml"}).exitCode == 2);
  CHECK(db.run({"export", (db.dir / "x.json").string(), "--profiles", "No Such Company"}).exitCode == 1);
  const auto noFolder = db.run({"export", (db.dir / "missing" / "x.json").string()});
  CHECK(noFolder.exitCode == 1);
  CHECK_THAT(noFolder.err, Catch::Contains("missing"));
  CHECK(db.run({"import", (db.dir / "one.json").string(), "--on-conflict", "maybe"}).exitCode == 2);
}

TEST_CASE("conflicts need a choice, each choice does what it says", "[session][cli]") {
  SessionDb sender(6, "sender.db");
  const fs::path file = sender.dir / "share.json";
  REQUIRE(sender.run({"export", file.string()}).exitCode == 0);
  SessionDb receiver(0, "receiver.db");
  REQUIRE(receiver.run({"import", file.string()}).exitCode == 0);
  // The sender edits one profile and sends the session again.
  SQLite::Database(sender.path.string(), SQLite::OPEN_READWRITE)
      .exec("UPDATE profiles SET employees = employees + 7 WHERE id = (SELECT min(id) FROM profiles)");
  REQUIRE(sender.run({"export", file.string()}).exitCode == 0);

  const std::string before = snapshot(receiver);
  const auto refused = receiver.run({"import", file.string()});
  CHECK(refused.exitCode == 1);
  CHECK_THAT(refused.err, Catch::Contains("choose --on-conflict"));
  CHECK_THAT(refused.out, Catch::Contains("conflict: "));
  CHECK_THAT(refused.out, Catch::Contains("employees: yours"));
  CHECK(snapshot(receiver) == before);

  const auto keepMine = receiver.run({"import", file.string(), "--on-conflict", "keep-mine"});
  CHECK(keepMine.exitCode == 0);
  CHECK_THAT(keepMine.out, Catch::Contains("0 new, 0 updated, 0 kept both, 1 kept yours, 5 unchanged"));
  CHECK(receiver.run({"list", "--json"}).out != sender.run({"list", "--json"}).out);
  const auto takeTheirs = receiver.run({"import", file.string(), "--on-conflict", "take-theirs"});
  CHECK(takeTheirs.exitCode == 0);
  CHECK_THAT(takeTheirs.out, Catch::Contains("0 new, 1 updated"));
  CHECK(receiver.run({"evaluate", "--json"}).out == sender.run({"evaluate", "--json"}).out);
  // The overwritten version is a revision away.
  CHECK(SQLite::Database(receiver.path.string()).execAndGet("SELECT count(*) FROM profile_revisions").getInt() == 1);
  const auto keepBoth = receiver.run({"import", (sender.dir / "share.json").string(), "--on-conflict", "keep-both"});
  CHECK(keepBoth.exitCode == 0);
  CHECK_THAT(keepBoth.out, Catch::Contains("6 unchanged"));
}

TEST_CASE("every hostile file is refused by the binary with the database unchanged", "[session][cli][hostile]") {
  SessionDb db(5);
  const std::string before = snapshot(db);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kSource / "tests" / "hostile"))
    if (entry.path().extension() == ".json" || entry.path().extension() == ".bin") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 40);
  for (const auto& file : files) {
    CAPTURE(file.filename().string());
    const auto result = db.run({"import", file.string(), "--on-conflict", "take-theirs"});
    CAPTURE(result.err);
    CHECK(result.exitCode == 1);
    CHECK(result.signal == 0);
    CHECK(result.err.rfind(file.string() + ": ", 0) == 0);
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
  }
  CHECK(snapshot(db) == before);
}

TEST_CASE("several files import in one go, all or nothing", "[session][cli]") {
  SessionDb a(4, "a.db");
  SessionDb b(0, "b.db");
  writeFile(b.dir / "more.csv", generatedCsv(3, 77));
  REQUIRE(b.run({"import-csv", (b.dir / "more.csv").string()}).exitCode == 0);
  REQUIRE(a.run({"export", (a.dir / "a.json").string()}).exitCode == 0);
  REQUIRE(b.run({"export", (b.dir / "b.bin").string(), "--format", "binary"}).exitCode == 0);

  TempDir target;
  const fs::path db = target / "t.db";
  const auto hostile = kSource / "tests" / "hostile" / "enum-999.bin";
  const auto mixed = runRolefit({"import", (a.dir / "a.json").string(), hostile.string(), "--db", db.string()});
  CHECK(mixed.exitCode == 1);
  CHECK_FALSE(fs::exists(db));
  const auto both = runRolefit({"import", (a.dir / "a.json").string(), (b.dir / "b.bin").string(), "--db", db.string()});
  CAPTURE(both.err);
  CHECK(both.exitCode == 0);
  CHECK_THAT(both.out, Catch::Contains("7 new"));
}

#ifndef _WIN32  // a full disk made by RLIMIT_FSIZE: Windows has no such limit
TEST_CASE("a failed export (disk full) says so and leaves the earlier file intact", "[session][cli]") {
  SessionDb db(40);
  const fs::path file = db.dir / "share.json";
  writeFile(file, "an earlier export\n");
  // The file-size limit lets the database open (its 32 KiB shared-memory
  // file) and the temporary file start, but not finish (about 140 KB).
  const auto result = runRolefit({"export", file.string(), "--db", db.path.string()},
                                 {.env = {}, .fileSizeLimit = 64 * 1024, .stdoutFile = {}});
  CAPTURE(result.err);
  CHECK(result.exitCode == 1);
  CHECK(result.signal == 0);
  CHECK_THAT(result.err, Catch::Contains(file.string()));
  CHECK(readFile(file) == "an earlier export\n");
  for (const auto& entry : fs::directory_iterator(db.dir.path()))
    CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
}
#endif
