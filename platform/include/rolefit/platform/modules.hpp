// Parts of RoleFit shipped as shared modules beside the executable and
// loaded only when used: the window's libraries (GLFW, OpenGL, X11) then cost
// nothing to a command-line verb.
#pragma once
#include <string_view>

namespace rolefit::platform {

// The function `name` of the module file `moduleFile` in the executable's
// folder, loaded on first use and kept for the life of the process. Throws
// std::runtime_error naming the file when it cannot be loaded or lacks it.
void* moduleFunction(std::string_view moduleFile, const char* name);

}  // namespace rolefit::platform
