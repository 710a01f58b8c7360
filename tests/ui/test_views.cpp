// The views in a headless Dear ImGui context: every view and state draws
// without an assert at laptop and phone sizes; clicks and keys produce the
// expected commands; undo restores the exact previous state.
#include <catch2/catch.hpp>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/session/session.hpp"
#include "support/headless.hpp"
#include "support/support.hpp"
#include "ui/app_state.hpp"
#include "ui/frame.hpp"
#include "ui/views/profiles_view.hpp"

using namespace rolefit;
using rolefit::test::HeadlessImGui;
using rolefit::test::TempDir;

namespace {

ui::AppState sampleState(const TempDir& dir) {
  ui::AppState state;
  state.openStore(dir / "r.db", /*addSamplesIfNew=*/true);  // the seven samples and their session
  REQUIRE(state.store);
  REQUIRE(state.profileCount() == 7);
  return state;
}

auto drawer(ui::AppState& state) {
  return [&state] { ui::drawFrame(state); };
}

// Walks the mouse down a column, clicking, until `done` holds.
bool clickUntil(HeadlessImGui& imgui, ui::AppState& state, float x, float from, float to,
                const std::function<bool()>& done) {
  for (float y = from; y < to; y += 5) {
    imgui.click(x, y, drawer(state));
    if (done()) return true;
  }
  return false;
}

std::string sessionFile(const TempDir& dir, ui::AppState& state) {
  auto profiles = state.store->profiles();
  profiles[0].employees += 11;  // a conflict with the database
  profiles[1].notes = "Their notes";
  Profile extra = profiles[2];
  extra.id = "6f1e5c1a-8a2b-4c3d-9e4f-0a1b2c3d4e5f";
  extra.name = "Brand New Co";
  profiles.push_back(extra);
  const auto path = (dir / "theirs.json").string();
  exportSession(path, makeSession("Theirs", profiles, state.roleModels, "Sam"), SessionFormat::json);
  return path;
}

}  // namespace

TEST_CASE("every view and state draws at laptop and phone sizes", "[views]") {
  TempDir dir;
  auto state = sampleState(dir);
  const std::string file = sessionFile(dir, state);
  for (auto size : {ImVec2(1280, 800), ImVec2(390, 844), ImVec2(320, 240)}) {
    CAPTURE(size.x, size.y);
    HeadlessImGui imgui(size.x, size.y);
    // Nothing chosen yet.
    for (auto name : ui::viewNames()) {
      state.view = *ui::viewFromName(name);
      imgui.frames(3, drawer(state));
    }
    // With a profile open, several selected, a role copy in edit, an import preview.
    state.openView(ui::ViewId::Editor);
    state.editor.draft.employees = -4;  // invalid input, marked at the field
    state.refreshEditor();
    imgui.frames(3, drawer(state));
    state.revertEditor();
    state.openView(ui::ViewId::Compare);
    imgui.frames(3, drawer(state));
    state.selectAll(state.profilesView().order());
    imgui.frames(3, drawer(state));
    state.copyRoleModel("cto");
    REQUIRE(state.roleModelCopies.size() == 1);
    state.roleDraft = state.roleModelCopies.front();
    state.view = ui::ViewId::Roles;
    imgui.frames(3, drawer(state));
    state.previewImport({file});
    REQUIRE(state.importPlan);
    for (auto& item : state.importPlan->items) item.choice = ConflictChoice::pickFields;
    imgui.frames(3, drawer(state));
    state.cancelImport();
    state.roleDraft.reset();
    state.undo();  // the role copy
    CHECK(state.errorText.empty());
  }
}

