#include <algorithm>
#include <cstring>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/util/text.hpp"
#include "ui/frame.hpp"
#include "ui/style.hpp"
#include "ui/views/views.hpp"
#include "ui/widgets.hpp"

namespace rolefit::ui {
namespace {

enum Column { Name, IndustryColumn, Employees, Recommendation, CioFit, CtoFit, Updated, ColumnCount };

bool sortsByResult(int column) { return column == Recommendation || column == CioFit || column == CtoFit; }

// Only for lines that both have what the column shows (see sortProfiles).
bool less(const ProfileLine& a, const ProfileLine& b, int column) {
  switch (column) {
    case IndustryColumn: return label(a.industry) < label(b.industry);
    case Employees: return a.employees < b.employees;
    case Recommendation: return a.recommendation < b.recommendation;
    case CioFit: return a.fit[0] < b.fit[0];
    case CtoFit: return a.fit[1] < b.fit[1];
    case Updated: return a.updatedAt() < b.updatedAt();
    default: return ProfileList::nameLess(a, b);
  }
}

// By name the reader's order is taken as it is; by a result, the lines
// still being scored go last whichever the direction, and move up as their
// results come (the view re-sorts when they do).
void sortProfiles(AppState& state, int column, bool ascending) {
  const ProfileList& list = *state.profileList;
  auto& order = state.profileOrder;
  if (column == Name) {
    order = list.byName();
    if (!ascending) std::reverse(order.begin(), order.end());
    return;
  }
  auto lessLines = [&](std::uint32_t x, std::uint32_t y) {
    const ProfileLine& a = list[x];
    const ProfileLine& b = list[y];
    if (sortsByResult(column) && a.scored != b.scored) return a.scored;
    if (sortsByResult(column) && !a.scored) return false;
    return ascending ? less(a, b, column) : less(b, a, column);
  };
  std::stable_sort(order.begin(), order.end(), lessLines);
}

void setupWideColumns() {
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_DefaultSort, 3.0f);
  ImGui::TableSetupColumn("Industry", 0, 1.6f);
  ImGui::TableSetupColumn("Employees", ImGuiTableColumnFlags_PreferSortDescending, 1.0f);
  ImGui::TableSetupColumn("Recommendation", 0, 1.8f);
  ImGui::TableSetupColumn("CIO fit", ImGuiTableColumnFlags_PreferSortDescending, 0.8f);
  ImGui::TableSetupColumn("CTO fit", ImGuiTableColumnFlags_PreferSortDescending, 0.8f);
  ImGui::TableSetupColumn("Last change (UTC)", ImGuiTableColumnFlags_PreferSortDescending, 1.5f);
  ImGui::TableHeadersRow();
}

// Cell text drawn straight into the cell: the row's one layout item is its
// Selectable. The width (measured once per font size) still reaches the
// column's "size to fit". The table clips each column, so long text is cut
// at the column's edge as with Text.
void cellText(ImGuiWindow* window, std::string_view text, float width, ImU32 colour) {
  const ImVec2 at(window->DC.CursorPos.x, window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
  window->DrawList->AddText(at, colour, text.data(), text.data() + text.size());
  window->DC.CursorMaxPos.x = std::max(window->DC.CursorMaxPos.x, at.x + width);
}

void measureCells(AppState::RowText& text, const ProfileLine& p) {
  const float fontSize = ImGui::GetFontSize();
  if (text.widthsFontSize == fontSize) return;
  auto width = [](std::string_view t) { return ImGui::CalcTextSize(t.data(), t.data() + t.size()).x; };
  text.widths[Name] = width(p.name());
  text.widths[IndustryColumn] = width(label(p.industry));
  text.widths[Employees] = width(text.employees);
  text.widths[Recommendation] =
      p.scored ? width(structureShortName(p.recommendation)) + 2 * structureBadgePadding().x : width("...");
  text.widths[CioFit] = width(text.cioFit);
  text.widths[CtoFit] = width(text.ctoFit);
  text.widths[Updated] = width(text.updated);
  text.widthsFontSize = fontSize;
}

// Dear ImGui's defaults, made for menus and trees, paint hover stronger than
// selection; in a table the selection must stand out, hover only hint, and
// a selected row stay as it is under the mouse. The rows' colours are pushed
// once around them; the row menu gets the theme's own back.
struct RowColours {
  ImU32 text;
  ImVec4 selected, hovered;
  ImVec4 themeHeader, themeHovered;
};

RowColours pushRowColours() {
  const ImVec4 header = ImGui::GetStyleColorVec4(ImGuiCol_Header);
  const ImVec4 accent = ImGui::GetStyleColorVec4(ImGuiCol_HeaderHovered);
  const RowColours colours{ImGui::GetColorU32(ImGuiCol_Text), ImVec4(accent.x, accent.y, accent.z, 0.55f),
                           ImVec4(accent.x, accent.y, accent.z, 0.2f), header, accent};
  ImGui::PushStyleColor(ImGuiCol_Header, colours.selected);
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, colours.hovered);
  return colours;
}

void rowContextMenu(AppState& state, std::string_view lineId, const RowColours& colours) {
  if (!ImGui::BeginPopupContextItem("row-menu")) return;
  const std::string id(lineId);
  ImGui::PushStyleColor(ImGuiCol_Header, colours.themeHeader);
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, colours.themeHovered);
  if (!state.isSelected(id)) state.emit(intent::Select{id, false});
  if (ImGui::MenuItem("Edit", "Enter")) state.emit(intent::OpenEditor{id});
  if (ImGui::MenuItem("Compare")) state.emit(intent::OpenView{ViewId::Compare});  // the row is selected above
  if (ImGui::MenuItem("Duplicate")) state.emit(intent::DuplicateProfile{id});
  ImGui::Separator();
  if (ImGui::BeginMenu("Add to session", !state.sessions.empty())) {
    for (const auto& s : state.sessions) {
      ImGui::PushID(s.id.c_str());
      if (ImGui::MenuItem(s.name.c_str())) state.emit(intent::AddSelectionToSession{s.id});
      ImGui::PopID();
    }
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Export selected...")) state.emit(intent::ChooseExportFile{});
  ImGui::Separator();
  const auto label = state.selection().size() > 1 ? fmt::format("Delete {} profiles", state.selection().size())
                                                : std::string("Delete");
  if (ImGui::MenuItem(label.c_str(), "Del")) state.emit(intent::DeleteProfiles{state.selection()});
  ImGui::PopStyleColor(2);
  ImGui::EndPopup();
}

// One row; the name cell is a Selectable spanning the row: click selects,
// Ctrl+click adds, double-click opens the editor.

void drawRow(AppState& state, std::size_t i, bool narrow, const RowColours& colours) {
  const ProfileLine& p = (*state.profileList)[i];
  auto& text = state.rowText(i);
  ImGui::PushID(static_cast<int>(text.key));
  ImGui::TableNextRow(0, narrow ? em(2.6f) : 0.0f);
  ImGui::TableNextColumn();
  // The id is copied only when a click uses it: not for every row drawn.
  const std::string_view id = p.id();
  const bool selected = state.isSelected(id);
  const ImVec2 cellStart = ImGui::GetCursorScreenPos();
  if (selected) ImGui::PushStyleColor(ImGuiCol_HeaderHovered, colours.selected);
  const bool clicked = ImGui::Selectable("##row", selected,
                                         ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap |
                                             ImGuiSelectableFlags_AllowDoubleClick,
                                         ImVec2(0, narrow ? em(2.4f) : 0.0f));
  if (selected) ImGui::PopStyleColor();
  if (clicked) state.emit(intent::Select{std::string(id), ImGui::GetIO().KeyCtrl});
  const bool hovered = ImGui::IsItemHovered();
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) state.emit(intent::OpenEditor{std::string(id)});
  else if (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))
    state.emit(intent::OpenEditor{std::string(id)});
  rowContextMenu(state, id, colours);
  if (narrow) {
    // Name and industry stacked inside the tall, finger-sized row.
    ImGui::SetCursorScreenPos(cellStart);
    ImGui::TextUnformatted(p.name().data(), p.name().data() + p.name().size());
    ImGui::TextDisabled("%s", label(p.industry).data());
    ImGui::TableNextColumn();
    if (p.scored) structureBadge(p.recommendation);
    else ImGui::TextDisabled("...");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(text.fits);
    ImGui::PopID();
    return;
  }
  measureCells(text, p);
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  window->DC.CursorPos = cellStart;  // the name where the cell starts, under its header
  cellText(window, p.name(), text.widths[Name], colours.text);
  ImGui::TableNextColumn();
  cellText(window, label(p.industry), text.widths[IndustryColumn], colours.text);
  ImGui::TableNextColumn();
  cellText(window, text.employees, text.widths[Employees], colours.text);
  ImGui::TableNextColumn();
  // Centred on the text line, so the row keeps the height of one line of text.
  const ImVec2 at = window->DC.CursorPos;
  if (p.scored) drawStructureBadge(window->DrawList, ImVec2(at.x, at.y - structureBadgePadding().y), p.recommendation);
  else cellText(window, "...", text.widths[Recommendation], ImGui::GetColorU32(ImGuiCol_TextDisabled));
  window->DC.CursorMaxPos.x = std::max(window->DC.CursorMaxPos.x, window->DC.CursorPos.x + text.widths[Recommendation]);
  ImGui::TableNextColumn();
  cellText(window, text.cioFit, text.widths[CioFit], colours.text);
  ImGui::TableNextColumn();
  cellText(window, text.ctoFit, text.widths[CtoFit], colours.text);
  ImGui::TableNextColumn();
  cellText(window, text.updated, text.widths[Updated], colours.text);
  // The row is the item: the hovered column picks the tooltip.
  if (hovered) {
    const std::string_view updated = p.updatedAt();
    if (ImGui::TableGetColumnFlags(Recommendation) & ImGuiTableColumnFlags_IsHovered)
      ImGui::SetTooltip("%s", p.scored ? describe(p.recommendation).data() : "Still being worked out");
    else if (ImGui::TableGetColumnFlags(Updated) & ImGuiTableColumnFlags_IsHovered)
      ImGui::SetTooltip("Changed %.10s %.8s UTC", updated.data(), updated.size() > 11 ? updated.data() + 11 : "");
  }
  ImGui::PopID();
}

