// The app as the window runs it, without a window: the Controller and the
// Frame that draws it, for headless view tests; and a view drawn alone with
// what it asks for recorded.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "rolefit/store/store.hpp"
#include "ui/controller.hpp"
#include "ui/frame.hpp"

namespace rolefit::test {

struct TestApp {
  ui::Controller app;
  ui::Frame frame;

  const ui::AppState& state() const { return app.state(); }
  void emit(ui::Intent intent) { app.emit(std::move(intent)); }
  void draw() { frame.draw(app); }
  std::function<void()> drawer() {
    return [this] { draw(); };
  }
  // A second connection to the app's database: how a test looks at what was
  // stored, or plays another copy of RoleFit writing to it.
  Store db() const { return Store(app.state().dbPath); }
};

// What a view drawn alone asked for, in order.
struct RecordedIntents {
  std::vector<ui::Intent> intents;
  ui::EmitIntent emitter() {
    return [this](ui::Intent intent) { intents.push_back(std::move(intent)); };
  }
};

// A frame body drawing one view alone, in a window filling the display.
inline std::function<void()> aloneInWindow(std::string name, std::function<void()> drawView) {
  return [name = std::move(name), drawView = std::move(drawView)] {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin(name.c_str(), nullptr, ImGuiWindowFlags_NoDecoration);
    drawView();
    ImGui::End();
  };
}

}  // namespace rolefit::test
