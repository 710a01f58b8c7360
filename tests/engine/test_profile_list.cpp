#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <mutex>
#include <thread>

#include <SQLiteCpp/Database.h>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/listing/profile_list.hpp"
#include "rolefit/scoring/evaluate.hpp"
#include "rolefit/store/store.hpp"
#include "support/support.hpp"

using namespace rolefit;
using rolefit::test::TempDir;

namespace {

using Phase = ProfileListReader::Phase;

// Reads the whole list on this thread, as a window does for a small database.
std::unique_ptr<ProfileList> readAll(const std::filesystem::path& db, const RoleModelSet& models,
                                     ProfileListReader::Options options = {}) {
  ProfileListReader reader(db, models, std::move(options));
  std::unique_ptr<ProfileList> list;
  int steps = 0;
  while (reader.step(100) != Phase::Done) {
    ++steps;
    if (!list) list = reader.takeList();
    if (list)
      for (const auto& r : reader.takeResults()) list->setResult(r);
  }
  if (!list) list = reader.takeList();
  for (const auto& r : reader.takeResults()) list->setResult(r);
  CHECK(steps > 1);
  return list;
}

void checkMatchesStore(const ProfileList& list, const Store& store, const RoleModelSet& models) {
  const auto profiles = store.profiles();
  REQUIRE(list.size() == profiles.size());
  CHECK(list.complete());
  // The tables' default order is the store's: by name without case, then id.
  REQUIRE(list.byName().size() == profiles.size());
  for (std::size_t i = 0; i < profiles.size(); ++i) CHECK(list[list.byName()[i]].id() == profiles[i].id);
  for (const auto& p : profiles) {
    const auto i = list.find(p.id);
    REQUIRE(i);
    const ProfileLine& line = list[*i];
    CHECK(line.id() == p.id);
    CHECK(line.name() == p.name);
    CHECK(line.industry == p.industry);
    CHECK(line.employees == p.employees);
    CHECK(line.revision == p.revision);
    CHECK(line.updatedAt() == p.updated_at);
    const Scores s = score(p, models);
    CHECK(line.scored);
    CHECK(line.recommendation == s.recommendation);
    CHECK(line.fit[0] == s.fit[0]);
    CHECK(line.fit[1] == s.fit[1]);
  }
}

}  // namespace

TEST_CASE("a profile list holds every profile outside the bin, scored as evaluate scores it") {
  TempDir dir;
  const auto path = dir / "l.db";
  Store store(path);
  const auto ids = store.saveAll(readProfilesCsv(test::generatedCsv(1500, 3)).profiles);
  store.moveToBin(ids[7]);
  // Names that only their case or non-ASCII letters tell apart.
  for (const char* name : {"apple", "Apple", "BANANA", "banana split", "\xC3\x84pfel", "_under", "Zeta", "zeta"}) {
    Profile p;
    p.name = name;
    store.save(p);
  }
  const RoleModelSet models = store.activeRoleModels();

  const auto list = readAll(path, models, {.checkIntegrity = true, .previous = {}});
  checkMatchesStore(*list, store, models);
  CHECK_FALSE(list->find(ids[7]));
  CHECK_FALSE(list->find("not-an-id"));
  CHECK(list->roleModelVersion() == models.version);
}

