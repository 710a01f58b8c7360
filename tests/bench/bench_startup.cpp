// Window start-up against floors, whole processes under one Xvfb, in
// alternating rounds (limits: issue 12):
// - `rolefit --screenshot` (start, open the database, first frames, read the
//   frame back, write the PNG, exit) against floor_window: the smallest
//   GLFW + OpenGL 3 + Dear ImGui program that draws the demo window and does
//   the same read-back and PNG write at the same size: at most 1.3x;
// - the same screenshot on a database of 100,000 profiles against one with
//   none: issue 12's goal is 1.15x the time and 1.4x the peak memory. The
//   window still reads and scores every profile before its first frame, so
//   today's limits (5x, 2.5x) only hold what is there against regressions.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "bench/paired.hpp"
#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/store/store.hpp"
#include "support/support.hpp"

using namespace rolefit;
using namespace rolefit::test;
using rolefit::bench::Paired;
namespace fs = std::filesystem;

namespace {

// Runs a process to its end; returns its peak resident memory in KiB, or -1
// when it failed.
long runForPeakKib(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env) {
  const pid_t pid = fork();
  if (pid == 0) {
    for (const auto& [key, value] : env) setenv(key.c_str(), value.c_str(), 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return usage.ru_maxrss;
}

}  // namespace

int main() {
  TempDir dir;
  // One virtual display for every round, started before any of them.
  const std::string display = ":" + std::to_string(150 + getpid() % 100);
  const pid_t xvfb = fork();
  if (xvfb == 0) {
    freopen("/dev/null", "w", stderr);
    execlp("Xvfb", "Xvfb", display.c_str(), "-screen", "0", "1600x1000x24", "-nolisten", "tcp", nullptr);
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const std::map<std::string, std::string> env{{"DISPLAY", display},
                                               {"ROLEFIT_CONFIG_DIR", (dir / "config").string()},
                                               {"ROLEFIT_NO_NATIVE_DIALOGS", "1"}};

  const fs::path empty = dir / "empty.db", large = dir / "large.db", samples = dir / "samples.db";
  { Store store(empty); }
  {
    writeFile(dir / "large.csv", generatedCsv(100'000, 7));
    if (runRolefit({"import-csv", (dir / "large.csv").string(), "--db", large.string()}).exitCode != 0) {
      std::fprintf(stderr, "bench: importing 100,000 profiles failed\n");
      return 1;
    }
  }
  bool ok = true;
  auto screenshot = [&](const fs::path& db) {
    return std::vector<std::string>{rolefitBinary().string(), "--db", db.string(), "--screenshot",
                                    (dir / "shot.png").string(), "--size", "1280x800", "--view", "profiles"};
  };
  long peakLarge = 1L << 40, peakEmpty = 1L << 40;
  auto shoot = [&](const fs::path& db, long* peak) {
    const long kib = runForPeakKib(screenshot(db), env);
    ok &= kib > 0;
    if (kib <= 0) std::fprintf(stderr, "bench: the screenshot on %s failed\n", db.filename().c_str());
    if (peak) *peak = std::min(*peak, kib);
  };
  // The first run creates the sample database, as a new user's first start does.
  shoot(samples, nullptr);

  constexpr int kRounds = 7;
  const auto first = rolefit::bench::measure(
      Paired{
          .what = "window start-up to the first PNG (--screenshot, 1280x800, the seven sample companies)",
          .floorWhat = "floor_window: GLFW + OpenGL 3 + Dear ImGui drawing the demo window, its first frame read "
                       "back and written as a PNG of the same size",
          .limit = 1.3,
          .subject = [&](int) { shoot(samples, nullptr); },
          .floor =
              [&](int) {
                ok &= runForPeakKib({FLOOR_WINDOW, (dir / "floor.png").string(), "1280", "800"}, env) > 0;
              },
      },
      kRounds);
  const auto many = rolefit::bench::measure(
      Paired{
          .what = "window start-up to the first PNG with 100,000 profiles",
          .floorWhat = "the same screenshot on a RoleFit database with no profiles",
          .limit = 5.0,
          .target = 1.15,
          .subject = [&](int) { shoot(large, &peakLarge); },
          .floor = [&](int) { shoot(empty, &peakEmpty); },
      },
      kRounds);
  const bool memoryOk =
      rolefit::bench::report("peak memory of that start-up with 100,000 profiles", static_cast<double>(peakLarge) / 1024,
                             static_cast<double>(peakEmpty) / 1024, 2.5, 1.4, "MiB",
                             "the same screenshot on a RoleFit database with no profiles (lowest of the rounds)");
  kill(xvfb, SIGTERM);
  int status = 0;
  waitpid(xvfb, &status, 0);
  if (!ok) std::fprintf(stderr, "bench: a run failed\n");
  return ok && first.withinLimit && many.withinLimit && memoryOk ? 0 : 1;
}
