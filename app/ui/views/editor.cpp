// The profile form: grouped fields, each with its meaning and source in a
// tooltip and its problem right under it; the result beside it, live.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/util/text.hpp"
#include "ui/style.hpp"
#include "ui/views/editor_view.hpp"
#include "ui/views/views.hpp"
#include "ui/widgets.hpp"

namespace rolefit::ui {
namespace {


void fieldTooltip(const AppState& state, const FieldInfo& f) {
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(em(24));
  textView(f.help);
  if (!f.source.empty()) {
    ImGui::Spacing();
    std::string sources;
    for (std::size_t start = 0; start < f.source.size();) {
      const std::size_t end = std::min(f.source.find(',', start), f.source.size());
      const std::string id(trimmed(f.source.substr(start, end - start)));
      sources += fmt::format("{}{} {}", sources.empty() ? "" : "\n", id, state.roleModels.sourceTitle(id));
      start = end + 1;
    }
    ImGui::TextDisabled("Sources:");
    textView(sources);
  }
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

bool choiceInput(const char* id, Profile& p, const FieldInfo& f) {
  bool changed = false;
  const auto current = static_cast<std::size_t>(fieldNumber(p, f));
  const auto labels = choiceLabels(f);
  const std::string preview = current < labels.size() ? std::string(labels[current]) : "?";
  if (ImGui::BeginCombo(id, preview.c_str())) {
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const std::string option(labels[i]);
      if (ImGui::Selectable(option.c_str(), i == current)) {
        setFieldNumber(p, f, static_cast<double>(i));
        changed = true;
      }
      if (i == current) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool integerInput(const char* id, Profile& p, const FieldInfo& f) {
  auto value = static_cast<long long>(fieldNumber(p, f));
  const long long low = static_cast<long long>(f.min), high = static_cast<long long>(f.max);
  bool changed = false;
  if (high - low <= 10) {
    // Small scales (goals, maturity) as sliders; typing a value (Ctrl+click) is still checked.
    changed = ImGui::SliderScalar(id, ImGuiDataType_S64, &value, &low, &high, "%lld");
  } else {
    const long long step = 1, fast = 100;
    changed = ImGui::InputScalar(id, ImGuiDataType_S64, &value, &step, &fast, "%lld");
  }
  if (changed) setFieldNumber(p, f, static_cast<double>(value));
  return changed;
}

// A number; an optional one (revenue) with a "known" box before it.
bool numberInput(const char* id, Profile& p, const FieldInfo& f, float width) {
  bool changed = false;
  if (!f.optional) {
    double value = fieldNumber(p, f);
    if (ImGui::InputDouble(id, &value, 1.0, 10.0, "%.1f")) {
      setFieldNumber(p, f, value);
      changed = true;
    }
    return changed;
  }
  bool known = p.revenue_musd.has_value();
  if (ImGui::Checkbox("known", &known)) {
    p.revenue_musd = known ? std::optional<double>(0.0) : std::nullopt;
    changed = true;
  }
  if (known) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(width - ImGui::GetItemRectSize().x - ImGui::GetStyle().ItemSpacing.x, em(4)));
    double value = *p.revenue_musd;
    if (ImGui::InputDouble(id, &value, 1.0, 100.0, "%.1f")) {
      p.revenue_musd = value;
      changed = true;
    }
  }
  return changed;
}

}  // namespace

// One field's widget; true when the draft changed.
bool EditorView::fieldWidget(const AppState& state, const FieldInfo& f, float width) {
  Profile& p = draft_;
  const std::string problem = state.editor.problemOf(f.key);
  const std::string id = fmt::format("##{}", f.key);
  ImGui::PushID(f.key.data(), f.key.data() + f.key.size());
  ImGui::TextUnformatted(f.label.data(), f.label.data() + f.label.size());
  fieldTooltip(state, f);
  if (!problem.empty()) ImGui::PushStyleColor(ImGuiCol_Border, palette().danger);
  if (!problem.empty()) ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
  ImGui::SetNextItemWidth(width);
  bool changed = false;
  switch (f.kind) {
    case FieldKind::Text:
      if (f.key == "notes") changed = ImGui::InputTextMultiline(id.c_str(), &p.notes, ImVec2(width, em(5)));
      else changed = ImGui::InputText(id.c_str(), &p.name);
      break;
    case FieldKind::Choice: changed = choiceInput(id.c_str(), p, f); break;
    case FieldKind::Integer: changed = integerInput(id.c_str(), p, f); break;
    case FieldKind::Number: changed = numberInput(id.c_str(), p, f, width); break;
  }
  fieldTooltip(state, f);
  if (!problem.empty()) {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().danger);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    textView(problem);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  ImGui::PopID();
  return changed;
}

bool EditorView::groupSection(const AppState& state, const char* title, FieldGroup group, float width,
                              bool twoColumns) {
  bool changed = false;
  if (!ImGui::CollapsingHeader(title, ImGuiTreeNodeFlags_DefaultOpen)) return false;
  const float column = twoColumns ? (width - ImGui::GetStyle().ItemSpacing.x) * 0.5f : width;
  int index = 0;
  for (const auto& f : profileFields()) {
    const bool inGroup = f.group == group || (group == FieldGroup::Facts && f.group == FieldGroup::Identity);
    if (!inGroup) continue;
    if (twoColumns && f.key != "notes") {
      if (index % 2 == 1) ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x);
      ImGui::BeginGroup();
      changed |= fieldWidget(state, f, column);
      ImGui::EndGroup();
    } else {
      changed |= fieldWidget(state, f, width);
    }
    ++index;
  }
  ImGui::Spacing();
  return changed;
}

void EditorView::drawForm(const AppState& state, const EmitIntent& emit, float width) {
  const bool twoColumns = width > em(26);
  bool changed = false;
  changed |= groupSection(state, "Facts", FieldGroup::Facts, width, twoColumns);
  changed |= groupSection(state, "Goals (weight 0-5)", FieldGroup::Goals, width, twoColumns);
  changed |= groupSection(state, "Capabilities (maturity 1-5)", FieldGroup::Capabilities, width, twoColumns);
  changed |= groupSection(state, "Leaders today", FieldGroup::Leaders, width, false);
  changed |= groupSection(state, "Notes", FieldGroup::Notes, width, false);
  if (changed) emit(intent::EditDraft{draft_});
  drawRevisions(state, emit, width);
}

void EditorView::drawRevisions(const AppState& state, const EmitIntent& emit, float width) {
  const auto& e = state.editor;
  if (e.isNew || e.revisions.empty()) return;
  const auto header = fmt::format("Revisions ({})###revisions", e.revisions.size());
  if (!ImGui::CollapsingHeader(header.c_str())) return;
  for (const auto& r : e.revisions) {
    ImGui::PushID(static_cast<int>(r.revision));
    const auto label = fmt::format("Revision {}  {}{}", r.revision, r.savedAt, r.current ? "  (current)" : "");
    if (ImGui::Selectable(label.c_str(), e.comparedRevision == r.revision) && !r.current)
      emit(intent::CompareRevision{r.revision});
    ImGui::PopID();
  }
  if (e.revisionContent) {
    ImGui::Spacing();
    int differences = 0;
    for (const auto& f : profileFields()) {
      const auto then = displayText(*e.revisionContent, f), now = displayText(e.saved, f);
      if (then == now) continue;
      ++differences;
      ImGui::PushID(f.key.data(), f.key.data() + f.key.size());
      textView(f.label);
      ImGui::Indent(em(1));
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - em(1));
      ImGui::TextDisabled("then:");
      ImGui::SameLine();
      valueView(then);
      ImGui::TextDisabled("now:");
      ImGui::SameLine();
      valueView(now);
      ImGui::PopTextWrapPos();
      ImGui::Unindent(em(1));
      ImGui::PopID();
    }
    if (differences == 0) ImGui::TextDisabled("Same content as the current version.");
    const auto restore = fmt::format("Restore revision {}", e.comparedRevision);
    if (ImGui::Button(restore.c_str())) emit(intent::RestoreRevision{e.saved.id, e.comparedRevision});
  }
}

