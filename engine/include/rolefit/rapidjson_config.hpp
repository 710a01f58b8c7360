// Force-included into every C++ translation unit (see the top CMakeLists.txt).
// RapidJSON's own default is assert(), which Debian builds keep: a hostile file
// could then abort the app. Here a failed RapidJSON check throws instead, and
// parsing is iterative so deep nesting cannot overflow the stack.
#pragma once
#include <stdexcept>
#include <string>

namespace rolefit {
struct JsonStructureError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
[[noreturn]] inline void throwJsonStructureError(const char* check) {
  throw JsonStructureError(std::string("malformed JSON structure (") + check + ")");
}
}  // namespace rolefit

#define RAPIDJSON_ASSERT_THROWS 1
#define RAPIDJSON_ASSERT(x) ((x) ? static_cast<void>(0) : ::rolefit::throwJsonStructureError(#x))
#define RAPIDJSON_PARSE_DEFAULT_FLAGS (kParseIterativeFlag | kParseFullPrecisionFlag)
#define RAPIDJSON_HAS_STDSTRING 1
