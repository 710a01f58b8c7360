// The role models (focus, skills, weights, sources), the user's edited copies,
// the responsibilities and the reference companies.
#include "ui/views/roles_view.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/util/text.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"

namespace rolefit::ui {
namespace {

std::string sourceLine(const AppState& state, const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += fmt::format("{}{} {}", out.empty() ? "" : "\n", id, state.roleModels.sourceTitle(id));
  return out;
}

void sourcesTooltip(const AppState& state, const std::vector<std::string>& ids) {
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(em(26));
  textView(sourceLine(state, ids));
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void weightBars(const AppState& state, const RoleModel& m, std::size_t role, float width) {
  for (std::size_t d = 0; d < kDimensionCount; ++d) {
    ImGui::PushID(static_cast<int>(d));
    const std::string label(shortDimensionLabel(d));
    scoreBar(label.c_str(), m.weights[d] * 100.0, ImGui::ColorConvertU32ToFloat4(seriesColour(role + 1)), width, em(7.5f));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.roleModels.dimensions[d].label.c_str());
    ImGui::PopID();
  }
}

void roleCard(const AppState& state, const EmitIntent& emit, const RoleModel& m, std::size_t role, float width,
              float height) {
  ImGui::PushID(m.id.c_str());
  ImGui::BeginChild("card", ImVec2(width, height), true);
  ImGui::PushTextWrapPos(0);
  textView(m.name);
  ImGui::TextDisabled("Focus: %s", m.focus.c_str());
  textView(m.summary);
  ImGui::TextDisabled("Sources: %s", joinSources(m.sources).c_str());
  sourcesTooltip(state, m.sources);
  ImGui::Spacing();
  ImGui::TextDisabled("Skills");
  for (const auto& skill : m.skills) {
    ImGui::Bullet();
    textView(skill);
  }
  ImGui::Spacing();
  ImGui::TextDisabled("How much of each need it covers");
  ImGui::PopTextWrapPos();
  weightBars(state, m, role, ImGui::GetContentRegionAvail().x);
  ImGui::Spacing();
  const bool usingCopy = std::any_of(state.roleModelCopies.begin(), state.roleModelCopies.end(),
                                     [&](const RoleModelCopy& c) { return c.active && c.model.id == m.id; });
  beginDatabaseWrite(state.readOnly);
  if (ImGui::Button("Copy and edit")) emit(intent::CopyRoleModel{std::string(m.id)});
  endDatabaseWrite(state.readOnly);
  if (!state.readOnly && ImGui::IsItemHovered())
    ImGui::SetTooltip("Your copy can be edited and used instead; the built-in stays as it is.");
  if (usingCopy) {
    ImGui::SameLine();
    ImGui::TextDisabled("(your copy, in use)");
  }
  ImGui::EndChild();
  ImGui::PopID();
}

}  // namespace

void RolesView::copyEditor(const AppState& state, const EmitIntent& emit) {
  auto& draft = *draft_;
  ImGui::PushID("draft");
  ImGui::SetNextItemWidth(em(18));
  ImGui::InputText("Name", &draft.model.name);
  ImGui::InputTextMultiline("Summary", &draft.model.summary, ImVec2(std::min(ImGui::GetContentRegionAvail().x, em(30)), em(4)));
  for (std::size_t d = 0; d < kDimensionCount; ++d) {
    ImGui::PushID(static_cast<int>(d));
    float value = static_cast<float>(draft.model.weights[d]);
    ImGui::SetNextItemWidth(em(12));
    if (ImGui::SliderFloat(state.roleModels.dimensions[d].label.c_str(), &value, 0.0f, 1.0f, "%.2f",
                           ImGuiSliderFlags_AlwaysClamp))
      draft.model.weights[d] = value;
    ImGui::PopID();
  }
  ImGui::Checkbox("Use this copy instead of the built-in", &draft.active);
  const bool nameOk = !draft.model.name.empty() && isValidUtf8(draft.model.name) &&
                      utf8Length(draft.model.name) <= kMaxNameLength;
  ImGui::BeginDisabled(!nameOk);
  beginDatabaseWrite(state.readOnly);
  const bool save = ImGui::Button("Save copy");
  endDatabaseWrite(state.readOnly);
  ImGui::EndDisabled();
  ImGui::SameLine();
  const bool cancel = ImGui::Button("Cancel");
  ImGui::PopID();
  if (save) emit(intent::SaveRoleModelCopy{draft});
  if (save || cancel) draft_.reset();
}

void RolesView::copiesSection(const AppState& state, const EmitIntent& emit) {
  const auto header = fmt::format("Your copies ({})###copies", state.roleModelCopies.size());
  if (!ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (state.roleModelCopies.empty()) {
    ImGui::TextDisabled("None yet: \"Copy and edit\" on a role model makes one.");
    return;
  }
  const auto version = fmt::format("Results now use role models {}", state.roleModels.version);
  ImGui::TextDisabled("%s", version.c_str());
  for (const RoleModelCopy& copy : state.roleModelCopies) {
    ImGui::PushID(copy.id.c_str());
    const bool editing = draft_ && draft_->id == copy.id;
    textView(copy.model.name);
    ImGui::SameLine();
    ImGui::TextDisabled("replaces %s%s", copy.model.id.c_str(), copy.active ? ", in use" : "");
    if (editing) {
      ImGui::Indent(em(1));
      copyEditor(state, emit);
      ImGui::Unindent(em(1));
    } else {
      if (ImGui::SmallButton("Edit")) draft_ = copy;
      ImGui::SameLine();
      beginDatabaseWrite(state.readOnly);
      if (ImGui::SmallButton(copy.active ? "Stop using" : "Use")) {
        RoleModelCopy toggled = copy;
        toggled.active = !copy.active;
        emit(intent::SaveRoleModelCopy{toggled});
      }
      endDatabaseWrite(state.readOnly);
      ImGui::SameLine();
      beginDatabaseWrite(state.readOnly);
      if (ImGui::SmallButton("Delete")) emit(intent::DeleteRoleModelCopy{copy.id});
      endDatabaseWrite(state.readOnly);
    }
    ImGui::PopID();
  }
}

namespace {

void responsibilities(const AppState& state) {
  if (!ImGui::CollapsingHeader("Responsibilities")) return;
  if (!ImGui::BeginTable("responsibilities", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp))
    return;
  ImGui::TableSetupColumn("Responsibility", 0, 3.0f);
  ImGui::TableSetupColumn("Usually", 0, 0.7f);
  ImGui::TableSetupColumn("Source", 0, 0.6f);
  ImGui::TableHeadersRow();
  for (const auto& r : state.roleModels.responsibilities) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0);
    textView(r.text);
    ImGui::PopTextWrapPos();
    ImGui::TableNextColumn();
    textView(label(r.owner));
    ImGui::TableNextColumn();
    textView(r.sourceText);
    sourcesTooltip(state, r.sources);
  }
  ImGui::EndTable();
}

void references(const AppState& state) {
  if (!ImGui::CollapsingHeader("Reference companies")) return;
  for (const ReferenceKind kind : {ReferenceKind::archetype, ReferenceKind::real}) {
    ImGui::Spacing();
    ImGui::TextDisabled(kind == ReferenceKind::archetype ? "Archetypes: the structure the articles advise"
                                                         : "Real companies: the structure they had, public facts");
    ImGui::Separator();
    for (const auto& ref : state.roleModels.references) {
      if (ref.kind != kind) continue;
      ImGui::PushID(ref.id.c_str());
      structureBadge(ref.structure);
      ImGui::SameLine();
      textView(kind == ReferenceKind::real ? fmt::format("{}, {}", ref.name, ref.year) : ref.name);
      ImGui::Indent(em(1));
      ImGui::PushTextWrapPos(0);
      ImGui::TextDisabled("%s (sources %s)", ref.why.c_str(), ref.sourceText.c_str());
      if (kind == ReferenceKind::real && ImGui::TreeNode("facts", "Facts and their sources (%zu)", ref.facts.size())) {
        for (std::size_t i = 0; i < ref.facts.size(); ++i) {
          const auto& fact = ref.facts[i];
          ImGui::PushID(static_cast<int>(i));
          const FieldInfo* field = findField(fact.field);
          ImGui::Bullet();
          textView(fmt::format("{}: {}", field ? field->label : fact.field, fact.value));
          ImGui::SameLine();
          if (ImGui::SmallButton("Copy source")) ImGui::SetClipboardText(fact.source.c_str());
          if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", fact.source.c_str());
          ImGui::PopID();
        }
        ImGui::TreePop();
      }
      ImGui::PopTextWrapPos();
      ImGui::Unindent(em(1));
      ImGui::PopID();
    }
  }
}

}  // namespace

