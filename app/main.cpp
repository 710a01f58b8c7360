// `rolefit`: every verb, and the window when asked for it. The window lives
// in rolefit-window.so beside the executable and is loaded only then: a verb
// starts without mapping and relocating GLFW, OpenGL and X11 (3 ms of a 70 ms
// import-csv).
#include <cstdio>
#include <exception>

#include "cli/cli.hpp"
#include "rolefit/platform/modules.hpp"
#include "ui/view_ids.hpp"

namespace {

int runWindowModule(const rolefit::app::WindowRun& run) {
  using RunWindow = int (*)(const rolefit::app::WindowRun*);
  RunWindow runWindow = nullptr;
  try {
    runWindow = reinterpret_cast<RunWindow>(
        rolefit::platform::moduleFunction("rolefit-window.so", "rolefit_run_window"));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rolefit: cannot open the window: %s\n", e.what());
    return 1;
  }
  return runWindow(&run);
}

}  // namespace

int main(int argc, char** argv) {
  rolefit::app::WindowLauncher window;
  for (const auto name : rolefit::ui::kViewNames) window.views.push_back(name);
  window.run = runWindowModule;
  return rolefit::app::runCommandLine(argc, argv, &window);
}
