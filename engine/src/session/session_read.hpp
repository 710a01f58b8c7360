// Reading a session file: where the reader is (for messages and for the
// binary form's size checks) and the checks every value read goes through.
// Private to the session files' code (session_io.cpp, session_checks.cpp).
#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "rolefit/session/session.hpp"

namespace rolefit {

// The file's header: what it is and who wrote it. In the binary form it also
// carries the payload's size and CRC-32, which catches every change of up to
// four consecutive bytes (any single changed byte among them).
struct SessionHeader {
  std::string format;
  std::uint32_t major = 0;
  std::uint32_t minor = 0;
  std::string appVersion;
  std::uint64_t payloadSize = 0;  // binary only
  std::uint32_t payloadCrc32 = 0; // binary only
  std::vector<std::string> withheld;  // JSON from 1.1 (binary: the payload's extension)
};

namespace session_read {

// A read-only view of bytes as a stream that knows how many bytes are left.
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());  // never written: no put area
    setg(begin, begin, begin + bytes.size());
  }
  std::size_t remaining() const { return static_cast<std::size_t>(egptr() - gptr()); }
  std::size_t consumed() const { return static_cast<std::size_t>(gptr() - eback()); }

 protected:
  pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override {
    if (dir == std::ios_base::cur && off == 0) return pos_type(static_cast<off_type>(consumed()));
    return pos_type(off_type(-1));
  }
};

// Where reading is, for messages; and the bytes left, for binary bounds.
// Set for the duration of one decode on this thread.
struct ReadContext {
  const MemoryBuffer* buffer = nullptr;
  std::size_t profile = std::numeric_limits<std::size_t>::max();
  std::size_t rating = std::numeric_limits<std::size_t>::max();
  const char* item = "header";
};
// constinit: a constant-initialised thread_local needs no init wrapper, which
// UBSan builds reached as a null pointer from the other file.
inline constinit thread_local ReadContext* tContext = nullptr;

// "profile 3, employees": where reading is, for messages.
std::string where();
// A SessionFileError naming where reading is.
[[noreturn]] void fail(const std::string& problem);

// The needs' ids, in dimension order (JSON keys).
const std::array<const char*, kDimensionCount>& dimensionIds();

void checkSession(Session& s);
void checkHeader(const SessionHeader& h, SessionFileInfo& info);

}  // namespace session_read
}  // namespace rolefit