void drawToolbar(AppState& state, bool narrow, const std::vector<std::uint32_t>& visible) {
  if (ImGui::Button("New")) state.emit(intent::NewProfile{});
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A new company profile (Ctrl+N)");
  ImGui::SameLine();
  const bool one = state.selection().size() == 1;
  ImGui::BeginDisabled(!one);
  if (ImGui::Button("Edit")) state.emit(intent::OpenEditor{state.selection().front()});
  ImGui::SameLine();
  if (ImGui::Button("Duplicate")) state.emit(intent::DuplicateProfile{state.selection().front()});
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(state.selection().empty());
  if (ImGui::Button("Compare")) state.emit(intent::OpenView{ViewId::Compare});
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("One selected: its full comparison. Several: side by side.");
  ImGui::SameLine();
  if (ImGui::Button("Delete")) state.emit(intent::DeleteProfiles{state.selection()});
  ImGui::EndDisabled();
  if (!narrow) {
    ImGui::SameLine();
    if (ImGui::Button("Select all")) state.selectAll(visible);
    ImGui::SameLine();
    if (ImGui::Button("Export...")) state.emit(intent::ChooseExportFile{});
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Export the selected profiles (all when none is selected) as a session file");
  }
}

// "All advice" or one structure: the filter beside the name filter.
void adviceFilterCombo(AppState& state, float width) {
  const std::string current =
      state.adviceFilter ? std::string(structureShortName(*state.adviceFilter)) : std::string("All advice");
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo("##advice", current.c_str())) {
    if (ImGui::Selectable("All advice", !state.adviceFilter)) {
      state.adviceFilter.reset();
      state.visibleRowsStale = true;
    }
    for (std::size_t i = 0; i < kStructureCount; ++i) {
      const auto structure = static_cast<Structure>(i);
      if (ImGui::Selectable(structureShortName(structure), state.adviceFilter == structure)) {
        state.adviceFilter = structure;
        state.visibleRowsStale = true;
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", describe(structure).data());
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show only the profiles with this advice");
}

// While a large database is read: how far, and what is not complete yet.
void loadingLine(const AppState& state, const AppState::LoadProgress& progress, bool sortedByResult) {
  if (!progress.reading) return;
  auto count = [](std::size_t n) { return groupedThousands(static_cast<std::int64_t>(n)); };
  std::string line;
  std::size_t done = 0;
  if (!progress.linesReady) {
    done = progress.read;
    line = progress.total > 0 ? fmt::format("Reading the profiles: {} of {}", count(done), count(progress.total))
                              : std::string("Opening the database...");
  } else {
    done = progress.scored;
    line = fmt::format("Working out the advice: {} of {} profiles{}", count(done), count(progress.total),
                       sortedByResult || state.adviceFilter ? "; the rest join the order as they are done" : "");
  }
  const float fraction = progress.total == 0 ? 0.0f : static_cast<float>(done) / static_cast<float>(progress.total);
  ImGui::ProgressBar(fraction, ImVec2(em(8), ImGui::GetTextLineHeight()), "");
  ImGui::SameLine();
  ImGui::TextDisabled("%s", line.c_str());
}

}  // namespace

namespace {

// The rows shown, in display order: rebuilt when the order or a filter
// changes, not per frame.
void rebuildVisibleRows(AppState& state) {
  if (!state.visibleRowsStale) return;
  const ProfileList& list = *state.profileList;
  const ImGuiTextFilter& filter = state.profilesFilter;
  auto& visible = state.visibleRows;
  visible.clear();
  visible.reserve(state.profileOrder.size());
  const bool filtering = filter.IsActive();
  std::string name;
  for (std::uint32_t i : state.profileOrder) {
    const ProfileLine& line = list[i];
    if (state.adviceFilter && (!line.scored || line.recommendation != *state.adviceFilter)) continue;
    if (filtering) {
      name.assign(line.name());
      if (!filter.PassFilter(name.c_str())) continue;
    }
    visible.push_back(i);
  }
  state.visibleRowsStale = false;
}

// The advice filter and the name filter, right-aligned beside the toolbar.
void drawFilters(AppState& state, bool narrow) {
  ImGuiTextFilter& filter = state.profilesFilter;
  if (!narrow) ImGui::SameLine();
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float adviceWidth = narrow ? ImGui::GetContentRegionAvail().x * 0.4f : em(10);
  const float filterWidth = narrow ? ImGui::GetContentRegionAvail().x - adviceWidth - spacing
                                   : std::min(em(16), ImGui::GetContentRegionAvail().x - adviceWidth - spacing);
  if (!narrow)
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - filterWidth - adviceWidth - spacing);
  adviceFilterCombo(state, adviceWidth);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(filterWidth);
  if (state.focusFilter) {
    ImGui::SetKeyboardFocusHere();
    state.focusFilter = false;
  }
  if (ImGui::InputTextWithHint("##filter", "Filter by name (Ctrl+F)", filter.InputBuf, IM_ARRAYSIZE(filter.InputBuf))) {
    filter.Build();
    state.visibleRowsStale = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Filter by name; -word excludes, commas separate terms");
}

bool beginTable(bool narrow) {
  const ImVec2 tableSize(0, -ImGui::GetFrameHeightWithSpacing());
  if (!narrow) {
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                      ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                      ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable |
                                      ImGuiTableFlags_Hideable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("profiles", ColumnCount, flags, tableSize)) return false;
    setupWideColumns();
    return true;
  }
  if (!ImGui::BeginTable("profiles-narrow", 3,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                             ImGuiTableFlags_SizingStretchProp,
                         tableSize))
    return false;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Company", 0, 2.2f);
  ImGui::TableSetupColumn("Advice", 0, 1.6f);
  ImGui::TableSetupColumn("CIO/CTO", 0, 1.0f);
  ImGui::TableHeadersRow();
  return true;
}

// Sorts when the user asked for another order, when the list was replaced,
// or when results came in and the order is by result. The wide table's order
// carries over to the narrow one.
void sortIfDue(AppState& state, bool narrow) {
  bool specsChanged = false;
  if (ImGuiTableSortSpecs* sort = narrow ? nullptr : ImGui::TableGetSortSpecs(); sort && sort->SpecsCount > 0) {
    specsChanged = sort->SpecsDirty;
    if (specsChanged) {
      state.profileSort = {sort->Specs[0].ColumnIndex, sort->Specs[0].SortDirection == ImGuiSortDirection_Ascending};
      sort->SpecsDirty = false;
    }
  }
  if (specsChanged || !state.profileOrderSettled ||
      (state.profileOrderStale && sortsByResult(state.profileSort.column))) {
    sortProfiles(state, state.profileSort.column, state.profileSort.ascending);
    state.visibleRowsStale = true;  // shown from the next frame on
  }
  state.profileOrderStale = false;
  state.profileOrderSettled = true;
}

void drawFooter(const AppState& state) {
  const auto shown = groupedThousands(static_cast<std::int64_t>(state.visibleRows.size()));
  const auto total = groupedThousands(static_cast<std::int64_t>(state.profileCount()));
  const auto footer = state.selection().empty()
                          ? fmt::format("{} of {} profiles shown", shown, total)
                          : fmt::format("{} of {} profiles shown, {} selected", shown, total, state.selection().size());
  ImGui::TextDisabled("%s", footer.c_str());
}

}  // namespace