TEST_CASE("clicking a row selects it, Ctrl+click adds, Delete moves to the bin and Ctrl+Z brings back", "[views]") {
  TempDir dir;
  auto state = sampleState(dir);
  state.view = ui::ViewId::Profiles;
  HeadlessImGui imgui;
  imgui.frames(3, drawer(state));
  REQUIRE(clickUntil(imgui, state, 200, 80, 300, [&] { return state.selection().size() == 1; }));
  const std::string first = state.selection().front();

  // The next row down, with Ctrl held: both selected.
  ImGui::GetIO().KeyCtrl = true;
  const bool added = clickUntil(imgui, state, 200, 80, 400, [&] { return state.selection().size() == 2; });
  ImGui::GetIO().KeyCtrl = false;
  REQUIRE(added);

  const auto before = state.store->profiles();
  const std::vector<std::string> selected = state.selection();
  // What the views asked for, frame by frame: Delete is one intent naming
  // both rows, then Ctrl+Z one undo.
  std::vector<ui::Intent> emitted;
  const auto recording = [&] {
    ui::drawFrame(state);
    emitted.insert(emitted.end(), state.lastFrameIntents.begin(), state.lastFrameIntents.end());
  };
  imgui.pressKey(HeadlessImGui::kDelete, false, false, recording);
  REQUIRE(emitted.size() == 1);
  REQUIRE(std::holds_alternative<ui::intent::DeleteProfiles>(emitted[0]));
  CHECK(std::get<ui::intent::DeleteProfiles>(emitted[0]).ids == selected);
  CHECK(state.profileCount() == 5);
  CHECK(state.store->bin().size() == 2);
  emitted.clear();
  imgui.pressKey('Z', true, false, recording);
  REQUIRE(emitted.size() == 1);
  CHECK(std::holds_alternative<ui::intent::Undo>(emitted[0]));
  REQUIRE(state.profileCount() == 7);
  const auto after = state.store->profiles();
  for (std::size_t i = 0; i < before.size(); ++i) CHECK(after[i].sameContent(before[i]));
  CHECK(state.selection().size() == 2);  // the restored rows are selected again
  imgui.pressKey('Z', true, true, drawer(state));  // redo
  CHECK(state.profileCount() == 5);
  (void)first;
}

TEST_CASE("double-clicking a row opens the editor, Ctrl+S saves, Ctrl+Z restores the exact previous state", "[views]") {
  TempDir dir;
  auto state = sampleState(dir);
  state.view = ui::ViewId::Profiles;
  HeadlessImGui imgui;
  imgui.frames(3, drawer(state));
  bool opened = false;
  for (float y = 80; y < 300 && !opened; y += 5) {
    imgui.moveMouse(200, y);
    // A second between attempts: ImGui pairs a click with the one before it
    // when they are close in time, even at another place.
    ImGui::GetIO().DeltaTime = 1.0f;
    imgui.frame(drawer(state));
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    for (int click = 0; click < 2; ++click) {
      ImGui::GetIO().MouseDown[0] = true;
      imgui.frame(drawer(state));
      ImGui::GetIO().MouseDown[0] = false;
      imgui.frame(drawer(state));
    }
    opened = state.view == ui::ViewId::Editor;
  }
  REQUIRE(opened);
  REQUIRE(state.editor.open);
  const std::string id = state.editor.saved.id;
  const Profile before = *state.store->profile(id);

  state.editor.draft.employees = before.employees + 123;
  state.editor.draft.notes = "Edited in a test";
  state.refreshEditor();
  CHECK(state.editor.dirty());
  imgui.pressKey('S', true, false, drawer(state));
  CHECK_FALSE(state.editor.dirty());
  CHECK(state.store->profile(id)->employees == before.employees + 123);
  CHECK(state.undoStack.undoLabel() == "Edit " + before.name);

  imgui.pressKey('Z', true, false, drawer(state));
  CHECK(state.store->profile(id)->sameContent(before));
  CHECK(state.editor.draft.sameContent(before));  // the open form follows
  imgui.pressKey('Y', true, false, drawer(state));  // redo
  CHECK(state.store->profile(id)->employees == before.employees + 123);
}

TEST_CASE("Ctrl+N, a name and Ctrl+S add a profile, invalid input is refused at the field", "[views]") {
  TempDir dir;
  auto state = sampleState(dir);
  HeadlessImGui imgui;
  state.view = ui::ViewId::Profiles;
  imgui.frames(2, drawer(state));
  imgui.pressKey('N', true, false, drawer(state));
  REQUIRE(state.view == ui::ViewId::Editor);
  REQUIRE(state.editor.isNew);

  state.editor.draft.name = "";
  state.editor.draft.tech_revenue_pct = 140;
  state.refreshEditor();
  imgui.pressKey('S', true, false, drawer(state));
  CHECK(state.profileCount() == 7);  // refused
  CHECK_FALSE(state.editor.problemOf("name").empty());
  CHECK_THAT(state.editor.problemOf("tech_revenue_pct"), Catch::Contains("100"));

  state.editor.draft.name = "Fresh Start Ltd";
  state.editor.draft.tech_revenue_pct = 40;
  state.refreshEditor();
  REQUIRE(state.editor.result);  // the live result appears once the form is valid
  imgui.pressKey('S', true, false, drawer(state));
  CHECK(state.profileCount() == 8);
  imgui.pressKey('Z', true, false, drawer(state));
  CHECK(state.profileCount() == 7);
  CHECK_FALSE(state.editor.open);  // the undone profile is no longer there to edit
}

