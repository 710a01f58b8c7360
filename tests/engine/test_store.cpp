#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/model/fields.hpp"
#include "rolefit/store/migrations.hpp"
#include "rolefit/store/store.hpp"
#include "support/support.hpp"

using namespace rolefit;
using rolefit::test::TempDir;
namespace fs = std::filesystem;

namespace {

Profile everyFieldSet() {
  Profile p;
  p.name = "Round Trip \xE2\x82\xAC Co";
  p.notes = "first line\nsecond line, \"quoted\"";
  p.industry = Industry::professional_services;
  p.business_model = BusinessModel::platform;
  p.stage = Stage::scaleup;
  p.employees = 4321;
  p.revenue_musd = 98.765;
  p.product_lines = 7;
  p.tech_revenue_pct = 42.5;
  p.regulatory_burden = 4;
  p.it_complexity = 2;
  p.leadership_budget = LeadershipBudget::more;
  p.goals = {1, 2, 3, 4, 5, 0, 1, 2};
  p.capabilities = {5, 4, 3, 2, 1, 2, 3, 4};
  p.leaders = Leaders::hybrid;
  return p;
}

}  // namespace

TEST_CASE("a new database gets the latest schema, WAL and RoleFit's application id") {
  TempDir dir;
  Store store(dir / "sub" / "folder" / "r.db");
  CHECK(store.schemaVersion() == latestSchemaVersion());
  CHECK(store.profileCount() == 0);
  CHECK(store.database().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(store.database().execAndGet("PRAGMA synchronous").getInt() == 2);  // FULL
  CHECK(store.database().execAndGet("PRAGMA application_id").getInt() == kApplicationId);
  CHECK(store.database().execAndGet("PRAGMA busy_timeout").getInt() >= 5000);
}

TEST_CASE("every field round-trips through the store") {
  TempDir dir;
  const auto path = dir / "r.db";
  const Profile original = everyFieldSet();
  std::string id;
  {
    Store store(path);
    const Profile saved = store.save(original);
    id = saved.id;
    CHECK(saved.revision == 1);
    CHECK_FALSE(saved.created_at.empty());
  }
  Store reopened(path);
  const auto loaded = reopened.profile(id);
  REQUIRE(loaded);
  CHECK(loaded->sameContent(original));
  CHECK(loaded->revenue_musd == original.revenue_musd);
  for (const auto& f : profileFields()) {
    CAPTURE(f.key);
    CHECK(fieldText(*loaded, f) == fieldText(original, f));
  }

  Profile noRevenue = *loaded;
  noRevenue.revenue_musd.reset();
  reopened.save(noRevenue);
  CHECK_FALSE(reopened.profile(id)->revenue_musd);
}

TEST_CASE("an invalid profile is refused with every problem named, nothing written") {
  TempDir dir;
  Store store(dir / "r.db");
  Profile p = everyFieldSet();
  p.employees = 0;
  p.goals[2] = 9;
  try {
    store.save(p);
    FAIL("expected a ValidationError");
  } catch (const ValidationError& e) {
    REQUIRE(e.problems().size() == 2);
    CHECK(e.problems()[0].field == "employees");
    CHECK(e.problems()[1].field == "goal_innovation");
  }
  CHECK(store.profileCount() == 0);
}

TEST_CASE("saveAll writes all or nothing") {
  TempDir dir;
  Store store(dir / "r.db");
  auto batch = readProfilesCsv(test::generatedCsv(30)).profiles;
  REQUIRE(batch.size() == 30);
  batch[17].capabilities[3] = 0;
  CHECK_THROWS_AS(store.saveAll(batch), ValidationError);
  CHECK(store.profileCount() == 0);
  batch[17].capabilities[3] = 2;
  std::size_t lastProgress = 0;
  const auto ids = store.saveAll(batch, [&](std::size_t done, std::size_t total) {
    CHECK(total == 30);
    lastProgress = done;
  });
  CHECK(lastProgress == 30);
  CHECK(store.profileCount() == 30);
  // The ids come back in the batch's order, and saving the same batch under
  // those ids again is an update of each, not 30 more profiles.
  REQUIRE(ids.size() == 30);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto stored = store.profile(ids[i]);
    REQUIRE(stored);
    CHECK(stored->sameContent(batch[i]));
    batch[i].id = ids[i];
  }
  batch[4].name = "Renamed in the second batch";
  CHECK(store.saveAll(batch) == ids);
  CHECK(store.profileCount() == 30);
  CHECK(store.profile(ids[4])->revision == 2);
  CHECK(store.profile(ids[5])->revision == 1);  // unchanged: no new revision
}

