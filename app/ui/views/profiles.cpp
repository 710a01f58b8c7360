#include "ui/views/profiles_view.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
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

void measureCells(ProfilesView::RowText& text, const ProfileLine& p) {
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

using RowColours = ProfilesView::RowColours;

RowColours pushRowColours() {
  const ImVec4 header = ImGui::GetStyleColorVec4(ImGuiCol_Header);
  const ImVec4 accent = ImGui::GetStyleColorVec4(ImGuiCol_HeaderHovered);
  const RowColours colours{ImGui::GetColorU32(ImGuiCol_Text), ImVec4(accent.x, accent.y, accent.z, 0.55f),
                           ImVec4(accent.x, accent.y, accent.z, 0.2f), header, accent};
  ImGui::PushStyleColor(ImGuiCol_Header, colours.selected);
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, colours.hovered);
  return colours;
}

void rowContextMenu(const AppState& state, const EmitIntent& emit, std::string_view lineId, const RowColours& colours) {
  if (!ImGui::BeginPopupContextItem("row-menu")) return;
  const std::string id(lineId);
  ImGui::PushStyleColor(ImGuiCol_Header, colours.themeHeader);
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, colours.themeHovered);
  if (!state.selection.contains(id)) emit(intent::Select{id, false});
  if (ImGui::MenuItem("Edit", "Enter")) emit(intent::OpenEditor{id});
  if (ImGui::MenuItem("Compare")) emit(intent::OpenView{ViewId::Compare});  // the row is selected above
  if (ImGui::MenuItem("Duplicate")) emit(intent::DuplicateProfile{id});
  ImGui::Separator();
  if (ImGui::BeginMenu("Add to session", !state.sessions.empty())) {
    for (const auto& s : state.sessions) {
      ImGui::PushID(s.id.c_str());
      if (ImGui::MenuItem(s.name.c_str())) emit(intent::AddSelectionToSession{s.id});
      ImGui::PopID();
    }
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Export selected...")) emit(intent::ChooseExportFile{});
  ImGui::Separator();
  const auto label = state.selection.ids().size() > 1 ? fmt::format("Delete {} profiles", state.selection.ids().size())
                                                : std::string("Delete");
  if (ImGui::MenuItem(label.c_str(), "Del")) emit(intent::DeleteProfiles{state.selection.ids()});
  ImGui::PopStyleColor(2);
  ImGui::EndPopup();
}

// Days since 1970-01-01 in UTC (the system clock counts from that epoch).
std::int64_t utcDayNow() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count();
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

}  // namespace

// A new list (another read, another database) starts over in the reader's
// order; new results make an order or a filter by result due again and the
// rows' fit texts stale.
void ProfilesView::followList(const AppState& state) {
  if (state.listGeneration != listSeen_) {
    listSeen_ = state.listGeneration;
    resultsSeen_ = state.resultsGeneration;
    order_.resize(state.profileList->size());
    for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<std::uint32_t>(i);
    orderSettled_ = false;
    orderStale_ = true;
    visibleRowsStale_ = true;
    formatChangeTimes();
  } else if (state.resultsGeneration != resultsSeen_) {
    resultsSeen_ = state.resultsGeneration;
    orderStale_ = true;
    visibleRowsStale_ = true;
    rowTexts_.clear();  // the rows on screen are formatted again as they are drawn
  }
  if (utcDayNow() != rowTextsDay_) formatChangeTimes();  // "today" moved on at midnight UTC
}

void ProfilesView::formatChangeTimes() {
  rowTextsDay_ = utcDayNow();
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{rowTextsDay_}}};
  std::snprintf(today_, sizeof today_, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  rowTexts_.clear();  // formatted again as they are drawn
}

const ProfilesView::RowText& ProfilesView::rowText(const AppState& state, std::size_t line) {
  followList(state);
  return ownRowText(state, line);
}

