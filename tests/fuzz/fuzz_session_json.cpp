// libFuzzer target: the session reader on arbitrary bytes (mostly JSON, as
// seeded). Every input must be read or refused with SessionFileError; any
// other exception, crash, leak or sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rolefit/session/session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    rolefit::decodeSession(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  } catch (const rolefit::SessionFileError&) {
  }
  return 0;
}
