#include <algorithm>
#include <cctype>
#include <utility>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "rolefit/util/text.hpp"
#include "ui/style.hpp"
#include "ui/views/team_view.hpp"
#include "ui/widgets.hpp"

namespace rolefit::ui {
namespace {

std::string lowerFirst(std::string_view text) {
  std::string out(text);
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

// A finger-sized button on a phone; `width` 0 fills the line there.
bool bigButton(const char* label, float width = 0) {
  const bool narrow = isNarrow();
  const float w = narrow && width == 0 ? ImGui::GetContentRegionAvail().x : width;
  return ImGui::Button(label, ImVec2(w, narrow ? em(2.6f) : 0));
}

void heading(std::string_view text) {
  ImGui::PushFont(headingFont());
  ImGui::PushTextWrapPos(0);
  textView(text);
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

// A section's title over a rule (Dear ImGui 1.86 has no SeparatorText).
void section(const char* title) {
  ImGui::Spacing();
  ImGui::Spacing();
  ImGui::TextDisabled("%s", title);
  ImGui::Separator();
}

std::string valuesByRater(const TeamEvaluation& team, const TeamEvaluation::Disagreement& d) {
  std::string out;
  for (std::size_t r = 0; r < d.values.size() && r < team.raters.size(); ++r)
    out += fmt::format("{}{} {}", out.empty() ? "" : ",  ", team.raters[r].rater, d.values[r]);
  return out;
}

}  // namespace

RatingQuestion ratingQuestion(const FieldInfo& field) {
  const std::string label = lowerFirst(field.label);
  if (field.key == "regulatory_burden") return {"How heavily is this company regulated?", "lightly", "very heavily"};
  if (field.key == "it_complexity")
    return {"How complex are the systems this company runs on inside?", "simple", "very complex"};
  if (field.group == FieldGroup::Goals)
    return {fmt::format("How much does {} matter to this company in the next few years?", label), "not at all",
            "above all"};
  return {fmt::format("How mature is the company's {} today?", label), "barely there", "leading"};
}

void TeamView::startRating(const AppState& state) {
  const auto& team = state.team;
  if (!team.profile) return;
  Flow flow;
  flow.profileId = team.profile->id;
  flow.own = judgementValues(*team.profile);
  flow.values = flow.own;
  flow.rater = team.raterSuggestion;
  // Rating again starts from one's own earlier answers.
  for (const auto& r : team.ratings)
    if (r.rater == flow.rater) flow.values = r.values;
  flow_ = std::move(flow);
  focusName_ = true;
}

void TeamView::draw(const AppState& state, const EmitIntent& emit) {
  const auto& team = state.team;
  if (flow_ && (!team.profile || team.profile->id != flow_->profileId)) flow_.reset();  // another profile now
  if (!team.profile) {
    ImGui::TextDisabled("No profile yet: add one in the Profiles view, then rate it here as a team.");
    return;
  }
  if (flow_) drawFlow(state, emit);
  else drawPanel(state, emit);
}

// ---------------------------------------------------------------- the rating flow

void TeamView::drawFlow(const AppState& state, const EmitIntent& emit) {
  Flow& flow = *flow_;
  const bool narrow = isNarrow();
  ImGui::TextDisabled("Rating %s", state.team.profile->name.c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton("Leave without saving")) {
    flow_.reset();
    return;
  }
  ImGui::ProgressBar(static_cast<float>(flow.step) / static_cast<float>(kReviewStep), ImVec2(-1, em(0.35f)), "");
  ImGui::Spacing();

  if (flow.step == 0) drawRaterStep(state);
  else if (flow.step <= kQuestions) drawQuestion(flow.step - 1);
  else return drawReview(state, emit);

  ImGui::Spacing();
  ImGui::Spacing();
  const bool nameOk = !raterNameProblem(flow.rater);
  const float half = narrow ? (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2 : em(8);
  // Enter or the right arrow goes on, the left arrow back (not while a name is typed).
  const bool keys = !ImGui::GetIO().WantTextInput && flow.step > 0;
  const bool back = keys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow), false);
  const bool next = (keys && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), false) ||
                              ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false))) ||
                    nameEntered_;
  nameEntered_ = false;
  ImGui::BeginDisabled(flow.step == 0);
  if (ImGui::Button("Back", ImVec2(half, narrow ? em(2.6f) : 0)) || back) --flow.step;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!nameOk);
  if ((ImGui::Button(flow.step == kQuestions ? "Review" : "Next", ImVec2(half, narrow ? em(2.6f) : 0)) || next) &&
      nameOk)
    ++flow.step;
  ImGui::EndDisabled();
}

