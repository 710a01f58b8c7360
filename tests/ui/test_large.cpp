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
#include "ui/app_state.hpp"
#include "ui/frame.hpp"
#include "ui/views/profiles_view.hpp"

using namespace rolefit;
using rolefit::test::HeadlessImGui;
using rolefit::test::TempDir;

namespace {

// Over AppState::kReadAtOnceBytes, so the window reads it in the background.
std::filesystem::path largeDatabase(const TempDir& dir) {
  const auto path = dir / "large.db";
  Store store(path);
  store.saveAll(readProfilesCsv(test::generatedCsv(6000, 11)).profiles);
  store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  REQUIRE(std::filesystem::file_size(path) > ui::AppState::kReadAtOnceBytes);
  return path;
}

std::vector<std::string> shownIds(ui::AppState& state) {
  std::vector<std::string> ids;
  for (std::uint32_t i : state.profilesView().visibleRows()) ids.emplace_back((*state.profileList)[i].id());
  return ids;
}

}  // namespace

TEST_CASE("a large database opens at once and its profiles arrive from the background", "[large]") {
  TempDir dir;
  const auto path = largeDatabase(dir);
  ui::AppState state;
  state.openStore(path, true);
  REQUIRE(state.store);
  // Nothing is taken over before the window asks for it: the first frame
  // draws with no line read, saying so.
  CHECK(state.profileCount() == 0);
  CHECK(state.loadProgress().reading);
  state.view = ui::ViewId::Profiles;
  HeadlessImGui imgui(1280, 800);
  imgui.frames(2, [&] { ui::drawFrame(state); });
  for (auto name : ui::viewNames()) {
    state.view = *ui::viewFromName(name);
    imgui.frames(2, [&] { ui::drawFrame(state); });
  }

  state.waitForProfiles();
  CHECK_FALSE(state.loadProgress().reading);
  REQUIRE(state.profileCount() == 6000);
  CHECK(state.profileList->complete());
  CHECK(state.errorText.empty());
  const auto stored = state.store->profiles();
  for (std::size_t i = 0; i < stored.size(); i += 97) {
    const ProfileLine* line = state.lineById(stored[i].id);
    REQUIRE(line);
    CHECK(line->recommendation == score(stored[i], state.roleModels).recommendation);
  }

  SECTION("an edit is read again in the background; the list shown stays until then") {
    Profile changed = stored[5];
    changed.name = "Aaa first by name";
    state.store->save(changed);
    state.reloadProfiles();
    CHECK(state.loadProgress().reading);
    CHECK(state.lineById(changed.id)->name() == stored[5].name);
    state.waitForProfiles();
    CHECK(state.lineById(changed.id)->name() == "Aaa first by name");
    state.view = ui::ViewId::Profiles;
    imgui.frames(2, [&] { ui::drawFrame(state); });
    REQUIRE_FALSE(state.profilesView().visibleRows().empty());
    CHECK(shownIds(state).front() == changed.id);
  }
  SECTION("select all, then one: the table asks each row through a hashed selection") {
    state.view = ui::ViewId::Profiles;
    imgui.frames(2, [&] { ui::drawFrame(state); });
    state.selectAll(state.profilesView().visibleRows());
    REQUIRE(state.selection().size() == 6000);
    for (std::size_t i = 0; i < stored.size(); i += 499) CHECK(state.isSelected(stored[i].id));
    imgui.frames(2, [&] { ui::drawFrame(state); });
    state.emit(ui::intent::Select{stored[7].id, true});  // Ctrl-click takes it out
    CHECK(state.selection().size() == 5999);
    CHECK_FALSE(state.isSelected(stored[7].id));
    state.emit(ui::intent::Select{stored[7].id, false});
    CHECK(state.selection() == std::vector<std::string>{stored[7].id});
    CHECK_FALSE(state.isSelected(stored[8].id));
  }
  SECTION("filtering by advice shows exactly the profiles with that advice") {
    state.view = ui::ViewId::Profiles;
    for (std::size_t s = 0; s < kStructureCount; ++s) {
      const auto advice = static_cast<Structure>(s);
      state.profilesView().setAdviceFilter(advice);
      imgui.frames(2, [&] { ui::drawFrame(state); });
      std::size_t expected = 0;
      for (const auto& p : stored) expected += score(p, state.roleModels).recommendation == advice;
      const auto& visible = state.profilesView().visibleRows();
      CHECK(visible.size() == expected);
      for (std::uint32_t i : visible) CHECK((*state.profileList)[i].recommendation == advice);
    }
  }
}

TEST_CASE("sorting by a result puts the profiles still being scored last, and counts them in as they come",
          "[large]") {
  TempDir dir;
  ui::AppState state;
  state.openStore(dir / "r.db", false);
  // A list as a background read leaves it midway: some lines scored, some not.
  auto list = std::make_shared<ProfileList>();
  const double cioFits[] = {40, 90, 0, 70, 0, 55};
  for (std::size_t i = 0; i < 6; ++i) {
    list->add(fmt::format("id-{}", i), fmt::format("Company {}", i), "2026-01-01T00:00:00Z");
    if (cioFits[i] > 0) list->setResult({static_cast<std::uint32_t>(i), Structure::cio_led, {cioFits[i], 10}});
  }
  list->index();
  state.setProfileList(list);
  state.profilesView().setSort({4, false});  // CIO fit, highest first
  state.view = ui::ViewId::Profiles;
  HeadlessImGui imgui(390, 844);  // the phone layout sorts as the wide table did
  imgui.frames(2, [&] { ui::drawFrame(state); });
  CHECK(shownIds(state) == std::vector<std::string>{"id-1", "id-3", "id-5", "id-0", "id-2", "id-4"});

  const ProfileList::Result arrived{4, Structure::cto_led, {95, 10}};
  state.setResults(std::span(&arrived, 1));  // as the background read delivers it
  imgui.frames(2, [&] { ui::drawFrame(state); });
  CHECK(shownIds(state) == std::vector<std::string>{"id-4", "id-1", "id-3", "id-5", "id-0", "id-2"});

  state.profilesView().setAdviceFilter(Structure::cio_led);
  imgui.frames(2, [&] { ui::drawFrame(state); });
  CHECK(shownIds(state) == std::vector<std::string>{"id-1", "id-3", "id-5", "id-0"});
}

TEST_CASE("damage found by the background check offers the backups, as damage found on opening does", "[large]") {
  TempDir dir;
  const auto path = largeDatabase(dir);
  test::writeFile(dir / "large.db.backup-v1-2026-01-01T00-00-00Z", "x");
  test::scribbleOverMiddlePage(path);

  ui::AppState state;
  state.openStore(path, true);
  state.waitForProfiles();
  CAPTURE(state.storeError, state.errorText);
  REQUIRE_FALSE(state.store);
  CHECK(state.storeBackups.size() == 1);
  CHECK(state.profileCount() == 0);
  HeadlessImGui imgui;
  imgui.frames(2, [&] { ui::drawFrame(state); });
}
