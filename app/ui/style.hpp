#pragma once
#include "ui/app_state.hpp"

namespace rolefit::ui {

// Colours and sizes for the theme, with sizes scaled for the display.
void applyTheme(Theme theme, float scale);

// Loads the UI font at 16 px times the scale; falls back to Dear ImGui's
// built-in font. Returns the file used, or "" for the built-in one.
std::string loadFonts(float scale);

// Sizes in font units: em(1) is the current font's height.
float em(float count);

}  // namespace rolefit::ui
