// One whole frame of the app inside the current ImGui frame: menu bar, the
// current view, status bar, modals and toasts. No window system needed, so
// tests drive it headless; the window's loop (app/window_app.cpp) or a
// browser's would call draw() once per frame.
#pragma once
#include <optional>
#include <string>

#include "ui/controller.hpp"
#include "ui/views/editor_view.hpp"
#include "ui/views/profiles_view.hpp"
#include "ui/views/roles_view.hpp"
#include "ui/views/session_view.hpp"
#include "ui/views/team_view.hpp"

namespace rolefit::ui {

// The views and what the frame itself keeps between frames: the widget
// state of the window, none of it the app's.
class Frame {
 public:
  // Draws from app.state(); what the views emit is applied once they are done.
  void draw(Controller& app);
  // Draws everything from `state`. A view that throws costs this frame only:
  // what it left open is closed (Dear ImGui would otherwise assert and
  // abort) and the error is returned, for the app to show.
  std::optional<std::string> drawViews(const AppState& state, const EmitIntent& emit);

  ProfilesView& profiles() { return profiles_; }
  EditorView& editor() { return editor_; }
  RolesView& roles() { return roles_; }
  SessionView& session() { return session_; }
  TeamView& team() { return team_; }

 private:
  void drawMenuBar(const AppState& state, const EmitIntent& emit);
  void drawViewTabs(const AppState& state, const EmitIntent& emit);
  void drawMainArea(const AppState& state, const EmitIntent& emit);
  void drawPathPrompt(const AppState& state, const EmitIntent& emit);
  void handleShortcuts(const AppState& state, const EmitIntent& emit);

  ProfilesView profiles_;
  EditorView editor_;
  RolesView roles_;
  SessionView session_;
  TeamView team_;
  ViewId tabShown_ = ViewId::Welcome;  // the view whose tab was open last frame
  std::string pathTyped_;               // the in-app path question's text
};

// Keyboard shortcut on a letter. Backends store letters at their upper-case
// ASCII code in io.KeysDown (GLFW does), so this stays backend-neutral.
bool shortcutPressed(char letter, bool shift = false);

}  // namespace rolefit::ui
