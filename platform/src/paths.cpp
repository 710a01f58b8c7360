#include "rolefit/platform/paths.hpp"

#include <cstdlib>

#ifdef _WIN32
#include <windows.h>
#include <knownfolders.h>
#include <shlobj.h>
#endif

namespace fs = std::filesystem;

namespace rolefit::platform {
namespace {

#ifdef _WIN32
// The wide environment: getenv() gives the ANSI code page, which cannot hold
// every user's or folder's name.
fs::path fromEnv(const char* name) {
  const std::wstring wide(name, name + std::char_traits<char>::length(name));
  const wchar_t* value = _wgetenv(wide.c_str());
  return value && *value ? fs::path(value) : fs::path();
}

fs::path roamingAppData() {
  PWSTR folder = nullptr;
  fs::path path;
  if (SHGetKnownFolderPath(FOLDERID_RoamingAppData, 0, nullptr, &folder) == S_OK) path = folder;
  CoTaskMemFree(folder);
  return path;
}
#else
fs::path fromEnv(const char* name) {
  const char* value = std::getenv(name);
  return value && *value ? fs::path(value) : fs::path();
}
#endif

#if !defined(__EMSCRIPTEN__)  // a page has no home folder
fs::path home() {
#ifdef _WIN32
  if (auto p = fromEnv("USERPROFILE"); !p.empty()) return p;
#endif
  if (auto p = fromEnv("HOME"); !p.empty()) return p;
  return fs::temp_directory_path();
}
#endif

UserFolders conventionalFolders() {
#if defined(_WIN32)
  fs::path base = roamingAppData();
  if (base.empty()) base = fromEnv("APPDATA");
  if (base.empty()) base = home() / "AppData" / "Roaming";
  return {base / "RoleFit", base / "RoleFit"};
#elif defined(__APPLE__)
  const fs::path base = home() / "Library" / "Application Support" / "RoleFit";
  return {base, base};
#elif defined(__EMSCRIPTEN__)
  // The page mounts its IndexedDB-backed folder here before the app starts.
  return {"/rolefit/config", "/rolefit"};
#else
  fs::path config = fromEnv("XDG_CONFIG_HOME");
  if (config.empty() || config.is_relative()) config = home() / ".config";  // XDG: relative paths are invalid
  fs::path data = fromEnv("XDG_DATA_HOME");
  if (data.empty() || data.is_relative()) data = home() / ".local" / "share";
  return {config / "rolefit", data / "rolefit"};
#endif
}

}  // namespace

UserFolders userFolders() {
  UserFolders folders = conventionalFolders();
  if (auto p = fromEnv("ROLEFIT_CONFIG_DIR"); !p.empty()) folders.config = p;
  if (auto p = fromEnv("ROLEFIT_DATA_DIR"); !p.empty()) folders.data = p;
  return folders;
}

fs::path defaultDatabasePath() { return userFolders().data / "rolefit.db"; }

std::string userName() {
#if defined(_WIN32)
  return fromEnv("USERNAME").string();
#elif defined(__EMSCRIPTEN__)
  return {};  // a page knows no account name (emscripten's USER is the placeholder "web_user")
#else
  std::string name = fromEnv("USER").string();
  return name.empty() ? fromEnv("LOGNAME").string() : name;
#endif
}

std::vector<fs::path> uiFontCandidates() {
#if defined(_WIN32)
  return {fs::path(fromEnv("WINDIR")) / "Fonts" / "segoeui.ttf"};
#elif defined(__APPLE__)
  return {"/System/Library/Fonts/SFNS.ttf", "/Library/Fonts/Arial Unicode.ttf"};
#elif defined(__EMSCRIPTEN__)
  return {"/fonts/Inter-Regular.otf"};  // embedded in the site's data (app/CMakeLists.txt)
#else
  return {"/usr/share/fonts/opentype/inter/Inter-Regular.otf",
          "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
#endif
}

}  // namespace rolefit::platform

#if !defined(__EMSCRIPTEN__)
#include "rolefit/platform/storage.hpp"

namespace rolefit::platform {

std::string storageNote() { return {}; }
void fileWritten(const std::string&) {}

}  // namespace rolefit::platform
#endif