TEST_CASE("a batch saves profiles one at a time and stores them only when committed") {
  TempDir dir;
  Store store(dir / "r.db");
  auto profiles = readProfilesCsv(test::generatedCsv(600, 3)).profiles;
  {
    auto batch = store.beginBatch();
    for (auto& p : std::span(profiles).first(300)) batch.save(p);
    CHECK(batch.saved() == 300);
    CHECK_FALSE(profiles.front().id.empty());  // bookkeeping filled in place
  }  // dropped uncommitted: rolled back, spilled pages and all
  CHECK(store.profileCount() == 0);

  auto batch = store.beginBatch();
  for (auto& p : profiles) {
    p.id.clear();
    batch.save(p);
  }
  Profile bad = profiles.front();
  bad.id.clear();
  bad.employees = 0;
  CHECK_THROWS_AS(batch.save(bad), ValidationError);
  batch.commit();
  CHECK(store.profileCount() == 600);
  CHECK(store.profile(profiles[599].id)->sameContent(profiles[599]));
}

TEST_CASE("a profile checked on one thread is stored on another without a second check") {
  TempDir dir;
  Store store(dir / "r.db");
  Profile bad = everyFieldSet();
  bad.employees = 0;
  bad.name = "";
  try {
    CheckedProfile{bad};
    FAIL("an invalid profile was taken as checked");
  } catch (const ValidationError& e) {
    CHECK(e.problems().size() == 2);  // each problem named, not only the first
  }
  Profile badId = everyFieldSet();
  badId.id = "not-a-uuid";
  CHECK_THROWS_AS(CheckedProfile{badId}, ValidationError);

  std::optional<CheckedProfile> checked;
  std::thread([&] { checked.emplace(everyFieldSet()); }).join();
  auto batch = store.beginBatch();
  batch.save(*checked);
  batch.commit();
  REQUIRE_FALSE(checked->profile().id.empty());  // bookkeeping filled in place
  const auto stored = store.profile(checked->profile().id);
  REQUIRE(stored);
  CHECK(stored->sameContent(everyFieldSet()));
  CHECK(stored->revision == 1);
}

TEST_CASE("a database file deleted or replaced while open is not written into") {
  TempDir dir;
  Store store(dir / "r.db");
  store.save(readProfilesCsv(test::generatedCsv(1)).profiles.front());
#ifdef _WIN32
  // Windows moves no file SQLite has open: the store's file stays its own.
  CHECK_THROWS(fs::rename(dir / "r.db", dir / "elsewhere.db"));
  CHECK_NOTHROW(store.save(readProfilesCsv(test::generatedCsv(1, 2)).profiles.front()));
  return;
#endif
  fs::rename(dir / "r.db", dir / "elsewhere.db");
  try {
    store.save(readProfilesCsv(test::generatedCsv(1, 2)).profiles.front());
    FAIL("the save went into a file no longer at its path");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()).find("deleted or replaced") != std::string::npos);
  }
  CHECK_THROWS_AS(store.beginBatch(), StoreError);
}

// The private file a bulk import into a new database `db` writes.
Store privateStoreFor(const fs::path& privateFile, const fs::path& db) {
  StoreOptions options;
  options.privateFor = db;
  return Store(privateFile, options);
}

