#include "support/headless.hpp"

namespace rolefit::test {

HeadlessImGui::HeadlessImGui(float width, float height) : context_(ImGui::CreateContext()) {
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(width, height);
  io.DeltaTime = 1.0f / 60.0f;
  io.KeyMap[ImGuiKey_Escape] = kEscape;
  io.KeyMap[ImGuiKey_Enter] = kEnter;
  io.KeyMap[ImGuiKey_Tab] = kTab;
  io.KeyMap[ImGuiKey_Backspace] = kBackspace;
  io.KeyMap[ImGuiKey_Delete] = kDelete;
  for (int k = 0; k < 6; ++k) io.KeyMap[ImGuiKey_A + k] = "ACVXYZ"[k];  // ImGuiKey_A, C, V, X, Y, Z
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
}

HeadlessImGui::~HeadlessImGui() { ImGui::DestroyContext(context_); }

void HeadlessImGui::frame(const std::function<void()>& body) {
  ImGui::SetCurrentContext(context_);
  ImGui::NewFrame();
  body();
  ImGui::Render();
}

bool HeadlessImGui::popupOpen(const char* name, const std::function<void()>& body) {
  bool open = false;
  frame([&] {
    body();
    open = ImGui::IsPopupOpen(name);
  });
  return open;
}

void HeadlessImGui::frames(int count, const std::function<void()>& body) {
  for (int i = 0; i < count; ++i) frame(body);
}

void HeadlessImGui::moveMouse(float x, float y) { ImGui::GetIO().MousePos = ImVec2(x, y); }
void HeadlessImGui::setMouseDown(bool down) { ImGui::GetIO().MouseDown[0] = down; }

void HeadlessImGui::click(float x, float y, const std::function<void()>& body) {
  moveMouse(x, y);
  frame(body);
  setMouseDown(true);
  frame(body);
  setMouseDown(false);
  frame(body);
}

void HeadlessImGui::pressKey(int keyIndex, bool ctrl, bool shift, const std::function<void()>& body) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = ctrl;
  io.KeyShift = shift;
  io.KeysDown[keyIndex] = true;
  frame(body);
  io.KeysDown[keyIndex] = false;
  io.KeyCtrl = io.KeyShift = false;
  frame(body);
}

}  // namespace rolefit::test
