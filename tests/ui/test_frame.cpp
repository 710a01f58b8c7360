// The app's frame and views in a headless Dear ImGui context.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include "rolefit/csv/profiles_csv.hpp"
#include "support/headless.hpp"
#include "support/support.hpp"
#include "support/test_app.hpp"

using namespace rolefit;
using rolefit::test::HeadlessImGui;
using rolefit::test::TempDir;
using rolefit::test::TestApp;

namespace {
void openWithProfiles(TestApp& t, const TempDir& dir, std::size_t count) {
  if (count > 0) Store(dir / "r.db").saveAll(readProfilesCsv(test::generatedCsv(count)).profiles);
  t.app.openStore(dir / "r.db", /*addSamplesIfNew=*/false);
  REQUIRE(t.state().storeOpen);
  t.app.waitForProfiles();
  REQUIRE(t.state().profileCount() == count);
}

bool popupOpen(HeadlessImGui& imgui, TestApp& t, const char* name) { return imgui.popupOpen(name, t.drawer()); }
}  // namespace

TEST_CASE("every view draws without tripping an ImGui assert, at laptop and phone sizes") {
  TempDir dir;
  TestApp t;
  openWithProfiles(t, dir, 40);
  for (auto size : {ImVec2(1280, 800), ImVec2(390, 844), ImVec2(320, 240)}) {
    HeadlessImGui imgui(size.x, size.y);
    for (auto name : ui::viewNames()) {
      CAPTURE(name, size.x);
      t.emit(ui::intent::OpenView{*ui::viewFromName(name)});
      imgui.frames(3, t.drawer());
      CHECK(t.state().errorText.empty());
    }
  }
}

TEST_CASE("the app opens its sample companies only on a new database") {
  TempDir dir;
  ui::Controller fresh;
  fresh.openStore(dir / "new.db", true);
  CHECK(fresh.state().profileCount() == 7);
  fresh.emit(ui::intent::DeleteProfiles{{std::string((*fresh.state().profileList)[0].id())}});
  ui::Controller again;
  again.openStore(dir / "new.db", true);
  CHECK(again.state().profileCount() == 6);  // an existing database never gets them again
}

TEST_CASE("a database that cannot be opened is shown, not crashed on") {
  TempDir dir;
  test::writeFile(dir / "junk.db", std::string(8192, 'j'));
  TestApp t;
  t.app.openStore(dir / "junk.db", true);
  CHECK_FALSE(t.state().storeOpen);
  CHECK(t.state().storeError.find("not a RoleFit database") != std::string::npos);
  HeadlessImGui imgui;
  imgui.frames(2, t.drawer());
}

TEST_CASE("Ctrl+Q asks to quit, the About box opens and closes with Escape") {
  TempDir dir;
  TestApp t;
  openWithProfiles(t, dir, 3);
  HeadlessImGui imgui;
  imgui.frames(2, t.drawer());
  CHECK_FALSE(t.state().quitting);
  imgui.pressKey('Q', true, false, t.drawer());
  CHECK(t.state().quitting);  // the shortcut's Quit intent, applied after its frame (nothing unsaved)

  t.emit(ui::intent::ShowAbout{});  // as the Help menu asks for it
  imgui.frames(2, t.drawer());
  CHECK(popupOpen(imgui, t, "About RoleFit"));
  imgui.pressKey(HeadlessImGui::kEscape, false, false, t.drawer());
  CHECK_FALSE(popupOpen(imgui, t, "About RoleFit"));
  CHECK_FALSE(t.state().aboutOpen);
}

TEST_CASE("clicking the welcome panel's button opens the profiles") {
  TempDir dir;
  TestApp t;
  openWithProfiles(t, dir, 3);
  REQUIRE(t.state().view == ui::ViewId::Welcome);
  HeadlessImGui imgui;
  imgui.frames(2, t.drawer());
  // Find the button by walking down the column until a click switches view.
  bool switched = false;
  for (float y = 40; y < 700 && !switched; y += 6) {
    imgui.moveMouse(420, y);
    imgui.frame(t.drawer());
    imgui.setMouseDown(true);
    imgui.frame(t.drawer());
    imgui.setMouseDown(false);
    imgui.frame(t.drawer());
    switched = t.state().view == ui::ViewId::Profiles;
  }
  CHECK(switched);
}

