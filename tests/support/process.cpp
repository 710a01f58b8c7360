#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

namespace rolefit::test {

namespace {

pid_t spawn(const std::vector<std::string>& argv, const ProcessOptions& options, int outFd, int errFd) {
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid > 0) return pid;
  // Child: only async-signal-safe calls from here on.
  const int devNull = open("/dev/null", O_RDWR);
  dup2(devNull, STDIN_FILENO);
  if (!options.stdoutFile.empty()) outFd = open(options.stdoutFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(outFd >= 0 ? outFd : devNull, STDOUT_FILENO);
  dup2(errFd >= 0 ? errFd : devNull, STDERR_FILENO);
  if (options.fileSizeLimit >= 0) {
    signal(SIGXFSZ, SIG_IGN);  // writes past the limit fail with EFBIG instead of killing
    rlimit limit{static_cast<rlim_t>(options.fileSizeLimit), static_cast<rlim_t>(options.fileSizeLimit)};
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  for (const auto& [key, value] : options.env) setenv(key.c_str(), value.c_str(), 1);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execvp(args[0], args.data());
  _exit(127);
}

ProcessResult statusToResult(int status) {
  ProcessResult result;
  if (WIFEXITED(status)) result.exitCode = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

}  // namespace

ProcessResult run(const std::vector<std::string>& argv, const ProcessOptions& options) {
  int outPipe[2], errPipe[2];
  if (pipe2(outPipe, O_CLOEXEC) != 0 || pipe2(errPipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = spawn(argv, options, outPipe[1], errPipe[1]);
  close(outPipe[1]);
  close(errPipe[1]);
  std::string out, err;
  pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
  int open = 2;
  char buffer[65536];
  while (open > 0) {
    if (poll(fds, 2, -1) < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open;
      } else {
        (i == 0 ? out : err).append(buffer, static_cast<std::size_t>(n));
      }
    }
  }
  ProcessResult result = wait(pid);
  result.out = std::move(out);
  result.err = std::move(err);
  return result;
}

pid_t start(const std::vector<std::string>& argv, const ProcessOptions& options) {
  return spawn(argv, options, -1, -1);
}

ProcessResult wait(pid_t pid) {
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  ProcessResult result = statusToResult(status);
  result.peakKib = usage.ru_maxrss;
  return result;
}

void terminate(pid_t pid) { kill(pid, SIGKILL); }

VirtualDisplay::VirtualDisplay(int width, int height) {
  name_ = ":" + std::to_string(150 + getpid() % 100);
  pid_ = start({"Xvfb", name_, "-screen", "0", std::to_string(width) + "x" + std::to_string(height) + "x24",
                "-nolisten", "tcp"});
  std::this_thread::sleep_for(std::chrono::seconds(2));  // until it accepts clients
}

VirtualDisplay::~VirtualDisplay() {
  kill(pid_, SIGTERM);
  wait(pid_);
}

}  // namespace rolefit::test
