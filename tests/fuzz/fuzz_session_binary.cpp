// libFuzzer target: the binary payload reader. The input becomes the payload
// of a file with a valid header and checksum, so the fuzzer reaches the
// parsing behind the checksum instead of stopping at it.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <zlib.h>

#include "rolefit/session/session.hpp"

namespace {
void put(std::string& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}
void putText(std::string& out, std::string_view text) {
  put(out, text.size(), 8);
  out.append(text);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // README "Session files": endianness byte, class version, format name,
  // major, minor, app version, payload size, payload CRC-32.
  std::string file(1, '\x01');
  put(file, 0, 4);
  putText(file, rolefit::kSessionFormatName);
  put(file, rolefit::kSessionFormatMajor, 4);
  put(file, rolefit::kSessionFormatMinor, 4);
  putText(file, "fuzz");
  put(file, size, 8);
  put(file, crc32_z(crc32(0L, Z_NULL, 0), data, size), 4);
  file.append(reinterpret_cast<const char*>(data), size);
  try {
    rolefit::decodeSession(file, "fuzz.bin");
  } catch (const rolefit::SessionFileError&) {
  }
  return 0;
}