TEST_CASE("a second read takes over the results of unchanged profiles and scores only the changed ones") {
  TempDir dir;
  const auto path = dir / "l.db";
  Store store(path);
  const auto ids = store.saveAll(readProfilesCsv(test::generatedCsv(900, 5)).profiles);
  const RoleModelSet models = store.activeRoleModels();
  const std::shared_ptr<const ProfileList> first = readAll(path, models);

  Profile changed = *store.profile(ids[10]);
  changed.goals = {5, 5, 5, 5, 5, 5, 5, 5};
  changed.tech_revenue_pct = 80;
  store.save(changed);
  Profile added;
  added.name = "Added later";
  store.save(added);

  ProfileListReader reader(path, models, {.checkIntegrity = false, .previous = first});
  while (reader.phase() < Phase::Results) reader.step(10'000);
  // Only the changed profile and the new one are left to score.
  CHECK(reader.resultsLeft() == 2);
  auto list = reader.takeList();
  REQUIRE(list);
  CHECK(list->scoredCount() == 899);
  while (reader.step(10'000) != Phase::Done) {}
  for (const auto& r : reader.takeResults()) list->setResult(r);
  checkMatchesStore(*list, store, models);

  SECTION("other role models: every result is computed again") {
    RoleModelSet other = models;
    other.version += "+other";
    ProfileListReader again(path, other, {.checkIntegrity = false, .previous = std::shared_ptr<const ProfileList>(std::move(list))});
    while (again.phase() < Phase::Results) again.step(10'000);
    CHECK(again.resultsLeft() == 901);
  }
}

namespace {
// A database of 3,000 profiles for a loader to read.
struct ThreeThousandProfiles {
  TempDir dir;
  std::filesystem::path path = dir / "l.db";
  Store store{path};
  RoleModelSet models;
  ThreeThousandProfiles() {
    store.saveAll(readProfilesCsv(test::generatedCsv(3000, 9)).profiles);
    models = store.activeRoleModels();
  }
};
}  // namespace

TEST_CASE_METHOD(ThreeThousandProfiles, "the loader reads on its own thread and can be stopped at any point") {

  SECTION("to the end") {
    int wakes = 0;
    std::mutex wakeMutex;
    ProfileListLoader loader(path, models, {.checkIntegrity = true, .previous = {}}, [&] {
      std::lock_guard lock(wakeMutex);
      ++wakes;
    });
    loader.wait();
    CHECK(loader.finished());
    CHECK_FALSE(loader.failure());
    auto list = loader.takeList();
    REQUIRE(list);
    for (const auto& r : loader.takeResults()) list->setResult(r);
    checkMatchesStore(*list, store, models);
    CHECK(loader.progress().phase == Phase::Done);
    CHECK(loader.progress().total == 3000);
    std::lock_guard lock(wakeMutex);
    CHECK(wakes >= 1);
  }
  SECTION("stopped at once, or a little later, without a failure") {
    for (int delayMs : {0, 1, 5, 20}) {
      ProfileListLoader loader(path, models, {.checkIntegrity = true, .previous = {}}, {});
      std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
      CHECK_FALSE(loader.failure());
    }
  }
}

TEST_CASE_METHOD(ThreeThousandProfiles,
                 "without a thread (as in a browser) the loader reads in the caller's slices, to the same list") {
  ProfileListLoader loader(path, models, {.checkIntegrity = true, .previous = {}}, {}, /*onThread=*/false);
  CHECK(loader.progress().phase == Phase::Starting);  // nothing happens between the caller's slices
  int slices = 0;
  std::unique_ptr<ProfileList> list;
  std::vector<ProfileList::Result> results;
  while (!loader.finished()) {
    loader.advance();
    ++slices;
    if (!list) list = loader.takeList();
    for (const auto& r : loader.takeResults()) results.push_back(r);
    REQUIRE(slices < 100'000);
  }
  CHECK_FALSE(loader.failure());
  REQUIRE(list);
  for (const auto& r : loader.takeResults()) results.push_back(r);
  for (const auto& r : results) list->setResult(r);
  checkMatchesStore(*list, store, models);
  CHECK(loader.progress().total == 3000);
}

TEST_CASE("the loader reports a damaged database with its backups") {
  TempDir dir;
  const auto path = dir / "r.db";
  RoleModelSet models;
  {
    Store store(path);
    store.saveAll(readProfilesCsv(test::generatedCsv(400)).profiles);
    models = store.activeRoleModels();
  }
  test::writeFile(dir / "r.db.backup-v1-2026-01-01T00-00-00Z", "x");
  test::scribbleOverMiddlePage(path);

  ProfileListLoader loader(path, models, {.checkIntegrity = true, .previous = {}}, {});
  loader.wait();
  const auto failure = loader.failure();
  REQUIRE(failure);
  CHECK(failure->message.find("r.db") != std::string::npos);
  if (failure->damaged) {
    REQUIRE(failure->backups.size() == 1);
    CHECK(failure->backups[0].filename() == "r.db.backup-v1-2026-01-01T00-00-00Z");
  } else {
    // SQLite may also refuse the damaged page before the check runs.
    CHECK(failure->message.find("damaged") != std::string::npos);
  }
  CHECK_FALSE(loader.takeList());
}
