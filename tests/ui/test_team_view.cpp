// The team view in a headless Dear ImGui context: the raters, consensus and
// decisive differences from a real SQLite file; "Adopt consensus" as an
// undoable revision; "Rate this company" answered from the keyboard at phone
// size and saved as the rater's rating.
#include <catch2/catch.hpp>

#include <algorithm>

#include "rolefit/model/fields.hpp"
#include "rolefit/session/session.hpp"
#include "rolefit/team/team.hpp"
#include "support/headless.hpp"
#include "support/support.hpp"
#include "support/test_app.hpp"

using namespace rolefit;
using rolefit::test::HeadlessImGui;
using rolefit::test::TempDir;
using rolefit::test::TestApp;

namespace {

std::size_t judgement(std::string_view key) {
  const auto fields = judgementFields();
  return static_cast<std::size_t>(
      std::find_if(fields.begin(), fields.end(), [&](const FieldInfo* f) { return f->key == key; }) - fields.begin());
}

// The five raters of tests/cli/test_team.cpp: Eve's low operational
// efficiency is the one difference that changes the advice.
std::string rateLumen(TestApp& t) {
  const auto found = t.db().findByIdOrName("Lumen Analytics");
  REQUIRE(found.size() == 1);
  const Profile& lumen = found.front();
  struct Answers {
    const char* rater;
    int innovation, efficiency, engineering;
  };
  const Answers answers[] = {{"Alice", 5, 2, 2}, {"Bob", 4, 3, 3}, {"Carol", 1, 5, 4}, {"Dan", 3, 4, 0}, {"Eve", 5, 1, 2}};
  std::vector<Rating> ratings;
  for (const auto& a : answers) {
    Rating r{lumen.id, a.rater, judgementValues(lumen), ""};
    r.values[judgement("goal_innovation")] = a.innovation;
    r.values[judgement("goal_efficiency")] = a.efficiency;
    if (a.engineering > 0) r.values[judgement("cap_engineering")] = a.engineering;
    ratings.push_back(r);
  }
  t.db().saveRatings(ratings);
  return lumen.id;
}

// The samples with Lumen rated by five, Lumen picked and the Team view open.
std::string openTeamOnLumen(TestApp& t, const TempDir& dir) {
  t.app.openStore(dir / "r.db", /*addSamplesIfNew=*/true);
  const std::string id = rateLumen(t);
  t.emit(ui::intent::Select{id});
  t.emit(ui::intent::OpenView{ui::ViewId::Team});
  return id;
}

}  // namespace

TEST_CASE("the team view shows the raters and the decisive difference, and adopting the consensus is undoable", "[views][team]") {
  TempDir dir;
  TestApp t;
  const ui::AppState& state = t.state();
  const std::string id = openTeamOnLumen(t, dir);
  for (auto size : {ImVec2(1280, 800), ImVec2(390, 844)}) {
    HeadlessImGui imgui(size.x, size.y);
    imgui.frames(3, t.drawer());
  }
  REQUIRE(state.team.profile);
  CHECK(state.team.profile->name == "Lumen Analytics");
  REQUIRE(state.team.result);
  const TeamEvaluation& team = *state.team.result;
  CHECK(team.raters.size() == 5);
  REQUIRE_FALSE(team.disagreements.empty());
  CHECK(team.disagreements.front().field->key == "goal_efficiency");
  CHECK(team.disagreements.front().decisive);
  CHECK(state.team.consensusDiffers);

  const Profile before = *t.db().profile(id);
  t.emit(ui::intent::AdoptConsensus{id});
  const Profile adopted = *t.db().profile(id);
  CHECK(adopted.revision == before.revision + 1);
  CHECK(judgementValues(adopted) == team.consensusValues);
  CHECK(adopted.name == before.name);
  CHECK(adopted.employees == before.employees);  // facts stay
  HeadlessImGui imgui;
  imgui.frames(2, t.drawer());
  CHECK_FALSE(state.team.consensusDiffers);
  CHECK(t.db().ratings(id).size() == 5);  // ratings are untouched

  t.emit(ui::intent::Undo{});
  CHECK(judgementValues(*t.db().profile(id)) == judgementValues(before));
  imgui.frames(2, t.drawer());
  CHECK(state.team.consensusDiffers);

  // Not over unsaved changes in the editor.
  t.emit(ui::intent::OpenEditor{id});
  Profile draft = state.editor.draft;
  draft.employees += 1;
  t.emit(ui::intent::EditDraft{draft});
  t.emit(ui::intent::AdoptConsensus{id});
  CHECK_THAT(state.errorText, Catch::Contains("unsaved changes"));
  CHECK(judgementValues(*t.db().profile(id)) == judgementValues(before));
}

