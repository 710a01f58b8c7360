// RoleFit in a browser page. Before main runs, the page (platform/web/pre.js)
// has mounted its IndexedDB-backed folder at /rolefit and loaded it; the
// window is the page's canvas. After every write the page is asked to save
// the folder back to IndexedDB.
#include <emscripten.h>

#include "rolefit/platform/paths.hpp"
#include "window_app.hpp"

int main() {
  rolefit::app::WindowRun run;
  run.database = rolefit::platform::defaultDatabasePath();
  run.afterWrite = [] { EM_ASM(if (Module.rolefitSave) Module.rolefitSave();); };
  run.canQuit = false;
  run.openAfterFirstFrame = true;
  return rolefit::app::runWindow(run);
}