void TeamView::drawRaterStep(const AppState& state) {
  Flow& flow = *flow_;
  heading("Who is rating?");
  ImGui::PushTextWrapPos(0);
  textView(fmt::format("{} plain questions follow, one at a time, about {}: how much each goal matters, how "
                       "mature each capability is. Answer as you see the company; colleagues answer on their own, "
                       "and the Team view shows where you agree and which differences change the advice.",
                       kQuestions, state.team.profile->name));
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  ImGui::SetNextItemWidth(isNarrow() ? -1 : em(20));
  // Once as the step opens: asked every frame, the field would restart and lose keys.
  if (std::exchange(focusName_, false)) ImGui::SetKeyboardFocusHere();
  ImGui::InputTextWithHint("##rater", "Your name", &flow.rater);
  if (ImGui::IsItemEdited()) {
    flow.values = flow.own;
    for (const auto& r : state.team.ratings)
      if (r.rater == trimmed(flow.rater)) flow.values = r.values;
  }
  nameEntered_ = ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
  if (const auto problem = raterNameProblem(flow.rater); problem && !flow.rater.empty())
    ImGui::TextColored(palette().danger, "%s", problem->c_str());
  for (const auto& r : state.team.ratings)
    if (r.rater == trimmed(flow.rater)) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextDisabled("You rated it on %s: your answers start from that rating, and saving keeps it as history.",
                          r.ratedAt.substr(0, 10).c_str());
      ImGui::PopTextWrapPos();
    }
}

void TeamView::drawQuestion(std::size_t index) {
  Flow& flow = *flow_;
  const FieldInfo& field = *judgementFields()[index];
  const RatingQuestion q = ratingQuestion(field);
  ImGui::TextDisabled("Question %zu of %zu  |  %s", index + 1, kQuestions, std::string(field.label).c_str());
  heading(q.question);
  ImGui::PushTextWrapPos(0);
  textView(field.help);
  ImGui::TextDisabled("Sources: articles %s", std::string(field.source).c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();

  const bool narrow = isNarrow();
  const auto low = static_cast<std::int64_t>(field.min), high = static_cast<std::int64_t>(field.max);
  // From the keyboard: a digit answers (backends report digits at their ASCII codes).
  if (!ImGui::GetIO().WantTextInput)
    for (std::int64_t v = low; v <= high; ++v)
      if (ImGui::IsKeyPressed(static_cast<int>('0' + v), false)) flow.values[index] = v;
  const auto count = static_cast<float>(high - low + 1);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float width = narrow ? ImGui::GetContentRegionAvail().x
                             : std::min(em(7), (ImGui::GetContentRegionAvail().x - spacing * (count - 1)) / count);
  for (std::int64_t v = low; v <= high; ++v) {
    const bool chosen = flow.values[index] == v;
    std::string label = std::to_string(v);
    if (v == low) label += "  " + q.low;
    if (v == high) label += "  " + q.high;
    if (!narrow) label = std::to_string(v);
    // The answer given stands out from a button under the pointer: framed, in the active colour.
    if (chosen) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      ImGui::PushStyleColor(ImGuiCol_Border, ImGui::GetStyleColorVec4(ImGuiCol_Text));
      ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, std::max(2.0f, em(0.12f)));
    }
    ImGui::PushID(static_cast<int>(v));
    if (ImGui::Button(label.c_str(), ImVec2(width, em(narrow ? 2.4f : 2.6f)))) flow.values[index] = v;
    ImGui::PopID();
    if (chosen) {
      ImGui::PopStyleVar();
      ImGui::PopStyleColor(2);
    }
    if (!narrow && v < high) ImGui::SameLine();
  }
  if (!narrow) {
    ImGui::TextDisabled("%s", fmt::format("{} {}  ...  {} {}", low, q.low, high, q.high).c_str());
  }
  ImGui::TextDisabled("The profile says %lld.", static_cast<long long>(flow.own[index]));
}

