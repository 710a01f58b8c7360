// Touch scrolling (platform/src/drag_scroll.cpp, used by the browser build):
// a finger dragged along a list scrolls it and clicks nothing; a tap still
// clicks; a drag along a slider stays the slider's.
#include <catch2/catch.hpp>

#include <imgui_internal.h>

#include "rolefit/platform/drag_scroll.hpp"
#include "support/headless.hpp"

using rolefit::platform::DragScroll;
using rolefit::test::HeadlessImGui;

namespace {

struct ScrollingList {
  int clicked = -1;
  float scrollY = 0;
  int slider = 5;

  void draw() {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(400, 600));
    ImGui::Begin("List", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoTitleBar);
    ImGui::SliderInt("level", &slider, 0, 10);  // at the top, outside the rows
    ImGui::BeginChild("rows", ImVec2(0, 300));
    for (int i = 0; i < 100; ++i) {
      ImGui::PushID(i);
      if (ImGui::Selectable("a row")) clicked = i;
      ImGui::PopID();
    }
    scrollY = ImGui::GetScrollY();
    ImGui::EndChild();
    ImGui::End();
  }
};

// One frame with the finger at (x, y), down or lifted, as the page reports it.
void fingerFrame(HeadlessImGui& h, DragScroll& drag, ScrollingList& list, float x, float y, bool down) {
  h.moveMouse(x, y);
  h.setMouseDown(down);
  drag.update(down);
  h.frame([&] { list.draw(); });
}

}  // namespace

TEST_CASE("a finger dragged up a list scrolls it by as much and clicks no row", "[ui][touch]") {
  HeadlessImGui h(400, 600);
  DragScroll drag;
  ScrollingList list;
  h.frames(3, [&] { list.draw(); });
  REQUIRE(list.scrollY == 0);
  fingerFrame(h, drag, list, 100, 250, true);
  for (float y = 240; y >= 150; y -= 10) fingerFrame(h, drag, list, 100, y, true);
  fingerFrame(h, drag, list, 100, 150, false);
  fingerFrame(h, drag, list, 100, 150, false);
  CHECK(drag.scrolling() == false);
  // The first few pixels decide that it is a drag; from there it follows the finger.
  CHECK(list.scrollY > 60);
  CHECK(list.scrollY <= 100);
  CHECK(list.clicked == -1);
}

TEST_CASE("a tap on a row of a scrollable list still clicks it", "[ui][touch]") {
  HeadlessImGui h(400, 600);
  DragScroll drag;
  ScrollingList list;
  h.frames(3, [&] { list.draw(); });
  fingerFrame(h, drag, list, 100, 250, true);
  fingerFrame(h, drag, list, 101, 251, true);  // a finger's jitter
  fingerFrame(h, drag, list, 101, 251, false);
  CHECK(list.clicked >= 0);
  CHECK(list.scrollY == 0);
}

TEST_CASE("a finger dragged along a slider moves the slider, not the window", "[ui][touch]") {
  HeadlessImGui h(400, 600);
  DragScroll drag;
  ScrollingList list;
  h.frames(3, [&] { list.draw(); });
  const int before = list.slider;
  fingerFrame(h, drag, list, 60, 18, true);
  for (float x = 80; x <= 200; x += 20) fingerFrame(h, drag, list, x, 18, true);
  fingerFrame(h, drag, list, 200, 18, false);
  CHECK(list.slider != before);
  CHECK(list.scrollY == 0);
}
