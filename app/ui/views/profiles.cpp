#include <algorithm>

#include <fmt/format.h>
#include <imgui.h>

#include "rolefit/model/fields.hpp"
#include "ui/style.hpp"
#include "ui/views/views.hpp"

namespace rolefit::ui {
namespace {

enum Column { Name, IndustryColumn, Employees, Recommendation, CioFit, CtoFit, Updated, ColumnCount };

ImVec4 structureColour(Structure s) {
  switch (s) {
    case Structure::cio_led: return ImVec4(0.18f, 0.44f, 0.87f, 1);
    case Structure::cto_led: return ImVec4(0.10f, 0.64f, 0.48f, 1);
    case Structure::cio_and_cto: return ImVec4(0.52f, 0.36f, 0.85f, 1);
    case Structure::hybrid: return ImVec4(0.85f, 0.55f, 0.12f, 1);
    case Structure::cio_and_product_ctos: return ImVec4(0.80f, 0.30f, 0.45f, 1);
  }
  return ImVec4(0.5f, 0.5f, 0.5f, 1);
}

// A rounded pill behind the structure's short name; the full wording in a tooltip.
void structureBadge(Structure s) {
  static constexpr const char* kShort[] = {"CIO-led", "CTO-led", "CIO + CTO", "Hybrid", "CIO + CTOs"};
  const char* text = kShort[static_cast<std::size_t>(s)];
  const ImVec2 size = ImGui::CalcTextSize(text);
  const ImVec2 pad(em(0.45f), em(0.08f));
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + size.x + 2 * pad.x, at.y + size.y + 2 * pad.y),
                                            ImGui::GetColorU32(structureColour(s)), em(0.6f));
  ImGui::SetCursorScreenPos(ImVec2(at.x + pad.x, at.y + pad.y));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", describe(s).data());
}

void textView(std::string_view text) { ImGui::TextUnformatted(text.data(), text.data() + text.size()); }

bool less(const AppState& state, std::size_t a, std::size_t b, int column) {
  const Profile& pa = state.profiles[a];
  const Profile& pb = state.profiles[b];
  switch (column) {
    case IndustryColumn: return toString(pa.industry) < toString(pb.industry);
    case Employees: return pa.employees < pb.employees;
    case Recommendation: return state.scores[a].recommendation < state.scores[b].recommendation;
    case CioFit: return state.scores[a].fit[0] < state.scores[b].fit[0];
    case CtoFit: return state.scores[a].fit[1] < state.scores[b].fit[1];
    case Updated: return pa.updated_at < pb.updated_at;
    default: return pa.name < pb.name;
  }
}

void setupWideColumns() {
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_DefaultSort, 3.0f);
  ImGui::TableSetupColumn("Industry", 0, 1.6f);
  ImGui::TableSetupColumn("Employees", ImGuiTableColumnFlags_PreferSortDescending, 1.0f);
  ImGui::TableSetupColumn("Recommendation", 0, 1.8f);
  ImGui::TableSetupColumn("CIO fit", ImGuiTableColumnFlags_PreferSortDescending, 0.8f);
  ImGui::TableSetupColumn("CTO fit", ImGuiTableColumnFlags_PreferSortDescending, 0.8f);
  ImGui::TableSetupColumn("Last change", ImGuiTableColumnFlags_PreferSortDescending, 1.7f);
  ImGui::TableHeadersRow();
}

// Below this width (a phone in portrait) the table keeps only what fits:
// the name with its industry, the recommendation and the two fits.
bool isNarrow() { return ImGui::GetContentRegionAvail().x < em(36); }

void drawNarrowRow(const Profile& p, const Scores& s) {
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(p.name.c_str());
  ImGui::TextDisabled("%s", toString(p.industry).data());
  ImGui::TableNextColumn();
  structureBadge(s.recommendation);
  ImGui::TableNextColumn();
  ImGui::Text("%.0f / %.0f", s.fit[0], s.fit[1]);
}

}  // namespace

void drawProfilesView(AppState& state) {
  ImGuiTextFilter& filter = state.profilesFilter;
  ImGui::TextUnformatted("Company profiles");
  const float filterWidth = std::min(em(16), ImGui::GetContentRegionAvail().x * 0.5f);
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - filterWidth + ImGui::GetCursorPosX() -
                  ImGui::GetStyle().ItemSpacing.x);
  ImGui::SetNextItemWidth(filterWidth);
  if (ImGui::InputTextWithHint("##filter", "Filter by name", filter.InputBuf, IM_ARRAYSIZE(filter.InputBuf)))
    filter.Build();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Filter by name; -word excludes, commas separate terms");
  ImGui::Spacing();

  if (state.profiles.empty()) {
    ImGui::TextDisabled("No profiles yet. Import a CSV with `rolefit import-csv FILE`.");
    return;
  }

  constexpr ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                    ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable |
                                    ImGuiTableFlags_Hideable | ImGuiTableFlags_SizingStretchProp;
  const bool narrow = isNarrow();
  if (narrow) {
    if (!ImGui::BeginTable("profiles-narrow", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp))
      return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Company", 0, 2.2f);
    ImGui::TableSetupColumn("Advice", 0, 1.6f);
    ImGui::TableSetupColumn("CIO/CTO", 0, 1.0f);
    ImGui::TableHeadersRow();
  } else {
    if (!ImGui::BeginTable("profiles", ColumnCount, flags)) return;
    setupWideColumns();
  }
  // The wide table's sort order carries over to the narrow one.
  if (ImGuiTableSortSpecs* sort = narrow ? nullptr : ImGui::TableGetSortSpecs();
      sort && sort->SpecsCount > 0 && (sort->SpecsDirty || state.profileOrderStale)) {
    const int column = sort->Specs[0].ColumnIndex;
    const bool ascending = sort->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    std::stable_sort(state.profileOrder.begin(), state.profileOrder.end(), [&](std::size_t a, std::size_t b) {
      return ascending ? less(state, a, b, column) : less(state, b, a, column);
    });
    sort->SpecsDirty = false;
    state.profileOrderStale = false;
  }

  std::vector<std::size_t> visible;
  visible.reserve(state.profileOrder.size());
  for (std::size_t i : state.profileOrder)
    if (filter.PassFilter(state.profiles[i].name.c_str())) visible.push_back(i);

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(visible.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const std::size_t i = visible[static_cast<std::size_t>(row)];
      const Profile& p = state.profiles[i];
      const Scores& s = state.scores[i];
      ImGui::PushID(p.id.c_str());
      ImGui::TableNextRow();
      if (narrow) {
        drawNarrowRow(p, s);
        ImGui::PopID();
        continue;
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p.name.c_str());
      ImGui::TableNextColumn();
      textView(toString(p.industry));
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(p.employees));
      ImGui::TableNextColumn();
      structureBadge(s.recommendation);
      ImGui::TableNextColumn();
      ImGui::Text("%.0f", s.fit[0]);
      ImGui::TableNextColumn();
      ImGui::Text("%.0f", s.fit[1]);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p.updated_at.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace rolefit::ui