void RolesView::draw(const AppState& state, const EmitIntent& emit) {
  // A copy deleted (or its making undone) while it was being edited: nothing left to edit.
  if (draft_ && std::none_of(state.roleModelCopies.begin(), state.roleModelCopies.end(),
                             [&](const RoleModelCopy& c) { return c.id == draft_->id; }))
    draft_.reset();
  ImGui::BeginChild("roles-scroll");
  const bool narrow = isNarrow();
  const float available = ImGui::GetContentRegionAvail().x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float cardWidth = narrow ? available : (available - 2 * spacing) / 3.0f;
  // Tall enough for a card's text and bars at laptop size; on a phone each
  // card takes its natural height in one column.
  const float cardHeight = narrow ? em(kPhoneCardEm) : std::max(em(22), ImGui::GetContentRegionAvail().y * 0.7f);
  for (std::size_t r = 0; r < 3 && r < state.roleModels.roleModels.size(); ++r) {
    if (!narrow && r > 0) ImGui::SameLine();
    roleCard(state, emit, state.roleModels.roleModels[r], r, cardWidth, cardHeight);
  }
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled(
      "Shared ground (000): strategy alignment, innovation for growth, efficiency, risk and security, working across "
      "departments, the technology budget, vendor selection. Natural tension (003): the CTO experiments, the CIO governs.");
  ImGui::PopTextWrapPos();
  copiesSection(state, emit);
  responsibilities(state);
  references(state);
  ImGui::EndChild();
}

}  // namespace rolefit::ui
