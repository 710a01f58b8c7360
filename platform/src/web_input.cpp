#include "web_input.hpp"

#include <emscripten.h>

#include <algorithm>
#include <cfloat>
#include <cstdlib>
#include <string_view>
#include <utility>

#include <imgui_impl_glfw.h>
#include <imgui_internal.h>

namespace rolefit::platform {

namespace {

WebInput* installed = nullptr;  // a page has one window

// What was typed into the page's text field since the last frame
// (keyboard.js), one edit per record (separator 0x1e).
EM_JS(char*, rolefit_take_typed, (), {
  var typed = Module.rolefitTyped || [];
  if (!typed.length) return 0;
  Module.rolefitTyped = [];
  return allocateUTF8(typed.map(function (edit) {
    return edit.key ? 'k' + edit.key : edit.pasted !== undefined ? 'p' + edit.pasted : 't' + edit.text;
  }).join(String.fromCharCode(30)));
});

// Wheel notches since the last call, up and left positive (Dear ImGui's sense).
EM_JS(int, rolefit_take_wheel, (float* x, float* y), {
  var wheel = Module.rolefitWheel || {x: 0, y: 0};
  Module.rolefitWheel = {x: 0, y: 0};
  HEAPF32[x >> 2] = wheel.x;
  HEAPF32[y >> 2] = wheel.y;
  return wheel.x !== 0 || wheel.y !== 0;
});

EM_JS(int, rolefit_finger_down, (), { return Module.rolefitFinger ? 1 : 0; });
EM_JS(int, rolefit_touches_ended, (), { return Module.rolefitTouchesEnded || 0; });
EM_JS(int, rolefit_on_a_mac, (), { return /Mac|iPhone|iPad/.test(String(navigator.platform)) ? 1 : 0; });
EM_JS(void, rolefit_text_field, (int active), { if (Module.rolefitTextField) Module.rolefitTextField(active); });

EM_JS(void, rolefit_copy_text, (const char* text), {
  var copied = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(copied).catch(function (error) { console.warn('RoleFit: copy refused:', error); });
  }
});

int glfwKeyNamed(std::string_view name) {
  if (name == "Backspace") return GLFW_KEY_BACKSPACE;
  if (name == "Delete") return GLFW_KEY_DELETE;
  if (name == "Enter") return GLFW_KEY_ENTER;
  return -1;
}

// Is a text field being edited after this frame? (io.WantTextInput says so
// only a frame later.)
bool editingText() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  return g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
}

}  // namespace

void WebInput::install(GLFWwindow* window) {
  installed = this;
  window_ = window;
  // Dear ImGui 1.86 reads a key's state once a frame: a press and release
  // between two frames would be lost, so such a release waits a frame.
  backendKey_ = glfwSetKeyCallback(window, &WebInput::onKey);
  // The wheel comes from keyboard.js, in notches.
  glfwSetScrollCallback(window, nullptr);
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigMacOSXBehaviors = rolefit_on_a_mac() != 0;  // a Mac: Cmd, not Ctrl, as on its desktop
  // Emscripten's GLFW has no clipboard: a copy goes to the browser's.
  io.ClipboardUserData = this;
  io.SetClipboardTextFn = [](void* self, const char* text) {
    static_cast<WebInput*>(self)->clipboard_ = text;
    rolefit_copy_text(text);
  };
  io.GetClipboardTextFn = [](void* self) { return static_cast<WebInput*>(self)->clipboard_.c_str(); };
}

void WebInput::onKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
  WebInput& self = *installed;
  auto& pressed = self.pressedSinceFrame_;
  if (action == GLFW_RELEASE && std::find(pressed.begin(), pressed.end(), key) != pressed.end()) {
    self.releaseLater_.push_back({key, scancode, mods});
    return;
  }
  if (action == GLFW_PRESS) pressed.push_back(key);
  if (self.backendKey_) self.backendKey_(window, key, scancode, action, mods);
}

