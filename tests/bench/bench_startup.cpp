// Window start-up against floors, whole processes under one Xvfb, in
// alternating rounds (limits: issue 12):
// - `rolefit --screenshot` (start, open the database, first frames, read the
//   frame back, write the PNG, exit) against floor_window: the smallest
//   GLFW + OpenGL 3 + Dear ImGui program that draws the demo window and does
//   the same read-back and PNG write at the same size: at most 1.3x;
// - the same screenshot on a database of 100,000 profiles against one with
//   none: at most 1.15x the time and 1.4x the peak memory. The window reads
//   a large database on a thread of its own, started once its first frame is
//   on screen, so the first frame neither waits for it nor shares the
//   processor with it;
// - and once every one of those profiles is read and scored (--after-loading):
//   the peak memory at most 1.4x the empty database's, the time reported.

#include <cstdio>
#include <string>

#include "bench/paired.hpp"
#include "rolefit/store/store.hpp"
#include "support/process.hpp"
#include "support/support.hpp"

using namespace rolefit;
using namespace rolefit::test;
using rolefit::bench::Paired;
namespace fs = std::filesystem;

int main() {
  TempDir dir;
  // One virtual display for every round, started before any of them.
  VirtualDisplay display(1600, 1000);
  const ProcessOptions options{.env = {{"DISPLAY", display.name()},
                                       {"ROLEFIT_CONFIG_DIR", (dir / "config").string()},
                                       {"ROLEFIT_NO_NATIVE_DIALOGS", "1"}}};

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
  auto screenshot = [&](const fs::path& db, bool afterLoading) {
    std::vector<std::string> argv{rolefitBinary().string(), "--db", db.string(), "--screenshot",
                                  (dir / "shot.png").string(), "--size", "1280x800", "--view", "profiles"};
    if (afterLoading) argv.emplace_back("--after-loading");
    return argv;
  };
  long peakLarge = 1L << 40, peakEmpty = 1L << 40, peakLoaded = 1L << 40;
  auto shoot = [&](const fs::path& db, long* peak, bool afterLoading = false) {
    const ProcessResult result = run(screenshot(db, afterLoading), options);
    ok &= result.exitCode == 0;
    if (result.exitCode != 0) std::fprintf(stderr, "bench: the screenshot on %s failed\n", db.filename().c_str());
    if (peak) *peak = std::min(*peak, result.peakKib);
  };
  // The first run creates the sample database, as a new user's first start does.
  shoot(samples, nullptr);

  // A round's own ratio ranges from 0.7 to 1.5 on this shared machine: the
  // median of 15 moved from 1.04 to 1.14 between runs of the same code, the
  // median of 31 about half as much (the rounds take 20 s a measure).
  constexpr int kRounds = 31;
  const auto first = rolefit::bench::measure(
      Paired{
          .what = "window start-up to the first PNG (--screenshot, 1280x800, the seven sample companies)",
          .floorWhat = "floor_window: GLFW + OpenGL 3 + Dear ImGui drawing the demo window, its first frame read "
                       "back and written as a PNG of the same size",
          .limit = 1.3,
          .subject = [&](int) { shoot(samples, nullptr); },
          .floor =
              [&](int) {
                ok &= run({FLOOR_WINDOW, (dir / "floor.png").string(), "1280", "800"}, options).exitCode == 0;
              },
      },
      kRounds);
  const auto many = rolefit::bench::measure(
      Paired{
          .what = "window start-up to the first PNG with 100,000 profiles",
          .floorWhat = "the same screenshot on a RoleFit database with no profiles",
          .limit = 1.15,
          .subject = [&](int) { shoot(large, &peakLarge); },
          .floor = [&](int) { shoot(empty, &peakEmpty); },
      },
      kRounds);
  const bool memoryOk =
      rolefit::bench::report("peak memory of that start-up with 100,000 profiles", static_cast<double>(peakLarge) / 1024,
                             static_cast<double>(peakEmpty) / 1024, 1.4, "MiB",
                             "the same screenshot on a RoleFit database with no profiles (lowest of the rounds)");
  const auto loaded = rolefit::bench::measure(
      Paired{
          .what = "the same window once all 100,000 profiles are read and scored (--after-loading)",
          .floorWhat = "the same screenshot on a RoleFit database with no profiles",
          // No goal in issue 12: a guard against regressions (2.9x today).
          .limit = 4.0,
          .subject = [&](int) { shoot(large, &peakLoaded, true); },
          .floor = [&](int) { shoot(empty, nullptr, true); },
      },
      5);
  const bool loadedMemoryOk = rolefit::bench::report(
      "peak memory with all 100,000 profiles read and scored", static_cast<double>(peakLoaded) / 1024,
      static_cast<double>(peakEmpty) / 1024, 1.4, "MiB",
      "the same screenshot on a RoleFit database with no profiles (lowest of the rounds)");
  if (!ok) std::fprintf(stderr, "bench: a run failed\n");
  return ok && first.withinLimit && many.withinLimit && memoryOk && loaded.withinLimit && loadedMemoryOk ? 0 : 1;
}
