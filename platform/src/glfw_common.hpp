// What the desktop's window (window_glfw.cpp) and the page's
// (window_web.cpp) share: each is a GLFW window with Dear ImGui's GLFW and
// OpenGL 3 backends, whose events the frame loop counts.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <GLFW/glfw3.h>

#include "rolefit/platform/window.hpp"

namespace rolefit::platform {

struct GlfwWindowState {
  GLFWwindow* window = nullptr;
  std::uint64_t events = 0;  // input and window events so far: the frame loop draws when they grow
  std::vector<std::string> dropped;
  bool backendsReady = false;

  GlfwWindowState() = default;
  GlfwWindowState(const GlfwWindowState&) = delete;
  GlfwWindowState& operator=(const GlfwWindowState&) = delete;
  // Shuts the backends down, closes the window, ends GLFW.
  ~GlfwWindowState();

  // The window's state, from GLFW's callbacks: the window's user pointer.
  static GlfwWindowState& of(GLFWwindow* w) { return *static_cast<GlfwWindowState*>(glfwGetWindowUserPointer(w)); }
  void attach() { glfwSetWindowUserPointer(window, this); }
};

// Callbacks that only count events, and note dropped files; installed before
// Dear ImGui's, which chain to them.
void countEvents(GLFWwindow* window);

// After the font atlas was rebuilt.
void uploadFontsAgain();

// The current framebuffer's pixels, top row first (OpenGL reads bottom up).
Image readPixelsTopRowFirst(int width, int height);

}  // namespace rolefit::platform
