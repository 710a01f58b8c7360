// File dialogs in a browser: the page's own file chooser for opening, a
// download (or the share sheet) for saving. Neither can block: a chosen file
// arrives later, as a dropped file does (Window::takeDroppedPaths); a saved
// one is written to a scratch folder and then offered (storage.hpp,
// fileWritten).
#include <emscripten.h>

#include <filesystem>
#include <string>

#include "rolefit/platform/dialogs.hpp"

namespace rolefit::platform {

FileDialogResult fileDialog(FileDialogKind kind, const std::string&, const std::string& suggestion,
                            const std::string&, const std::string&) {
  if (kind == FileDialogKind::Open) {
    // Shortly after the tap or click that asked: the browser lets a page open
    // its chooser only then.
    EM_ASM(if (Module.rolefitChooseFiles) Module.rolefitChooseFiles(););
    return {true, std::nullopt};
  }
  std::error_code ec;
  std::filesystem::create_directories("/downloads", ec);
  const auto name = std::filesystem::path(suggestion).filename();
  return {true, (std::filesystem::path("/downloads") / (name.empty() ? "rolefit-session.json" : name)).string()};
}

}  // namespace rolefit::platform
