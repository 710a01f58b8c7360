// One profile against the role models (radar of needs against the CIO and
// CTO emphasis, fits, reasons with sources, what-if, responsibilities,
// nearest references), or several selected profiles side by side.
#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <imgui.h>

#include "rolefit/util/text.hpp"
#include "ui/style.hpp"
#include "ui/views/views.hpp"
#include "ui/widgets.hpp"

namespace rolefit::ui {
namespace {


std::array<double, kDimensionCount> emphasis(const RoleModel& m) {
  std::array<double, kDimensionCount> out{};
  for (std::size_t d = 0; d < kDimensionCount; ++d) out[d] = m.weights[d] * 100.0;
  return out;
}

void legend(const char* text, ImU32 colour) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float side = ImGui::GetTextLineHeight() * 0.7f;
  const float offset = (ImGui::GetTextLineHeight() - side) * 0.5f;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + offset), ImVec2(at.x + side, at.y + offset + side), colour, 2);
  ImGui::Dummy(ImVec2(side, ImGui::GetTextLineHeight()));
  ImGui::SameLine();
  ImGui::TextUnformatted(text);
}

void needsRadar(const AppState& state, const Scores& s, float size) {
  const auto cio = emphasis(state.roleModels.cio());
  const auto cto = emphasis(state.roleModels.cto());
  const RadarSeries series[] = {
      {"CIO emphasis", cio, seriesColour(1), false},
      {"CTO emphasis", cto, seriesColour(2), false},
      {"Needs", s.needs, seriesColour(0), true},
  };
  radarChart("needs-radar", shortDimensionLabels(), series, size);
  legend("This company's needs", seriesColour(0));
  ImGui::SameLine();
  legend("CIO", seriesColour(1));
  ImGui::SameLine();
  legend("CTO", seriesColour(2));
}

void reasonsTable(const Evaluation& e) {
  if (e.reasons.empty()) return;
  if (!ImGui::BeginTable("reasons", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp))
    return;
  ImGui::TableSetupColumn("Input", 0, 1.2f);
  ImGui::TableSetupColumn("Rule", 0, 2.2f);
  ImGui::TableSetupColumn("Source", 0, 0.5f);
  ImGui::TableHeadersRow();
  for (const auto& r : e.reasons) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0);
    textView(r.factor);
    ImGui::TableNextColumn();
    textView(r.rule);
    ImGui::PopTextWrapPos();
    ImGui::TableNextColumn();
    textView(r.source);
  }
  ImGui::EndTable();
}

void responsibilitiesTable(const Evaluation& e, bool narrow) {
  std::size_t uncovered = 0;
  for (const auto& r : e.responsibilities) uncovered += r.covered ? 0 : 1;
  const auto header = fmt::format("Responsibilities ({} not covered by today's leaders)###responsibilities", uncovered);
  if (!ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
  const int columns = narrow ? 2 : 4;
  if (!ImGui::BeginTable("responsibilities", columns,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp))
    return;
  ImGui::TableSetupColumn("Responsibility", 0, 3.0f);
  ImGui::TableSetupColumn(narrow ? "Who" : "Held by", 0, 1.2f);
  if (!narrow) {
    ImGui::TableSetupColumn("Covered today", 0, 0.9f);
    ImGui::TableSetupColumn("Source", 0, 0.6f);
  }
  ImGui::TableHeadersRow();
  const ImVec4 yes(0.25f, 0.70f, 0.40f, 1), no(0.93f, 0.40f, 0.32f, 1);
  for (const auto& r : e.responsibilities) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0);
    textView(r.item->text);
    ImGui::PopTextWrapPos();
    ImGui::TableNextColumn();
    textView(r.holder);
    if (narrow) {
      ImGui::TextColored(r.covered ? yes : no, "%s", r.covered ? "covered" : "not covered");
      continue;
    }
    ImGui::TableNextColumn();
    ImGui::TextColored(r.covered ? yes : no, "%s", r.covered ? "yes" : "no");
    ImGui::TableNextColumn();
    textView(r.item->sourceText);
  }
  ImGui::EndTable();
}

