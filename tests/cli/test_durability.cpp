// Crash safety, two writers and a full disk, through the real binary.
#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <random>
#include <thread>

#ifndef _WIN32
#include <unistd.h>
#endif

#include <SQLiteCpp/Database.h>

#include "support/process.hpp"
#include "support/support.hpp"

using namespace rolefit::test;
namespace fs = std::filesystem;

namespace {

int countProfiles(const fs::path& db) {
  SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
  return d.execAndGet("SELECT count(*) FROM profiles").getInt();
}

std::string integrity(const fs::path& db) {
  SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
  return d.execAndGet("PRAGMA integrity_check").getString();
}

}  // namespace

TEST_CASE("SIGKILL at random moments during import-csv leaves only whole imports") {
  TempDir dir;
  const auto db = dir / "r.db";
  const auto csv = dir / "in.csv";
  constexpr int kRows = 3000;
  writeFile(csv, generatedCsv(kRows));

  // How long one import takes here, so kills land before, during and after the write.
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(runRolefit({"import-csv", csv.string(), "--db", db.string()}).exitCode == 0);
  const auto oneImport = std::chrono::steady_clock::now() - start;
  const auto spanUs = std::max<long long>(1000, std::chrono::duration_cast<std::chrono::microseconds>(oneImport).count());

  std::mt19937 random(20261123);
  int killedMidway = 0;
  for (int attempt = 0; attempt < 30; ++attempt) {
    const pid_t pid = startRolefit({"import-csv", csv.string(), "--db", db.string()});
    std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<long long>(0, spanUs * 6 / 5)(random)));
    terminate(pid);
    const auto result = wait(pid);
    if (result.signal != 0) ++killedMidway;
  }
  INFO("runs killed before they finished: " << killedMidway);
  CHECK(killedMidway > 0);
  CHECK(integrity(db) == "ok");
  CHECK(countProfiles(db) % kRows == 0);
  CHECK(countProfiles(db) >= kRows);
}

TEST_CASE("two processes importing into one database at once lose nothing") {
  TempDir dir;
  writeFile(dir / "a.csv", generatedCsv(2000, 1));
  writeFile(dir / "b.csv", generatedCsv(2000, 2));
  const auto importBoth = [&](const fs::path& db) {
    auto a = std::async(std::launch::async, [&] {
      return runRolefit({"import-csv", (dir / "a.csv").string(), "--db", db.string()});
    });
    const auto rb = runRolefit({"import-csv", (dir / "b.csv").string(), "--db", db.string()});
    const auto ra = a.get();
    CAPTURE(ra.err, rb.err);
    CHECK(ra.exitCode == 0);
    CHECK(rb.exitCode == 0);
  };
  // Brand-new files: each copy writes a private file; the first to finish
  // names it, the second adds its profiles to that one.
  for (int fresh = 0; fresh < 6; ++fresh) {
    const auto db = dir / ("fresh-" + std::to_string(fresh) + ".db");
    importBoth(db);
    CHECK(integrity(db) == "ok");
    CHECK(countProfiles(db) == 4000);
  }
  // Each wrote a file of its own and one published it; the other's profiles
  // went into that one: no private file is left.
  for (const auto& entry : fs::directory_iterator(dir.path()))
    CHECK(entry.path().filename().string().find(".importing-") == std::string::npos);
  // An existing database, several rounds: the second writer waits its turn.
  const auto db = dir / "fresh-0.db";
  for (int round = 0; round < 3; ++round) importBoth(db);
  CHECK(integrity(db) == "ok");
  CHECK(countProfiles(db) == 4 * 4000);
}

TEST_CASE("an import that never finished leaves a private file the next import removes once nobody can want it") {
  TempDir dir;
  writeFile(dir / "in.csv", generatedCsv(20));
  const auto db = dir / "new.db";
  const auto makeDatabase = [](const fs::path& file) {
    SQLite::Database(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE).exec("CREATE TABLE profiles (id TEXT)");
  };
  const auto twoHoursAgo = [](const fs::path& file) {
    fs::last_write_time(file, fs::file_time_type::clock::now() - std::chrono::hours(2));
  };
  // Killed mid-write: the file and its hot journal, both two hours old.
  const auto abandoned = dir / ".new.db.importing-0badc0de";
  makeDatabase(abandoned);
  writeFile(dir / ".new.db.importing-0badc0de-journal", "");
  twoHoursAgo(abandoned);
  twoHoursAgo(dir / ".new.db.importing-0badc0de-journal");
  // Written a moment ago: an import still under way.
  const auto recent = dir / ".new.db.importing-1234abcd";
  makeDatabase(recent);
  // Old, but someone holds it open in a transaction.
  const auto held = dir / ".new.db.importing-5678ef01";
  makeDatabase(held);
  twoHoursAgo(held);
  SQLite::Database holder(held.string(), SQLite::OPEN_READONLY);
  holder.exec("BEGIN");
  REQUIRE(holder.execAndGet("SELECT count(*) FROM sqlite_master").getInt() == 1);
  // Not one of RoleFit's names, though it starts like them.
  writeFile(dir / ".new.db.importing-notes.tx", "mine");
  twoHoursAgo(dir / ".new.db.importing-notes.tx");

  const auto result = runRolefit({"import-csv", (dir / "in.csv").string(), "--db", db.string()});
  CAPTURE(result.err);
  REQUIRE(result.exitCode == 0);
  CHECK(result.err.find("removed " + abandoned.string() + ", left by an import that did not finish") != std::string::npos);
  CHECK_FALSE(fs::exists(abandoned));
  CHECK_FALSE(fs::exists(dir / ".new.db.importing-0badc0de-journal"));
  CHECK(fs::exists(recent));
  CHECK(fs::exists(held));
  CHECK(fs::exists(dir / ".new.db.importing-notes.tx"));
  CHECK(countProfiles(db) == 20);
  holder.exec("ROLLBACK");
}

