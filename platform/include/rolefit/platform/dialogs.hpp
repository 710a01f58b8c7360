// The desktop's own file dialogs. On Linux: zenity (what portable dialog
// libraries call there too). A phone or web build replaces this file.
#pragma once
#include <optional>
#include <string>

namespace rolefit::platform {

enum class FileDialogKind { Open, Save };

struct FileDialogResult {
  bool available = false;            // false: no desktop dialog here; ask inside the app
  std::optional<std::string> path;   // empty: the user cancelled
};

// Blocks until the user answers. `suggestion` is the file name (Save) or a
// path to start from (Open); `filterName` and `patterns` (space-separated
// globs, e.g. "*.json *.rfs") narrow the list shown.
FileDialogResult fileDialog(FileDialogKind kind, const std::string& title, const std::string& suggestion,
                            const std::string& filterName, const std::string& patterns);

}  // namespace rolefit::platform
