// Small drawing helpers shared by the views: the structure badge, fit bars
// and the radar chart (drawn with ImDrawList: no plotting library is packaged).
#pragma once
#include <span>
#include <string_view>

#include <imgui.h>

#include "rolefit/rolemodels/rolemodels.hpp"

namespace rolefit::ui {

ImVec4 structureColour(Structure s);
const char* structureShortName(Structure s);  // "CIO-led"
void structureBadge(Structure s);             // a coloured pill; full wording in a tooltip
ImVec2 structureBadgePadding();  // around the text, in pixels
// The pill alone, no layout item, at `at` (rounded down to whole pixels);
// returns its size. Copies a per-frame tessellation of the same badge.
ImVec2 drawStructureBadge(ImDrawList* draw, ImVec2 at, Structure s);
// Tessellates the pill afresh (what drawStructureBadge copies).
ImVec2 tessellateStructureBadge(ImDrawList* draw, ImVec2 at, Structure s, ImU32 fill);

// A labelled bar from 0 to 100; the label takes `labelWidth` (default 6.5 em).
void scoreBar(const char* label, double value, ImVec4 colour, float width, float labelWidth = 0);

// Short names of the need dimensions, for charts and narrow columns.
std::string_view shortDimensionLabel(std::size_t dimension);
std::span<const std::string_view> shortDimensionLabels();

struct RadarSeries {
  const char* name;
  std::span<const double> values;  // 0..100, one per axis
  ImU32 colour;
  bool filled = true;
};

// A radar (spider) chart with one axis per label; `size` is the square's side.
void radarChart(const char* id, std::span<const std::string_view> axes, std::span<const RadarSeries> series, float size);

// A series colour that reads on both themes.
ImU32 seriesColour(std::size_t index, float alpha = 1.0f);

// Around a control that changes the database: greyed out while the database
// is read-only (a colleague's file, a read-only share), and its tooltip says
// why. A control greyed for a reason of its own as well nests it inside.
void beginDatabaseWrite(bool readOnly);
void endDatabaseWrite(bool readOnly);
inline constexpr const char* kReadOnlyTooltip = "The database is read-only here: it can be read and exported, not changed";

void textView(std::string_view text);
void valueView(std::string_view value);  // a field's value as text; "(empty)" when there is none

}  // namespace rolefit::ui
