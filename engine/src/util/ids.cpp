#include "rolefit/util/ids.hpp"

#include <ctime>
#include <random>
#include <string>

namespace rolefit {

// Version 4 (random) UUIDs from a generator seeded once per thread from the
// OS's entropy. libuuid makes five system calls per id, which dominated bulk
// imports; ids need uniqueness, not secrecy.
std::string newUuid() {
  thread_local std::mt19937_64 generator = [] {
    std::random_device entropy;
    std::seed_seq seed{entropy(), entropy(), entropy(), entropy(), entropy(), entropy(), entropy(), entropy()};
    return std::mt19937_64(seed);
  }();
  std::uint64_t high = generator();
  std::uint64_t low = generator();
  high = (high & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  low = (low & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;    // RFC 4122 variant
  // Written digit by digit: fmt's formatting took ten times longer than the
  // generator, and a bulk import makes one id per row.
  std::string id(36, '-');
  constexpr char kHex[] = "0123456789abcdef";
  std::size_t at = 36;
  auto put = [&](std::uint64_t bits, int digits) {
    for (int d = 0; d < digits; ++d, bits >>= 4) id[--at] = kHex[bits & 0xF];
  };
  put(low, 12);
  --at;
  put(low >> 48, 4);
  --at;
  put(high, 4);
  --at;
  put(high >> 16, 4);
  --at;
  put(high >> 32, 8);
  return id;
}

bool isUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
      return false;
  }
  return true;
}

std::string utcNowIso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
#if defined(_WIN32)
  gmtime_s(&utc, &now);
#else
  gmtime_r(&now, &utc);
#endif
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

bool isUtcTimestamp(std::string_view t) {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (t.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool digit = t[i] >= '0' && t[i] <= '9';
    if (kShape[i] == 'd' ? !digit : t[i] != kShape[i]) return false;
  }
  const auto number = [&](std::size_t at, std::size_t length) {
    int n = 0;
    for (std::size_t i = at; i < at + length; ++i) n = n * 10 + (t[i] - '0');
    return n;
  };
  const int month = number(5, 2), day = number(8, 2);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && number(11, 2) <= 23 && number(14, 2) <= 59 &&
         number(17, 2) <= 60;
}

}  // namespace rolefit
