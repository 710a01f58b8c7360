#include "cli/cli.hpp"

int main(int argc, char** argv) { return rolefit::app::runCommandLine(argc, argv); }
