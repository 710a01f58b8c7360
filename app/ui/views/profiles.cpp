#include <algorithm>

#include <fmt/format.h>
#include <imgui.h>

#include "rolefit/model/fields.hpp"
#include "ui/style.hpp"
#include "ui/views/views.hpp"

namespace rolefit::ui {
namespace {

enum Column { Name, Industry_, Stage_, Employees, Leaders_, Updated, ColumnCount };

bool less(const Profile& a, const Profile& b, int column) {
  switch (column) {
    case Industry_: return toString(a.industry) < toString(b.industry);
    case Stage_: return a.stage < b.stage;
    case Employees: return a.employees < b.employees;
    case Leaders_: return a.leaders < b.leaders;
    case Updated: return a.updated_at < b.updated_at;
    default: return a.name < b.name;
  }
}

}  // namespace

void drawProfilesView(AppState& state) {
  ImGuiTextFilter& filter = state.profilesFilter;
  ImGui::TextUnformatted("Company profiles");
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - em(16));
  filter.Draw("##filter", em(16));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Filter by name (use -word to exclude)");
  ImGui::Spacing();

  if (state.profiles.empty()) {
    ImGui::TextDisabled("No profiles yet. Import a CSV with `rolefit import-csv FILE`.");
    return;
  }

  constexpr ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                    ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable |
                                    ImGuiTableFlags_Hideable;
  if (!ImGui::BeginTable("profiles", ColumnCount, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("Industry", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("Stage", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Employees", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Leaders today", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Last change", ImGuiTableColumnFlags_WidthStretch, 1.8f);
  ImGui::TableHeadersRow();

  if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsDirty && sort->SpecsCount > 0) {
    const int column = sort->Specs[0].ColumnIndex;
    const bool ascending = sort->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    std::stable_sort(state.profiles.begin(), state.profiles.end(), [&](const Profile& a, const Profile& b) {
      return ascending ? less(a, b, column) : less(b, a, column);
    });
    sort->SpecsDirty = false;
  }

  std::vector<int> visible;
  visible.reserve(state.profiles.size());
  for (int i = 0; i < static_cast<int>(state.profiles.size()); ++i)
    if (filter.PassFilter(state.profiles[static_cast<std::size_t>(i)].name.c_str())) visible.push_back(i);

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(visible.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const Profile& p = state.profiles[static_cast<std::size_t>(visible[static_cast<std::size_t>(row)])];
      ImGui::PushID(p.id.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(toString(p.industry).data(), toString(p.industry).data() + toString(p.industry).size());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(toString(p.stage).data(), toString(p.stage).data() + toString(p.stage).size());
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(p.employees));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(toString(p.leaders).data(), toString(p.leaders).data() + toString(p.leaders).size());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p.updated_at.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace rolefit::ui