TEST_CASE("Rate this company, answered from the keyboard at phone size, saves the rater's rating", "[views][team]") {
  TempDir dir;
  TestApp t;
  const ui::AppState& state = t.state();
  const std::string id = openTeamOnLumen(t, dir);
  HeadlessImGui imgui(390, 844);
  imgui.frames(3, t.drawer());
  ui::TeamView& view = t.frame.team();
  view.startRating(state);
  imgui.frames(3, t.drawer());  // the name field takes the keyboard
  imgui.frame([&] {
    ImGui::GetIO().AddInputCharactersUTF8("Zoë");
    t.draw();
  });
  imgui.pressKey(HeadlessImGui::kEnter, false, false, t.drawer());
  REQUIRE(view.step() == 1);
  // 1 for every question that takes it, else 0; each followed by Enter.
  for (std::size_t q = 0; q < ui::TeamView::kQuestions; ++q) {
    imgui.pressKey('1', false, false, t.drawer());
    imgui.pressKey(HeadlessImGui::kEnter, false, false, t.drawer());
  }
  REQUIRE(view.step() == ui::TeamView::kReviewStep);
  imgui.frames(2, t.drawer());

  // "Save my rating" sits at the foot of the review.
  const auto before = t.db().ratings(id).size();
  for (float y = 844; y > 500 && t.db().ratings(id).size() == before; y -= 6) imgui.click(290, y, t.drawer());
  const auto ratings = t.db().ratings(id);
  REQUIRE(ratings.size() == before + 1);
  const auto zoe = std::find_if(ratings.begin(), ratings.end(), [](const Rating& r) { return r.rater == "Zoë"; });
  REQUIRE(zoe != ratings.end());
  for (std::size_t i = 0; i < kJudgementCount; ++i) {
    CAPTURE(judgementFields()[i]->key);
    CHECK(zoe->values[i] == 1);
  }
  CHECK_FALSE(view.rating());
  imgui.frames(2, t.drawer());
  REQUIRE(state.team.result);
  CHECK(state.team.result->raters.size() == 6);
  CHECK(state.errorText.empty());
}

TEST_CASE("the window's export withholds what the Session view's choice says, and a backup withholds nothing", "[views][team]") {
  TempDir dir;
  TestApp t;
  t.app.openStore(dir / "r.db", /*addSamplesIfNew=*/true);
  rateLumen(t);
  t.app.setFileDialog([&](ui::FileChoice choice, const std::string& suggestion) -> ui::DialogAnswer {
    REQUIRE(choice == ui::FileChoice::ExportSession);
    return {true, (dir / suggestion).string()};
  });
  t.emit(ui::intent::SetExportWithheld{Withheld::notes, true});
  t.emit(ui::intent::SetExportWithheld{Withheld::rater_names, true});
  t.emit(ui::intent::SetExportWithheld{Withheld::results, true});
  t.emit(ui::intent::SetExportWithheld{Withheld::results, false});  // changed their mind
  t.emit(ui::intent::ChooseExportFile{});
  const auto shared = readSessionFile(dir / "session.json");
  CHECK(shared.session.withheld.names() == std::vector<std::string_view>{"notes", "rater_names"});
  REQUIRE(shared.session.ratings.size() == 5);
  CHECK(shared.session.ratings.front().rater == "Rater 1");
  const std::string bytes = test::readFile(dir / "session.json");
  CHECK(bytes.find("Sample company.") == std::string::npos);  // every sample's notes end so
  CHECK(bytes.find("Alice") == std::string::npos);

  t.emit(ui::intent::ExportBackup{});
  const auto backup = readSessionFile(dir / "rolefit-backup.json");
  CHECK(backup.session.withheld.empty());
  CHECK(backup.session.ratings.size() == 5);
  CHECK(test::readFile(dir / "rolefit-backup.json").find("Alice") != std::string::npos);
  CHECK(t.state().errorText.empty());
}
