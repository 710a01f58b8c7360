#pragma once
#include "ui/app_state.hpp"

namespace rolefit::ui {

// Builds one whole frame of the app inside the current ImGui frame: menu bar,
// the current view, status bar, modals and toasts. No window system needed,
// so tests drive it headless.
void drawFrame(AppState& state);

// Keyboard shortcut on a letter. Backends store letters at their upper-case
// ASCII code in io.KeysDown (GLFW does), so this stays backend-neutral.
bool shortcutPressed(char letter, bool shift = false);

}  // namespace rolefit::ui