#ifndef _WIN32  // a full disk made by RLIMIT_FSIZE: Windows has no such limit
TEST_CASE("a full disk during import is reported and nothing is half-written") {
  TempDir dir;
  const auto db = dir / "r.db";
  writeFile(dir / "seed.csv", generatedCsv(50));
  REQUIRE(runRolefit({"import-csv", (dir / "seed.csv").string(), "--db", db.string()}).exitCode == 0);
  const auto sizeBefore = static_cast<long>(fs::file_size(db));
  writeFile(dir / "big.csv", generatedCsv(5000));

  // RLIMIT_FSIZE makes every write past the limit fail, as a full disk would.
  const auto result = runRolefit({"import-csv", (dir / "big.csv").string(), "--db", db.string()},
                                  {.env = {}, .fileSizeLimit = sizeBefore + 64 * 1024, .stdoutFile = {}});
  CAPTURE(result.err);
  CHECK(result.exitCode == 1);
  CHECK(result.err.find(db.string()) != std::string::npos);
  CHECK((result.err.find("disk") != std::string::npos));
  CHECK(result.err.find("nothing was written") != std::string::npos);
  CHECK(integrity(db) == "ok");
  CHECK(countProfiles(db) == 50);
}
#endif

#ifndef _WIN32  // file modes; Windows folders have no "read-only" that stops SQLite
// A database in a folder its reader may not write: a colleague's, a
// read-only share. SQLite cannot make a WAL index there and so would not even
// read it. Run as such a reader: as nobody when the tests run as root, whom
// file modes do not stop.
TEST_CASE("a database in a folder its reader may not write is read, and refuses changes leaving it as it was") {
  TempDir dir;
  const auto folder = dir / "shared";
  fs::create_directory(folder);
  const auto db = folder / "r.db";
  writeFile(dir / "in.csv", generatedCsv(20));
  REQUIRE(runRolefit({"import-csv", (dir / "in.csv").string(), "--db", db.string()}).exitCode == 0);
  REQUIRE_FALSE(fs::exists(folder / "r.db-wal"));
  const std::string before = readFile(db);

  using fs::perms;
  fs::permissions(dir.path(), perms::owner_all | perms::group_read | perms::group_exec | perms::others_read |
                                  perms::others_exec);
  fs::permissions(folder, perms::owner_read | perms::owner_exec | perms::group_read | perms::group_exec |
                              perms::others_read | perms::others_exec);
  fs::permissions(db, perms::owner_read | perms::group_read | perms::others_read);
  auto asReader = [&](std::vector<std::string> args) {
    std::vector<std::string> argv;
    if (::geteuid() == 0) argv = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
    argv.push_back(rolefitBinary().string());
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--db", db.string()});
    return run(argv);
  };

  const auto listed = asReader({"list", "--json"});
  CHECK(listed.exitCode == 0);
  CHECK(listed.err.empty());
  CHECK(listed.out.find("Company 19 \\\"1\\\", Ltd") != std::string::npos);
  const auto evaluated = asReader({"evaluate", "--json"});
  CHECK(evaluated.exitCode == 0);
  CHECK(evaluated.out.find("Company 0 \\\"1\\\", Ltd") != std::string::npos);

  writeFile(dir / "more.csv", generatedCsv(3, 2));
  const auto imported = asReader({"import-csv", (dir / "more.csv").string()});
  CHECK(imported.exitCode != 0);
  CHECK(imported.err.find("r.db: the database cannot be written (read-only file or folder)") != std::string::npos);

  fs::permissions(folder, perms::owner_all, fs::perm_options::add);  // for TempDir to remove it
  CHECK(readFile(db) == before);
  CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator()) == 1);  // no journal, WAL or index
  CHECK(countProfiles(db) == 20);
}
#endif
