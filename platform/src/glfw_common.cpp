#include "glfw_common.hpp"

#include <algorithm>
#include <cstddef>

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#endif
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

namespace rolefit::platform {

GlfwWindowState::~GlfwWindowState() {
  if (backendsReady) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
  }
  if (window) glfwDestroyWindow(window);
  glfwTerminate();
}

void countEvents(GLFWwindow* w) {
  glfwSetCursorPosCallback(w, [](GLFWwindow* window, double, double) { ++GlfwWindowState::of(window).events; });
  glfwSetMouseButtonCallback(w, [](GLFWwindow* window, int, int, int) { ++GlfwWindowState::of(window).events; });
  glfwSetScrollCallback(w, [](GLFWwindow* window, double, double) { ++GlfwWindowState::of(window).events; });
  glfwSetKeyCallback(w, [](GLFWwindow* window, int, int, int, int) { ++GlfwWindowState::of(window).events; });
  glfwSetCharCallback(w, [](GLFWwindow* window, unsigned int) { ++GlfwWindowState::of(window).events; });
  glfwSetWindowFocusCallback(w, [](GLFWwindow* window, int) { ++GlfwWindowState::of(window).events; });
  glfwSetCursorEnterCallback(w, [](GLFWwindow* window, int) { ++GlfwWindowState::of(window).events; });
  glfwSetDropCallback(w, [](GLFWwindow* window, int count, const char** paths) {
    auto& state = GlfwWindowState::of(window);
    for (int i = 0; i < count; ++i) state.dropped.emplace_back(paths[i]);
    ++state.events;
  });
}

void uploadFontsAgain() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

Image readPixelsTopRowFirst(int width, int height) {
  Image image;
  image.width = width;
  image.height = height;
  const auto rowBytes = static_cast<std::size_t>(width) * 4;
  image.rgba.resize(rowBytes * static_cast<std::size_t>(height));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
  // OpenGL gives the bottom row first: turned over in place, not copied into
  // a second frame-sized buffer.
  for (int top = 0, bottom = height - 1; top < bottom; ++top, --bottom) {
    const auto topRow = image.rgba.begin() + static_cast<std::ptrdiff_t>(rowBytes * static_cast<std::size_t>(top));
    const auto bottomRow = image.rgba.begin() + static_cast<std::ptrdiff_t>(rowBytes * static_cast<std::size_t>(bottom));
    std::swap_ranges(topRow, topRow + static_cast<std::ptrdiff_t>(rowBytes), bottomRow);
  }
  return image;
}

}  // namespace rolefit::platform
