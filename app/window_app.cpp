#include "window_app.hpp"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <stb_image_write.h>

#include "rolefit/platform/dialogs.hpp"
#include "rolefit/platform/paths.hpp"
#include "rolefit/platform/storage.hpp"
#include "rolefit/platform/window.hpp"
#include "rolefit/util/files.hpp"
#include "ui/controller.hpp"
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

// imgui.ini through RoleFit's own file functions, not Dear ImGui's: those
// call fopen, which on Windows (built with GCC) reads the name in the ANSI
// code page, so a profile folder such as C:\Users\Jürgen would lose every
// setting; and a crash during their write leaves half a file.
void loadIni(const std::filesystem::path& path) {
  try {
    const FileBytes ini = readWholeFile(path, std::size_t{4} << 20, "settings files");
    ImGui::LoadIniSettingsFromMemory(ini.data.get(), ini.size);
  } catch (const FileReadError&) {
    // None yet, or unreadable: the defaults, and the next save replaces it.
  }
}

void saveIni(const std::filesystem::path& path) {
  ImGui::GetIO().WantSaveIniSettings = false;
  std::size_t size = 0;
  const char* text = ImGui::SaveIniSettingsToMemory(&size);
  try {
    writeFileAtomically(path, std::string_view(text, size));  // a browser keeps it with its next save
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rolefit: the window's settings were not saved: %s\n", e.what());
  }
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


// The database, and what is shown of it first.
void openDatabase(ui::Controller& app, const Settings& settings, const WindowRun& run) {
  // The app adds its sample companies to a new database; command-line verbs never do.
  app.openStore(run.database, /*addSamplesIfNew=*/true);
  // First run (nothing remembered) opens on the welcome panel.
  if (auto view = ui::viewFromName(run.view.empty() ? settings.view : run.view)) app.emit(ui::intent::OpenView{*view});
  // "Open with RoleFit": files on the command line go to the import preview.
  if (!run.openFiles.empty()) app.emit(ui::intent::PreviewImport{run.openFiles});
}

// The frame loop: draws only when something happened (input, the reader,
// another copy's write, an animation), a few frames each time so that Dear
// ImGui settles its layout; off-screen, it draws the screenshot's frames.
class FrameLoop {
 public:
  FrameLoop(const WindowRun& run, platform::Window& window, ui::Controller& app, Settings& settings,
            std::filesystem::path iniPath)
      : run_(run), offscreen_(run.screenshot.has_value()), window_(window), app_(app), settings_(settings),
        iniPath_(std::move(iniPath)) {
    scale_ = window_.contentScale();
    ui::loadFonts(scale_, /*withHeading=*/false);
    appliedTheme_ = app_.state().theme;
    ui::applyTheme(appliedTheme_, scale_);
  }

  // One turn of the loop: waits for work (on the desktop; a browser calls it
  // once per animation frame), draws if there is any. The exit status once
  // the window is to close: 0, or 1 when the screenshot could not be written.
  std::optional<int> step() {
    if (!waitForWork()) return 0;
    if (!drawing_) return std::nullopt;
    if (!drawOne()) {
      framesToDraw_ = std::max(framesToDraw_, kSettleFrames);
      return std::nullopt;
    }
    if (offscreen_) return screenshotStep();
    window_.present();
    if (app_.state().storeOpening) {
      openDatabase(app_, settings_, run_);
      framesToDraw_ = kSettleFrames;
    }
    app_.windowShown();  // a large database's read starts once the window is up
    if (framesToDraw_ > 0) --framesToDraw_;
    // Dear ImGui asks for a save a few seconds after a change (IniSavingRate).
    if (ImGui::GetIO().WantSaveIniSettings && !iniPath_.empty()) saveIni(iniPath_);
    if (afterFrame()) return 0;
    return std::nullopt;
  }

 private:
  static constexpr int kSettleFrames = 3;
  // After input: a click is down one frame and up the next, and a field it
  // opens that asks for the keyboard gets it a frame after it is drawn; drawn
  // any shorter, that field would take the keyboard with the first key typed
  // and lose the key.
  static constexpr int kFramesAfterInput = 4;

  // Sleeps until there is something to draw; false when the window is to close.
  bool waitForWork() {
    // Toasts fade, and a progress bar moves while a large database is read.
    const bool animating = !app_.state().toasts.empty() || app_.state().loadProgress.reading;
    const auto events = window_.waitEvents(offscreen_ || framesToDraw_ > 0 ? 0.0 : (animating ? 0.1 : 1.0));
    if (closeSignalled) {
      settings_.geometry = window_.geometry();
      return false;
    }
    const bool received = app_.receiveProfiles();  // every time: the reader's handover must not wait
    if (events > 0) framesToDraw_ = std::max(framesToDraw_, kFramesAfterInput);
    if (received) framesToDraw_ = std::max(framesToDraw_, kSettleFrames);
    drawing_ = true;
    if (!offscreen_ && framesToDraw_ == 0) {
      // Another copy may have written: a cheap pragma tells.
      if (app_.refreshIfChangedElsewhere()) framesToDraw_ = kSettleFrames;
      else drawing_ = animating;
    }
    return true;
  }

  // False when the frame was not shown: it asked for the headings' font,
  // which is built now, and the next frame draws it with that font.
  bool drawOne() {
    if (const float newScale = window_.contentScale(); newScale != scale_) {
      scale_ = newScale;
      ui::loadFonts(scale_, withHeading_);
      window_.fontsChanged();
      ui::applyTheme(appliedTheme_, scale_);
    }
    app_.setStorageNote(platform::storageNote());
    // Dropped files are events: session files go to the import preview.
    if (auto dropped = window_.takeDroppedPaths(); !dropped.empty()) app_.emit(ui::intent::PreviewImport{std::move(dropped)});
    window_.beginFrame();
    ImGui::NewFrame();
    frame_.draw(app_);
    ImGui::Render();
    if (ui::takeHeadingFontRequest()) {
      withHeading_ = true;
      ui::loadFonts(scale_, withHeading_);
      window_.fontsChanged();
      return false;
    }
    // A screenshot rasterises only its last frame: the ones before it only
    // let Dear ImGui settle its layout, and nobody sees them.
    if (!offscreen_ || screenshotFrame_ + 1 >= kSettleFrames) {
      const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
      window_.render(clear.x, clear.y, clear.z);
    }
    return true;
  }

  // The exit status once the screenshot is written; nothing before.
  std::optional<int> screenshotStep() {
    // Frames drawn while the profiles are still read do not count; the
    // read starts now, as it would once an interactive window is shown.
    // (A plain screenshot shows the window as it first appears.)
    if (run_.afterLoading) app_.windowShown();
    if (run_.afterLoading && app_.state().loadProgress.reading) {
      screenshotFrame_ = 0;
      window_.waitEvents(0.05);  // the reader wakes it when it has more
      return std::nullopt;
    }
    if (++screenshotFrame_ < kSettleFrames) return std::nullopt;
    if (writePng(*run_.screenshot, window_.readBackBuffer())) return 0;
    std::fprintf(stderr, "rolefit: %s: cannot write the PNG file\n", run_.screenshot->string().c_str());
    return 1;
  }

  // Applies what the frame changed; true when the app is to close.
  bool afterFrame() {
    const ui::AppState& state = app_.state();
    if (state.theme != appliedTheme_) {
      appliedTheme_ = state.theme;
      ui::applyTheme(appliedTheme_, scale_);
      framesToDraw_ = kSettleFrames;
    }
    settings_.theme = state.theme;
    settings_.view = std::string(ui::viewName(state.view));
    settings_.geometry = window_.geometry();
    settings_.recentFiles = state.recentFiles;
    // What the frame asked for changed the app: a view shown for the first
    // time (its tab bar, a table) takes Dear ImGui a frame or two to lay out.
    if (!app_.lastFrameIntents().empty()) framesToDraw_ = kSettleFrames;
    if (window_.closeRequested()) {
      // The window's close button asks the same question as File > Quit.
      window_.setCloseRequested(false);
      app_.emit(ui::intent::Quit{});
      framesToDraw_ = kSettleFrames;
    }
    return state.quitting;
  }

  const WindowRun& run_;
  const bool offscreen_;
  platform::Window& window_;
  ui::Controller& app_;
  ui::Frame frame_;
  Settings& settings_;
  const std::filesystem::path iniPath_;  // empty: nothing is saved (a screenshot)
  float scale_ = 1;
  bool withHeading_ = false;  // once a frame has asked for it, every later atlas has it
  ui::Theme appliedTheme_ = ui::Theme::Dark;
  int framesToDraw_ = kSettleFrames;
  int screenshotFrame_ = 0;
  bool drawing_ = true;
};

// Settings from the ini (not for a screenshot, which shows a fresh layout).
void readSettings(Settings& settings, const WindowRun& run, const std::filesystem::path& configFolder,
                  const std::filesystem::path& iniPath) {
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.IniFilename = nullptr;  // saved by the frame loop (saveIni), not by Dear ImGui
  registerSettingsHandler(settings);
  if (run.screenshot) {
    settings.geometry = {-1, -1, run.width, run.height, false};
    return;
  }
  std::error_code ec;
  std::filesystem::create_directories(configFolder, ec);
  loadIni(iniPath);
}

// The app as the window runs it: its remembered settings, the desktop's
// file dialogs, the reader's wake-up, the database and the files to open.
void startApp(ui::Controller& app, const Settings& settings, const WindowRun& run) {
  app.setTheme(settings.theme);
  app.setCanQuit(run.canQuit);
  app.setRecentFiles(settings.recentFiles);
  if (!run.screenshot) {
    app.setFileDialog([](ui::FileChoice choice, const std::string& suggestion) {
      const bool open = choice == ui::FileChoice::ImportSession;
      const bool report = choice == ui::FileChoice::ExportReport;
      const auto answer = platform::fileDialog(
          open ? platform::FileDialogKind::Open : platform::FileDialogKind::Save,
          open ? "Import a RoleFit session" : report ? "Write a RoleFit report" : "Export a RoleFit session", suggestion,
          report ? "Reports" : "RoleFit sessions", report ? "*.html *.md *.csv" : "*.json *.rfs");
      return ui::DialogAnswer{answer.available, answer.path};
    });
  }
  // A large database is read on a thread of its own, which wakes the loop
  // when it has something to show.
  app.setWakeWindow([] { platform::Window::wake(); });
  if (run.afterWrite) app.setAfterWrite(run.afterWrite);
  app.setAfterFileWritten([](const std::string& path) { platform::fileWritten(path); });
  if (run.openAfterFirstFrame) app.willOpenStore(run.database);
  else openDatabase(app, settings, run);
}

// Everything one run of the window holds, on the heap: in a browser the
// frames run from the browser's event loop, after runWindow's stack is gone.
// Destroyed in reverse: the loop and the app before the window, the window
// before the ImGui context, and the context (whose settings handler writes
// from `settings`) before `settings`.
struct WindowSession {
  explicit WindowSession(const WindowRun& r) : run(r) {}
  WindowRun run;
  std::filesystem::path iniPath;
  Settings settings;
  ImGuiContextGuard context;
  std::unique_ptr<platform::Window> window;
  ui::Controller app;
  std::unique_ptr<FrameLoop> loop;
  int status = 0;
};

}  // namespace

