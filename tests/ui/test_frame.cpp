// The app's frame and views in a headless Dear ImGui context.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include "rolefit/csv/profiles_csv.hpp"
#include "support/headless.hpp"
#include "support/support.hpp"
#include "ui/app_state.hpp"
#include "ui/frame.hpp"
#include "ui/views/profiles_view.hpp"

using namespace rolefit;
using rolefit::test::HeadlessImGui;
using rolefit::test::TempDir;

namespace {
ui::AppState stateWithProfiles(const TempDir& dir, std::size_t count) {
  ui::AppState state;
  state.openStore(dir / "r.db", /*addSamplesIfNew=*/false);
  REQUIRE(state.store);
  if (count > 0) state.store->saveAll(readProfilesCsv(test::generatedCsv(count)).profiles);
  state.reloadProfiles();
  state.waitForProfiles();
  return state;
}

bool popupOpen(HeadlessImGui& imgui, ui::AppState& state, const char* name) {
  return imgui.popupOpen(name, [&] { ui::drawFrame(state); });
}
}  // namespace

TEST_CASE("every view draws without tripping an ImGui assert, at laptop and phone sizes") {
  TempDir dir;
  auto state = stateWithProfiles(dir, 40);
  for (auto size : {ImVec2(1280, 800), ImVec2(390, 844), ImVec2(320, 240)}) {
    HeadlessImGui imgui(size.x, size.y);
    for (auto name : ui::viewNames()) {
      CAPTURE(name, size.x);
      state.view = *ui::viewFromName(name);
      imgui.frames(3, [&] { ui::drawFrame(state); });
      CHECK(state.errorText.empty());
    }
  }
}

TEST_CASE("the app opens its sample companies only on a new database") {
  TempDir dir;
  ui::AppState fresh;
  fresh.openStore(dir / "new.db", true);
  CHECK(fresh.profileCount() == 7);
  fresh.store->moveToBin(fresh.store->profiles()[0].id);
  ui::AppState again;
  again.openStore(dir / "new.db", true);
  CHECK(again.profileCount() == 6);  // an existing database never gets them again
}

TEST_CASE("a database that cannot be opened is shown, not crashed on") {
  TempDir dir;
  test::writeFile(dir / "junk.db", std::string(8192, 'j'));
  ui::AppState state;
  state.openStore(dir / "junk.db", true);
  CHECK_FALSE(state.store);
  CHECK(state.storeError.find("not a RoleFit database") != std::string::npos);
  HeadlessImGui imgui;
  imgui.frames(2, [&] { ui::drawFrame(state); });
}

TEST_CASE("Ctrl+Q asks to quit, the About box opens and closes with Escape") {
  TempDir dir;
  auto state = stateWithProfiles(dir, 3);
  HeadlessImGui imgui;
  imgui.frames(2, [&] { ui::drawFrame(state); });
  CHECK_FALSE(state.quitRequested);
  imgui.pressKey('Q', true, false, [&] { ui::drawFrame(state); });
  CHECK(state.quitRequested);  // the shortcut's Quit intent, applied after its frame

  state.emit(ui::intent::ShowAbout{});  // as the Help menu asks for it
  imgui.frames(2, [&] { ui::drawFrame(state); });
  CHECK(popupOpen(imgui, state, "About RoleFit"));
  imgui.pressKey(HeadlessImGui::kEscape, false, false, [&] { ui::drawFrame(state); });
  CHECK_FALSE(popupOpen(imgui, state, "About RoleFit"));
}

TEST_CASE("clicking the welcome panel's button opens the profiles") {
  TempDir dir;
  auto state = stateWithProfiles(dir, 3);
  state.view = ui::ViewId::Welcome;
  HeadlessImGui imgui;
  imgui.frames(2, [&] { ui::drawFrame(state); });
  // Find the button by walking down the column until a click switches view.
  bool switched = false;
  for (float y = 40; y < 700 && !switched; y += 6) {
    imgui.moveMouse(420, y);
    imgui.frame([&] { ui::drawFrame(state); });
    imgui.setMouseDown(true);
    imgui.frame([&] { ui::drawFrame(state); });
    imgui.setMouseDown(false);
    imgui.frame([&] { ui::drawFrame(state); });
    switched = state.view == ui::ViewId::Profiles;
  }
  CHECK(switched);
}

