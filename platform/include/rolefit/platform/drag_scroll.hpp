// Touch scrolling for Dear ImGui 1.86, which has none (imgui#3379): a finger
// dragged mostly along a window's scrollable direction scrolls that window
// (or the nearest enclosing child window that can scroll) and cancels the
// press of whatever item it started on, as lists on a phone do. A tap, and a
// drag along a slider, stay the item's.
#pragma once

#include <imgui.h>

namespace rolefit::platform {

class DragScroll {
 public:
  // Once a frame after the backends have updated the mouse, before
  // ImGui::NewFrame; `fingerDown` says the mouse is a finger being held.
  void update(bool fingerDown);
  bool scrolling() const { return scrolling_; }

 private:
  bool tracking_ = false;
  bool scrolling_ = false;
  bool decided_ = false;  // past the threshold: scrolling, or left to the item
  ImVec2 start_{}, last_{};
  ImGuiID window_ = 0;      // the window being scrolled
  ImGuiID activeBefore_ = 0;  // an item active before the finger came down (a text field being edited) keeps its state
};

}  // namespace rolefit::platform