TEST_CASE("closing with unsaved changes asks first", "[views]") {
  TempDir dir;
  auto state = sampleState(dir);
  HeadlessImGui imgui;
  state.openView(ui::ViewId::Editor);
  state.editor.draft.notes = "not saved yet";
  state.refreshEditor();
  imgui.pressKey('Q', true, false, drawer(state));
  CHECK(state.askUnsaved);
  CHECK_FALSE(state.quitConfirmed);
  CHECK(imgui.popupOpen("Unsaved changes", drawer(state)));
  imgui.pressKey(HeadlessImGui::kEscape, false, false, drawer(state));  // cancel
  CHECK_FALSE(state.askUnsaved);
  CHECK_FALSE(state.quitConfirmed);
  CHECK(state.editor.dirty());
}

TEST_CASE("without a desktop dialog, Ctrl+O asks for the path in the app, then previews", "[views]") {
  TempDir dir;
  auto state = sampleState(dir);
  const std::string file = sessionFile(dir, state);
  HeadlessImGui imgui;
  state.view = ui::ViewId::Profiles;
  imgui.frames(2, drawer(state));
  imgui.pressKey('O', true, false, drawer(state));
  REQUIRE(state.pathPrompt.open);
  imgui.frames(2, drawer(state));  // the prompt appears and takes the keyboard
  CHECK(ImGui::GetIO().WantTextInput);
  ImGui::GetIO().AddInputCharactersUTF8(file.c_str());  // the user types the path
  imgui.frame(drawer(state));
  imgui.pressKey(HeadlessImGui::kEnter, false, false, drawer(state));
  CAPTURE(state.pathPrompt.path, state.errorText);
  REQUIRE(state.importPlan);
  CHECK(state.view == ui::ViewId::Session);
  CHECK(state.importPlan->count(ImportStatus::added) == 1);
  CHECK(state.importPlan->count(ImportStatus::conflict) == 2);
  CHECK(state.recentFiles.front() == file);

  // Per profile, as the preview's controls ask for it: take theirs for the
  // first conflict, pick the notes field for the second.
  const auto& items = state.importPlan->items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].status != ImportStatus::conflict) continue;
    if (items[i].differences.front().field == "employees") {
      state.emit(ui::intent::ChooseConflict{i, ConflictChoice::takeTheirs});
    } else {
      state.emit(ui::intent::ChooseConflict{i, ConflictChoice::pickFields});
      state.emit(ui::intent::TakeField{i, "notes", true});
      CHECK(items[i].takeFields == std::vector<std::string>{"notes"});
    }
  }
  state.emit(ui::intent::ChooseConflict{items.size(), ConflictChoice::keepBoth});  // past the end: dropped
  const auto takenId = state.store->profiles()[0].id;
  const auto employees = state.store->profiles()[0].employees;
  state.applyImport();
  CHECK_FALSE(state.importPlan);
  CHECK(state.profileCount() == 8);
  CHECK(state.profileById(takenId)->employees == employees + 11);
  CHECK(state.store->findByIdOrName("Brand New Co").size() == 1);
  CHECK(state.sessions.size() == 2);
  CHECK(state.errorText.empty());
}

TEST_CASE("a hostile file dropped on the window is refused in a modal, nothing changes", "[views]") {
  TempDir dir;
  auto state = sampleState(dir);
  const auto before = state.store->profiles();
  state.filesDropped({std::string(ROLEFIT_SOURCE_DIR) + "/tests/hostile/enum-999.bin"});
  CHECK_FALSE(state.importPlan);
  CHECK_THAT(state.errorText, Catch::Contains("enum-999.bin"));
  CHECK(state.store->profiles().size() == before.size());
  HeadlessImGui imgui;
  imgui.frames(2, drawer(state));
}

TEST_CASE("sessions: create from the selection, rename, delete, each undoable", "[views]") {
  TempDir dir;
  auto state = sampleState(dir);
  state.emit(ui::intent::SelectAll{{state.store->profiles()[0].id, state.store->profiles()[1].id}});
  state.createSessionFromSelection("Board pack");
  REQUIRE(state.sessions.size() == 2);
  const std::string id = state.currentSessionId;
  CHECK(state.sessionMembers(id).size() == 2);
  state.renameSession(id, "Board pack Q4");
  CHECK(state.store->session(id)->name == "Board pack Q4");
  state.deleteSession(id);
  CHECK(state.sessions.size() == 1);
  state.undo();  // the delete
  REQUIRE(state.store->session(id));
  CHECK(state.store->session(id)->name == "Board pack Q4");
  CHECK(state.sessionMembers(id).size() == 2);
  state.undo();  // the rename
  CHECK(state.store->session(id)->name == "Board pack");
  state.undo();  // the creation
  CHECK_FALSE(state.store->session(id));
}

