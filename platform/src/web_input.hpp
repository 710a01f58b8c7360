// Input in a page that emscripten 3.1.6's GLFW leaves to us: text typed
// through the page's hidden text field (the phone's on-screen keyboard
// included), paste and copy through the browser's clipboard, wheel notches,
// touch (a lifted finger hovers nothing; a drag scrolls), and key presses
// that begin and end between two frames. The page's half is
// platform/web/keyboard.js and touch.js.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "rolefit/platform/drag_scroll.hpp"

namespace rolefit::platform {

class WebInput {
 public:
  // After Dear ImGui's GLFW backend is installed on `window`.
  void install(GLFWwindow* window);
  // Takes what the page has gathered; true when a frame is needed for it.
  bool gather();
  // After the backends' NewFrame, before ImGui::NewFrame.
  void beginFrame();
  // After the frame: the page's text field follows the app's.
  void endFrame();

 private:
  struct Key {
    int key, scancode, mods;
  };
  static void onKey(GLFWwindow* window, int key, int scancode, int action, int mods);
  void feedTyped();
  void followFinger();
  void pressForOneFrame(int key, int mods);

  GLFWwindow* window_ = nullptr;
  GLFWkeyfun backendKey_ = nullptr;
  std::vector<int> pressedSinceFrame_;  // keys no frame has seen down yet
  std::vector<Key> releaseLater_;       // released before any frame saw them down
  std::vector<Key> releaseNow_;         // down for one frame: up at the next
  std::deque<std::string> typed_;       // "t" text, "k" key name, "p" pasted text
  std::string clipboard_;               // what Dear ImGui pastes: the app's last copy, or the browser's paste
  ImVec2 wheel_{};
  int touchesEnded_ = 0;
  bool liftSeen_ = false, fingerAway_ = false;
  ImVec2 liftedAt_{};
  DragScroll dragScroll_;
};

}  // namespace rolefit::platform
