#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <string_view>

#include <imgui_internal.h>

#include "ui/style.hpp"

namespace rolefit::ui {

ImVec4 structureColour(Structure s) {
  switch (s) {
    case Structure::cio_led: return ImVec4(0.18f, 0.44f, 0.87f, 1);
    case Structure::cto_led: return ImVec4(0.10f, 0.60f, 0.45f, 1);
    case Structure::cio_and_cto: return ImVec4(0.52f, 0.36f, 0.85f, 1);
    case Structure::hybrid: return ImVec4(0.80f, 0.50f, 0.10f, 1);
    case Structure::cio_and_product_ctos: return ImVec4(0.80f, 0.30f, 0.45f, 1);
  }
  return ImVec4(0.5f, 0.5f, 0.5f, 1);
}

const char* structureShortName(Structure s) {
  static constexpr const char* kShort[] = {"CIO-led", "CTO-led", "CIO + CTO", "Hybrid", "CIO + CTOs"};
  return kShort[static_cast<std::size_t>(s)];
}

ImVec2 structureBadgePadding() { return ImVec2(em(0.45f), em(0.08f)); }

ImVec2 tessellateStructureBadge(ImDrawList* draw, ImVec2 at, Structure s, ImU32 fill) {
  const char* text = structureShortName(s);
  const ImVec2 textSize = ImGui::CalcTextSize(text);
  const ImVec2 pad = structureBadgePadding();
  const ImVec2 end(at.x + textSize.x + 2 * pad.x, at.y + textSize.y + 2 * pad.y);
  draw->AddRectFilled(at, end, fill, em(0.6f));
  draw->AddText(ImVec2(at.x + pad.x, at.y + pad.y), IM_COL32(255, 255, 255, 255), text);
  return ImVec2(end.x - at.x, end.y - at.y);
}

namespace {

// A badge's vertices and indices relative to its corner, tessellated once
// and then copied into place: an anti-aliased pill costs more to tessellate
// than the rest of a table row, and the profiles table shows dozens.
//
// The copy is reused while everything the tessellation reads is unchanged:
// that is compared in full (font size, the text's glyphs with their atlas
// coordinates, the white pixel, circle precision, colour, anti-aliasing) on
// a badge's first use in a frame, so a new font, theme, alpha or context can
// never meet a stale copy; later uses in the same frame compare only what
// may change within a frame (font and its size, colour, draw list flags).
struct BadgeInputs {
  float fontSize;
  float circleError;
  float whitePixelU, whitePixelV;
  ImU32 fill;
  ImDrawListFlags flags;
  ImFontGlyph glyphs[16];  // the text's, as the font holds them (copied whole: compared as bytes)
};

BadgeInputs badgeInputs(Structure s, const ImDrawList* target, ImU32 fill) {
  BadgeInputs in;
  std::memset(&in, 0, sizeof in);  // no stray padding bytes in the comparison
  const ImDrawListSharedData* shared = ImGui::GetDrawListSharedData();
  in.fontSize = ImGui::GetFontSize();
  in.circleError = shared->CircleSegmentMaxError;
  in.whitePixelU = shared->TexUvWhitePixel.x;
  in.whitePixelV = shared->TexUvWhitePixel.y;
  in.fill = fill;
  in.flags = target->Flags;
  const ImFont* font = ImGui::GetFont();
  const std::string_view text = structureShortName(s);
  for (std::size_t i = 0; i < text.size() && i < std::size(in.glyphs); ++i)
    if (const ImFontGlyph* glyph = font->FindGlyph(static_cast<ImWchar>(static_cast<unsigned char>(text[i]))))
      std::memcpy(&in.glyphs[i], glyph, sizeof *glyph);
  return in;
}

struct BadgeStamp {
  int frame = -1;  // when the inputs were last compared in full
  const ImGuiContext* context = nullptr;
  const ImFont* font = nullptr;
  float fontSize = 0;
  ImU32 fill = 0;
  ImDrawListFlags flags = 0;
  BadgeInputs inputs{};
  ImVec2 size;
  ImVector<ImDrawVert> vertices;
  ImVector<ImDrawIdx> indices;
};

const BadgeStamp& badgeStamp(Structure s, const ImDrawList* target) {
  static BadgeStamp stamps[kStructureCount];
  BadgeStamp& stamp = stamps[static_cast<std::size_t>(s) % kStructureCount];
  const ImU32 fill = ImGui::GetColorU32(structureColour(s));
  const int frame = ImGui::GetFrameCount();
  if (stamp.frame == frame && stamp.context == ImGui::GetCurrentContext() && stamp.font == ImGui::GetFont() &&
      stamp.fontSize == ImGui::GetFontSize() && stamp.fill == fill && stamp.flags == target->Flags)
    return stamp;
  const BadgeInputs inputs = badgeInputs(s, target, fill);
  if (stamp.frame < 0 || std::memcmp(&inputs, &stamp.inputs, sizeof inputs) != 0) {
    ImDrawList scratch(ImGui::GetDrawListSharedData());
    scratch._ResetForNewFrame();
    scratch.Flags = target->Flags;
    scratch.PushClipRectFullScreen();
    scratch.PushTextureID(ImGui::GetIO().Fonts->TexID);
    stamp.size = tessellateStructureBadge(&scratch, ImVec2(0, 0), s, fill);
    stamp.vertices = scratch.VtxBuffer;
    stamp.indices = scratch.IdxBuffer;
    std::memcpy(&stamp.inputs, &inputs, sizeof inputs);  // bytes, as they are compared
  }
  stamp.frame = frame;
  stamp.context = ImGui::GetCurrentContext();
  stamp.font = ImGui::GetFont();
  stamp.fontSize = ImGui::GetFontSize();
  stamp.fill = fill;
  stamp.flags = target->Flags;
  return stamp;
}

}  // namespace

ImVec2 drawStructureBadge(ImDrawList* draw, ImVec2 at, Structure s) {
  const BadgeStamp& stamp = badgeStamp(s, draw);
  // Whole pixels, as text is drawn: the copy then matches a fresh tessellation.
  at = ImVec2(std::floor(at.x), std::floor(at.y));
  draw->PrimReserve(stamp.indices.Size, stamp.vertices.Size);
  const unsigned int base = draw->_VtxCurrentIdx;  // read after PrimReserve: it may start a new vertex block
  ImDrawVert* vertex = draw->_VtxWritePtr;
  for (const ImDrawVert& v : stamp.vertices) {
    *vertex = v;
    vertex->pos.x += at.x;
    vertex->pos.y += at.y;
    ++vertex;
  }
  ImDrawIdx* index = draw->_IdxWritePtr;
  for (const ImDrawIdx i : stamp.indices) *index++ = static_cast<ImDrawIdx>(base + i);
  draw->_VtxWritePtr = vertex;
  draw->_IdxWritePtr = index;
  draw->_VtxCurrentIdx += static_cast<unsigned int>(stamp.vertices.Size);
  return stamp.size;
}

void structureBadge(Structure s) {
  // Drawn, then reserved as one item: the pill and its text stay together.
  // On a line of framed widgets (after a checkbox) the pill is centred on
  // the line's text rather than hung from its top.
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float drop = std::max(0.0f, window->DC.CurrLineTextBaseOffset - structureBadgePadding().y);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 size = drawStructureBadge(window->DrawList, ImVec2(at.x, at.y + drop), s);
  ImGui::Dummy(ImVec2(size.x, size.y + drop));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", describe(s).data());
}

namespace {
constexpr std::string_view kShortDimensions[] = {"Operations", "Security", "Budget, vendors", "Information",
                                                 "Product", "Architecture", "Innovation", "Customer tech"};
}  // namespace

std::string_view shortDimensionLabel(std::size_t dimension) { return kShortDimensions[dimension % std::size(kShortDimensions)]; }
std::span<const std::string_view> shortDimensionLabels() { return kShortDimensions; }

void scoreBar(const char* label, double value, ImVec4 colour, float width, float labelWidth) {
  if (labelWidth <= 0) labelWidth = em(6.5f);
  ImGui::PushID(label);
  // Absolute positions: SameLine(x) would count from an enclosing group.
  const float start = ImGui::GetCursorScreenPos().x;
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ImGui::SetCursorScreenPos(ImVec2(start + labelWidth, ImGui::GetCursorScreenPos().y));
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colour);
  char overlay[16];
  std::snprintf(overlay, sizeof overlay, "%.0f", value);
  ImGui::ProgressBar(static_cast<float>(std::clamp(value, 0.0, 100.0) / 100.0),
                     ImVec2(std::max(width - labelWidth, em(4)), 0), overlay);
  ImGui::PopStyleColor();
  ImGui::PopID();
}