TEST_CASE("an error shows a modal until it is acknowledged") {
  TempDir dir;
  TestApp t;
  openWithProfiles(t, dir, 0);
  t.app.reportError("The file x.csv could not be read.");
  HeadlessImGui imgui;
  imgui.frames(2, t.drawer());
  CHECK(popupOpen(imgui, t, "Something went wrong"));
  imgui.pressKey(HeadlessImGui::kEnter, false, false, t.drawer());
  CHECK(t.state().errorText.empty());
}

TEST_CASE("the profiles table shows each profile's scores, ordered by name by default") {
  TempDir dir;
  TestApp t;
  openWithProfiles(t, dir, 30);
  const ui::AppState& state = t.state();
  REQUIRE(state.profileList->complete());
  t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
  for (auto width : {1280.0f, 390.0f}) {
    HeadlessImGui imgui(width, 800);
    imgui.frames(2, t.drawer());
  }
  // By name, as the store orders them.
  const auto stored = t.db().profiles();
  const auto& order = t.frame.profiles().order();
  REQUIRE(order.size() == stored.size());
  CHECK(t.frame.profiles().visibleRows() == order);
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

  TestApp t;
  t.app.openStore(path, true);
  const ui::AppState& state = t.state();
  REQUIRE_FALSE(state.storeOpen);
  CAPTURE(state.storeError);
  REQUIRE(state.storeBackups.size() == 1);
  CHECK(state.storeError.find("newest backup") != std::string::npos);
  HeadlessImGui imgui;
  imgui.frames(2, t.drawer());

  t.emit(ui::intent::RestoreNewestBackup{});  // the button under the message
  REQUIRE(state.storeOpen);
  CHECK(state.profileCount() == 6);  // the schema-1 backup's profiles, outside the bin
  bool keptDamaged = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    keptDamaged |= entry.path().filename().string().rfind("rolefit.db.damaged-", 0) == 0;
  CHECK(keptDamaged);
  imgui.frames(2, t.drawer());
}

TEST_CASE("an error while the views draw costs one frame and shows a modal, not the window") {
  TempDir dir;
  TestApp t;
  openWithProfiles(t, dir, 3);
  t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
  HeadlessImGui imgui(1280, 800);
  imgui.frames(2, t.drawer());
  // A line no store would give (an industry past the list's end) makes the
  // table's cell throw half-way through drawing its window. The views draw
  // plain data, so the test hands them such a state directly.
  ui::AppState broken = t.state();
  auto list = std::make_shared<ProfileList>();
  list->add("id-0", "Broken", "2026-01-01T00:00:00Z").industry = static_cast<Industry>(200);
  list->index();
  broken.profileList = list;
  ++broken.listGeneration;  // the view starts over with it
  test::RecordedIntents recorded;
  std::optional<std::string> failure;
  // Dear ImGui's end-of-frame checks would abort here if the view's open windows were left open.
  for (int i = 0; i < 3; ++i) imgui.frame([&] { failure = t.frame.drawViews(broken, recorded.emitter()); });
  REQUIRE(failure);
  CHECK(failure->find("could not be shown") != std::string::npos);
  // Through the app, the failure becomes the error modal.
  t.app.reportError(*failure);
  imgui.frames(2, t.drawer());
  CHECK(popupOpen(imgui, t, "Something went wrong"));

  SECTION("an intent that throws after the views is reported too") {
    t.emit(ui::intent::DismissError{});
    t.app.setFileDialog([](ui::FileChoice, const std::string&) -> ui::DialogAnswer {
      throw std::runtime_error("the desktop's file chooser crashed");
    });
    imgui.frame([&] {
      t.app.beginFrame(ImGui::GetTime());
      t.emit(ui::intent::ChooseImportFile{});  // as a view emits it: applied after the views
      t.app.endFrame();
    });
    imgui.frames(2, t.drawer());
    CHECK(t.state().errorText.find("file chooser crashed") != std::string::npos);
  }
}

