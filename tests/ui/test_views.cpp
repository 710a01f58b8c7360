// The views in a headless Dear ImGui context: every view and state draws
// without an assert at laptop and phone sizes; clicks and keys produce the
// expected intents; undo restores the exact previous state.
#include <catch2/catch.hpp>

#include <imgui_internal.h>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/session/session.hpp"
#include "support/headless.hpp"
#include "support/support.hpp"
#include "support/test_app.hpp"

using namespace rolefit;
using rolefit::test::HeadlessImGui;
using rolefit::test::TempDir;
using rolefit::test::TestApp;

namespace {

void openSamples(TestApp& t, const TempDir& dir) {
  t.app.openStore(dir / "r.db", /*addSamplesIfNew=*/true);  // the seven samples and their session
  REQUIRE(t.state().storeOpen);
  REQUIRE(t.state().profileCount() == 7);
}

// What the form hands over when the user changes fields.
void editDraft(TestApp& t, const std::function<void(Profile&)>& change) {
  Profile draft = t.state().editor.draft;
  change(draft);
  t.emit(ui::intent::EditDraft{draft});
}

// Walks the mouse down a column, clicking, until `done` holds.
bool clickUntil(HeadlessImGui& imgui, TestApp& t, float x, float from, float to, const std::function<bool()>& done) {
  for (float y = from; y < to; y += 5) {
    imgui.click(x, y, t.drawer());
    if (done()) return true;
  }
  return false;
}

std::string sessionFile(const TempDir& dir, TestApp& t) {
  auto profiles = t.db().profiles();
  profiles[0].employees += 11;  // a conflict with the database
  profiles[1].notes = "Their notes";
  Profile extra = profiles[2];
  extra.id = "6f1e5c1a-8a2b-4c3d-9e4f-0a1b2c3d4e5f";
  extra.name = "Brand New Co";
  profiles.push_back(extra);
  const auto path = (dir / "theirs.json").string();
  exportSession(path, makeSession("Theirs", profiles, t.state().roleModels, "Sam"), SessionFormat::json);
  return path;
}

}  // namespace

TEST_CASE("every view and state draws at laptop and phone sizes", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  const std::string file = sessionFile(dir, t);
  for (auto size : {ImVec2(1280, 800), ImVec2(390, 844), ImVec2(320, 240)}) {
    CAPTURE(size.x, size.y);
    HeadlessImGui imgui(size.x, size.y);
    // Nothing chosen yet.
    for (auto name : ui::viewNames()) {
      t.emit(ui::intent::OpenView{*ui::viewFromName(name)});
      imgui.frames(3, t.drawer());
    }
    // With a profile open, several selected, a role copy in edit, an import preview.
    t.emit(ui::intent::OpenView{ui::ViewId::Editor});
    editDraft(t, [](Profile& p) { p.employees = -4; });  // invalid input, marked at the field
    imgui.frames(3, t.drawer());
    t.emit(ui::intent::RevertEditor{});
    t.emit(ui::intent::OpenView{ui::ViewId::Compare});
    imgui.frames(3, t.drawer());
    t.emit(ui::intent::SelectAll{state.idsOf(t.frame.profiles().order())});
    imgui.frames(3, t.drawer());
    CHECK(state.comparison.profiles.size() == 7);
    t.emit(ui::intent::CopyRoleModel{"cto"});
    REQUIRE(state.roleModelCopies.size() == 1);
    t.frame.roles().edit(state.roleModelCopies.front());
    t.emit(ui::intent::OpenView{ui::ViewId::Roles});
    imgui.frames(3, t.drawer());
    t.emit(ui::intent::PreviewImport{{file}});
    REQUIRE(state.importPlan);
    for (std::size_t i = 0; i < state.importPlan->items.size(); ++i)
      t.emit(ui::intent::ChooseConflict{i, ConflictChoice::pickFields});
    imgui.frames(3, t.drawer());
    t.emit(ui::intent::CancelImport{});
    t.emit(ui::intent::Undo{});  // the role copy
    t.emit(ui::intent::OpenView{ui::ViewId::Roles});
    imgui.frames(1, t.drawer());
    CHECK_FALSE(t.frame.roles().editing());  // the copy in edit went with it
    CHECK(state.errorText.empty());
  }
}