ProfilesView::RowText& ProfilesView::ownRowText(const AppState& state, std::size_t lineIndex) {
  // Only the rows on screen are kept: a table of 100,000 profiles would
  // otherwise keep 100,000 of these.
  if (rowTexts_.size() > 4096) rowTexts_.clear();
  const auto [it, isNew] = rowTexts_.try_emplace(static_cast<std::uint32_t>(lineIndex));
  RowText& t = it->second;
  if (!isNew) return t;
  const ProfileLine& line = (*state.profileList)[lineIndex];
  t.key = ImHashStr(line.id().data(), line.id().size());
  const std::string employees = groupedThousands(line.employees);
  std::snprintf(t.employees, sizeof t.employees, "%s", employees.c_str());
  if (line.scored) {
    std::snprintf(t.cioFit, sizeof t.cioFit, "%.0f", line.fit[0]);
    std::snprintf(t.ctoFit, sizeof t.ctoFit, "%.0f", line.fit[1]);
    std::snprintf(t.fits, sizeof t.fits, "%.0f / %.0f", line.fit[0], line.fit[1]);
  } else {
    // Still being scored in the background.
    std::snprintf(t.cioFit, sizeof t.cioFit, "...");
    std::snprintf(t.ctoFit, sizeof t.ctoFit, "...");
    std::snprintf(t.fits, sizeof t.fits, "...");
  }
  // The time for today's changes, the day for older ones: what tells rows
  // apart at a glance (timestamps are ISO 8601, "2026-11-23T13:42:07Z").
  const std::string_view at = line.updatedAt();
  if (at.size() >= 16 && at.compare(0, 10, today_) == 0) std::snprintf(t.updated, sizeof t.updated, "%.5s", at.data() + 11);
  else std::snprintf(t.updated, sizeof t.updated, "%.10s", at.data());
  return t;
}

// By name the reader's order is taken as it is; by a result, the lines
// still being scored go last whichever the direction, and move up as their
// results come (the view re-sorts when they do).
void ProfilesView::sortLines(const ProfileList& list) {
  const int column = sort_.column;
  const bool ascending = sort_.ascending;
  if (column == Name) {
    order_ = list.byName();
    if (!ascending) std::reverse(order_.begin(), order_.end());
    return;
  }
  auto lessLines = [&](std::uint32_t x, std::uint32_t y) {
    const ProfileLine& a = list[x];
    const ProfileLine& b = list[y];
    if (sortsByResult(column) && a.scored != b.scored) return a.scored;
    if (sortsByResult(column) && !a.scored) return false;
    return ascending ? less(a, b, column) : less(b, a, column);
  };
  std::stable_sort(order_.begin(), order_.end(), lessLines);
}

// Sorts when the user asked for another order, when the list was replaced,
// or when results came in and the order is by result. The wide table's order
// carries over to the narrow one.
void ProfilesView::sortIfDue(const ProfileList& list, bool narrow) {
  bool specsChanged = false;
  if (ImGuiTableSortSpecs* specs = narrow ? nullptr : ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
    specsChanged = specs->SpecsDirty;
    if (specsChanged) {
      sort_ = {specs->Specs[0].ColumnIndex, specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending};
      specs->SpecsDirty = false;
    }
  }
  if (specsChanged || !orderSettled_ || (orderStale_ && sortsByResult(sort_.column))) {
    sortLines(list);
    visibleRowsStale_ = true;  // shown from the next frame on
  }
  orderStale_ = false;
  orderSettled_ = true;
}

// The rows shown, in display order: rebuilt when the order or a filter
// changes, not per frame.
void ProfilesView::rebuildVisibleRows(const ProfileList& list) {
  if (!visibleRowsStale_) return;
  visibleRows_.clear();
  visibleRows_.reserve(order_.size());
  const bool filtering = nameFilter_.IsActive();
  std::string name;
  for (std::uint32_t i : order_) {
    const ProfileLine& line = list[i];
    if (adviceFilter_ && (!line.scored || line.recommendation != *adviceFilter_)) continue;
    if (filtering) {
      name.assign(line.name());
      if (!nameFilter_.PassFilter(name.c_str())) continue;
    }
    visibleRows_.push_back(i);
  }
  visibleRowsStale_ = false;
}

void ProfilesView::setSort(Sort sort) {
  sort_ = sort;
  orderSettled_ = false;  // sorted at the next frame
}

void ProfilesView::setAdviceFilter(std::optional<Structure> advice) {
  adviceFilter_ = advice;
  visibleRowsStale_ = true;
}

