// Drawing shortcuts taken for the profiles table's speed, checked against
// what Dear ImGui draws or measures itself.
#include <catch2/catch.hpp>

#include <cmath>

#include <SQLiteCpp/Database.h>
#include <imgui_internal.h>

#include "support/headless.hpp"
#include "support/support.hpp"
#include "support/test_app.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"

using namespace rolefit;
using rolefit::test::HeadlessImGui;
using rolefit::test::TempDir;
using rolefit::test::TestApp;

namespace {

struct Geometry {
  std::vector<ImDrawVert> vertices;
  std::vector<unsigned> indices;  // relative to the first vertex
};

template <typename Draw>
Geometry capture(ImDrawList* list, Draw draw) {
  const int firstVertex = list->VtxBuffer.Size;
  const int firstIndex = list->IdxBuffer.Size;
  const unsigned base = list->_VtxCurrentIdx;
  draw();
  Geometry g;
  for (int i = firstVertex; i < list->VtxBuffer.Size; ++i) g.vertices.push_back(list->VtxBuffer[i]);
  for (int i = firstIndex; i < list->IdxBuffer.Size; ++i) g.indices.push_back(list->IdxBuffer[i] - base);
  return g;
}

void requireSame(const Geometry& a, const Geometry& b) {
  REQUIRE(a.vertices.size() == b.vertices.size());
  REQUIRE(a.indices == b.indices);
  for (std::size_t i = 0; i < a.vertices.size(); ++i) {
    // Moved rather than built in place: float rounding, a thousandth of a pixel.
    CHECK(a.vertices[i].pos.x == Approx(b.vertices[i].pos.x).margin(1e-3));
    CHECK(a.vertices[i].pos.y == Approx(b.vertices[i].pos.y).margin(1e-3));
    CHECK(a.vertices[i].uv.x == b.vertices[i].uv.x);
    CHECK(a.vertices[i].uv.y == b.vertices[i].uv.y);
    CHECK(a.vertices[i].col == b.vertices[i].col);
  }
}

}  // namespace

TEST_CASE("a copied structure badge is exactly the badge Dear ImGui tessellates", "[widgets]") {
  HeadlessImGui imgui;
  // Frame after frame the copy is reused, unless what it was drawn with
  // changed: the theme's colours, then the font (rebuilt at another size).
  for (int step = 0; step < 4; ++step) {
    ui::applyTheme(step == 0 ? ui::Theme::Dark : ui::Theme::Light, 1.0f);
    if (step == 2) {
      ImGuiIO& io = ImGui::GetIO();
      io.Fonts->Clear();
      ImFontConfig config;
      config.SizePixels = 20.0f;
      io.Fonts->AddFontDefault(&config);
      unsigned char* pixels = nullptr;
      int width = 0, height = 0;
      io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    }
    imgui.frame([&] {
      ImGui::SetNextWindowPos(ImVec2(10, 10));
      ImGui::SetNextWindowSize(ImVec2(400, 300));
      ImGui::Begin("badges");
      ImDrawList* list = ImGui::GetWindowDrawList();
      for (std::size_t s = 0; s < kStructureCount; ++s) {
        const auto structure = static_cast<Structure>(s);
        // Inside the window: a fresh tessellation leaves out glyphs outside the clip rectangle.
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const ImVec2 at(std::floor(origin.x) + 10, std::floor(origin.y) + 20.0f * static_cast<float>(s));
        const ImU32 fill = ImGui::GetColorU32(ui::structureColour(structure));
        const Geometry fresh = capture(list, [&] { ui::tessellateStructureBadge(list, at, structure, fill); });
        REQUIRE(fresh.vertices.size() > 20);  // a rounded, anti-aliased pill and its text
        // First use this frame builds the copy, the second reuses it.
        requireSame(capture(list, [&] { ui::drawStructureBadge(list, at, structure); }), fresh);
        requireSame(capture(list, [&] { ui::drawStructureBadge(list, at, structure); }), fresh);
        // Faded (a disabled row): the fill follows the style's alpha.
        ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.5f);
        const ImU32 faded = ImGui::GetColorU32(ui::structureColour(structure));
        const Geometry fadedFresh = capture(list, [&] { ui::tessellateStructureBadge(list, at, structure, faded); });
        requireSame(capture(list, [&] { ui::drawStructureBadge(list, at, structure); }), fadedFresh);
        ImGui::PopStyleVar();
      }
      ImGui::End();
    });
  }
}

