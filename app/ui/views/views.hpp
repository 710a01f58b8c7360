#pragma once
#include "ui/app_state.hpp"

namespace rolefit::ui {
void drawWelcomeView(AppState& state);
void drawEditorView(AppState& state);
void drawCompareView(AppState& state);
void drawRolesView(AppState& state);

// The recommendation card (badge, runner-up, fits, reasons, what-if), shared
// by the editor's live result and the compare view.
void drawResultSummary(AppState& state, const Evaluation& result, float width);
}  // namespace rolefit::ui
