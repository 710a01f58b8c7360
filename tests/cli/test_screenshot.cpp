// The real window under Xvfb in screenshot mode: the PNG has the asked size
// and shows something (not a blank frame).
#include <catch2/catch.hpp>

#include <set>

#include <stb_image.h>

#include "support/process.hpp"
#include "support/support.hpp"

using namespace rolefit::test;

namespace {

struct Png {
  int width = 0, height = 0;
  std::size_t distinctColours = 0;
};

Png inspect(const std::filesystem::path& file) {
  Png png;
  int channels = 0;
  unsigned char* pixels = stbi_load(file.string().c_str(), &png.width, &png.height, &channels, 4);
  if (!pixels) return png;
  std::set<std::uint32_t> colours;
  const std::size_t count = static_cast<std::size_t>(png.width) * static_cast<std::size_t>(png.height);
  for (std::size_t i = 0; i < count && colours.size() < 1000; i += 7) {
    const unsigned char* p = pixels + i * 4;
    colours.insert(std::uint32_t(p[0]) << 16 | std::uint32_t(p[1]) << 8 | p[2]);
  }
  png.distinctColours = colours.size();
  stbi_image_free(pixels);
  return png;
}

ProcessResult screenshot(const TempDir& dir, const std::string& file, const std::vector<std::string>& extra) {
  std::vector<std::string> argv{"xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", rolefitBinary().string(),
                                "--screenshot", (dir / file).string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  // Under ASan, LeakSanitizer reports 112 bytes allocated inside the Mesa/X11
  // stack (outside any of our modules, and only with fast unwinding); our own
  // code's leaks are covered by the headless UI tests and the CLI runs.
  return run(argv, {.env = {{"ROLEFIT_DATA_DIR", (dir / "data").string()},
                            {"ROLEFIT_CONFIG_DIR", (dir / "config").string()},
                            {"ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1"}},
                    .fileSizeLimit = -1,
                    .stdoutFile = {}});
}

}  // namespace

TEST_CASE("screenshot mode writes a PNG of every view at laptop and phone size") {
  TempDir dir;
  struct Shot {
    std::string view;
    int width, height;
  };
  std::vector<Shot> shots;
  for (const char* view : {"welcome", "profiles", "editor", "compare", "roles", "session"})
    for (auto [width, height] : {std::pair{1280, 800}, std::pair{390, 844}}) shots.push_back({view, width, height});
  for (const auto& shot : shots) {
    const auto name = shot.view + "-" + std::to_string(shot.width) + ".png";
    const auto result = screenshot(dir, name, {"--size", std::to_string(shot.width) + "x" + std::to_string(shot.height),
                                               "--view", shot.view});
    CAPTURE(shot.view, shot.width, result.err);
    REQUIRE(result.exitCode == 0);
    const Png png = inspect(dir / name);
    CHECK(png.width == shot.width);
    CHECK(png.height == shot.height);
    CHECK(png.distinctColours > 20);  // text, a menu bar, a status bar: not one flat colour
  }
}

TEST_CASE("the window on a new database adds the sample companies") {
  TempDir dir;
  REQUIRE(screenshot(dir, "first.png", {"--view", "profiles"}).exitCode == 0);
  const auto listed = runRolefit({"list", "--db", (dir / "data" / "rolefit.db").string()});
  CHECK(listed.out.find("Northgate Savings Bank") != std::string::npos);
}

TEST_CASE("screenshot mode refuses bad sizes, unknown views and unwritable paths") {
  TempDir dir;
  CHECK(runRolefit({"--screenshot", (dir / "a.png").string(), "--size", "big"}).exitCode == 2);
  CHECK(runRolefit({"--screenshot", (dir / "a.png").string(), "--size", "10x10"}).exitCode == 2);
  CHECK(runRolefit({"--screenshot", (dir / "a.png").string(), "--view", "nowhere"}).exitCode == 2);
  const auto noFolder = runRolefit({"--screenshot", (dir / "missing" / "a.png").string()});
  CHECK(noFolder.exitCode == 1);
  CHECK(noFolder.err.find("missing") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "a.png"));
}

