#include "support/support.hpp"

#include <algorithm>
#include <chrono>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include "rolefit/model/fields.hpp"

extern char** environ;

namespace fs = std::filesystem;

namespace rolefit::test {

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "rolefit-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path rolefitBinary() { return ROLEFIT_BINARY; }

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

std::vector<std::string> withBinary(const std::vector<std::string>& args) {
  std::vector<std::string> argv{rolefitBinary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
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

ProcessResult runRolefit(const std::vector<std::string>& args, const ProcessOptions& options) {
  return run(withBinary(args), options);
}

pid_t start(const std::vector<std::string>& argv, const ProcessOptions& options) {
  return spawn(argv, options, -1, -1);
}

pid_t startRolefit(const std::vector<std::string>& args, const ProcessOptions& options) {
  return start(withBinary(args), options);
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

void scribbleOverMiddlePage(const fs::path& database) {
  std::size_t pageSize = 0;
  {
    SQLite::Database db(database.string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    pageSize = static_cast<std::size_t>(db.execAndGet("PRAGMA page_size").getInt());
  }
  std::string bytes = readFile(database);
  const std::size_t pages = bytes.size() / pageSize;
  if (pages < 4) throw std::runtime_error(database.string() + ": too small to damage only its middle");
  const std::size_t start = pageSize * (pages / 2);
  for (std::size_t i = start; i < start + pageSize; ++i) bytes[i] = static_cast<char>(0xA5);
  writeFile(database, bytes);
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void writeFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string contractHeader() {
  std::string header;
  for (const auto& f : profileFields()) header += (header.empty() ? "" : ",") + std::string(f.key);
  return header;
}

std::string generatedCsv(std::size_t rows, unsigned seed) {
  std::mt19937 random(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
  const auto& fields = profileFields();
  std::string csv = contractHeader() + "\n";
  for (std::size_t r = 0; r < rows; ++r) {
    std::string row;
    for (const auto& f : fields) {
      std::string cell;
      if (f.key == "name") cell = fmt::format("\"Company {} \"\"{}\"\", Ltd\"", r, seed);
      else if (f.key == "notes") cell = r % 7 == 0 ? "\"line one\nline two\"" : "";
      else if (f.key == "revenue_musd") cell = r % 5 == 0 ? "" : fmt::format("{}.5", pick(0, 5000));
      else if (f.key == "tech_revenue_pct") cell = fmt::format("{}", pick(0, 100));
      else if (f.kind == FieldKind::Choice) cell = std::string(f.choices[static_cast<std::size_t>(pick(0, static_cast<int>(f.choices.size()) - 1))]);
      else if (f.key == "employees") cell = std::to_string(pick(1, 200000));
      else if (f.key == "product_lines") cell = std::to_string(pick(0, 12));
      else cell = std::to_string(pick(static_cast<int>(f.min), static_cast<int>(f.max)));
      row += (row.empty() ? "" : ",") + cell;
    }
    csv += row + "\n";
  }
  return csv;
}

double bestSeconds(int runs, const std::function<void(int)>& body) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    body(i);
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return *std::min_element(times.begin(), times.end());
}

}  // namespace rolefit::test