ImU32 seriesColour(std::size_t index, float alpha) {
  static const ImVec4 kColours[] = {
      {0.95f, 0.60f, 0.15f, 1}, {0.18f, 0.50f, 0.90f, 1}, {0.10f, 0.68f, 0.50f, 1}, {0.85f, 0.30f, 0.45f, 1},
      {0.55f, 0.40f, 0.88f, 1}, {0.50f, 0.70f, 0.20f, 1}, {0.20f, 0.70f, 0.80f, 1}, {0.75f, 0.55f, 0.35f, 1}};
  ImVec4 c = kColours[index % std::size(kColours)];
  c.w = alpha;
  return ImGui::GetColorU32(c);
}

void radarChart(const char* id, std::span<const std::string_view> axes, std::span<const RadarSeries> series, float size) {
  ImGui::PushID(id);
  const std::size_t n = axes.size();
  // The widest axis label needs room on both sides; above and below, one line.
  float widest = 0;
  for (const auto label : axes) widest = std::max(widest, ImGui::CalcTextSize(label.data(), label.data() + label.size()).x);
  const float line = ImGui::GetTextLineHeight();
  const float radius = std::min(size * 0.5f - widest - em(0.4f), em(11));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float height = radius > em(1) ? 2 * radius * 1.12f + 1.4f * line : line;
  ImGui::Dummy(ImVec2(size, height));
  if (n < 3 || radius <= em(1)) {
    ImGui::PopID();
    return;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 centre(origin.x + size * 0.5f, origin.y + height * 0.5f);
  auto point = [&](std::size_t axis, double value) {
    const double angle = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(axis) / static_cast<double>(n);
    const double r = radius * std::clamp(value, 0.0, 112.0) / 100.0;
    return ImVec2(centre.x + static_cast<float>(r * std::cos(angle)), centre.y + static_cast<float>(r * std::sin(angle)));
  };
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border);
  for (int ring = 1; ring <= 4; ++ring) {
    ImVec2 ringPoints[16];
    for (std::size_t a = 0; a < n && a < 16; ++a) ringPoints[a] = point(a, ring * 25.0);
    draw->AddPolyline(ringPoints, static_cast<int>(std::min<std::size_t>(n, 16)), grid, ImDrawFlags_Closed, 1.0f);
  }
  const ImU32 textColour = ImGui::GetColorU32(ImGuiCol_Text);
  for (std::size_t a = 0; a < n; ++a) {
    draw->AddLine(centre, point(a, 100), grid);
    const ImVec2 tip = point(a, 112);
    const std::string_view label = axes[a];
    const ImVec2 textSize = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    // Anchor the label on the side facing away from the centre.
    const float dx = tip.x - centre.x;
    const float x = std::abs(dx) < em(0.5f) ? tip.x - textSize.x * 0.5f : (dx > 0 ? tip.x : tip.x - textSize.x);
    const float y = tip.y - textSize.y * 0.5f;
    draw->AddText(ImVec2(x, y), textColour, label.data(), label.data() + label.size());
  }
  for (const auto& s : series) {
    if (s.values.size() < n) continue;
    ImVec2 shape[16];
    for (std::size_t a = 0; a < n && a < 16; ++a) shape[a] = point(a, s.values[a]);
    const int count = static_cast<int>(std::min<std::size_t>(n, 16));
    if (s.filled) {
      // A fan from the centre: a radar shape is star-shaped, rarely convex.
      const ImU32 fill = (s.colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(60) << IM_COL32_A_SHIFT);
      for (int a = 0; a < count; ++a) draw->AddTriangleFilled(centre, shape[a], shape[(a + 1) % count], fill);
    }
    draw->AddPolyline(shape, count, s.colour, ImDrawFlags_Closed, 2.0f);
  }
  ImGui::PopID();
}

void beginDatabaseWrite(bool readOnly) { ImGui::BeginDisabled(readOnly); }

void endDatabaseWrite(bool readOnly) {
  ImGui::EndDisabled();
  if (readOnly && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", kReadOnlyTooltip);
}

void textView(std::string_view text) { ImGui::TextUnformatted(text.data(), text.data() + text.size()); }

void valueView(std::string_view value) { textView(value.empty() ? std::string_view("(empty)") : value); }

}  // namespace rolefit::ui