// How sure the advice is, in the words of the reports: a close call in the
// warning colour, with the ratings that would flip it.
void confidenceLine(const Evaluation& result) {
  const ImVec4 colour = result.confidence == Confidence::clear    ? ImVec4(0.30f, 0.75f, 0.55f, 1)
                        : result.confidence == Confidence::likely ? ImGui::GetStyle().Colors[ImGuiCol_Text]
                                                                  : ImVec4(0.95f, 0.65f, 0.15f, 1);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  textView(fmt::format("{}: {}", describe(result.confidence), confidenceText(result)));
  ImGui::PopStyleColor();
}

void drawResultSummary(const AppState& state, const Evaluation& result, float width) {
  const Scores& s = result.scores;
  ImGui::TextDisabled("Recommendation");
  structureBadge(s.recommendation);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  textView(describe(s.recommendation));
  const auto runnerUp = fmt::format("Runner-up: {} ({:.1f} points behind)", describe(s.runnerUp), result.margin);
  ImGui::TextDisabled("%s", runnerUp.c_str());
  confidenceLine(result);
  if (result.gap) {
    ImGui::Spacing();
    ImGui::TextDisabled("Today's leaders");
    textView(fmt::format("{} ({})", result.gap->text, result.gap->sources));
    const auto concerned = gapResponsibilities(*result.gap, result.responsibilities);
    if (result.gap->concerns == LeadershipGap::Concerns::split) {
      std::size_t cio = 0;
      for (const auto& a : result.responsibilities) cio += a.owner == Owner::cio ? 1 : 0;
      textView(fmt::format("{} to the CIO and {} to the CTO; one person holds all {} today (Responsibilities below).",
                           cio, concerned.size() - cio, concerned.size()));
    } else {
      // The first few here; all of them are marked in Responsibilities below.
      constexpr std::size_t kListed = 5;
      for (std::size_t i = 0; i < concerned.size() && i < kListed; ++i) {
        ImGui::Bullet();
        textView(concerned[i]->text);
      }
      if (concerned.size() > kListed)
        ImGui::TextDisabled("and %zu more, marked in Responsibilities below", concerned.size() - kListed);
    }
  }
  ImGui::Spacing();
  for (std::size_t r = 0; r < 3; ++r) {
    const auto& model = state.roleModels.roleModels[r];
    const char* names[] = {"CIO fit", "CTO fit", "Hybrid fit"};
    scoreBar(names[r], s.fit[r], ImGui::ColorConvertU32ToFloat4(seriesColour(r + 1)), width);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", model.name.c_str());
  }
  ImGui::Spacing();
  if (!result.reasons.empty()) {
    ImGui::TextDisabled("Why");
    for (std::size_t i = 0; i < result.reasons.size() && i < 4; ++i) {
      const auto& r = result.reasons[i];
      ImGui::Bullet();
      textView(fmt::format("{}: {} ({})", r.factor, r.rule, r.source));
    }
  }
  if (result.whatIf) {
    ImGui::Spacing();
    ImGui::TextDisabled("What if");
    textView(result.whatIf->text);
  }
  if (!result.tension.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("Note");
    textView(result.tension);
  }
  ImGui::PopTextWrapPos();
}