// One row; the name cell is a Selectable spanning the row: click selects,
// Ctrl+click adds, double-click opens the editor.
void ProfilesView::drawRow(const AppState& state, const EmitIntent& emit, std::size_t i, bool narrow) {
  const ProfileLine& p = (*state.profileList)[i];
  auto& text = ownRowText(state, i);
  ImGui::PushID(static_cast<int>(text.key));
  ImGui::TableNextRow(0, narrow ? em(2.6f) : 0.0f);
  ImGui::TableNextColumn();
  // The id is copied only when a click uses it: not for every row drawn.
  const std::string_view id = p.id();
  const bool selected = state.selection.contains(id);
  const ImVec2 cellStart = ImGui::GetCursorScreenPos();
  if (selected) ImGui::PushStyleColor(ImGuiCol_HeaderHovered, colours_.selected);
  const bool clicked = ImGui::Selectable("##row", selected,
                                         ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap |
                                             ImGuiSelectableFlags_AllowDoubleClick,
                                         ImVec2(0, narrow ? em(2.4f) : 0.0f));
  if (selected) ImGui::PopStyleColor();
  if (clicked) emit(intent::Select{std::string(id), ImGui::GetIO().KeyCtrl});
  const bool hovered = ImGui::IsItemHovered();
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) emit(intent::OpenEditor{std::string(id)});
  else if (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))
    emit(intent::OpenEditor{std::string(id)});
  rowContextMenu(state, emit, id, colours_);
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
  cellText(window, p.name(), text.widths[Name], colours_.text);
  ImGui::TableNextColumn();
  cellText(window, label(p.industry), text.widths[IndustryColumn], colours_.text);
  ImGui::TableNextColumn();
  cellText(window, text.employees, text.widths[Employees], colours_.text);
  ImGui::TableNextColumn();
  // Centred on the text line, so the row keeps the height of one line of text.
  const ImVec2 at = window->DC.CursorPos;
  if (p.scored) drawStructureBadge(window->DrawList, ImVec2(at.x, at.y - structureBadgePadding().y), p.recommendation);
  else cellText(window, "...", text.widths[Recommendation], ImGui::GetColorU32(ImGuiCol_TextDisabled));
  window->DC.CursorMaxPos.x = std::max(window->DC.CursorMaxPos.x, window->DC.CursorPos.x + text.widths[Recommendation]);
  ImGui::TableNextColumn();
  cellText(window, text.cioFit, text.widths[CioFit], colours_.text);
  ImGui::TableNextColumn();
  cellText(window, text.ctoFit, text.widths[CtoFit], colours_.text);
  ImGui::TableNextColumn();
  cellText(window, text.updated, text.widths[Updated], colours_.text);
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

void ProfilesView::drawToolbar(const AppState& state, const EmitIntent& emit, bool narrow) {
  // A read-only database still opens in the editor, to read.
  beginDatabaseWrite(state.readOnly);
  if (ImGui::Button("New")) emit(intent::NewProfile{});
  endDatabaseWrite(state.readOnly);
  if (!state.readOnly && ImGui::IsItemHovered()) ImGui::SetTooltip("A new company profile (Ctrl+N)");
  ImGui::SameLine();
  const bool one = state.selection.ids().size() == 1;
  ImGui::BeginDisabled(!one);
  if (ImGui::Button("Edit")) emit(intent::OpenEditor{state.selection.ids().front()});
  ImGui::SameLine();
  beginDatabaseWrite(state.readOnly);
  if (ImGui::Button("Duplicate")) emit(intent::DuplicateProfile{state.selection.ids().front()});
  endDatabaseWrite(state.readOnly);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(state.selection.ids().empty());
  if (ImGui::Button("Compare")) emit(intent::OpenView{ViewId::Compare});
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("One selected: its full comparison. Several: side by side.");
  ImGui::SameLine();
  beginDatabaseWrite(state.readOnly);
  if (ImGui::Button("Delete")) emit(intent::DeleteProfiles{state.selection.ids()});
  endDatabaseWrite(state.readOnly);
  ImGui::EndDisabled();
  if (!narrow) {
    ImGui::SameLine();
    // Ids, not line numbers: an intent applied before this one may re-read the profiles.
    if (ImGui::Button("Select all")) emit(intent::SelectAll{state.idsOf(visibleRows_)});
    ImGui::SameLine();
    if (ImGui::Button("Export...")) emit(intent::ChooseExportFile{});
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Export the selected profiles (all when none is selected) as a session file");
  }
}

