// `rolefit`: every verb, and the window when asked for it. On Linux the
// window lives in rolefit-window.so beside the executable and is loaded only
// then: a verb starts without mapping and relocating GLFW, OpenGL and X11
// (3 ms of a 70 ms import-csv). The Windows download is one .exe with the
// window linked in (ROLEFIT_WINDOW_LINKED).
#include <cstdio>
#include <exception>

#include "cli/cli.hpp"
#include "rolefit/platform/console.hpp"
#include "ui/view_ids.hpp"

#ifdef ROLEFIT_WINDOW_LINKED
#include "window_app.hpp"
#else
#include "rolefit/platform/modules.hpp"
#endif

namespace {

#ifdef ROLEFIT_WINDOW_LINKED
int runWindowLinked(const rolefit::app::WindowRun& run) {
  if (!run.screenshot) rolefit::platform::releaseConsoleForWindow();
  try {
    return rolefit::app::runWindow(run);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rolefit: %s\n", e.what());
    return 1;
  }
}
#else
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
#endif

}  // namespace

int main(int argc, char** argv) {
  rolefit::platform::prepareConsole();
  rolefit::platform::CommandLine commandLine(argc, argv);
  rolefit::app::WindowLauncher window;
  for (const auto name : rolefit::ui::kViewNames) window.views.push_back(name);
#ifdef ROLEFIT_WINDOW_LINKED
  window.run = runWindowLinked;
#else
  window.run = runWindowModule;
#endif
  return rolefit::app::runCommandLine(commandLine.argc(), commandLine.argv(), &window);
}
