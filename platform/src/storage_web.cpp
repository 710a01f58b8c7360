// The browser's side of storage and files, as the page's scripts
// (platform/web/pre.js, files.js) keep it.
#include <emscripten.h>

#include <cstdlib>
#include <string>

#include "rolefit/platform/storage.hpp"

namespace {

// 0 saved, 1 saving, 2 the last save failed, 3 no browser storage (private mode).
EM_JS(int, rolefit_storage_state, (), {
  if (Module.rolefitStorage === 'unavailable') return 3;
  if (Module.rolefitSaveFailed) return 2;
  return Module.rolefitSaving ? 1 : 0;
});

EM_JS(void, rolefit_offer_file, (const char* path), {
  if (Module.rolefitOfferFile) Module.rolefitOfferFile(UTF8ToString(path));
});

}  // namespace

namespace rolefit::platform {

std::string storageNote() {
  switch (rolefit_storage_state()) {
    case 1: return "Saving in this browser...";
    case 2: return "Not saved: the browser refused to store the data";
    case 3: return "Not kept: this browser gives the page no storage (private window?)";
    default: return "Saved in this browser";
  }
}

void fileWritten(const std::string& path) { rolefit_offer_file(path.c_str()); }

}  // namespace rolefit::platform