TEST_CASE("clicking a row selects it, Ctrl+click adds, Delete moves to the bin and Ctrl+Z brings back", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
  HeadlessImGui imgui;
  imgui.frames(3, t.drawer());
  REQUIRE(clickUntil(imgui, t, 200, 80, 300, [&] { return state.selection.ids().size() == 1; }));

  // The next row down, with Ctrl held: both selected.
  ImGui::GetIO().KeyCtrl = true;
  const bool added = clickUntil(imgui, t, 200, 80, 400, [&] { return state.selection.ids().size() == 2; });
  ImGui::GetIO().KeyCtrl = false;
  REQUIRE(added);

  const auto before = t.db().profiles();
  const std::vector<std::string> selected = state.selection.ids();
  // What the views asked for, frame by frame: Delete is one intent naming
  // both rows, then Ctrl+Z one undo.
  std::vector<ui::Intent> emitted;
  const auto recording = [&] {
    t.draw();
    emitted.insert(emitted.end(), t.app.lastFrameIntents().begin(), t.app.lastFrameIntents().end());
  };
  imgui.pressKey(HeadlessImGui::kDelete, false, false, recording);
  REQUIRE(emitted.size() == 1);
  REQUIRE(std::holds_alternative<ui::intent::DeleteProfiles>(emitted[0]));
  CHECK(std::get<ui::intent::DeleteProfiles>(emitted[0]).ids == selected);
  CHECK(state.profileCount() == 5);
  CHECK(t.db().bin().size() == 2);
  emitted.clear();
  imgui.pressKey('Z', true, false, recording);
  REQUIRE(emitted.size() == 1);
  CHECK(std::holds_alternative<ui::intent::Undo>(emitted[0]));
  REQUIRE(state.profileCount() == 7);
  const auto after = t.db().profiles();
  for (std::size_t i = 0; i < before.size(); ++i) CHECK(after[i].sameContent(before[i]));
  CHECK(state.selection.ids() == selected);  // the restored rows are selected again
  imgui.pressKey('Z', true, true, t.drawer());  // redo
  CHECK(state.profileCount() == 5);
}

TEST_CASE("double-clicking a row opens the editor, Ctrl+S saves, Ctrl+Z restores the exact previous state", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
  HeadlessImGui imgui;
  imgui.frames(3, t.drawer());
  bool opened = false;
  for (float y = 80; y < 300 && !opened; y += 5) {
    imgui.moveMouse(200, y);
    // A second between attempts: ImGui pairs a click with the one before it
    // when they are close in time, even at another place.
    ImGui::GetIO().DeltaTime = 1.0f;
    imgui.frame(t.drawer());
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    for (int click = 0; click < 2; ++click) {
      ImGui::GetIO().MouseDown[0] = true;
      imgui.frame(t.drawer());
      ImGui::GetIO().MouseDown[0] = false;
      imgui.frame(t.drawer());
    }
    opened = state.view == ui::ViewId::Editor;
  }
  REQUIRE(opened);
  REQUIRE(state.editor.open);
  const std::string id = state.editor.saved.id;
  const Profile before = *t.db().profile(id);

  editDraft(t, [&](Profile& p) {
    p.employees = before.employees + 123;
    p.notes = "Edited in a test";
  });
  CHECK(state.editor.dirty());
  imgui.pressKey('S', true, false, t.drawer());
  CHECK_FALSE(state.editor.dirty());
  CHECK(t.db().profile(id)->employees == before.employees + 123);
  CHECK(state.undoLabel == "Edit " + before.name);

  imgui.pressKey('Z', true, false, t.drawer());
  CHECK(t.db().profile(id)->sameContent(before));
  CHECK(state.editor.draft.sameContent(before));  // the open form follows
  imgui.pressKey('Y', true, false, t.drawer());  // redo
  CHECK(t.db().profile(id)->employees == before.employees + 123);
}

