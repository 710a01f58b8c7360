// In a browser there is no desktop file dialog to call from C++: the page
// offers the browser's own file chooser (see platform/web/), and anything
// asked of this answers "not available".
#include "rolefit/platform/dialogs.hpp"

namespace rolefit::platform {

FileDialogResult fileDialog(FileDialogKind, const std::string&, const std::string&, const std::string&,
                            const std::string&) {
  return {};
}

}  // namespace rolefit::platform
