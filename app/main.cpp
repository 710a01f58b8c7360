#include "window_app.hpp"

int main(int argc, char** argv) {
  const auto window = rolefit::app::windowLauncher();
  return rolefit::app::runCommandLine(argc, argv, &window);
}
