// A database too large to read before the first frame: the window starts on
// what it has, reads the rest on a thread, and sorts and filters by result
// with the lines still being scored.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/scoring/evaluate.hpp"
#include "support/headless.hpp"
#include "support/support.hpp"
#include "support/test_app.hpp"

using namespace rolefit;
using rolefit::test::HeadlessImGui;
using rolefit::test::TempDir;
using rolefit::test::TestApp;

namespace {

// Over Controller::kReadAtOnceBytes, so the window reads it in the background.
std::filesystem::path largeDatabase(const TempDir& dir) {
  const auto path = dir / "large.db";
  Store store(path);
  store.saveAll(readProfilesCsv(test::generatedCsv(6000, 11)).profiles);
  store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  REQUIRE(std::filesystem::file_size(path) > ui::Controller::kReadAtOnceBytes);
  return path;
}

std::vector<std::string> shownIds(const ui::AppState& state, const ui::ProfilesView& view) {
  std::vector<std::string> ids;
  for (std::uint32_t i : view.visibleRows()) ids.emplace_back((*state.profileList)[i].id());
  return ids;
}

}  // namespace

TEST_CASE("a large database opens at once and its profiles arrive from the background", "[large]") {
  TempDir dir;
  const auto path = largeDatabase(dir);
  TestApp t;
  const ui::AppState& state = t.state();
  t.app.openStore(path, true);
  REQUIRE(state.storeOpen);
  // Nothing is taken over before the window asks for it: the first frame
  // draws with no line read, saying so.
  CHECK(state.profileCount() == 0);
  CHECK(state.loadProgress.reading);
  t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
  HeadlessImGui imgui(1280, 800);
  imgui.frames(2, t.drawer());
  for (auto name : ui::viewNames()) {
    t.emit(ui::intent::OpenView{*ui::viewFromName(name)});
    imgui.frames(2, t.drawer());
  }

  t.app.waitForProfiles();
  CHECK_FALSE(state.loadProgress.reading);
  REQUIRE(state.profileCount() == 6000);
  CHECK(state.profileList->complete());
  CHECK(state.errorText.empty());
  const auto stored = t.db().profiles();
  for (std::size_t i = 0; i < stored.size(); i += 97) {
    const ProfileLine* line = state.lineById(stored[i].id);
    REQUIRE(line);
    CHECK(line->recommendation == score(stored[i], state.roleModels).recommendation);
  }

  SECTION("an edit is read again in the background; the list shown stays until then") {
    Profile changed = stored[5];
    changed.name = "Aaa first by name";
    t.db().save(changed);  // as another copy of RoleFit would
    REQUIRE(t.app.refreshIfChangedElsewhere());
    CHECK(state.loadProgress.reading);
    CHECK(state.lineById(changed.id)->name() == stored[5].name);
    t.app.waitForProfiles();
    CHECK(state.lineById(changed.id)->name() == "Aaa first by name");
    t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
    imgui.frames(2, t.drawer());
    REQUIRE_FALSE(t.frame.profiles().visibleRows().empty());
    CHECK(shownIds(state, t.frame.profiles()).front() == changed.id);
  }
  SECTION("select all, then one: the table asks each row through a hashed selection") {
    t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
    imgui.frames(2, t.drawer());
    t.emit(ui::intent::SelectAll{state.idsOf(t.frame.profiles().visibleRows())});
    REQUIRE(state.selection.ids().size() == 6000);
    for (std::size_t i = 0; i < stored.size(); i += 499) CHECK(state.selection.contains(stored[i].id));
    imgui.frames(2, t.drawer());
    t.emit(ui::intent::Select{stored[7].id, true});  // Ctrl-click takes it out
    CHECK(state.selection.ids().size() == 5999);
    CHECK_FALSE(state.selection.contains(stored[7].id));
    t.emit(ui::intent::Select{stored[7].id, false});
    CHECK(state.selection.ids() == std::vector<std::string>{stored[7].id});
    CHECK_FALSE(state.selection.contains(stored[8].id));
  }
  SECTION("filtering by advice shows exactly the profiles with that advice") {
    t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
    for (std::size_t s = 0; s < kStructureCount; ++s) {
      const auto advice = static_cast<Structure>(s);
      t.frame.profiles().setAdviceFilter(advice);
      imgui.frames(2, t.drawer());
      std::size_t expected = 0;
      for (const auto& p : stored) expected += score(p, state.roleModels).recommendation == advice;
      const auto& visible = t.frame.profiles().visibleRows();
      CHECK(visible.size() == expected);
      for (std::uint32_t i : visible) CHECK((*state.profileList)[i].recommendation == advice);
    }
  }
}

TEST_CASE("sorting by a result puts the profiles still being scored last, and counts them in as they come",
          "[large]") {
  TempDir dir;
  // A list as a background read leaves it midway: some lines scored, some
  // not. The view draws plain data: the test hands it that state directly.
  ui::AppState state;
  auto list = std::make_shared<ProfileList>();
  const double cioFits[] = {40, 90, 0, 70, 0, 55};
  for (std::size_t i = 0; i < 6; ++i) {
    list->add(fmt::format("id-{}", i), fmt::format("Company {}", i), "2026-01-01T00:00:00Z");
    if (cioFits[i] > 0) list->setResult({static_cast<std::uint32_t>(i), Structure::cio_led, {cioFits[i], 10}});
  }
  list->index();
  state.profileList = list;
  state.loadProgress = {.reading = true, .linesReady = true, .total = 6, .scored = 4};
  ui::ProfilesView view;
  view.setSort({4, false});  // CIO fit, highest first
  test::RecordedIntents recorded;
  const auto draw = test::aloneInWindow("profiles", [&] { view.draw(state, recorded.emitter()); });
  HeadlessImGui imgui(390, 844);  // the phone layout sorts as the wide table did
  imgui.frames(2, draw);
  CHECK(shownIds(state, view) == std::vector<std::string>{"id-1", "id-3", "id-5", "id-0", "id-2", "id-4"});

  list->setResult({4, Structure::cto_led, {95, 10}});  // as the background read delivers it
  ++state.resultsGeneration;
  imgui.frames(2, draw);
  CHECK(shownIds(state, view) == std::vector<std::string>{"id-4", "id-1", "id-3", "id-5", "id-0", "id-2"});

  view.setAdviceFilter(Structure::cio_led);
  imgui.frames(2, draw);
  CHECK(shownIds(state, view) == std::vector<std::string>{"id-1", "id-3", "id-5", "id-0"});
  CHECK(recorded.intents.empty());
}

TEST_CASE("damage found by the background check offers the backups, as damage found on opening does", "[large]") {
  TempDir dir;
  const auto path = largeDatabase(dir);
  test::writeFile(dir / "large.db.backup-v1-2026-01-01T00-00-00Z", "x");
  test::scribbleOverMiddlePage(path);

  TestApp t;
  const ui::AppState& state = t.state();
  t.app.openStore(path, true);
  t.app.waitForProfiles();
  CAPTURE(state.storeError, state.errorText);
  REQUIRE_FALSE(state.storeOpen);
  CHECK(state.storeBackups.size() == 1);
  CHECK(state.profileCount() == 0);
  HeadlessImGui imgui;
  imgui.frames(2, t.drawer());
}
