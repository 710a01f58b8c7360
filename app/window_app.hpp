#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rolefit::app {

struct WindowRun {
  std::filesystem::path database;
  // Off-screen mode: render the window hidden, write a PNG, exit.
  std::optional<std::filesystem::path> screenshot;
  int width = 1280, height = 800;
  bool afterLoading = false;  // the screenshot waits for every profile to be read and scored
  std::string view;  // empty: the remembered or default view
  std::vector<std::string> openFiles;  // session files to preview for import, as if dropped
};

// Exit status: 0 done, 1 the screenshot could not be written or no window
// could be opened.
int runWindow(const WindowRun& run);

}  // namespace rolefit::app
