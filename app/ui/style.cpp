#include "ui/style.hpp"

#include <filesystem>
#include <utility>

#include <imgui.h>

#include "rolefit/assets.hpp"
#include "rolefit/platform/paths.hpp"
#include "rolefit/util/files.hpp"

namespace rolefit::ui {

float em(float count) { return ImGui::GetFontSize() * count; }

bool isNarrow() { return ImGui::GetMainViewport()->WorkSize.x < em(36); }

std::string safeLabel(std::string_view userText, std::string_view id) {
  std::string out;
  out.reserve(userText.size() + id.size() + 3);
  for (std::size_t i = 0; i < userText.size(); ++i) {
    out += userText[i];
    if (userText[i] == '#' && i + 1 < userText.size() && userText[i + 1] == '#') out += ' ';
  }
  out += "##";
  out += id;
  return out;
}

namespace {
Palette gPalette;
ImFont* gHeadingFont = nullptr;
bool gHeadingAsked = false;
bool gHeadingPossible = false;  // the UI font loaded comes from a file the heading can be made from too
}  // namespace

const Palette& palette() { return gPalette; }

ImFont* headingFont() {
  if (gHeadingFont) return gHeadingFont;
  gHeadingAsked = true;
  return ImGui::GetFont();
}

bool takeHeadingFontRequest() { return std::exchange(gHeadingAsked, false) && gHeadingPossible; }

void applyTheme(Theme theme, float scale) {
  // Lighter on the dark theme, deeper on the light one: the same meaning at
  // a contrast either background can carry.
  gPalette = theme == Theme::Dark
                 ? Palette{{0.30f, 0.75f, 0.45f, 1}, {0.58f, 0.60f, 0.63f, 1}, {0.95f, 0.60f, 0.25f, 1}, {0.95f, 0.45f, 0.40f, 1}}
                 : Palette{{0.10f, 0.50f, 0.25f, 1}, {0.38f, 0.40f, 0.43f, 1}, {0.72f, 0.38f, 0.05f, 1}, {0.78f, 0.18f, 0.15f, 1}};
  ImGuiStyle style;
  if (theme == Theme::Dark) {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
    style.Colors[ImGuiCol_MenuBarBg] = ImVec4(0.15f, 0.16f, 0.19f, 1.0f);
  } else {
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1.0f);
  }
  style.WindowRounding = 6;
  style.FrameRounding = 4;
  style.PopupRounding = 4;
  style.GrabRounding = 4;
  style.TabRounding = 4;
  style.WindowPadding = ImVec2(12, 10);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(10, 7);
  style.CellPadding = ImVec2(6, 4);
  style.ScrollbarSize = 14;
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

namespace {

// The body and heading sizes from one font's bytes, which the atlas reads but
// does not own (they outlive it: compiled in, or kept below).
bool addFonts(std::string_view font, float size, float scale, bool withHeading) {
  // What Dear ImGui's font reader takes; anything else would trip its asserts.
  const auto tag = font.substr(0, 4);
  if (font.size() < 12 || (tag != std::string_view("\0\1\0\0", 4) && tag != "OTTO" && tag != "true")) return false;
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E, 0x20AC, 0x20AC, 0x2190, 0x2193,
                                   0x2713, 0x2717, 0};
  ImFontConfig config;
  // Sub-pixel placement matters for small pixels only: on a display at 2x
  // or more, oversampling would double a large atlas for nothing visible.
  config.OversampleH = scale >= 2.0f ? 1 : 2;
  config.FontDataOwnedByAtlas = false;
  void* data = const_cast<char*>(font.data());  // only read
  const int bytes = static_cast<int>(font.size());
  ImGuiIO& io = ImGui::GetIO();
  if (!io.Fonts->AddFontFromMemoryTTF(data, bytes, size, &config, ranges)) return false;
  if (withHeading) gHeadingFont = io.Fonts->AddFontFromMemoryTTF(data, bytes, size * 1.6f, &config, ranges);
  if (io.Fonts->Build()) return true;
  io.Fonts->Clear();
  gHeadingFont = nullptr;
  return false;
}

}  // namespace

std::string loadFonts(float scale, bool withHeading) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // At a phone's pixel ratio the atlas is large: a height rounded up to a
  // power of two would add up to half of it again, to build and upload.
  io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  gHeadingFont = nullptr;
  gHeadingPossible = true;
  const float size = 16.0f * scale;
  if (!assets::ui_font.empty() && addFonts(assets::ui_font, size, scale, withHeading)) return "Inter (compiled in)";
  // A system font file is read once, for both sizes and for every later
  // scale (a window moved to another display builds the atlas again).
  static std::filesystem::path fontPath;
  static FileBytes fontFile;
  if (fontFile.size > 0 && addFonts(fontFile.view(), size, scale, withHeading)) return fontPath.string();
  for (const auto& candidate : platform::uiFontCandidates()) {
    try {
      FileBytes bytes = readWholeFile(candidate, std::size_t{32} << 20, "font files");
      if (!addFonts(bytes.view(), size, scale, withHeading)) continue;
      fontFile = std::move(bytes);
      fontPath = candidate;
      return candidate.string();
    } catch (const FileReadError&) {
      // Not on this system: the next candidate.
    }
  }
  gHeadingPossible = false;  // Dear ImGui's built-in font comes in one size
  ImFontConfig fallback;
  fallback.SizePixels = 13.0f * scale;
  io.Fonts->AddFontDefault(&fallback);
  io.Fonts->Build();
  return {};
}

}  // namespace rolefit::ui
