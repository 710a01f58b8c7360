#pragma once
#include "ui/app_state.hpp"

namespace rolefit::ui {
void drawWelcomeView(AppState& state);
void drawProfilesView(AppState& state);
}  // namespace rolefit::ui
