// The command line: every verb over the engine, and, in a build with the
// window, the window's options. It never includes the UI: the window is
// reached through a WindowLauncher, so `rolefit` builds without Dear ImGui
// or GLFW (-DROLEFIT_BUILD_APP=OFF) and still has every verb.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolefit::app {

// What the command line asks of the window.
struct WindowRun {
  std::filesystem::path database;
  // Off-screen mode: render the window hidden, write a PNG, exit.
  std::optional<std::filesystem::path> screenshot;
  int width = 1280, height = 800;
  bool afterLoading = false;  // the screenshot waits for every profile to be read and scored
  std::string view;  // empty: the remembered or default view
  std::vector<std::string> openFiles;  // session files to preview for import, as if dropped
  std::function<void()> afterWrite;     // after each write to the database (the browser saves it then)
  bool canQuit = true;                  // false in a browser: the page is closed by the browser, not the app
  // The database opens after the window's first frame, which says it is
  // opening: in a browser, opening (and on a first visit, creating) it is
  // most of the start-up, and the page would stay blank meanwhile.
  bool openAfterFirstFrame = false;
};

struct WindowLauncher {
  std::vector<std::string_view> views;  // what --view accepts
  // Exit status: 0 done, 1 the screenshot could not be written or no window
  // could be opened.
  std::function<int(const WindowRun&)> run;
};

// The whole command line. Exit status: 0 done, 1 refused input (one line per
// problem on stderr, the database unchanged), 2 wrong usage. `window` is null
// in a build without the window: asking for it is then a usage error.
int runCommandLine(int argc, char** argv, const WindowLauncher* window);

}  // namespace rolefit::app