TEST_CASE("where the app cannot close its window (a browser page), Quit is neither offered nor done") {
  TempDir dir;
  TestApp t;
  openWithProfiles(t, dir, 3);
  t.app.setCanQuit(false);
  HeadlessImGui imgui;
  imgui.frames(2, t.drawer());
  imgui.pressKey('Q', true, false, t.drawer());
  t.emit(ui::intent::Quit{});
  CHECK_FALSE(t.state().quitting);
  CHECK_FALSE(t.state().unsavedQuestion);
}

TEST_CASE("File > Export a report writes the current profile's report where the file dialog says") {
  TempDir dir;
  TestApp t;
  openWithProfiles(t, dir, 3);
  std::vector<std::string> suggested;
  t.app.setFileDialog([&](ui::FileChoice choice, const std::string& suggestion) -> ui::DialogAnswer {
    REQUIRE(choice == ui::FileChoice::ExportReport);
    suggested.push_back(suggestion);
    return {true, (dir / suggestion).string()};
  });
  // No current profile: there is nothing to report on, and nothing is asked.
  t.emit(ui::intent::ChooseReportFile{ReportFormat::Html});
  CHECK(suggested.empty());

  const Profile profile = t.db().profiles()[1];
  const std::string plainPart = profile.name.substr(0, profile.name.find('"'));  // quotes are escaped in HTML and CSV
  REQUIRE(plainPart.size() > 8);
  t.emit(ui::intent::Select{profile.id, false});
  t.emit(ui::intent::ChooseReportFile{ReportFormat::Html});
  REQUIRE(suggested.size() == 1);
  std::string fileName = profile.name + " - RoleFit report.html";
  std::replace(fileName.begin(), fileName.end(), '"', '-');  // no quotes in a Windows file name
  CHECK(suggested[0] == fileName);
  const std::string html = test::readFile(dir / suggested[0]);
  CHECK(html.find("<html") != std::string::npos);
  CHECK(html.find(plainPart) != std::string::npos);
  REQUIRE_FALSE(t.state().toasts.empty());
  CHECK(t.state().toasts.back().text.find("Wrote the report on " + profile.name) == 0);

  SECTION("Markdown and CSV, by the file's own extension") {
    t.emit(ui::intent::ChooseReportFile{ReportFormat::Markdown});
    t.emit(ui::intent::ChooseReportFile{ReportFormat::Csv});
    REQUIRE(suggested.size() == 3);
    CHECK(test::readFile(dir / suggested[1]).starts_with("# "));
    CHECK(suggested[2].ends_with(".csv"));
    CHECK(test::readFile(dir / suggested[2]).find(plainPart) != std::string::npos);
  }
  SECTION("in the editor, on the profile as saved, not the unsaved draft") {
    t.emit(ui::intent::OpenEditor{profile.id});
    Profile draft = t.state().editor.draft;
    draft.name = "Renamed but not saved";
    t.emit(ui::intent::EditDraft{draft});
    t.emit(ui::intent::ChooseReportFile{ReportFormat::Markdown});
    REQUIRE(suggested.size() == 2);
    const std::string md = test::readFile(dir / suggested[1]);
    CHECK(md.find(profile.name) != std::string::npos);
    CHECK(md.find("Renamed but not saved") == std::string::npos);
  }
}

TEST_CASE("a window that opens its database after its first frame says so meanwhile (the browser's start)") {
  TempDir dir;
  TestApp t;
  t.app.willOpenStore(dir / "r.db");
  CHECK(t.state().storeOpening);
  CHECK_FALSE(t.state().storeOpen);
  HeadlessImGui imgui(390, 844);
  imgui.frames(2, t.drawer());  // "Opening your profiles...": no error, no assert
  CHECK(t.state().storeError.empty());
  t.app.openStore(dir / "r.db", /*addSamplesIfNew=*/true);
  CHECK_FALSE(t.state().storeOpening);
  CHECK(t.state().storeOpen);
  t.app.waitForProfiles();
  CHECK(t.state().profileCount() == 7);
  imgui.frames(2, t.drawer());
}
