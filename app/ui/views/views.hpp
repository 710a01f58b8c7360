// The views without state of their own; those with some are classes beside
// this file (profiles_view.hpp, editor_view.hpp, roles_view.hpp,
// session_view.hpp). Every view reads the app as const and hands what it
// asks for to `emit`.
#pragma once
#include "ui/app_state.hpp"

namespace rolefit::ui {
void drawWelcomeView(const AppState& state, const EmitIntent& emit);
void drawCompareView(const AppState& state, const EmitIntent& emit);

// The recommendation card (badge, runner-up, fits, reasons, what-if), shared
// by the editor's live result and the compare view.
void drawResultSummary(const AppState& state, const Evaluation& result, float width);
}  // namespace rolefit::ui