TEST_CASE("typing into the form reaches the app as the draft, and Revert puts the form back", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  const std::string id((*state.profileList)[0].id());
  t.emit(ui::intent::OpenEditor{id});
  HeadlessImGui imgui(1280, 800);
  imgui.frames(3, t.drawer());
  const std::string name = state.editor.saved.name;
  // The name field, found by its id (the field's key pushed, then "##name"
  // in the form's child window) under the mouse, then clicked into.
  ImGuiWindow* form = nullptr;
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
    if (std::string_view(w->Name).find("editor-form") != std::string_view::npos) form = w;
  REQUIRE(form);
  const ImGuiID nameField = ImHashStr("##name", 0, ImHashStr("name", 0, form->ID));
  bool over = false;
  float y = form->Pos.y;
  for (; y < form->Pos.y + 300 && !over; y += 3) {
    imgui.moveMouse(form->Pos.x + 60, y);
    imgui.frame(t.drawer());
    over = ImGui::GetCurrentContext()->HoveredId == nameField;
  }
  REQUIRE(over);
  imgui.click(form->Pos.x + 60, y - 3, t.drawer());
  REQUIRE(ImGui::GetIO().WantTextInput);
  ImGui::GetIO().AddInputCharactersUTF8("XYZ");
  imgui.frames(2, t.drawer());
  CHECK(state.editor.dirty());
  CHECK(state.editor.draft.name.find("XYZ") != std::string::npos);
  CHECK(state.editor.draft.id == id);
  imgui.click(0, 0, t.drawer());  // out of the field
  t.emit(ui::intent::RevertEditor{});
  imgui.frames(2, t.drawer());
  CHECK_FALSE(state.editor.dirty());
  CHECK(state.editor.draft.name == name);
  CHECK(state.editor.saved.name == name);
}

TEST_CASE("Ctrl+N, a name and Ctrl+S add a profile, invalid input is refused at the field", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  HeadlessImGui imgui;
  t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
  imgui.frames(2, t.drawer());
  imgui.pressKey('N', true, false, t.drawer());
  REQUIRE(state.view == ui::ViewId::Editor);
  REQUIRE(state.editor.isNew);

  editDraft(t, [](Profile& p) {
    p.name = "";
    p.tech_revenue_pct = 140;
  });
  imgui.pressKey('S', true, false, t.drawer());
  CHECK(state.profileCount() == 7);  // refused
  CHECK_FALSE(state.editor.problemOf("name").empty());
  CHECK_THAT(state.editor.problemOf("tech_revenue_pct"), Catch::Contains("100"));

  editDraft(t, [](Profile& p) {
    p.name = "Fresh Start Ltd";
    p.tech_revenue_pct = 40;
  });
  REQUIRE(state.editor.result);  // the live result appears once the form is valid
  imgui.pressKey('S', true, false, t.drawer());
  CHECK(state.profileCount() == 8);
  imgui.pressKey('Z', true, false, t.drawer());
  CHECK(state.profileCount() == 7);
  CHECK_FALSE(state.editor.open);  // the undone profile is no longer there to edit
}

TEST_CASE("closing with unsaved changes asks first", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  HeadlessImGui imgui;
  t.emit(ui::intent::OpenView{ui::ViewId::Editor});
  const std::string editing = state.editor.saved.id;
  editDraft(t, [](Profile& p) { p.notes = "not saved yet"; });
  imgui.pressKey('Q', true, false, t.drawer());
  CHECK(state.unsavedQuestion);
  CHECK_FALSE(state.quitting);
  CHECK(imgui.popupOpen("Unsaved changes", t.drawer()));
  imgui.pressKey(HeadlessImGui::kEscape, false, false, t.drawer());  // cancel
  CHECK_FALSE(state.unsavedQuestion);
  CHECK_FALSE(state.quitting);
  CHECK(state.editor.dirty());

  SECTION("Don't save: the window closes, nothing is stored") {
    t.emit(ui::intent::Quit{});
    t.emit(ui::intent::DiscardThenContinue{});
    CHECK(state.quitting);
    CHECK(t.db().profile(editing)->notes != "not saved yet");
  }
}

