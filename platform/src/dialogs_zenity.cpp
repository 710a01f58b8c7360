#include "rolefit/platform/dialogs.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace rolefit::platform {
namespace {

bool onPath(const char* program) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::string dirs(path);
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = dirs.find(':', start);
    const std::string dir = dirs.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!dir.empty() && access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

}  // namespace

FileDialogResult fileDialog(FileDialogKind kind, const std::string& title, const std::string& suggestion,
                            const std::string& filterName, const std::string& patterns) {
  FileDialogResult result;
  // No display, or no zenity: the caller asks inside the app instead.
  if ((!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) || std::getenv("ROLEFIT_NO_NATIVE_DIALOGS") ||
      !onPath("zenity"))
    return result;

  std::vector<std::string> args{"zenity", "--file-selection", "--title=" + title};
  if (kind == FileDialogKind::Save) {
    args.emplace_back("--save");
    args.emplace_back("--confirm-overwrite");
  }
  if (!suggestion.empty()) args.push_back("--filename=" + suggestion);
  if (!patterns.empty()) args.push_back("--file-filter=" + filterName + " | " + patterns);
  args.emplace_back("--file-filter=All files | *");

  // fork/exec with a pipe: no shell, so no quoting of the user's file names.
  // The argument array is built before fork: the child of a process with
  // other threads (the GL driver's) may only make async-signal-safe calls.
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int pipeFds[2];
  if (pipe(pipeFds) != 0) return result;
  const pid_t pid = fork();
  if (pid < 0) {
    close(pipeFds[0]);
    close(pipeFds[1]);
    return result;
  }
  if (pid == 0) {
    dup2(pipeFds[1], STDOUT_FILENO);
    close(pipeFds[0]);
    close(pipeFds[1]);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(pipeFds[1]);
  std::string output;
  char buffer[4096];
  ssize_t n;
  while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0) output.append(buffer, static_cast<std::size_t>(n));
  close(pipeFds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) == 127) return result;  // zenity could not run
  result.available = true;
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  if (WEXITSTATUS(status) == 0 && !output.empty()) result.path = output;
  return result;
}

}  // namespace rolefit::platform