TEST_CASE("an error shows a modal until it is acknowledged") {
  TempDir dir;
  auto state = stateWithProfiles(dir, 0);
  state.showError("The file x.csv could not be read.");
  HeadlessImGui imgui;
  imgui.frames(2, [&] { ui::drawFrame(state); });
  CHECK(popupOpen(imgui, state, "Something went wrong"));
  imgui.pressKey(HeadlessImGui::kEnter, false, false, [&] { ui::drawFrame(state); });
  CHECK(state.errorText.empty());
}

TEST_CASE("the profiles table shows each profile's scores, ordered by name by default") {
  TempDir dir;
  auto state = stateWithProfiles(dir, 30);
  REQUIRE(state.profileList->complete());
  state.view = ui::ViewId::Profiles;
  for (auto width : {1280.0f, 390.0f}) {
    HeadlessImGui imgui(width, 800);
    imgui.frames(2, [&] { ui::drawFrame(state); });
  }
  // By name, as the store orders them.
  const auto stored = state.store->profiles();
  const auto& order = state.profilesView().order();
  REQUIRE(order.size() == stored.size());
  CHECK(state.profilesView().visibleRows() == order);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const ProfileLine& line = (*state.profileList)[order[i]];
    CHECK(line.id() == stored[i].id);
    CHECK(line.recommendation == score(stored[i], state.roleModels).recommendation);
  }
}

TEST_CASE("a damaged database offers its newest backup, and restoring keeps the damaged file") {
  TempDir dir;
  const auto path = dir / "rolefit.db";
  std::filesystem::copy_file(ROLEFIT_FIXTURES "/schema-v1.db", path);
  {
    Store store(path);  // migrates, leaving a backup of the schema-1 file
    store.saveAll(readProfilesCsv(test::generatedCsv(300)).profiles);
  }
  test::scribbleOverMiddlePage(path);

  ui::AppState state;
  state.openStore(path, true);
  REQUIRE_FALSE(state.store);
  CAPTURE(state.storeError);
  REQUIRE(state.storeBackups.size() == 1);
  CHECK(state.storeError.find("newest backup") != std::string::npos);
  HeadlessImGui imgui;
  imgui.frames(2, [&] { ui::drawFrame(state); });

  state.restoreNewestBackup();
  REQUIRE(state.store);
  CHECK(state.profileCount() == 6);  // the schema-1 backup's profiles, outside the bin
  bool keptDamaged = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    keptDamaged |= entry.path().filename().string().rfind("rolefit.db.damaged-", 0) == 0;
  CHECK(keptDamaged);
  imgui.frames(2, [&] { ui::drawFrame(state); });
}

TEST_CASE("an error while the views draw costs one frame and shows a modal, not the window") {
  TempDir dir;
  auto state = stateWithProfiles(dir, 3);
  state.view = ui::ViewId::Profiles;
  HeadlessImGui imgui(1280, 800);
  imgui.frames(2, [&] { ui::drawFrame(state); });
  // A line no store would give (an industry past the list's end) makes the
  // table's cell throw half-way through drawing its window.
  auto broken = std::make_shared<ProfileList>();
  broken->add("id-0", "Broken", "2026-01-01T00:00:00Z").industry = static_cast<Industry>(200);
  broken->index();
  state.setProfileList(broken);  // the view starts over with it
  imgui.frames(3, [&] { ui::drawFrame(state); });  // Dear ImGui's end-of-frame checks would abort here
  CHECK(state.errorText.find("could not be shown") != std::string::npos);

  SECTION("an intent that throws after the views is reported too") {
    state.errorText.clear();
    state.setProfileList(std::make_shared<ProfileList>());
    state.fileDialog = [](ui::FileChoice, const std::string&) -> ui::DialogAnswer {
      throw std::runtime_error("the desktop's file chooser crashed");
    };
    imgui.frame([&] {
      state.beginViews();
      state.emit(ui::intent::ChooseImportFile{});  // as a view emits it: applied after the views
      ui::drawFrame(state);
    });
    imgui.frames(2, [&] { ui::drawFrame(state); });
    CHECK(state.errorText.find("file chooser crashed") != std::string::npos);
  }
}
