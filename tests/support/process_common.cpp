// The parts of running programs that every system shares: rolefit by its
// build path, through the system's run() and start().
#include "support/process.hpp"

namespace rolefit::test {
namespace {

std::vector<std::string> withBinary(const std::vector<std::string>& args) {
  std::vector<std::string> argv{rolefitBinary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace

ProcessResult runRolefit(const std::vector<std::string>& args, const ProcessOptions& options) {
  return run(withBinary(args), options);
}

std::vector<std::string> CliDatabase::with(std::vector<std::string> args) const {
  args.insert(args.end(), {"--db", path.string()});
  return args;
}

pid_t startRolefit(const std::vector<std::string>& args, const ProcessOptions& options) {
  return start(withBinary(args), options);
}

}  // namespace rolefit::test