void TeamView::drawReview(const AppState& state, const EmitIntent& emit) {
  Flow& flow = *flow_;
  heading(fmt::format("{}'s rating of {}", trimmed(flow.rater), state.team.profile->name));
  std::size_t changed = 0;
  for (std::size_t i = 0; i < kJudgementCount; ++i) changed += flow.values[i] != flow.own[i];
  ImGui::TextDisabled("%s", fmt::format("{} of {} answers differ from the profile's values.", changed, kQuestions).c_str());
  const bool narrow = isNarrow();
  const float tableHeight = ImGui::GetContentRegionAvail().y - em(narrow ? 7 : 4);
  if (ImGui::BeginTable("review", 3,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingStretchProp,
                        ImVec2(0, std::max(em(8), tableHeight)))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Question", 0, 3.0f);
    ImGui::TableSetupColumn("You", 0, 0.7f);
    ImGui::TableSetupColumn("Profile", 0, 0.8f);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < kJudgementCount; ++i) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(i));
      // Tapping an answer goes back to its question.
      if (ImGui::Selectable(std::string(judgementFields()[i]->label).c_str(), false,
                            ImGuiSelectableFlags_SpanAllColumns))
        flow.step = i + 1;
      ImGui::PopID();
      ImGui::TableNextColumn();
      const auto yours = std::to_string(flow.values[i]);
      if (flow.values[i] != flow.own[i]) ImGui::TextColored(palette().warning, "%s", yours.c_str());
      else ImGui::TextUnformatted(yours.c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%lld", static_cast<long long>(flow.own[i]));
    }
    ImGui::EndTable();
  }
  const float half = narrow ? (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2 : em(10);
  if (ImGui::Button("Back", ImVec2(half, narrow ? em(2.6f) : 0))) --flow.step;
  ImGui::SameLine();
  if (ImGui::Button("Save my rating", ImVec2(half, narrow ? em(2.6f) : 0))) {
    emit(intent::SaveRating{Rating{flow.profileId, trim(flow.rater), flow.values, ""}});  // as a rating file's rater cell
    flow_.reset();
  }
}

// ---------------------------------------------------------------- the team panel