int runWindow(const WindowRun& run) {
  const auto session = std::make_shared<WindowSession>(run);
  const auto folders = platform::userFolders();
  session->iniPath = folders.config / "imgui.ini";
  readSettings(session->settings, session->run, folders.config, session->iniPath);
  try {
    session->window = platform::Window::create({"RoleFit", session->settings.geometry, !run.screenshot});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rolefit: %s\n", e.what());
    return 1;
  }
  startApp(session->app, session->settings, session->run);
  if (!run.screenshot) {
    std::signal(SIGTERM, onCloseSignal);
    std::signal(SIGINT, onCloseSignal);
  }
  session->loop = std::make_unique<FrameLoop>(session->run, *session->window, session->app, session->settings,
                                              run.screenshot ? std::filesystem::path() : session->iniPath);
  platform::runFrames([session] {
    const auto done = session->loop->step();
    if (done) session->status = *done;
    return !done;
  });
  if (!run.screenshot) saveIni(session->iniPath);
  return session->status;
}

}  // namespace rolefit::app

#ifndef ROLEFIT_WINDOW_LINKED
// The module's one export, found by name (platform/modules.hpp). Nothing
// thrown may cross into the executable's frames.
extern "C" __attribute__((visibility("default"))) int rolefit_run_window(const rolefit::app::WindowRun* run) {
  try {
    return rolefit::app::runWindow(*run);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rolefit: %s\n", e.what());
    return 1;
  }
}
#endif