TEST_CASE("verbs run without the window's libraries, which load only for the window") {
  // The executable alone, without its window module beside it: every verb
  // works, and asking for the window says which file is missing.
  TempDir dir;
  const auto alone = dir / "rolefit";
  std::filesystem::copy_file(rolefitBinary(), alone);
  writeFile(dir / "in.csv", generatedCsv(3));
  CHECK(run({alone.string(), "import-csv", (dir / "in.csv").string(), "--db", (dir / "r.db").string()}).exitCode == 0);
  CHECK(run({alone.string(), "evaluate", "--json", "--db", (dir / "r.db").string()}).exitCode == 0);
  const auto window = run({alone.string(), "--db", (dir / "r.db").string(), "--screenshot", (dir / "a.png").string()});
  CHECK(window.exitCode == 1);
  CHECK(window.err.find("cannot open the window") != std::string::npos);
  CHECK(window.err.find((dir / "rolefit-window.so").string()) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "a.png"));
}

TEST_CASE("the window saves its settings on close and reads them back next time") {
  TempDir dir;
  const auto config = dir / "config";
  std::filesystem::create_directories(config);
  // A previous run's settings: light theme, the profiles view, a window size,
  // a recent file (a path long enough to live on the heap: saving it after
  // the settings were destroyed is what ASan would catch at exit).
  const std::string recent = (dir / "a-session-file-with-a-long-name.json").string();
  writeFile(config / "imgui.ini", "[RoleFit][Settings]\nWindow=-1,-1,900,700,0\nTheme=light\nView=profiles\nRecent=" +
                                      recent + "\n\n");
  const auto db = dir / "r.db";
  const std::string binary = rolefitBinary().string();
  // SIGTERM, as a desktop session sends at logout, must close the window cleanly.
  const std::string script = "xvfb-run -a -s '-screen 0 1600x1000x24' '" + binary + "' --db '" + db.string() +
                             "' & sleep 3; pkill -TERM -f '^" + binary + " --db " + db.string() + "'; wait";
  const auto result = run({"sh", "-c", script},
                          {.env = {{"ROLEFIT_CONFIG_DIR", config.string()},
                                   {"ROLEFIT_DATA_DIR", (dir / "data").string()},
                                   {"ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1"}},
                           .fileSizeLimit = -1,
                    .stdoutFile = {}});
  CAPTURE(result.err);
  CHECK(result.exitCode == 0);
  const std::string ini = readFile(config / "imgui.ini");
  CAPTURE(ini);
  CHECK(ini.find("[RoleFit][Settings]") != std::string::npos);
  CHECK(ini.find("Theme=light") != std::string::npos);
  CHECK(ini.find("View=profiles") != std::string::npos);
  CHECK(ini.find("Window=") != std::string::npos);
  CHECK(ini.find(",900,700,") != std::string::npos);  // the remembered size was used, and saved again
  CHECK(ini.find("Recent=" + recent) != std::string::npos);
  CHECK(std::filesystem::exists(db));                 // the window opened its database
}

TEST_CASE("session files named on the command line open in the import preview") {
  TempDir dir;
  const std::string example = std::string(ROLEFIT_SOURCE_DIR) + "/assets/samples/example-session.json";
  const auto result = screenshot(dir, "preview.png", {"--size", "390x844", example});
  CAPTURE(result.err);
  REQUIRE(result.exitCode == 0);
  const Png png = inspect(dir / "preview.png");
  CHECK(png.width == 390);
  CHECK(png.distinctColours > 20);
  // With a verb, a stray file name is wrong usage, not silently ignored.
  CHECK(runRolefit({"list", example, "--db", (dir / "x.db").string()}).exitCode == 2);
}