TEST_CASE("without a desktop dialog, Ctrl+O asks for the path in the app, then previews", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  const std::string file = sessionFile(dir, t);
  HeadlessImGui imgui;
  t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
  imgui.frames(2, t.drawer());
  imgui.pressKey('O', true, false, t.drawer());
  REQUIRE(state.pathPrompt.open);
  imgui.frames(2, t.drawer());  // the prompt appears and takes the keyboard
  CHECK(ImGui::GetIO().WantTextInput);
  ImGui::GetIO().AddInputCharactersUTF8(file.c_str());  // the user types the path
  imgui.frame(t.drawer());
  imgui.pressKey(HeadlessImGui::kEnter, false, false, t.drawer());
  CAPTURE(state.errorText);
  REQUIRE(state.importPlan);
  CHECK_FALSE(state.pathPrompt.open);
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
      t.emit(ui::intent::ChooseConflict{i, ConflictChoice::takeTheirs});
    } else {
      t.emit(ui::intent::ChooseConflict{i, ConflictChoice::pickFields});
      t.emit(ui::intent::TakeField{i, "notes", true});
      CHECK(items[i].takeFields == std::vector<std::string>{"notes"});
    }
  }
  t.emit(ui::intent::ChooseConflict{items.size(), ConflictChoice::keepBoth});  // past the end: dropped
  const auto takenId = t.db().profiles()[0].id;
  const auto employees = t.db().profiles()[0].employees;
  t.emit(ui::intent::ApplyImport{});
  CHECK_FALSE(state.importPlan);
  CHECK(state.profileCount() == 8);
  CHECK(t.db().profile(takenId)->employees == employees + 11);
  CHECK(t.db().findByIdOrName("Brand New Co").size() == 1);
  CHECK(state.sessions.size() == 2);
  CHECK(state.errorText.empty());
}

TEST_CASE("a hostile file dropped on the window is refused in a modal, nothing changes", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  const auto before = t.db().profiles();
  t.emit(ui::intent::PreviewImport{{std::string(ROLEFIT_SOURCE_DIR) + "/tests/hostile/enum-999.bin"}});
  CHECK_FALSE(state.importPlan);
  CHECK_THAT(state.errorText, Catch::Contains("enum-999.bin"));
  CHECK(t.db().profiles().size() == before.size());
  HeadlessImGui imgui;
  imgui.frames(2, t.drawer());
}

TEST_CASE("sessions: create from the selection, rename, delete, each undoable", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  const auto stored = t.db().profiles();
  t.emit(ui::intent::SelectAll{{stored[0].id, stored[1].id}});
  t.emit(ui::intent::CreateSessionFromSelection{"Board pack"});
  REQUIRE(state.sessions.size() == 2);
  const std::string id = state.currentSessionId;
  CHECK(state.currentSessionMembers.size() == 2);
  t.emit(ui::intent::RenameSession{id, "Board pack Q4"});
  CHECK(t.db().session(id)->name == "Board pack Q4");
  t.emit(ui::intent::DeleteSession{id});
  CHECK(state.sessions.size() == 1);
  t.emit(ui::intent::Undo{});  // the delete
  REQUIRE(t.db().session(id));
  CHECK(t.db().session(id)->name == "Board pack Q4");
  CHECK(t.db().sessionProfileIds(id).size() == 2);
  t.emit(ui::intent::Undo{});  // the rename
  CHECK(t.db().session(id)->name == "Board pack");
  t.emit(ui::intent::Undo{});  // the creation
  CHECK_FALSE(t.db().session(id));
}

TEST_CASE("a role-model copy in use changes the results and says so, undo puts the built-in back", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  const std::string builtin = state.roleModels.version;
  t.emit(ui::intent::CopyRoleModel{"cio"});
  REQUIRE(state.roleModelCopies.size() == 1);
  RoleModelCopy copy = state.roleModelCopies.front();
  copy.active = true;
  for (auto& w : copy.model.weights) w = 0.1;
  t.emit(ui::intent::SaveRoleModelCopy{copy});
  CHECK(state.roleModels.version != builtin);
  CHECK(state.roleModels.cio().weights[0] == Approx(0.1));
  t.emit(ui::intent::Undo{});
  CHECK(state.roleModels.version == builtin);
}