void drawProfilesView(AppState& state) {
  const bool narrow = isNarrow();
  state.refreshChangeTimesAfterMidnight();
  rebuildVisibleRows(state);
  drawToolbar(state, narrow, state.visibleRows);
  drawFilters(state, narrow);

  const AppState::LoadProgress progress = state.loadProgress();
  if (state.profileList->empty()) {
    ImGui::Spacing();
    if (progress.reading) loadingLine(state, progress, false);
    else ImGui::TextDisabled("No profiles yet: New (Ctrl+N), or import a session (Ctrl+O) or a CSV (rolefit import-csv).");
    return;
  }
  if (!beginTable(narrow)) return;
  sortIfDue(state, narrow);
  const RowColours colours = pushRowColours();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.visibleRows.size()));
  while (clipper.Step())
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row)
      drawRow(state, state.visibleRows[static_cast<std::size_t>(row)], narrow, colours);
  ImGui::PopStyleColor(2);
  ImGui::EndTable();

  if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && !ImGui::GetIO().WantTextInput &&
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete)) && !state.selection().empty())
    state.emit(intent::DeleteProfiles{state.selection()});
  if (progress.reading) loadingLine(state, progress, sortsByResult(state.profileSort.column));
  else drawFooter(state);
}

}  // namespace rolefit::ui