// Archetypes stand for kinds of company; real ones are public facts of a
// year, with the link to copy.
void referencesTable(const Evaluation& e, bool narrow) {
  if (!ImGui::CollapsingHeader("Companies like this one", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!ImGui::BeginTable("references", narrow ? 2 : 3,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp))
    return;
  ImGui::TableSetupColumn("Company", 0, 2.2f);
  ImGui::TableSetupColumn("Structure", 0, 1.4f);
  if (!narrow) ImGui::TableSetupColumn("Similar", 0, 0.6f);
  ImGui::TableHeadersRow();
  for (const auto& n : e.nearest) {
    const ReferenceCompany& c = *n.company;
    const bool real = c.kind == ReferenceKind::real;
    ImGui::PushID(c.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0);
    textView(c.name);
    ImGui::PopTextWrapPos();
    if (real) {
      ImGui::TextDisabled("Public facts, %d", c.year);
      if (!narrow) ImGui::SameLine();
      if (ImGui::SmallButton("Copy link")) ImGui::SetClipboardText(c.link.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.link.c_str());
    } else {
      ImGui::TextDisabled("Archetype (%s)", c.sourceText.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextDisabled(real ? "Had" : "Advised");
    structureBadge(c.structure);
    if (narrow) ImGui::TextDisabled("%.0f%% similar", n.similarity);
    else {
      ImGui::TableNextColumn();
      ImGui::Text("%.0f%%", n.similarity);
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("Real companies: public facts of the year named, each with its source; their goals and "
                      "capabilities are not public and are read as a middle 3.");
  ImGui::PopTextWrapPos();
}

void drawOne(const AppState& state, const EvaluatedProfile& shown) {
  const Profile& p = shown.profile;
  const Evaluation& e = shown.evaluation;
  const bool narrow = isNarrow();
  ImGui::TextUnformatted(p.name.c_str());
  if (!narrow) ImGui::SameLine();
  ImGui::TextDisabled("%s \u00b7 %s \u00b7 %s employees", label(p.industry).data(), label(p.stage).data(),
                      groupedThousands(p.employees).c_str());
  ImGui::Separator();
  ImGui::BeginChild("compare-scroll");
  const float width = ImGui::GetContentRegionAvail().x;
  const float chart = narrow ? width : std::min(em(24), width * kCompareChartShare);
  if (!narrow) ImGui::BeginGroup();
  needsRadar(state, e.scores, chart);
  if (!narrow) {
    ImGui::EndGroup();
    ImGui::SameLine();
  }
  ImGui::BeginGroup();
  const float cardWidth = narrow ? width : width - chart - ImGui::GetStyle().ItemSpacing.x;
  ImGui::PushID("card");
  drawResultSummary(state, e, cardWidth);
  ImGui::PopID();
  ImGui::EndGroup();
  ImGui::Spacing();
  if (ImGui::CollapsingHeader("Reasons and their sources", ImGuiTreeNodeFlags_DefaultOpen)) reasonsTable(e);
  responsibilitiesTable(e, narrow);
  referencesTable(e, narrow);
  ImGui::EndChild();
}

void drawSeveral(const AppState& state, const EmitIntent& emit) {
  const auto& chosen = state.comparison.profiles;
  const std::size_t selected = state.comparison.selected;
  const bool narrow = isNarrow();
  const auto title = selected > chosen.size()
                         ? fmt::format("The first {} of {} selected profiles side by side", chosen.size(), selected)
                         : fmt::format("{} profiles side by side", chosen.size());
  ImGui::TextUnformatted(title.c_str());
  ImGui::Separator();
  ImGui::BeginChild("compare-several");
  const int columns = narrow ? 3 : 6;
  if (ImGui::BeginTable("side-by-side", columns,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Company", 0, 2.0f);
    ImGui::TableSetupColumn("Advice", 0, 1.2f);
    ImGui::TableSetupColumn(narrow ? "CIO/CTO" : "CIO fit", 0, 0.7f);
    if (!narrow) {
      ImGui::TableSetupColumn("CTO fit", 0, 0.7f);
      ImGui::TableSetupColumn("Hybrid fit", 0, 0.7f);
      ImGui::TableSetupColumn("Runner-up (margin)", 0, 1.6f);
    }
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      const Profile& p = chosen[i].profile;
      const Evaluation& e = chosen[i].evaluation;
      const Scores& s = e.scores;
      ImGui::PushID(p.id.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const ImVec2 at = ImGui::GetCursorScreenPos();
      const float side = ImGui::GetTextLineHeight() * 0.6f;
      ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + side * 0.5f, at.y + ImGui::GetTextLineHeight() * 0.5f),
                                                  side * 0.5f, seriesColour(i));
      ImGui::Dummy(ImVec2(side, 0));
      ImGui::SameLine();
      if (ImGui::Selectable(safeLabel(p.name, "open").c_str())) {
        emit(intent::Select{p.id, false});
        emit(intent::OpenView{ViewId::Compare});
      }
      ImGui::TableNextColumn();
      structureBadge(s.recommendation);
      ImGui::TableNextColumn();
      if (narrow) {
        ImGui::Text("%.0f / %.0f", s.fit[0], s.fit[1]);
      } else {
        ImGui::Text("%.0f", s.fit[0]);
        ImGui::TableNextColumn();
        ImGui::Text("%.0f", s.fit[1]);
        ImGui::TableNextColumn();
        ImGui::Text("%.0f", s.fit[2]);
        ImGui::TableNextColumn();
        ImGui::Text("%s (%.1f)", structureShortName(s.runnerUp), e.margin);
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::TextDisabled("Needs, overlaid");
  std::vector<RadarSeries> series;
  for (std::size_t i = 0; i < chosen.size(); ++i)
    series.push_back({chosen[i].profile.name.c_str(), chosen[i].evaluation.scores.needs, seriesColour(i),
                      chosen.size() <= 3});
  const float width = ImGui::GetContentRegionAvail().x;
  radarChart("overlay", shortDimensionLabels(), series, std::min(width, em(26)));
  ImGui::EndChild();
}

}  // namespace

void drawCompareView(const AppState& state, const EmitIntent& emit) {
  const auto& shown = state.comparison.profiles;
  if (shown.empty()) {
    ImGui::TextDisabled("No profiles to compare yet.");
    return;
  }
  if (shown.size() > 1) drawSeveral(state, emit);
  else drawOne(state, shown.front());
}

}  // namespace rolefit::ui
