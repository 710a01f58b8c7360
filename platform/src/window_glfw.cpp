#include "rolefit/platform/window.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include "glfw_common.hpp"

namespace rolefit::platform {

struct Window::Impl : GlfwWindowState {};

namespace {

std::string lastGlfwError() {
  const char* description = nullptr;
  glfwGetError(&description);
  return description ? description : "unknown GLFW error";
}

// Besides the events both windows count: a desktop window's own.
void countDesktopEvents(GLFWwindow* w) {
  countEvents(w);
  glfwSetFramebufferSizeCallback(w, [](GLFWwindow* window, int, int) { ++GlfwWindowState::of(window).events; });
  glfwSetWindowRefreshCallback(w, [](GLFWwindow* window) { ++GlfwWindowState::of(window).events; });
  glfwSetWindowContentScaleCallback(w, [](GLFWwindow* window, float, float) { ++GlfwWindowState::of(window).events; });
}

bool onSomeMonitor(int x, int y) {
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  for (int i = 0; i < count; ++i) {
    int mx, my, mw, mh;
    glfwGetMonitorWorkarea(monitors[i], &mx, &my, &mw, &mh);
    if (x >= mx && y >= my && x < mx + mw - 40 && y < my + mh - 40) return true;
  }
  return false;
}

}  // namespace

Window::Window(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Window::~Window() = default;

std::unique_ptr<Window> Window::create(const WindowOptions& options) {
  if (!glfwInit()) throw std::runtime_error("cannot open a window: " + lastGlfwError());
  auto impl = std::make_unique<Impl>();

  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  glfwWindowHint(GLFW_MAXIMIZED, options.geometry.maximized && options.visible ? GLFW_TRUE : GLFW_FALSE);
  const int width = std::clamp(options.geometry.width, 320, 16384);
  const int height = std::clamp(options.geometry.height, 240, 16384);
  impl->window = glfwCreateWindow(width, height, options.title.c_str(), nullptr, nullptr);
  if (!impl->window) throw std::runtime_error("cannot open a window with OpenGL 3: " + lastGlfwError());
  impl->attach();
  glfwSetWindowSizeLimits(impl->window, 320, 240, GLFW_DONT_CARE, GLFW_DONT_CARE);
  if (options.geometry.x >= 0 && options.geometry.y >= 0 && onSomeMonitor(options.geometry.x, options.geometry.y))
    glfwSetWindowPos(impl->window, options.geometry.x, options.geometry.y);
  glfwMakeContextCurrent(impl->window);
  glfwSwapInterval(1);

  countDesktopEvents(impl->window);
  if (!ImGui_ImplGlfw_InitForOpenGL(impl->window, true) || !ImGui_ImplOpenGL3_Init("#version 130"))
    throw std::runtime_error("cannot start Dear ImGui's GLFW/OpenGL 3 backends");
  impl->backendsReady = true;
  return std::unique_ptr<Window>(new Window(std::move(impl)));
}

bool Window::closeRequested() const { return glfwWindowShouldClose(impl_->window); }
void Window::setCloseRequested(bool requested) {
  glfwSetWindowShouldClose(impl_->window, requested ? GLFW_TRUE : GLFW_FALSE);
}

std::uint64_t Window::waitEvents(double timeoutSeconds) {
  const auto before = impl_->events;
  if (timeoutSeconds <= 0) glfwPollEvents();
  else glfwWaitEventsTimeout(timeoutSeconds);
  if (glfwWindowShouldClose(impl_->window)) ++impl_->events;
  return impl_->events - before;
}

void Window::wake() { glfwPostEmptyEvent(); }

void Window::fontsChanged() { uploadFontsAgain(); }

void Window::beginFrame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
}

void Window::render(float r, float g, float b) {
  int width = 0, height = 0;
  glfwGetFramebufferSize(impl_->window, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(r, g, b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

Image Window::readBackBuffer() const {
  int width = 0, height = 0;
  glfwGetFramebufferSize(impl_->window, &width, &height);
  glFinish();
  glReadBuffer(GL_BACK);
  return readPixelsTopRowFirst(width, height);
}

void Window::present() { glfwSwapBuffers(impl_->window); }

float Window::contentScale() const {
  float x = 1, y = 1;
  glfwGetWindowContentScale(impl_->window, &x, &y);
  return std::clamp(std::max(x, y), 1.0f, 4.0f);
}

WindowGeometry Window::geometry() const {
  WindowGeometry g;
  glfwGetWindowPos(impl_->window, &g.x, &g.y);
  glfwGetWindowSize(impl_->window, &g.width, &g.height);
  g.maximized = glfwGetWindowAttrib(impl_->window, GLFW_MAXIMIZED) == GLFW_TRUE;
  return g;
}


std::vector<std::string> Window::takeDroppedPaths() { return std::exchange(impl_->dropped, {}); }

}  // namespace rolefit::platform

namespace rolefit::platform {

// The desktop's frames sleep in waitEvents: a plain loop.
void runFrames(std::function<bool()> frame) {
  while (frame()) {
  }
}

}  // namespace rolefit::platform