void EditorView::draw(const AppState& state, const EmitIntent& emit) {
  const auto& e = state.editor;
  if (draftSeen_ != e.draftGeneration) {
    draft_ = e.draft;
    draftSeen_ = e.draftGeneration;
  }
  if (!e.open) {
    ImGui::TextUnformatted("No profile open.");
    ImGui::TextDisabled("Double-click a company in Profiles, or start a new one.");
    beginDatabaseWrite(state.readOnly);
    if (ImGui::Button("New profile (Ctrl+N)")) emit(intent::NewProfile{});
    endDatabaseWrite(state.readOnly);
    return;
  }
  const bool narrow = isNarrow();
  const std::string title = e.isNew ? "New profile" : e.saved.name;
  ImGui::TextUnformatted(title.c_str());
  if (e.dirty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(unsaved)");
  }
  ImGui::BeginDisabled(!e.dirty());
  ImGui::BeginDisabled(state.readOnly);
  if (ImGui::Button("Save")) emit(intent::SaveEditor{});
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", state.readOnly ? kReadOnlyTooltip : "Save as a new revision (Ctrl+S)");
  ImGui::SameLine();
  if (ImGui::Button("Revert")) emit(intent::RevertEditor{});
  ImGui::EndDisabled();
  if (!e.problems.empty()) {
    ImGui::SameLine();
    const auto count = countOf(e.problems.size(), "field") + " to correct";
    ImGui::TextColored(palette().danger, "%s", count.c_str());
  }
  if (!e.isNew) {
    ImGui::SameLine();
    if (ImGui::Button("Compare")) {
      emit(intent::Select{e.saved.id, false});
      emit(intent::OpenView{ViewId::Compare});
    }
  }
  ImGui::Separator();

  if (narrow) {
    // One column: the form, then its result, in one scrolling panel.
    ImGui::BeginChild("editor-scroll");
    const float width = ImGui::GetContentRegionAvail().x;
    drawForm(state, emit, width);
    ImGui::Separator();
    if (e.result) drawResultSummary(state, *e.result, width);
    ImGui::EndChild();
    return;
  }
  const float total = ImGui::GetContentRegionAvail().x;
  const float formWidth = std::floor(total * kEditorFormShare);
  ImGui::BeginChild("editor-form", ImVec2(formWidth, 0));
  drawForm(state, emit, ImGui::GetContentRegionAvail().x - em(0.5f));
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("editor-result", ImVec2(0, 0), true);
  ImGui::TextUnformatted("Result, as you type");
  ImGui::Separator();
  if (e.result) drawResultSummary(state, *e.result, ImGui::GetContentRegionAvail().x);
  else ImGui::TextDisabled("Correct the marked fields to see the result.");
  ImGui::EndChild();
}

}  // namespace rolefit::ui
