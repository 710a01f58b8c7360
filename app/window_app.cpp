#include "window_app.hpp"

#include <csignal>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <stb_image_write.h>

#include "rolefit/platform/dialogs.hpp"
#include "rolefit/platform/paths.hpp"
#include "rolefit/platform/window.hpp"
#include "ui/app_state.hpp"
#include "ui/frame.hpp"
#include "ui/style.hpp"

namespace rolefit::app {
namespace {

// Settings kept in imgui.ini under [RoleFit][Settings], through ImGui's own
// settings handler, so one file holds the layout and our preferences.
struct Settings {
  platform::WindowGeometry geometry;
  ui::Theme theme = ui::Theme::Dark;
  std::string view;
  std::vector<std::string> recentFiles;
};

void registerSettingsHandler(Settings& settings) {
  ImGuiSettingsHandler handler;
  handler.TypeName = "RoleFit";
  handler.TypeHash = ImHashStr("RoleFit");
  handler.UserData = &settings;
  handler.ReadOpenFn = [](ImGuiContext*, ImGuiSettingsHandler* h, const char* name) -> void* {
    return std::strcmp(name, "Settings") == 0 ? h->UserData : nullptr;
  };
  handler.ReadLineFn = [](ImGuiContext*, ImGuiSettingsHandler*, void* entry, const char* line) {
    auto& s = *static_cast<Settings*>(entry);
    int x, y, w, h, maximized;
    char word[32] = {};
    if (std::sscanf(line, "Window=%d,%d,%d,%d,%d", &x, &y, &w, &h, &maximized) == 5) {
      s.geometry = {x, y, w, h, maximized != 0};
    } else if (std::sscanf(line, "Theme=%31s", word) == 1) {
      s.theme = std::strcmp(word, "light") == 0 ? ui::Theme::Light : ui::Theme::Dark;
    } else if (std::sscanf(line, "View=%31s", word) == 1) {
      s.view = word;
    } else if (std::strncmp(line, "Recent=", 7) == 0 && line[7] != '\0' && s.recentFiles.size() < 8) {
      s.recentFiles.emplace_back(line + 7);
    }
  };
  handler.WriteAllFn = [](ImGuiContext*, ImGuiSettingsHandler* h, ImGuiTextBuffer* out) {
    const auto& s = *static_cast<const Settings*>(h->UserData);
    out->appendf("[RoleFit][Settings]\nWindow=%d,%d,%d,%d,%d\nTheme=%s\nView=%s\n", s.geometry.x, s.geometry.y,
                 s.geometry.width, s.geometry.height, s.geometry.maximized ? 1 : 0,
                 s.theme == ui::Theme::Light ? "light" : "dark", s.view.c_str());
    // Recent files, one per line (a path with a newline is not kept).
    for (const auto& path : s.recentFiles)
      if (path.find('\n') == std::string::npos) out->appendf("Recent=%s\n", path.c_str());
    out->append("\n");
  };
  ImGui::GetCurrentContext()->SettingsHandlers.push_back(handler);
}

bool writePng(const std::filesystem::path& path, const platform::Image& image) {
  return stbi_write_png(path.string().c_str(), image.width, image.height, 4, image.rgba.data(), image.width * 4) != 0;
}

// SIGTERM (logout, shutdown) and SIGINT close the window as the user would,
// so settings are saved; the loop wakes at least once a second to see it.
volatile std::sig_atomic_t closeSignalled = 0;
extern "C" void onCloseSignal(int) { closeSignalled = 1; }

// Owns the ImGui context for the run; destroyed after the window and before
// the settings its ini handler writes from.
struct ImGuiContextGuard {
  ImGuiContextGuard() { ImGui::CreateContext(); }
  ~ImGuiContextGuard() { ImGui::DestroyContext(); }
};

}  // namespace

int runWindow(const WindowRun& run) {
  const bool offscreen = run.screenshot.has_value();
  const auto folders = platform::userFolders();
  const std::string iniPath = (folders.config / "imgui.ini").string();

  // Declared before the context: destroying the context saves the ini
  // through the settings handler, which writes from `settings`.
  Settings settings;
  ImGuiContextGuard contextGuard;
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  registerSettingsHandler(settings);
  if (offscreen) {
    // A screenshot shows a fresh layout: no user settings read or written.
    io.IniFilename = nullptr;
    settings.geometry = {-1, -1, run.width, run.height, false};
  } else {
    std::error_code ec;
    std::filesystem::create_directories(folders.config, ec);
    io.IniFilename = iniPath.c_str();
    ImGui::LoadIniSettingsFromDisk(iniPath.c_str());
  }

  std::unique_ptr<platform::Window> window;
  try {
    window = platform::Window::create({"RoleFit", settings.geometry, !offscreen});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rolefit: %s\n", e.what());
    return 1;
  }

  ui::AppState state;
  state.theme = settings.theme;
  state.recentFiles = settings.recentFiles;
  if (!offscreen) {
    state.fileDialog = [](ui::FileChoice choice, const std::string& suggestion) {
      const bool open = choice == ui::FileChoice::ImportSession;
      const auto answer =
          platform::fileDialog(open ? platform::FileDialogKind::Open : platform::FileDialogKind::Save,
                               open ? "Import a RoleFit session" : "Export a RoleFit session", suggestion,
                               "RoleFit sessions", "*.json *.rfs");
      return ui::DialogAnswer{answer.available, answer.path};
    };
  }
  // A large database is read on a thread of its own, which wakes the loop
  // when it has something to show.
  state.wakeWindow = [] { platform::Window::wake(); };
  // The app adds its sample companies to a new database; command-line verbs never do.
  state.openStore(run.database, /*addSamplesIfNew=*/true);
  // First run (nothing remembered) opens on the welcome panel.
  if (auto view = ui::viewFromName(run.view.empty() ? settings.view : run.view)) state.showView(*view);
  // "Open with RoleFit": files on the command line go to the import preview.
  state.filesDropped(run.openFiles);

  float scale = window->contentScale();
  ui::loadFonts(scale);
  ui::Theme appliedTheme = state.theme;
  ui::applyTheme(appliedTheme, scale);

  if (!offscreen) {
    std::signal(SIGTERM, onCloseSignal);
    std::signal(SIGINT, onCloseSignal);
  }

  // Draw only when something happened; a few frames after each event let
  // Dear ImGui settle its layout.
  int framesToDraw = 3;
  const int screenshotFrames = 3;
  int frame = 0;
  while (true) {
    // Toasts fade, and a progress bar moves while a large database is read.
    const bool busyAnimating = !state.toasts.empty() || state.loadProgress().reading;
    const auto events = window->waitEvents(offscreen || framesToDraw > 0 ? 0.0 : (busyAnimating ? 0.1 : 1.0));
    if (closeSignalled) {
      settings.geometry = window->geometry();
      break;
    }
    if (events > 0) framesToDraw = std::max(framesToDraw, 3);
    if (state.receiveProfiles()) framesToDraw = std::max(framesToDraw, 3);
    if (!offscreen && framesToDraw == 0) {
      // Another copy may have written: a cheap pragma tells.
      if (state.refreshIfChangedElsewhere()) framesToDraw = 3;
      else if (!busyAnimating) continue;
    }
    if (const float newScale = window->contentScale(); newScale != scale) {
      scale = newScale;
      ui::loadFonts(scale);
      window->fontsChanged();
      ui::applyTheme(appliedTheme, scale);
    }
    // Dropped files are events: session files go to the import preview.
    if (auto dropped = window->takeDroppedPaths(); !dropped.empty()) state.filesDropped(dropped);

    window->beginFrame();
    ImGui::NewFrame();
    ui::drawFrame(state);
    ImGui::Render();
    // A screenshot rasterises only its last frame: the ones before it only
    // let Dear ImGui settle its layout, and nobody sees them.
    const bool shown = !offscreen || frame + 1 >= screenshotFrames;
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    if (shown) window->render(clear.x, clear.y, clear.z);

    // Frames drawn while the profiles are still read do not count.
    if (offscreen && run.afterLoading && state.loadProgress().reading) {
      frame = 0;
      window->waitEvents(0.05);  // the reader wakes it when it has more
      continue;
    }
    if (offscreen && ++frame >= screenshotFrames) {
      const auto image = window->readBackBuffer();
      if (!writePng(*run.screenshot, image)) {
        std::fprintf(stderr, "rolefit: %s: cannot write the PNG file\n", run.screenshot->string().c_str());
        return 1;
      }
      return 0;
    }
    if (shown) window->present();
    if (framesToDraw > 0) --framesToDraw;

    if (state.theme != appliedTheme) {
      appliedTheme = state.theme;
      ui::applyTheme(appliedTheme, scale);
      framesToDraw = 3;
    }
    settings.theme = state.theme;
    settings.view = std::string(ui::viewName(state.view));
    settings.geometry = window->geometry();
    settings.recentFiles = state.recentFiles;
    if (state.quitRequested && state.quitConfirmed) break;
    if (window->closeRequested()) {
      // The window's close button asks the same question as File > Quit.
      window->setCloseRequested(false);
      state.quitRequested = true;
      framesToDraw = 3;
    }
  }
  ImGui::SaveIniSettingsToDisk(iniPath.c_str());
  return 0;
}

WindowLauncher windowLauncher() {
  WindowLauncher launcher;
  for (auto name : ui::viewNames()) launcher.views.push_back(name);
  launcher.run = runWindow;
  return launcher;
}

}  // namespace rolefit::app