bool WebInput::gather() {
  // (A finger kept away needs no frames of its own: the frames that follow
  // its lifting hide it, and an idle page draws nothing.)
  bool needed = !releaseLater_.empty() || !releaseNow_.empty() || !typed_.empty() || liftSeen_ ||
                dragScroll_.scrolling();
  if (char* taken = rolefit_take_typed()) {
    std::string_view records(taken);
    while (!records.empty()) {
      const auto end = std::min(records.find('\x1e'), records.size());
      if (end > 1) typed_.emplace_back(records.substr(0, end));
      records.remove_prefix(std::min(end + 1, records.size()));
    }
    std::free(taken);
    needed = true;
  }
  float x = 0, y = 0;
  if (rolefit_take_wheel(&x, &y)) {
    wheel_.x += x;
    wheel_.y += y;
    needed = true;
  }
  if (const int ended = rolefit_touches_ended(); ended != touchesEnded_) {
    touchesEnded_ = ended;
    liftSeen_ = true;  // the next frame takes the release where the finger was
    needed = true;
  }
  return needed;
}

void WebInput::pressForOneFrame(int key, int mods) {
  if (backendKey_) backendKey_(window_, key, 0, GLFW_PRESS, mods);
  releaseNow_.push_back({key, 0, mods});
}

void WebInput::beginFrame() {
  ImGuiIO& io = ImGui::GetIO();
  // Keys the last frame saw down go up; keys pressed and released since
  // then stay down for this frame and go up at the next.
  const bool released = !releaseNow_.empty();
  for (const Key& k : std::exchange(releaseNow_, std::move(releaseLater_)))
    if (backendKey_) backendKey_(window_, k.key, k.scancode, GLFW_RELEASE, k.mods);
  releaseLater_.clear();
  pressedSinceFrame_.clear();
  io.MouseWheelH += std::exchange(wheel_.x, 0.0f);
  io.MouseWheel += std::exchange(wheel_.y, 0.0f);
  if (!released) feedTyped();  // a key typed right after one that just went up would read as held
  followFinger();
  dragScroll_.update(rolefit_finger_down() != 0);
}

// Typed edits in order. Dear ImGui 1.86 reads a frame's text before its
// keys, so a key has a frame of its own, and text after it waits a frame.
void WebInput::feedTyped() {
  ImGuiIO& io = ImGui::GetIO();
  bool textThisFrame = false;
  while (!typed_.empty()) {
    const std::string edit = typed_.front();
    if (edit[0] == 't') {
      io.AddInputCharactersUTF8(edit.c_str() + 1);
      textThisFrame = true;
      typed_.pop_front();
      continue;
    }
    if (textThisFrame) return;
    typed_.pop_front();
    if (edit[0] == 'p') {
      // A paste is Dear ImGui's own (it replaces a selection, keeps a
      // single-line field to one line): the shortcut, with the browser's text.
      // Characters would be ignored while the shortcut's key is held.
      clipboard_ = edit.substr(1);
      pressForOneFrame(GLFW_KEY_V, 0);
      if (io.ConfigMacOSXBehaviors) io.KeySuper = true, io.KeyCtrl = false;
      else io.KeyCtrl = true, io.KeySuper = false;
      return;
    }
    if (const int key = glfwKeyNamed(std::string_view(edit).substr(1)); key >= 0) {
      pressForOneFrame(key, 0);
      return;
    }
  }
}

// A lifted finger hovers nothing (no tooltip stays up under it): from the
// frame after the one that sees the button up (Dear ImGui takes a click at
// its release, where the finger was), the mouse is away until a finger or a
// real mouse moves it.
void WebInput::followFinger() {
  ImGuiIO& io = ImGui::GetIO();
  if (rolefit_finger_down()) {
    fingerAway_ = liftSeen_ = false;
  } else if (liftSeen_ && !io.MouseDown[0]) {
    liftSeen_ = false;
    fingerAway_ = true;
    liftedAt_ = io.MousePos;
    return;
  }
  if (fingerAway_ && io.MousePos.x == liftedAt_.x && io.MousePos.y == liftedAt_.y)
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  else
    fingerAway_ = false;
}

void WebInput::endFrame() { rolefit_text_field(editingText() ? 1 : 0); }

}  // namespace rolefit::platform