TEST_CASE("a role-model copy in use changes the results and says so, undo puts the built-in back", "[views]") {
  TempDir dir;
  auto state = sampleState(dir);
  const std::string builtin = state.roleModels.version;
  state.copyRoleModel("cio");
  REQUIRE(state.roleModelCopies.size() == 1);
  RoleModelCopy copy = state.roleModelCopies.front();
  copy.active = true;
  for (auto& w : copy.model.weights) w = 0.1;
  state.saveRoleModelCopy(copy);
  CHECK(state.roleModels.version != builtin);
  CHECK(state.roleModels.cio().weights[0] == Approx(0.1));
  state.undo();
  CHECK(state.roleModels.version == builtin);
}

TEST_CASE("deleting the last rows from the toolbar draws the next frame from the new list", "[views]") {
  TempDir dir;
  auto state = sampleState(dir);
  HeadlessImGui imgui;
  // The three rows drawn last: their indexes are past the end of the list
  // that remains, so a frame that kept drawing the old rows would read past it.
  state.view = ui::ViewId::Profiles;
  imgui.frames(3, drawer(state));
  bool deleted = false;
  const auto stored = state.store->profiles();
  const std::vector<std::string> lastThree{stored[4].id, stored[5].id, stored[6].id};
  for (float y = 20; y < 120 && !deleted; y += 4)
    for (float x = 8; x < 600 && !deleted; x += 10) {
      state.emit(ui::intent::SelectAll{lastThree});
      state.view = ui::ViewId::Profiles;
      state.editor = ui::EditorState{};
      imgui.click(x, y, drawer(state));
      deleted = state.profileCount() == 4;
    }
  REQUIRE(deleted);
  imgui.frames(3, drawer(state));
  CHECK(state.errorText.empty());
  imgui.pressKey('Z', true, false, drawer(state));
  CHECK(state.profileCount() == 7);
}

TEST_CASE("opening another profile with unsaved changes asks: save, don't save or cancel", "[views]") {
  TempDir dir;
  auto state = sampleState(dir);
  HeadlessImGui imgui;
  const std::string a = state.store->profiles()[0].id, b = state.store->profiles()[1].id;
  const Profile before = *state.store->profile(a);
  state.openEditor(a);
  state.editor.draft.notes = "typed, not saved";
  state.refreshEditor();

  state.openEditor(b);
  CHECK(state.askUnsaved);
  CHECK(state.editor.saved.id == a);  // nothing lost while the question is open
  CHECK(imgui.popupOpen("Unsaved changes", drawer(state)));
  imgui.pressKey(HeadlessImGui::kEscape, false, false, drawer(state));  // cancel
  CHECK(state.editor.saved.id == a);
  CHECK(state.editor.dirty());

  state.openEditor(b);
  state.discardThenContinue();  // "Don't save"
  CHECK(state.editor.saved.id == b);
  CHECK(state.store->profile(a)->sameContent(before));

  state.editor.draft.notes = "kept this time";
  state.refreshEditor();
  state.openEditor(a);
  state.saveThenContinue();  // "Save"
  CHECK_FALSE(state.askUnsaved);
  CHECK(state.store->profile(b)->notes == "kept this time");
  CHECK(state.editor.saved.id == a);
}

TEST_CASE("intents called while the views draw run after them, in order, outside a frame at once", "[views]") {
  TempDir dir;
  auto state = sampleState(dir);
  HeadlessImGui imgui;
  const std::string first = state.store->profiles()[0].id, second = state.store->profiles()[1].id;
  imgui.frame([&] {
    state.beginViews();
    const ProfileList* rows = state.profileList.get();
    state.emit(ui::intent::DeleteProfiles{{first}});
    state.emit(ui::intent::Select{second, false});
    // What a view loops over stays as it was until the views are done.
    CHECK(state.profileCount() == 7);
    CHECK(state.profileList.get() == rows);
    CHECK(state.selection().empty());
    state.runQueuedIntents();
    CHECK(state.profileCount() == 6);
    CHECK_FALSE(state.lineById(first));
    CHECK(state.selection() == std::vector<std::string>{second});
  });
  REQUIRE(state.lastFrameIntents.size() == 2);
  CHECK(std::holds_alternative<ui::intent::DeleteProfiles>(state.lastFrameIntents[0]));
  CHECK(std::holds_alternative<ui::intent::Select>(state.lastFrameIntents[1]));
  state.emit(ui::intent::Undo{});  // outside a frame: applied at once
  CHECK(state.profileCount() == 7);
  CHECK(state.lineById(first));
}