TEST_CASE("deleting the last rows from the toolbar draws the next frame from the new list", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  HeadlessImGui imgui;
  // The three rows drawn last: their indexes are past the end of the list
  // that remains, so a frame that kept drawing the old rows would read past it.
  t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
  imgui.frames(3, t.drawer());
  bool deleted = false;
  const auto stored = t.db().profiles();
  const std::vector<std::string> lastThree{stored[4].id, stored[5].id, stored[6].id};
  for (float y = 20; y < 120 && !deleted; y += 4)
    for (float x = 8; x < 600 && !deleted; x += 10) {
      // A click on Edit after one on New asks about the new profile: not this test's question.
      if (state.unsavedQuestion) t.emit(ui::intent::CancelUnsaved{});
      t.emit(ui::intent::SelectAll{lastThree});
      t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
      imgui.click(x, y, t.drawer());
      deleted = state.profileCount() == 4;
    }
  REQUIRE(deleted);
  imgui.frames(3, t.drawer());
  CHECK(state.errorText.empty());
  imgui.pressKey('Z', true, false, t.drawer());
  CHECK(state.profileCount() == 7);
}

TEST_CASE("opening another profile with unsaved changes asks: save, don't save or cancel", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  HeadlessImGui imgui;
  const std::string a = t.db().profiles()[0].id, b = t.db().profiles()[1].id;
  const Profile before = *t.db().profile(a);
  t.emit(ui::intent::OpenEditor{a});
  editDraft(t, [](Profile& p) { p.notes = "typed, not saved"; });

  t.emit(ui::intent::OpenEditor{b});
  CHECK(state.unsavedQuestion);
  CHECK(state.editor.saved.id == a);  // nothing lost while the question is open
  CHECK(imgui.popupOpen("Unsaved changes", t.drawer()));
  imgui.pressKey(HeadlessImGui::kEscape, false, false, t.drawer());  // cancel
  CHECK(state.editor.saved.id == a);
  CHECK(state.editor.dirty());

  t.emit(ui::intent::OpenEditor{b});
  t.emit(ui::intent::DiscardThenContinue{});  // "Don't save"
  CHECK(state.editor.saved.id == b);
  CHECK(t.db().profile(a)->sameContent(before));

  editDraft(t, [](Profile& p) { p.notes = "kept this time"; });
  t.emit(ui::intent::OpenEditor{a});
  t.emit(ui::intent::SaveThenContinue{});  // "Save"
  CHECK_FALSE(state.unsavedQuestion);
  CHECK(t.db().profile(b)->notes == "kept this time");
  CHECK(state.editor.saved.id == a);
}

TEST_CASE("intents emitted while the views draw run after them, in order, outside a frame at once", "[views]") {
  TempDir dir;
  TestApp t;
  openSamples(t, dir);
  const ui::AppState& state = t.state();
  HeadlessImGui imgui;
  const std::string first = t.db().profiles()[0].id, second = t.db().profiles()[1].id;
  imgui.frame([&] {
    t.app.beginFrame(ImGui::GetTime());
    const ProfileList* rows = state.profileList.get();
    t.emit(ui::intent::DeleteProfiles{{first}});
    t.emit(ui::intent::Select{second, false});
    // What a view loops over stays as it was until the views are done.
    CHECK(state.profileCount() == 7);
    CHECK(state.profileList.get() == rows);
    CHECK(state.selection.ids().empty());
    t.app.endFrame();
    CHECK(state.profileCount() == 6);
    CHECK_FALSE(state.lineById(first));
    CHECK(state.selection.ids() == std::vector<std::string>{second});
  });
  REQUIRE(t.app.lastFrameIntents().size() == 2);
  CHECK(std::holds_alternative<ui::intent::DeleteProfiles>(t.app.lastFrameIntents()[0]));
  CHECK(std::holds_alternative<ui::intent::Select>(t.app.lastFrameIntents()[1]));
  t.emit(ui::intent::Undo{});  // outside a frame: applied at once
  CHECK(state.profileCount() == 7);
  CHECK(state.lineById(first));
}