void TeamView::drawPanel(const AppState& state, const EmitIntent& emit) {
  const TeamState& team = state.team;
  const Profile& profile = *team.profile;
  const bool narrow = isNarrow();
  heading(fmt::format("{}: the team's view", profile.name));
  beginDatabaseWrite(state.readOnly);
  if (bigButton("Rate this company", em(12))) startRating(state);
  endDatabaseWrite(state.readOnly);
  if (!team.result) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0);
    textView("Nobody has rated this company yet. Each colleague answers the same questions about goals and "
             "capabilities (\"Rate this company\", on a laptop or a phone); the team's consensus is the middle "
             "answer to each, and RoleFit shows which disagreements would change the advice: the agenda for the "
             "meeting. A survey's answers import at once with rolefit import-ratings.");
    ImGui::PopTextWrapPos();
    return;
  }
  const TeamEvaluation& result = *team.result;
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0);
  textView(agreementText(result));
  ImGui::PopTextWrapPos();

  // The consensus, evaluated like any profile.
  section("Consensus");
  structureBadge(result.consensus.scores.recommendation);
  ImGui::SameLine();
  ImGui::TextUnformatted(fmt::format("{:.1f} points ahead of", result.consensus.margin).c_str());
  ImGui::SameLine();
  structureBadge(result.consensus.scores.runnerUp);
  ImGui::PushTextWrapPos(0);
  textView(fmt::format("{}: {}", describe(result.consensus.confidence), confidenceText(result.consensus)));
  ImGui::TextDisabled("%s", fmt::format("The middle answer of the {} to each question{}.",
                                        countOf(result.raters.size(), "rater"),
                                        result.raters.size() % 2 == 0
                                            ? " (an even count: the mean of the two middle answers, rounded up)"
                                            : "")
                                .c_str());
  ImGui::PopTextWrapPos();
  ImGui::BeginDisabled(!team.consensusDiffers);
  beginDatabaseWrite(state.readOnly);
  if (bigButton("Adopt consensus", em(12))) emit(intent::AdoptConsensus{profile.id});
  endDatabaseWrite(state.readOnly);
  ImGui::EndDisabled();
  if (!state.readOnly && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(team.consensusDiffers ? "The profile's own answers become the consensus: a new revision, "
                                              "which Edit > Undo takes back"
                                            : "The profile's own answers are the consensus already");

  section("Raters");
  if (ImGui::BeginTable("raters", narrow ? 2 : 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                                       ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Rater", 0, 1.4f);
    ImGui::TableSetupColumn("Advice", 0, 1.2f);
    if (!narrow) {
      ImGui::TableSetupColumn("Runner-up", 0, 1.2f);
      ImGui::TableSetupColumn("Margin", 0, 0.6f);
    }
    ImGui::TableHeadersRow();
    for (const auto& r : result.raters) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      textView(r.rater);
      ImGui::TableNextColumn();
      structureBadge(r.scores.recommendation);
      if (narrow) continue;
      ImGui::TableNextColumn();
      structureBadge(r.scores.runnerUp);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(fmt::format("{:.1f}", r.margin).c_str());
    }
    ImGui::EndTable();
  }

  section("Where the raters differ");
  if (result.disagreements.empty()) {
    ImGui::TextDisabled("Every rater gave every answer the same value.");
    return;
  }
  std::size_t decisive = 0;
  for (const auto& d : result.disagreements) decisive += d.decisive;
  ImGui::PushTextWrapPos(0);
  textView(decisive == 0 ? std::string("None of the differences changes the advice on its own.")
                         : fmt::format("{} the advice: settle {} first.",
                                       decisive == 1 ? "One difference changes" : fmt::format("{} differences change", decisive),
                                       decisive == 1 ? "it" : "them"));
  ImGui::PopTextWrapPos();
  if (!ImGui::BeginTable("disagreements", narrow ? 2 : 3,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp))
    return;
  ImGui::TableSetupColumn("Question", 0, 1.5f);
  if (!narrow) ImGui::TableSetupColumn("Spread", 0, 0.5f);
  ImGui::TableSetupColumn("Answers", 0, narrow ? 2.0f : 3.0f);
  ImGui::TableHeadersRow();
  for (const auto& d : result.disagreements) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0);
    if (d.decisive) ImGui::TextColored(palette().warning, "%s", std::string(d.field->label).c_str());
    else textView(d.field->label);
    if (narrow) ImGui::TextDisabled("spread %lld", static_cast<long long>(d.spread));
    if (!narrow) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(std::to_string(d.spread).c_str());
    }
    ImGui::TableNextColumn();
    textView(valuesByRater(result, d));
    if (d.decisive)
      ImGui::TextColored(palette().warning, "%s",
                         fmt::format("Decisive: at {} for everyone, the advice would be {}.", d.flipValue,
                                     structureShortName(d.flipsTo))
                             .c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndTable();
}

}  // namespace rolefit::ui
