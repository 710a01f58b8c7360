// Per-user folders, by each OS's convention. The one place that reads the
// environment for them.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace rolefit::platform {

struct UserFolders {
  std::filesystem::path config;  // settings, imgui.ini
  std::filesystem::path data;    // the database and its backups
};

// Linux: $XDG_CONFIG_HOME/rolefit (~/.config/rolefit), $XDG_DATA_HOME/rolefit
// (~/.local/share/rolefit). Windows: %APPDATA%\RoleFit. macOS:
// ~/Library/Application Support/RoleFit. ROLEFIT_CONFIG_DIR and
// ROLEFIT_DATA_DIR override either.
UserFolders userFolders();
std::filesystem::path defaultDatabasePath();

// Who is exporting a session: the login name ($USER, %USERNAME%), or "".
std::string userName();

// UI fonts to try, best first (Debian's Inter, then DejaVu Sans).
std::vector<std::filesystem::path> uiFontCandidates();

}  // namespace rolefit::platform