TEST_CASE("the profiles table's cells reach the columns' size-to-fit and their tooltips", "[widgets]") {
  TempDir dir;
  TestApp t;
  t.app.openStore(dir / "r.db", /*addSamplesIfNew=*/true);
  REQUIRE(t.state().profileCount() == 7);
  Profile renamed = t.db().profiles().front();
  renamed.name = "A company with a rather long name, to be measured";
  t.db().saveAll(std::span(&renamed, 1));
  REQUIRE(t.app.refreshIfChangedElsewhere());
  t.emit(ui::intent::OpenView{ui::ViewId::Profiles});
  HeadlessImGui imgui(1280, 800);
  imgui.frames(3, t.drawer());

  ImGuiTable* table = nullptr;
  for (int i = 0; i < ImGui::GetCurrentContext()->Tables.GetMapSize(); ++i)
    if (ImGuiTable* candidate = ImGui::GetCurrentContext()->Tables.TryGetMapData(i);
        candidate && candidate->ColumnsCount == 7)
      table = candidate;
  REQUIRE(table);
  float longest = 0;
  for (const auto& p : t.db().profiles()) longest = std::max(longest, ImGui::CalcTextSize(p.name.c_str()).x);
  const ImGuiTableColumn& name = table->Columns[0];
  CHECK(name.ContentMaxXUnfrozen - name.WorkMinX == Approx(longest).margin(0.5));
  const ImGuiTableColumn& badge = table->Columns[3];
  CHECK(badge.ContentMaxXUnfrozen - badge.WorkMinX >= ImGui::CalcTextSize("CIO-led").x);

  // Hovering a row's last-change cell shows the full time; its badge, the wording.
  const ImGuiTableColumn& updated = table->Columns[6];
  const float rowHeight = ImGui::GetFontSize() + 2 * ImGui::GetStyle().CellPadding.y;
  const float rowY = table->OuterRect.Min.y + 1.5f * rowHeight;  // the first row under the headers
  imgui.moveMouse((updated.MinX + updated.MaxX) / 2, rowY);
  imgui.frames(3, t.drawer());
  ImGuiWindow* tooltip = ImGui::FindWindowByName("##Tooltip_00");
  REQUIRE(tooltip);
  CHECK(tooltip->LastFrameActive == ImGui::GetFrameCount());
  imgui.moveMouse((badge.MinX + badge.MaxX) / 2, rowY);
  imgui.frames(3, t.drawer());
  CHECK(tooltip->LastFrameActive == ImGui::GetFrameCount());
  imgui.moveMouse((name.MinX + name.MaxX) / 2, rowY);
  imgui.frames(3, t.drawer());
  CHECK(tooltip->LastFrameActive < ImGui::GetFrameCount());
}

