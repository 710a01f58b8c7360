#include "paired.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace rolefit::bench {

bool require(bool ok, const char* what) {
  if (!ok) std::fprintf(stderr, "bench: %s failed\n", what);
  return ok;
}

double secondsOf(const std::function<void()>& body) {
  const auto start = std::chrono::steady_clock::now();
  body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

PairedResult measure(const Paired& paired, int rounds) {
  PairedResult r{1e30, 1e30, 0, false};
  const auto floorRound = [&](int round) {
    if (paired.beforeFloor) paired.beforeFloor(round);
    r.floor = std::min(r.floor, secondsOf([&] { paired.floor(round); }));
  };
  const auto subjectRound = [&](int round) {
    if (paired.beforeSubject) paired.beforeSubject(round);
    r.subject = std::min(r.subject, secondsOf([&] { paired.subject(round); }));
  };
  for (int round = 0; round < rounds; ++round) {
    // Which side goes first alternates too: the second of a pair meets the
    // caches the first one warmed.
    if (round % 2 == 0) {
      floorRound(round);
      subjectRound(round);
    } else {
      subjectRound(round);
      floorRound(round);
    }
  }
  r.ratio = r.subject / r.floor;
  r.withinLimit = r.ratio <= paired.limit;
  std::printf("%s: %.3f s; floor %.3f s; ratio %.2f (limit %.2f)%s\n  floor: %s\n", paired.what.c_str(), r.subject,
              r.floor, r.ratio, paired.limit, r.withinLimit ? "" : "  OVER THE LIMIT", paired.floorWhat.c_str());
  std::fflush(stdout);
  return r;
}

bool report(const std::string& what, double subject, double floor, double limit, const std::string& unit,
            const std::string& floorWhat) {
  const double ratio = subject / floor;
  const bool ok = ratio <= limit;
  std::printf("%s: %.1f %s; floor %.1f %s; ratio %.2f (limit %.2f)%s\n  floor: %s\n", what.c_str(), subject,
              unit.c_str(), floor, unit.c_str(), ratio, limit, ok ? "" : "  OVER THE LIMIT", floorWhat.c_str());
  std::fflush(stdout);
  return ok;
}

}  // namespace rolefit::bench
