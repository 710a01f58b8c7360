// The window in a browser: the page's canvas with a WebGL 2 context, through
// emscripten's GLFW and Dear ImGui's GLFW and OpenGL 3 backends. One ImGui
// unit is one canvas pixel, and the canvas has as many pixels as the screen
// shows (CSS size times the device pixel ratio): the ratio is the content
// scale, so fonts are built at the size they are shown, as on a desktop with
// a scaled display.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "rolefit/platform/window.hpp"
#include "glfw_common.hpp"
#include "web_input.hpp"

namespace rolefit::platform {

namespace {

// Files the page's chooser has copied in (platform/web/files.js), one per line.
EM_JS(char*, rolefit_take_chosen_files, (), {
  var paths = Module.rolefitChosen || [];
  if (!paths.length) return 0;
  Module.rolefitChosen = [];
  return allocateUTF8(paths.join('\n'));
});

EM_JS(int, rolefit_chosen_files_waiting, (), { return (Module.rolefitChosen || []).length; });

}  // namespace

struct Window::Impl : GlfwWindowState {
  int width = 0, height = 0;  // the canvas, in its own pixels
  WebInput input;

  // The canvas's pixels follow its CSS size (set by the page's stylesheet)
  // times the device pixel ratio; true when they changed.
  bool fitCanvas() {
    double cssWidth = 0, cssHeight = 0;
    emscripten_get_element_css_size("#canvas", &cssWidth, &cssHeight);
    const double ratio = emscripten_get_device_pixel_ratio();
    const int w = std::max(1, static_cast<int>(std::lround(cssWidth * ratio)));
    const int h = std::max(1, static_cast<int>(std::lround(cssHeight * ratio)));
    if (w == width && h == height) return false;
    width = w;
    height = h;
    emscripten_set_canvas_element_size("#canvas", w, h);
    return true;
  }
};

Window::Window(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Window::~Window() = default;

std::unique_ptr<Window> Window::create(const WindowOptions& options) {
  if (!glfwInit()) throw std::runtime_error("cannot start the page's window (GLFW)");
  auto impl = std::make_unique<Impl>();
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  impl->fitCanvas();
  impl->window = glfwCreateWindow(impl->width, impl->height, options.title.c_str(), nullptr, nullptr);
  if (!impl->window) throw std::runtime_error("this browser gives the page no WebGL 2");
  impl->attach();
  glfwMakeContextCurrent(impl->window);
  impl->fitCanvas();
  countEvents(impl->window);
  if (!ImGui_ImplGlfw_InitForOpenGL(impl->window, true) || !ImGui_ImplOpenGL3_Init("#version 300 es"))
    throw std::runtime_error("cannot start Dear ImGui's GLFW/OpenGL 3 backends");
  impl->backendsReady = true;
  impl->input.install(impl->window);
  return std::unique_ptr<Window>(new Window(std::move(impl)));
}

bool Window::closeRequested() const { return false; }  // a page is closed by the browser, not by the app
void Window::setCloseRequested(bool) {}

std::uint64_t Window::waitEvents(double) {
  // The browser delivers input between frames; nothing to wait for here.
  static std::uint64_t seen = 0;
  if (impl_->fitCanvas()) ++impl_->events;
  if (rolefit_chosen_files_waiting() > 0) ++impl_->events;
  if (impl_->input.gather()) ++impl_->events;
  const auto arrived = impl_->events - seen;
  seen = impl_->events;
  return arrived;
}

void Window::wake() {}

void Window::fontsChanged() { uploadFontsAgain(); }

void Window::beginFrame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // The backend takes GLFW's idea of the size; the canvas's own pixels are
  // the truth (emscripten's GLFW reports the cursor in them too).
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(impl_->width), static_cast<float>(impl_->height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  impl_->input.beginFrame();
}

void Window::render(float r, float g, float b) {
  glViewport(0, 0, impl_->width, impl_->height);
  glClearColor(r, g, b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  impl_->input.endFrame();
}

Image Window::readBackBuffer() const { return readPixelsTopRowFirst(impl_->width, impl_->height); }

// The browser shows the frame when the callback returns. The first one's time
// is noted for the page's benchmark (tests/web/bench_web.mjs), and the page
// is told (it registers its service worker then).
void Window::present() {
  EM_ASM(Module.rolefitFramesDrawn = (Module.rolefitFramesDrawn || 0) + 1;);  // for the tests: an idle page draws none
  static bool first = true;
  if (first) {
    first = false;
    EM_ASM({
      Module.firstFrameAt = performance.now();
      if (Module.rolefitFirstFrame) setTimeout(Module.rolefitFirstFrame, 0);
    });
  }
}

float Window::contentScale() const {
  return std::clamp(static_cast<float>(emscripten_get_device_pixel_ratio()), 1.0f, 4.0f);
}

WindowGeometry Window::geometry() const { return {-1, -1, impl_->width, impl_->height, false}; }

// Dropped on the canvas, or chosen in the page's file chooser: the same to the app.
std::vector<std::string> Window::takeDroppedPaths() {
  if (char* chosen = rolefit_take_chosen_files()) {
    std::string_view lines(chosen);
    while (!lines.empty()) {
      const auto end = std::min(lines.find('\n'), lines.size());
      impl_->dropped.emplace_back(lines.substr(0, end));
      lines.remove_prefix(std::min(end + 1, lines.size()));
    }
    std::free(chosen);
  }
  return std::exchange(impl_->dropped, {});
}

namespace {
void runOneFrame(void* frame) {
  auto& run = *static_cast<std::function<bool()>*>(frame);
  if (!run()) emscripten_cancel_main_loop();
}
}  // namespace

// Once per animation frame from the browser's event loop. The function is
// kept for the page's lifetime: emscripten abandons the caller's stack.
void runFrames(std::function<bool()> frame) {
  auto* kept = new std::function<bool()>(std::move(frame));
  emscripten_set_main_loop_arg(runOneFrame, kept, 0, 1);
}

}  // namespace rolefit::platform
