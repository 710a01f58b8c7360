// `rolefit` without the window (-DROLEFIT_BUILD_APP=OFF): every verb.
#include "cli/cli.hpp"
#include "rolefit/platform/console.hpp"

int main(int argc, char** argv) {
  rolefit::platform::prepareConsole();
  rolefit::platform::CommandLine commandLine(argc, argv);
  return rolefit::app::runCommandLine(commandLine.argc(), commandLine.argv(), nullptr);
}
