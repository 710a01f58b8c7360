#pragma once
#include <string>
#include <string_view>

#include "ui/app_state.hpp"

namespace rolefit::ui {

// Colours and sizes for the theme, with sizes scaled for the display.
void applyTheme(Theme theme, float scale);

// Loads the UI font at 16 px times the scale; falls back to Dear ImGui's
// built-in font. Returns the file used, or "" for the built-in one.
std::string loadFonts(float scale);

// Sizes in font units: em(1) is the current font's height.
float em(float count);

// Below 36 em of width (a phone in portrait) views stack their panels in one
// column and targets grow to finger size.
bool isNarrow();

// User text used as a widget label: "##" would hide the rest of it, so it is
// broken up; the id after "##" keeps the widget's identity stable.
std::string safeLabel(std::string_view userText, std::string_view id);

}  // namespace rolefit::ui
