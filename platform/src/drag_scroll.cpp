#include "rolefit/platform/drag_scroll.hpp"

#include <cmath>

#include <imgui_internal.h>

namespace rolefit::platform {

namespace {

// The window under `hovered` that can scroll along the drag: itself or an
// enclosing child window (never past a popup or top-level window's edge).
ImGuiWindow* scrollableAlong(ImGuiWindow* hovered, bool vertical) {
  for (ImGuiWindow* window = hovered; window; window = window->ParentWindow) {
    if ((vertical ? window->ScrollMax.y : window->ScrollMax.x) > 0.0f &&
        !(window->Flags & ImGuiWindowFlags_NoScrollWithMouse))
      return window;
    if (!(window->Flags & ImGuiWindowFlags_ChildWindow)) break;
  }
  return nullptr;
}

}  // namespace

void DragScroll::update(bool fingerDown) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImVec2 mouse = g.IO.MousePos;
  if (!fingerDown || !ImGui::IsMousePosValid(&mouse)) {
    tracking_ = scrolling_ = decided_ = false;
    window_ = 0;
    return;
  }
  if (!tracking_) {
    tracking_ = true;
    start_ = last_ = mouse;
    activeBefore_ = g.ActiveId;
    return;
  }
  if (!decided_) {
    const float dx = mouse.x - start_.x, dy = mouse.y - start_.y;
    // About a third of a line: a finger's jitter during a tap stays below it.
    const float threshold = g.FontSize > 0 ? g.FontSize * 0.35f : 6.0f;
    if (std::hypot(dx, dy) < threshold) return;
    decided_ = true;
    // g.HoveredWindow still comes from a frame when the finger was near the start.
    ImGuiWindow* target = scrollableAlong(g.HoveredWindow, std::fabs(dy) >= std::fabs(dx));
    if (!target) return;  // nothing to scroll that way: the drag is the item's
    scrolling_ = true;
    window_ = target->ID;
    if (g.ActiveId != 0 && g.ActiveId != activeBefore_) ImGui::ClearActiveID();  // no click on release
  }
  if (scrolling_) {
    if (ImGuiWindow* window = ImGui::FindWindowByID(window_)) {
      const ImVec2 moved(mouse.x - last_.x, mouse.y - last_.y);
      if (window->ScrollMax.y > 0.0f) ImGui::SetScrollY(window, window->Scroll.y - moved.y);
      if (window->ScrollMax.x > 0.0f) ImGui::SetScrollX(window, window->Scroll.x - moved.x);
    }
  }
  last_ = mouse;
}

}  // namespace rolefit::platform