TEST_CASE("a private new file appears whole under a free name, in WAL, and names the database in messages") {
  TempDir dir;
  const auto db = dir / "r.db";
  const auto privateFile = Store::privateFileFor(db);
  CHECK(privateFile.parent_path() == db.parent_path());
  CHECK(privateFile != Store::privateFileFor(db));  // two importers never share one
  {
    Store store = privateStoreFor(privateFile, db);
    CHECK(store.path() == db);
    CHECK(store.database().execAndGet("PRAGMA journal_mode").getString() == "delete");
    store.saveAll(readProfilesCsv(test::generatedCsv(20)).profiles);
  }
  CHECK_FALSE(fs::exists(db));  // nobody sees it before it is complete
  Store::publish(privateFile, db);
  CHECK_FALSE(fs::exists(privateFile));
  Store store(db);
  CHECK(store.profileCount() == 20);
  CHECK(store.database().execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("a name taken while a private file was written gets its profiles added, nothing replaced") {
  TempDir dir;
  const auto db = dir / "r.db";
  const auto privateFile = Store::privateFileFor(db);
  privateStoreFor(privateFile, db).saveAll(readProfilesCsv(test::generatedCsv(5, 2)).profiles);
  std::vector<std::string> before;
  {
    Store other(db);  // another RoleFit made the database meanwhile
    before = other.saveAll(readProfilesCsv(test::generatedCsv(3, 3)).profiles);
    other.createSession("Theirs");
  }
  Store::publish(privateFile, db);
  CHECK_FALSE(fs::exists(privateFile));
  Store store(db);
  CHECK(store.profileCount() == 8);
  CHECK(store.sessions().size() == 1);
  for (const auto& id : before) CHECK(store.profile(id).has_value());
  store.checkIntegrity();
}

TEST_CASE("a discarded private file leaves nothing behind") {
  TempDir dir;
  const auto db = dir / "r.db";
  const auto privateFile = Store::privateFileFor(db);
  {
    Store store = privateStoreFor(privateFile, db);
    auto batch = store.beginBatch();
    CheckedProfile profile(everyFieldSet());
    batch.save(profile);
    // not committed: rolled back, then discarded, as a refused import is
  }
  Store::discardPrivateFile(privateFile);
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("every save keeps the previous version as a revision, and restoring is a new save") {
  TempDir dir;
  Store store(dir / "r.db");
  Profile p = store.save(everyFieldSet());
  const std::string id = p.id;

  p.employees = 5000;
  p = store.save(p);
  CHECK(p.revision == 2);
  p.name = "Renamed";
  p = store.save(p);
  CHECK(p.revision == 3);

  // Saving unchanged content makes no new revision.
  CHECK(store.save(p).revision == 3);

  const auto revisions = store.revisions(id);
  REQUIRE(revisions.size() == 3);
  CHECK(revisions[0].revision == 3);
  CHECK(revisions[0].current);
  CHECK(revisions[2].revision == 1);

  const Profile first = store.revision(id, 1);
  CHECK(first.employees == 4321);
  CHECK(first.name == everyFieldSet().name);
  CHECK(first.sameContent(everyFieldSet()));
  CHECK_THROWS_AS(store.revision(id, 9), StoreError);

  const Profile restored = store.restoreRevision(id, 1);
  CHECK(restored.revision == 4);
  CHECK(restored.sameContent(everyFieldSet()));
  CHECK(store.revisions(id).size() == 4);
  CHECK(store.revision(id, 3).name == "Renamed");  // the overwritten version is kept
}

TEST_CASE("deleting moves to the bin, the bin can be restored from or emptied") {
  TempDir dir;
  Store store(dir / "r.db");
  const Profile a = store.save(everyFieldSet());
  Profile other = everyFieldSet();
  other.name = "Other";
  const Profile b = store.save(other);

  store.moveToBin(a.id);
  CHECK(store.profileCount() == 1);
  REQUIRE(store.bin().size() == 1);
  CHECK(store.bin()[0].id == a.id);
  CHECK_THROWS_AS(store.moveToBin(a.id), StoreError);

  store.restoreFromBin(a.id);
  CHECK(store.profileCount() == 2);
  CHECK(store.bin().empty());

  Profile changed = *store.profile(b.id);
  changed.employees = 1;
  store.save(changed);
  store.moveToBin(b.id);
  CHECK(store.emptyBin() == 1);
  CHECK_FALSE(store.profile(b.id));
  CHECK(store.database().execAndGet("SELECT count(*) FROM profile_revisions").getInt() == 0);
  CHECK(store.profileCount() == 1);
}

TEST_CASE("profiles are found by id or by name, case-insensitively") {
  TempDir dir;
  Store store(dir / "r.db");
  const Profile saved = store.save(everyFieldSet());
  CHECK(store.findByIdOrName(saved.id).size() == 1);
  std::string upper = saved.id;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(store.findByIdOrName(upper).size() == 1);
  CHECK(store.findByIdOrName("round trip \xE2\x82\xAC co").size() == 1);
  CHECK(store.findByIdOrName("nobody").empty());
}

TEST_CASE("profiles are listed by name from an index that leaves out the bin, never sorted whole") {
  TempDir dir;
  Store store(dir / "r.db");
  Profile p = everyFieldSet();
  const std::vector<std::string> names{"beta", "Alpha", "alpha", "Gamma", "ALPHA", "delta"};
  std::vector<std::string> ids;
  for (const auto& name : names) {
    p.name = name;
    ids.push_back(store.save(p).id);
  }
  store.moveToBin(ids[5]);  // "delta"
  std::vector<std::pair<std::string, std::string>> expected;
  for (std::size_t i = 0; i < 5; ++i) {
    std::string folded = names[i];
    for (auto& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    expected.emplace_back(folded, ids[i]);
  }
  std::sort(expected.begin(), expected.end());
  std::vector<std::pair<std::string, std::string>> listed;
  store.forEachProfile([&](Profile&& q) {
    std::string folded = q.name;
    for (auto& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    listed.emplace_back(folded, q.id);
  });
  CHECK(listed == expected);
  // Sorting would read every row before the first could be handed out.
  SQLite::Statement plan(store.database(),
                         "EXPLAIN QUERY PLAN SELECT * FROM profiles WHERE deleted_at IS NULL "
                         "ORDER BY name COLLATE NOCASE, id");
  std::string steps;
  while (plan.executeStep()) steps += plan.getColumn(3).getString() + "\n";
  CHECK(steps.find("USING INDEX profiles_by_name") != std::string::npos);
  CHECK(steps.find("TEMP B-TREE") == std::string::npos);
  CHECK(store.findByIdOrName("ALPHA").size() == 3);
}

TEST_CASE("a database newer than the app is refused and left untouched") {
  TempDir dir;
  const auto path = dir / "newer.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
    db.exec("CREATE TABLE future(x)");
    db.exec(fmt::format("PRAGMA user_version = {}", latestSchemaVersion() + 1));
  }
  const auto before = test::readFile(path);
  try {
    Store store(path);
    FAIL("expected a StoreError");
  } catch (const StoreError& e) {
    const std::string message = e.what();
    CHECK(message.find(fmt::format("schema version {}", latestSchemaVersion() + 1)) != std::string::npos);
    CHECK(message.find("newer") != std::string::npos);
  }
  CHECK(test::readFile(path) == before);
}

TEST_CASE("foreign files are recognised and refused") {
  TempDir dir;
  SECTION("another application's SQLite database") {
    const auto path = dir / "other.db";
    {
      SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      db.exec("CREATE TABLE contacts(name)");
    }
    const auto before = test::readFile(path);
    CHECK_THROWS_WITH(Store(path), Catch::Contains("another application"));
    CHECK(test::readFile(path) == before);
  }
  SECTION("a file that is not SQLite at all") {
    const auto path = dir / "notes.txt";
    test::writeFile(path, std::string(4096, 'z'));
    CHECK_THROWS_WITH(Store(path), Catch::Contains("not a RoleFit database"));
    CHECK(test::readFile(path) == std::string(4096, 'z'));
  }
  SECTION("a folder") {
    const auto path = dir / "profiles.db";
    std::filesystem::create_directory(path);
    test::writeFile(path / "kept.txt", "x");
    for (const bool readOnly : {false, true})
      CHECK_THROWS_WITH(Store(path, StoreOptions{.readOnly = readOnly}),
                        Catch::Contains("profiles.db: is a folder, not a RoleFit database"));
    CHECK(std::filesystem::is_directory(path));
    CHECK(test::readFile(path / "kept.txt") == "x");
  }
}

TEST_CASE("a damaged database is reported with the backups that could replace it") {
  TempDir dir;
  const auto path = dir / "r.db";
  {
    Store store(path);
    store.saveAll(readProfilesCsv(test::generatedCsv(400)).profiles);
  }
  test::writeFile(dir / "r.db.backup-v1-2026-01-01T00-00-00Z", "x");
  test::scribbleOverMiddlePage(path);
  try {
    Store store(path);
    FAIL("expected the integrity check to fail");
  } catch (const CorruptDatabaseError& e) {
    REQUIRE(e.backups().size() == 1);
    CHECK(e.backups()[0].filename() == "r.db.backup-v1-2026-01-01T00-00-00Z");
  } catch (const StoreError& e) {
    // SQLite may also refuse the damaged page as it opens.
    CHECK(std::string(e.what()).find("damaged") != std::string::npos);
  }
}

TEST_CASE("restoring a backup sets the damaged file aside with its journal and WAL, then opens the backup") {
  TempDir dir;
  const auto path = dir / "r.db";
  const auto backup = dir / "r.db.backup-v1-2026-01-01T00-00-00Z";
  {
    Store store(path);
    store.saveAll(readProfilesCsv(test::generatedCsv(3)).profiles);
  }
  std::filesystem::copy_file(path, backup);
  {
    Store store(path);
    store.saveAll(readProfilesCsv(test::generatedCsv(5)).profiles);
  }
  // What a crash leaves beside a file: each must go with the damaged one,
  // or SQLite would apply it to the backup's copy.
  for (const char* suffix : {"-journal", "-wal", "-shm"}) test::writeFile(dir / (std::string("r.db") + suffix), suffix);

  const auto damaged = Store::restoreBackup(path, backup);
  for (const char* suffix : {"-journal", "-wal", "-shm"}) {
    CHECK_FALSE(std::filesystem::exists(dir / (std::string("r.db") + suffix)));
    auto aside = damaged;
    aside += suffix;
    CHECK(test::readFile(aside) == suffix);
  }
  CHECK(std::filesystem::exists(damaged));
  CHECK(Store(path).profileCount() == 3);
  CHECK(std::filesystem::exists(backup));
}

TEST_CASE("a failed migration rolls back and leaves the earlier version whole") {
  TempDir dir;
  const auto path = dir / "r.db";
  { Store store(path); store.save(everyFieldSet()); }
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  const Migration broken[] = {
      {latestSchemaVersion() + 1, "adds a table then fails",
       [](SQLite::Database& d) {
         d.exec("CREATE TABLE half_done(x)");
         d.exec("INSERT INTO no_such_table VALUES (1)");
       }},
  };
  CHECK_THROWS_WITH(migrate(db, broken), Catch::Contains("adds a table then fails"));
  CHECK(userVersion(db) == latestSchemaVersion());
  CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").getInt() == 0);
  CHECK(db.execAndGet("SELECT count(*) FROM profiles").getInt() == 1);
}

TEST_CASE("migrations apply in order, each once") {
  TempDir dir;
  const auto path = dir / "m.db";
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  migrate(db, builtinMigrations());
  CHECK(userVersion(db) == latestSchemaVersion());
  migrate(db, builtinMigrations());  // idempotent
  CHECK(userVersion(db) == latestSchemaVersion());
}

TEST_CASE("a second connection sees the first one's writes and is told by data_version") {
  TempDir dir;
  const auto path = dir / "r.db";
  Store first(path);
  Store second(path);
  const auto before = second.dataVersion();
  first.save(everyFieldSet());
  CHECK(second.dataVersion() != before);
  CHECK(second.profileCount() == 1);
}

TEST_CASE("a read-only store reads but refuses writes") {
  TempDir dir;
  const auto path = dir / "r.db";
  { Store store(path); store.save(everyFieldSet()); }
  Store readOnly(path, {.readOnly = true});
  CHECK(readOnly.profileCount() == 1);
  CHECK_THROWS_WITH(readOnly.save(everyFieldSet()), Catch::Contains("read-only"));
  CHECK_THROWS_WITH(Store(dir / "missing.db", {.readOnly = true}), Catch::Contains("no such database"));
}

TEST_CASE("a schema-1 database from an earlier release migrates forward, with a backup, losing nothing") {
  TempDir dir;
  const auto path = dir / "rolefit.db";
  std::filesystem::copy_file(ROLEFIT_FIXTURES "/schema-v1.db", path);
  {
    Store store(path);
    CHECK(store.schemaVersion() == latestSchemaVersion());
    CHECK(store.profileCount() == 6);
    CHECK(store.bin().size() == 1);
    const auto lumen = store.findByIdOrName("Lumen Analytics");
    REQUIRE(lumen.size() == 1);
    CHECK(lumen[0].revision == 2);
    CHECK(store.revision(lumen[0].id, 1).name == "Lumen Analytics (old)");
    CHECK(store.roleModelCopies().empty());
  }
  const auto backups = Store::backupsOf(path);
  REQUIRE(backups.size() == 1);
  CHECK(backups[0].filename().string().rfind("rolefit.db.backup-v1-", 0) == 0);
  SQLite::Database backup(backups[0].string(), SQLite::OPEN_READONLY);
  CHECK(userVersion(backup) == 1);
  CHECK(backup.execAndGet("SELECT count(*) FROM profiles").getInt() == 7);
}

TEST_CASE("backups before migrations are rotated, keeping the newest") {
  TempDir dir;
  for (const char* stamp : {"2026-01-01T00-00-00Z", "2026-02-01T00-00-00Z", "2026-03-01T00-00-00Z"})
    test::writeFile(dir / (std::string("rolefit.db.backup-v1-") + stamp), "old");
  std::filesystem::copy_file(ROLEFIT_FIXTURES "/schema-v1.db", dir / "rolefit.db");
  { Store store(dir / "rolefit.db", {.backupsToKeep = 3}); }
  const auto backups = Store::backupsOf(dir / "rolefit.db");
  REQUIRE(backups.size() == 3);
  CHECK(backups[2].filename() == "rolefit.db.backup-v1-2026-02-01T00-00-00Z");  // the oldest went
}

TEST_CASE("role-model copies: edited, activated one per role, applied with a version of their own") {
  TempDir dir;
  Store store(dir / "r.db");
  const RoleModelSet& builtin = builtinRoleModels();
  CHECK(store.activeRoleModels().version == builtin.version);

  RoleModelCopy copy;
  copy.model = builtin.cio();
  copy.model.name = "CIO, our firm's view";
  copy.model.weights[static_cast<std::size_t>(Dimension::architecture)] = 0.9;
  copy = store.saveRoleModelCopy(copy);
  CHECK_FALSE(copy.id.empty());
  CHECK(store.activeRoleModels().version == builtin.version);  // saved but not active

  copy.active = true;
  store.saveRoleModelCopy(copy);
  const RoleModelSet active = store.activeRoleModels();
  CHECK(active.version.rfind(builtin.version + "+custom.", 0) == 0);
  CHECK(active.cio().name == "CIO, our firm's view");
  CHECK(builtinRoleModels().cio().name == "Chief Information Officer (CIO)");  // built-in intact

  RoleModelCopy second;
  second.model = builtin.cio();
  second.model.name = "Another view";
  second.active = true;
  store.saveRoleModelCopy(second);
  int activeCio = 0;
  for (const auto& c : store.roleModelCopies()) activeCio += c.active && c.model.id == "cio";
  CHECK(activeCio == 1);
  CHECK(store.activeRoleModels().cio().name == "Another view");

  RoleModelCopy bad;
  bad.model = builtin.cto();
  bad.model.weights[0] = 3.0;
  CHECK_THROWS_AS(store.saveRoleModelCopy(bad), RoleModelError);
  bad.model = builtin.cto();
  bad.model.id = "ceo";
  CHECK_THROWS_AS(store.saveRoleModelCopy(bad), RoleModelError);

  for (const auto& c : store.roleModelCopies()) store.deleteRoleModelCopy(c.id);
  CHECK(store.activeRoleModels().version == builtin.version);
}
