#include "ui/style.hpp"

#include <filesystem>

#include <imgui.h>

#include "rolefit/assets.hpp"
#include "rolefit/platform/paths.hpp"

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
}  // namespace

const Palette& palette() { return gPalette; }

ImFont* headingFont() { return gHeadingFont ? gHeadingFont : ImGui::GetFont(); }

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

std::string loadFonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // At a phone's pixel ratio the atlas is large: a height rounded up to a
  // power of two would add up to half of it again, to build and upload.
  io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  const float size = 16.0f * scale;
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E, 0x20AC, 0x20AC, 0x2190, 0x2193,
                                   0x2713, 0x2717, 0};
  if (!assets::ui_font.empty()) {
    ImFontConfig config;
    config.OversampleH = scale >= 2.0f ? 1 : 2;
    config.FontDataOwnedByAtlas = false;  // compiled-in bytes, never freed
    void* data = const_cast<char*>(assets::ui_font.data());  // only read: the atlas does not own it
    const int bytes = static_cast<int>(assets::ui_font.size());
    if (io.Fonts->AddFontFromMemoryTTF(data, bytes, size, &config, ranges)) {
      gHeadingFont = io.Fonts->AddFontFromMemoryTTF(data, bytes, size * 1.6f, &config, ranges);
      if (io.Fonts->Build()) return "Inter (compiled in)";
      io.Fonts->Clear();
    }
  }
  for (const auto& candidate : platform::uiFontCandidates()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(candidate, ec)) continue;
    ImFontConfig config;
    // Sub-pixel placement matters for small pixels only: on a display at 2x
    // or more, oversampling would double a large atlas for nothing visible.
    config.OversampleH = scale >= 2.0f ? 1 : 2;
    if (io.Fonts->AddFontFromFileTTF(candidate.string().c_str(), size, &config, ranges)) {
      gHeadingFont = io.Fonts->AddFontFromFileTTF(candidate.string().c_str(), size * 1.6f, &config, ranges);
      if (io.Fonts->Build()) return candidate.string();
      io.Fonts->Clear();
    }
  }
  gHeadingFont = nullptr;
  ImFontConfig fallback;
  fallback.SizePixels = 13.0f * scale;
  io.Fonts->AddFontDefault(&fallback);
  io.Fonts->Build();
  return {};
}

}  // namespace rolefit::ui