TEST_CASE("the last-change column shows the time for today's changes and the day for older ones", "[widgets]") {
  TempDir dir;
  ui::Controller app;
  app.openStore(dir / "r.db", /*addSamplesIfNew=*/true);
  REQUIRE(app.state().profileCount() == 7);
  {
    SQLite::Database db((dir / "r.db").string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE profiles SET updated_at = '2025-03-04T05:06:07Z' WHERE rowid = (SELECT min(rowid) FROM profiles)");
  }
  REQUIRE(app.refreshIfChangedElsewhere());
  const ui::AppState& state = app.state();
  ui::ProfilesView view;
  int days = 0, times = 0;
  for (std::size_t i = 0; i < state.profileCount(); ++i) {
    const std::string shown = view.rowText(state, i).updated;
    const std::string updatedAt((*state.profileList)[i].updatedAt());
    if (updatedAt == "2025-03-04T05:06:07Z") {
      CHECK(shown == "2025-03-04");
      ++days;
    } else {
      CHECK(shown == updatedAt.substr(11, 5));  // saved today: "14:56"
      ++times;
    }
  }
  CHECK(days == 1);
  CHECK(times == 6);
}

TEST_CASE("the profiles view reads the app as const and asks for every change as an intent", "[widgets]") {
  TempDir dir;
  ui::Controller app;
  app.openStore(dir / "r.db", /*addSamplesIfNew=*/true);
  const ui::AppState& state = app.state();
  REQUIRE(state.profileCount() == 7);
  ui::ProfilesView view;
  test::RecordedIntents recorded;
  const auto& emitted = recorded.intents;
  const auto draw = test::aloneInWindow("profiles", [&] { view.draw(state, recorded.emitter()); });
  HeadlessImGui imgui(1280, 800);
  imgui.frames(3, draw);
  REQUIRE(view.visibleRows().size() == 7);
  CHECK(emitted.empty());

  ImGuiTable* table = nullptr;
  for (int i = 0; i < ImGui::GetCurrentContext()->Tables.GetMapSize(); ++i)
    if (ImGuiTable* t = ImGui::GetCurrentContext()->Tables.TryGetMapData(i); t && t->ColumnsCount == 7) table = t;
  REQUIRE(table);
  const float rowHeight = ImGui::GetFontSize() + 2 * ImGui::GetStyle().CellPadding.y;
  imgui.click(table->OuterRect.Min.x + 20, table->OuterRect.Min.y + 1.5f * rowHeight, draw);
  REQUIRE(emitted.size() == 1);
  const auto* select = std::get_if<ui::intent::Select>(&emitted.front());
  REQUIRE(select);
  CHECK(select->id == (*state.profileList)[view.visibleRows().front()].id());
  CHECK(state.selection.ids().empty());  // asked for, not done: applying is the app's

  // Its own state changes without the app's: an advice filter.
  view.setAdviceFilter(Structure::cio_led);
  imgui.frames(2, draw);
  CHECK(view.visibleRows().size() == 4);
  for (std::uint32_t line : view.visibleRows()) CHECK((*state.profileList)[line].recommendation == Structure::cio_led);
  CHECK(emitted.size() == 1);
}

TEST_CASE("the session view keeps what is typed and ticked, and asks for every change as an intent", "[widgets]") {
  TempDir dir;
  ui::Controller app;
  app.openStore(dir / "r.db", /*addSamplesIfNew=*/true);
  app.emit(ui::intent::CreateSessionFromSelection{"Second"});  // nothing selected: an empty one
  const ui::AppState& state = app.state();
  REQUIRE(state.sessions.size() == 2);
  ui::SessionView view;
  test::RecordedIntents recorded;
  const auto& emitted = recorded.intents;
  const auto draw = test::aloneInWindow("sessions", [&] { view.draw(state, recorded.emitter()); });
  HeadlessImGui imgui(1280, 800);
  imgui.frames(3, draw);
  CHECK(emitted.empty());
  ImGuiWindow* list = nullptr;
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
    if (std::string_view(w->Name).find("session-list") != std::string_view::npos) list = w;
  REQUIRE(list);
  // The new session is the current one; the list's first entry, under its
  // heading, is the other.
  const std::string current = state.currentSessionId;
  REQUIRE(current == state.sessions[1].id);
  const float line = ImGui::GetTextLineHeightWithSpacing();
  imgui.click(list->Pos.x + 20, list->Pos.y + ImGui::GetStyle().WindowPadding.y + 1.5f * line, draw);
  REQUIRE(emitted.size() == 1);
  const auto* pick = std::get_if<ui::intent::PickSession>(&emitted.front());
  REQUIRE(pick);
  CHECK(pick->id == state.sessions[0].id);
  CHECK(state.currentSessionId == current);  // asked for, not done
}

namespace {

// What clicks along a band of the window ask for: rows half a line apart
// from `top` to `bottom`, each clicked every 7 pixels from `left` rightwards.
std::vector<ui::Intent> clicksOver(HeadlessImGui& imgui, test::RecordedIntents& recorded, const std::function<void()>& draw,
                                   float left, float top, float bottom) {
  recorded.intents.clear();
  for (float y = top; y <= bottom; y += ImGui::GetFontSize() * 0.5f)
    for (float x = left; x < ImGui::GetIO().DisplaySize.x; x += 7) imgui.click(x, y, draw);
  return std::exchange(recorded.intents, {});
}

template <typename Asked>
bool asked(const std::vector<ui::Intent>& intents) {
  return std::any_of(intents.begin(), intents.end(), [](const ui::Intent& i) { return std::holds_alternative<Asked>(i); });
}

}  // namespace

TEST_CASE("on a read-only database the buttons that would change it are greyed and ask for nothing", "[widgets]") {
  TempDir dir;
  ui::Controller app;
  app.openStore(dir / "r.db", /*addSamplesIfNew=*/true);
  app.emit(ui::intent::Select{std::string((*app.state().profileList)[0].id()), false});
  app.emit(ui::intent::OpenView{ui::ViewId::Session});
  REQUIRE(app.state().selection.ids().size() == 1);
  REQUIRE_FALSE(app.state().currentSessionId.empty());
  // The same app as a window on a file it may not write sees it: only
  // readOnly differs (a file its user may not write is checked in the
  // command line's tests, through the real binary).
  ui::AppState readOnly = app.state();
  readOnly.readOnly = true;
  HeadlessImGui imgui(1280, 800);

  for (const bool isReadOnly : {false, true}) {
    const ui::AppState& state = isReadOnly ? readOnly : app.state();
    CAPTURE(isReadOnly);
    test::RecordedIntents recorded;
    {
      ui::ProfilesView view;
      const auto draw = test::aloneInWindow("profiles", [&] { view.draw(state, recorded.emitter()); });
      imgui.frames(3, draw);
      const float toolbar = ImGui::GetStyle().WindowPadding.y + ImGui::GetFrameHeight() * 0.5f;
      const auto intents = clicksOver(imgui, recorded, draw, 4, toolbar, toolbar);
      CHECK(asked<ui::intent::SelectAll>(intents));  // the clicks reached the toolbar
      CHECK(asked<ui::intent::NewProfile>(intents) != isReadOnly);
      CHECK(asked<ui::intent::DuplicateProfile>(intents) != isReadOnly);
      CHECK(asked<ui::intent::DeleteProfiles>(intents) != isReadOnly);
    }
    {
      ui::SessionView view;
      const auto draw = test::aloneInWindow("sessions", [&] { view.draw(state, recorded.emitter()); });
      imgui.frames(3, draw);
      // The session's details, right of the list: its name line, its buttons, its first members.
      const auto intents = clicksOver(imgui, recorded, draw, 1280 * 0.25f, 0, ImGui::GetFrameHeightWithSpacing() * 6);
      CHECK(asked<ui::intent::ChooseExportFile>(intents));  // the clicks reached the buttons
      CHECK(asked<ui::intent::DeleteSession>(intents) != isReadOnly);
      CHECK(asked<ui::intent::AddSelectionToSession>(intents) != isReadOnly);
    }
  }
}

TEST_CASE("the headings' font is built once a frame asks for it, at 1.6 times the text", "[widgets]") {
  HeadlessImGui imgui;
  ImGuiIO& io = ImGui::GetIO();
  (void)ui::takeHeadingFontRequest();  // whatever an earlier test asked for
  REQUIRE_FALSE(ui::loadFonts(2.0f, /*withHeading=*/false).empty());  // Inter, as setup.sh installs it
  REQUIRE(io.Fonts->Fonts.Size == 1);
  CHECK_FALSE(ui::takeHeadingFontRequest());

  // Asked for before it is built: the text's font meanwhile, and one request.
  ImFont* asked = nullptr;
  imgui.frame([&] { asked = ui::headingFont(); });
  CHECK(asked == io.Fonts->Fonts[0]);
  CHECK(ui::takeHeadingFontRequest());
  CHECK_FALSE(ui::takeHeadingFontRequest());

  ui::loadFonts(2.0f, /*withHeading=*/true);
  REQUIRE(io.Fonts->Fonts.Size == 2);
  ImFont* heading = nullptr;
  imgui.frame([&] { heading = ui::headingFont(); });
  CHECK(heading == io.Fonts->Fonts[1]);
  CHECK(heading->FontSize == Approx(1.6f * io.Fonts->Fonts[0]->FontSize));
  CHECK_FALSE(ui::takeHeadingFontRequest());
  // The heading font is remembered beyond this context: later tests in this
  // process draw in contexts of their own, with no heading font loaded.
  ui::loadFonts(1.0f, /*withHeading=*/false);
}
