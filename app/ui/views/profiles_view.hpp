// The profiles table and what only it needs: the order, the filters, the
// rows shown and their texts. The view owns that state; the app only says
// what the list is, and the view notices when the list is replaced or
// results arrive (AppState::listGeneration, resultsGeneration) and redoes its
// part. It reads the app as const and changes it only through intents.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <imgui.h>

#include "ui/app_state.hpp"

namespace rolefit::ui {

class ProfilesView {
 public:
  void draw(const AppState& state, const EmitIntent& emit);
  void focusFilter() { focusFilter_ = true; }  // Ctrl+F

  // The table's numbers as text, formatted when a row is first drawn (not
  // per frame) and kept for the rows on screen only.
  struct RowText {
    char employees[24];
    char cioFit[8];
    char ctoFit[8];
    char fits[16];     // "75 / 44", the phone layout's column
    char updated[24];  // "11:44" for a change today (UTC), "2026-11-20" for an older one
    ImGuiID key = 0;   // the row's ImGui id seed, hashed from the profile id once
    // The cell text widths (for a column's "size to fit"), measured when
    // first drawn in a font size.
    float widthsFontSize = 0;
    std::array<float, 7> widths{};
  };
  const RowText& rowText(const AppState& state, std::size_t line);

  // What the table shows and in which order (lines of the list); for tests
  // and benchmarks, as of the last frame drawn.
  const std::vector<std::uint32_t>& order() const { return order_; }
  const std::vector<std::uint32_t>& visibleRows() const { return visibleRows_; }
  struct Sort {
    int column = 0;  // the wide table's column; 0: name
    bool ascending = true;
  };
  void setSort(Sort sort);  // as a click on a column's header does
  // As choosing an entry of the "All advice" filter does.
  void setAdviceFilter(std::optional<Structure> advice);
  std::optional<Structure> adviceFilter() const { return adviceFilter_; }

  // Dear ImGui's defaults, made for menus and trees, paint hover stronger
  // than selection; in a table the selection must stand out, hover only
  // hint, and a selected row stay as it is under the mouse. The rows'
  // colours are pushed once around them; the row menu gets the theme's own back.
  struct RowColours {
    ImU32 text = 0;
    ImVec4 selected, hovered;
    ImVec4 themeHeader, themeHovered;
  };

 private:
  void followList(const AppState& state);
  void formatChangeTimes();
  RowText& ownRowText(const AppState& state, std::size_t line);
  void sortLines(const ProfileList& list);
  void sortIfDue(const ProfileList& list, bool narrow);
  void rebuildVisibleRows(const ProfileList& list);
  void drawToolbar(const AppState& state, const EmitIntent& emit, bool narrow);
  void drawFilters(bool narrow);
  void adviceFilterCombo(float width);
  void drawRow(const AppState& state, const EmitIntent& emit, std::size_t line, bool narrow);
  void loadingLine(const LoadProgress& progress, bool sortedByResult) const;
  void drawFooter(const AppState& state) const;

  // Which list the order and texts are of, and how far its results were seen.
  std::uint64_t listSeen_ = ~std::uint64_t{0};
  std::uint64_t resultsSeen_ = ~std::uint64_t{0};
  std::vector<std::uint32_t> order_;  // display order (lines)
  Sort sort_;
  bool orderSettled_ = false;  // sorted since the list was last replaced
  bool orderStale_ = true;     // results came in: an order by result is due again
  // The rows shown (filtered, in display order), rebuilt only when the order
  // or a filter changes: not per frame.
  std::vector<std::uint32_t> visibleRows_;
  bool visibleRowsStale_ = true;
  std::optional<Structure> adviceFilter_;
  ImGuiTextFilter nameFilter_;
  bool focusFilter_ = false;
  std::unordered_map<std::uint32_t, RowText> rowTexts_;
  std::int64_t rowTextsDay_ = 0;  // the UTC day the change times were formatted on
  char today_[16] = "";           // ... as "2026-11-23"
  RowColours colours_;            // this frame's, while the rows are drawn
};

}  // namespace rolefit::ui
