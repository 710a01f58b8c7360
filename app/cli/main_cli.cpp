// `rolefit` without the window (-DROLEFIT_BUILD_APP=OFF): every verb.
#include "cli/cli.hpp"

int main(int argc, char** argv) { return rolefit::app::runCommandLine(argc, argv, nullptr); }
