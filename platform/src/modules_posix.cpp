#include "rolefit/platform/modules.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace rolefit::platform {

void* moduleFunction(std::string_view moduleFile, const char* name) {
  std::error_code ec;
  const auto executable = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::runtime_error("cannot find where the rolefit executable is (" + ec.message() + ")");
  const auto path = executable.parent_path() / moduleFile;
  // Never closed: what it registers (exit handlers, X11 and GL state) lives
  // until the process ends.
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw std::runtime_error(path.string() + ": cannot be loaded (" + dlerror() + ")");
  void* function = dlsym(handle, name);
  if (!function) throw std::runtime_error(path.string() + ": has no " + name);
  return function;
}

}  // namespace rolefit::platform