// "All advice" or one structure: the filter beside the name filter.
void ProfilesView::adviceFilterCombo(float width) {
  const std::string current =
      adviceFilter_ ? std::string(structureShortName(*adviceFilter_)) : std::string("All advice");
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo("##advice", current.c_str())) {
    if (ImGui::Selectable("All advice", !adviceFilter_)) setAdviceFilter(std::nullopt);
    for (std::size_t i = 0; i < kStructureCount; ++i) {
      const auto structure = static_cast<Structure>(i);
      if (ImGui::Selectable(structureShortName(structure), adviceFilter_ == structure)) setAdviceFilter(structure);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", describe(structure).data());
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show only the profiles with this advice");
}

// The advice filter and the name filter, right-aligned beside the toolbar.
void ProfilesView::drawFilters(bool narrow) {
  if (!narrow) ImGui::SameLine();
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float adviceWidth = narrow ? ImGui::GetContentRegionAvail().x * 0.4f : em(10);
  const float filterWidth = narrow ? ImGui::GetContentRegionAvail().x - adviceWidth - spacing
                                   : std::min(em(16), ImGui::GetContentRegionAvail().x - adviceWidth - spacing);
  if (!narrow)
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - filterWidth - adviceWidth - spacing);
  adviceFilterCombo(adviceWidth);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(filterWidth);
  if (focusFilter_) {
    ImGui::SetKeyboardFocusHere();
    focusFilter_ = false;
  }
  if (ImGui::InputTextWithHint("##filter", "Filter by name (Ctrl+F)", nameFilter_.InputBuf,
                               IM_ARRAYSIZE(nameFilter_.InputBuf))) {
    nameFilter_.Build();
    visibleRowsStale_ = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Filter by name; -word excludes, commas separate terms");
}

// While a large database is read: how far, and what is not complete yet.
void ProfilesView::loadingLine(const LoadProgress& progress, bool sortedByResult) const {
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
                       sortedByResult || adviceFilter_ ? "; the rest join the order as they are done" : "");
  }
  const float fraction = progress.total == 0 ? 0.0f : static_cast<float>(done) / static_cast<float>(progress.total);
  ImGui::ProgressBar(fraction, ImVec2(em(8), ImGui::GetTextLineHeight()), "");
  ImGui::SameLine();
  ImGui::TextDisabled("%s", line.c_str());
}

void ProfilesView::drawFooter(const AppState& state) const {
  const auto shown = groupedThousands(static_cast<std::int64_t>(visibleRows_.size()));
  const auto total = groupedThousands(static_cast<std::int64_t>(state.profileCount()));
  const auto footer = state.selection.ids().empty()
                          ? fmt::format("{} of {} profiles shown", shown, total)
                          : fmt::format("{} of {} profiles shown, {} selected", shown, total, state.selection.ids().size());
  ImGui::TextDisabled("%s", footer.c_str());
}

void ProfilesView::draw(const AppState& state, const EmitIntent& emit) {
  const bool narrow = isNarrow();
  followList(state);
  const ProfileList& list = *state.profileList;
  rebuildVisibleRows(list);
  drawToolbar(state, emit, narrow);
  drawFilters(narrow);

  const LoadProgress progress = state.loadProgress;
  if (list.empty()) {
    ImGui::Spacing();
    if (progress.reading) loadingLine(progress, false);
    else ImGui::TextDisabled("No profiles yet: New (Ctrl+N), or import a session (Ctrl+O) or a CSV (rolefit import-csv).");
    return;
  }
  if (!beginTable(narrow)) return;
  sortIfDue(list, narrow);
  colours_ = pushRowColours();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(visibleRows_.size()));
  while (clipper.Step())
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row)
      drawRow(state, emit, visibleRows_[static_cast<std::size_t>(row)], narrow);
  ImGui::PopStyleColor(2);
  ImGui::EndTable();

  if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && !ImGui::GetIO().WantTextInput &&
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete)) && !state.selection.ids().empty() && !state.readOnly)
    emit(intent::DeleteProfiles{state.selection.ids()});
  if (progress.reading) loadingLine(progress, sortsByResult(sort_.column));
  else drawFooter(state);
}

}  // namespace rolefit::ui
