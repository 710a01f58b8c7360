#include "cli/cli.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/verbs.hpp"
#include "rolefit/platform/paths.hpp"
#include "rolefit/store/store.hpp"

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

}  // namespace

int runCommandLine(int argc, char** argv, const WindowLauncher* window) {
  CLI::App cli{"RoleFit: decide what technology leadership a company needs (CIO, CTO, both, hybrid).\n"
               "With no verb, opens the window.",
               "rolefit"};
  cli.set_version_flag("--version", "rolefit " ROLEFIT_VERSION);
  cli.fallthrough();  // --db is accepted after any verb too
  cli.require_subcommand(0, 1);

  std::string db;
  cli.add_option("--db", db, "Database file (default: the per-user one)")->type_name("PATH");
  std::string screenshot, size = "1280x800", view;
  cli.add_option("--screenshot", screenshot, "Render the window off-screen to this PNG and exit")->type_name("PNG");
  cli.add_option("--size", size, "Window size for --screenshot")->type_name("WxH");
  bool afterLoading = false;
  cli.add_flag("--after-loading", afterLoading,
               "With --screenshot: wait until every profile is read and scored (a large database is read in the "
               "background while the window is already up)");
  cli.add_option("--view", view, window ? "View to show: " + viewList(window) : "View to show (no window in this build)")
      ->type_name("NAME");
  std::vector<std::string> openFiles;
  cli.add_option("SESSION", openFiles, "Session files to open in the window's import preview")->type_name("FILE");

  auto* list = cli.add_subcommand("list", "List saved profiles");
  bool listJson = false;
  list->add_flag("--json", listJson, "Print a JSON array");

  auto* importCsvVerb = cli.add_subcommand("import-csv", "Add profiles from a CSV file with the contract's header");
  std::string csvFile;
  importCsvVerb->add_option("FILE", csvFile, "CSV file")->required();

  auto* evaluateVerb = cli.add_subcommand("evaluate", "Compare profiles with the role models (all when none named)");
  std::vector<std::string> evaluateKeys;
  bool evaluateJson = false;
  evaluateVerb->add_option("PROFILE", evaluateKeys, "Profile id or name")->type_name("ID|NAME");
  evaluateVerb->add_flag("--json", evaluateJson, "Print a JSON array");

  auto* reportVerb = cli.add_subcommand("report", "Write a board-ready report on one profile");
  std::string reportKey, reportFormat, reportOutput;
  reportVerb->add_option("PROFILE", reportKey, "Profile id or name")->type_name("ID|NAME")->required();
  reportVerb->add_option("--format", reportFormat, "md, html or csv")->type_name("FORMAT")->required();
  reportVerb->add_option("-o,--output", reportOutput, "Write to this file (default: standard output)")->type_name("FILE");

  auto* exportVerb = cli.add_subcommand("export", "Write a session file to share with a colleague");
  std::string exportFile;
  ExportOptions exportOptions;
  exportVerb->add_option("FILE", exportFile, "Session file to write")->required();
  exportVerb->add_option("--format", exportOptions.format, "json (default) or binary")->type_name("FORMAT");
  exportVerb->add_option("--profiles", exportOptions.profiles, "Profiles to export (default: all)")
      ->type_name("ID|NAME,...")
      ->delimiter(',');
  exportVerb->add_option("--session", exportOptions.session, "Export a saved session")->type_name("ID|NAME");
  exportVerb->add_option("--name", exportOptions.name, "The session's name in the file")->type_name("TEXT");

  auto* importVerb = cli.add_subcommand("import", "Import session files (preview with --dry-run)");
  std::vector<std::string> importFiles;
  bool importDryRun = false;
  std::string onConflict;
  importVerb->add_option("FILE", importFiles, "Session files (JSON or binary)")->required();
  importVerb->add_flag("--dry-run", importDryRun, "Show what would change; write nothing");
  importVerb->add_option("--on-conflict", onConflict, "keep-mine, take-theirs or keep-both")->type_name("CHOICE");

  // The verbs the parser knows, for messages.
  const auto verbList = [&cli] {
    std::string verbs;
    for (const auto* verb : cli.get_subcommands([](CLI::App*) { return true; }))
      verbs += (verbs.empty() ? "" : ", ") + verb->get_name();
    return verbs;
  };

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

  const std::filesystem::path database = db.empty() ? platform::defaultDatabasePath() : std::filesystem::path(db);
  const bool windowOptions = !screenshot.empty() || cli.count("--size") > 0 || !view.empty() || afterLoading;
  try {
    if (cli.get_subcommands().size() == 1) {
      if (windowOptions) return usageError("--screenshot, --size, --after-loading and --view go without a verb");
      if (!openFiles.empty())
        return usageError(fmt::format("unexpected argument \"{}\" (session files to open go without a verb)",
                                      openFiles.front()));
      if (list->parsed()) return listProfiles(database, listJson);
      if (evaluateVerb->parsed()) return evaluateProfiles(database, evaluateKeys, evaluateJson);
      if (reportVerb->parsed()) return reportProfile(database, reportKey, reportFormat, reportOutput);
      if (exportVerb->parsed()) return exportSessionFile(database, exportFile, exportOptions);
      if (importVerb->parsed()) return importSessionFiles(database, importFiles, importDryRun, onConflict);
      return importCsv(database, csvFile);
    }

    // Files to open are checked before a window is asked for: a mistyped
    // verb is a usage error, with or without a display.
    for (const auto& file : openFiles) {
      std::error_code ec;
      if (std::filesystem::exists(file, ec)) continue;
      if (file.find_first_of("./\\") == std::string::npos) {
        return usageError(fmt::format("unknown verb \"{}\" (verbs: {})", file, verbList()));
      }
      std::fprintf(stderr, "rolefit: %s: no such file\n", file.c_str());
      return kExitRefused;
    }
    if (!window) return usageError(fmt::format("this build of RoleFit has no window; give a verb ({})", verbList()));
    WindowRun run;
    run.database = database;
    if (!view.empty() && std::find(window->views.begin(), window->views.end(), view) == window->views.end())
      return usageError(fmt::format("--view: unknown view \"{}\" (views: {})", view, viewList(window)));
    run.view = view;
    run.openFiles = openFiles;
    if (!screenshot.empty()) {
      char x = 0;
      char rest = 0;
      if (std::sscanf(size.c_str(), "%d%c%d%c", &run.width, &x, &run.height, &rest) != 3 || (x != 'x' && x != 'X') ||
          run.width < 320 || run.height < 240 || run.width > 8192 || run.height > 8192)
        return usageError(fmt::format("--size: \"{}\" is not WIDTHxHEIGHT between 320x240 and 8192x8192", size));
      run.screenshot = screenshot;
      run.afterLoading = afterLoading;
      const auto folder = std::filesystem::absolute(*run.screenshot).parent_path();
      if (!std::filesystem::is_directory(folder)) {
        std::fprintf(stderr, "rolefit: %s: no such folder for the screenshot\n", folder.string().c_str());
        return kExitRefused;
      }
    } else if (cli.count("--size") > 0 || afterLoading) {
      return usageError(fmt::format("{} goes with --screenshot", afterLoading ? "--after-loading" : "--size"));
    }
    return window->run(run);
  } catch (const ValidationError& e) {
    for (const auto& problem : e.problems()) std::fprintf(stderr, "rolefit: %s: %s\n", problem.field.c_str(), problem.message.c_str());
    return kExitRefused;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rolefit: %s\n", e.what());
    return kExitRefused;
  }
}

}  // namespace rolefit::app
