// The floor of the browser benchmark: the smallest Dear ImGui page - GLFW
// and WebGL 2 through emscripten, the same Dear ImGui and backends and link
// flags as RoleFit's page, drawing the demo window. What a sharp page on a
// phone cannot avoid, it does as RoleFit's does: its canvas has the screen's
// pixels (CSS size times the device pixel ratio), and its text is a font
// built at that size (the same Inter file, embedded the same way; Dear
// ImGui's default glyphs, one size). It notes when its first frame is drawn
// (Module.firstFrameAt), as RoleFit's page does.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

namespace {
GLFWwindow* window = nullptr;
bool drawn = false;

void frame() {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  ImGui::ShowDemoWindow();
  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(window, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(0.1f, 0.1f, 0.1f, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (!drawn) {
    drawn = true;
    EM_ASM(Module.firstFrameAt = performance.now(););
  }
}
}  // namespace

int main() {
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  double cssWidth = 0, cssHeight = 0;
  emscripten_get_element_css_size("#canvas", &cssWidth, &cssHeight);
  const double ratio = emscripten_get_device_pixel_ratio();
  const int width = static_cast<int>(cssWidth * ratio), height = static_cast<int>(cssHeight * ratio);
  window = glfwCreateWindow(width, height, "floor", nullptr, nullptr);
  if (!window) return 1;
  emscripten_set_canvas_element_size("#canvas", width, height);
  glfwMakeContextCurrent(window);
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  ImFontConfig font;
  font.OversampleH = 1;  // as RoleFit's at a ratio of 2 or more
  ImGui::GetIO().Fonts->AddFontFromFileTTF("/fonts/Inter-Regular.otf", 16.0f * static_cast<float>(ratio), &font);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  emscripten_set_main_loop(frame, 0, 1);
  return 0;
}
