#pragma once
#include <string>
#include <string_view>

#include <imgui.h>

#include "ui/app_state.hpp"

namespace rolefit::ui {

// Colours and sizes for the theme, with sizes scaled for the display.
void applyTheme(Theme theme, float scale);

// Loads the UI font at 16 px times the scale, and with it the headings'
// font if asked; falls back to Dear ImGui's built-in font (no heading size).
// Returns the file used, or "" for the built-in one.
std::string loadFonts(float scale, bool withHeading);

// Sizes in font units: em(1) is the current font's height.
float em(float count);

// Colours with a meaning, chosen for the current theme (applyTheme): each
// readable on that theme's background.
struct Palette {
  ImVec4 positive;  // new, added, fine
  ImVec4 neutral;   // unchanged, nothing to do
  ImVec4 warning;   // a conflict, a difference worth a look
  ImVec4 danger;    // an error, a value that cannot be saved
};
const Palette& palette();

// The headings' font (the UI font at 1.6 times its size, rasterised at that
// size, so it is as sharp as the text); the UI font when none was loaded.
// Most views have no heading, and at a phone's pixel ratio the heading size
// is most of the atlas's work: the window builds it once a frame has asked
// for it (takeHeadingFontRequest), and until then this is the UI font.
ImFont* headingFont();

// True once after a frame asked for a headings' font that was not loaded
// but can be: the window then loads it and draws that frame again.
bool takeHeadingFontRequest();

// Layout proportions, named for what they keep in balance.
inline constexpr float kEditorFormShare = 0.58f;   // the form beside the live result
inline constexpr float kCompareChartShare = 0.45f; // the radar chart beside the result card
inline constexpr float kPhoneCardEm = 34;          // a role model's card when stacked on a phone

// Below 36 em of width (a phone in portrait) views stack their panels in one
// column and targets grow to finger size.
bool isNarrow();

// User text used as a widget label: "##" would hide the rest of it, so it is
// broken up; the id after "##" keeps the widget's identity stable.
std::string safeLabel(std::string_view userText, std::string_view id);

}  // namespace rolefit::ui
