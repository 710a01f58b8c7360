#include "cli/cli.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/verbs.hpp"
#include "rolefit/platform/console.hpp"
#include "rolefit/platform/paths.hpp"
#include "rolefit/store/store.hpp"
#include "rolefit/util/files.hpp"

namespace rolefit::app {
namespace {

int usageError(const std::string& message) {
  std::fprintf(stderr, "rolefit: %s\nRun 'rolefit --help' for usage.\n", message.c_str());
  return kExitUsage;
}

std::string viewList(const WindowLauncher* window) {
  std::string out;
  if (window)
    for (auto name : window->views) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

// Every option's value, as the parser fills them.
struct Arguments {
  std::string db;
  // The window's
  std::string screenshot, size = "1280x800", view;
  bool afterLoading = false;
  std::vector<std::string> openFiles;
  // The verbs'
  CLI::App* list = nullptr;
  bool listJson = false;
  CLI::App* importCsv = nullptr;
  std::string csvFile;
  CLI::App* evaluate = nullptr;
  std::vector<std::string> evaluateKeys;
  bool evaluateJson = false;
  bool evaluateTeam = false;
  CLI::App* importRatings = nullptr;
  std::string ratingsFile;
  CLI::App* rate = nullptr;
  std::string rateKey, rater;
  std::vector<std::string> rateValues;
  CLI::App* report = nullptr;
  std::string reportKey, reportFormat, reportOutput;
  CLI::App* exportVerb = nullptr;
  std::string exportFile;
  ExportOptions exportOptions;
  CLI::App* importVerb = nullptr;
  std::vector<std::string> importFiles;
  bool importDryRun = false;
  std::string onConflict;
};

void addWindowOptions(CLI::App& cli, Arguments& a, const WindowLauncher* window) {
  cli.add_option("--screenshot", a.screenshot, "Render the window off-screen to this PNG and exit")->type_name("PNG");
  cli.add_option("--size", a.size, "Window size for --screenshot")->type_name("WxH");
  cli.add_flag("--after-loading", a.afterLoading,
               "With --screenshot: wait until every profile is read and scored (a large database is read in the "
               "background while the window is already up)");
  cli.add_option("--view", a.view, window ? "View to show: " + viewList(window) : "View to show (no window in this build)")
      ->type_name("NAME");
  cli.add_option("SESSION", a.openFiles, "Session files to open in the window's import preview")->type_name("FILE");
}

void addVerbs(CLI::App& cli, Arguments& a) {
  a.list = cli.add_subcommand("list", "List saved profiles");
  a.list->add_flag("--json", a.listJson, "Print a JSON array");

  a.importCsv = cli.add_subcommand("import-csv", "Add profiles from a CSV file with the contract's header");
  a.importCsv->add_option("FILE", a.csvFile, "CSV file")->required();

  a.evaluate = cli.add_subcommand("evaluate", "Compare profiles with the role models (all when none named)");
  a.evaluate->add_option("PROFILE", a.evaluateKeys, "Profile id or name")->type_name("ID|NAME");
  a.evaluate->add_flag("--json", a.evaluateJson, "Print a JSON array");
  a.evaluate->add_flag("--team", a.evaluateTeam, "One profile as its raters see it: consensus, agreement, disagreements");

  a.importRatings = cli.add_subcommand("import-ratings", "Add raters' ratings of profiles from a CSV file");
  a.importRatings->add_option("FILE", a.ratingsFile, "CSV: profile, rater and judgement fields")->required();

  a.rate = cli.add_subcommand("rate", "Save one rater's rating of a profile");
  a.rate->add_option("PROFILE", a.rateKey, "Profile id or name")->type_name("ID|NAME")->required();
  a.rate->add_option("--rater", a.rater, "The rater's name")->type_name("NAME")->required();
  a.rate->add_option("VALUES", a.rateValues, "Judgement fields to set, such as goal_innovation=4")
      ->type_name("FIELD=VALUE");

  a.report = cli.add_subcommand("report", "Write a board-ready report on one profile");
  a.report->add_option("PROFILE", a.reportKey, "Profile id or name")->type_name("ID|NAME")->required();
  a.report->add_option("--format", a.reportFormat, "md, html or csv")->type_name("FORMAT")->required();
  a.report->add_option("-o,--output", a.reportOutput, "Write to this file (default: standard output)")->type_name("FILE");

  a.exportVerb = cli.add_subcommand("export", "Write a session file to share with a colleague");
  a.exportVerb->add_option("FILE", a.exportFile, "Session file to write")->required();
  a.exportVerb->add_option("--format", a.exportOptions.format, "json (default) or binary")->type_name("FORMAT");
  a.exportVerb->add_option("--profiles", a.exportOptions.profiles, "Profiles to export (default: all)")
      ->type_name("ID|NAME,...")
      ->delimiter(',');
  a.exportVerb->add_option("--session", a.exportOptions.session, "Export a saved session")->type_name("ID|NAME");
  a.exportVerb->add_option("--name", a.exportOptions.name, "The session's name in the file")->type_name("TEXT");
  a.exportVerb
      ->add_option("--withhold", a.exportOptions.withhold,
                   "Leave out of the file: notes, revenue_musd, leaders, ratings, rater_names, results")
      ->type_name("FIELD,...");

  a.importVerb = cli.add_subcommand("import", "Import session files (preview with --dry-run)");
  a.importVerb->add_option("FILE", a.importFiles, "Session files (JSON or binary)")->required();
  a.importVerb->add_flag("--dry-run", a.importDryRun, "Show what would change; write nothing");
  a.importVerb->add_option("--on-conflict", a.onConflict, "keep-mine, take-theirs or keep-both")->type_name("CHOICE");
}

// The verbs the parser knows, for messages.
std::string verbList(CLI::App& cli) {
  std::string verbs;
  for (const auto* verb : cli.get_subcommands([](CLI::App*) { return true; }))
    verbs += (verbs.empty() ? "" : ", ") + verb->get_name();
  return verbs;
}

int runVerb(const Arguments& a, const std::filesystem::path& database, bool windowOptions) {
  if (windowOptions) return usageError("--screenshot, --size, --after-loading and --view go without a verb");
  if (!a.openFiles.empty())
    return usageError(
        fmt::format("unexpected argument \"{}\" (session files to open go without a verb)", a.openFiles.front()));
  if (a.list->parsed()) return listProfiles(database, a.listJson);
  if (a.evaluate->parsed() && a.evaluateTeam) return evaluateTeamOf(database, a.evaluateKeys, a.evaluateJson);
  if (a.evaluate->parsed()) return evaluateProfiles(database, a.evaluateKeys, a.evaluateJson);
  if (a.importRatings->parsed()) return importRatings(database, pathFromUtf8(a.ratingsFile));
  if (a.rate->parsed()) return rateProfile(database, a.rateKey, a.rater, a.rateValues);
  if (a.report->parsed()) return reportProfile(database, a.reportKey, a.reportFormat, a.reportOutput);
  if (a.exportVerb->parsed()) return exportSessionFile(database, pathFromUtf8(a.exportFile), a.exportOptions);
  if (a.importVerb->parsed()) return importSessionFiles(database, a.importFiles, a.importDryRun, a.onConflict);
  return importCsv(database, pathFromUtf8(a.csvFile));
}

// The screenshot's size and folder into `run`; an exit status when they are wrong.
std::optional<int> screenshotOptions(const Arguments& a, WindowRun& run) {
  char x = 0;
  char rest = 0;
  if (std::sscanf(a.size.c_str(), "%d%c%d%c", &run.width, &x, &run.height, &rest) != 3 || (x != 'x' && x != 'X') ||
      run.width < 320 || run.height < 240 || run.width > 8192 || run.height > 8192)
    return usageError(fmt::format("--size: \"{}\" is not WIDTHxHEIGHT between 320x240 and 8192x8192", a.size));
  run.screenshot = pathFromUtf8(a.screenshot);
  run.afterLoading = a.afterLoading;
  const auto folder = std::filesystem::absolute(*run.screenshot).parent_path();
  if (!std::filesystem::is_directory(folder)) {
    std::fprintf(stderr, "rolefit: %s: no such folder for the screenshot\n", folder.string().c_str());
    return kExitRefused;
  }
  return std::nullopt;
}

int openWindow(CLI::App& cli, const Arguments& a, const std::filesystem::path& database, const WindowLauncher* window) {
  // Files to open are checked before a window is asked for: a mistyped
  // verb is a usage error, with or without a display.
  for (const auto& file : a.openFiles) {
    std::error_code ec;
    if (std::filesystem::exists(pathFromUtf8(file), ec)) continue;
    if (file.find_first_of("./\\") == std::string::npos)
      return usageError(fmt::format("unknown verb \"{}\" (verbs: {})", file, verbList(cli)));
    std::fprintf(stderr, "rolefit: %s: no such file\n", file.c_str());
    return kExitRefused;
  }
  if (!window) return usageError(fmt::format("this build of RoleFit has no window; give a verb ({})", verbList(cli)));
  if (!a.view.empty() && std::find(window->views.begin(), window->views.end(), a.view) == window->views.end())
    return usageError(fmt::format("--view: unknown view \"{}\" (views: {})", a.view, viewList(window)));
  WindowRun run;
  run.database = database;
  run.view = a.view;
  run.openFiles = a.openFiles;
  if (!a.screenshot.empty()) {
    if (const auto refused = screenshotOptions(a, run)) return *refused;
  } else if (cli.count("--size") > 0 || a.afterLoading) {
    return usageError(fmt::format("{} goes with --screenshot", a.afterLoading ? "--after-loading" : "--size"));
  }
  return window->run(run);
}

}  // namespace

int runCommandLine(int argc, char** argv, const WindowLauncher* window) {
  CLI::App cli{"RoleFit: decide what technology leadership a company needs (CIO, CTO, both, hybrid).\n"
               "With no verb, opens the window.",
               "rolefit"};
  cli.set_version_flag("--version", "rolefit " ROLEFIT_VERSION);
  // CLI11 reads "/x" as an option on Windows: a path such as /tmp/a.json
  // would vanish. RoleFit's options are --db and the like everywhere.
  cli.allow_windows_style_options(false);
  cli.fallthrough();  // --db is accepted after any verb too
  cli.require_subcommand(0, 1);
  Arguments a;
  cli.add_option("--db", a.db, "Database file (default: the per-user one)")->type_name("PATH");
  addWindowOptions(cli, a, window);
  addVerbs(cli, a);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    return usageError(e.what());
  }

  const std::filesystem::path database = a.db.empty() ? platform::defaultDatabasePath() : pathFromUtf8(a.db);
  const bool windowOptions = !a.screenshot.empty() || cli.count("--size") > 0 || !a.view.empty() || a.afterLoading;
  try {
    if (cli.get_subcommands().size() == 1) {
      platform::keepFreedMemoryForReuse();  // not for the window, which runs for hours
      return runVerb(a, database, windowOptions);
    }
    return openWindow(cli, a, database, window);
  } catch (const ValidationError& e) {
    for (const auto& problem : e.problems()) std::fprintf(stderr, "rolefit: %s: %s\n", problem.field.c_str(), problem.message.c_str());
    return kExitRefused;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rolefit: %s\n", e.what());
    return kExitRefused;
  }
}

}  // namespace rolefit::app
