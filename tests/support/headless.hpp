// A Dear ImGui context with no window (as in Dear ImGui's example_null): font
// atlas built, display size and time step set, frames run on demand. Key
// indices follow the GLFW backend's layout (letters at their ASCII code).
#pragma once
#include <functional>

#include <imgui.h>

namespace rolefit::test {

class HeadlessImGui {
 public:
  explicit HeadlessImGui(float width = 1280, float height = 800);
  ~HeadlessImGui();
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;

  // Runs one frame: NewFrame, body, Render.
  void frame(const std::function<void()>& body);
  // Runs several frames so that layout and popups settle.
  void frames(int count, const std::function<void()>& body);
  // Runs one frame and tells whether the popup is open. Popup ids are
  // relative to the window stack, so it asks inside the frame, at the top
  // level where the body opens its popups.
  bool popupOpen(const char* name, const std::function<void()>& body);

  void moveMouse(float x, float y);
  void setMouseDown(bool down);
  // Presses a key for one frame with the given modifiers, then releases it.
  void pressKey(int keyIndex, bool ctrl, bool shift, const std::function<void()>& body);

  // Presses and releases the left button at (x, y), a frame for each step.
  void click(float x, float y, const std::function<void()>& body);

  static constexpr int kEscape = 256, kEnter = 257, kTab = 258, kBackspace = 259, kDelete = 261;

 private:
  ImGuiContext* context_;
};

}  // namespace rolefit::test
